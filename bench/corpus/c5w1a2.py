"""C5W1A2, the character-level name generator, as learners write it."""

import numpy as np

from . import correct, mistake

# The notebook's helpers (softmax, rnn_forward, rnn_backward, update_parameters, ...) are used by name.
# ruff: noqa: F821, RUF005, UP031, B007 - written as learners write it

# --- clip -------------------------------------------------------------------------------------------------------


@correct("clip")
def clip_dict_loop(gradients, maxValue):
    for key in ["dWaa", "dWax", "dWya", "db", "dby"]:
        np.clip(gradients[key], -maxValue, maxValue, out=gradients[key])
    return gradients


@correct("clip")
def clip_with_minimum_maximum(gradients, maxValue):
    for key, g in gradients.items():
        g[...] = np.minimum(np.maximum(g, -maxValue), maxValue)
    return gradients


# The docstring says "in place", but optimize uses what clip returns: new clipped arrays work the same.
@correct("clip")
def clip_new_arrays_not_in_place(gradients, maxValue):
    return {k: np.clip(gradients[k], -maxValue, maxValue) for k in ("dWaa", "dWax", "dWya", "db", "dby")}


@mistake("clip")
def clip_upper_bound_only(gradients, maxValue):
    for key in gradients:
        np.clip(gradients[key], None, maxValue, out=gradients[key])
    return gradients


@mistake("clip")
def clip_loop_variable_rebound(gradients, maxValue):
    for g in gradients.values():
        g = np.clip(g, -maxValue, maxValue)
    return gradients


@mistake("clip")
def clip_bounds_zero_to_max(gradients, maxValue):
    for key in gradients:
        np.clip(gradients[key], 0, maxValue, out=gradients[key])
    return gradients


@mistake("clip")
def clip_forgets_dby(gradients, maxValue):
    for key in ("dWaa", "dWax", "dWya", "db"):
        np.clip(gradients[key], -maxValue, maxValue, out=gradients[key])
    return gradients


# --- sample -----------------------------------------------------------------------------------------------------


@correct("sample")
def sample_with_dot_and_flatten(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = parameters["Waa"], parameters["Wax"], parameters["Wya"], parameters["by"], parameters["b"]
    vocab_size = by.shape[0]
    n_a = Waa.shape[1]
    x = np.zeros((vocab_size, 1))
    a_prev = np.zeros((n_a, 1))
    indices = []
    idx = -1
    counter = 0
    newline = char_to_ix["\n"]
    while idx != newline and counter != 50:
        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)
        z = np.dot(Wya, a) + by
        y = np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)))
        np.random.seed(counter + seed)
        idx = np.random.choice(list(range(vocab_size)), p=y.flatten())
        indices.append(idx)
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        a_prev = a
        seed += 1
        counter += 1
    if counter == 50:
        indices.append(newline)
    return indices


@correct("sample")
def sample_with_own_generator(parameters, char_to_ix, seed):
    rng = np.random.default_rng(seed)
    vocab_size = parameters["by"].shape[0]
    x = np.zeros((vocab_size, 1))
    a = np.zeros((parameters["Waa"].shape[0], 1))
    newline = char_to_ix["\n"]
    indices = []
    while len(indices) < 50:
        a = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a + parameters["b"])
        y = softmax(parameters["Wya"] @ a + parameters["by"]).ravel()
        idx = int(rng.choice(vocab_size, p=y))
        indices.append(idx)
        if idx == newline:
            return indices
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
    indices.append(newline)
    return indices


