"""NumPy basics of Course 1 week 2: the logistic function, its derivative, reshaping, normalising, softmax, losses.

Conventions of the original exercise: ``normalize_rows`` and ``softmax`` work on each *row* of an ``(m, n)``
array (one example per row, unlike the rest of the course), and the losses take two vectors of the same length.

``sigmoid`` is the engine's plain sigmoid; the learner writes it in this assignment, so it is imported under that
name and ``sigmoid_derivative`` calls it exactly as the notebook does.
"""

from __future__ import annotations

import math

import numpy as np

from dlspec.nn.activations import sigmoid


def basic_sigmoid(x):
    """Compute the sigmoid of a single real number with the math module (no NumPy).

    Arguments:
    x -- a Python number

    Return:
    s -- sigmoid(x) = 1 / (1 + e^(-x)), a Python float
    """
    s = 1 / (1 + math.exp(-x))
    return s


def sigmoid_derivative(x):
    """Compute the gradient (slope) of the sigmoid at x, elementwise.

    Arguments:
    x -- a scalar or numpy array

    Return:
    ds -- the derivative of sigmoid evaluated at x, same shape as x
    """
    s = sigmoid(x)
    ds = s * (1 - s)
    return ds


def image2vector(image):
    """Unroll an image into a single column vector.

    Arguments:
    image -- numpy array of shape (length, height, depth)

    Returns:
    v -- the same numbers as a column vector of shape (length*height*depth, 1), in row-major order
    """
    v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)
    return v


def normalize_rows(x):
    """Scale every row of x to unit length (Euclidean norm 1).

    Arguments:
    x -- numpy array of shape (n, m)

    Returns:
    x -- numpy array of shape (n, m), each row divided by its own L2 norm
    """
    x_norm = np.linalg.norm(x, ord=2, axis=1, keepdims=True)
    x = x / x_norm
    return x


def softmax(x):
    """Apply softmax to every row of x.

    Arguments:
    x -- numpy array of shape (m, n): m rows, each a vector of n scores

    Returns:
    s -- numpy array of shape (m, n): each row holds positive numbers that sum to 1
    """
    x_exp = np.exp(x)
    x_sum = np.sum(x_exp, axis=1, keepdims=True)
    s = x_exp / x_sum
    return s


def L1(yhat, y):
    """The L1 loss: the sum of absolute differences between predictions and labels.

    Arguments:
    yhat -- vector of size m (predicted labels)
    y -- vector of size m (true labels)

    Returns:
    loss -- the value of the L1 loss, a float
    """
    loss = np.sum(np.abs(y - yhat))
    return loss


def L2(yhat, y):
    """The L2 loss: the sum of squared differences between predictions and labels.

    Arguments:
    yhat -- vector of size m (predicted labels)
    y -- vector of size m (true labels)

    Returns:
    loss -- the value of the L2 loss, a float
    """
    diff = y - yhat
    loss = np.dot(diff, diff)
    return loss
