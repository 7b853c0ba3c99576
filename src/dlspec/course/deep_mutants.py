"""Known mistakes in initialize_parameters and compute_cost, which Course 1 grades twice: in week 3 (C1W3A1) and
again in week 4 (C1W4A1), against the same answer key (dlspec.nn.deep). Each week's mutants.py imports them."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Mutant, mutant

# --- initialize_parameters ------------------------------------------------------------------------------------


def _two_layers(W1, b1, W2, b2) -> dict:
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


@mutant("initialize_parameters", "Your weights are far too large: the standard normal draws still need scaling.")
def init_unscaled(n_x, n_h, n_y):
    return _two_layers(np.random.randn(n_h, n_x), np.zeros((n_h, 1)), np.random.randn(n_y, n_h), np.zeros((n_y, 1)))


@mutant("initialize_parameters", "Check the shape of W1: one row per hidden unit, one column per input feature.")
def init_w1_transposed(n_x, n_h, n_y):
    W1 = np.random.randn(n_x, n_h) * 0.01
    return _two_layers(W1, np.zeros((n_h, 1)), np.random.randn(n_y, n_h) * 0.01, np.zeros((n_y, 1)))


@mutant("initialize_parameters", "Biases start at zero; only the weights need random values to break symmetry.")
def init_random_biases(n_x, n_h, n_y):
    W1, b1 = np.random.randn(n_h, n_x) * 0.01, np.random.randn(n_h, 1) * 0.01
    return _two_layers(W1, b1, np.random.randn(n_y, n_h) * 0.01, np.random.randn(n_y, 1) * 0.01)


@mutant("initialize_parameters", "All-zero weights make every hidden unit compute the same thing forever.")
def init_zero_weights(n_x, n_h, n_y):
    return _two_layers(np.zeros((n_h, n_x)), np.zeros((n_h, 1)), np.zeros((n_y, n_h)), np.zeros((n_y, 1)))


@mutant("initialize_parameters", "Your weights are all positive: draw from a normal distribution centred on zero.")
def init_uniform(n_x, n_h, n_y):
    W1 = np.random.rand(n_h, n_x) * 0.01
    return _two_layers(W1, np.zeros((n_h, 1)), np.random.rand(n_y, n_h) * 0.01, np.zeros((n_y, 1)))


@mutant("initialize_parameters", "Biases must be column vectors, shape (units, 1), not 1-D arrays.")
def init_flat_biases(n_x, n_h, n_y):
    return _two_layers(np.random.randn(n_h, n_x) * 0.01, np.zeros(n_h), np.random.randn(n_y, n_h) * 0.01, np.zeros(n_y))


# --- compute_cost ---------------------------------------------------------------------------------------------


@mutant("compute_cost", "The cost is an average over the examples: divide the sum by m, the number of columns of Y.")
def cost_no_mean(AL, Y):
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


@mutant("compute_cost", "The cost is positive: logs of probabilities are negative, so it needs a minus sign.")
def cost_sign(AL, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


@mutant("compute_cost", "Examples with label 0 contribute too: the cost has a (1 - Y) term.")
def cost_only_positive_term(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL)) / m)


@mutant("compute_cost", "For label 0 the loss uses the log of 1 - AL, not the log of AL.")
def cost_wrong_second_log(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(AL)) / m)


@mutant("compute_cost", "Return a single number (a Python float), not an array: squeeze it and convert it.")
def cost_array(AL, Y):
    m = Y.shape[1]
    return -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=1, keepdims=True) / m


# what the week modules import (and Assignment.mutants collects there): every known mistake above
__all__ = [name for name, value in list(globals().items()) if isinstance(value, Mutant)]
