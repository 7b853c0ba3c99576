"""Gradient checking (C2W1A3): the original's values, PyTorch's autograd for the 3-layer net, and the two
planted bugs found where they were planted."""

import numpy as np
import pytest
import torch

from dlspec.nn.gradcheck import (
    backward_propagation,
    backward_propagation_n,
    backward_propagation_n_fixed,
    dictionary_to_vector,
    forward_propagation,
    forward_propagation_n,
    gradient_check,
    gradient_check_n,
    gradients_to_vector,
    vector_to_dictionary,
)

KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]


def original_network():
    np.random.seed(1)
    X = np.random.randn(4, 3)
    Y = np.array([[1, 1, 0]])
    shapes = [(5, 4), (5, 1), (3, 5), (3, 1), (1, 3), (1, 1)]
    return {key: np.random.randn(*shape) for key, shape in zip(KEYS, shapes, strict=True)}, X, Y


def random_network(seed, n_x, n_1, n_2, m):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    parameters = {}
    for l, (n, n_prev) in enumerate([(n_1, n_x), (n_2, n_1), (1, n_2)], start=1):
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev))
        parameters[f"b{l}"] = rng.standard_normal((n, 1))
    return parameters, X, Y


def test_one_d_values_from_the_original():
    assert forward_propagation(2, 4) == 8
    assert backward_propagation(3, 4) == 3
    difference = gradient_check(3, 4)
    assert type(difference) is float
    assert difference == pytest.approx(7.814075313343006e-11, rel=1e-3)


def test_one_d_check_prints_a_verdict(capsys):
    gradient_check(3, 4, print_msg=True)
    assert "agrees" in capsys.readouterr().out


def test_original_network_difference_buggy_and_fixed():
    parameters, X, Y = original_network()
    _, cache = forward_propagation_n(X, Y, parameters)
    buggy = gradient_check_n(parameters, backward_propagation_n(X, Y, cache), X, Y)
    fixed = gradient_check_n(parameters, backward_propagation_n_fixed(X, Y, cache), X, Y)
    assert type(buggy) is float and type(fixed) is float
    assert buggy == pytest.approx(0.2850931567761623, rel=1e-6)
    assert fixed < 2e-7


def test_vector_round_trip_keeps_every_array():
    parameters, _, _ = random_network(0, 3, 6, 4, 5)
    theta, keys = dictionary_to_vector(parameters)
    assert theta.shape == (sum(p.size for p in parameters.values()), 1)
    assert keys[0] == "W1" and keys[-1] == "b3"
    back = vector_to_dictionary(theta, parameters)
    for key in KEYS:
        np.testing.assert_array_equal(back[key], parameters[key])
    gradients = {"d" + key: value for key, value in parameters.items()}
    np.testing.assert_array_equal(gradients_to_vector(gradients), theta)


def test_vector_to_dictionary_defaults_to_the_original_shapes():
    parameters, _, _ = original_network()
    theta, _ = dictionary_to_vector(parameters)
    assert {k: v.shape for k, v in vector_to_dictionary(theta).items()} == {k: v.shape for k, v in parameters.items()}


@pytest.mark.parametrize("seed,n_x,n_1,n_2,m", [(1, 4, 5, 3, 3), (2, 2, 7, 4, 6), (3, 6, 3, 2, 4)])
def test_forward_and_fixed_backward_match_pytorch(seed, n_x, n_1, n_2, m):
    parameters, X, Y = random_network(seed, n_x, n_1, n_2, m)
    cost, cache = forward_propagation_n(X, Y, parameters)
    grads = backward_propagation_n_fixed(X, Y, cache)

    t = {key: torch.tensor(value, requires_grad=True) for key, value in parameters.items()}
    A1 = torch.relu(t["W1"] @ torch.from_numpy(X) + t["b1"])
    A2 = torch.relu(t["W2"] @ A1 + t["b2"])
    Z3 = t["W3"] @ A2 + t["b3"]
    loss = torch.nn.functional.binary_cross_entropy_with_logits(Z3, torch.from_numpy(Y))
    loss.backward()

    assert cost == pytest.approx(loss.item(), rel=1e-10)
    for key in KEYS:
        np.testing.assert_allclose(grads["d" + key], t[key].grad.numpy(), rtol=1e-9, atol=1e-12)


def test_the_planted_bugs_are_in_dW2_and_db1_only():
    parameters, X, Y = original_network()
    _, cache = forward_propagation_n(X, Y, parameters)
    buggy, fixed = backward_propagation_n(X, Y, cache), backward_propagation_n_fixed(X, Y, cache)
    np.testing.assert_allclose(buggy["dW2"], 2 * fixed["dW2"])
    np.testing.assert_allclose(buggy["db1"], 4 * fixed["db1"])
    for key in ["dW1", "db2", "dW3", "db3"]:
        np.testing.assert_array_equal(buggy[key], fixed[key])
    assert np.any(fixed["dW2"] != 0) and np.any(fixed["db1"] != 0)


def test_fixed_backward_agrees_with_central_differences_coordinatewise():
    parameters, X, Y = random_network(5, 3, 4, 3, 5)
    _, cache = forward_propagation_n(X, Y, parameters)
    grad = gradients_to_vector(backward_propagation_n_fixed(X, Y, cache)).ravel()
    theta, _ = dictionary_to_vector(parameters)
    eps = 1e-6
    approx = np.empty(theta.shape[0])
    for i in range(theta.shape[0]):
        step = np.zeros_like(theta)
        step[i] = eps
        plus = forward_propagation_n(X, Y, vector_to_dictionary(theta + step, parameters))[0]
        minus = forward_propagation_n(X, Y, vector_to_dictionary(theta - step, parameters))[0]
        approx[i] = (plus - minus) / (2 * eps)
    np.testing.assert_allclose(grad, approx, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_gradient_check_n_separates_buggy_from_fixed_on_other_sizes(seed):
    parameters, X, Y = random_network(seed, 2 + seed % 3, 3 + seed % 4, 2 + seed % 2, 4)
    Y[0, :2] = [1, 0]
    _, cache = forward_propagation_n(X, Y, parameters)
    assert gradient_check_n(parameters, backward_propagation_n_fixed(X, Y, cache), X, Y) < 2e-7
    assert gradient_check_n(parameters, backward_propagation_n(X, Y, cache), X, Y) > 1e-2
