"""Batch norm against PyTorch (autograd, running averages) and central finite differences."""

import numpy as np
import torch

from dlspec.nn.batchnorm import batchnorm_backward, batchnorm_forward


def _inputs(seed, n=4, m=7):
    rng = np.random.default_rng(seed)
    Z = rng.normal(1.0, 2.0, (n, m))
    gamma, beta = rng.normal(size=(n, 1)), rng.normal(size=(n, 1))
    return Z, gamma, beta, rng.normal(size=(n, 1)), rng.uniform(0.5, 2.0, (n, 1))


def test_train_forward_backward_match_torch():
    Z, gamma, beta, rm, rv = _inputs(0)
    dout = np.random.default_rng(1).normal(size=Z.shape)
    out, cache, new_rm, new_rv = batchnorm_forward(Z, gamma, beta, rm, rv, "train", momentum=0.9, eps=1e-5)

    z = torch.tensor(Z.T, requires_grad=True)  # torch wants examples as rows
    g = torch.tensor(gamma[:, 0], requires_grad=True)
    b = torch.tensor(beta[:, 0], requires_grad=True)
    t_rm, t_rv = torch.tensor(rm[:, 0]), torch.tensor(rv[:, 0])
    y = torch.nn.functional.batch_norm(z, t_rm, t_rv, g, b, training=True, momentum=0.1, eps=1e-5)
    y.backward(torch.tensor(dout.T))
    np.testing.assert_allclose(out, y.detach().numpy().T, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(new_rm[:, 0], t_rm.numpy(), rtol=1e-12)
    # torch's running variance is the unbiased one; the course keeps the biased variance it normalises with.
    m = Z.shape[1]
    var = np.var(Z, axis=1)
    np.testing.assert_allclose(new_rv[:, 0], 0.9 * rv[:, 0] + 0.1 * var, rtol=1e-12)
    np.testing.assert_allclose(new_rv[:, 0], t_rv.numpy() - 0.1 * var / (m - 1), rtol=1e-12)

    dZ, dgamma, dbeta = batchnorm_backward(dout, cache)
    np.testing.assert_allclose(dZ, z.grad.numpy().T, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(dgamma[:, 0], g.grad.numpy(), rtol=1e-10)
    np.testing.assert_allclose(dbeta[:, 0], b.grad.numpy(), rtol=1e-10)


def test_test_mode_uses_running_statistics_like_torch():
    Z, gamma, beta, rm, rv = _inputs(2)
    out, _, same_rm, same_rv = batchnorm_forward(Z, gamma, beta, rm, rv, "test")
    y = torch.nn.functional.batch_norm(torch.tensor(Z.T), torch.tensor(rm[:, 0]), torch.tensor(rv[:, 0]),
                                       torch.tensor(gamma[:, 0]), torch.tensor(beta[:, 0]), training=False, eps=1e-5)
    np.testing.assert_allclose(out, y.numpy().T, rtol=1e-10)
    assert same_rm is rm and same_rv is rv


def test_train_output_is_normalised():
    Z, _, _, rm, rv = _inputs(3, n=3, m=50)
    n = Z.shape[0]
    out, *_ = batchnorm_forward(Z, np.ones((n, 1)), np.zeros((n, 1)), rm, rv)
    np.testing.assert_allclose(out.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=1), 1, atol=1e-5)


def test_backward_matches_finite_differences():
    Z, gamma, beta, rm, rv = _inputs(4, n=3, m=5)
    W = np.random.default_rng(5).normal(size=Z.shape)  # cost = sum(W * out), so dout = W

    def cost(Z_, gamma_, beta_):
        return np.sum(W * batchnorm_forward(Z_, gamma_, beta_, rm, rv)[0])

    _, cache, _, _ = batchnorm_forward(Z, gamma, beta, rm, rv)
    grads = batchnorm_backward(W, cache)
    params = [Z, gamma, beta]
    for i, grad in enumerate(grads):
        numeric = np.zeros_like(params[i])
        for idx in np.ndindex(params[i].shape):
            plus = [p.copy() for p in params]
            minus = [p.copy() for p in params]
            plus[i][idx] += 1e-6
            minus[i][idx] -= 1e-6
            numeric[idx] = (cost(*plus) - cost(*minus)) / 2e-6
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7)
