"""Correct solutions of c1w4a2 written differently from the reference: each must pass every case."""

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.deep import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    linear_activation_backward,
    linear_activation_forward,
    update_parameters,
)


@variant("two_layer_model")
def two_layer_as_l_layer(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    # A 2-layer network is the L-layer network with L = 2: reuse the generic passes, keep every cost, subsample.
    np.random.seed(1)
    parameters = initialize_parameters(*layers_dims)
    history = []
    i = 0
    while i < num_iterations:
        AL, caches = L_model_forward(X, parameters)
        history.append(compute_cost(AL, Y))
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
        i += 1
    return parameters, history[::100]


@variant("two_layer_model")
def two_layer_from_scratch(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    # Plain NumPy, no helpers: dZ2 = A2 - Y is what -(Y/A2 - (1-Y)/(1-A2)) times the sigmoid's slope simplifies to.
    n_x, n_h, n_y = layers_dims
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    W2 = np.random.randn(n_y, n_h) * 0.01
    b1, b2 = np.zeros((n_h, 1)), np.zeros((n_y, 1))
    m = X.shape[1]
    costs = []
    for i in range(num_iterations):
        Z1 = np.dot(W1, X) + b1
        A1 = np.where(Z1 > 0, Z1, 0.0)
        A2 = 1 / (1 + np.exp(-(np.dot(W2, A1) + b2)))
        if i % 100 == 0:
            costs.append(float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))))
        dZ2 = A2 - Y
        dZ1 = np.dot(W2.T, dZ2) * (Z1 > 0)
        W2, b2 = W2 - learning_rate * np.dot(dZ2, A1.T) / m, b2 - learning_rate * dZ2.mean(axis=1, keepdims=True)
        W1, b1 = W1 - learning_rate * np.dot(dZ1, X.T) / m, b1 - learning_rate * dZ1.mean(axis=1, keepdims=True)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs


@variant("L_layer_model")
def l_layer_from_scratch(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    # Weights and biases kept in lists, forward and backward written out with einsum.
    np.random.seed(1)
    sizes = list(layers_dims)
    Ws = [np.random.randn(sizes[k + 1], sizes[k]) * (1 / np.sqrt(sizes[k])) for k in range(len(sizes) - 1)]
    bs = [np.zeros((n, 1)) for n in sizes[1:]]
    L = len(Ws)
    m = X.shape[1]
    costs = []
    for i in range(num_iterations):
        As, Zs = [X], []
        for l in range(L):
            Zs.append(np.einsum("ij,jk->ik", Ws[l], As[-1]) + bs[l])
            As.append(np.maximum(Zs[-1], 0) if l < L - 1 else 1 / (1 + np.exp(-Zs[-1])))
        AL = As[-1]
        if i % 100 == 0:
            costs.append(float(-(np.log(AL[Y == 1]).sum() + np.log(1 - AL[Y == 0]).sum()) / m))
        dZ = AL - Y
        for l in reversed(range(L)):
            dW = np.einsum("ik,jk->ij", dZ, As[l]) / m
            db = dZ.sum(axis=1, keepdims=True) / m
            if l > 0:
                dZ = np.einsum("ji,jk->ik", Ws[l], dZ) * (Zs[l - 1] > 0)
            Ws[l] = Ws[l] - learning_rate * dW
            bs[l] = bs[l] - learning_rate * db
    parameters = {}
    for l in range(L):
        parameters[f"W{l + 1}"], parameters[f"b{l + 1}"] = Ws[l], bs[l]
    return parameters, costs


@variant("L_layer_model")
def l_layer_layer_by_layer(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    # One block per layer instead of L_model_forward/backward; the update is done in place on a private dict.
    np.random.seed(1)
    p = {}
    for l in range(1, len(layers_dims)):
        p[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) / np.sqrt(layers_dims[l - 1])
        p[f"b{l}"] = np.zeros((layers_dims[l], 1))
    L = len(layers_dims) - 1
    costs = []
    for i in range(num_iterations):
        A, caches = X, []
        for l in range(1, L + 1):
            A, cache = linear_activation_forward(A, p[f"W{l}"], p[f"b{l}"], "sigmoid" if l == L else "relu")
            caches.append(cache)
        if i % 100 == 0:
            costs.append(compute_cost(A, Y))
        dA = (1 - Y) / (1 - A) - Y / A
        for l in range(L, 0, -1):
            dA, dW, db = linear_activation_backward(dA, caches[l - 1], "sigmoid" if l == L else "relu")
            p[f"W{l}"] -= learning_rate * dW
            p[f"b{l}"] -= learning_rate * db
    return p, costs
