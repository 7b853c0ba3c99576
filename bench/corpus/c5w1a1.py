"""C5W1A1, a recurrent network step by step in NumPy, as learners write it."""

import numpy as np

from . import correct, mistake

# The notebook's softmax and sigmoid are used by name, as a learner's cell uses them.
# ruff: noqa: F821

# --- rnn_cell_forward -------------------------------------------------------------------------------------------


@correct("rnn_cell_forward")
def rnn_cell_with_dot(xt, a_prev, parameters):
    p = parameters
    a_next = np.tanh(np.dot(p["Wax"], xt) + np.dot(p["Waa"], a_prev) + p["ba"])
    z = np.dot(p["Wya"], a_next) + p["by"]
    e = np.exp(z - z.max(axis=0, keepdims=True))
    yt_pred = e / e.sum(axis=0, keepdims=True)
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@correct("rnn_cell_forward")
def rnn_cell_stacked_weights(xt, a_prev, parameters):
    W = np.hstack([parameters["Waa"], parameters["Wax"]])
    a_next = np.tanh(W @ np.vstack([a_prev, xt]) + parameters["ba"])
    yt_pred = softmax(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@mistake("rnn_cell_forward")
def rnn_cell_sigmoid_state(xt, a_prev, parameters):
    a_next = sigmoid(parameters["Waa"] @ a_prev + parameters["Wax"] @ xt + parameters["ba"])
    yt_pred = softmax(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@mistake("rnn_cell_forward")
def rnn_cell_prediction_from_previous_state(xt, a_prev, parameters):
    a_next = np.tanh(parameters["Waa"] @ a_prev + parameters["Wax"] @ xt + parameters["ba"])
    yt_pred = softmax(parameters["Wya"] @ a_prev + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@mistake("rnn_cell_forward")
def rnn_cell_no_bias(xt, a_prev, parameters):
    a_next = np.tanh(parameters["Waa"] @ a_prev + parameters["Wax"] @ xt)
    yt_pred = softmax(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@mistake("rnn_cell_forward")
def rnn_cell_softmax_over_examples(xt, a_prev, parameters):
    a_next = np.tanh(parameters["Waa"] @ a_prev + parameters["Wax"] @ xt + parameters["ba"])
    z = parameters["Wya"] @ a_next + parameters["by"]
    yt_pred = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@mistake("rnn_cell_forward")
def rnn_cell_cache_states_swapped(xt, a_prev, parameters):
    a_next = np.tanh(parameters["Waa"] @ a_prev + parameters["Wax"] @ xt + parameters["ba"])
    yt_pred = softmax(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_prev, a_next, xt, parameters)


# --- rnn_forward ------------------------------------------------------------------------------------------------


@correct("rnn_forward")
def rnn_forward_lists_stacked(x, a0, parameters):
    states, preds, caches = [], [], []
    a_t = a0
    for t in range(x.shape[2]):
        a_t, y_t, cache = rnn_cell_forward(x[:, :, t], a_t, parameters)
        states.append(a_t)
        preds.append(y_t)
        caches.append(cache)
    return np.stack(states, axis=-1), np.stack(preds, axis=-1), (caches, x)


@correct("rnn_forward")
def rnn_forward_ellipsis(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_a = a0.shape[0]
    n_y = parameters["by"].shape[0]
    a, y_pred = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    caches = []
    for t in range(T_x):
        a_prev = a0 if t == 0 else a[..., t - 1]
        a[..., t], y_pred[..., t], cache = rnn_cell_forward(x[..., t], a_prev, parameters)
        caches.append(cache)
    return a, y_pred, (caches, x)


@mistake("rnn_forward")
def rnn_forward_always_from_a0(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    for t in range(T_x):
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], a0, parameters)
        a[:, :, t], y_pred[:, :, t] = a_next, yt
        caches.append(cache)
    return a, y_pred, (caches, x)


@mistake("rnn_forward")
def rnn_forward_input_indexed_on_wrong_axis(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next = a0
    for t in range(T_x):
        a_next, yt, cache = rnn_cell_forward(x[:, :, 0], a_next, parameters)
        a[:, :, t], y_pred[:, :, t] = a_next, yt
        caches.append(cache)
    return a, y_pred, (caches, x)


@mistake("rnn_forward")
def rnn_forward_stores_previous_state(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next = a0
    for t in range(T_x):
        a[:, :, t] = a_next
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        y_pred[:, :, t] = yt
        caches.append(cache)
    return a, y_pred, (caches, x)


@mistake("rnn_forward")
def rnn_forward_one_step_short(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next = a0
    for t in range(T_x - 1):
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t], y_pred[:, :, t] = a_next, yt
        caches.append(cache)
    return a, y_pred, (caches, x)


# --- lstm_cell_forward ------------------------------------------------------------------------------------------


@correct("lstm_cell_forward")
def lstm_cell_vstack(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.vstack([a_prev, xt])
    ft = 1 / (1 + np.exp(-(np.dot(p["Wf"], concat) + p["bf"])))
    it = 1 / (1 + np.exp(-(np.dot(p["Wi"], concat) + p["bi"])))
    cct = np.tanh(np.dot(p["Wc"], concat) + p["bc"])
    ot = 1 / (1 + np.exp(-(np.dot(p["Wo"], concat) + p["bo"])))
    c_next = np.multiply(ft, c_prev) + np.multiply(it, cct)
    a_next = np.multiply(ot, np.tanh(c_next))
    yt_pred = softmax(np.dot(p["Wy"], a_next) + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


@correct("lstm_cell_forward")
def lstm_cell_split_weights(xt, a_prev, c_prev, parameters):
    n_a = a_prev.shape[0]

    def gate(name):
        W = parameters["W" + name]
        return W[:, :n_a] @ a_prev + W[:, n_a:] @ xt + parameters["b" + name]

    ft, it, ot = sigmoid(gate("f")), sigmoid(gate("i")), sigmoid(gate("o"))
    cct = np.tanh(gate("c"))
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(parameters["Wy"] @ a_next + parameters["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


@mistake("lstm_cell_forward")
def lstm_cell_concat_order_swapped(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.concatenate([xt, a_prev], axis=0)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


@mistake("lstm_cell_forward")
def lstm_cell_gates_swapped(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    c_next = it * c_prev + ft * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


@mistake("lstm_cell_forward")
def lstm_cell_candidate_sigmoid(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = sigmoid(p["Wc"] @ concat + p["bc"])
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


@mistake("lstm_cell_forward")
def lstm_cell_state_without_tanh(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    c_next = ft * c_prev + it * cct
    a_next = ot * c_next
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


@mistake("lstm_cell_forward")
def lstm_cell_output_gate_uses_forget_weights(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    ot = sigmoid(p["Wf"] @ concat + p["bo"])
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


# --- lstm_forward -----------------------------------------------------------------------------------------------


@correct("lstm_forward")
def lstm_forward_lists(x, a0, parameters):
    a_t, c_t = a0, np.zeros_like(a0)
    outs, caches = [], []
    for t in range(x.shape[2]):
        a_t, c_t, y_t, cache = lstm_cell_forward(x[:, :, t], a_t, c_t, parameters)
        outs.append((a_t, y_t, c_t))
        caches.append(cache)
    a, y, c = (np.stack([o[k] for o in outs], axis=2) for k in range(3))
    return a, y, c, (caches, x)


@correct("lstm_forward")
def lstm_forward_zeros_like(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_a = a0.shape[0]
    n_y = parameters["Wy"].shape[0]
    a = np.zeros((n_a, m, T_x))
    c = np.zeros_like(a)
    y = np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, y[:, :, t], cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t] = a_next, c_next
        caches.append(cache)
    return a, y, c, (caches, x)


@mistake("lstm_forward")
def lstm_forward_memory_starts_at_a0(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, a0
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


@mistake("lstm_forward")
def lstm_forward_memory_reset_every_step(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    caches = []
    a_next = a0
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, np.zeros((n_a, m)), parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


@mistake("lstm_forward")
def lstm_forward_returns_a_y_c_swapped(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, c, y, (caches, x)


@mistake("lstm_forward")
def lstm_forward_cell_outputs_unpacked_in_wrong_order(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        c_next, a_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


# --- rnn_cell_backward ------------------------------------------------------------------------------------------


@correct("rnn_cell_backward")
def rnn_cell_back_with_dot(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dtanh = (1 - np.square(a_next)) * da_next
    return {
        "dxt": np.dot(parameters["Wax"].T, dtanh),
        "dWax": np.dot(dtanh, xt.T),
        "da_prev": np.dot(parameters["Waa"].T, dtanh),
        "dWaa": np.dot(dtanh, a_prev.T),
        "dba": dtanh.sum(axis=1).reshape(-1, 1),
    }


@correct("rnn_cell_backward")
def rnn_cell_back_recomputes_tanh(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    z = parameters["Wax"] @ xt + parameters["Waa"] @ a_prev + parameters["ba"]
    dz = da_next * (1 - np.tanh(z) ** 2)
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T, "dba": np.sum(dz, axis=1, keepdims=True)}


@mistake("rnn_cell_backward")
def rnn_cell_back_sigmoid_derivative(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = da_next * a_next * (1 - a_next)
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T, "dba": np.sum(dz, axis=1, keepdims=True)}


@mistake("rnn_cell_backward")
def rnn_cell_back_no_activation_derivative(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = da_next
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T, "dba": np.sum(dz, axis=1, keepdims=True)}


@mistake("rnn_cell_backward")
def rnn_cell_back_dz_from_tanh_of_state(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = da_next * (1 - np.tanh(a_next) ** 2)
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T, "dba": np.sum(dz, axis=1, keepdims=True)}


@mistake("rnn_cell_backward")
def rnn_cell_back_bias_over_rows(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = da_next * (1 - a_next**2)
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T, "dba": np.sum(dz, axis=0, keepdims=True)}


@mistake("rnn_cell_backward")
def rnn_cell_back_not_transposed(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = da_next * (1 - a_next**2)
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"] @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T, "dba": np.sum(dz, axis=1, keepdims=True)}


# --- rnn_backward -----------------------------------------------------------------------------------------------


@correct("rnn_backward")
def rnn_back_dict_of_sums(da, caches):
    steps, x = caches
    parameters = steps[0][3]
    n_a, m, T_x = da.shape
    dx = np.zeros(x.shape)
    grads = {"dWax": np.zeros_like(parameters["Wax"]), "dWaa": np.zeros_like(parameters["Waa"]),
             "dba": np.zeros_like(parameters["ba"])}
    carry = np.zeros((n_a, m))
    for t in range(T_x - 1, -1, -1):
        g = rnn_cell_backward(da[:, :, t] + carry, steps[t])
        dx[:, :, t] = g["dxt"]
        carry = g["da_prev"]
        for k in grads:
            grads[k] = grads[k] + g[k]
    return {"dx": dx, "da0": carry, **grads}


@correct("rnn_backward")
def rnn_back_reversed_enumerate(da, caches):
    cache_list, x = caches
    n_x, m, T_x = x.shape
    n_a = da.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dWax, dWaa, dba = np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
    da_prev = np.zeros((n_a, m))
    for t, cache in reversed(list(enumerate(cache_list))):
        g = rnn_cell_backward(da[:, :, t] + da_prev, cache)
        dx[:, :, t], da_prev = g["dxt"], g["da_prev"]
        dWax += g["dWax"]
        dWaa += g["dWaa"]
        dba += g["dba"]
    return {"dx": dx, "da0": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}


@mistake("rnn_backward")
def rnn_back_forward_in_time(da, caches):
    cache_list, x = caches
    n_x, m, T_x = x.shape
    n_a = da.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dWax, dWaa, dba = np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in range(T_x):
        g = rnn_cell_backward(da[:, :, t] + da_prevt, cache_list[t])
        dx[:, :, t], da_prevt = g["dxt"], g["da_prev"]
        dWax += g["dWax"]
        dWaa += g["dWaa"]
        dba += g["dba"]
    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}


@mistake("rnn_backward")
def rnn_back_ignores_the_carry(da, caches):
    cache_list, x = caches
    n_x, m, T_x = x.shape
    n_a = da.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dWax, dWaa, dba = np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[:, :, t], cache_list[t])
        dx[:, :, t], da_prevt = g["dxt"], g["da_prev"]
        dWax += g["dWax"]
        dWaa += g["dWaa"]
        dba += g["dba"]
    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}


@mistake("rnn_backward")
def rnn_back_weights_of_last_step_only(da, caches):
    cache_list, x = caches
    n_x, m, T_x = x.shape
    n_a = da.shape[0]
    dx = np.zeros((n_x, m, T_x))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[:, :, t] + da_prevt, cache_list[t])
        dx[:, :, t], da_prevt = g["dxt"], g["da_prev"]
        dWax, dWaa, dba = g["dWax"], g["dWaa"], g["dba"]
    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}


@mistake("rnn_backward")
def rnn_back_carry_is_total_gradient(da, caches):
    cache_list, x = caches
    n_x, m, T_x = x.shape
    n_a = da.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dWax, dWaa, dba = np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[:, :, t] + da_prevt, cache_list[t])
        dx[:, :, t] = g["dxt"]
        da_prevt = g["da_prev"] + da[:, :, t]
        dWax += g["dWax"]
        dWaa += g["dWaa"]
        dba += g["dba"]
    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}


# --- lstm_cell_backward -----------------------------------------------------------------------------------------


@correct("lstm_cell_backward")
def lstm_cell_back_split_weights(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dc = dc_next + ot * (1 - np.square(np.tanh(c_next))) * da_next
    dcct = dc * it * (1 - np.square(cct))
    dit = dc * cct * (1 - it) * it
    dft = dc * c_prev * ft * (1 - ft)
    concat = np.concatenate([a_prev, xt])
    g = {"dft": dft, "dit": dit, "dcct": dcct, "dot": dot}
    out = {}
    for gate, key in (("f", "dft"), ("i", "dit"), ("c", "dcct"), ("o", "dot")):
        out["dW" + gate] = g[key] @ concat.T
        out["db" + gate] = g[key].sum(axis=1, keepdims=True)
    da_prev = sum(parameters["W" + k][:, :n_a].T @ g[v] for k, v in zip("fico", g, strict=True))
    dxt = sum(parameters["W" + k][:, n_a:].T @ g[v] for k, v in zip("fico", g, strict=True))
    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc * ft, **out}


@correct("lstm_cell_backward")
def lstm_cell_back_stacked_gates(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tc * tc)
    dgates = np.vstack([dc * c_prev * ft * (1 - ft), dc * cct * it * (1 - it), dc * it * (1 - cct * cct),
                        da_next * tc * ot * (1 - ot)])
    W = np.vstack([parameters["Wf"], parameters["Wi"], parameters["Wc"], parameters["Wo"]])
    concat = np.vstack([a_prev, xt])
    dW = dgates @ concat.T
    db = dgates.sum(axis=1, keepdims=True)
    dconcat = W.T @ dgates
    out = {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft}
    for k, name in enumerate("fico"):
        out["dW" + name] = dW[k * n_a : (k + 1) * n_a]
        out["db" + name] = db[k * n_a : (k + 1) * n_a]
    return out


@mistake("lstm_cell_backward")
def lstm_cell_back_forgets_dc_next(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = da_next * ot * (1 - tc**2)
    dot = da_next * tc * ot * (1 - ot)
    dcct, dit, dft = dc * it * (1 - cct**2), dc * cct * it * (1 - it), dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit + parameters["Wc"].T @ dcct
               + parameters["Wo"].T @ dot)
    return {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft,
            "dWf": dft @ concat.T, "dbf": dft.sum(1, keepdims=True), "dWi": dit @ concat.T,
            "dbi": dit.sum(1, keepdims=True), "dWc": dcct @ concat.T, "dbc": dcct.sum(1, keepdims=True),
            "dWo": dot @ concat.T, "dbo": dot.sum(1, keepdims=True)}


@mistake("lstm_cell_backward")
def lstm_cell_back_output_gate_without_tanh(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tc**2)
    dot = da_next * c_next * ot * (1 - ot)
    dcct, dit, dft = dc * it * (1 - cct**2), dc * cct * it * (1 - it), dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit + parameters["Wc"].T @ dcct
               + parameters["Wo"].T @ dot)
    return {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft,
            "dWf": dft @ concat.T, "dbf": dft.sum(1, keepdims=True), "dWi": dit @ concat.T,
            "dbi": dit.sum(1, keepdims=True), "dWc": dcct @ concat.T, "dbc": dcct.sum(1, keepdims=True),
            "dWo": dot @ concat.T, "dbo": dot.sum(1, keepdims=True)}


@mistake("lstm_cell_backward")
def lstm_cell_back_dc_prev_not_gated(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tc**2)
    dot = da_next * tc * ot * (1 - ot)
    dcct, dit, dft = dc * it * (1 - cct**2), dc * cct * it * (1 - it), dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit + parameters["Wc"].T @ dcct
               + parameters["Wo"].T @ dot)
    return {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc,
            "dWf": dft @ concat.T, "dbf": dft.sum(1, keepdims=True), "dWi": dit @ concat.T,
            "dbi": dit.sum(1, keepdims=True), "dWc": dcct @ concat.T, "dbc": dcct.sum(1, keepdims=True),
            "dWo": dot @ concat.T, "dbo": dot.sum(1, keepdims=True)}


@mistake("lstm_cell_backward")
def lstm_cell_back_update_and_candidate_swapped(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tc**2)
    dot = da_next * tc * ot * (1 - ot)
    dcct, dit, dft = dc * cct * (1 - cct**2), dc * it * it * (1 - it), dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit + parameters["Wc"].T @ dcct
               + parameters["Wo"].T @ dot)
    return {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft,
            "dWf": dft @ concat.T, "dbf": dft.sum(1, keepdims=True), "dWi": dit @ concat.T,
            "dbi": dit.sum(1, keepdims=True), "dWc": dcct @ concat.T, "dbc": dcct.sum(1, keepdims=True),
            "dWo": dot @ concat.T, "dbo": dot.sum(1, keepdims=True)}


@mistake("lstm_cell_backward")
def lstm_cell_back_da_prev_from_rows_after_x(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_x = xt.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tc**2)
    dot = da_next * tc * ot * (1 - ot)
    dcct, dit, dft = dc * it * (1 - cct**2), dc * cct * it * (1 - it), dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit + parameters["Wc"].T @ dcct
               + parameters["Wo"].T @ dot)
    return {"dxt": dconcat[:n_x], "da_prev": dconcat[n_x:], "dc_prev": dc * ft,
            "dWf": dft @ concat.T, "dbf": dft.sum(1, keepdims=True), "dWi": dit @ concat.T,
            "dbi": dit.sum(1, keepdims=True), "dWc": dcct @ concat.T, "dbc": dcct.sum(1, keepdims=True),
            "dWo": dot @ concat.T, "dbo": dot.sum(1, keepdims=True)}


# --- lstm_backward ----------------------------------------------------------------------------------------------


@correct("lstm_backward")
def lstm_back_dict_loop(da, caches):
    steps, x = caches
    n_a, m, T_x = da.shape
    keys = ["dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"]
    parameters = steps[0][9]
    total = {k: np.zeros_like(parameters[k[1:]]) for k in keys}
    dx = np.zeros_like(x, dtype=float)
    da_prev, dc_prev = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = lstm_cell_backward(da[:, :, t] + da_prev, dc_prev, steps[t])
        da_prev, dc_prev, dx[:, :, t] = g["da_prev"], g["dc_prev"], g["dxt"]
        for k in keys:
            total[k] += g[k]
    return {"dx": dx, "da0": da_prev, **total}


@correct("lstm_backward")
def lstm_back_explicit(da, caches):
    cache_list, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dW = {g: np.zeros((n_a, n_a + n_x)) for g in "fico"}
    db = {g: np.zeros((n_a, 1)) for g in "fico"}
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    for t in range(T_x - 1, -1, -1):
        grads = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, cache_list[t])
        dx[:, :, t] = grads["dxt"]
        da_prevt, dc_prevt = grads["da_prev"], grads["dc_prev"]
        for g in "fico":
            dW[g] += grads["dW" + g]
            db[g] += grads["db" + g]
    out = {"dx": dx, "da0": da_prevt}
    for g in "fico":
        out["dW" + g], out["db" + g] = dW[g], db[g]
    return out


@mistake("lstm_backward")
def lstm_back_memory_gradient_not_carried(da, caches):
    cache_list, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dW = {g: np.zeros((n_a, n_a + n_x)) for g in "fico"}
    db = {g: np.zeros((n_a, 1)) for g in "fico"}
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        grads = lstm_cell_backward(da[:, :, t] + da_prevt, np.zeros((n_a, m)), cache_list[t])
        dx[:, :, t] = grads["dxt"]
        da_prevt = grads["da_prev"]
        for g in "fico":
            dW[g] += grads["dW" + g]
            db[g] += grads["db" + g]
    out = {"dx": dx, "da0": da_prevt}
    for g in "fico":
        out["dW" + g], out["db" + g] = dW[g], db[g]
    return out


@mistake("lstm_backward")
def lstm_back_upstream_without_carry(da, caches):
    cache_list, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dW = {g: np.zeros((n_a, n_a + n_x)) for g in "fico"}
    db = {g: np.zeros((n_a, 1)) for g in "fico"}
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        grads = lstm_cell_backward(da[:, :, t], dc_prevt, cache_list[t])
        dx[:, :, t] = grads["dxt"]
        da_prevt, dc_prevt = grads["da_prev"], grads["dc_prev"]
        for g in "fico":
            dW[g] += grads["dW" + g]
            db[g] += grads["db" + g]
    out = {"dx": dx, "da0": da_prevt}
    for g in "fico":
        out["dW" + g], out["db" + g] = dW[g], db[g]
    return out


@mistake("lstm_backward")
def lstm_back_da0_is_first_upstream(da, caches):
    cache_list, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dW = {g: np.zeros((n_a, n_a + n_x)) for g in "fico"}
    db = {g: np.zeros((n_a, 1)) for g in "fico"}
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        grads = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, cache_list[t])
        dx[:, :, t] = grads["dxt"]
        da_prevt, dc_prevt = grads["da_prev"], grads["dc_prev"]
        for g in "fico":
            dW[g] += grads["dW" + g]
            db[g] += grads["db" + g]
    out = {"dx": dx, "da0": da[:, :, 0]}
    for g in "fico":
        out["dW" + g], out["db" + g] = dW[g], db[g]
    return out


@mistake("lstm_backward")
def lstm_back_steps_in_forward_order(da, caches):
    cache_list, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dW = {g: np.zeros((n_a, n_a + n_x)) for g in "fico"}
    db = {g: np.zeros((n_a, 1)) for g in "fico"}
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    for t in range(T_x):
        grads = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, cache_list[t])
        dx[:, :, t] = grads["dxt"]
        da_prevt, dc_prevt = grads["da_prev"], grads["dc_prev"]
        for g in "fico":
            dW[g] += grads["dW" + g]
            db[g] += grads["db" + g]
    out = {"dx": dx, "da0": da_prevt}
    for g in "fico":
        out["dW" + g], out["db" + g] = dW[g], db[g]
    return out
