"""Correct solutions of C2W1A3 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.gradcheck import (
    backward_propagation,
    dictionary_to_vector,
    forward_propagation,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)


@variant("forward_propagation")
def forward_multiply(x, theta):
    return np.multiply(x, theta)


@variant("forward_propagation")
def forward_dot(x, theta):
    return np.dot(x, theta)


@variant("backward_propagation")
def backward_difference_quotient(x, theta):
    # J is linear in theta, so one unit step gives the slope exactly.
    return forward_propagation(x, theta + 1) - forward_propagation(x, theta)


@variant("backward_propagation")
def backward_copy(x, theta):
    return np.float64(x)


@variant("gradient_check")
def check_abs(x, theta, epsilon=1e-7, print_msg=False):
    grad = backward_propagation(x, theta)
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


@variant("gradient_check")
def check_arrays(x, theta, epsilon=1e-7, print_msg=False):
    thetas = np.array([theta + epsilon, theta - epsilon])
    J = forward_propagation(x, thetas)
    gradapprox = np.array([(J[0] - J[1]) / (2 * epsilon)])
    grad = np.array([backward_propagation(x, theta)], dtype=float)
    denominator = np.sqrt(np.sum(grad**2)) + np.sqrt(np.sum(gradapprox**2))
    return float(np.sqrt(np.sum((grad - gradapprox) ** 2)) / denominator)


@variant("gradient_check_n")
def check_n_on_dicts(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    # Nudge each entry of each array in place of a copy of the dict, never flattening the parameters.
    approx = []
    for key in ["W1", "b1", "W2", "b2", "W3", "b3"]:
        for index in np.ndindex(parameters[key].shape):
            costs = []
            for delta in (epsilon, -epsilon):
                nudged = {k: v.copy() for k, v in parameters.items()}
                nudged[key][index] += delta
                costs.append(forward_propagation_n(X, Y, nudged)[0])
            approx.append((costs[0] - costs[1]) / (2 * epsilon))
    gradapprox = np.array(approx).reshape(-1, 1)
    grad = gradients_to_vector(gradients)
    return float(np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))


@variant("gradient_check_n")
def check_n_basis_vectors(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    n = values.shape[0]
    shapes = [(key, parameters[key].shape) for key in ["W1", "b1", "W2", "b2", "W3", "b3"]]
    ends = np.cumsum([int(np.prod(shape)) for _, shape in shapes])

    def cost(theta):
        pieces = np.split(theta.ravel(), ends[:-1])
        return forward_propagation_n(X, Y, {key: p.reshape(s) for (key, s), p in zip(shapes, pieces, strict=True)})[0]

    basis = np.eye(n) * epsilon
    gradapprox = np.array([[cost(values.ravel() + e) - cost(values.ravel() - e)] for e in basis]) / (2 * epsilon)
    grad = gradients_to_vector(gradients)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@variant("gradient_check_n")
def check_n_nudges_in_place_and_restores(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    # no copies: nudge one coordinate up, then down, then back, in the one vector
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(theta)
    for i in range(len(theta)):
        theta[i] += epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta, parameters))[0]
        theta[i] -= 2 * epsilon
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta, parameters))[0]
        theta[i] += epsilon
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return float(np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))
