"""Known mistakes in C5W1A2, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
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
from dlspec.nn.softmax import softmax

KEYS = ("dWaa", "dWax", "dWya", "db", "dby")

# --- clip -------------------------------------------------------------------------------------------------------


@mutant("clip", "np.clip returns a clipped copy unless told where to write: pass out=gradient, or store what it "
                "returns in the dict.")
def clip_result_dropped(gradients, maxValue):
    for k in KEYS:
        np.clip(gradients[k], -maxValue, maxValue)
    return {k: gradients[k] for k in KEYS}


@mutant("clip", "Every gradient is clipped, the biases' db and dby too: loop over all five.")
def clip_weights_only(gradients, maxValue):
    for k in ("dWaa", "dWax", "dWya"):
        np.clip(gradients[k], -maxValue, maxValue, out=gradients[k])
    return {k: gradients[k] for k in KEYS}


@mutant("clip", "Clipping keeps negative values down to -maxValue: the lower bound is -maxValue, not 0.")
def clip_from_zero(gradients, maxValue):
    return {k: np.clip(gradients[k], 0, maxValue) for k in KEYS}


@mutant("clip", "The bound is the maxValue argument; a number written in the code only works for that value.")
def clip_hard_coded(gradients, maxValue):
    return clip(gradients, 10)


@mutant("clip", "Clip element by element: each entry beyond ±maxValue is set to the bound, the others stay as "
                "they are; do not rescale the whole gradient.")
def clip_by_norm(gradients, maxValue):
    out = {}
    for k in KEYS:
        norm = np.linalg.norm(gradients[k])
        out[k] = gradients[k] * (maxValue / norm if norm > maxValue else 1.0)
    return out


@mutant("clip", "Each clipped gradient goes back under its own key: check the dict you return.")
def clip_keys_swapped(gradients, maxValue):
    clipped = clip(gradients, maxValue)
    return {**clipped, "dWaa": clipped["dWax"], "dWax": clipped["dWaa"]}


@mutant("clip", "Clip from both sides: np.clip(gradient, -maxValue, maxValue) also raises everything below "
                "-maxValue to -maxValue.")
def clip_upper_only(gradients, maxValue):
    return {k: np.clip(gradients[k], None, maxValue) for k in KEYS}


@mutant("clip", "Every gradient is clipped, dby too: loop over all five.")
def clip_without_dby(gradients, maxValue):
    return {k: np.clip(gradients[k], -maxValue, maxValue) if k != "dby" else gradients[k] for k in KEYS}


# --- sample -----------------------------------------------------------------------------------------------------


def _sampler(parameters, char_to_ix, seed, *, draw, feed_back=True, reset=True, limit=50, append=True):
    """The reference's loop with one of its steps changed."""
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    vocab_size = by.shape[0]
    x, a_prev = np.zeros((vocab_size, 1)), np.zeros((Waa.shape[1], 1))
    indices, idx, counter, newline = [], -1, 0, char_to_ix["\n"]
    while idx != newline and counter != limit:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax(Wya @ a + by)
        np.random.seed(counter + seed)
        idx = draw(y.ravel())
        indices.append(idx)
        if feed_back:
            if reset:
                x = np.zeros((vocab_size, 1))
            x[idx] = 1
        a_prev = a
        seed += 1
        counter += 1
    if counter == limit and append:
        indices.append(newline)
    return indices


def _choice(p):
    return np.random.choice(range(len(p)), p=p)


@mutant("sample", "Sampling draws at random from the softmax (np.random.choice with p=y.ravel()); np.argmax always "
                  "picks the likeliest character, so every name would be the same.")
def sample_argmax(parameters, char_to_ix, seed):
    return _sampler(parameters, char_to_ix, seed, draw=np.argmax)


@mutant("sample", "Draw with the model's probabilities: np.random.choice(range(vocab_size), p=y.ravel()); without "
                  "p every character is equally likely.")
def sample_uniform(parameters, char_to_ix, seed):
    return _sampler(parameters, char_to_ix, seed, draw=lambda p: np.random.choice(range(len(p))))


@mutant("sample", "The character just drawn is the next input: set x to its one-hot vector before the next step.")
def sample_not_fed_back(parameters, char_to_ix, seed):
    return _sampler(parameters, char_to_ix, seed, draw=_choice, feed_back=False)


