"""Correct solutions of c1w2a2 written differently from the reference.

The sigmoid is the same exercise as in c1w2a1, so its variants are that assignment's.
"""

import numpy as np

from dlspec.checking.spec import variant
from dlspec.course.c1w2a1.variants import sigmoid_reciprocal, sigmoid_tanh  # noqa: F401  (collected)
from dlspec.nn.activations import sigmoid
from dlspec.nn.logistic import initialize_with_zeros, optimize, predict, propagate


@variant("initialize_with_zeros")
def initialize_with_zeros_full(dim):
    return np.full((dim, 1), 0.0), float(0)


@variant("initialize_with_zeros")
def initialize_with_zeros_reshape(dim):
    w = np.zeros(dim).reshape(dim, 1)
    b = 0.0
    return w, b


@variant("propagate")
def propagate_matmul(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    dZ = A - Y
    cost = -(np.log(A) @ Y.T + np.log(1 - A) @ (1 - Y).T).item() / m
    return {"dw": X @ dZ.T / m, "db": dZ.mean().item()}, cost


@variant("propagate")
def propagate_loop(w, b, X, Y):
    n, m = X.shape
    dw, db, cost = np.zeros((n, 1)), 0.0, 0.0
    for i in range(m):
        x, y = X[:, i : i + 1], Y[0, i]
        a = 1 / (1 + np.exp(-(w[:, 0] @ x[:, 0] + b)))
        cost -= y * np.log(a) + (1 - y) * np.log(1 - a)
        dw += x * (a - y)
        db += a - y
    return {"dw": dw / m, "db": float(db / m)}, float(cost / m)


@variant("propagate")
def propagate_einsum(w, b, X, Y):
    m = X.shape[1]
    Z = np.einsum("i,ij->j", w[:, 0], X)[None, :] + b
    A = sigmoid(Z)
    loss = np.where(Y == 1, -np.log(A), -np.log(1 - A))
    dZ = A - Y
    return {"dw": np.einsum("ij,j->i", X, dZ[0])[:, None] / m, "db": float(np.sum(dZ) / m)}, float(np.mean(loss))


@variant("optimize")
def optimize_while(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs, i = [], 0
    while i < num_iterations:
        grads, cost = propagate(w, b, X, Y)
        if i % 100 == 0:
            costs.append(cost)
        w = w - learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
        i += 1
    return {"w": w, "b": b}, grads, costs


@variant("optimize")
def optimize_copy_inplace(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w = w.copy()  # updated in place below, so the caller's array must not be the one that changes
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w -= learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        costs += [cost] if i % 100 == 0 else []
    return {"w": w, "b": b}, {"dw": grads["dw"], "db": grads["db"]}, costs


@variant("predict")
def predict_loop(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    A = sigmoid(np.dot(w.T, X) + b)
    for i in range(m):
        Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0
    return Y_prediction


@variant("predict")
def predict_where_z(w, b, X):
    # sigmoid(z) > 0.5 exactly when z > 0: the sigmoid is increasing and sigmoid(0) = 0.5
    return np.where(w.T @ X + b > 0, 1.0, 0.0)


@variant("model")
def model_keywords(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations, learning_rate=learning_rate)
    return dict(
        costs=costs,
        Y_prediction_test=predict(params["w"], params["b"], X_test),
        Y_prediction_train=predict(params["w"], params["b"], X_train),
        w=params["w"],
        b=params["b"],
        learning_rate=learning_rate,
        num_iterations=num_iterations,
    )


@variant("model")
def model_stacked(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    # one predict over both sets side by side, then split the columns
    params, _, costs = optimize(np.zeros((X_train.shape[0], 1)), 0.0, X_train, Y_train, num_iterations, learning_rate)
    both = predict(params["w"], params["b"], np.hstack([X_train, X_test]))
    m_train = X_train.shape[1]
    d = {"costs": costs, "Y_prediction_test": both[:, m_train:], "Y_prediction_train": both[:, :m_train]}
    return d | {"w": params["w"], "b": params["b"], "learning_rate": learning_rate, "num_iterations": num_iterations}
