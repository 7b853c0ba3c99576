"""C5W1A1, second round."""

import numpy as np

from .. import correct, mistake

# ruff: noqa: F821 - the notebook's softmax, sigmoid and cell functions, used by name


@correct("rnn_cell_forward")
def rnn_cell_einsum(xt, a_prev, parameters):
    p = parameters
    a_next = np.tanh(np.einsum("ij,jm->im", p["Wax"], xt) + np.einsum("ij,jm->im", p["Waa"], a_prev) + p["ba"])
    return a_next, softmax(p["Wya"] @ a_next + p["by"]), (a_next, a_prev, xt, parameters)


@mistake("rnn_cell_forward")
def rnn_cell_recurrent_weights_transposed(xt, a_prev, parameters):
    p = parameters
    a_next = np.tanh(p["Waa"].T @ a_prev + p["Wax"] @ xt + p["ba"])
    return a_next, softmax(p["Wya"] @ a_next + p["by"]), (a_next, a_prev, xt, parameters)


@mistake("rnn_forward")
def rnn_forward_caches_only_last(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a, y_pred = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):
        a_next, y_pred[:, :, t], cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
    return a, y_pred, ([cache], x)


@mistake("lstm_cell_forward")
def lstm_cell_output_gate_tanh(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.concatenate((a_prev, xt), axis=0)
    ft, it = sigmoid(p["Wf"] @ concat + p["bf"]), sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    ot = np.tanh(p["Wo"] @ concat + p["bo"])
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    return a_next, c_next, softmax(p["Wy"] @ a_next + p["by"]), (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt,
                                                                  parameters)


@mistake("lstm_forward")
def lstm_forward_y_sized_by_hidden_state(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_a = a0.shape[0]
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x))
    a_next, c_next, caches = a0, np.zeros((n_a, m)), []
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t], y[: yt.shape[0], :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


@mistake("rnn_cell_backward")
def rnn_cell_back_dx_from_recurrent_weights(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = da_next * (1 - a_next**2)
    dxt = parameters["Wax"].T @ dz
    return {"dxt": dxt, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T, "dWaa": dz @ a_next.T,
            "dba": dz.sum(axis=1, keepdims=True)}


@correct("rnn_backward")
def rnn_back_while_loop(da, caches):
    steps, x = caches
    n_a, m, T_x = da.shape
    dx = np.zeros((x.shape[0], m, T_x))
    dWax = dWaa = dba = 0
    carry = np.zeros((n_a, m))
    t = T_x - 1
    while t >= 0:
        g = rnn_cell_backward(da[:, :, t] + carry, steps[t])
        dx[:, :, t], carry = g["dxt"], g["da_prev"]
        dWax, dWaa, dba = dWax + g["dWax"], dWaa + g["dWaa"], dba + g["dba"]
        t -= 1
    return {"dx": dx, "da0": carry, "dWax": dWax, "dWaa": dWaa, "dba": dba}


@mistake("lstm_cell_backward")
def lstm_cell_back_forget_gradient_with_c_next(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tc**2)
    dot = da_next * tc * ot * (1 - ot)
    dcct, dit, dft = dc * it * (1 - cct**2), dc * cct * it * (1 - it), dc * c_next * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = sum(parameters[k].T @ d for k, d in zip(("Wf", "Wi", "Wc", "Wo"), (dft, dit, dcct, dot), strict=True))
    out = {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft}
    for g, d in zip("fico", (dft, dit, dcct, dot), strict=True):
        out["dW" + g], out["db" + g] = d @ concat.T, d.sum(axis=1, keepdims=True)
    return out


@mistake("lstm_backward")
def lstm_back_dx_not_stored(da, caches):
    steps, x = caches
    n_a, m, T_x = da.shape
    totals = {}
    da_prev, dc_prev = np.zeros((n_a, m)), np.zeros((n_a, m))
    dx = np.zeros((x.shape[0], m, T_x))
    for t in reversed(range(T_x)):
        g = lstm_cell_backward(da[:, :, t] + da_prev, dc_prev, steps[t])
        da_prev, dc_prev = g["da_prev"], g["dc_prev"]
        dx[:, :, -1] = g["dxt"]
        for k in ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"):
            totals[k] = totals.get(k, 0) + g[k]
    return {"dx": dx, "da0": da_prev, **totals}
