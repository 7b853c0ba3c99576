"""Whole models built from the week-4 blocks: the 2-layer and the L-layer image classifiers of Course 1 week 4
(the application assignment), and the helpers they need.

Both models keep the original's contract, on which its tests (and so a notebook saved from the original) rely:

* ``np.random.seed(1)`` runs inside, just before the weights are drawn, so the same call trains the same network;
* ``costs`` holds the cost at iterations 0, 100, 200, ... (computed before that iteration's update). The original
  also printed the last iteration's cost, but never recorded it; neither do we, so ``len(costs)`` is
  ``ceil(num_iterations / 100)``;
* the L-layer model draws its weights with ``initialize_parameters_deep_scaled`` (``randn / sqrt(n_prev)``), as
  the original's ``dnn_app_utils`` did under the name ``initialize_parameters_deep``: with the week-4 ``* 0.01``
  a deep stack on 12288 inputs starts with vanishing signals and its cost barely moves.

Only the names the notebook imports are imported here, because the two models are pasted verbatim into it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dlspec.nn.deep import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    linear_activation_backward,
    linear_activation_forward,
    update_parameters,
)


def initialize_parameters_deep_scaled(layer_dims: Sequence[int]) -> dict[str, np.ndarray]:
    """Initialise an L-layer network with weights scaled to the size of the layer they read from.

    Same shapes and draw order as ``initialize_parameters_deep`` (``W{l}`` from ``np.random.randn``, layer by
    layer, biases zero), but ``W{l}`` is divided by ``sqrt(layer_dims[l-1])`` instead of multiplied by 0.01, so
    every unit's pre-activation starts with a variance near 1 whatever the fan-in.
    """
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def predict(X: np.ndarray, parameters: dict[str, np.ndarray]) -> np.ndarray:
    """Labels (0 or 1, shape (1, m)) of a trained network: 1 where its output probability exceeds 0.5.

    Works for both models: a 2-layer network is an L-layer network with L = 2.
    """
    AL, _ = L_model_forward(X, parameters)
    return (AL > 0.5).astype(np.int64)


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Train a 2-layer network, LINEAR -> RELU -> LINEAR -> SIGMOID, by batch gradient descent.

    Start with np.random.seed(1), then initialise with initialize_parameters. Each iteration runs the forward
    pass, the cost, the backward pass and one update, using the blocks from the previous assignment.

    Arguments:
    X -- input data, shape (n_x, m), one example per column
    Y -- true labels (1 = face, 0 = not a face), shape (1, m)
    layers_dims -- the layer sizes (n_x, n_h, n_y)
    learning_rate -- step size of gradient descent
    num_iterations -- number of gradient-descent steps
    print_cost -- if True, print the cost every 100 iterations and at the last one

    Returns:
    parameters -- dict with the trained "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    costs -- list of Python floats: the cost at iterations 0, 100, 200, ... (before that iteration's update)
    """
    np.random.seed(1)
    costs = []
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)

    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)

        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

        parameters = update_parameters(parameters, grads, learning_rate)

        if i % 100 == 0:
            costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.6f}")

    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Train an L-layer network, [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID, by batch gradient descent.

    Start with np.random.seed(1), then initialise with initialize_parameters_deep_scaled. Each iteration runs
    the forward pass, the cost, the backward pass and one update, using the blocks from the previous assignment.

    Arguments:
    X -- input data, shape (n_x, m), one example per column
    Y -- true labels (1 = face, 0 = not a face), shape (1, m)
    layers_dims -- list of layer sizes [n_x, n_1, ..., n_L], so the network has L = len(layers_dims) - 1 layers
    learning_rate -- step size of gradient descent
    num_iterations -- number of gradient-descent steps
    print_cost -- if True, print the cost every 100 iterations and at the last one

    Returns:
    parameters -- dict with the trained "W1".."WL" and "b1".."bL"
    costs -- list of Python floats: the cost at iterations 0, 100, 200, ... (before that iteration's update)
    """
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep_scaled(layers_dims)

    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)

        if i % 100 == 0:
            costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.6f}")

    return parameters, costs
