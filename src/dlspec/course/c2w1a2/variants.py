"""Correct solutions of C2W1A2 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.deep import compute_cost
from dlspec.nn.regularization import backward_propagation


@variant("compute_cost_with_regularization")
def cost_norms(A3, Y, parameters, lambd):
    squared = sum(np.linalg.norm(parameters[f"W{l}"], "fro") ** 2 for l in (1, 2, 3))
    return compute_cost(A3, Y) + float(lambd * squared / (2 * Y.shape[1]))


@variant("compute_cost_with_regularization")
def cost_einsum(A3, Y, parameters, lambd):
    m = Y.shape[1]
    logs = np.where(Y == 1, np.log(A3), np.log(1 - A3))
    squared = sum(np.einsum("ij,ij->", W, W) for key, W in parameters.items() if key.startswith("W"))
    return float(-logs.sum() / m + lambd / m * squared / 2)


@variant("backward_propagation_with_regularization")
def l2_on_top_of_plain(X, Y, cache, lambd):
    # Weight decay: the plain gradients plus lambda / m times each weight matrix.
    grads = backward_propagation(X, Y, cache)
    for l, W in ((1, cache[2]), (2, cache[6]), (3, cache[10])):
        grads[f"dW{l}"] += lambd / X.shape[1] * W
    return grads


@variant("backward_propagation_with_regularization")
def l2_matmul(X, Y, cache, lambd):
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    m = X.shape[1]
    grads = {"dZ3": A3 - Y}
    for l, A_prev, W in ((3, A2, W3), (2, A1, W2)):
        dZ = grads[f"dZ{l}"]
        grads[f"dW{l}"] = (dZ @ A_prev.T + lambd * W) / m
        grads[f"db{l}"] = dZ.mean(axis=1, keepdims=True)
        grads[f"dA{l - 1}"] = W.T @ dZ
        grads[f"dZ{l - 1}"] = np.where(A_prev > 0, grads[f"dA{l - 1}"], 0.0)
    grads["dW1"] = (grads["dZ1"] @ X.T + lambd * W1) / m
    grads["db1"] = grads["dZ1"].mean(axis=1, keepdims=True)
    return grads


def _thinned_forward(X, parameters, keep_prob, draw):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    D1 = draw(Z1.shape)
    A1 = np.where(D1 == 1, np.maximum(Z1, 0) / keep_prob, 0.0)
    Z2 = W2 @ A1 + b2
    D2 = draw(Z2.shape)
    A2 = np.where(D2 == 1, np.maximum(Z2, 0) / keep_prob, 0.0)
    Z3 = W3 @ A2 + b3
    A3 = 1 / (1 + np.exp(-Z3))
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


@variant("forward_propagation_with_dropout")
def dropout_binomial(X, parameters, keep_prob=0.5):
    # A different draw altogether: each unit is a Bernoulli(keep_prob) trial.
    return _thinned_forward(X, parameters, keep_prob, lambda shape: np.random.binomial(1, keep_prob, size=shape))


@variant("forward_propagation_with_dropout")
def dropout_generator_bool(X, parameters, keep_prob=0.5):
    rng = np.random.default_rng(np.random.randint(2**31))
    return _thinned_forward(X, parameters, keep_prob, lambda shape: rng.random(shape) < keep_prob)


@variant("backward_propagation_with_dropout")
def dropout_back_where(X, Y, cache, keep_prob):
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    m = X.shape[1]
    dZ3 = A3 - Y
    dA2 = np.where(D2 == 1, W3.T @ dZ3 / keep_prob, 0.0)
    dZ2 = np.where(A2 > 0, dA2, 0.0)
    dA1 = np.where(D1 == 1, W2.T @ dZ2 / keep_prob, 0.0)
    dZ1 = np.where(A1 > 0, dA1, 0.0)
    return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / m, "db3": dZ3.mean(axis=1, keepdims=True), "dA2": dA2, "dZ2": dZ2,
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.mean(axis=1, keepdims=True), "dA1": dA1, "dZ1": dZ1,
            "dW1": dZ1 @ X.T / m, "db1": dZ1.mean(axis=1, keepdims=True)}


@variant("backward_propagation_with_dropout")
def dropout_back_einsum(X, Y, cache, keep_prob):
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    m = X.shape[1]
    grads = {"dZ3": A3 - Y}
    grads["dA2"] = np.einsum("ji,jk->ik", W3, grads["dZ3"]) * (D2 / keep_prob)
    grads["dZ2"] = grads["dA2"] * (Z2 > 0)  # A2 > 0 exactly where Z2 > 0 and the unit was kept
    grads["dA1"] = np.einsum("ji,jk->ik", W2, grads["dZ2"]) * (D1 / keep_prob)
    grads["dZ1"] = grads["dA1"] * (Z1 > 0)
    for l, A_prev in ((3, A2), (2, A1), (1, X)):
        grads[f"dW{l}"] = np.einsum("ik,jk->ij", grads[f"dZ{l}"], A_prev) / m
        grads[f"db{l}"] = np.einsum("ik->i", grads[f"dZ{l}"])[:, None] / m
    return grads
