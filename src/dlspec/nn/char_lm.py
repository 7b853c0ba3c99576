"""A character-level language model: a basic RNN that reads a name one character at a time and learns to predict
the next (Course 5 week 1, "Dinosaurus Island").

The helpers are the original's ``utils.py`` (same names, signatures, parameter keys ``Wax, Waa, Wya, b, by`` and
dicts keyed by time step), written on top of ``dlspec.nn.rnn``'s cell; the graded functions are ``clip``,
``sample``, ``optimize`` and ``model``. A sequence is a list of character indices; ``None`` as the first input
stands for "no character yet", the zero vector.
"""

from __future__ import annotations

import numpy as np

from dlspec.nn.rnn import rnn_cell_forward
from dlspec.nn.softmax import softmax

MAX_LENGTH = 50  # sample stops drawing after this many characters


# --- the original's helpers -------------------------------------------------------------------------------------


def initialize_parameters(n_a: int, n_x: int, n_y: int) -> dict[str, np.ndarray]:
    """Small random weights and zero biases, seeded with 1 as the original did, drawn in its order."""
    np.random.seed(1)
    Wax = np.random.randn(n_a, n_x) * 0.01
    Waa = np.random.randn(n_a, n_a) * 0.01
    Wya = np.random.randn(n_y, n_a) * 0.01
    return {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": np.zeros((n_a, 1)), "by": np.zeros((n_y, 1))}


def rnn_step_forward(parameters: dict, a_prev: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One step: the new hidden state and the probabilities of the next character."""
    a_next, p_t, _ = rnn_cell_forward(x, a_prev, {**parameters, "ba": parameters["b"]})
    return a_next, p_t


def rnn_step_backward(dy, gradients: dict, parameters: dict, x, a, a_prev) -> dict:
    """Adds one step's share to every gradient; ``gradients['da_next']`` carries the gradient to the step before."""
    gradients["dWya"] += dy @ a.T
    gradients["dby"] += dy
    da = parameters["Wya"].T @ dy + gradients["da_next"]
    daraw = (1 - a * a) * da  # through tanh
    gradients["db"] += daraw
    gradients["dWax"] += daraw @ x.T
    gradients["dWaa"] += daraw @ a_prev.T
    gradients["da_next"] = parameters["Waa"].T @ daraw
    return gradients


def rnn_forward(X: list, Y: list, a0: np.ndarray, parameters: dict, vocab_size: int = 27):
    """The loss of predicting ``Y[t]`` after reading ``X[:t+1]``, and the cache ``(y_hat, a, x)``: dicts keyed by
    step, ``a[-1]`` being ``a0``.

    The one-hot size is read off ``Wax`` (``vocab_size`` is kept for the original's callers), so the same code runs
    on any alphabet; for the original's 27 characters it is the same.
    """
    del vocab_size
    n_x = parameters["Wax"].shape[1]
    x, a, y_hat = {}, {-1: np.copy(a0)}, {}
    loss = 0.0
    for t in range(len(X)):
        x[t] = np.zeros((n_x, 1))
        if X[t] is not None:
            x[t][X[t]] = 1
        a[t], y_hat[t] = rnn_step_forward(parameters, a[t - 1], x[t])
        loss -= np.log(y_hat[t][Y[t], 0])
    return loss, (y_hat, a, x)


def rnn_backward(X: list, Y: list, parameters: dict, cache: tuple) -> tuple[dict, dict]:
    """Backpropagation through time: gradients ``dWax, dWaa, dWya, db, dby`` (and ``da_next``), and the states."""
    y_hat, a, x = cache
    gradients = {"d" + k: np.zeros_like(v) for k, v in parameters.items()}
    gradients["da_next"] = np.zeros_like(a[0])
    for t in reversed(range(len(X))):
        dy = np.copy(y_hat[t])
        dy[Y[t]] -= 1  # softmax and cross-entropy together: p - one_hot(Y[t])
        gradients = rnn_step_backward(dy, gradients, parameters, x[t], a[t], a[t - 1])
    return gradients, a


def update_parameters(parameters: dict, gradients: dict, lr: float) -> dict:
    """One step of gradient descent, in place (the original's callers rely on it)."""
    for k in ("Wax", "Waa", "Wya", "b", "by"):
        parameters[k] += -lr * gradients["d" + k]
    return parameters


def smooth(loss: float, cur_loss: float) -> float:
    """An exponential moving average: each new loss counts for a thousandth."""
    return loss * 0.999 + cur_loss * 0.001


def get_initial_loss(vocab_size: int, seq_length: int) -> float:
    """The loss of a model that guesses uniformly, over ``seq_length`` characters: where training starts."""
    return -np.log(1.0 / vocab_size) * seq_length


def get_sample(sample_ix: list, ix_to_char: dict) -> str:
    """The characters of ``sample_ix``, the first one upper-cased."""
    txt = "".join(ix_to_char[ix] for ix in sample_ix)
    return txt[0].upper() + txt[1:]


def print_sample(sample_ix: list, ix_to_char: dict) -> None:
    print(get_sample(sample_ix, ix_to_char), end="")


# --- graded -----------------------------------------------------------------------------------------------------


def clip(gradients, maxValue):
    """Clips every gradient element-wise to [-maxValue, maxValue], in place.

    Arguments:
    gradients -- dict with "dWaa", "dWax", "dWya", "db", "dby"
    maxValue -- everything above it is set to it, everything below -maxValue to -maxValue

    Returns:
    gradients -- dict of the clipped gradients (the same arrays)
    """
    dWaa, dWax, dWya, db, dby = (gradients[k] for k in ("dWaa", "dWax", "dWya", "db", "dby"))
    for gradient in (dWax, dWaa, dWya, db, dby):
        np.clip(gradient, -maxValue, maxValue, out=gradient)
    gradients = {"dWaa": dWaa, "dWax": dWax, "dWya": dWya, "db": db, "dby": dby}
    return gradients


def sample(parameters, char_to_ix, seed):
    """Draws a sequence of characters from the model, one at a time, each fed back as the next input.

    Before each draw NumPy is seeded with seed + counter, and seed grows by one per draw, as the original did, so
    that a sample is the same draw for draw wherever it is run.

    Arguments:
    parameters -- dict with "Waa", "Wax", "Wya", "by", "b"
    char_to_ix -- dict from each character to its index
    seed -- int

    Returns:
    indices -- list of the drawn indices; it ends with the newline's index, appended after 50 draws if the model
               never drew it
    """
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    vocab_size, n_a = by.shape[0], Waa.shape[1]
    x = np.zeros((vocab_size, 1))  # no character yet
    a_prev = np.zeros((n_a, 1))
    indices = []
    idx = -1
    counter = 0
    newline_character = char_to_ix["\n"]
    while idx != newline_character and counter != 50:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax(Wya @ a + by)
        np.random.seed(counter + seed)
        idx = np.random.choice(range(vocab_size), p=y.ravel())
        indices.append(idx)
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        a_prev = a
        seed += 1
        counter += 1
    if counter == 50:
        indices.append(char_to_ix["\n"])
    return indices


def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    """One step of training on one sequence: forward, backward, clip the gradients to [-5, 5], update.

    Arguments:
    X -- list of input indices, X[0] is None
    Y -- list of target indices, X shifted left by one, ending with the newline's index
    a_prev -- hidden state the sequence starts from, shape (n_a, 1)
    parameters -- dict with "Wax", "Waa", "Wya", "b", "by"; updated in place
    learning_rate -- float

    Returns:
    loss -- cross-entropy of the sequence, before the update
    gradients -- dict of the clipped gradients "dWaa", "dWax", "dWya", "db", "dby"
    a[len(X)-1] -- the last hidden state, shape (n_a, 1)
    """
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


def model(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7, vocab_size=27,
          verbose=False):
    """Trains the model one name per step, printing samples every 2000 steps.

    The names are shuffled once (NumPy seeded with 0); step j trains on name j % len(names), input [None] + its
    indices, target its indices + the newline's. The hidden state carries over from one name to the next.

    Arguments:
    data_x -- list of names (surrounding whitespace is ignored)
    ix_to_char, char_to_ix -- the maps between indices and characters
    num_iterations -- int, training steps
    n_a -- int, size of the hidden state
    dino_names -- int, how many names to sample each time
    vocab_size -- int, number of characters
    verbose -- bool, print the first steps' inputs

    Returns:
    parameters -- dict of the trained parameters
    last_dino_name -- str, the last name sampled
    """
    n_x, n_y = vocab_size, vocab_size
    parameters = initialize_parameters(n_a, n_x, n_y)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    last_dino_name = "abc"
    for j in range(num_iterations):
        idx = j % len(examples)
        X = [None] + [char_to_ix[ch] for ch in examples[idx]]
        Y = [*X[1:], char_to_ix["\n"]]
        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters, learning_rate=0.01)
        if verbose and j == 0:
            print("X =", X, "\nY =", Y)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            print(f"Iteration: {j}, Loss: {loss:f}\n")
            seed = 0
            for _ in range(dino_names):
                sampled_indices = sample(parameters, char_to_ix, seed)
                last_dino_name = get_sample(sampled_indices, ix_to_char)
                print(last_dino_name.replace("\n", ""))
                seed += 1  # a new name each time, the same names on every run
            print("\n")
    return parameters, last_dino_name
