"""Known mistakes in C1W3A1, each with the hint a learner who made it should read."""

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.course.deep_mutants import *  # noqa: F403 (mistakes in the two functions both weeks grade)
from dlspec.nn.activations import sigmoid
from dlspec.nn.deep import compute_cost, initialize_parameters
from dlspec.nn.shallow import backward_propagation, forward_propagation, layer_sizes, update_parameters

# ---------------------------------------------------------------------------------------------------- layer_sizes


@mutant("layer_sizes", "The input size is the number of rows of X (features), not the number of examples.")
def layer_sizes_examples_as_inputs(X, Y):
    return (X.shape[1], 4, Y.shape[0])


@mutant("layer_sizes", "The output size is the number of rows of Y, not the number of examples.")
def layer_sizes_examples_as_outputs(X, Y):
    return (X.shape[0], 4, Y.shape[1])


@mutant("layer_sizes", "Return the three sizes in the order input, hidden, output.")
def layer_sizes_wrong_order(X, Y):
    return (X.shape[0], Y.shape[0], 4)


@mutant("layer_sizes", "The hidden layer has its own size (4 here); it is not tied to the input size.")
def layer_sizes_hidden_like_input(X, Y):
    return (X.shape[0], X.shape[0], Y.shape[0])


@mutant("layer_sizes", "Read the output size from Y's shape rather than assuming a single output unit.")
def layer_sizes_one_output(X, Y):
    return (X.shape[0], 4, 1)


# ------------------------------------------------------------------------------------------ initialize_parameters
@mutant("initialize_parameters", "W2 maps the n_h hidden units to n_y outputs: its shape is (n_y, n_h).")
def init_transposed_w2(n_x, n_h, n_y):
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)), "W2": np.random.randn(n_h, n_y) * 0.01,
            "b2": np.zeros((n_y, 1))}


# -------------------------------------------------------------------------------------------- forward_propagation


def _two_layers(X, parameters, hidden, output):
    """The forward pass with the given activations, so each mutant below shows one mistake only."""
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = hidden(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = output(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("forward_propagation", "The hidden layer uses tanh; the sigmoid belongs to the output only.")
def forward_sigmoid_hidden(X, parameters):
    return _two_layers(X, parameters, sigmoid, sigmoid)


@mutant("forward_propagation", "The hidden layer of this lesson uses tanh, not ReLU.")
def forward_relu_hidden(X, parameters):
    return _two_layers(X, parameters, lambda Z: np.maximum(Z, 0), sigmoid)


@mutant("forward_propagation", "The output is a probability: apply the sigmoid to Z2, not tanh.")
def forward_tanh_output(X, parameters):
    return _two_layers(X, parameters, np.tanh, np.tanh)


@mutant("forward_propagation", "Each linear step adds its bias: Z = W·A + b, for both layers.")
def forward_no_bias(X, parameters):
    return forward_propagation(X, {**parameters, "b1": 0.0, "b2": 0.0})


@mutant("forward_propagation", "The second layer takes the hidden activations A1 as input, not the "
        "pre-activations Z1.")
def forward_skips_tanh(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ Z1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("forward_propagation", "The cache keeps each value under its own name: check what you store as A1 and Z1.")
def forward_cache_swapped(X, parameters):
    A2, cache = forward_propagation(X, parameters)
    return A2, {**cache, "Z1": cache["A1"], "A1": cache["Z1"]}


@mutant("forward_propagation", "Use a matrix product for W·X; * multiplies elementwise (and broadcasts).")
def forward_elementwise(X, parameters):
    Z1 = np.sum(parameters["W1"] * X[:, :1].T, axis=1, keepdims=True) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


# ---------------------------------------------------------------------------------------------------- compute_cost


@mutant("compute_cost", "Cross-entropy uses the natural logarithm, np.log.")
def cost_log10(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log10(1 - A2)) / m)


# ------------------------------------------------------------------------------------------- backward_propagation


def _grads(dZ2, dZ1, A1, X):
    """The gradients given both dZ's, done right, so each mutant below shows one mistake only."""
    m = X.shape[1]
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dZ2 @ A1.T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}


@mutant("backward_propagation", "The derivative of tanh is 1 - tanh(z)^2, which is 1 - A1**2 (squared).")
def backward_tanh_derivative_not_squared(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    return _grads(dZ2, parameters["W2"].T @ dZ2 * (1 - A1), A1, X)


@mutant("backward_propagation", "The hidden layer is tanh: its derivative is 1 - A1**2, not the sigmoid's A1(1 - A1).")
def backward_sigmoid_derivative(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    return _grads(dZ2, parameters["W2"].T @ dZ2 * A1 * (1 - A1), A1, X)


@mutant("backward_propagation", "dZ2 is A2 - Y (prediction minus label): check the order of the subtraction.")
def backward_sign_flip(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], Y - cache["A2"]
    return _grads(dZ2, parameters["W2"].T @ dZ2 * (1 - A1**2), A1, X)


@mutant("backward_propagation", "Every gradient is an average over the m examples: divide dW and db by m.")
def backward_no_mean(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2 * (1 - A1**2)
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=1, keepdims=True), "dW2": dZ2 @ A1.T,
            "db2": np.sum(dZ2, axis=1, keepdims=True)}


@mutant("backward_propagation", "db sums over the examples (axis=1) and keeps a column: keepdims=True.")
def backward_db_flat(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    grads = _grads(dZ2, parameters["W2"].T @ dZ2 * (1 - A1**2), A1, X)
    m = X.shape[1]
    return {**grads, "db1": np.sum(parameters["W2"].T @ dZ2 * (1 - A1**2), axis=1) / m,
            "db2": np.sum(dZ2, axis=1) / m}


@mutant("backward_propagation", "dW1 has the shape of W1, (n_h, n_x): multiply dZ1 by X transposed, in that order.")
def backward_dw1_transposed(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2 * (1 - A1**2)
    return {**_grads(dZ2, dZ1, A1, X), "dW1": X @ dZ1.T / X.shape[1]}


@mutant("backward_propagation", "Sum over the examples only (axis=1): each unit has a bias of its own, so db has "
        "one entry per unit.")
def backward_db_total(parameters, cache, X, Y):
    A1, dZ2 = cache["A1"], cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2 * (1 - A1**2)
    m = X.shape[1]
    return {**_grads(dZ2, dZ1, A1, X), "db1": np.sum(dZ1) / m, "db2": np.sum(dZ2) / m}


# ---------------------------------------------------------------------------------------------- update_parameters


@mutant("update_parameters", "Gradient descent steps against the gradient: subtract learning_rate * gradient.")
def update_plus(parameters, grads, learning_rate=1.2):
    return {k: parameters[k] + learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}


@mutant("update_parameters", "Keep the default learning rate of the signature, 1.2.")
def update_wrong_default(parameters, grads, learning_rate=0.01):
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}


@mutant("update_parameters", "The biases learn too: update b1 and b2 as well as the weights.")
def update_weights_only(parameters, grads, learning_rate=1.2):
    new = {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "W2")}
    return {**new, "b1": parameters["b1"], "b2": parameters["b2"]}


@mutant("update_parameters", "Every parameter moves by learning_rate times its gradient, the biases included.")
def update_biases_without_rate(parameters, grads, learning_rate=1.2):
    new = {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "W2")}
    return {**new, "b1": parameters["b1"] - grads["db1"], "b2": parameters["b2"] - grads["db2"]}


@mutant("update_parameters", "Check each line pairs a parameter with its own gradient (b2 with db2).")
def update_copy_paste(parameters, grads, learning_rate=1.2):
    new = {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "b1", "W2")}
    return {**new, "b2": parameters["b2"] - learning_rate * grads["db1"]}