@mutant("sample", "x must hold only the character just drawn: make it zeros again before setting x[idx] = 1.")
def sample_x_not_reset(parameters, char_to_ix, seed):
    return _sampler(parameters, char_to_ix, seed, draw=_choice, reset=False)


@mutant("sample", "Stop after 50 draws (counter != 50), then append the newline: a name ends with it either way.")
def sample_stops_at_49(parameters, char_to_ix, seed):
    return _sampler(parameters, char_to_ix, seed, draw=_choice, limit=49)


@mutant("sample", "A sample that reached 50 characters without a newline still ends with one: append "
                  "char_to_ix['\\n'].")
def sample_newline_not_appended(parameters, char_to_ix, seed):
    return _sampler(parameters, char_to_ix, seed, draw=_choice, append=False)


# --- optimize ---------------------------------------------------------------------------------------------------


@mutant("optimize", "Clip the gradients to [-5, 5] between the backward pass and the update: clip(gradients, 5).")
def optimize_without_clip(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


@mutant("optimize", "Keep what clip returns, gradients = clip(gradients, 5): the five clipped gradients, without "
                    "rnn_backward's da_next, which belongs to no parameter.")
def optimize_clip_result_unused(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    clip(gradients, 5)
    update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


@mutant("optimize", "The gradients are clipped to [-5, 5]: maxValue is 5.")
def optimize_clip_wrong_bound(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 1)
    update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


@mutant("optimize", "Return the last hidden state, a[len(X) - 1], not the one the sequence started from: the next "
                    "name continues from it.")
def optimize_returns_a_prev(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, gradients, _ = optimize(X, Y, a_prev, parameters, learning_rate)
    return loss, gradients, a_prev


@mutant("optimize", "The state to return is the last one, a[len(X) - 1]: a is a dict keyed by step, from -1 (a_prev) "
                    "to len(X) - 1.")
def optimize_returns_first_state(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[0]


@mutant("optimize", "The forward pass starts from a_prev, the state the previous name left, not from zeros.")
def optimize_from_zero_state(X, Y, a_prev, parameters, learning_rate=0.01):
    return optimize(X, Y, np.zeros_like(a_prev), parameters, learning_rate)


@mutant("optimize", "Return the loss of the forward pass, before the update; it is what the update reduces.")
def optimize_loss_after_update(X, Y, a_prev, parameters, learning_rate=0.01):
    _, gradients, a_last = optimize(X, Y, a_prev, parameters, learning_rate)
    loss, _ = rnn_forward(X, Y, a_prev, parameters)
    return loss, gradients, a_last


@mutant("optimize", "The parameters never changed: finish the step with update_parameters(parameters, gradients, "
                    "learning_rate), which updates the dict in place.")
def optimize_without_update(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    return loss, clip(gradients, 5), a[len(X) - 1]


@mutant("optimize", "Clip before the update, not after: the update must use the clipped gradients, or one huge "
                    "gradient still throws the parameters far away.")
def optimize_clips_after_update(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    update_parameters(parameters, gradients, learning_rate)
    return loss, clip(gradients, 5), a[len(X) - 1]


@mutant("optimize", "Update with the learning_rate argument; 0.01 is only its default.")
def optimize_fixed_learning_rate(X, Y, a_prev, parameters, learning_rate=0.01):
    return optimize(X, Y, a_prev, parameters, 0.01)


@mutant("optimize", "The gradients are clipped to [-5, 5], clip(gradients, 5); learning_rate is the update's "
                    "step size.")
def optimize_clip_at_learning_rate(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, learning_rate)
    update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


# --- model ------------------------------------------------------------------------------------------------------


def _trainer(data_x, ix_to_char, char_to_ix, num_iterations, n_a, dino_names, vocab_size, *, shuffle=True,
             offset=0, carry=True, pair=None, seed_step=1, keep_whitespace=False):
    """The reference's loop with one of its steps changed; ``pair(chars)`` gives X and Y."""
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = list(data_x) if keep_whitespace else [x.strip() for x in data_x]
    np.random.seed(0)
    if shuffle:
        np.random.shuffle(examples)
    a_prev, last = np.zeros((n_a, 1)), "abc"
    for j in range(num_iterations):
        chars = [char_to_ix[c] for c in examples[(j + offset) % len(examples)]]
        X, Y = pair(chars) if pair else ([None, *chars], [*chars, char_to_ix["\n"]])
        curr_loss, _, a_last = optimize(X, Y, a_prev if carry else np.zeros((n_a, 1)), parameters, 0.01)
        a_prev = a_last
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            for name in range(dino_names):
                last = get_sample(sample(parameters, char_to_ix, name * seed_step), ix_to_char)
    return parameters, last


def _args(num_iterations=35000, n_a=50, dino_names=7, vocab_size=27):
    return num_iterations, n_a, dino_names, vocab_size


@mutant("model", "Shuffle the names once before training (np.random.seed(0), then np.random.shuffle(examples)).")
def model_not_shuffled(data_x, ix_to_char, char_to_ix, verbose=False, **kw):
    return _trainer(data_x, ix_to_char, char_to_ix, *_args(**kw), shuffle=False)


@mutant("model", "Step j trains on name j % len(examples): the first step on the first name, and back to it after "
                 "the last.")
def model_off_by_one(data_x, ix_to_char, char_to_ix, verbose=False, **kw):
    return _trainer(data_x, ix_to_char, char_to_ix, *_args(**kw), offset=1)


@mutant("model", "The hidden state carries over from one name to the next: pass the a_prev optimize returned.")
def model_state_reset(data_x, ix_to_char, char_to_ix, verbose=False, **kw):
    return _trainer(data_x, ix_to_char, char_to_ix, *_args(**kw), carry=False)


@mutant("model", "X starts with None, the zero vector, so the first character is predicted from nothing: "
                 "X = [None] + indices.")
def model_without_none(data_x, ix_to_char, char_to_ix, verbose=False, **kw):
    return _trainer(data_x, ix_to_char, char_to_ix, *_args(**kw),
                    pair=lambda c: (c, [*c[1:], char_to_ix["\n"]]))


@mutant("model", "Y is X shifted by one to the left: the target at each step is the character that comes next, and "
                 "the newline after the last.")
def model_targets_not_shifted(data_x, ix_to_char, char_to_ix, verbose=False, **kw):
    return _trainer(data_x, ix_to_char, char_to_ix, *_args(**kw),
                    pair=lambda c: ([None, *c], [char_to_ix["\n"], *c]))


@mutant("model", "Each sampled name gets its own seed: add one to seed after each sample.")
def model_same_seed(data_x, ix_to_char, char_to_ix, verbose=False, **kw):
    return _trainer(data_x, ix_to_char, char_to_ix, *_args(**kw), seed_step=0)


@mutant("model", "Train on the whole name: X = [None] + its indices and Y = its indices + the newline's, so the model "
                 "also learns the last letter and where a name stops.")
def model_last_letter_dropped(data_x, ix_to_char, char_to_ix, verbose=False, **kw):
    return _trainer(data_x, ix_to_char, char_to_ix, *_args(**kw), pair=lambda c: ([None, *c[:-1]], c))


@mutant("model", "Go through the shuffled names in order, name j % len(examples) at step j, not a random one each "
                 "step: every name is then seen equally often.")
def model_random_name(data_x, ix_to_char, char_to_ix, verbose=False, num_iterations=35000, n_a=50, dino_names=7,
                      vocab_size=27):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    a_prev, last = np.zeros((n_a, 1)), "abc"
    for j in range(num_iterations):
        chars = [char_to_ix[c] for c in examples[np.random.randint(len(examples))]]
        curr_loss, _, a_prev = optimize([None, *chars], [*chars, char_to_ix["\n"]], a_prev, parameters)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            for seed in range(dino_names):
                last = get_sample(sample(parameters, char_to_ix, seed), ix_to_char)
    return parameters, last


@mutant("model", "Strip each name (x.strip()) before turning it into indices: the newline at its end would be "
                 "learnt as a letter of the name.")
def model_names_not_stripped(data_x, ix_to_char, char_to_ix, verbose=False, **kw):
    return _trainer(data_x, ix_to_char, char_to_ix, *_args(**kw), keep_whitespace=True)
