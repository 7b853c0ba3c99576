"""C5W1A2, second round."""

import numpy as np

from .. import correct, mistake

# ruff: noqa: F821, RUF005 - the notebook's helpers, used by name; written as learners write it


@correct("clip")
def clip_items_in_place(gradients, maxValue):
    for gradient in gradients.values():
        gradient.clip(-maxValue, maxValue, out=gradient)
    return gradients


@mistake("clip")
def clip_by_maxvalue_scaling(gradients, maxValue):
    for k in gradients:
        biggest = np.abs(gradients[k]).max()
        if biggest > maxValue:
            gradients[k] *= maxValue / biggest
    return gradients


@mistake("sample")
def sample_seed_not_advanced(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    vocab_size, n_a = by.shape[0], Waa.shape[1]
    x, a_prev = np.zeros((vocab_size, 1)), np.zeros((n_a, 1))
    indices, idx, counter = [], -1, 0
    while idx != char_to_ix["\n"] and counter != 50:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax(Wya @ a + by)
        np.random.seed(seed)
        idx = np.random.choice(range(vocab_size), p=y.ravel())
        indices.append(idx)
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        a_prev = a
        counter += 1
    if counter == 50:
        indices.append(char_to_ix["\n"])
    return indices


@mistake("sample")
def sample_feeds_index_zero(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    vocab_size, n_a = by.shape[0], Waa.shape[1]
    x, a_prev = np.zeros((vocab_size, 1)), np.zeros((n_a, 1))
    indices, idx, counter = [], -1, 0
    while idx != char_to_ix["\n"] and counter != 50:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax(Wya @ a + by)
        np.random.seed(counter + seed)
        idx = np.random.choice(range(vocab_size), p=y.ravel())
        indices.append(idx)
        x = np.zeros((vocab_size, 1))
        x[0] = 1
        a_prev = a
        seed += 1
        counter += 1
    if counter == 50:
        indices.append(char_to_ix["\n"])
    return indices


@correct("optimize")
def optimize_manual_update(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    for k in ("Wax", "Waa", "Wya", "b", "by"):
        parameters[k] -= learning_rate * gradients["d" + k]
    return loss, gradients, a[len(X) - 1]


@mistake("optimize")
def optimize_update_adds(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    for k in ("Wax", "Waa", "Wya", "b", "by"):
        parameters[k] += learning_rate * gradients["d" + k]
    return loss, gradients, a[len(X) - 1]


@mistake("optimize")
def optimize_update_on_a_copy(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    parameters = update_parameters({k: v.copy() for k, v in parameters.items()}, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


@mistake("model")
def model_skips_the_first_name(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                               vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    last_dino_name = "abc"
    for j in range(1, num_iterations + 1):
        X = [None] + [char_to_ix[ch] for ch in examples[j % len(examples)]]
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            for seed in range(dino_names):
                last_dino_name = get_sample(sample(parameters, char_to_ix, seed), ix_to_char)
    return parameters, last_dino_name
