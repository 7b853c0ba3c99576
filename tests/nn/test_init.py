"""Initialisers of Course 2 week 1: the original's seeded values, shapes, and the spread of each draw."""

import numpy as np
import pytest
import torch

from dlspec.data.circles import load_circles
from dlspec.nn.init import initialize_parameters_he, initialize_parameters_random, initialize_parameters_zeros

INITS = [initialize_parameters_zeros, initialize_parameters_random, initialize_parameters_he]


@pytest.mark.parametrize("init", INITS)
def test_keys_shapes_and_zero_biases(init):
    dims = [4, 7, 3, 2, 1]
    np.random.seed(0)
    params = init(dims)
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4"]
    for l in range(1, len(dims)):
        assert params[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert params[f"b{l}"].shape == (dims[l], 1)
        assert np.all(params[f"b{l}"] == 0)


def test_zeros_are_all_zero():
    params = initialize_parameters_zeros([3, 2, 1])
    assert all(np.all(v == 0) for v in params.values())


def test_random_matches_the_original_seeded_values():
    np.random.seed(3)
    params = initialize_parameters_random([3, 2, 1])
    np.testing.assert_allclose(
        params["W1"], [[17.88628473, 4.36509851, 0.96497468], [-18.63492703, -2.77388203, -3.54758979]]
    )
    np.testing.assert_allclose(params["W2"], [[-0.82741481, -6.27000677]])


def test_he_matches_the_original_seeded_values():
    np.random.seed(3)
    params = initialize_parameters_he([3, 2, 1])
    np.testing.assert_allclose(
        params["W1"], [[1.46040903, 0.3564088, 0.07878985], [-1.52153542, -0.22648652, -0.28965949]]
    )
    np.testing.assert_allclose(params["W2"], [[-0.08274148, -0.62700068]])


def test_random_weights_have_spread_ten():
    np.random.seed(1)
    W = initialize_parameters_random([100, 200, 1])["W1"]
    assert abs(np.std(W) - 10) < 0.3  # 20000 draws: the sample std is within about 0.05 of 10
    assert abs(np.mean(W)) < 0.3


def test_he_spread_matches_pytorch_kaiming_normal():
    # PyTorch's kaiming_normal_ (fan_in, ReLU gain) is He initialisation; both draws should share one spread.
    fan_in, fan_out = 50, 400
    np.random.seed(2)
    ours = initialize_parameters_he([fan_in, fan_out, 1])["W1"]
    theirs = torch.empty(fan_out, fan_in, dtype=torch.float64)
    torch.manual_seed(2)
    torch.nn.init.kaiming_normal_(theirs, mode="fan_in", nonlinearity="relu")
    expected = np.sqrt(2 / fan_in)
    assert abs(np.std(ours) / expected - 1) < 0.05
    assert abs(theirs.std().item() / expected - 1) < 0.05


def test_he_keeps_the_signal_through_deep_relu_layers():
    # The point of He scaling: the mean square of ReLU activations neither dies out nor blows up with depth.
    np.random.seed(4)
    dims = [300] * 11
    params = initialize_parameters_he(dims)
    A = np.random.randn(300, 200)
    for l in range(1, len(dims)):
        A = np.maximum(0, params[f"W{l}"] @ A + params[f"b{l}"])
    ratio = np.mean(A**2) / np.mean(np.random.randn(300, 200) ** 2 / 2)
    assert 0.3 < ratio < 3
    # Large random weights explode instead: each layer multiplies the scale by about 10 * sqrt(n / 2).
    big = initialize_parameters_random([300, 300])["W1"]
    assert np.mean(np.maximum(0, big @ np.random.randn(300, 200)) ** 2) > 1e4


def test_circles_shapes_labels_and_rings():
    train_X, train_Y, test_X, test_Y = load_circles()
    assert train_X.shape == (2, 300) and train_Y.shape == (1, 300)
    assert test_X.shape == (2, 100) and test_Y.shape == (1, 100)
    assert set(np.unique(train_Y)) == {0, 1} and train_Y.mean() == 0.5
    radius = np.linalg.norm(train_X, axis=0)
    # Class 1 is the inner ring (radius 0.8), class 0 the outer (radius 1), both with a little noise.
    assert radius[train_Y[0] == 1].mean() < 0.85 < radius[train_Y[0] == 0].mean()
    assert not np.allclose(train_X[:, :100], test_X)


def test_circles_are_reproducible():
    a, b = load_circles(), load_circles()
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(load_circles(seed=2)[0], a[0])
