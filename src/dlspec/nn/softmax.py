"""Softmax and its cross-entropy cost for C classes, examples as columns (Course 2 week 3)."""

from __future__ import annotations

import numpy as np


def softmax(Z):
    """Column-wise softmax, numerically stable.

    Arguments:
    Z -- scores, numpy array of shape (C, m): one column per example, one row per class

    Returns:
    A -- probabilities, same shape as Z; every column is non-negative and sums to 1
    """
    # Subtracting each column's maximum leaves the result unchanged and keeps exp from overflowing.
    Z_shifted = Z - np.max(Z, axis=0, keepdims=True)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


def softmax_cross_entropy(Z, Y):
    """Mean cross-entropy of softmax(Z) against one-hot labels, and its gradient with respect to Z.

    Arguments:
    Z -- scores, numpy array of shape (C, m)
    Y -- one-hot labels, numpy array of shape (C, m)

    Returns:
    cost -- Python float, -1/m * sum over examples and classes of Y * log(softmax(Z))
    dZ -- gradient of the cost with respect to Z, shape (C, m)
    """
    m = Z.shape[1]
    A = softmax(Z)
    # log-softmax computed from the shifted scores: never log(0), even when a probability underflows.
    Z_shifted = Z - np.max(Z, axis=0, keepdims=True)
    log_A = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = float(-np.sum(Y * log_A) / m)
    dZ = (A - Y) / m
    return cost, dZ
