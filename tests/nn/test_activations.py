"""Activations and their cached forward/backward pairs agree with known values, PyTorch and finite differences."""

import numpy as np
import pytest
import torch

from dlspec.nn.activations import relu, relu_backward, relu_forward, sigmoid, sigmoid_backward, sigmoid_forward


def away_from_zero(rng, shape):
    """Normal values pushed away from 0, where ReLU has no derivative and finite differences straddle the kink."""
    Z = rng.standard_normal(shape)
    return Z + np.where(Z >= 0, 0.1, -0.1)


def numeric_dZ(f, Z, dA, eps=1e-6):
    """Central differences of sum(dA * f(Z)) with respect to every entry of Z."""
    dZ = np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        Zp, Zm = Z.copy(), Z.copy()
        Zp[idx] += eps
        Zm[idx] -= eps
        dZ[idx] = (np.sum(dA * f(Zp)) - np.sum(dA * f(Zm))) / (2 * eps)
    return dZ


def test_sigmoid_known_values():
    np.testing.assert_allclose(sigmoid(np.array([1.0, 2.0, 3.0])), [0.73105858, 0.88079708, 0.95257413], atol=1e-8)
    assert sigmoid(0.0) == 0.5
    assert np.isclose(sigmoid(1), 0.7310585786300049)


def test_relu_known_values():
    np.testing.assert_array_equal(relu(np.array([[-2.0, 0.0, 3.5]])), [[0.0, 0.0, 3.5]])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_plain_activations_match_torch(seed):
    Z = np.random.default_rng(seed).normal(0, 3, (4, 7))
    np.testing.assert_allclose(sigmoid(Z), torch.sigmoid(torch.from_numpy(Z)).numpy(), rtol=1e-12)
    np.testing.assert_array_equal(relu(Z), torch.relu(torch.from_numpy(Z)).numpy())


@pytest.mark.parametrize("forward, plain", [(sigmoid_forward, sigmoid), (relu_forward, relu)])
def test_cached_forward_returns_the_activation_and_caches_z(forward, plain):
    Z = np.random.default_rng(3).standard_normal((3, 5))
    A, cache = forward(Z)
    np.testing.assert_array_equal(A, plain(Z))
    assert cache is Z  # the backward pass needs Z itself, nothing more


@pytest.mark.parametrize(
    "forward, backward, torch_fn",
    [(sigmoid_forward, sigmoid_backward, torch.sigmoid), (relu_forward, relu_backward, torch.relu)],
)
@pytest.mark.parametrize("shape", [(1, 4), (3, 5), (6, 2)])
def test_backward_matches_torch_autograd(forward, backward, torch_fn, shape):
    rng = np.random.default_rng(sum(shape))
    Z, dA = away_from_zero(rng, shape), rng.standard_normal(shape)
    _, cache = forward(Z)
    Zt = torch.from_numpy(Z).requires_grad_()
    torch_fn(Zt).backward(torch.from_numpy(dA))
    np.testing.assert_allclose(backward(dA, cache), Zt.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("forward, backward", [(sigmoid_forward, sigmoid_backward), (relu_forward, relu_backward)])
def test_backward_matches_finite_differences(forward, backward):
    rng = np.random.default_rng(7)
    Z, dA = away_from_zero(rng, (3, 4)), rng.standard_normal((3, 4))
    _, cache = forward(Z)
    expected = numeric_dZ(lambda z: forward(z)[0], Z, dA)
    np.testing.assert_allclose(backward(dA, cache), expected, rtol=1e-6, atol=1e-8)


def test_relu_backward_blocks_non_positive_z_and_leaves_da_untouched():
    Z = np.array([[-1.0, 0.0, 2.0]])
    dA = np.array([[5.0, 6.0, 7.0]])
    np.testing.assert_array_equal(relu_backward(dA, Z), [[0.0, 0.0, 7.0]])
    np.testing.assert_array_equal(dA, [[5.0, 6.0, 7.0]])


def test_sigmoid_backward_peaks_at_zero():
    dZ = sigmoid_backward(np.ones((1, 3)), np.array([[-2.0, 0.0, 2.0]]))
    assert dZ[0, 1] == 0.25
    assert dZ[0, 0] == pytest.approx(dZ[0, 2]) and dZ[0, 0] < 0.25
