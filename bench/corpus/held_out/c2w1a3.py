"""C2W1A3, second round."""

import numpy as np

from dlspec.nn.gradcheck import (
    backward_propagation,
    dictionary_to_vector,
    forward_propagation,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)

from .. import correct, mistake


@mistake("gradient_check")
def check_difference_of_norms(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad) - np.linalg.norm(gradapprox)
    return numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@mistake("gradient_check")
def check_forgets_the_denominator(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox)


@correct("gradient_check_n")
def check_n_copy_method(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    approx = []
    for i in range(len(theta)):
        up, down = theta.copy(), theta.copy()
        up[i, 0] += epsilon
        down[i, 0] -= epsilon
        J_up, _ = forward_propagation_n(X, Y, vector_to_dictionary(up, parameters))
        J_down, _ = forward_propagation_n(X, Y, vector_to_dictionary(down, parameters))
        approx.append((J_up - J_down) / (2 * epsilon))
    gradapprox = np.array(approx).reshape(-1, 1)
    return float(np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))


@mistake("gradient_check_n")
def check_n_minus_copied_from_plus(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros(values.shape)
    for i in range(values.shape[0]):
        theta_plus = np.copy(values)
        theta_plus[i] = theta_plus[i] + epsilon
        theta_minus = np.copy(theta_plus)
        theta_minus[i] = theta_minus[i] - epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@mistake("gradient_check_n")
def check_n_vector_of_the_parameters_as_gradients(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(parameters)
    gradapprox = np.zeros(values.shape)
    for i in range(values.shape[0]):
        theta_plus, theta_minus = np.copy(values), np.copy(values)
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
