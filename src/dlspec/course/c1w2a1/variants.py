"""Correct solutions of c1w2a1 written differently from the reference."""

import math

import numpy as np

from dlspec.checking.spec import variant


@variant("basic_sigmoid")
def basic_sigmoid_exp_over(x):
    e = math.exp(x)
    return e / (1 + e)


@variant("basic_sigmoid")
def basic_sigmoid_tanh(x):
    return 0.5 * (1 + math.tanh(x / 2))


@variant("sigmoid")
def sigmoid_tanh(z):
    return 0.5 * (1 + np.tanh(z / 2))


@variant("sigmoid")
def sigmoid_reciprocal(z):
    return np.reciprocal(1 + np.exp(-z))


@variant("sigmoid_derivative")
def sigmoid_derivative_exp(x):
    e = np.exp(-x)
    return e / (1 + e) ** 2


@variant("sigmoid_derivative")
def sigmoid_derivative_tanh(x):
    t = np.tanh(x / 2)
    return (1 - t**2) / 4


@variant("image2vector")
def image2vector_minus_one(image):
    return image.reshape(-1, 1)


@variant("image2vector")
def image2vector_ravel(image):
    return np.ravel(image)[:, np.newaxis]


@variant("normalize_rows")
def normalize_rows_sqrt(x):
    return x / np.sqrt(np.sum(x * x, axis=1, keepdims=True))


@variant("normalize_rows")
def normalize_rows_einsum(x):
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))
    return x / norms[:, None]


@variant("softmax")
def softmax_stable(x):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@variant("softmax")
def softmax_loop(x):
    s = np.empty(x.shape)
    for i, row in enumerate(x):
        e = np.exp(row)
        s[i] = e / e.sum()
    return s


@variant("L1")
def L1_loop(yhat, y):
    return sum(abs(a - b) for a, b in zip(y, yhat, strict=True))


@variant("L1")
def L1_norm(yhat, y):
    return np.linalg.norm(y - yhat, ord=1)


@variant("L2")
def L2_squares(yhat, y):
    return np.sum((y - yhat) ** 2)


@variant("L2")
def L2_norm_squared(yhat, y):
    return np.linalg.norm(yhat - y) ** 2
