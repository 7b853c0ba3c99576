"""The regularised 3-layer network: known values, finite differences in float64, and PyTorch parity for L2."""

from __future__ import annotations

import numpy as np
import torch

from dlspec.data.field import load_field
from dlspec.nn.deep import compute_cost
from dlspec.nn.regularization import (
    backward_propagation,
    backward_propagation_with_dropout,
    backward_propagation_with_regularization,
    compute_cost_with_regularization,
    forward_propagation,
    forward_propagation_with_dropout,
)

KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def _parameters(seed=1, dims=(3, 4, 3, 1)):
    rng = np.random.default_rng(seed)
    return {f"{k}{l}": rng.standard_normal((dims[l], dims[l - 1] if k == "W" else 1))
            for l in range(1, 4) for k in "Wb"}


def _data(seed=2, n_x=3, m=6):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_x, m)), (rng.random((1, m)) > 0.5).astype(float)


def _numeric_grad(f, parameters, key, eps=1e-6):
    grad = np.zeros_like(parameters[key])
    for idx in np.ndindex(grad.shape):
        old = parameters[key][idx]
        parameters[key][idx] = old + eps
        plus = f()
        parameters[key][idx] = old - eps
        minus = f()
        parameters[key][idx] = old
        grad[idx] = (plus - minus) / (2 * eps)
    return grad


def test_cost_with_regularization_matches_the_original_example():
    np.random.seed(1)
    Y = np.array([[1, 1, 0, 1, 0]])
    parameters = {}
    for key, shape in [("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))]:
        parameters[key] = np.random.randn(*shape)
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    cost = compute_cost_with_regularization(A3, Y, parameters, 0.1)
    assert isinstance(cost, float)
    assert np.isclose(cost, 1.7864859451590758)


def test_cost_without_lambda_is_the_cross_entropy():
    X, Y = _data()
    parameters = _parameters()
    A3, _ = forward_propagation(X, parameters)
    assert np.isclose(compute_cost_with_regularization(A3, Y, parameters, 0.0), compute_cost(A3, Y))


def test_backward_with_regularization_matches_finite_differences():
    X, Y = _data()
    parameters, lambd = _parameters(), 0.7

    def cost():
        return compute_cost_with_regularization(forward_propagation(X, parameters)[0], Y, parameters, lambd)

    grads = backward_propagation_with_regularization(X, Y, forward_propagation(X, parameters)[1], lambd)
    for key in KEYS:
        assert np.allclose(grads["d" + key], _numeric_grad(cost, parameters, key), atol=1e-7), key


def test_backward_with_dropout_matches_finite_differences_for_fixed_masks():
    X, Y = _data(m=8)
    parameters, keep_prob = _parameters(), 0.8
    np.random.seed(4)
    _, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
    D1, D2 = cache[1], cache[6]
    assert 0 < D1.mean() < 1 and 0 < D2.mean() < 1  # both masks really drop something

    def cost():
        # The same masks every time: dropout's gradient is the gradient of the network thinned by these masks.
        Z1 = parameters["W1"] @ X + parameters["b1"]
        A1 = np.maximum(0, Z1) * D1 / keep_prob
        A2 = np.maximum(0, parameters["W2"] @ A1 + parameters["b2"]) * D2 / keep_prob
        A3 = 1 / (1 + np.exp(-(parameters["W3"] @ A2 + parameters["b3"])))
        return compute_cost(A3, Y)

    grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
    for key in KEYS:
        assert np.allclose(grads["d" + key], _numeric_grad(cost, parameters, key), atol=1e-7), key


def test_backward_matches_finite_differences():
    X, Y = _data()
    parameters = _parameters(seed=3)
    grads = backward_propagation(X, Y, forward_propagation(X, parameters)[1])
    for key in KEYS:
        num = _numeric_grad(lambda: compute_cost(forward_propagation(X, parameters)[0], Y), parameters, key)
        assert np.allclose(grads["d" + key], num, atol=1e-7), key


def test_l2_gradient_matches_torch_weight_decay():
    X, Y = _data(m=10)
    parameters, lambd = _parameters(seed=5), 0.7
    m = X.shape[1]
    t = {k: torch.tensor(v, requires_grad=True) for k, v in parameters.items()}
    A1 = torch.relu(t["W1"] @ torch.tensor(X) + t["b1"])
    A2 = torch.relu(t["W2"] @ A1 + t["b2"])
    Z3 = t["W3"] @ A2 + t["b3"]
    loss = torch.nn.functional.binary_cross_entropy_with_logits(Z3, torch.tensor(Y))
    loss.backward()
    # SGD's weight_decay adds wd * W to the gradient; the L2 term of the cost is that with wd = lambd / m.
    grads = backward_propagation_with_regularization(X, Y, forward_propagation(X, parameters)[1], lambd)
    for key in KEYS:
        want = t[key].grad.numpy() + (lambd / m * parameters[key] if key.startswith("W") else 0)
        assert np.allclose(grads["d" + key], want), key
    penalty = sum(float((t[k].detach() ** 2).sum()) for k in ("W1", "W2", "W3")) * lambd / (2 * m)
    A3 = forward_propagation(X, parameters)[0]
    assert np.isclose(compute_cost_with_regularization(A3, Y, parameters, lambd), float(loss.detach()) + penalty)


def test_dropout_masks_follow_keep_prob_and_scale_the_hidden_layers():
    X, _ = _data(m=2000)
    parameters, keep_prob = _parameters(dims=(3, 20, 10, 1)), 0.7
    np.random.seed(1)
    A3, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
    Z1, D1, A1, _, _, Z2, D2, A2 = cache[:8]
    assert set(np.unique(D1)) <= {0, 1} and set(np.unique(D2)) <= {0, 1}
    assert abs(D1.mean() - keep_prob) < 0.02 and abs(D2.mean() - keep_prob) < 0.02
    assert np.allclose(A1, np.maximum(0, Z1) * D1 / keep_prob)
    assert np.allclose(A2, np.maximum(0, Z2) * D2 / keep_prob)
    assert A3.shape == (1, 2000)


def test_dropout_with_keep_prob_one_is_the_plain_forward_pass():
    X, _ = _data()
    parameters = _parameters()
    assert np.allclose(forward_propagation_with_dropout(X, parameters, 1.0)[0], forward_propagation(X, parameters)[0])


def test_field_data_shapes_and_labels_are_stable():
    train_X, train_Y, test_X, test_Y = load_field()
    assert train_X.shape == (2, 211) and train_Y.shape == (1, 211)
    assert test_X.shape == (2, 200) and test_Y.shape == (1, 200)
    assert set(np.unique(train_Y)) == {0, 1} and 0.3 < train_Y.mean() < 0.7
    assert all(np.array_equal(a, b) for a, b in zip(load_field(), (train_X, train_Y, test_X, test_Y), strict=True))
    assert not np.allclose(train_X[:, :5], test_X[:, :5])
