"""C2W2A1, optimisation methods, as learners write it."""

import copy
import math

import numpy as np

from . import correct, mistake

# --- update_parameters_with_gd ------------------------------------------------------------------------------------


@correct("update_parameters_with_gd")
def gd_in_place_on_the_callers_dict(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


@correct("update_parameters_with_gd")
def gd_deepcopy_then_minus_equals(parameters, grads, learning_rate):
    params = copy.deepcopy(parameters)
    for l in range(1, len(params) // 2 + 1):
        params[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
        params[f"b{l}"] -= learning_rate * grads[f"db{l}"]
    return params


@correct("update_parameters_with_gd")
def gd_comprehension(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


@mistake("update_parameters_with_gd")
def gd_layers_from_zero(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


@mistake("update_parameters_with_gd")
def gd_counts_every_key_as_a_layer(parameters, grads, learning_rate):
    L = len(parameters)
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


@mistake("update_parameters_with_gd")
def gd_bias_without_rate(parameters, grads, learning_rate):
    out = {}
    for l in range(1, len(parameters) // 2 + 1):
        out[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        out[f"b{l}"] = parameters[f"b{l}"] - grads[f"db{l}"]
    return out


@mistake("update_parameters_with_gd")
def gd_plus(parameters, grads, learning_rate):
    return {key: value + learning_rate * grads["d" + key] for key, value in parameters.items()}


# --- random_mini_batches --------------------------------------------------------------------------------------------


@correct("random_mini_batches")
def batches_step_through_range(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    order = np.random.permutation(m)
    X, Y = X[:, order], Y[:, order]
    return [(X[:, i : i + mini_batch_size], Y[:, i : i + mini_batch_size]) for i in range(0, m, mini_batch_size)]


@correct("random_mini_batches")
def batches_ceil(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    mini_batches = []
    for k in range(math.ceil(m / mini_batch_size)):
        end = min((k + 1) * mini_batch_size, m)
        mini_batches.append((shuffled_X[:, k * mini_batch_size : end], shuffled_Y[:, k * mini_batch_size : end]))
    return mini_batches


@correct("random_mini_batches")
def batches_without_seeding(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    idx = np.arange(m)
    np.random.shuffle(idx)
    batches = []
    start = 0
    while start < m:
        stop = start + mini_batch_size
        batches.append((X[:, idx[start:stop]], Y[:, idx[start:stop]]))
        start = stop
    return batches


@mistake("random_mini_batches")
def batches_remainder_from_last_full_batch(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    mini_batches = []
    k = 0
    for k in range(num_complete_minibatches):
        mini_batches.append((shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, k * mini_batch_size :], shuffled_Y[:, k * mini_batch_size :]))
    return mini_batches


@mistake("random_mini_batches")
def batches_one_extra_loop(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    p = np.random.permutation(m)
    sx, sy = X[:, p], Y[:, p]
    size = mini_batch_size
    return [(sx[:, k * size : (k + 1) * size], sy[:, k * size : (k + 1) * size]) for k in range(m // size + 1)]


@mistake("random_mini_batches")
def batches_shuffle_only_X(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    p = np.random.permutation(m)
    sx = X[:, p]
    return [(sx[:, i : i + mini_batch_size], Y[:, i : i + mini_batch_size]) for i in range(0, m, mini_batch_size)]


@mistake("random_mini_batches")
def batches_permute_rows(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    p = np.random.permutation(m)
    sx, sy = X[p], Y[:, p]
    return [(sx[:, i : i + mini_batch_size], sy[:, i : i + mini_batch_size]) for i in range(0, m, mini_batch_size)]


# --- initialize_velocity --------------------------------------------------------------------------------------------


@correct("initialize_velocity")
def velocity_zeros_like(parameters):
    return {"d" + name: np.zeros_like(value) for name, value in parameters.items()}


@correct("initialize_velocity")
def velocity_loop(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(L):
        v["dW" + str(l + 1)] = np.zeros((parameters["W" + str(l + 1)].shape[0], parameters["W" + str(l + 1)].shape[1]))
        v["db" + str(l + 1)] = np.zeros((parameters["b" + str(l + 1)].shape[0], 1))
    return v


@mistake("initialize_velocity")
def velocity_zeros_of_the_array(parameters):
    v = {}
    for l in range(1, len(parameters) // 2 + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)])
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)])
    return v


@mistake("initialize_velocity")
def velocity_weight_shaped_like_bias(parameters):
    v = {}
    for l in range(1, len(parameters) // 2 + 1):
        n = parameters["W" + str(l)].shape[0]
        v["dW" + str(l)] = np.zeros((n, 1))
        v["db" + str(l)] = np.zeros((n, 1))
    return v


@mistake("initialize_velocity")
def velocity_keys_without_d(parameters):
    return {name: np.zeros_like(value) for name, value in parameters.items()}


# --- update_parameters_with_momentum ------------------------------------------------------------------------------


@correct("update_parameters_with_momentum")
def momentum_in_place(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v


@correct("update_parameters_with_momentum")
def momentum_new_dicts(parameters, grads, v, beta, learning_rate):
    new_v = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}
    new_parameters = {k: p - learning_rate * new_v["d" + k] for k, p in parameters.items()}
    return new_parameters, new_v


@mistake("update_parameters_with_momentum")
def momentum_bias_steps_with_gradient(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v[f"dW{l}"] = beta * v[f"dW{l}"] + (1 - beta) * grads[f"dW{l}"]
        v[f"db{l}"] = beta * v[f"db{l}"] + (1 - beta) * grads[f"db{l}"]
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * v[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters, v


@mistake("update_parameters_with_momentum")
def momentum_beta_on_gradient(parameters, grads, v, beta, learning_rate):
    new_v = {k: (1 - beta) * v[k] + beta * grads[k] for k in v}
    return {k: p - learning_rate * new_v["d" + k] for k, p in parameters.items()}, new_v


@mistake("update_parameters_with_momentum")
def momentum_steps_before_averaging(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * v[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * v[f"db{l}"]
        v[f"dW{l}"] = beta * v[f"dW{l}"] + (1 - beta) * grads[f"dW{l}"]
        v[f"db{l}"] = beta * v[f"db{l}"] + (1 - beta) * grads[f"db{l}"]
    return parameters, v


@mistake("update_parameters_with_momentum")
def momentum_counts_every_key(parameters, grads, v, beta, learning_rate):
    for l in range(1, len(parameters) + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] -= learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * v["db" + str(l)]
    return parameters, v


# --- initialize_adam ------------------------------------------------------------------------------------------------


@correct("initialize_adam")
def adam_init_two_comprehensions(parameters):
    v = {"d" + k: np.zeros_like(p) for k, p in parameters.items()}
    s = {"d" + k: np.zeros_like(p) for k, p in parameters.items()}
    return v, s


@correct("initialize_adam")
def adam_init_copies_each_array(parameters):
    v = {}
    for l in range(1, len(parameters) // 2 + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    s = {k: z.copy() for k, z in v.items()}
    return v, s


@mistake("initialize_adam")
def adam_init_one_dict_twice(parameters):
    L = len(parameters) // 2
    v = s = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s


@mistake("initialize_adam")
def adam_init_shallow_copy(parameters):
    v = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
    s = v.copy()
    return v, s


@mistake("initialize_adam")
def adam_init_chained_assignment(parameters):
    v, s = {}, {}
    for l in range(1, len(parameters) // 2 + 1):
        v[f"dW{l}"] = s[f"dW{l}"] = np.zeros(parameters[f"W{l}"].shape)
        v[f"db{l}"] = s[f"db{l}"] = np.zeros(parameters[f"b{l}"].shape)
    return v, s


@mistake("initialize_adam")
def adam_init_s_like_weights(parameters):
    v, s = {}, {}
    for l in range(1, len(parameters) // 2 + 1):
        v[f"dW{l}"] = np.zeros(parameters[f"W{l}"].shape)
        v[f"db{l}"] = np.zeros(parameters[f"b{l}"].shape)
        s[f"dW{l}"] = np.zeros(parameters[f"W{l}"].shape)
        s[f"db{l}"] = np.zeros(parameters[f"W{l}"].shape)
    return v, s


# --- update_parameters_with_adam ----------------------------------------------------------------------------------


@correct("update_parameters_with_adam")
def adam_in_place(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * np.power(grads[g], 2)
            s_corrected[g] = s[g] / (1 - np.power(beta2, t))
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


@correct("update_parameters_with_adam")
def adam_comprehensions(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    keys = list(v)
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in keys}
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] * grads[k] for k in keys}
    vc = {k: v[k] / (1 - beta1**t) for k in keys}
    sc = {k: s[k] / (1 - beta2**t) for k in keys}
    parameters = {k: w - learning_rate * vc["d" + k] / (np.sqrt(sc["d" + k]) + epsilon) for k, w in parameters.items()}
    return parameters, v, s, vc, sc


@mistake("update_parameters_with_adam")
def adam_power_of_t_plus_one(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    keys = list(v)
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in keys}
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in keys}
    vc = {k: v[k] / (1 - beta1 ** (t + 1)) for k in keys}
    sc = {k: s[k] / (1 - beta2 ** (t + 1)) for k in keys}
    parameters = {k: w - learning_rate * vc["d" + k] / (np.sqrt(sc["d" + k]) + epsilon) for k, w in parameters.items()}
    return parameters, v, s, vc, sc


@mistake("update_parameters_with_adam")
def adam_step_with_raw_moments(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            v_corrected[g] = v[g] / (1 - beta1**t)
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v[g] / (np.sqrt(s[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


@mistake("update_parameters_with_adam")
def adam_correction_brackets(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    keys = list(v)
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in keys}
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in keys}
    vc = {k: v[k] / (1 - beta1) ** t for k in keys}
    sc = {k: s[k] / (1 - beta2) ** t for k in keys}
    parameters = {k: w - learning_rate * vc["d" + k] / (np.sqrt(sc["d" + k]) + epsilon) for k, w in parameters.items()}
    return parameters, v, s, vc, sc


@mistake("update_parameters_with_adam")
def adam_unsquared_gradient(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    keys = list(v)
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in keys}
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] for k in keys}
    vc = {k: v[k] / (1 - beta1**t) for k in keys}
    sc = {k: s[k] / (1 - beta2**t) for k in keys}
    parameters = {k: w - learning_rate * vc["d" + k] / (np.sqrt(sc["d" + k]) + epsilon) for k, w in parameters.items()}
    return parameters, v, s, vc, sc


@mistake("update_parameters_with_adam")
def adam_epsilon_under_root(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    keys = list(v)
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in keys}
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in keys}
    vc = {k: v[k] / (1 - beta1**t) for k in keys}
    sc = {k: s[k] / (1 - beta2**t) for k in keys}
    parameters = {k: w - learning_rate * vc["d" + k] / np.sqrt(sc["d" + k] + epsilon) for k, w in parameters.items()}
    return parameters, v, s, vc, sc


# --- learning-rate decay --------------------------------------------------------------------------------------------


@correct("update_lr")
def lr_written_out(learning_rate0, epoch_num, decay_rate):
    return 1 / (1 + decay_rate * epoch_num) * learning_rate0


@correct("update_lr")
def lr_as_float(learning_rate0, epoch_num, decay_rate):
    denominator = 1.0 + decay_rate * epoch_num
    return float(learning_rate0 / denominator)


@mistake("update_lr")
def lr_decay_to_the_power(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate) ** epoch_num


@mistake("update_lr")
def lr_no_brackets(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / 1 + decay_rate * epoch_num


@correct("schedule_lr_decay")
def schedule_floor_division(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))


@correct("schedule_lr_decay")
def schedule_int(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    steps = int(epoch_num / time_interval)
    return learning_rate0 / (1 + decay_rate * steps)


@mistake("schedule_lr_decay")
def schedule_round(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))


@mistake("schedule_lr_decay")
def schedule_without_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num / time_interval))


@mistake("schedule_lr_decay")
def schedule_modulo(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num % time_interval))
