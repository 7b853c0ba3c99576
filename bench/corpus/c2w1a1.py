"""C2W1A1, initialisation, as learners write it."""

import numpy as np

from . import correct, mistake

# --- initialize_parameters_zeros --------------------------------------------------------------------------------


@correct("initialize_parameters_zeros")
def zeros_comprehension(layers_dims):
    parameters = {}
    for l, (n, n_prev) in enumerate(zip(layers_dims[1:], layers_dims[:-1], strict=True), start=1):
        parameters[f"W{l}"] = np.zeros((n, n_prev))
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


@correct("initialize_parameters_zeros")
def zeros_with_L(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros(shape=(layers_dims[l], layers_dims[l - 1]), dtype=float)
        parameters["b" + str(l)] = np.zeros(shape=(layers_dims[l], 1), dtype=float)
    return parameters


@mistake("initialize_parameters_zeros")
def zeros_shape_as_two_arguments(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_zeros")
def zeros_bias_as_a_row(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((1, layers_dims[l]))
    return parameters


@mistake("initialize_parameters_zeros")
def zeros_bias_sized_by_previous_layer(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l - 1], 1))
    return parameters


@mistake("initialize_parameters_zeros")
def zeros_one_layer_short(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


# --- initialize_parameters_random ---------------------------------------------------------------------------------


@correct("initialize_parameters_random")
def random_normal_with_scale(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.normal(0, 10, size=(layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@correct("initialize_parameters_random")
def random_standard_normal(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = 10 * np.random.standard_normal((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_random")
def random_forgot_the_ten(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_random")
def random_shape_as_a_tuple_to_randn(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn((layers_dims[l], layers_dims[l - 1])) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_random")
def random_biases_too(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters[f"b{l}"] = np.random.randn(layers_dims[l], 1) * 10
    return parameters


@mistake("initialize_parameters_random")
def random_uniform_draw(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.rand(layers_dims[l], layers_dims[l - 1]) * 10
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


# --- initialize_parameters_he -------------------------------------------------------------------------------------


@correct("initialize_parameters_he")
def he_normal_scale(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        std = np.sqrt(2.0 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.normal(0.0, std, (layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@correct("initialize_parameters_he")
def he_divide_by_root(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2) / np.sqrt(
            layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_he")
def he_root_of_two_only(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2) / layers_dims[l - 1]
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_he")
def he_this_layers_size(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_he")
def he_xavier_scale(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(1 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


@mistake("initialize_parameters_he")
def he_still_times_ten(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10 * np.sqrt(2 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
