"""Correct solutions of C5W1A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.rnn import lstm_cell_backward, lstm_cell_forward, rnn_cell_backward, rnn_cell_forward

GATES = "fico"


def _softmax(z):
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


def _sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))  # the same function, without exp


# --- rnn_cell_forward -------------------------------------------------------------------------------------------


@variant("rnn_cell_forward")
def cell_with_stacked_weights(xt, a_prev, parameters):
    # [Waa Wax] @ [a_prev; xt] is Waa a_prev + Wax xt in one product
    W = np.hstack([parameters["Waa"], parameters["Wax"]])
    a_next = np.tanh(W @ np.vstack([a_prev, xt]) + parameters["ba"])
    yt_pred = _softmax(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@variant("rnn_cell_forward")
def cell_with_einsum(xt, a_prev, parameters):
    z = np.einsum("ij,jm->im", parameters["Wax"], xt) + np.einsum("ij,jm->im", parameters["Waa"], a_prev)
    a_next = np.tanh(z + parameters["ba"])
    scores = np.exp(np.einsum("ij,jm->im", parameters["Wya"], a_next) + parameters["by"])
    return a_next, scores / scores.sum(axis=0, keepdims=True), [a_next, a_prev, xt, parameters]


# --- rnn_forward ------------------------------------------------------------------------------------------------


@variant("rnn_forward")
def sequence_by_stacking(x, a0, parameters):
    states, predictions, caches = [], [], []
    a_t = a0
    for xt in np.moveaxis(x, 2, 0):  # the steps, one (n_x, m) slice at a time
        a_t, yt, cache = rnn_cell_forward(xt, a_t, parameters)
        states.append(a_t)
        predictions.append(yt)
        caches.append(cache)
    return np.stack(states, axis=-1), np.stack(predictions, axis=-1), (caches, x)


@variant("rnn_forward")
def sequence_written_out(x, a0, parameters):
    p = parameters
    T_x = x.shape[2]
    a = np.empty((a0.shape[0], x.shape[1], T_x))
    y = np.empty((p["Wya"].shape[0], x.shape[1], T_x))
    caches = []
    for t in range(T_x):
        a_prev = a0 if t == 0 else a[:, :, t - 1]
        a[:, :, t] = np.tanh(p["Wax"] @ x[:, :, t] + p["Waa"] @ a_prev + p["ba"])
        y[:, :, t] = _softmax(p["Wya"] @ a[:, :, t] + p["by"])
        caches.append((a[:, :, t].copy(), a_prev.copy(), x[:, :, t], p))
    return a, y, (caches, x)


# --- lstm_cell_forward ------------------------------------------------------------------------------------------


@variant("lstm_cell_forward")
def cell_with_one_product_for_all_gates(xt, a_prev, c_prev, parameters):
    # the four gates' weights stacked: one (4 n_a, n_a + n_x) product, then split into the four pre-activations
    p = parameters
    z = np.vstack([p["W" + g] for g in GATES]) @ np.vstack([a_prev, xt]) + np.vstack([p["b" + g] for g in GATES])
    zf, zi, zc, zo = np.split(z, 4)
    ft, it, cct, ot = _sigmoid(zf), _sigmoid(zi), np.tanh(zc), _sigmoid(zo)
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = _softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)


@variant("lstm_cell_forward")
def cell_with_split_weights(xt, a_prev, c_prev, parameters):
    # W [a_prev; xt] = W[:, :n_a] a_prev + W[:, n_a:] xt, without building the stacked input
    n_a = a_prev.shape[0]

    def pre(gate):
        W = parameters["W" + gate]
        return W[:, :n_a] @ a_prev + W[:, n_a:] @ xt + parameters["b" + gate]

    ft = 1 / (1 + np.exp(-pre("f")))
    it = 1 / (1 + np.exp(-pre("i")))
    cct = np.tanh(pre("c"))
    ot = 1 / (1 + np.exp(-pre("o")))
    c_next = c_prev * ft + cct * it
    a_next = np.tanh(c_next) * ot
    yt_pred = _softmax(parameters["Wy"] @ a_next + parameters["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


# --- lstm_forward -----------------------------------------------------------------------------------------------


@variant("lstm_forward")
def lstm_sequence_by_stacking(x, a0, parameters):
    a_t, c_t = a0, np.zeros_like(a0)
    outputs = {"a": [], "y": [], "c": []}
    caches = []
    for t in range(x.shape[-1]):
        a_t, c_t, yt, cache = lstm_cell_forward(x[..., t], a_t, c_t, parameters)
        for key, value in zip("ayc", (a_t, yt, c_t), strict=True):
            outputs[key].append(value)
        caches.append(cache)
    a, y, c = (np.stack(outputs[key], axis=2) for key in "ayc")
    return a, y, c, (caches, x)


@variant("lstm_forward")
def lstm_sequence_into_preallocated_arrays(x, a0, parameters):
    n_a, m = a0.shape
    T_x = x.shape[2]
    a, c = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x))
    y = np.zeros((parameters["by"].shape[0], m, T_x))
    caches = []
    state = (a0, np.zeros((n_a, m)))
    for t in range(T_x):
        a[:, :, t], c[:, :, t], y[:, :, t], cache = lstm_cell_forward(x[:, :, t], *state, parameters)
        caches.append(cache)
        state = (cache[0], cache[1])
    return a, y, c, (caches, x)


# --- rnn_cell_backward ------------------------------------------------------------------------------------------


@variant("rnn_cell_backward")
def cell_backward_through_the_stacked_input(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = da_next - da_next * a_next * a_next
    W = np.hstack([parameters["Waa"], parameters["Wax"]])
    dstacked = W.T @ dz  # gradient of [a_prev; xt]
    dW = dz @ np.vstack([a_prev, xt]).T
    n_a = a_prev.shape[0]
    return {"dxt": dstacked[n_a:], "da_prev": dstacked[:n_a], "dWax": dW[:, n_a:], "dWaa": dW[:, :n_a],
            "dba": dz @ np.ones((dz.shape[1], 1))}


@variant("rnn_cell_backward")
def cell_backward_example_by_example(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    gradients = {"dxt": np.zeros_like(xt), "da_prev": np.zeros_like(a_prev),
                 "dWax": np.zeros_like(parameters["Wax"]), "dWaa": np.zeros_like(parameters["Waa"]),
                 "dba": np.zeros_like(parameters["ba"])}
    for i in range(xt.shape[1]):
        dz = (da_next[:, i] * (1 - a_next[:, i] ** 2))[:, None]
        gradients["dxt"][:, i] = (parameters["Wax"].T @ dz).ravel()
        gradients["da_prev"][:, i] = (parameters["Waa"].T @ dz).ravel()
        gradients["dWax"] += np.outer(dz, xt[:, i])
        gradients["dWaa"] += np.outer(dz, a_prev[:, i])
        gradients["dba"] += dz
    return gradients


# --- rnn_backward -----------------------------------------------------------------------------------------------


@variant("rnn_backward")
def through_time_by_recursion(da, caches):
    steps, x = caches

    def back(t, da_after):
        """Gradients of steps t and earlier, given the gradient reaching a<t> from step t + 1."""
        g = rnn_cell_backward(da[:, :, t] + da_after, steps[t])
        if t == 0:
            return [g]
        return [*back(t - 1, g["da_prev"]), g]

    per_step = back(da.shape[2] - 1, np.zeros(da.shape[:2]))
    return {"dx": np.stack([g["dxt"] for g in per_step], axis=2), "da0": per_step[0]["da_prev"],
            **{key: sum(g[key] for g in per_step) for key in ("dWax", "dWaa", "dba")}}


@variant("rnn_backward")
def through_time_written_out(da, caches):
    steps, x = caches
    p = steps[0][3]
    T_x = da.shape[2]
    dx = np.zeros((x.shape[0], x.shape[1], T_x))
    dWax, dWaa, dba = np.zeros_like(p["Wax"]), np.zeros_like(p["Waa"]), np.zeros_like(p["ba"])
    carried = np.zeros(da.shape[:2])
    for t in range(T_x - 1, -1, -1):
        a_t, a_before, x_t, _ = steps[t]
        dz = (da[:, :, t] + carried) * (1 - a_t**2)
        dx[:, :, t] = p["Wax"].T @ dz
        dWax += dz @ x_t.T
        dWaa += dz @ a_before.T
        dba += dz.sum(axis=1, keepdims=True)
        carried = p["Waa"].T @ dz
    return {"dx": dx, "da0": carried, "dWax": dWax, "dWaa": dWaa, "dba": dba}


# --- lstm_cell_backward -----------------------------------------------------------------------------------------


@variant("lstm_cell_backward")
def cell_backward_with_stacked_gates(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = cache
    n_a = a_next.shape[0]
    tc = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tc * tc)
    # the gradients before the activations, in the order f, i, c, o, stacked like the weights
    dgates = np.vstack([dc * c_prev * ft * (1 - ft), dc * cct * it * (1 - it), dc * it * (1 - cct * cct),
                        da_next * tc * ot * (1 - ot)])
    W = np.vstack([p["W" + g] for g in GATES])
    dstacked = W.T @ dgates
    dW = np.split(dgates @ np.vstack([a_prev, xt]).T, 4)
    db = np.split(dgates.sum(axis=1, keepdims=True), 4)
    gradients = {"dxt": dstacked[n_a:], "da_prev": dstacked[:n_a], "dc_prev": dc * ft}
    for k, g in enumerate(GATES):
        gradients["dW" + g], gradients["db" + g] = dW[k], db[k]
    return gradients


@variant("lstm_cell_backward")
def cell_backward_gate_by_gate(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = cache
    n_a = a_next.shape[0]
    through_state = da_next * ot / np.cosh(c_next) ** 2  # d tanh(c)/dc = 1 / cosh(c) ** 2
    dc = dc_next + through_state
    pre = {"f": dc * c_prev * ft * (1 - ft), "i": dc * cct * it * (1 - it), "c": dc * it * (1 - cct**2),
           "o": da_next * np.tanh(c_next) * ot * (1 - ot)}
    gradients = {"dxt": 0, "da_prev": 0}
    for g, d in pre.items():
        gradients["dxt"] = gradients["dxt"] + p["W" + g][:, n_a:].T @ d
        gradients["da_prev"] = gradients["da_prev"] + p["W" + g][:, :n_a].T @ d
        gradients["dW" + g] = np.hstack([d @ a_prev.T, d @ xt.T])
        gradients["db" + g] = np.sum(d, axis=1, keepdims=True)
    gradients["dc_prev"] = dc * ft
    return gradients


# --- lstm_backward ----------------------------------------------------------------------------------------------


@variant("lstm_backward")
def lstm_through_time_collecting_steps(da, caches):
    steps, x = caches
    n_a, m, T_x = da.shape
    da_t, dc_t = np.zeros((n_a, m)), np.zeros((n_a, m))
    per_step = [None] * T_x
    for t in reversed(range(T_x)):
        per_step[t] = lstm_cell_backward(da[:, :, t] + da_t, dc_t, steps[t])
        da_t, dc_t = per_step[t]["da_prev"], per_step[t]["dc_prev"]
    gradients = {"dx": np.stack([g["dxt"] for g in per_step], axis=2), "da0": da_t}
    for key in ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"):
        gradients[key] = np.sum([g[key] for g in per_step], axis=0)
    return gradients


@variant("lstm_backward")
def lstm_through_time_with_zeros_like(da, caches):
    steps, x = caches
    parameters = steps[0][9]
    gradients = {"dx": np.zeros(x.shape[:2] + da.shape[2:]), "da0": None}
    for g in "fico":
        gradients["dW" + g] = np.zeros_like(parameters["W" + g])
        gradients["db" + g] = np.zeros_like(parameters["b" + g])
    da_prev = dc_prev = np.zeros_like(da[:, :, 0])
    for t in range(da.shape[2] - 1, -1, -1):
        step = lstm_cell_backward(da_prev + da[:, :, t], dc_prev, steps[t])
        gradients["dx"][:, :, t] = step["dxt"]
        for key in gradients:
            if key not in ("dx", "da0"):
                gradients[key] += step[key]
        da_prev, dc_prev = step["da_prev"], step["dc_prev"]
    gradients["da0"] = da_prev
    return gradients
