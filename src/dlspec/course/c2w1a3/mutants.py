"""Known mistakes in C2W1A3, each with the hint a learner who made it should read.

The n-D mistakes share the loop of ``_check_n`` and differ in one step: the nudge, the finite difference or the
final ratio.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.gradcheck import (
    backward_propagation,
    dictionary_to_vector,
    forward_propagation,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)


def _relative(grad, gradapprox):
    return float(np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))


_SUM_OF_NORMS = ("The denominator is the sum of the two norms, norm(grad) + norm(gradapprox): norm(grad + gradapprox) "
                 "is near 0 when the two point opposite ways, and the ratio explodes.")


# --- forward_propagation ---------------------------------------------------------------------------------------


@mutant("forward_propagation", "J is the product of theta and x, not their sum.")
def forward_sum(x, theta):
    return theta + x


@mutant("forward_propagation", "J depends on both x and theta: multiply them.")
def forward_theta_only(x, theta):
    return theta


@mutant("forward_propagation", "J depends on both x and theta: multiply them.")
def forward_x_only(x, theta):
    return x


@mutant("forward_propagation", "J is theta times x, not a power of one by the other.")
def forward_power(x, theta):
    return x**theta


@mutant("forward_propagation", "J is theta times x, once: no square.")
def forward_squared(x, theta):
    return (theta * x) ** 2


# --- backward_propagation --------------------------------------------------------------------------------------


@mutant("backward_propagation", "Differentiate with respect to theta: the derivative is what multiplies theta.")
def backward_theta(x, theta):
    return theta


@mutant("backward_propagation", "That is J itself: the derivative drops theta.")
def backward_J(x, theta):
    return theta * x


@mutant("backward_propagation", "Check the sign: J grows with theta when x is positive.")
def backward_negated(x, theta):
    return -x


@mutant("backward_propagation", "The derivative of theta * x in theta is not a constant 1: x scales it.")
def backward_one(x, theta):
    return 1


@mutant("backward_propagation", "No division: the derivative of theta * x in theta is just what multiplies theta.")
def backward_ratio(x, theta):
    return x / theta


# --- gradient_check ---------------------------------------------------------------------------------------------


# First: where the backward pass is wrong, a check that never calls it reads about 0, and so can other mistakes that
# cancel out there (a single epsilon span meets a doubled derivative); a learner who hard-codes the derivative
# (grad = x, the course's most common mistake here) should read this hint.
@mutant("gradient_check", "Compare with backward_propagation's gradient: a check that never calls it finds no bug.")
def check_ignores_backward(x, theta, epsilon=1e-7, print_msg=False):
    grad = x  # J = theta * x, differentiated by hand: exactly what such a learner writes, so the hint wins ties
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return _relative(grad, gradapprox)


@mutant("gradient_check", "The two-sided difference spans 2 * epsilon, from theta - epsilon to theta + epsilon.")
def check_one_epsilon(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / epsilon
    return _relative(backward_propagation(x, theta), gradapprox)


@mutant("gradient_check", "Check the order of the subtraction: J(theta + epsilon) comes first.")
def check_reversed(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta - epsilon) - forward_propagation(x, theta + epsilon)) / (2 * epsilon)
    return _relative(backward_propagation(x, theta), gradapprox)


@mutant("gradient_check", "One point moves up by epsilon and the other down: theta + epsilon and theta - epsilon.")
def check_same_side(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta + epsilon)) / (2 * epsilon)
    return _relative(backward_propagation(x, theta), gradapprox)


@mutant("gradient_check", "Divide the norm of the difference by the sum of the two norms, so the result has no scale.")
def check_absolute(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return float(np.linalg.norm(backward_propagation(x, theta) - gradapprox))


@mutant("gradient_check", "The denominator is norm(grad) + norm(gradapprox), not the norm of their difference.")
def check_wrong_denominator(x, theta, epsilon=1e-7, print_msg=False):
    grad = backward_propagation(x, theta)
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return float(np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad - gradapprox + 1e-30))


@mutant("gradient_check", "Use the centred difference (J(theta + eps) - J(theta - eps)) / (2 eps): a one-sided one "
                          "is off by about eps times the curvature.")
def check_one_sided(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta)) / epsilon
    return _relative(backward_propagation(x, theta), gradapprox)


@mutant("gradient_check", "Mind the brackets: / 2 * epsilon multiplies by epsilon; divide by (2 * epsilon).")
def check_precedence(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / 2 * epsilon
    return _relative(backward_propagation(x, theta), gradapprox)


@mutant("gradient_check", _SUM_OF_NORMS)
def check_norm_of_the_sum(x, theta, epsilon=1e-7, print_msg=False):
    grad = backward_propagation(x, theta)
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return float(np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox))


# --- gradient_check_n -------------------------------------------------------------------------------------------


def _check_n(parameters, gradients, X, Y, epsilon, nudge=None, span=2, count=None, like=True):
    """The correct loop unless a step is swapped: ``nudge(values, i, delta)`` -> nudged copy, ``span`` of the
    difference, ``count`` coordinates visited, ``like`` whether vector_to_dictionary gets the shapes."""
    values, _ = dictionary_to_vector(parameters)
    n = values.shape[0] if count is None else count(values.shape[0])
    gradapprox = np.zeros(values.shape)

    def cost(theta):
        return forward_propagation_n(X, Y, vector_to_dictionary(theta, parameters if like else None))[0]

    for i in range(n):
        if nudge is None:
            plus, minus = np.copy(values), np.copy(values)
            plus[i] += epsilon
            minus[i] -= epsilon
            gradapprox[i] = (cost(plus) - cost(minus)) / (span * epsilon)
        else:
            gradapprox[i] = nudge(values, i, epsilon, cost)
    return gradients_to_vector(gradients), gradapprox


@mutant("gradient_check_n", "The two-sided difference spans 2 * epsilon.")
def check_n_one_epsilon(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return _relative(*_check_n(parameters, gradients, X, Y, epsilon, span=1))


def _aliased(values, i, epsilon, cost):
    plus = values  # no copy: the nudge lands in the parameter vector itself
    plus[i] += epsilon
    J_plus = cost(plus)
    minus = values
    minus[i] -= epsilon
    return (J_plus - cost(minus)) / (2 * epsilon)


@mutant("gradient_check_n", "Nudge copies of the vector (np.copy): otherwise the second nudge undoes the first.")
def check_n_no_copy(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return _relative(*_check_n(parameters, gradients, X, Y, epsilon, nudge=_aliased))


@mutant("gradient_check_n", "Divide the norm of the difference by the sum of the two norms: the result has no scale.")
def check_n_absolute(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad, gradapprox = _check_n(parameters, gradients, X, Y, epsilon)
    return float(np.linalg.norm(grad - gradapprox))


@mutant("gradient_check_n", "Return a single number: np.linalg.norm of the whole vector, not norms along an axis.")
def check_n_axis_norm(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad, gradapprox = _check_n(parameters, gradients, X, Y, epsilon)
    denominator = np.linalg.norm(grad, axis=0) + np.linalg.norm(gradapprox, axis=0)
    return np.linalg.norm(grad - gradapprox, axis=0) / denominator


@mutant("gradient_check_n", "Visit every parameter: the loop runs over all num_parameters coordinates.")
def check_n_skips_last(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return _relative(*_check_n(parameters, gradients, X, Y, epsilon, count=lambda n: n - 1))


@mutant("gradient_check_n", "Check the order of the subtraction: J_plus[i] comes first.")
def check_n_reversed(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad, gradapprox = _check_n(parameters, gradients, X, Y, epsilon)
    return _relative(grad, -gradapprox)


@mutant("gradient_check_n", "Pass parameters to vector_to_dictionary too, so the arrays get the real layer sizes.")
def check_n_fixed_shapes(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return _relative(*_check_n(parameters, gradients, X, Y, epsilon, like=False))


def _one_sided(values, i, epsilon, cost):
    plus = np.copy(values)
    plus[i] += epsilon
    return (cost(plus) - cost(values)) / epsilon


@mutant("gradient_check_n", "Use the centred difference (J_plus - J_minus) / (2 epsilon): a one-sided one is off by "
                            "about epsilon times the curvature, enough to hide a small bug or invent one.")
def check_n_one_sided(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return _relative(*_check_n(parameters, gradients, X, Y, epsilon, nudge=_one_sided))


@mutant("gradient_check_n", _SUM_OF_NORMS)
def check_n_norm_of_the_sum(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad, gradapprox = _check_n(parameters, gradients, X, Y, epsilon)
    return float(np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox))


@mutant("gradient_check_n", "forward_propagation_n returns the cost and a cache: keep the cost, "
                            "J_plus[i], _ = forward_propagation_n(...).")
def check_n_stores_the_pair(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    J_plus = np.zeros((values.shape[0], 1))
    # raises, as the learner's loop does at its first coordinate
    J_plus[0] = forward_propagation_n(X, Y, vector_to_dictionary(values, parameters))
