"""Known mistakes in C1W4A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.course.deep_mutants import *  # noqa: F403 (mistakes in the two functions both weeks grade)
from dlspec.nn.activations import relu_backward, sigmoid_backward
from dlspec.nn.activations import relu_forward as relu
from dlspec.nn.activations import sigmoid_forward as sigmoid
from dlspec.nn.deep import linear_activation_backward, linear_activation_forward, linear_backward, linear_forward

# --- initialize_parameters_deep -------------------------------------------------------------------------------


@mutant("initialize_parameters_deep", "The last layer is missing: check where your loop over layers stops.")
def deep_missing_last_layer(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims) - 1):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


@mutant("initialize_parameters_deep", "Layers are numbered from 1 (W1 is the first layer); there is no W0.")
def deep_numbered_from_zero(layer_dims):
    parameters = {}
    for l in range(len(layer_dims) - 1):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l + 1], layer_dims[l]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l + 1], 1))
    return parameters


@mutant("initialize_parameters_deep", "W{l} maps layer l-1 to layer l: its shape is (units in l, units in l-1).")
def deep_w_transposed(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l - 1], layer_dims[l]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


@mutant("initialize_parameters_deep", "Your weights are far too large: the standard normal draws still need scaling.")
def deep_unscaled(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


@mutant("initialize_parameters_deep", "Biases must be column vectors, shape (units, 1), not 1-D arrays.")
def deep_flat_biases(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros(layer_dims[l])
    return parameters


@mutant("initialize_parameters_deep", "Each W{l} connects two different layers: use the size of layer l-1 as well.")
def deep_square_weights(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


# --- linear_forward -------------------------------------------------------------------------------------------


@mutant("linear_forward", "Z is off by a constant per row: did you add the bias b?")
def linear_forward_no_bias(A, W, b):
    return W @ A, (A, W, b)


@mutant("linear_forward", "The bias is added, not subtracted.")
def linear_forward_minus_bias(A, W, b):
    return W @ A - b, (A, W, b)


@mutant("linear_forward", "Z should be (units, examples): multiply W by A, not A transposed by W transposed.")
def linear_forward_transposed(A, W, b):
    return A.T @ W.T + b.T, (A, W, b)


@mutant("linear_forward", "The cache holds (A, W, b) in that order; linear_backward unpacks it that way.")
def linear_forward_cache_order(A, W, b):
    return W @ A + b, (W, A, b)


@mutant("linear_forward", "The cache must hold all three inputs (A, W, b).")
def linear_forward_cache_without_b(A, W, b):
    return W @ A + b, (A, W)


@mutant("linear_forward", "Cache the layer's input A, not its output Z: the backward pass needs A to compute dW.")
def linear_forward_caches_z(A, W, b):
    Z = W @ A + b
    return Z, (Z, W, b)


# --- linear_activation_forward --------------------------------------------------------------------------------


@mutant("linear_activation_forward", "The two activations are swapped: check which branch calls which function.")
def laf_swapped(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = relu(Z) if activation == "sigmoid" else sigmoid(Z)
    return A, (linear_cache, activation_cache)


@mutant(
    "linear_activation_forward",
    "sigmoid(Z) and relu(Z) here return two values, the activation and its cache: unpack them.",
)
def laf_keeps_the_pair(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, Z)


@mutant("linear_activation_forward", "You return Z: the layer's output is the activation applied to Z.")
def laf_returns_z(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    _, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return Z, (linear_cache, activation_cache)


@mutant("linear_activation_forward", "The cache is (linear_cache, activation_cache), in that order.")
def laf_cache_order(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (activation_cache, linear_cache)


@mutant("linear_activation_forward", "The activation cache is what sigmoid/relu return as their second value (Z).")
def laf_caches_a(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, _ = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, A)


@mutant(
    "linear_activation_forward",
    "Keep the two caches apart: a pair (linear_cache, activation_cache), not one flat tuple.",
)
def laf_flat_cache(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (*linear_cache, activation_cache)


# --- L_model_forward ------------------------------------------------------------------------------------------


def _forward(X, parameters, hidden, last):
    """The L-layer forward pass with the given activations: the skeleton several mistakes share."""
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden)
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], last)
    caches.append(cache)
    return AL, caches


@mutant("L_model_forward", "The output layer is a sigmoid, so AL is a probability between 0 and 1.")
def lmf_all_relu(X, parameters):
    return _forward(X, parameters, "relu", "relu")


@mutant("L_model_forward", "The hidden layers use ReLU; only the output layer uses the sigmoid.")
def lmf_all_sigmoid(X, parameters):
    return _forward(X, parameters, "sigmoid", "sigmoid")


@mutant("L_model_forward", "Hidden layers and output layer have their activations swapped.")
def lmf_swapped(X, parameters):
    return _forward(X, parameters, "sigmoid", "relu")


@mutant("L_model_forward", "There should be one cache per layer, the output layer's included.")
def lmf_missing_last_cache(X, parameters):
    AL, caches = _forward(X, parameters, "relu", "sigmoid")
    return AL, caches[:-1]


@mutant("L_model_forward", "Caches go in layer order, first layer first: L_model_backward walks them from the end.")
def lmf_reversed_caches(X, parameters):
    AL, caches = _forward(X, parameters, "relu", "sigmoid")
    return AL, caches[::-1]


# --- linear_backward ------------------------------------------------------------------------------------------


@mutant("linear_backward", "dW is averaged over the m examples, like the cost.")
def lb_dw_no_mean(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True) / m


@mutant("linear_backward", "dA_prev is not averaged: only dW and db carry the 1/m.")
def lb_da_averaged(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    return W.T @ dZ / m, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


@mutant("linear_backward", "db must keep its column shape (units, 1): sum with keepdims.")
def lb_db_flat(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1) / m


@mutant("linear_backward", "db sums over the examples (the columns), giving one value per unit.")
def lb_db_wrong_axis(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=0, keepdims=True) / m


@mutant("linear_backward", "dW must have the shape of W: which product of dZ and A_prev gives that?")
def lb_dw_transposed(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    return W.T @ dZ, A_prev @ dZ.T / m, np.sum(dZ, axis=1, keepdims=True) / m


@mutant("linear_backward", "m is the number of examples, the number of columns of A_prev.")
def lb_m_from_rows(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[0]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


# --- linear_activation_backward -------------------------------------------------------------------------------


@mutant("linear_activation_backward", "The two activation derivatives are swapped.")
def lab_swapped(dA, cache, activation):
    linear_cache, activation_cache = cache
    backward = sigmoid_backward if activation == "relu" else relu_backward
    return linear_backward(backward(dA, activation_cache), linear_cache)


@mutant("linear_activation_backward", "The sigmoid's derivative is s * (1 - s), with s = sigmoid(Z), not s alone.")
def lab_sigmoid_derivative_is_s(dA, cache, activation):
    linear_cache, Z = cache
    dZ = dA / (1 + np.exp(-Z)) if activation == "sigmoid" else relu_backward(dA, Z)
    return linear_backward(dZ, linear_cache)


@mutant("linear_activation_backward", "dA is the gradient after the activation: go back through it to get dZ first.")
def lab_skips_activation(dA, cache, activation):
    linear_cache, _ = cache
    return linear_backward(dA, linear_cache)


@mutant("linear_activation_backward", "The activation cache holds Z, not A: sigmoid_backward computes s(Z) for you.")
def lab_derivative_from_z(dA, cache, activation):
    linear_cache, Z = cache
    dZ = dA * Z * (1 - Z) if activation == "sigmoid" else relu_backward(dA, Z)
    return linear_backward(dZ, linear_cache)


@mutant("linear_activation_backward", "Return the three gradients in the order dA_prev, dW, db.")
def lab_return_order(dA, cache, activation):
    linear_cache, activation_cache = cache
    backward = sigmoid_backward if activation == "sigmoid" else relu_backward
    dA_prev, dW, db = linear_backward(backward(dA, activation_cache), linear_cache)
    return dW, db, dA_prev


# --- L_model_backward -----------------------------------------------------------------------------------------


def _backward(dAL, caches, hidden, last, shift=0):
    """Walk the caches from the end: the skeleton several mistakes share (``shift`` renumbers the dA keys)."""
    grads = {}
    L = len(caches)
    dA = dAL
    for l in reversed(range(L)):
        dA, dW, db = linear_activation_backward(dA, caches[l], last if l == L - 1 else hidden)
        grads["dA" + str(l + shift)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA, dW, db
    return grads


def _dAL(AL, Y):
    Y = Y.reshape(AL.shape)
    return -(Y / AL - (1 - Y) / (1 - AL))


@mutant("L_model_backward", "Check the sign of dAL: it is the derivative of the loss, which has a minus in front.")
def lmb_dal_sign(AL, Y, caches):
    return _backward(-_dAL(AL, Y), caches, "relu", "sigmoid")


@mutant("L_model_backward", "Mind the brackets: dAL = -(Y / AL - (1 - Y) / (1 - AL)); the minus covers both terms.")
def lmb_dal_brackets(AL, Y, caches):
    Y = Y.reshape(AL.shape)
    return _backward(-Y / AL - (1 - Y) / (1 - AL), caches, "relu", "sigmoid")


@mutant("L_model_backward", "AL - Y is dZ of the last layer, not dA: start from the derivative of the loss in AL.")
def lmb_dal_is_dz(AL, Y, caches):
    return _backward(AL - Y.reshape(AL.shape), caches, "relu", "sigmoid")


@mutant("L_model_backward", "The output layer is a sigmoid: its backward step needs the sigmoid derivative.")
def lmb_all_relu(AL, Y, caches):
    return _backward(_dAL(AL, Y), caches, "relu", "relu")


@mutant("L_model_backward", "The hidden layers are ReLU: only the last layer goes back through a sigmoid.")
def lmb_all_sigmoid(AL, Y, caches):
    return _backward(_dAL(AL, Y), caches, "sigmoid", "sigmoid")


@mutant("L_model_backward", "Layer l's step returns dA{l-1}, the gradient of the layer below: check your keys.")
def lmb_da_keys_shifted(AL, Y, caches):
    return _backward(_dAL(AL, Y), caches, "relu", "sigmoid", shift=1)


# --- update_parameters ----------------------------------------------------------------------------------------


@mutant("update_parameters", "Gradient descent moves against the gradient: subtract it.")
def update_sign(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters


@mutant("update_parameters", "Each b{l} moves with its own gradient db{l}, not dW{l}.")
def update_b_with_dW(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


@mutant("update_parameters", "The biases learn too: update every b{l} as well as every W{l}.")
def update_forgets_b(params, grads, learning_rate):
    L = len(params) // 2
    parameters = dict(params)
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


@mutant("update_parameters", "The last layer is not updated: check where your loop over layers stops.")
def update_misses_last_layer(params, grads, learning_rate):
    L = len(params) // 2
    parameters = dict(params)
    for l in range(1, L):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


@mutant("update_parameters", "Only the first layer changed: is your return statement inside the loop?")
def update_returns_in_loop(params, grads, learning_rate):
    L = len(params) // 2
    parameters = dict(params)
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]
        return parameters
    return parameters


@mutant("update_parameters", "Nothing changed: return the dictionary that holds the updated values.")
def update_returns_input(params, grads, learning_rate):
    parameters = {key: value.copy() for key, value in params.items()}
    for key in params:
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return params


@mutant("update_parameters", "The step is the learning rate times the gradient, not the gradient alone.")
def update_ignores_learning_rate(params, grads, learning_rate):
    return {key: value - grads["d" + key] for key, value in params.items()}
