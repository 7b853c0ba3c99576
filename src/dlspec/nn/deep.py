"""An L-layer network, step by step: the building blocks of Course 1 week 4 (and week 3's initialisation/cost).

Conventions of the course: examples are columns, ``X`` is ``(n_x, m)``; layer ``l`` has ``W{l}`` of shape
``(n_l, n_{l-1})`` and ``b{l}`` of shape ``(n_l, 1)``; forward functions return ``(output, cache)`` and backward
functions take ``(upstream gradient, cache)``.

The names ``sigmoid`` and ``relu`` here are the cached forms (``A, cache = relu(Z)``), exactly as the original's
``dnn_utils`` named them, because these functions are pasted verbatim into the learner's notebook.
"""

from __future__ import annotations

import numpy as np

from dlspec.nn.activations import relu_backward, sigmoid_backward
from dlspec.nn.activations import relu_forward as relu
from dlspec.nn.activations import sigmoid_forward as sigmoid


def initialize_parameters(n_x, n_h, n_y):
    """Initialise a 2-layer network: small random weights, zero biases.

    Arguments:
    n_x -- size of the input layer
    n_h -- size of the hidden layer
    n_y -- size of the output layer

    Returns:
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1);
                  weights drawn with np.random.randn and scaled by 0.01, biases zero
    """
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    """Initialise an L-layer network: small random weights, zero biases.

    Arguments:
    layer_dims -- list of layer sizes [n_x, n_1, ..., n_L]

    Returns:
    parameters -- dict with "W1".."WL" and "b1".."bL"; W{l} has shape (layer_dims[l], layer_dims[l-1]),
                  drawn with np.random.randn and scaled by 0.01 (layer by layer, W before b);
                  b{l} is (layer_dims[l], 1) zeros
    """
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    """The linear part of a layer's forward pass.

    Arguments:
    A -- activations of the previous layer (or the input), shape (n_prev, m)
    W -- weights, shape (n, n_prev)
    b -- biases, shape (n, 1)

    Returns:
    Z -- the pre-activation, shape (n, m)
    cache -- the tuple (A, W, b), kept for the backward pass
    """
    Z = W @ A + b
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    """Forward pass of one layer: LINEAR then ACTIVATION.

    Arguments:
    A_prev -- activations of the previous layer, shape (n_prev, m)
    W -- weights, shape (n, n_prev)
    b -- biases, shape (n, 1)
    activation -- "sigmoid" or "relu"

    Returns:
    A -- the layer's output, shape (n, m)
    cache -- the tuple (linear_cache, activation_cache)
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    """Forward pass of [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID.

    Arguments:
    X -- input data, shape (n_x, m)
    parameters -- dict from initialize_parameters_deep

    Returns:
    AL -- output of the last layer, shape (1, m)
    caches -- list of the L caches of linear_activation_forward, first layer first
    """
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    """Cross-entropy cost of predictions AL against labels Y.

    Arguments:
    AL -- predicted probabilities, shape (1, m)
    Y -- true labels (0 or 1), shape (1, m)

    Returns:
    cost -- the cost as a Python float
    """
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(np.squeeze(cost))


def linear_backward(dZ, cache):
    """The linear part of a layer's backward pass.

    Arguments:
    dZ -- gradient of the cost with respect to this layer's Z, shape (n, m)
    cache -- the tuple (A_prev, W, b) from linear_forward

    Returns:
    dA_prev -- gradient with respect to A_prev, shape (n_prev, m)
    dW -- gradient with respect to W, shape (n, n_prev)
    db -- gradient with respect to b, shape (n, 1)
    """
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """Backward pass of one LINEAR -> ACTIVATION layer.

    Arguments:
    dA -- gradient of the cost with respect to this layer's output A, shape (n, m)
    cache -- the tuple (linear_cache, activation_cache) from linear_activation_forward
    activation -- "sigmoid" or "relu", the activation this layer used on the way forward

    Returns:
    dA_prev -- gradient with respect to the previous layer's activations, shape (n_prev, m)
    dW -- gradient with respect to W, shape (n, n_prev)
    db -- gradient with respect to b, shape (n, 1)
    """
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """Backward pass of [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID.

    Arguments:
    AL -- output of L_model_forward, shape (1, m)
    Y -- true labels, shape (1, m)
    caches -- the list of caches from L_model_forward

    Returns:
    grads -- dict with "dA{l-1}", "dW{l}", "db{l}" for l = 1..L (dA0 is the gradient with respect to X)
    """
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent on every W{l} and b{l}.

    Arguments:
    params -- dict of parameters (not modified)
    grads -- dict of gradients from L_model_backward
    learning_rate -- step size

    Returns:
    parameters -- a new dict with the updated W{l} and b{l}
    """
    parameters = {key: value.copy() for key, value in params.items()}
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
