"""C2W1A1, second round."""

import numpy as np

from .. import correct, mistake


@correct("initialize_parameters_zeros")
def zeros_dict_comprehension(layers_dims):
    L = len(layers_dims) - 1
    weights = {f"W{l}": np.zeros((layers_dims[l], layers_dims[l - 1])) for l in range(1, L + 1)}
    biases = {f"b{l}": np.zeros((layers_dims[l], 1)) for l in range(1, L + 1)}
    return weights | biases


@mistake("initialize_parameters_zeros")
def zeros_int_in_the_key(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + l] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + l] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_zeros")
def zeros_weights_transposed(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_random")
def random_flat_bias(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters[f"b{l}"] = np.zeros(layers_dims[l])
    return parameters


@mistake("initialize_parameters_random")
def random_small_weights(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


@correct("initialize_parameters_he")
def he_scale_first(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = (2 / layers_dims[l - 1]) ** 0.5
        parameters["W" + str(l)] = scale * np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_he")
def he_kept_the_hundredth(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            2 / layers_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_he")
def he_uniform_draw(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.rand(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
