"""The C1W4 application models: the original's seeded test values, PyTorch training and finite differences agree.

The models seed NumPy themselves (np.random.seed(1)) before initialising, so their first weights can be rebuilt
outside them with the same seed and the same initialiser, and handed to PyTorch or to a numerical gradient.
"""

import math

import numpy as np
import pytest
import torch

from dlspec.nn.deep import L_model_forward, compute_cost, initialize_parameters, initialize_parameters_deep
from dlspec.nn.deep_app import L_layer_model, initialize_parameters_deep_scaled, predict, two_layer_model


def original_fixture(labels=None):
    """The original's test data: np.random.seed(1), X = randn(10, 10), then its labels or a second randn draw."""
    np.random.seed(1)
    X = np.random.randn(10, 10)
    Y = np.random.randn(1, 10) if labels is None else np.array(labels).reshape(1, 10)
    return X, Y


def problem(seed, n_x, m):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (rng.permutation(m) % 2).reshape(1, m).astype(float)
    return X, Y


def initial(layers_dims, two_layer):
    np.random.seed(1)
    return initialize_parameters(*layers_dims) if two_layer else initialize_parameters_deep_scaled(layers_dims)


def torch_training(X, Y, params, learning_rate, num_iterations):
    """Batch gradient descent on the same network in PyTorch: ReLU layers, sigmoid output, mean BCE, plain SGD."""
    tensors = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    L = len(params) // 2
    costs = []
    optimiser = torch.optim.SGD(tensors.values(), lr=learning_rate)
    for i in range(num_iterations):
        A = torch.from_numpy(X)
        for l in range(1, L + 1):
            Z = tensors[f"W{l}"] @ A + tensors[f"b{l}"]
            A = torch.sigmoid(Z) if l == L else torch.relu(Z)
        cost = torch.nn.functional.binary_cross_entropy(A, torch.from_numpy(Y))
        if i % 100 == 0:
            costs.append(cost.item())
        optimiser.zero_grad()
        cost.backward()
        optimiser.step()
    return {k: t.detach().numpy() for k, t in tensors.items()}, costs


def assert_params_close(got, expected, rtol=1e-7, atol=1e-10):
    assert got.keys() == expected.keys()
    for key in expected:
        np.testing.assert_allclose(got[key], expected[key], rtol=rtol, atol=atol, err_msg=key)


# --- the original's values --------------------------------------------------------------------------------------


def test_two_layer_model_matches_the_original_test_values():
    X, Y = original_fixture()
    parameters, costs = two_layer_model(X, Y, (10, 4, 1), 0.0075, 2)
    np.testing.assert_allclose(costs, [0.69315968], atol=1e-8)
    np.testing.assert_allclose(parameters["W1"][0, :3], [0.01624965, -0.00610741, -0.00528734], atol=1e-8)
    np.testing.assert_allclose(
        parameters["b1"].ravel(), [1.10437111e-05, 1.78437869e-05, 3.74879549e-05, -4.42988824e-05], rtol=1e-6
    )
    np.testing.assert_allclose(parameters["W2"], [[-0.00200283, -0.00888593, -0.00751122, 0.01688162]], atol=1e-8)
    np.testing.assert_allclose(parameters["b2"], [[-0.00689018]], atol=1e-8)

    parameters, costs = two_layer_model(X, Y, (10, 4, 1), 0.1, 3)
    np.testing.assert_allclose(costs, [0.69315968], atol=1e-8)
    np.testing.assert_allclose(parameters["b1"].ravel(), [0.00027478, 0.00034477, 0.00076016, -0.00084497], atol=1e-8)
    np.testing.assert_allclose(parameters["W2"], [[-0.00358725, -0.00911995, -0.00831979, 0.01615845]], atol=1e-8)
    np.testing.assert_allclose(parameters["b2"], [[-0.13451354]], atol=1e-8)


def test_L_layer_model_matches_the_original_test_values():
    X, Y = original_fixture(labels=[1, 1, 1, 1, 0, 0, 0, 1, 1, 0])
    parameters, costs = L_layer_model(X, Y, (10, 5, 6, 1), 0.0075, 2)
    np.testing.assert_allclose(costs, [0.70723944], atol=1e-8)
    np.testing.assert_allclose(parameters["W1"][0, :3], [0.51384638, -0.19333098, -0.16705238], atol=1e-8)
    np.testing.assert_allclose(
        parameters["W3"], [[-0.09079199, -0.08117381, 0.07667568, 0.16665535, 0.08029575, 0.04805811]], atol=1e-8
    )
    np.testing.assert_allclose(parameters["b3"], [[0.0013201]], atol=1e-8)

    parameters, costs = L_layer_model(X, Y, (10, 5, 6, 1), 0.02, 3)
    np.testing.assert_allclose(costs, [0.70723944], atol=1e-8)
    np.testing.assert_allclose(parameters["W1"][0, :3], [0.51439065, -0.19296367, -0.16714033], atol=1e-8)
    np.testing.assert_allclose(
        parameters["W3"], [[-0.09087434, -0.07882982, 0.07821609, 0.16442826, 0.0783229, 0.04648216]], atol=1e-8
    )
    np.testing.assert_allclose(parameters["b3"], [[0.00525865]], atol=1e-8)


# --- the contract: seeding, cost schedule, printing ----------------------------------------------------------------


