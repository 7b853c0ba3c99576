"""Logistic regression (C1W2A2): the original's values, gradients by finite differences, and PyTorch agree."""

import numpy as np
import pytest
import torch

from dlspec.nn.logistic import initialize_with_zeros, model, optimize, predict, propagate

# The original notebook's fixtures (facts: shapes and numbers).
W = np.array([[1.0], [2.0]])
B = 2.0
X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
Y = np.array([[1, 0, 1]])


def problem(seed, n=4, m=9):
    rng = np.random.default_rng(seed)
    return rng.normal(0, 0.5, (n, 1)), float(rng.normal()), rng.normal(size=(n, m)), rng.integers(0, 2, (1, m))


def test_initialize_with_zeros_gives_a_zero_column_and_a_float_bias():
    w, b = initialize_with_zeros(2)
    assert w.shape == (2, 1) and not w.any()
    assert type(b) is float and b == 0.0
    assert initialize_with_zeros(12288)[0].shape == (12288, 1)


def test_propagate_matches_the_original_values():
    grads, cost = propagate(W, B, X, Y)
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], atol=1e-8)
    assert grads["db"] == pytest.approx(0.00145557813678, abs=1e-12)
    assert cost == pytest.approx(5.801545319394553, rel=1e-12)


def test_propagate_matches_the_newer_fixture():
    grads, cost = propagate(
        np.array([[1.0], [2.0]]), 1.5, np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]]), np.array([[1, 1, 0]])
    )
    np.testing.assert_allclose(grads["dw"], [[0.25071532], [-0.06604096]], atol=1e-8)
    assert grads["db"] == pytest.approx(-0.1250040450043965, rel=1e-10)
    assert cost == pytest.approx(0.15900537707692405, rel=1e-10)


def test_propagate_returns_python_floats_and_a_column_gradient():
    grads, cost = propagate(*problem(0))
    assert type(cost) is float and type(grads["db"]) is float
    assert grads["dw"].shape == (4, 1)


@pytest.mark.parametrize("seed", [1, 2])
def test_propagate_gradients_are_the_central_differences_of_the_cost(seed):
    w, b, X_, Y_ = problem(seed)
    grads, _ = propagate(w, b, X_, Y_)
    eps = 1e-6
    numeric_dw = np.zeros_like(w)
    for j in range(w.shape[0]):
        step = np.zeros_like(w)
        step[j] = eps
        numeric_dw[j] = (propagate(w + step, b, X_, Y_)[1] - propagate(w - step, b, X_, Y_)[1]) / (2 * eps)
    numeric_db = (propagate(w, b + eps, X_, Y_)[1] - propagate(w, b - eps, X_, Y_)[1]) / (2 * eps)
    np.testing.assert_allclose(grads["dw"], numeric_dw, rtol=1e-6, atol=1e-9)
    assert grads["db"] == pytest.approx(numeric_db, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("seed", [3, 4])
def test_propagate_agrees_with_torch_binary_cross_entropy_and_autograd(seed):
    w, b, X_, Y_ = problem(seed, n=6, m=11)
    tw = torch.tensor(w, requires_grad=True)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    logits = tw.T @ torch.tensor(X_) + tb
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor(Y_, dtype=torch.float64))
    loss.backward()
    grads, cost = propagate(w, b, X_, Y_)
    assert cost == pytest.approx(loss.item(), rel=1e-10)
    np.testing.assert_allclose(grads["dw"], tw.grad.numpy(), rtol=1e-10)
    assert grads["db"] == pytest.approx(tb.grad.item(), rel=1e-10)


def test_optimize_matches_the_original_values():
    params, grads, costs = optimize(W, B, X, Y, num_iterations=100, learning_rate=0.009)
    np.testing.assert_allclose(params["w"], [[0.19033591], [0.12259159]], atol=1e-8)
    assert params["b"] == pytest.approx(1.92535983008, rel=1e-10)
    np.testing.assert_allclose(grads["dw"], [[0.67752042], [1.41625495]], atol=1e-8)
    assert grads["db"] == pytest.approx(0.219194504541, rel=1e-10)
    assert costs == pytest.approx([5.801545319394553])