@mistake("sample")
def sample_argmax_not_draw(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    vocab_size, n_a = by.shape[0], Waa.shape[1]
    x, a_prev = np.zeros((vocab_size, 1)), np.zeros((n_a, 1))
    indices, idx, counter = [], -1, 0
    while idx != char_to_ix["\n"] and counter != 50:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax(Wya @ a + by)
        idx = int(np.argmax(y))
        indices.append(idx)
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        a_prev = a
        counter += 1
    if counter == 50:
        indices.append(char_to_ix["\n"])
    return indices


@mistake("sample")
def sample_input_not_reset(parameters, char_to_ix, seed):
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
        x[idx] = 1
        a_prev = a
        seed += 1
        counter += 1
    if counter == 50:
        indices.append(char_to_ix["\n"])
    return indices


@mistake("sample")
def sample_state_not_carried(parameters, char_to_ix, seed):
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
        x[idx] = 1
        seed += 1
        counter += 1
    if counter == 50:
        indices.append(char_to_ix["\n"])
    return indices


@mistake("sample")
def sample_no_newline_after_fifty(parameters, char_to_ix, seed):
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
        x[idx] = 1
        a_prev = a
        seed += 1
        counter += 1
    return indices


@mistake("sample")
def sample_without_output_bias(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    vocab_size, n_a = by.shape[0], Waa.shape[1]
    x, a_prev = np.zeros((vocab_size, 1)), np.zeros((n_a, 1))
    indices, idx, counter = [], -1, 0
    while idx != char_to_ix["\n"] and counter != 50:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax(Wya @ a)
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


# --- optimize ---------------------------------------------------------------------------------------------------


@correct("optimize")
def optimize_keyword_arguments(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, maxValue=5)
    update_parameters(parameters, gradients, lr=learning_rate)
    return loss, gradients, a[len(X) - 1]


# Right values, but it returns rnn_backward's whole dict, da_next included: the docstring asks for the five.
@mistake("optimize")
def optimize_last_state_from_cache(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, _ = rnn_backward(X, Y, parameters, cache)
    clip(gradients, 5)
    parameters = update_parameters(parameters, gradients, learning_rate)
    _, a, _ = cache
    return loss, gradients, a[max(a)]


@mistake("optimize")
def optimize_clips_after_the_update(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    parameters = update_parameters(parameters, gradients, learning_rate)
    gradients = clip(gradients, 5)
    return loss, gradients, a[len(X) - 1]


@mistake("optimize")
def optimize_returns_first_state(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[0]


@mistake("optimize")
def optimize_clip_bound_is_learning_rate(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, learning_rate)
    parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


@mistake("optimize")
def optimize_no_update(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    return loss, gradients, a[len(X) - 1]


@mistake("optimize")
def optimize_fixed_learning_rate(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    parameters = update_parameters(parameters, gradients, 0.01)
    return loss, gradients, a[len(X) - 1]


# --- model ------------------------------------------------------------------------------------------------------


@correct("model")
def model_with_f_strings(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                         vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = [name.strip() for name in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    last_dino_name = "abc"
    newline = char_to_ix["\n"]
    for j in range(num_iterations):
        name = examples[j % len(examples)]
        X = [None, *(char_to_ix[c] for c in name)]
        Y = X[1:] + [newline]
        curr_loss, _, a_prev = optimize(X, Y, a_prev, parameters, 0.01)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            print(f"Iteration: {j}, Loss: {loss:f}\n")
            for seed in range(dino_names):
                last_dino_name = get_sample(sample(parameters, char_to_ix, seed), ix_to_char)
                print(last_dino_name.replace("\n", ""))
            print("\n")
    return parameters, last_dino_name


@correct("model")
def model_original_layout(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                          vocab_size=27, verbose=False):
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
        single_example_ix = [char_to_ix[ch] for ch in examples[idx]]
        X = [None] + single_example_ix
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters, learning_rate=0.01)
        if verbose and j in [0, len(examples) - 1, len(examples)]:
            print("j = ", j, "idx = ", idx)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            print("Iteration: %d, Loss: %f" % (j, loss) + "\n")
            seed = 0
            for _name in range(dino_names):
                sampled_indices = sample(parameters, char_to_ix, seed)
                last_dino_name = get_sample(sampled_indices, ix_to_char)
                print(last_dino_name.replace("\n", ""))
                seed += 1
            print("\n")
    return parameters, last_dino_name


@mistake("model")
def model_without_shuffle(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                          vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = [x.strip() for x in data_x]
    a_prev = np.zeros((n_a, 1))
    last_dino_name = "abc"
    for j in range(num_iterations):
        X = [None] + [char_to_ix[ch] for ch in examples[j % len(examples)]]
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            print(f"Iteration: {j}, Loss: {loss:f}\n")
            for seed in range(dino_names):
                last_dino_name = get_sample(sample(parameters, char_to_ix, seed), ix_to_char)
                print(last_dino_name.replace("\n", ""))
    return parameters, last_dino_name


@mistake("model")
def model_target_without_newline(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                                 vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    last_dino_name = "abc"
    for j in range(num_iterations):
        chars = [char_to_ix[ch] for ch in examples[j % len(examples)]]
        X = [None] + chars[:-1]
        Y = chars
        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            print(f"Iteration: {j}, Loss: {loss:f}\n")
            for seed in range(dino_names):
                last_dino_name = get_sample(sample(parameters, char_to_ix, seed), ix_to_char)
                print(last_dino_name.replace("\n", ""))
    return parameters, last_dino_name


@mistake("model")
def model_state_reset_every_name(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                                 vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)
    last_dino_name = "abc"
    for j in range(num_iterations):
        X = [None] + [char_to_ix[ch] for ch in examples[j % len(examples)]]
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, _ = optimize(X, Y, np.zeros((n_a, 1)), parameters)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            print(f"Iteration: {j}, Loss: {loss:f}\n")
            for seed in range(dino_names):
                last_dino_name = get_sample(sample(parameters, char_to_ix, seed), ix_to_char)
                print(last_dino_name.replace("\n", ""))
    return parameters, last_dino_name


@mistake("model")
def model_random_name_each_step(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                                vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    a_prev = np.zeros((n_a, 1))
    last_dino_name = "abc"
    for j in range(num_iterations):
        X = [None] + [char_to_ix[ch] for ch in examples[np.random.randint(len(examples))]]
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            print(f"Iteration: {j}, Loss: {loss:f}\n")
            for seed in range(dino_names):
                last_dino_name = get_sample(sample(parameters, char_to_ix, seed), ix_to_char)
                print(last_dino_name.replace("\n", ""))
    return parameters, last_dino_name


@mistake("model")
def model_names_not_stripped(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7,
                             vocab_size=27, verbose=False):
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, dino_names)
    examples = list(data_x)
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    last_dino_name = "abc"
    for j in range(num_iterations):
        X = [None] + [char_to_ix[ch] for ch in examples[j % len(examples)]]
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters)
        loss = smooth(loss, curr_loss)
        if j % 2000 == 0:
            print(f"Iteration: {j}, Loss: {loss:f}\n")
            for seed in range(dino_names):
                last_dino_name = get_sample(sample(parameters, char_to_ix, seed), ix_to_char)
                print(last_dino_name.replace("\n", ""))
    return parameters, last_dino_name
