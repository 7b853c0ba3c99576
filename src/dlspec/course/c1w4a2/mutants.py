"""Known mistakes in c1w4a2, each with the hint a learner who made it should read.

Every mistake is one switch of a configurable training loop, so each mutant states only what it gets wrong.
"""

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.deep import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    update_parameters,
)
from dlspec.nn.deep_app import initialize_parameters_deep_scaled


def _record(costs, cost, i, every_iteration=False):
    if every_iteration or i % 100 == 0:
        costs.append(cost)


def _two_layer(
    X,
    Y,
    layers_dims,
    learning_rate,
    num_iterations,
    *,
    hidden="relu",
    dA2_rule="cross-entropy",
    stale_weights=False,
    init_in_loop=False,
    first_iteration=0,
    **record,
):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters(*layers_dims)
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    for i in range(first_iteration, num_iterations):
        if init_in_loop:
            parameters = initialize_parameters(*layers_dims)
        if not stale_weights:
            W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
        A1, cache1 = linear_activation_forward(X, W1, b1, hidden)
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        if dA2_rule == "cross-entropy":
            dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        elif dA2_rule == "sign flipped":
            dA2 = np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)
        else:  # "A2 - Y": week 3's dZ2, which the sigmoid's backward pass then scales a second time
            dA2 = A2 - Y
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, hidden)
        parameters = update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)
        _record(costs, cost, i, **record)
    return parameters, costs


def _l_layer(
    X,
    Y,
    layers_dims,
    learning_rate,
    num_iterations,
    *,
    initialize=initialize_parameters_deep_scaled,
    keep_update=True,
    init_in_loop=False,
    first_iteration=0,
    **record,
):
    np.random.seed(1)
    costs = []
    parameters = initialize(layers_dims)
    for i in range(first_iteration, num_iterations):
        if init_in_loop:
            parameters = initialize(layers_dims)
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        updated = update_parameters(parameters, grads, learning_rate)
        if keep_update:
            parameters = updated
        _record(costs, cost, i, **record)
    return parameters, costs


# --- two_layer_model ---------------------------------------------------------------------------------------------


@mutant(
    "two_layer_model",
    "After each update, read W1, b1, W2, b2 from the new parameters: the forward pass keeps using the first weights.",
)
def two_layer_stale_weights(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, stale_weights=True)


@mutant("two_layer_model", "The hidden layer is a ReLU; only the output layer uses the sigmoid.")
def two_layer_sigmoid_hidden(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, hidden="sigmoid")


@mutant(
    "two_layer_model",
    "Check the sign of dA2, the derivative of the cost, or of the update (parameters - rate * gradient): with "
    "either flipped, gradient descent climbs the cost.",
)
def two_layer_dA2_sign(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, dA2_rule="sign flipped")


@mutant(
    "two_layer_model",
    "A2 - Y is dZ2, the gradient after the sigmoid; linear_activation_backward(..., 'sigmoid') expects dA2 "
    "and applies the sigmoid's slope itself.",
)
def two_layer_dZ2_as_dA2(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, dA2_rule="A2 - Y")


@mutant(
    "two_layer_model",
    "costs holds the cost at iterations 0, 100, 200, ... only: not at every iteration, and not the last one "
    "(printing it is fine).",
)
def two_layer_costs_every_iteration(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, every_iteration=True)


@mutant(
    "two_layer_model", "Initialise once, before the loop: re-initialising every iteration throws away what was learnt."
)
def two_layer_init_in_loop(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, init_in_loop=True)


@mutant("two_layer_model", "Use the learning_rate argument in the update, not a fixed number.")
def two_layer_fixed_rate(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, 0.0075, num_iterations)


@mutant("two_layer_model", "Count the iterations from 0: the loop should run exactly num_iterations times.")
def two_layer_starts_at_one(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, first_iteration=1)


# --- L_layer_model -----------------------------------------------------------------------------------------------


@mutant(
    "L_layer_model",
    "Initialise with initialize_parameters_deep_scaled: the week-4 initialiser's 0.01 makes a deep network's "
    "signal vanish.",
)
def l_layer_small_init(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _l_layer(X, Y, layers_dims, learning_rate, num_iterations, initialize=initialize_parameters_deep)


@mutant("L_layer_model", "update_parameters returns a new dictionary: keep what it returns, or nothing is learned.")
def l_layer_update_dropped(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _l_layer(X, Y, layers_dims, learning_rate, num_iterations, keep_update=False)


@mutant(
    "L_layer_model",
    "costs holds the cost at iterations 0, 100, 200, ... only: not at every iteration, and not the last one "
    "(printing it is fine).",
)
def l_layer_costs_every_iteration(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _l_layer(X, Y, layers_dims, learning_rate, num_iterations, every_iteration=True)


@mutant(
    "L_layer_model", "Initialise once, before the loop: re-initialising every iteration throws away what was learnt."
)
def l_layer_init_in_loop(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _l_layer(X, Y, layers_dims, learning_rate, num_iterations, init_in_loop=True)


@mutant("L_layer_model", "Use the learning_rate argument in the update, not a fixed number.")
def l_layer_fixed_rate(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _l_layer(X, Y, layers_dims, 0.0075, num_iterations)


@mutant("L_layer_model", "Count the iterations from 0: the loop should run exactly num_iterations times.")
def l_layer_starts_at_one(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _l_layer(X, Y, layers_dims, learning_rate, num_iterations, first_iteration=1)
