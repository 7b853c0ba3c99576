"""Known mistakes in C2W2A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import math

import numpy as np

from dlspec.checking.spec import mutant

# Hints for loops that miscount the layers: parameters holds W1, b1, ..., WL, bL
_FROM_ONE = "The layers are numbered from 1: loop over l = 1 .. L, range(1, L + 1)."
_TWO_PER_LAYER = "parameters holds two entries per layer, W and b: L = len(parameters) // 2."
_ZEROS_OF_AN_ARRAY = "np.zeros takes a shape, not an array: np.zeros(W.shape), or np.zeros_like(W)."

# --- update_parameters_with_gd ----------------------------------------------------------------------------------


@mutant("update_parameters_with_gd", "Step against the gradient: the gradient points uphill, so subtract it.")
def gd_wrong_sign(parameters, grads, learning_rate):
    L = len(parameters) // 2
    out = {}
    for l in range(1, L + 1):
        out["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        out["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return out


@mutant("update_parameters_with_gd", "The biases need their own step too, with db{l}.")
def gd_forgets_bias(parameters, grads, learning_rate):
    out = dict(parameters)
    for l in range(1, len(parameters) // 2 + 1):
        out["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return out


def _gd_layers(parameters, grads, learning_rate, layers):
    """Right steps for the layers numbered in ``layers``: the mistakes that miscount the layers differ only there."""
    out = dict(parameters)
    for l in layers:
        out["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        out["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return out


@mutant("update_parameters_with_gd", "Count the layers again: the loop must reach the last layer, L included.")
def gd_misses_last_layer(parameters, grads, learning_rate):
    return _gd_layers(parameters, grads, learning_rate, range(1, len(parameters) // 2))


@mutant("update_parameters_with_gd", "Multiply the gradient by the learning rate; don't divide by it.")
def gd_divides_by_rate(parameters, grads, learning_rate):
    out = {}
    for l in range(1, len(parameters) // 2 + 1):
        out["W" + str(l)] = parameters["W" + str(l)] - grads["dW" + str(l)] / learning_rate
        out["b" + str(l)] = parameters["b" + str(l)] - grads["db" + str(l)] / learning_rate
    return out


@mutant("update_parameters_with_gd", "Each parameter takes its own gradient: W{l} with dW{l}, b{l} with db{l}.")
def gd_swaps_gradients(parameters, grads, learning_rate):
    out = {}
    for l in range(1, len(parameters) // 2 + 1):
        out["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        out["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["dW" + str(l)].mean(axis=1, keepdims=True)
    return out


@mutant("update_parameters_with_gd", "grads also holds dA0, dA1, ... from backprop: loop over the layers l = 1 .. L, "
                                     "not over the keys of grads.")
def gd_loops_over_grads(parameters, grads, learning_rate):
    out = dict(parameters)
    for key, g in grads.items():
        out[key[1:]] = parameters.get(key[1:], 0) - learning_rate * g
    return out


@mutant("update_parameters_with_gd", _FROM_ONE)
def gd_layers_from_zero(parameters, grads, learning_rate):
    return _gd_layers(parameters, grads, learning_rate, range(len(parameters) // 2))


@mutant("update_parameters_with_gd", _TWO_PER_LAYER)
def gd_a_layer_per_key(parameters, grads, learning_rate):
    return _gd_layers(parameters, grads, learning_rate, range(1, len(parameters) + 1))


@mutant("update_parameters_with_gd", "The biases step by learning_rate times db{l}, as the weights do.")
def gd_bias_without_rate(parameters, grads, learning_rate):
    out = {}
    for l in range(1, len(parameters) // 2 + 1):
        out["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        out["b" + str(l)] = parameters["b" + str(l)] - grads["db" + str(l)]
    return out


# --- random_mini_batches ------------------------------------------------------------------------------------------


def _cut(X, Y, size):
    m = X.shape[1]
    batches = [(X[:, k : k + size], Y[:, k : k + size]) for k in range(0, m - m % size, size)]
    if m % size:
        batches.append((X[:, m - m % size :], Y[:, m - m % size :]))
    return batches


@mutant("random_mini_batches", "Shuffle the columns with a random permutation before cutting the batches.")
def batches_not_shuffled(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    return _cut(X, Y, mini_batch_size)


@mutant("random_mini_batches", "Draw one permutation and use it for both X and Y, so labels stay with examples.")
def batches_two_permutations(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    return _cut(X[:, np.random.permutation(m)], Y[:, np.random.permutation(m)], mini_batch_size)


@mutant("random_mini_batches", "The examples left over after the full batches make one last, smaller batch.")
def batches_drop_remainder(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    perm = np.random.permutation(m)
    batches = _cut(X[:, perm], Y[:, perm], mini_batch_size)
    return batches[: m // mini_batch_size]


@mutant("random_mini_batches", "When m divides evenly there is no remainder: don't add an empty batch.")
def batches_empty_remainder(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    perm = np.random.permutation(m)
    X, Y = X[:, perm], Y[:, perm]
    full = m // mini_batch_size
    edges = [(k * mini_batch_size, (k + 1) * mini_batch_size) for k in range(full)]
    batches = [(X[:, a:b], Y[:, a:b]) for a, b in edges]
    batches.append((X[:, full * mini_batch_size :], Y[:, full * mini_batch_size :]))
    return batches


@mutant("random_mini_batches", "Use the mini_batch_size argument, not a fixed number.")
def batches_hard_coded_size(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    perm = np.random.permutation(X.shape[1])
    return _cut(X[:, perm], Y[:, perm], 64)


@mutant("random_mini_batches", "Batch k runs from k * mini_batch_size to (k + 1) * mini_batch_size: no overlaps.")
def batches_overlap(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    perm = np.random.permutation(m)
    X, Y = X[:, perm], Y[:, perm]
    batches = [(X[:, k : k + mini_batch_size], Y[:, k : k + mini_batch_size]) for k in range(m // mini_batch_size)]
    if m % mini_batch_size:
        batches.append((X[:, -(m % mini_batch_size) :], Y[:, -(m % mini_batch_size) :]))
    return batches


@mutant("random_mini_batches", "X[permutation] picks rows, the features: shuffle the columns, the examples, with "
                               "X[:, permutation].")
def batches_permute_rows(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    perm = np.random.permutation(X.shape[1])
    return _cut(X[perm], Y[:, perm], mini_batch_size)


# --- initialize_velocity -------------------------------------------------------------------------------------------


@mutant("initialize_velocity", "The velocity's keys are the gradients' names: dW1, db1, ... not W1, b1.")
def velocity_parameter_keys(parameters):
    return {k: np.zeros(v.shape) for k, v in parameters.items()}


@mutant("initialize_velocity", "The velocity starts at zero: nothing has moved yet.")
def velocity_ones(parameters):
    return {"d" + k: np.ones(v.shape) for k, v in parameters.items()}


@mutant("initialize_velocity", "Give each velocity the shape of its own parameter: db{l} is shaped like b{l}.")
def velocity_bias_like_weight(parameters):
    v = {}
    for l in range(1, len(parameters) // 2 + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
    return v


@mutant("initialize_velocity", "Count the layers again: every layer, the last one included, needs a velocity.")
def velocity_misses_last_layer(parameters):
    v = {}
    for l in range(1, len(parameters) // 2):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


@mutant("initialize_velocity", "Check the shape of dW{l}: it has as many rows and columns as W{l}, in that order.")
def velocity_transposed(parameters):
    v = {}
    for l in range(1, len(parameters) // 2 + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].T.shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


@mutant("initialize_velocity", _ZEROS_OF_AN_ARRAY)
def velocity_zeros_of_an_array(parameters):
    return {"d" + k: np.zeros(p) for k, p in parameters.items()}


@mutant("initialize_velocity", "dW{l} is shaped like W{l}, (n_l, n_{l-1}), and db{l} like b{l}, (n_l, 1).")
def velocity_weight_like_bias(parameters):
    return {"d" + k: np.zeros(parameters["b" + k[1:]].shape) for k in parameters}


# --- update_parameters_with_momentum -------------------------------------------------------------------------------


def _momentum(parameters, grads, v, beta, learning_rate, velocity, step):
    new_p, new_v = {}, {}
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            key, g = p + str(l), "d" + p + str(l)
            new_v[g] = velocity(v[g], grads[g], beta)
            new_p[key] = parameters[key] - learning_rate * step(new_v[g], v[g], grads[g])
    return new_p, new_v


def _ewma(v, g, beta):
    return beta * v + (1 - beta) * g


def _new(new_v, v, g):
    return new_v


@mutant("update_parameters_with_momentum", "The new gradient enters the average with weight (1 - beta), not 1.")
def momentum_no_one_minus_beta(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, beta, learning_rate, lambda v, g, b: b * v + g, _new)


@mutant("update_parameters_with_momentum", "beta weighs the old velocity and (1 - beta) the new gradient.")
def momentum_weights_swapped(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, beta, learning_rate, lambda v, g, b: (1 - b) * v + b * g, _new)


@mutant("update_parameters_with_momentum", "Move the parameters with the velocity, not with the raw gradient.")
def momentum_steps_with_gradient(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, beta, learning_rate, _ewma, lambda nv, v, g: g)


@mutant("update_parameters_with_momentum", "Update the velocity first, then step with the new one, not the old.")
def momentum_steps_with_old_velocity(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, beta, learning_rate, _ewma, lambda nv, v, g: v)


@mutant("update_parameters_with_momentum", "Step against the velocity: subtract learning_rate times v.")
def momentum_wrong_sign(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, beta, learning_rate, _ewma, lambda nv, v, g: -nv)


@mutant("update_parameters_with_momentum", "Return the new velocity: store beta * v + (1 - beta) * dW back in v.")
def momentum_keeps_old_velocity(parameters, grads, v, beta, learning_rate):
    new_p, _ = _momentum(parameters, grads, v, beta, learning_rate, _ewma, _new)
    return new_p, {k: a.copy() for k, a in v.items()}


@mutant("update_parameters_with_momentum", "The biases need momentum too: update v['db{l}'] and b{l} like W.")
def momentum_forgets_bias(parameters, grads, v, beta, learning_rate):
    new_p, new_v = dict(parameters), dict(v)
    for l in range(1, len(parameters) // 2 + 1):
        new_v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        new_p["W" + str(l)] = parameters["W" + str(l)] - learning_rate * new_v["dW" + str(l)]
    return new_p, new_v


@mutant("update_parameters_with_momentum", "b{l} moves with its velocity v['db{l}'], as W{l} does with v['dW{l}'].")
def momentum_bias_steps_with_gradient(parameters, grads, v, beta, learning_rate):
    new_p, new_v = _momentum(parameters, grads, v, beta, learning_rate, _ewma, _new)
    for l in range(1, len(parameters) // 2 + 1):
        new_p["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return new_p, new_v


@mutant("update_parameters_with_momentum", _TWO_PER_LAYER)
def momentum_a_layer_per_key(parameters, grads, v, beta, learning_rate):
    for l in range(1, len(parameters) + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
    return parameters, v


# --- initialize_adam -----------------------------------------------------------------------------------------------


@mutant("initialize_adam", "Both moments start at zero, s as well as v.")
def adam_init_s_ones(parameters):
    v = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
    return v, {"d" + k: np.ones(p.shape) for k, p in parameters.items()}


@mutant("initialize_adam", "The moments' keys are the gradients' names: dW1, db1, ... not W1, b1.")
def adam_init_parameter_keys(parameters):
    return {k: np.zeros(p.shape) for k, p in parameters.items()}, {k: np.zeros(p.shape) for k, p in parameters.items()}


@mutant("initialize_adam", "Count the layers again: every layer, the last one included, needs its moments.")
def adam_init_misses_last_layer(parameters):
    keys = [p + str(l) for l in range(1, len(parameters) // 2) for p in ("W", "b")]
    v = {"d" + k: np.zeros(parameters[k].shape) for k in keys}
    return v, {k: np.zeros(z.shape) for k, z in v.items()}


@mutant("initialize_adam", "Give each moment the shape of its own parameter: db{l} is shaped like b{l}.")
def adam_init_bias_like_weight(parameters):
    v, s = {}, {}
    for l in range(1, len(parameters) // 2 + 1):
        for d in (v, s):
            d["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
            d["db" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
    return v, s


@mutant("initialize_adam", "Return the two dicts as a pair: v first, then s.")
def adam_init_one_dict(parameters):
    return {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}


@mutant("initialize_adam", "Give each moment the shape of its own parameter: s['db{l}'] is shaped like b{l}.")
def adam_init_s_bias_like_weight(parameters):
    v = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
    s = {"d" + k: np.zeros(parameters["W" + k[1:]].shape) for k in parameters}
    return v, s


@mutant("initialize_adam", _ZEROS_OF_AN_ARRAY)
def adam_init_zeros_of_an_array(parameters):
    return {"d" + k: np.zeros(p) for k, p in parameters.items()}, {}


# --- update_parameters_with_adam -----------------------------------------------------------------------------------


def _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, correct1, correct2, step):
    new_p, new_v, new_s, vc, sc = {}, {}, {}, {}, {}
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            key, g = p + str(l), "d" + p + str(l)
            new_v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            new_s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            vc[g] = new_v[g] / correct1(beta1, beta2, t)
            sc[g] = new_s[g] / correct2(beta1, beta2, t)
            new_p[key] = parameters[key] - learning_rate * step(vc[g], sc[g], new_v[g], new_s[g], epsilon)
    return new_p, new_v, new_s, vc, sc


def _right1(b1, b2, t):
    return 1 - b1**t


def _right2(b1, b2, t):
    return 1 - b2**t


def _right_step(vc, sc, v, s, eps):
    return vc / (np.sqrt(sc) + eps)


@mutant("update_parameters_with_adam", "Bias correction divides by 1 - beta**t, t being this step's number (from 1): "
                                         "check the power.")
def adam_no_power(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 lambda b1, b2, t: 1 - b1, lambda b1, b2, t: 1 - b2, _right_step)


@mutant("update_parameters_with_adam", "v_corrected[g] = v[g] names the same array, so /= changes v too: build a new "
                                         "array, v[g] / (1 - beta1**t).")
def adam_corrects_in_place(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_p, new_v, new_s, vc, sc = _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, _right1,
                                        _right2, _right_step)
    return new_p, vc, sc, vc, sc  # the moments come back divided, as the aliased arrays would


@mutant("update_parameters_with_adam", "Correct s with beta2, not beta1: each moment has its own decay.")
def adam_corrects_s_with_beta1(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, _right1, _right1, _right_step)


@mutant("update_parameters_with_adam", "The step uses the corrected first moment, v_corrected, not v.")
def adam_steps_with_raw_v(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, _right1, _right2,
                 lambda vc, sc, v, s, eps: v / (np.sqrt(sc) + eps))


@mutant("update_parameters_with_adam", "epsilon is added after the square root, not under it.")
def adam_epsilon_inside_sqrt(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, _right1, _right2,
                 lambda vc, sc, v, s, eps: vc / np.sqrt(sc + eps))


@mutant("update_parameters_with_adam", "Divide by the square root of the second moment, not by the moment itself.")
def adam_no_sqrt(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, _right1, _right2,
                 lambda vc, sc, v, s, eps: vc / (sc + eps))


@mutant("update_parameters_with_adam", "Step against the gradient: subtract the Adam step from the parameters.")
def adam_wrong_sign(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, _right1, _right2,
                 lambda vc, sc, v, s, eps: -vc / (np.sqrt(sc) + eps))


@mutant("update_parameters_with_adam", "t already counts this step (it starts at 1): correct with 1 - beta**t, not "
                                         "beta**(t + 1).")
def adam_power_t_plus_one(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 lambda b1, b2, t: 1 - b1 ** (t + 1), lambda b1, b2, t: 1 - b2 ** (t + 1), _right_step)


@mutant("update_parameters_with_adam", "Raise beta to the power t first, then subtract from 1: 1 - beta**t, not "
                                         "(1 - beta)**t.")
def adam_correction_brackets(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 lambda b1, b2, t: (1 - b1) ** t, lambda b1, b2, t: (1 - b2) ** t, _right_step)


@mutant("update_parameters_with_adam", "Step with the corrected moments: v_corrected / (sqrt(s_corrected) + epsilon); "
                                         "you compute them, then use v and s.")
def adam_steps_with_raw_moments(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, _right1, _right2,
                 lambda vc, sc, v, s, eps: v / (np.sqrt(s) + eps))


@mutant("update_parameters_with_adam", "s averages the squared gradients: (1 - beta2) * grads**2.")
def adam_unsquared_gradient(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_p, new_v, new_s, vc, sc = {}, {}, {}, {}, {}
    for key in parameters:
        g = "d" + key
        new_v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
        new_s[g] = beta2 * s[g] + (1 - beta2) * grads[g]
        vc[g], sc[g] = new_v[g] / (1 - beta1**t), new_s[g] / (1 - beta2**t)
        with np.errstate(invalid="ignore"):  # the square root of a negative "second moment"
            new_p[key] = parameters[key] - learning_rate * vc[g] / (np.sqrt(sc[g]) + epsilon)
    return new_p, new_v, new_s, vc, sc


# --- learning-rate decay ---------------------------------------------------------------------------------------------


@mutant("update_lr", "Mind the brackets: divide learning_rate0 by the whole of (1 + decay_rate * epoch_num).")
def lr_precedence(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate) * epoch_num


@mutant("update_lr", "Mind the brackets: learning_rate0 / 1 + ... divides by 1 only; divide by the whole of "
                     "(1 + decay_rate * epoch_num).")
def lr_divides_by_one(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / 1 + decay_rate * epoch_num


@mutant("update_lr", "The denominator starts at 1, so that epoch 0 keeps the initial rate.")
def lr_missing_one(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (decay_rate * epoch_num) if epoch_num else learning_rate0


@mutant("update_lr", "This decay divides by (1 + decay_rate * epoch_num); it is not an exponential.")
def lr_exponential(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * math.exp(-decay_rate * epoch_num)


@mutant("update_lr", "Start from learning_rate0: the decay scales the initial rate.")
def lr_forgets_initial_rate(learning_rate0, epoch_num, decay_rate):
    return 1 / (1 + decay_rate * epoch_num)


@mutant("update_lr", "Return a plain Python float, not an array.")
def lr_returns_array(learning_rate0, epoch_num, decay_rate):
    return np.array([learning_rate0 / (1 + decay_rate * epoch_num)])


@mutant("update_lr", "Divide by 1 + decay_rate * epoch_num once; it is not raised to the power epoch_num.")
def lr_to_the_power(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate) ** epoch_num


@mutant("schedule_lr_decay", "The rate drops in steps: round epoch_num / time_interval down to a whole number.")
def schedule_no_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)


@mutant("schedule_lr_decay", "decay_rate * epoch_num // time_interval floors the product: bracket the whole "
                             "intervals, decay_rate * (epoch_num // time_interval).")
def schedule_floors_the_product(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * epoch_num // time_interval)


@mutant("schedule_lr_decay", "Round epoch_num / time_interval down, not up: the first drop waits a whole interval.")
def schedule_ceil(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * math.ceil(epoch_num / time_interval))


@mutant("schedule_lr_decay", "Count how many whole intervals have passed, not the epochs themselves.")
def schedule_ignores_interval(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * epoch_num)


@mutant("schedule_lr_decay", "Divide epoch_num by time_interval, not the other way round.")
def schedule_inverted_ratio(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * math.floor(time_interval / epoch_num))


@mutant("schedule_lr_decay", "Check the default of time_interval: 1000 epochs.")
def schedule_wrong_default(learning_rate0, epoch_num, decay_rate, time_interval=100):
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
