"""NumPy basics (C1W2A1): the original's values, derivatives by finite differences, and PyTorch agree."""

import math

import numpy as np
import pytest
import torch

from dlspec.nn.basics import L1, L2, basic_sigmoid, image2vector, normalize_rows, sigmoid_derivative, softmax

YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
Y = np.array([1, 0, 0, 1, 1])


def test_basic_sigmoid_matches_the_original_value_and_is_a_python_float():
    s = basic_sigmoid(1)
    assert type(s) is float
    assert s == pytest.approx(0.7310585786300049, abs=1e-15)
    assert basic_sigmoid(0) == 0.5
    assert basic_sigmoid(-3.0) == pytest.approx(1 - basic_sigmoid(3.0))


@pytest.mark.parametrize("x", [-20.0, -1.5, 0.0, 0.3, 7.0])
def test_basic_sigmoid_agrees_with_torch(x):
    assert basic_sigmoid(x) == pytest.approx(torch.sigmoid(torch.tensor(x, dtype=torch.float64)).item(), rel=1e-12)


def test_sigmoid_derivative_matches_the_original_values():
    np.testing.assert_allclose(sigmoid_derivative(np.array([1, 2, 3])), [0.19661193, 0.10499359, 0.04517666], atol=1e-8)
    assert sigmoid_derivative(0.0) == 0.25


def test_sigmoid_derivative_is_the_central_difference_of_the_sigmoid():
    x = np.random.default_rng(0).uniform(-6, 6, size=(4, 5))
    eps = 1e-6
    numeric = (np.vectorize(basic_sigmoid)(x + eps) - np.vectorize(basic_sigmoid)(x - eps)) / (2 * eps)
    np.testing.assert_allclose(sigmoid_derivative(x), numeric, rtol=1e-7, atol=1e-10)


def test_sigmoid_derivative_agrees_with_torch_autograd():
    x = np.random.default_rng(1).normal(0, 3, size=(3, 7))
    t = torch.tensor(x, requires_grad=True)
    torch.sigmoid(t).sum().backward()
    np.testing.assert_allclose(sigmoid_derivative(x), t.grad.numpy(), rtol=1e-12)


def test_image2vector_is_a_row_major_column():
    image = np.arange(18.0).reshape(3, 3, 2)
    v = image2vector(image)
    assert v.shape == (18, 1)
    np.testing.assert_array_equal(v[:, 0], np.arange(18.0))
    odd = np.random.default_rng(2).random((4, 5, 3))
    assert image2vector(odd).shape == (60, 1)
    assert image2vector(odd)[7, 0] == odd[0, 2, 1]  # row-major: index 7 = (0, 2, 1) in a 5x3 grid per row


def test_normalize_rows_matches_the_original_example():
    got = normalize_rows(np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]]))
    np.testing.assert_allclose(got, [[0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]], atol=1e-8)


def test_normalize_rows_gives_unit_rows_and_agrees_with_torch():
    x = np.random.default_rng(3).normal(size=(5, 4))
    got = normalize_rows(x)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, rtol=1e-12)
    expected = torch.nn.functional.normalize(torch.tensor(x), p=2, dim=1).numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_normalize_rows_leaves_its_input_alone():
    x = np.array([[3.0, 4.0]])
    normalize_rows(x)
    np.testing.assert_array_equal(x, [[3.0, 4.0]])


def test_softmax_matches_the_original_example():
    got = softmax(np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]))
    expected = [
        [9.80897665e-01, 8.94462891e-04, 1.79657674e-02, 1.21052389e-04, 1.21052389e-04],
        [8.78679856e-01, 1.18916387e-01, 8.01252314e-04, 8.01252314e-04, 8.01252314e-04],
    ]
    np.testing.assert_allclose(got, expected, rtol=1e-7)


@pytest.mark.parametrize("shape", [(1, 6), (4, 3), (3, 3)])
def test_softmax_rows_sum_to_one_and_agree_with_torch(shape):
    x = np.random.default_rng(4).normal(0, 3, size=shape)
    got = softmax(x)
    np.testing.assert_allclose(got.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(got, torch.softmax(torch.tensor(x), dim=1).numpy(), rtol=1e-12)


def test_losses_match_the_original_values():
    assert L1(YHAT, Y) == pytest.approx(1.1, abs=1e-12)
    assert L2(YHAT, Y) == pytest.approx(0.43, abs=1e-12)
    assert isinstance(L1(YHAT, Y), float) and isinstance(L2(YHAT, Y), float)


def test_losses_agree_with_torch_summed_losses():
    rng = np.random.default_rng(5)
    yhat, y = rng.random(9), rng.integers(0, 2, 9).astype(float)
    ty, tyhat = torch.tensor(y), torch.tensor(yhat)
    assert L1(yhat, y) == pytest.approx(torch.nn.functional.l1_loss(tyhat, ty, reduction="sum").item(), rel=1e-12)
    assert L2(yhat, y) == pytest.approx(torch.nn.functional.mse_loss(tyhat, ty, reduction="sum").item(), rel=1e-12)


def test_l2_gradient_is_the_central_difference():
    # dL2/dyhat = -2 (y - yhat); checks that L2 is the plain sum of squares (no sqrt, no mean).
    rng = np.random.default_rng(6)
    yhat, y = rng.random(6), rng.random(6)
    eps = 1e-6
    for i in range(6):
        step = np.zeros(6)
        step[i] = eps
        numeric = (L2(yhat + step, y) - L2(yhat - step, y)) / (2 * eps)
        assert numeric == pytest.approx(-2 * (y[i] - yhat[i]), rel=1e-6, abs=1e-9)
    assert math.isclose(L2(y, y), 0.0)
