"""C2W2A1, second round."""

import math

import numpy as np

from .. import correct, mistake


@mistake("update_parameters_with_gd")
def gd_gradient_key_without_d(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["W" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["b" + str(l)]
    return parameters


@mistake("random_mini_batches")
def batches_float_count(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    mini_batches = []
    for k in range(m / mini_batch_size):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    return mini_batches


@correct("random_mini_batches")
def batches_array_split_at_multiples(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    perm = np.random.permutation(m)
    cuts = list(range(mini_batch_size, m, mini_batch_size))
    return list(zip(np.split(X[:, perm], cuts, axis=1), np.split(Y[:, perm], cuts, axis=1), strict=True))


@mistake("initialize_velocity")
def velocity_one_dimensional(parameters):
    v = {}
    for l in range(1, len(parameters) // 2 + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape[0])
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape[0])
    return v


@mistake("update_parameters_with_momentum")
def momentum_on_whole_dicts(parameters, grads, v, beta, learning_rate):
    v = beta * v + (1 - beta) * grads
    return parameters, v


@mistake("update_parameters_with_adam")
def adam_counts_the_step_again(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = t + 1
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] -= learning_rate * v_corrected[g] / (np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


@mistake("update_parameters_with_adam")
def adam_divides_by_beta_power(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
    new_s = {k: beta2 * s[k] + (1 - beta2) * np.square(grads[k]) for k in s}
    v_corrected = {k: new_v[k] / beta1**t for k in v}
    s_corrected = {k: new_s[k] / beta2**t for k in s}
    new_parameters = {k: w - learning_rate * v_corrected["d" + k] / (np.sqrt(s_corrected["d" + k]) + epsilon)
                      for k, w in parameters.items()}
    return new_parameters, new_v, new_s, v_corrected, s_corrected


@mistake("update_parameters_with_adam")
def adam_brackets_on_s_only(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
    new_s = {k: beta2 * s[k] + (1 - beta2) * np.square(grads[k]) for k in s}
    v_corrected = {k: new_v[k] / (1 - beta1**t) for k in v}
    s_corrected = {k: new_s[k] / (1 - beta2) ** t for k in s}
    new_parameters = {k: w - learning_rate * v_corrected["d" + k] / (np.sqrt(s_corrected["d" + k]) + epsilon)
                      for k, w in parameters.items()}
    return new_parameters, new_v, new_s, v_corrected, s_corrected


@mistake("update_lr")
def lr_one_over_one(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * (1 / 1 + decay_rate * epoch_num)


@correct("schedule_lr_decay")
def schedule_numpy_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return float(learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval)))


@mistake("schedule_lr_decay")
def schedule_floor_outside(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / math.floor(1 + decay_rate * epoch_num / time_interval)
