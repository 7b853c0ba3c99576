"""The PyTorch introduction's references: the original's values, NumPy formulas, and the NumPy/PyTorch bridge."""

import numpy as np
import pytest
import torch

from dlspec.course.c2w3a1.checks import SHAPES
from dlspec.nn.deep import initialize_parameters_deep
from dlspec.nn.torch_intro import (
    compute_total_loss,
    forward_propagation,
    initialize_parameters,
    linear_function,
    numpy_vs_torch,
    one_hot_matrix,
    sigmoid,
)


def test_linear_function_matches_the_original_values_under_seed_1():
    np.random.seed(1)
    Y = linear_function()
    assert Y.dtype == torch.float32 and Y.shape == (4, 1)
    np.testing.assert_allclose(Y.numpy().ravel(), [-2.15657382, 2.95891446, -1.08926781, -0.84538042], rtol=1e-6)


def test_sigmoid_values_and_dtype():
    assert sigmoid(0).item() == 0.5 and sigmoid(-1).dtype == torch.float32
    z = np.linspace(-5, 5, 7)
    np.testing.assert_allclose(sigmoid(torch.tensor(z)).numpy(), 1 / (1 + np.exp(-z)), rtol=1e-6)


@pytest.mark.parametrize(("label", "C"), [(0, 6), (5, 6), (2, 3), (9, 10)])
def test_one_hot_matrix_marks_only_the_label(label, C):
    v = one_hot_matrix(torch.tensor(label), C)
    assert v.shape == (C,) and v.dtype == torch.float32
    assert v[label] == 1 and v.sum() == 1


def test_initialize_parameters_shapes_gradients_and_glorot_scale():
    p = initialize_parameters()
    assert {k: tuple(v.shape) for k, v in p.items()} == SHAPES
    assert all(v.requires_grad and v.dtype == torch.float32 for v in p.values())
    assert abs(p["W1"].detach().std().item() / np.sqrt(2 / 809) - 1) < 0.02  # 19,600 draws: std known to <1%
    assert torch.equal(initialize_parameters()["W2"], p["W2"])  # seeded: the same every call


def test_forward_propagation_matches_numpy():
    rng = np.random.default_rng(0)
    p = {k: rng.standard_normal(s) for k, s in [("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)),
                                                ("W3", (2, 3)), ("b3", (2, 1))]}
    X = rng.standard_normal((4, 7))
    relu = lambda z: np.maximum(z, 0)  # noqa: E731
    expected = p["W3"] @ relu(p["W2"] @ relu(p["W1"] @ X + p["b1"]) + p["b2"]) + p["b3"]
    got = forward_propagation(torch.tensor(X), {k: torch.tensor(v) for k, v in p.items()})
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12)


def test_compute_total_loss_is_the_summed_softmax_cross_entropy_with_a_finite_difference_gradient():
    rng = np.random.default_rng(1)
    logits = rng.standard_normal((4, 6))
    labels = np.eye(4)[rng.integers(0, 4, 6)].T

    def loss_np(z):
        log_softmax = z - z.max(axis=0) - np.log(np.exp(z - z.max(axis=0)).sum(axis=0))
        return -np.sum(labels * log_softmax)

    t = torch.tensor(logits, requires_grad=True)
    loss = compute_total_loss(t, torch.tensor(labels))
    assert loss.shape == () and loss.item() == pytest.approx(loss_np(logits), rel=1e-12)
    loss.backward()
    eps, numeric = 1e-6, np.zeros_like(logits)
    for idx in np.ndindex(*logits.shape):
        up, down = logits.copy(), logits.copy()
        up[idx] += eps
        down[idx] -= eps
        numeric[idx] = (loss_np(up) - loss_np(down)) / (2 * eps)
    np.testing.assert_allclose(t.grad.numpy(), numeric, rtol=1e-6, atol=1e-8)


def test_numpy_vs_torch_agrees_to_rounding_for_other_weights_too():
    np.random.seed(3)
    p = initialize_parameters_deep([5, 4, 3, 1])
    p = {k: v * 100 for k, v in p.items()}  # big enough that the activations are not all near zero
    rng = np.random.default_rng(2)
    X, Y = rng.standard_normal((5, 8)), (rng.random((1, 8)) > 0.5).astype(float)
    difference = numpy_vs_torch(p, X, Y)
    assert type(difference) is float and difference < 1e-12
    p["W3"] = p["W3"] + 1e-3  # both sides see the same (changed) weights, so they still agree
    assert numpy_vs_torch(p, X, Y) < 1e-12
