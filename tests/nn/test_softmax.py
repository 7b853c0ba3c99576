"""Softmax and cross-entropy against PyTorch and finite differences; sampling for the tuning lesson."""

import numpy as np
import torch

from dlspec.nn.softmax import softmax, softmax_cross_entropy
from dlspec.nn.tuning import sample_beta, sample_log_uniform


def _scores(seed, C=5, m=8):
    rng = np.random.default_rng(seed)
    Z = rng.normal(0, 3, (C, m))
    Y = np.eye(C)[:, rng.integers(0, C, m)]
    return Z, Y


def test_softmax_matches_torch_and_is_stable():
    Z, _ = _scores(0)
    np.testing.assert_allclose(softmax(Z), torch.softmax(torch.tensor(Z), dim=0).numpy(), rtol=1e-12)
    big = softmax(np.array([[1000.0, -1000.0], [1001.0, -999.0]]))
    np.testing.assert_allclose(big, [[1 / (1 + np.e), 1 / (1 + np.e)], [np.e / (1 + np.e), np.e / (1 + np.e)]])


def test_cross_entropy_matches_torch_autograd():
    Z, Y = _scores(1)
    cost, dZ = softmax_cross_entropy(Z, Y)
    z = torch.tensor(Z.T, requires_grad=True)
    loss = torch.nn.functional.cross_entropy(z, torch.tensor(Y.argmax(axis=0)))
    loss.backward()
    assert isinstance(cost, float)
    np.testing.assert_allclose(cost, loss.item(), rtol=1e-12)
    np.testing.assert_allclose(dZ, z.grad.numpy().T, rtol=1e-10, atol=1e-14)


def test_cross_entropy_finite_differences_and_extreme_scores():
    Z, Y = _scores(2, C=3, m=4)
    _, dZ = softmax_cross_entropy(Z, Y)
    numeric = np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        plus, minus = Z.copy(), Z.copy()
        plus[idx] += 1e-6
        minus[idx] -= 1e-6
        numeric[idx] = (softmax_cross_entropy(plus, Y)[0] - softmax_cross_entropy(minus, Y)[0]) / 2e-6
    np.testing.assert_allclose(dZ, numeric, rtol=1e-5, atol=1e-9)
    cost, _ = softmax_cross_entropy(np.array([[800.0], [0.0]]), np.array([[0.0], [1.0]]))
    assert np.isclose(cost, 800.0)


def test_log_uniform_sampling_covers_decades_evenly():
    np.random.seed(0)
    values = sample_log_uniform(1e-4, 1.0, 20000)
    assert values.shape == (20000,) and values.min() >= 1e-4 and values.max() <= 1.0
    counts = np.histogram(np.log10(values), bins=4, range=(-4, 0))[0]
    np.testing.assert_allclose(counts / 20000, 0.25, atol=0.02)


def test_beta_sampling_is_log_uniform_in_one_minus_beta():
    np.random.seed(1)
    betas = sample_beta(0.9, 0.999, 20000)
    assert betas.min() >= 0.9 and betas.max() <= 0.999
    counts = np.histogram(np.log10(1 - betas), bins=2, range=(-3, -1))[0]
    np.testing.assert_allclose(counts / 20000, 0.5, atol=0.02)
