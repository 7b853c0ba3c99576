"""Correct solutions of C1W3A1 written differently from the reference: all of them must pass."""

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.deep import compute_cost, initialize_parameters
from dlspec.nn.shallow import backward_propagation, forward_propagation, layer_sizes, update_parameters


@variant("layer_sizes")
def layer_sizes_unpacked(X, Y):
    n_x, _ = X.shape
    n_y, _ = Y.shape
    return n_x, 4, n_y


@variant("layer_sizes")
def layer_sizes_len(X, Y):
    return tuple([len(X), 4, len(Y)])


@variant("initialize_parameters")
def init_loop(n_x, n_h, n_y):
    parameters = {}
    for layer, (rows, cols) in enumerate([(n_h, n_x), (n_y, n_h)], start=1):
        parameters[f"W{layer}"] = 0.01 * np.random.randn(rows, cols)
        parameters[f"b{layer}"] = np.zeros((rows, 1))
    return parameters


@variant("initialize_parameters")
def init_standard_normal(n_x, n_h, n_y):
    W1 = np.random.standard_normal((n_h, n_x)) / 100
    W2 = np.random.standard_normal((n_y, n_h)) / 100
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


@variant("initialize_parameters")
def init_own_generator(n_x, n_h, n_y):
    # A different stream of random numbers: right in distribution, not equal to the seeded reference.
    rng = np.random.default_rng(int(np.random.randint(2**31)))
    return {"W1": rng.normal(0, 0.01, (n_h, n_x)), "b1": np.zeros((n_h, 1)), "W2": rng.normal(0, 0.01, (n_y, n_h)),
            "b2": np.zeros((n_y, 1))}


@variant("initialize_parameters")
def init_seeded_inside(n_x, n_h, n_y):
    # The 2017-2020 notebooks fixed the seed inside the function: a different draw, still a right one.
    np.random.seed(2)
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)), "W2": np.random.randn(n_y, n_h) * 0.01,
            "b2": np.zeros((n_y, 1))}


@variant("forward_propagation")
def forward_dot(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = (np.exp(Z1) - np.exp(-Z1)) / (np.exp(Z1) + np.exp(-Z1))
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 0.5 * (1 + np.tanh(Z2 / 2))  # the sigmoid, written through tanh
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@variant("forward_propagation")
def forward_einsum(X, parameters):
    cache = {}
    cache["Z1"] = np.einsum("hi,im->hm", parameters["W1"], X) + parameters["b1"]
    cache["A1"] = np.tanh(cache["Z1"])
    cache["Z2"] = np.einsum("oh,hm->om", parameters["W2"], cache["A1"]) + parameters["b2"]
    cache["A2"] = 1 / (1 + np.exp(-cache["Z2"]))
    return cache["A2"], cache


@variant("compute_cost")
def cost_mean_where(A2, Y):
    log_likelihood = np.where(Y == 1, np.log(A2), np.log(1 - A2))
    return -float(np.mean(log_likelihood))


@variant("compute_cost")
def cost_dot(A2, Y):
    Y = Y.astype(float)
    m = Y.shape[1]
    logprobs = np.dot(np.log(A2), Y.T) + np.dot(np.log(1 - A2), (1 - Y).T)
    return float(np.squeeze(-logprobs / m))


@variant("backward_propagation")
def backward_dot(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = np.multiply(np.dot(parameters["W2"].T, dZ2), 1 - np.power(cache["A1"], 2))
    return {"dW1": (1 / m) * np.dot(dZ1, X.T), "db1": (1 / m) * np.sum(dZ1, axis=1, keepdims=True),
            "dW2": (1 / m) * np.dot(dZ2, cache["A1"].T), "db2": (1 / m) * np.sum(dZ2, axis=1, keepdims=True)}


@variant("backward_propagation")
def backward_means(parameters, cache, X, Y):
    A1 = cache["A1"]
    dZ2 = cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1) * (1 + A1)
    # an average over examples of per-example outer products
    return {"dW1": np.einsum("hm,im->hi", dZ1, X) / X.shape[1], "db1": dZ1.mean(axis=1, keepdims=True),
            "dW2": np.einsum("om,hm->oh", dZ2, A1) / X.shape[1], "db2": dZ2.mean(axis=1, keepdims=True)}


@variant("update_parameters")
def update_loop(parameters, grads, learning_rate=1.2):
    new = {}
    for key, value in parameters.items():
        new[key] = value - learning_rate * grads["d" + key]
    return new


@variant("update_parameters")
def update_copy_then_subtract(parameters, grads, learning_rate=1.2):
    import copy

    new = copy.deepcopy(parameters)
    for key in new:
        new[key] -= learning_rate * grads["d" + key]
    return new


@variant("nn_model")
def nn_model_while(X, Y, n_h, num_iterations=10000, print_cost=False):
    parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0])
    step = 0
    while step < num_iterations:
        A2, cache = forward_propagation(X, parameters)
        if print_cost and step % 1000 == 0:
            print("cost", step, compute_cost(A2, Y))
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y), learning_rate=1.2)
        step += 1
    return parameters


@variant("nn_model")
def nn_model_sizes_from_helper(X, Y, n_h, num_iterations=10000, print_cost=False):
    sizes = layer_sizes(X, Y)
    parameters = initialize_parameters(sizes[0], n_h, sizes[2])
    for _ in range(num_iterations):
        grads = backward_propagation(parameters, forward_propagation(X, parameters)[1], X, Y)
        parameters = update_parameters(parameters, grads)
    return parameters


@variant("nn_model")
def nn_model_seeded_inside(X, Y, n_h, num_iterations=10000, print_cost=False):
    # The 2017-2020 notebooks seeded inside nn_model; the checks seed the same number before calling.
    np.random.seed(3)
    n_x, n_y = layer_sizes(X, Y)[0], layer_sizes(X, Y)[2]
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(0, num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y), learning_rate=1.2)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters


@variant("predict")
def predict_rounded(parameters, X):
    # 0/1 numbers instead of booleans, as many older notebooks wrote it; np.round sends exactly 0.5 to 0
    A2, _ = forward_propagation(X, parameters)
    return np.round(A2)


@variant("predict")
def predict_from_z2(parameters, X):
    # sigmoid(z) > 0.5 exactly when z > 0
    _, cache = forward_propagation(X, parameters)
    return cache["Z2"] > 0


@variant("predict")
def predict_where(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return np.where(A2 > 0.5, True, False)
