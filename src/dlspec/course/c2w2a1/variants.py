"""Correct solutions of C2W2A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

import copy

import numpy as np

from dlspec.checking.spec import variant

# --- update_parameters_with_gd ----------------------------------------------------------------------------------


@variant("update_parameters_with_gd")
def gd_comprehension(parameters, grads, learning_rate):
    return {k: p - learning_rate * grads["d" + k] for k, p in parameters.items()}


@variant("update_parameters_with_gd")
def gd_in_place_on_a_copy(parameters, grads, learning_rate):
    parameters = copy.deepcopy(parameters)
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters


@variant("update_parameters_with_gd")
def gd_on_the_callers_dict(parameters, grads, learning_rate):
    # the original course's way: rebind each entry of the dict it was given, and return that dict
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


# --- random_mini_batches ------------------------------------------------------------------------------------------


@variant("random_mini_batches")
def batches_with_array_split(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    order = np.random.permutation(X.shape[1])
    cuts = np.arange(mini_batch_size, X.shape[1], mini_batch_size)
    return list(zip(np.split(X[:, order], cuts, axis=1), np.split(Y[:, order], cuts, axis=1), strict=True))


@variant("random_mini_batches")
def batches_shuffled_differently(X, Y, mini_batch_size=64, seed=0):
    # a different draw (shuffle an index array in place) and a while loop: any shared permutation is correct
    np.random.seed(seed)
    idx = np.arange(X.shape[1])
    np.random.shuffle(idx)
    X, Y = np.take(X, idx, axis=1), np.take(Y, idx, axis=1)
    batches, start = [], 0
    while start < X.shape[1]:
        batches.append((X[:, start : start + mini_batch_size], Y[:, start : start + mini_batch_size]))
        start += mini_batch_size
    return batches


@variant("random_mini_batches")
def batches_shuffled_without_the_seed(X, Y, mini_batch_size=64, seed=0):
    # any permutation is right: this one ignores the seed and shuffles an index array in place
    m = X.shape[1]
    idx = np.arange(m)
    np.random.shuffle(idx)
    cuts = [idx[k : k + mini_batch_size] for k in range(0, m, mini_batch_size)]
    return [(X[:, cut], Y[:, cut]) for cut in cuts]


# --- initialize_velocity -------------------------------------------------------------------------------------------


@variant("initialize_velocity")
def velocity_zeros_like(parameters):
    return {"d" + k: np.zeros_like(p, dtype=float) for k, p in parameters.items()}


@variant("initialize_velocity")
def velocity_by_layer(parameters):
    v = {}
    for l in range(len(parameters) // 2, 0, -1):
        v[f"db{l}"] = np.zeros((parameters[f"b{l}"].shape[0], 1))
        v[f"dW{l}"] = np.zeros(parameters[f"W{l}"].shape)
    return v


# --- update_parameters_with_momentum -------------------------------------------------------------------------------


@variant("update_parameters_with_momentum")
def momentum_comprehensions(parameters, grads, v, beta, learning_rate):
    new_v = {g: v[g] + (1 - beta) * (grads[g] - v[g]) for g in v}
    return {k: p - learning_rate * new_v["d" + k] for k, p in parameters.items()}, new_v


@variant("update_parameters_with_momentum")
def momentum_in_place_on_copies(parameters, grads, v, beta, learning_rate):
    parameters, v = copy.deepcopy(parameters), copy.deepcopy(v)
    for l in range(1, len(parameters) // 2 + 1):
        for name in (f"W{l}", f"b{l}"):
            v["d" + name] *= beta
            v["d" + name] += (1 - beta) * grads["d" + name]
            parameters[name] -= learning_rate * v["d" + name]
    return parameters, v


# --- initialize_adam -----------------------------------------------------------------------------------------------


@variant("initialize_adam")
def adam_init_from_velocity_shape(parameters):
    zeros = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
    return zeros, copy.deepcopy(zeros)


@variant("initialize_adam")
def adam_init_loop(parameters):
    moments = ({}, {})
    for key, p in parameters.items():
        for m in moments:
            m["d" + key] = np.zeros_like(p, dtype=np.float64)
    return moments


@variant("initialize_adam")
def adam_init_copies_each_array(parameters):
    # the neighbour of a known mistake: s = v.copy() would share the arrays; copying each one does not
    v = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
    return v, {k: z.copy() for k, z in v.items()}


# --- update_parameters_with_adam -----------------------------------------------------------------------------------


@variant("update_parameters_with_adam")
def adam_over_gradient_keys(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    # over the moments' keys: grads may also hold dA entries, which have no moments
    v = {g: beta1 * v[g] + (1 - beta1) * grads[g] for g in v}
    s = {g: beta2 * s[g] + (1 - beta2) * np.square(grads[g]) for g in s}
    v_hat = {g: v[g] / (1 - np.power(beta1, t)) for g in v}
    s_hat = {g: s[g] / (1 - np.power(beta2, t)) for g in s}
    new = {k: p - learning_rate * v_hat["d" + k] / (s_hat["d" + k] ** 0.5 + epsilon) for k, p in parameters.items()}
    return new, v, s, v_hat, s_hat


@variant("update_parameters_with_adam")
def adam_step_size_first(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    # the scalar part of the step computed once per call, as some implementations do
    c1, c2 = 1.0 / (1.0 - beta1**t), 1.0 / (1.0 - beta2**t)
    out = tuple({} for _ in range(5))
    new_p, new_v, new_s, v_hat, s_hat = out
    for key in parameters:
        g = "d" + key
        new_v[g] = beta1 * v[g] + (1.0 - beta1) * grads[g]
        new_s[g] = beta2 * s[g] + (1.0 - beta2) * grads[g] * grads[g]
        v_hat[g], s_hat[g] = new_v[g] * c1, new_s[g] * c2
        new_p[key] = parameters[key] - learning_rate * v_hat[g] / (np.sqrt(s_hat[g]) + epsilon)
    return out


# --- learning-rate decay ---------------------------------------------------------------------------------------------


@variant("update_lr")
def lr_reciprocal(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * (1.0 / (1.0 + decay_rate * epoch_num))


@variant("update_lr")
def lr_float_numpy(learning_rate0, epoch_num, decay_rate):
    return float(np.divide(learning_rate0, np.add(1, np.multiply(decay_rate, epoch_num))))


@variant("schedule_lr_decay")
def schedule_integer_division(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))


@variant("schedule_lr_decay")
def schedule_with_update_lr_shape(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    drops = int(np.floor(epoch_num / time_interval))
    return float(learning_rate0 / (1 + decay_rate * drops))


@variant("update_parameters_with_adam")
def adam_in_place(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    # updates the caller's arrays in place, as memory-frugal code does
    v_corrected, s_corrected = {}, {}
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] *= beta1
            v[g] += (1 - beta1) * grads[g]
            s[g] *= beta2
            s[g] += (1 - beta2) * np.square(grads[g])
            v_corrected[g] = v[g] / (1 - beta1**t)
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] -= learning_rate * v_corrected[g] / (np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
