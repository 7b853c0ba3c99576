"""Gradient checking: compare backpropagation with a two-sided finite difference (Course 2 week 1).

The 1-D part checks J(theta) = theta * x. The n-D part checks a 3-layer network (LINEAR -> RELU -> LINEAR -> RELU
-> LINEAR -> SIGMOID) whose parameters are flattened into one column vector, nudged one coordinate at a time.

``backward_propagation_n`` keeps the original's two planted bugs (in ``dW2`` and ``db1``) so that the learner's
gradient check has something to find; ``backward_propagation_n_fixed`` is the corrected version for the second run.

``numerical_gradient`` is the same two-sided difference for any array a cost depends on (later lessons check
their backward passes with it).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

PARAMETER_KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]
# The original's network: 4 inputs, 5 and 3 hidden units, 1 output. vector_to_dictionary falls back to it.
ORIGINAL_SHAPES = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}


def forward_propagation(x, theta):
    """The 1-D "network": J(theta) = theta * x.

    Arguments:
    x -- a real-valued input
    theta -- the single parameter, a real number

    Returns:
    J -- the value of the function at theta
    """
    J = theta * x
    return J


def backward_propagation(x, theta):
    """The derivative of J(theta) = theta * x with respect to theta, worked out by hand.

    Arguments:
    x -- a real-valued input
    theta -- the single parameter, a real number

    Returns:
    dtheta -- the gradient of J with respect to theta
    """
    dtheta = x
    return dtheta


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """Check backward_propagation against a two-sided difference of forward_propagation at theta.

    Arguments:
    x -- a real-valued input
    theta -- the single parameter, a real number
    epsilon -- the small shift of theta used by the finite difference
    print_msg -- if True, print whether the gradient looks right

    Returns:
    difference -- a Python float: the relative difference between the approximate and the backprop gradient
    """
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)

    grad = backward_propagation(x, theta)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = float(numerator / denominator)

    if print_msg:
        if difference > 2e-7:
            print(f"Backprop disagrees with the estimate: difference = {difference:.4g}, look for a bug.")
        else:
            print(f"Backprop agrees with the estimate: difference = {difference:.4g}.")
    return difference


def dictionary_to_vector(parameters: dict) -> tuple[np.ndarray, list[str]]:
    """Flatten W1, b1, W2, b2, W3, b3 (in that order) into one column vector; also name each coordinate."""
    pieces, keys = [], []
    for key in PARAMETER_KEYS:
        column = parameters[key].reshape(-1, 1)
        pieces.append(column)
        keys += [key] * column.shape[0]
    return np.concatenate(pieces, axis=0), keys


def vector_to_dictionary(theta: np.ndarray, like: dict | None = None) -> dict:
    """Undo dictionary_to_vector: cut ``theta`` back into W1..b3 with the shapes of the arrays in ``like``.

    Without ``like`` the original's fixed shapes (a 4-5-3-1 network) are used.
    """
    shapes = ORIGINAL_SHAPES if like is None else {key: like[key].shape for key in PARAMETER_KEYS}
    parameters, start = {}, 0
    for key in PARAMETER_KEYS:
        size = int(np.prod(shapes[key]))
        parameters[key] = theta[start:start + size].reshape(shapes[key])
        start += size
    return parameters


def gradients_to_vector(gradients: dict) -> np.ndarray:
    """Flatten dW1, db1, dW2, db2, dW3, db3 (in that order) into one column vector matching dictionary_to_vector."""
    return np.concatenate([gradients["d" + key].reshape(-1, 1) for key in PARAMETER_KEYS], axis=0)


def forward_propagation_n(X: np.ndarray, Y: np.ndarray, parameters: dict) -> tuple[float, tuple]:
    """Forward pass of the 3-layer network and its cross-entropy cost.

    X is (n_x, m), Y is (1, m) of 0/1 labels. Returns the cost (a float) and the cache for the backward pass.
    """
    m = X.shape[1]
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]

    Z1 = np.dot(W1, X) + b1
    A1 = np.maximum(0, Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = np.maximum(0, Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = 1 / (1 + np.exp(-Z3))

    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = float(np.sum(log_probs) / m)
    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return cost, cache


def _backward_n(X: np.ndarray, Y: np.ndarray, cache: tuple, dW2_factor: float, db1_factor: float) -> dict:
    """Backward pass of the 3-layer network; the factors let the buggy helper scale two gradients by mistake."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = dW2_factor / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = db1_factor / m * np.sum(dZ1, axis=1, keepdims=True)

    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def backward_propagation_n(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict:
    """Backward pass of the 3-layer network, as handed over to you: it has two bugs for gradient checking to find."""
    # The original's planted bugs: dW2 doubled and db1 multiplied by 4.
    return _backward_n(X, Y, cache, dW2_factor=2.0, db1_factor=4.0)


def backward_propagation_n_fixed(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict:
    """Backward pass of the 3-layer network with both bugs fixed."""
    return _backward_n(X, Y, cache, dW2_factor=1.0, db1_factor=1.0)


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Check the gradients of the 3-layer network against two-sided differences, one parameter at a time.

    Arguments:
    parameters -- dict with "W1", "b1", "W2", "b2", "W3", "b3" (any layer sizes)
    gradients -- dict from backward_propagation_n with "dW1", "db1", ..., "db3" of the same shapes
    X -- inputs, shape (n_x, m)
    Y -- 0/1 labels, shape (1, m)
    epsilon -- the small shift applied to one parameter at a time
    print_msg -- if True, print whether the gradients look right

    Returns:
    difference -- a Python float: the relative difference between the approximate and the backprop gradient
    """
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))

        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))

        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = float(numerator / denominator)

    if print_msg:
        if difference > 2e-7:
            print(f"Backprop disagrees with the estimate: difference = {difference:.4g}, look for a bug.")
        else:
            print(f"Backprop agrees with the estimate: difference = {difference:.4g}.")
    return difference


def numerical_gradient(cost: Callable[[], float], x: np.ndarray, epsilon: float = 1e-6) -> np.ndarray:
    """d cost / d x by two-sided differences, one entry of ``x`` at a time: ``x`` is nudged in place and restored,
    and ``cost()`` must read it afresh on every call."""
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + epsilon
        plus = cost()
        x[index] = saved - epsilon
        minus = cost()
        x[index] = saved
        grad[index] = (plus - minus) / (2 * epsilon)
    return grad
