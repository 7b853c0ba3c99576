"""Correct solutions of C1W4A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.activations import relu_backward, sigmoid_backward
from dlspec.nn.activations import relu_forward as relu
from dlspec.nn.activations import sigmoid_forward as sigmoid
from dlspec.nn.deep import linear_activation_backward, linear_activation_forward, linear_backward, linear_forward

# --- initialisation -------------------------------------------------------------------------------------------


@variant("initialize_parameters")
def init_with_normal(n_x, n_h, n_y):
    W1 = np.random.normal(0.0, 0.01, size=(n_h, n_x))
    W2 = np.random.normal(0.0, 0.01, size=(n_y, n_h))
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


@variant("initialize_parameters")
def init_via_shapes(n_x, n_h, n_y):
    shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
    return {k: 0.01 * np.random.standard_normal(s) if k[0] == "W" else np.zeros(s) for k, s in shapes.items()}


@variant("initialize_parameters")
def init_with_generator(n_x, n_h, n_y):
    # A different random source: the judge accepts any correct draw, not only the seeded one.
    rng = np.random.default_rng(np.random.randint(2**31))
    return {
        "W1": rng.normal(0.0, 0.01, (n_h, n_x)),
        "b1": np.zeros((n_h, 1)),
        "W2": rng.normal(0.0, 0.01, (n_y, n_h)),
        "b2": np.zeros((n_y, 1)),
    }


@variant("initialize_parameters_deep")
def deep_with_zip(layer_dims):
    parameters = {}
    for l, (n_prev, n) in enumerate(pairwise(layer_dims), start=1):
        parameters[f"W{l}"] = np.random.normal(0.0, 0.01, (n, n_prev))
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


@variant("initialize_parameters_deep")
def deep_with_generator(layer_dims):
    rng = np.random.default_rng(np.random.randint(2**31))
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / 100
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


# --- forward --------------------------------------------------------------------------------------------------


@variant("linear_forward")
def linear_forward_dot(A, W, b):
    return np.dot(W, A) + b, (A, W, b)


@variant("linear_forward")
def linear_forward_einsum(A, W, b):
    Z = np.einsum("ij,jk->ik", W, A) + b.reshape(-1, 1)
    return Z, (A, W, b)


@variant("linear_activation_forward")
def laf_lookup(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = {"sigmoid": sigmoid, "relu": relu}[activation](Z)
    return A, (linear_cache, activation_cache)


@variant("linear_activation_forward")
def laf_inline(A_prev, W, b, activation):
    Z = np.matmul(W, A_prev) + b
    A = 1 / (1 + np.exp(-Z)) if activation == "sigmoid" else np.where(Z > 0, Z, 0.0)
    return A, ((A_prev, W, b), Z)


@variant("L_model_forward")
def lmf_activation_list(X, parameters):
    L = len(parameters) // 2
    activations = ["relu"] * (L - 1) + ["sigmoid"]
    A, caches = X, []
    for l, activation in enumerate(activations, start=1):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


@variant("L_model_forward")
def lmf_while(X, parameters):
    L = sum(key.startswith("W") for key in parameters)
    caches = []
    A, l = X, 1
    while l <= L:
        activation = "sigmoid" if l == L else "relu"
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], activation)
        caches += [cache]
        l += 1
    return A, caches


# --- cost -----------------------------------------------------------------------------------------------------


@variant("compute_cost")
def cost_dot(AL, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    return float(cost.item())


@variant("compute_cost")
def cost_where_mean(AL, Y):
    # The probability the model gave to the true label, then the mean of its negative log.
    p_true = np.where(Y == 1, AL, 1 - AL)
    return float(-np.mean(np.log(p_true)))


# --- backward -------------------------------------------------------------------------------------------------


@variant("linear_backward")
def lb_dot(dZ, cache):
    A_prev, W, b = cache
    m = dZ.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


@variant("linear_backward")
def lb_einsum(dZ, cache):
    A_prev, W, _ = cache
    dW = np.einsum("ik,jk->ij", dZ, A_prev) / A_prev.shape[1]
    db = dZ.mean(axis=1).reshape(-1, 1)
    dA_prev = np.einsum("ij,ik->jk", W, dZ)
    return dA_prev, dW, db


@variant("linear_activation_backward")
def lab_lookup(dA, cache, activation):
    linear_cache, activation_cache = cache
    dZ = {"relu": relu_backward, "sigmoid": sigmoid_backward}[activation](dA, activation_cache)
    return linear_backward(dZ, linear_cache)


@variant("linear_activation_backward")
def lab_inline(dA, cache, activation):
    (A_prev, W, _), Z = cache
    if activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    else:
        dZ = dA * (Z > 0)
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m


@variant("L_model_backward")
def lmb_walk_down(AL, Y, caches):
    Y = np.reshape(Y, AL.shape)
    grads = {}
    dA = (1 - Y) / (1 - AL) - Y / AL
    for l in range(len(caches), 0, -1):
        activation = "sigmoid" if l == len(caches) else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
    return grads


@variant("L_model_backward")
def lmb_reversed_caches(AL, Y, caches):
    L = len(caches)
    dA = -(Y.reshape(AL.shape) / AL) + (1 - Y.reshape(AL.shape)) / (1 - AL)
    grads = {}
    for l, cache in zip(range(L, 0, -1), reversed(caches), strict=True):
        dA_prev, dW, db = linear_activation_backward(dA, cache, "sigmoid" if l == L else "relu")
        grads.update({"dA" + str(l - 1): dA_prev, "dW" + str(l): dW, "db" + str(l): db})
        dA = dA_prev
    return grads


# --- update ---------------------------------------------------------------------------------------------------


@variant("update_parameters")
def update_comprehension(params, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in params.items()}


@variant("update_parameters")
def update_in_place(params, grads, learning_rate):
    # Updating the caller's dict is accepted: the grader hands every call fresh copies.
    L = len(params) // 2
    for l in range(1, L + 1):
        params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        params["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return params
