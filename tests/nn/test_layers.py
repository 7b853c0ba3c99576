"""Each layer's backward pass against centred finite differences, in float64 so the check is sharp."""

import numpy as np
import pytest

from dlspec.nn.gradcheck import numerical_gradient as numeric_grad
from dlspec.nn.layers import BatchNorm, Dropout, Linear, ReLU, Sigmoid


def check_layer(layer, X, rng):
    """Cost = sum(R * forward(X)) for a fixed random R, so dout = R; compare dX and every parameter gradient."""
    out = layer.forward(X)
    R = rng.standard_normal(out.shape)
    dX = layer.backward(R.copy())
    cost = lambda: float(np.sum(R * layer.forward(X)))  # noqa: E731
    np.testing.assert_allclose(dX, numeric_grad(cost, X), rtol=1e-5, atol=1e-7)
    assert layer.params == {} or any(np.abs(g).sum() > 0 for g in layer.grads.values())
    for k, p in layer.params.items():
        layer.forward(X)
        layer.backward(R.copy())
        analytic = layer.grads[k].copy()
        np.testing.assert_allclose(analytic, numeric_grad(cost, p), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("make", [
    lambda rng: Linear(4, 3, rng=rng, dtype=np.float64),
    lambda rng: ReLU(),
    lambda rng: Sigmoid(),
    lambda rng: BatchNorm(4, dtype=np.float64),
])
def test_backward_matches_finite_differences(make):
    rng = np.random.default_rng(0)
    layer = make(rng)
    X = rng.standard_normal((4, 5))
    check_layer(layer, X, rng)


def test_dropout_backward_matches_finite_differences_for_a_fixed_mask():
    rng = np.random.default_rng(1)
    layer = Dropout(0.7, rng=np.random.default_rng(2))
    X = rng.standard_normal((4, 6))
    out = layer.forward(X)
    R = rng.standard_normal(out.shape)
    dX = layer.backward(R)
    mask = layer.mask.copy()
    np.testing.assert_allclose(dX, numeric_grad(lambda: float(np.sum(R * X * mask)), X), rtol=1e-5)
    kept = mask != 0
    assert 0 < kept.mean() < 1
    np.testing.assert_allclose(out[kept], X[kept] / 0.7)


def test_dropout_and_batchnorm_switch_off_in_evaluation():
    X = np.random.default_rng(3).standard_normal((3, 8))
    drop = Dropout(0.5, rng=np.random.default_rng(0))
    drop.training = False
    np.testing.assert_array_equal(drop.forward(X), X)
    bn = BatchNorm(3, dtype=np.float64)
    bn.training = False
    # Fresh running statistics are mean 0, variance 1: evaluation leaves X (almost) unchanged.
    np.testing.assert_allclose(bn.forward(X), X / np.sqrt(1 + 1e-5))


def test_linear_keeps_float32_and_the_column_convention():
    layer = Linear(784, 16, rng=np.random.default_rng(0))
    Z = layer.forward(np.ones((784, 32), dtype=np.float32))
    assert Z.shape == (16, 32) and Z.dtype == np.float32
    dX = layer.backward(np.ones((16, 32), dtype=np.float32))
    assert dX.dtype == np.float32 and layer.grads["W"].dtype == np.float32
