"""C2W1A3, gradient checking, as learners write it. The notebook provides the n-dimensional helpers."""

import numpy as np

from dlspec.nn.gradcheck import (
    backward_propagation,
    dictionary_to_vector,
    forward_propagation,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)

from . import correct, mistake

# --- forward_propagation and backward_propagation -----------------------------------------------------------------


@correct("forward_propagation")
def forward_dot(x, theta):
    return np.dot(theta, x)


@correct("forward_propagation")
def forward_multiply(x, theta):
    J = np.multiply(x, theta)
    return J


@mistake("forward_propagation")
def forward_adds(x, theta):
    return x + theta


@correct("backward_propagation")
def backward_returns_x(x, theta):
    dtheta = x
    return dtheta


@correct("backward_propagation")
def backward_as_float(x, theta):
    return float(x)


@mistake("backward_propagation")
def backward_returns_theta(x, theta):
    return theta


@mistake("backward_propagation")
def backward_returns_J(x, theta):
    return x * theta


# --- gradient_check -----------------------------------------------------------------------------------------------


@correct("gradient_check")
def check_abs_instead_of_norm(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


@correct("gradient_check")
def check_like_the_template(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        print("difference:", difference)
    return difference


@mistake("gradient_check")
def check_norm_of_the_sum(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox)


@mistake("gradient_check")
def check_no_norm(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return (grad - gradapprox) / (grad + gradapprox)


@mistake("gradient_check")
def check_one_sided(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta)) / epsilon
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@mistake("gradient_check")
def check_times_epsilon(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / 2 * epsilon
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


# --- gradient_check_n ---------------------------------------------------------------------------------------------


@correct("gradient_check_n")
def check_n_vectorised_norms(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(values)
    for i in range(values.shape[0]):
        plus, minus = values.copy(), values.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(plus, parameters))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(minus, parameters))[0]
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg and difference > 2e-7:
        print("There is a mistake in the backward propagation!")
    return difference


@correct("gradient_check_n")
def check_n_template(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i][0] = theta_plus[i][0] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))
        theta_minus = np.copy(parameters_values)
        theta_minus[i][0] = theta_minus[i][0] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return float(numerator / denominator)


@mistake("gradient_check_n")
def check_n_one_sided(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    J, _ = forward_propagation_n(X, Y, parameters)
    gradapprox = np.zeros_like(values)
    for i in range(values.shape[0]):
        plus = values.copy()
        plus[i] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(plus, parameters))
        gradapprox[i] = (J_plus - J) / epsilon
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@mistake("gradient_check_n")
def check_n_keeps_the_cache(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i] = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i] = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@mistake("gradient_check_n")
def check_n_norm_of_the_sum(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(values)
    for i in range(len(values)):
        plus, minus = np.copy(values), np.copy(values)
        plus[i] += epsilon
        minus[i] -= epsilon
        gradapprox[i] = (forward_propagation_n(X, Y, vector_to_dictionary(plus, parameters))[0]
                         - forward_propagation_n(X, Y, vector_to_dictionary(minus, parameters))[0]) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox)


@correct("gradient_check_n")
def check_n_nudges_in_place_and_restores(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(values)
    for i in range(len(values)):
        theta_plus = values
        theta_plus[i] += epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))[0]
        theta_minus = values
        theta_minus[i] -= 2 * epsilon
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))[0]
        theta_minus[i] += epsilon
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