@pytest.mark.parametrize("model, dims", [(two_layer_model, (6, 4, 1)), (L_layer_model, [6, 5, 3, 1])])
def test_models_seed_themselves(model, dims):
    X, Y = problem(0, 6, 9)
    np.random.seed(123)
    first = model(X, Y, dims, 0.1, 5)
    np.random.seed(456)
    second = model(X, Y, dims, 0.1, 5)
    assert_params_close(second[0], first[0], rtol=0, atol=0)
    assert second[1] == first[1]


@pytest.mark.parametrize("model, dims", [(two_layer_model, (5, 3, 1)), (L_layer_model, [5, 4, 2, 1])])
@pytest.mark.parametrize("num_iterations", [1, 100, 101, 250])
def test_costs_are_floats_recorded_every_100_iterations_from_the_first(model, dims, num_iterations):
    X, Y = problem(1, 5, 8)
    _, costs = model(X, Y, dims, 0.05, num_iterations)
    assert len(costs) == math.ceil(num_iterations / 100)
    assert all(type(c) is float for c in costs)
    # the first entry is the cost of the untrained network
    AL, _ = L_model_forward(X, initial(dims, model is two_layer_model))
    assert costs[0] == pytest.approx(compute_cost(AL, Y), rel=1e-12)


def test_print_cost_reports_every_100_iterations_and_the_last(capsys):
    X, Y = problem(2, 4, 6)
    L_layer_model(X, Y, [4, 3, 1], 0.1, 250, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [f"Cost after iteration {i}" for i in (0, 100, 200, 249)]
    two_layer_model(X, Y, (4, 3, 1), 0.1, 250)
    assert capsys.readouterr().out == ""


# --- against PyTorch and finite differences --------------------------------------------------------------------


@pytest.mark.parametrize(
    "model, dims, m",
    [(two_layer_model, (8, 5, 1), 12), (L_layer_model, [8, 6, 4, 1], 12), (L_layer_model, [7, 1], 9)],
)
def test_training_matches_pytorch_sgd(model, dims, m):
    X, Y = problem(3, dims[0], m)
    parameters, costs = model(X, Y, dims, 0.2, 230)
    expected, expected_costs = torch_training(X, Y, initial(dims, model is two_layer_model), 0.2, 230)
    assert_params_close(parameters, expected)
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-9)


@pytest.mark.parametrize("model, dims", [(two_layer_model, (4, 3, 1)), (L_layer_model, [4, 3, 2, 1])])
def test_one_iteration_is_a_step_along_the_numerical_gradient(model, dims):
    X, Y = problem(4, 4, 5)
    start = initial(dims, model is two_layer_model)
    rate, eps = 0.5, 1e-6
    stepped, _ = model(X, Y, dims, rate, 1)
    for key, value in start.items():
        grad = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            cost = []
            for sign in (1, -1):
                shifted = {k: v.copy() for k, v in start.items()}
                shifted[key][idx] += sign * eps
                cost.append(compute_cost(L_model_forward(X, shifted)[0], Y))
            grad[idx] = (cost[0] - cost[1]) / (2 * eps)
        np.testing.assert_allclose(stepped[key], value - rate * grad, rtol=1e-6, atol=1e-8, err_msg=key)


# --- helpers ---------------------------------------------------------------------------------------------------


def test_scaled_initialiser_draws_like_the_week_4_one_with_another_scale():
    dims = [7, 5, 3, 1]
    np.random.seed(1)
    small = initialize_parameters_deep(dims)
    np.random.seed(1)
    scaled = initialize_parameters_deep_scaled(dims)
    for l in range(1, len(dims)):
        np.testing.assert_allclose(scaled[f"W{l}"], small[f"W{l}"] / 0.01 / np.sqrt(dims[l - 1]), rtol=1e-12)
        np.testing.assert_array_equal(scaled[f"b{l}"], np.zeros((dims[l], 1)))


def test_scaled_initialiser_keeps_pre_activations_near_unit_spread():
    np.random.seed(0)
    W = initialize_parameters_deep_scaled([2000, 50])["W1"]
    x = np.random.randn(2000, 400)
    assert 0.9 < np.std(W @ x) < 1.1
    assert 0.9 < np.std(W) * math.sqrt(2000) < 1.1


def test_predict_thresholds_the_output_at_one_half():
    # one sigmoid unit computing x1 - x2: outputs sigmoid(2), sigmoid(-2) and exactly 0.5, which is not above 0.5
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros((1, 1))}
    X = np.array([[2.0, 0.0, 1.0], [0.0, 2.0, 1.0]])
    labels = predict(X, params)
    assert labels.dtype == np.int64
    np.testing.assert_array_equal(labels, [[1, 0, 0]])


def test_predict_agrees_with_the_probabilities_of_a_deeper_network():
    X, _ = problem(5, 6, 40)
    np.random.seed(2)
    params = initialize_parameters_deep_scaled([6, 4, 1])
    params["b2"] = np.array([[0.3]])
    AL, _ = L_model_forward(X, params)
    labels = predict(X, params)
    assert labels.shape == (1, 40)
    np.testing.assert_array_equal(labels, (AL > 0.5).astype(int))
    assert 0 < labels.sum() < 40


def test_L_layer_model_learns_a_separable_problem():
    rng = np.random.default_rng(6)
    X = rng.standard_normal((3, 60))
    Y = (X[0:1] + X[1:2] > 0).astype(float)
    parameters, costs = L_layer_model(X, Y, [3, 5, 3, 1], 0.5, 1500)
    assert costs[-1] < costs[0] / 4
    assert np.mean(predict(X, parameters) == Y) >= 0.95