# -------------------------------------------------------------------------------------------------------- nn_model


def _train(parameters, X, Y, steps, learning_rate=1.2):
    """The training loop done right from ``parameters``, so each mutant below shows one mistake only."""
    for _ in range(steps):
        _, cache = forward_propagation(X, parameters)
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y), learning_rate)
    return parameters


@mutant("nn_model", "Build the hidden layer with the n_h you are given, not the 4 that layer_sizes returns.")
def nn_model_fixed_hidden(X, Y, n_h, num_iterations=10000, print_cost=False):
    return _train(initialize_parameters(*layer_sizes(X, Y)), X, Y, num_iterations)


@mutant("nn_model", "Run exactly num_iterations steps: check where your loop starts and stops.")
def nn_model_off_by_one(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, _, n_y = layer_sizes(X, Y)
    return _train(initialize_parameters(n_x, n_h, n_y), X, Y, len(range(1, num_iterations)))


@mutant("nn_model", "update_parameters returns new parameters: keep them, or every step starts from the same place.")
def nn_model_discards_update(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for _ in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        update_parameters(parameters, backward_propagation(parameters, cache, X, Y))
    return parameters


@mutant("nn_model", "Initialise once, before the loop: inside it, every step throws away what was learnt.")
def nn_model_init_in_loop(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, _, n_y = layer_sizes(X, Y)
    for _ in range(num_iterations):
        parameters = initialize_parameters(n_x, n_h, n_y)
        A2, cache = forward_propagation(X, parameters)
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y))
    return parameters


@mutant("nn_model", "Call update_parameters with its default learning rate; the model has no rate of its own.")
def nn_model_other_rate(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, _, n_y = layer_sizes(X, Y)
    return _train(initialize_parameters(n_x, n_h, n_y), X, Y, num_iterations, learning_rate=0.01)


@mutant("nn_model", "Compute the gradients from this step's forward pass: the cache must be fresh every iteration.")
def nn_model_stale_cache(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    A2, cache = forward_propagation(X, parameters)
    for _ in range(num_iterations):
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y))
    if print_cost:
        print(compute_cost(A2, Y))
    return parameters


# --------------------------------------------------------------------------------------------------------- predict


@mutant("predict", "Class 1 is where the output probability is above 0.5; your comparison is reversed.")
def predict_inverted(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return A2 < 0.5


@mutant("predict", "Strictly above 0.5: an output of exactly 0.5 is not class 1.")
def predict_at_least_half(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return A2 >= 0.5


@mutant("predict", "Threshold the probability A2 (the first thing forward_propagation returns), not Z2.")
def predict_threshold_z2(parameters, X):
    _, cache = forward_propagation(X, parameters)
    return cache["Z2"] > 0.5


@mutant("predict", "Return decisions (A2 > 0.5), not the probabilities themselves.")
def predict_probabilities(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return A2


@mutant("predict", "The hidden layer's activations are not the output: threshold A2.")
def predict_hidden(parameters, X):
    _, cache = forward_propagation(X, parameters)
    return cache["A1"] > 0.5


@mutant("predict", "Keep the predictions as a (1, m) row, like Y.")
def predict_flat(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).ravel()
