"""Known mistakes in C2W1A1, each with the hint a learner who made it should read.

Most mistakes sit in one line, the weight or the bias of a layer, so those mutants share the loop of ``_layers``
and differ only in that line; mistakes in the loop itself are written out.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant


def _zero_bias(n):
    return np.zeros((n, 1))


def _layers(layers_dims, weight, bias=_zero_bias):
    """The correct loop, W before b for every layer 1..L, with ``weight(n, n_prev)`` and ``bias(n)`` supplied."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = weight(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = bias(layers_dims[l])
    return parameters


def _he_scale(n_prev):
    return np.sqrt(2 / n_prev)


# --- initialize_parameters_zeros ------------------------------------------------------------------------------


@mutant("initialize_parameters_zeros", "Check W{l}'s shape: a row per unit of layer l, a column per unit of layer l-1.")
def zeros_transposed(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.zeros((n_prev, n)))


@mutant("initialize_parameters_zeros", "A layer is missing: every layer from 1 to L needs its own W and b.")
def zeros_missing_last_layer(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims) - 1):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mutant("initialize_parameters_zeros", "Each bias is a column, shape (n_l, 1), not a 1-D array.")
def zeros_flat_bias(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.zeros((n, n_prev)), lambda n: np.zeros(n))


@mutant("initialize_parameters_zeros", "Every entry should be zero: np.ones gives ones.")
def zeros_ones(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.ones((n, n_prev)))


@mutant("initialize_parameters_zeros", "The layers are numbered from 1: the keys are W1..WL and b1..bL.")
def zeros_numbered_from_zero(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l - 1)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l - 1)] = np.zeros((layers_dims[l], 1))
    return parameters


@mutant("initialize_parameters_zeros", "np.zeros takes the shape as one tuple: np.zeros((n, n_prev)); a second "
                                       "number is read as the dtype.")
def zeros_shape_as_two_arguments(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.zeros(n, n_prev))


@mutant("initialize_parameters_zeros", "Each bias is a column, shape (layers_dims[l], 1), not a row.")
def zeros_bias_row(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.zeros((n, n_prev)), lambda n: np.zeros((1, n)))


@mutant("initialize_parameters_zeros", "b{l} has one entry per unit of layer l: shape (layers_dims[l], 1).")
def zeros_bias_of_previous_layer(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l - 1], 1))
    return parameters


# --- initialize_parameters_random -----------------------------------------------------------------------------


@mutant("initialize_parameters_random", "These weights are large on purpose: scale the draw by 10, not 0.01.")
def random_small(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * 0.01)


@mutant("initialize_parameters_random", "Draw from a normal distribution centred on zero, not a uniform one on [0, 1).")
def random_uniform(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.rand(n, n_prev) * 10)


@mutant("initialize_parameters_random", "Only the weights are random; the biases start at zero.")
def random_biases(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * 10, lambda n: np.random.randn(n, 1) * 10)


@mutant("initialize_parameters_random", "Check W{l}'s shape: (layers_dims[l], layers_dims[l-1]).")
def random_transposed(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n_prev, n) * 10)


@mutant("initialize_parameters_random", "A layer is missing: loop over every layer from 1 to L.")
def random_missing_last_layer(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims) - 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mutant("initialize_parameters_random", "Multiplying the whole matrix by one random number makes every entry alike.")
def random_one_number(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.ones((n, n_prev)) * np.random.randn() * 10)


@mutant("initialize_parameters_random", "np.random.randn takes the sizes as separate numbers, randn(n, n_prev); "
                                        "it is np.zeros that takes a tuple.")
def random_randn_of_a_tuple(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn((n, n_prev)) * 10)


# --- initialize_parameters_he ---------------------------------------------------------------------------------


@mutant("initialize_parameters_he", "He scales by the size of the previous layer, layers_dims[l-1], not of layer l.")
def he_wrong_layer(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * _he_scale(n))


@mutant("initialize_parameters_he", "That is Xavier's scale, sqrt(1 / n): He initialisation for ReLU uses 2 on top.")
def he_xavier(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * np.sqrt(1 / n_prev))


@mutant("initialize_parameters_he", "The factor is a square root: sqrt(2 / n_prev), not 2 / n_prev.")
def he_no_sqrt(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * (2 / n_prev))


@mutant("initialize_parameters_he", "Multiply by the square root of 2 / n_prev; dividing by it makes the weights huge.")
def he_divided(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) / _he_scale(n_prev))


@mutant("initialize_parameters_he", "Only the weights are random; the biases start at zero.")
def he_random_biases(layers_dims):
    return _layers(
        layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * _he_scale(n_prev), lambda n: np.random.randn(n, 1)
    )


@mutant("initialize_parameters_he", "Draw from a normal distribution centred on zero, not a uniform one on [0, 1).")
def he_uniform(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.rand(n, n_prev) * _he_scale(n_prev))


@mutant("initialize_parameters_he", "np.random.randn takes the sizes as separate numbers, randn(n, n_prev); "
                                    "it is np.zeros that takes a tuple.")
def he_randn_of_a_tuple(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn((n, n_prev)) * _he_scale(n_prev))
