"""Activation functions and their derivatives.

Two families, because the course uses both:

* plain functions, ``sigmoid(z) -> a`` (Course 1 weeks 2-3);
* cached pairs in the CS231n style, ``sigmoid_forward(Z) -> (A, cache)`` and
  ``sigmoid_backward(dA, cache) -> dZ`` (Course 1 week 4 onwards, where the original shipped them in
  ``dnn_utils.py`` as ``sigmoid``/``relu``; ``dlspec.compat.dnn_utils`` exposes them under those names).
"""

from __future__ import annotations

import numpy as np


def sigmoid(z):
    """Compute the sigmoid of z.

    Arguments:
    z -- a scalar or numpy array of any size

    Return:
    s -- sigmoid(z), same shape as z
    """
    s = 1 / (1 + np.exp(-z))
    return s


def relu(z):
    """Rectified linear unit, elementwise: max(0, z)."""
    return np.maximum(0, z)


def sigmoid_forward(Z):
    """Sigmoid of Z, and Z itself as the cache that sigmoid_backward needs."""
    A = 1 / (1 + np.exp(-Z))
    return A, Z


def relu_forward(Z):
    """ReLU of Z, and Z itself as the cache that relu_backward needs."""
    A = np.maximum(0, Z)
    return A, Z


def sigmoid_backward(dA, cache):
    """Gradient of the cost with respect to Z for a sigmoid unit: dZ = dA * s * (1 - s), s = sigmoid(Z)."""
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    """Gradient of the cost with respect to Z for a ReLU unit: dA where Z > 0, else 0."""
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ
