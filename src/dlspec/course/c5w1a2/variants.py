"""Correct solutions of C5W1A2 written differently from the reference: each must pass every case."""

from __future__ import annotations

import itertools

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.char_lm import (
    clip,
    get_initial_loss,
    get_sample,
    initialize_parameters,
    optimize,
    rnn_backward,
    rnn_forward,
    sample,
    smooth,
    update_parameters,
)

KEYS = ("dWaa", "dWax", "dWya", "db", "dby")


@variant("clip")
def clip_with_minimum_maximum(gradients, maxValue):
    for k in KEYS:
        g = gradients[k]
        g[...] = np.maximum(np.minimum(g, maxValue), -maxValue)
    return {k: gradients[k] for k in KEYS}


@variant("clip")
def clip_into_new_arrays(gradients, maxValue):
    return {k: np.clip(gradients[k], -maxValue, maxValue) for k in KEYS}


@variant("sample")
def sample_with_a_for_loop(parameters, char_to_ix, seed):
    p = parameters
    vocab_size, newline = p["by"].shape[0], char_to_ix["\n"]
    x, a = np.zeros((vocab_size, 1)), np.zeros((p["Waa"].shape[0], 1))
    indices = []
    for counter in range(50):
        a = np.tanh(p["Wax"] @ x + p["Waa"] @ a + p["b"])
        z = p["Wya"] @ a + p["by"]
        y = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        np.random.seed(seed + 2 * counter)  # the original adds the counter and grows the seed: two per draw
        idx = int(np.random.choice(vocab_size, p=y.ravel()))
        indices.append(idx)
        if idx == newline:
            return indices
        x = np.eye(vocab_size)[:, [idx]]
    return [*indices, newline]


@variant("sample")
def sample_with_its_own_generator(parameters, char_to_ix, seed):
    # a generator of another kind draws other characters: judged as any sample the model could have drawn
    rng = np.random.default_rng(seed)
    p = parameters
    vocab_size, newline = p["by"].shape[0], char_to_ix["\n"]
    x, a, indices = np.zeros((vocab_size, 1)), np.zeros((p["Waa"].shape[0], 1)), []
    while len(indices) < 50 and (not indices or indices[-1] != newline):
        a = np.tanh(p["Wax"] @ x + p["Waa"] @ a + p["b"])
        z = (p["Wya"] @ a + p["by"]).ravel()
        y = np.exp(z - z.max())
        indices.append(int(rng.choice(vocab_size, p=y / y.sum())))
        x = np.zeros((vocab_size, 1))
        x[indices[-1]] = 1
    return indices if indices[-1] == newline else [*indices, newline]


@variant("optimize")
def optimize_step_by_step(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    clipped = {k: np.clip(gradients[k], -5, 5) for k in KEYS}
    for k in ("Wax", "Waa", "Wya", "b", "by"):
        parameters[k] -= learning_rate * clipped["d" + k]
    return loss, clipped, a[max(a)]


@variant("optimize")
def optimize_through_the_helpers(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients = clip(rnn_backward(X, Y, parameters, cache)[0], maxValue=5)
    update_parameters(parameters, gradients, lr=learning_rate)
    _, a, _ = cache  # rnn_backward returns the same states the forward pass cached
    return loss, gradients, a[len(X) - 1]


@variant("model")
def model_cycling_through_names(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                                vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    examples = [name.strip() for name in data_x]
    np.random.RandomState(0).shuffle(examples)  # the same order as np.random.seed(0); np.random.shuffle
    a_prev, last_name = np.zeros((n_a, 1)), "abc"
    newline = char_to_ix["\n"]
    for j, name in zip(range(num_iterations), itertools.cycle(examples)):
        indices = [char_to_ix[c] for c in name]
        _, _, a_prev = optimize([None, *indices], [*indices, newline], a_prev, parameters, 0.01)
        if j % 2000 == 0:
            last_name = get_sample(sample(parameters, char_to_ix, dino_names - 1), ix_to_char)
    return parameters, last_name


@variant("model")
def model_with_a_loss_history(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                              vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    losses = [get_initial_loss(vocab_size, dino_names)]
    examples = [name.strip() for name in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    names = ["abc"]
    for j in range(num_iterations):
        name = examples[j % len(examples)]
        X = [None] + [char_to_ix[c] for c in name]
        loss, _, a_prev = optimize(X, [*X[1:], char_to_ix["\n"]], a_prev, parameters)
        losses.append(smooth(losses[-1], loss))
        if j % 2000 == 0:
            names = [get_sample(sample(parameters, char_to_ix, s), ix_to_char) for s in range(dino_names)]
    return parameters, names[-1]
