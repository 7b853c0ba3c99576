"""Correct solutions of C2W1A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from dlspec.checking.spec import variant


@variant("initialize_parameters_zeros")
def zeros_comprehension(layers_dims):
    shapes = {}
    for l, (n_prev, n) in enumerate(pairwise(layers_dims), start=1):
        shapes[f"W{l}"], shapes[f"b{l}"] = (n, n_prev), (n, 1)
    return {key: np.zeros(shape) for key, shape in shapes.items()}


@variant("initialize_parameters_zeros")
def zeros_full(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["b" + str(l)] = np.full((layers_dims[l], 1), 0.0)
        parameters["W" + str(l)] = np.zeros_like(np.empty((layers_dims[l], layers_dims[l - 1])))
    return parameters


@variant("initialize_parameters_random")
def random_normal(layers_dims):
    parameters = {}
    for l, (n_prev, n) in enumerate(pairwise(layers_dims), start=1):
        parameters[f"W{l}"] = np.random.normal(0.0, 10.0, size=(n, n_prev))
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


@variant("initialize_parameters_random")
def random_generator(layers_dims):
    # A different random source: the judge accepts any correct draw, not only the seeded one.
    rng = np.random.default_rng(np.random.randint(2**31))
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = 10 * rng.standard_normal((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@variant("initialize_parameters_he")
def he_normal(layers_dims):
    parameters = {}
    for l, (n_prev, n) in enumerate(pairwise(layers_dims), start=1):
        parameters[f"W{l}"] = np.random.normal(0.0, np.sqrt(2.0 / n_prev), size=(n, n_prev))
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


@variant("initialize_parameters_he")
def he_generator(layers_dims):
    rng = np.random.default_rng(np.random.randint(2**31))
    parameters = {}
    for l in range(1, len(layers_dims)):
        fan_in = layers_dims[l - 1]
        parameters["W" + str(l)] = rng.standard_normal((layers_dims[l], fan_in)) * np.sqrt(2) / np.sqrt(fan_in)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