def test_optimize_records_a_cost_every_hundred_iterations():
    params, _, costs = optimize(W, B, X, Y, num_iterations=101, learning_rate=0.1)
    assert costs == pytest.approx([5.80154532, 0.31057104], rel=1e-7)
    np.testing.assert_allclose(params["w"], [[-0.70916784], [-0.42390859]], atol=1e-8)
    assert params["b"] == pytest.approx(2.26891346, rel=1e-8)
    assert len(optimize(W, B, X, Y, num_iterations=300, learning_rate=0.01)[2]) == 3
    assert type(params["b"]) is float


def test_optimize_leaves_the_callers_weights_alone():
    w = W.copy()
    optimize(w, B, X, Y, num_iterations=10, learning_rate=0.1)
    np.testing.assert_array_equal(w, W)


def test_optimize_agrees_with_torch_sgd():
    w, b, X_, Y_ = problem(5, n=3, m=8)
    tw = torch.tensor(w, requires_grad=True)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    sgd = torch.optim.SGD([tw, tb], lr=0.2)
    tX, tY = torch.tensor(X_), torch.tensor(Y_, dtype=torch.float64)
    for _ in range(250):
        sgd.zero_grad()
        torch.nn.functional.binary_cross_entropy_with_logits(tw.T @ tX + tb, tY).backward()
        sgd.step()
    params, _, _ = optimize(w, b, X_, Y_, num_iterations=250, learning_rate=0.2)
    np.testing.assert_allclose(params["w"], tw.detach().numpy(), rtol=1e-9)
    assert params["b"] == pytest.approx(tb.item(), rel=1e-9)


def test_predict_matches_the_original_examples():
    got = predict(np.array([[0.1124579], [0.23106775]]), -0.3, np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]]))
    np.testing.assert_array_equal(got, [[1.0, 1.0, 0.0]])
    got = predict(np.array([[0.3], [0.5], [-0.2]]), -0.33333, np.array([[1.0, -0.3, 1.5], [2, 0, 1], [0, -1.5, 2]]))
    np.testing.assert_array_equal(got, [[1.0, 0.0, 1.0]])
    assert got.shape == (1, 3) and got.dtype == np.float64


def test_predict_thresholds_the_probability_strictly_at_one_half():
    w, b = np.array([[1.0]]), 0.0
    np.testing.assert_array_equal(predict(w, b, np.array([[-1e-3, 0.0, 1e-3]])), [[0.0, 0.0, 1.0]])


def test_model_returns_every_key_and_learns_a_separable_problem():
    rng = np.random.default_rng(7)
    X_train, X_test = rng.normal(size=(3, 40)), rng.normal(size=(3, 20))
    direction = np.array([[1.0], [-2.0], [0.5]])
    Y_train = (direction.T @ X_train > 0).astype(int)
    Y_test = (direction.T @ X_test > 0).astype(int)
    d = model(X_train, Y_train, X_test, Y_test, num_iterations=500, learning_rate=0.5)
    assert set(d) == {"costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations"}
    assert d["learning_rate"] == 0.5 and d["num_iterations"] == 500 and len(d["costs"]) == 5
    assert d["costs"][0] == pytest.approx(np.log(2))  # zero weights: every probability is 1/2
    assert d["costs"][-1] < d["costs"][0]
    assert d["Y_prediction_train"].shape == (1, 40) and d["Y_prediction_test"].shape == (1, 20)
    assert np.mean(d["Y_prediction_train"] == Y_train) >= 0.95
    assert np.mean(d["Y_prediction_test"] == Y_test) >= 0.9
    params, _, _ = optimize(np.zeros((3, 1)), 0.0, X_train, Y_train, 500, 0.5)
    np.testing.assert_allclose(d["w"], params["w"])
    np.testing.assert_array_equal(d["Y_prediction_test"], predict(params["w"], params["b"], X_test))
