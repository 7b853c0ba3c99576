"""A network with one hidden layer: the graded functions of Course 1 week 3 (planar data classification).

Examples are columns: ``X`` is ``(n_x, m)``, ``Y`` is ``(1, m)``. The hidden layer uses tanh, the output a
sigmoid. Initialisation and the cost are the same as week 4's and live in ``dlspec.nn.deep``; they are imported
here under the names the week 3 notebook uses, because ``nn_model`` calls them and every function of this module
is pasted verbatim into the learner's notebook.
"""

from __future__ import annotations

import numpy as np

from dlspec.nn.activations import sigmoid
from dlspec.nn.deep import compute_cost, initialize_parameters


def layer_sizes(X, Y):
    """Sizes of the three layers of the network.

    Arguments:
    X -- input data, shape (input size, number of examples)
    Y -- labels, shape (output size, number of examples)

    Returns:
    n_x -- size of the input layer
    n_h -- size of the hidden layer (4 in this assignment)
    n_y -- size of the output layer
    """
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)


def forward_propagation(X, parameters):
    """Forward pass: LINEAR -> TANH -> LINEAR -> SIGMOID.

    Arguments:
    X -- input data, shape (n_x, m)
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)

    Returns:
    A2 -- output of the sigmoid, shape (n_y, m)
    cache -- dict with "Z1", "A1", "Z2", "A2", kept for the backward pass
    """
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)

    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def backward_propagation(parameters, cache, X, Y):
    """Backward pass: gradients of the cross-entropy cost with respect to every parameter.

    Arguments:
    parameters -- dict with "W1", "b1", "W2", "b2"
    cache -- dict with "Z1", "A1", "Z2", "A2" from forward_propagation
    X -- input data, shape (n_x, m)
    Y -- true labels, shape (1, m)

    Returns:
    grads -- dict with "dW1" (n_h, n_x), "db1" (n_h, 1), "dW2" (n_y, n_h), "db2" (n_y, 1),
             each the same shape as the parameter it belongs to
    """
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]

    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    # tanh'(z) = 1 - tanh(z)^2, and tanh(Z1) is A1, already computed
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads


def update_parameters(parameters, grads, learning_rate=1.2):
    """One step of gradient descent.

    Arguments:
    parameters -- dict with "W1", "b1", "W2", "b2" (not modified)
    grads -- dict with "dW1", "db1", "dW2", "db2"
    learning_rate -- step size

    Returns:
    parameters -- a new dict with the updated "W1", "b1", "W2", "b2"
    """
    W1 = parameters["W1"] - learning_rate * grads["dW1"]
    b1 = parameters["b1"] - learning_rate * grads["db1"]
    W2 = parameters["W2"] - learning_rate * grads["dW2"]
    b2 = parameters["b2"] - learning_rate * grads["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """Train the one-hidden-layer network by batch gradient descent.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels, shape (1, m)
    n_h -- size of the hidden layer
    num_iterations -- number of gradient-descent steps
    print_cost -- if True, print the cost every 1000 steps

    Returns:
    parameters -- the learnt "W1", "b1", "W2", "b2"
    """
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)

    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")

    return parameters


def predict(parameters, X):
    """Predict a class for every example: 1 where the network's output exceeds 0.5.

    Arguments:
    parameters -- dict with "W1", "b1", "W2", "b2"
    X -- input data, shape (n_x, m)

    Returns:
    predictions -- boolean array of shape (1, m), True for class 1
    """
    A2, _ = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions
