"""Weight initialisation for an L-layer network: zeros, large random, and He (Course 2 week 1).

Same conventions as ``dlspec.nn.deep``: ``layers_dims = [n_x, n_1, ..., n_L]``, ``W{l}`` is ``(n_l, n_{l-1})``
and ``b{l}`` is ``(n_l, 1)``. The random initialisers draw from NumPy's global state layer by layer, ``W`` before
``b``, so seeding it (the original seeded 3) reproduces the original's numbers; they do not seed it themselves,
so that a caller decides.
"""

from __future__ import annotations

import numpy as np


def initialize_parameters_zeros(layers_dims):
    """Initialise every weight and every bias to zero.

    Arguments:
    layers_dims -- list of layer sizes [n_x, n_1, ..., n_L]

    Returns:
    parameters -- dict with "W1".."WL" and "b1".."bL"; W{l} has shape (layers_dims[l], layers_dims[l-1]),
                  b{l} has shape (layers_dims[l], 1), all entries 0
    """
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims):
    """Initialise the weights with large random values (standard normal times 10) and the biases to zero.

    Arguments:
    layers_dims -- list of layer sizes [n_x, n_1, ..., n_L]

    Returns:
    parameters -- dict with "W1".."WL" and "b1".."bL"; W{l} has shape (layers_dims[l], layers_dims[l-1]),
                  drawn with np.random.randn and multiplied by 10, layer by layer; b{l} is (layers_dims[l], 1) zeros
    """
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims):
    """He initialisation: random weights scaled to the size of the layer they read from, zero biases.

    Arguments:
    layers_dims -- list of layer sizes [n_x, n_1, ..., n_L]

    Returns:
    parameters -- dict with "W1".."WL" and "b1".."bL"; W{l} has shape (layers_dims[l], layers_dims[l-1]),
                  drawn with np.random.randn and multiplied by sqrt(2 / layers_dims[l-1]), layer by layer;
                  b{l} is (layers_dims[l], 1) zeros
    """
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
