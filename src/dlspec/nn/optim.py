"""Optimisation methods for Course 2 week 2: mini-batches, gradient descent, momentum, Adam, learning-rate decay.

Every function keeps the original course's name, signature and return structure. Parameters and gradients are
the dicts of Course 1 (``W1, b1, ...`` and ``dW1, db1, ...``); the optimiser's state (``v``, ``s``) is a dict
with the gradient keys. The update functions return new dicts and leave their inputs untouched, so a caller can
compare before and after.
"""

from __future__ import annotations

import math

import numpy as np


def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of (mini-batch) gradient descent on every W{l} and b{l}.

    Arguments:
    parameters -- dict with W{l} of shape (n_l, n_{l-1}) and b{l} of shape (n_l, 1)
    grads -- dict with dW{l} and db{l}, shaped like the parameters they belong to
    learning_rate -- step size, a float

    Returns:
    parameters -- a dict of the updated parameters, same keys and shapes
    """
    L = len(parameters) // 2
    updated = {}
    for l in range(1, L + 1):
        updated["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        updated["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return updated


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the examples and cut them into mini-batches.

    Seed NumPy's global generator with ``seed`` first, so that the same seed gives the same batches. X and Y are
    shuffled with one shared permutation of the columns, so each example keeps its label.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- labels, shape (1, m)
    mini_batch_size -- number of examples in every full mini-batch
    seed -- seed for np.random.seed

    Returns:
    mini_batches -- list of (mini_batch_X, mini_batch_Y) tuples: floor(m / mini_batch_size) full batches, then
                    one smaller batch with the examples left over, if any
    """
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((Y.shape[0], m))

    mini_batches = []
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        start = k * mini_batch_size
        mini_batch_X = shuffled_X[:, start : start + mini_batch_size]
        mini_batch_Y = shuffled_Y[:, start : start + mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        start = num_complete_minibatches * mini_batch_size
        mini_batches.append((shuffled_X[:, start:], shuffled_Y[:, start:]))
    return mini_batches


def initialize_velocity(parameters):
    """The momentum state: one zero array per gradient.

    Arguments:
    parameters -- dict with W{l} and b{l}

    Returns:
    v -- dict with dW{l} and db{l}, zeros shaped like W{l} and b{l}
    """
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of gradient descent with momentum.

    The velocity is an exponentially weighted average of the gradients, v = beta * v + (1 - beta) * grad, and
    each parameter moves against its velocity.

    Arguments:
    parameters -- dict with W{l} and b{l}
    grads -- dict with dW{l} and db{l}
    v -- dict with the current velocities dW{l} and db{l}
    beta -- momentum, a float in [0, 1)
    learning_rate -- step size, a float

    Returns:
    parameters -- dict of the updated parameters
    v -- dict of the updated velocities
    """
    L = len(parameters) // 2
    new_parameters, new_v = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key, grad_key = p + str(l), "d" + p + str(l)
            new_v[grad_key] = beta * v[grad_key] + (1 - beta) * grads[grad_key]
            new_parameters[key] = parameters[key] - learning_rate * new_v[grad_key]
    return new_parameters, new_v


def initialize_adam(parameters):
    """The Adam state: two dicts of zeros, one per moment.

    Arguments:
    parameters -- dict with W{l} and b{l}

    Returns:
    v -- dict with dW{l} and db{l}: the first moment (average of the gradients), zeros
    s -- dict with dW{l} and db{l}: the second moment (average of the squared gradients), zeros
    """
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros(parameters[p + str(l)].shape)
            s["d" + p + str(l)] = np.zeros(parameters[p + str(l)].shape)
    return v, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One step of Adam.

    Both moments are exponentially weighted averages (of the gradients with beta1, of their squares with beta2),
    bias-corrected by dividing by 1 - beta**t; each parameter moves by learning_rate times the corrected first
    moment over (the square root of the corrected second moment plus epsilon).

    Arguments:
    parameters -- dict with W{l} and b{l}
    grads -- dict with dW{l} and db{l}
    v -- dict with the first moments dW{l} and db{l}
    s -- dict with the second moments dW{l} and db{l}
    t -- number of Adam steps taken so far, counting this one (starts at 1)
    learning_rate -- step size
    beta1 -- decay of the first moment
    beta2 -- decay of the second moment
    epsilon -- small number that keeps the division safe

    Returns:
    parameters -- dict of the updated parameters
    v -- dict of the updated first moments
    s -- dict of the updated second moments
    v_corrected -- dict of the bias-corrected first moments
    s_corrected -- dict of the bias-corrected second moments
    """
    L = len(parameters) // 2
    new_parameters, new_v, new_s, v_corrected, s_corrected = {}, {}, {}, {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key, g = p + str(l), "d" + p + str(l)
            new_v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = new_v[g] / (1 - beta1**t)
            new_s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = new_s[g] / (1 - beta2**t)
            new_parameters[key] = parameters[key] - learning_rate * v_corrected[g] / (np.sqrt(s_corrected[g]) + epsilon)
    return new_parameters, new_v, new_s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    """The learning rate after ``epoch_num`` epochs of inverse-time decay: it shrinks a little every epoch.

    Arguments:
    learning_rate0 -- initial learning rate, a float
    epoch_num -- epoch number, an int
    decay_rate -- how fast the rate decays, a float

    Returns:
    learning_rate -- the decayed learning rate, a float
    """
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    return learning_rate


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """Inverse-time decay in steps: the rate stays fixed for ``time_interval`` epochs, then drops.

    Arguments:
    learning_rate0 -- initial learning rate, a float
    epoch_num -- epoch number, an int
    decay_rate -- how fast the rate decays, a float
    time_interval -- number of epochs between two drops

    Returns:
    learning_rate -- the decayed learning rate, a float
    """
    learning_rate = learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
    return learning_rate
