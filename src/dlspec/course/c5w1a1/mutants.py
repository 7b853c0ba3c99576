"""Known mistakes in C5W1A1, each with the hint a learner who made it should read.

Where a mistake amounts to the right computation on other inputs (a gate that never closes, a state that is
never carried over), it is written that way, with the reference; where it changes a formula, the formula is
spelt out.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.activations import sigmoid
from dlspec.nn.rnn import (
    lstm_backward,
    lstm_cell_backward,
    lstm_cell_forward,
    lstm_forward,
    rnn_backward,
    rnn_cell_backward,
    rnn_cell_forward,
    rnn_forward,
)
from dlspec.nn.softmax import softmax

SUM_UPSTREAM = ("a<t> feeds two things, the prediction at step t and the next step, so its gradient is the sum of "
                "both: pass da[:, :, t] + da_prevt to the cell's backward pass.")
ACCUMULATE = ("The same weights act at every step, so their gradient is the sum over the steps: add each step's "
              "dWax, dWaa, dba to the totals (+=) instead of replacing them.")
BACKWARDS_IN_TIME = ("Backpropagation through time starts at the last step, where the gradient of the later steps "
                     "is known (zero): loop over reversed(range(T_x)).")
DA0 = "da0 is the gradient that leaves the first step: after the loop, set it to the last da_prev you computed."


# --- rnn_cell_forward -------------------------------------------------------------------------------------------


@mutant("rnn_cell_forward", "The hidden state goes through tanh, not the sigmoid: a_next lies between -1 and 1.")
def cell_state_with_sigmoid(xt, a_prev, parameters):
    p = parameters
    a_next = sigmoid(p["Waa"] @ a_prev + p["Wax"] @ xt + p["ba"])
    return a_next, softmax(p["Wya"] @ a_next + p["by"]), (a_next, a_prev, xt, parameters)


@mutant("rnn_cell_forward", "The bias ba is missing inside the tanh: a_next = tanh(Waa a_prev + Wax xt + ba).")
def cell_state_without_bias(xt, a_prev, parameters):
    a_next, yt_pred, _ = rnn_cell_forward(xt, a_prev, {**parameters, "ba": np.zeros_like(parameters["ba"])})
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@mutant("rnn_cell_forward", "The prediction reads the new state: yt_pred = softmax(Wya a_next + by), not a_prev.")
def prediction_from_previous_state(xt, a_prev, parameters):
    a_next, _, cache = rnn_cell_forward(xt, a_prev, parameters)
    return a_next, softmax(parameters["Wya"] @ a_prev + parameters["by"]), cache


@mutant("rnn_cell_forward", "yt_pred is a probability for each class: pass Wya a_next + by through softmax.")
def prediction_without_softmax(xt, a_prev, parameters):
    a_next, _, cache = rnn_cell_forward(xt, a_prev, parameters)
    return a_next, parameters["Wya"] @ a_next + parameters["by"], cache


@mutant(
    "rnn_cell_forward",
    "The softmax runs down each column (axis 0, over the classes of one example), so every column sums to 1; "
    "over axis 1 it mixes the examples.",
)
def softmax_over_examples(xt, a_prev, parameters):
    a_next, _, cache = rnn_cell_forward(xt, a_prev, parameters)
    z = parameters["Wya"] @ a_next + parameters["by"]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return a_next, e / e.sum(axis=1, keepdims=True), cache


@mutant("rnn_cell_forward", "The cache keeps the original's order, (a_next, a_prev, xt, parameters).")
def cell_cache_reordered(xt, a_prev, parameters):
    a_next, yt_pred, _ = rnn_cell_forward(xt, a_prev, parameters)
    return a_next, yt_pred, (a_prev, a_next, xt, parameters)


# --- rnn_forward ------------------------------------------------------------------------------------------------


def _rnn_steps(x, starts, parameters):
    """rnn_forward's outputs when step t starts from ``starts(t, previous state)``."""
    a, y_pred, caches = [], [], []
    a_next = None
    for t in range(x.shape[2]):
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], starts(t, a_next), parameters)
        a.append(a_next)
        y_pred.append(yt)
        caches.append(cache)
    return np.stack(a, axis=2), np.stack(y_pred, axis=2), (caches, x)


@mutant("rnn_forward", "Each step starts from the state the step before returned: feed a_next back in, not a0.")
def state_not_carried(x, a0, parameters):
    return _rnn_steps(x, lambda t, a_next: a0, parameters)


@mutant("rnn_forward", "The first step starts from the a0 you are given, not from zeros.")
def state_starts_at_zero(x, a0, parameters):
    return rnn_forward(x, np.zeros_like(a0), parameters)


@mutant("rnn_forward", "a[:, :, t] holds the state step t computed (a_next), not the one it started from.")
def stores_the_previous_state(x, a0, parameters):
    a, y_pred, caches = rnn_forward(x, a0, parameters)
    return np.concatenate([a0[:, :, None], a[:, :, :-1]], axis=2), y_pred, caches


@mutant("rnn_forward", "Return caches as the pair (list of the steps' caches, x): rnn_backward unpacks both.")
def caches_without_x(x, a0, parameters):
    a, y_pred, (caches, _) = rnn_forward(x, a0, parameters)
    return a, y_pred, caches


@mutant("rnn_forward", "Append every step's cache inside the loop: the list needs one cache per time step.")
def only_the_last_cache(x, a0, parameters):
    a, y_pred, (caches, _) = rnn_forward(x, a0, parameters)
    return a, y_pred, (caches[-1:], x)


@mutant("rnn_forward", "Step t reads its own input, x[:, :, t].")
def same_input_every_step(x, a0, parameters):
    first = np.repeat(x[:, :, :1], x.shape[2], axis=2)
    a, y_pred, (caches, _) = rnn_forward(first, a0, parameters)
    return a, y_pred, (caches, x)


@mutant("rnn_forward", "Loop over all T_x steps, range(T_x): the last step is left out.")
def last_step_left_out(x, a0, parameters):
    a, y_pred, (caches, _) = rnn_forward(x[:, :, :-1], a0, parameters)
    pad = [(0, 0), (0, 0), (0, 1)]
    return np.pad(a, pad), np.pad(y_pred, pad), (caches, x)


# --- lstm_cell_forward ------------------------------------------------------------------------------------------


def _lstm_cell(xt, a_prev, c_prev, parameters, *, forget=sigmoid, candidate=np.tanh, update=True, keep=True,
               squash=np.tanh, x_first=False):
    """lstm_cell_forward with one piece swapped: the forget gate's or the candidate's activation, the update gate
    or the forget term left out of c_next, the squashing of c_next in a_next, or [xt; a_prev] for [a_prev; xt]."""
    p = parameters
    concat = np.concatenate((xt, a_prev) if x_first else (a_prev, xt), axis=0)
    ft = forget(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = candidate(p["Wc"] @ concat + p["bc"])
    c_next = (ft * c_prev if keep else 0) + (it * cct if update else cct)
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = ot * squash(c_next)
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


@mutant("lstm_cell_forward", "Every gate is a sigmoid, a value between 0 and 1; the forget gate too, not tanh.")
def forget_gate_with_tanh(xt, a_prev, c_prev, parameters):
    return _lstm_cell(xt, a_prev, c_prev, parameters, forget=np.tanh)


@mutant("lstm_cell_forward", "The candidate memory cct uses tanh (values from -1 to 1), not the sigmoid.")
def candidate_with_sigmoid(xt, a_prev, c_prev, parameters):
    return _lstm_cell(xt, a_prev, c_prev, parameters, candidate=sigmoid)


@mutant("lstm_cell_forward", "c_next keeps part of the old memory: c_next = ft * c_prev + it * cct.")
def memory_without_forget_term(xt, a_prev, c_prev, parameters):
    return _lstm_cell(xt, a_prev, c_prev, parameters, keep=False)


@mutant("lstm_cell_forward", "The update gate scales the candidate: c_next = ft * c_prev + it * cct.")
def memory_without_update_gate(xt, a_prev, c_prev, parameters):
    return _lstm_cell(xt, a_prev, c_prev, parameters, update=False)


@mutant("lstm_cell_forward", "The output gate multiplies tanh(c_next), not c_next itself: a_next = ot * tanh(c_next).")
def output_gate_on_raw_memory(xt, a_prev, c_prev, parameters):
    return _lstm_cell(xt, a_prev, c_prev, parameters, squash=lambda c: c)


@mutant("lstm_cell_forward", "Stack the hidden state first: concat = [a_prev; xt], as the weights' columns expect.")
def input_stacked_first(xt, a_prev, c_prev, parameters):
    return _lstm_cell(xt, a_prev, c_prev, parameters, x_first=True)


@mutant("lstm_cell_forward", "The prediction reads the hidden state: yt_pred = softmax(Wy a_next + by), not c_next.")
def prediction_from_memory(xt, a_prev, c_prev, parameters):
    a_next, c_next, _, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    return a_next, c_next, softmax(parameters["Wy"] @ c_next + parameters["by"]), cache


@mutant("lstm_cell_forward", "The cache keeps the original's order: (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, "
        "xt, parameters).")
def gates_cached_out_of_order(xt, a_prev, c_prev, parameters):
    a_next, c_next, yt_pred, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, it, ft, cct, ot, xt, parameters)


@mutant("lstm_cell_forward", "c_next = ft * c_prev + it * cct: the forget gate scales the old memory and the update "
        "gate the candidate, not the other way round.")  # fmt: skip
def gates_exchanged_in_memory(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.concatenate((a_prev, xt), axis=0)
    ft, it = sigmoid(p["Wf"] @ concat + p["bf"]), sigmoid(p["Wi"] @ concat + p["bi"])
    cct, ot = np.tanh(p["Wc"] @ concat + p["bc"]), sigmoid(p["Wo"] @ concat + p["bo"])
    c_next = it * c_prev + ft * cct
    a_next = ot * np.tanh(c_next)
    return a_next, c_next, softmax(p["Wy"] @ a_next + p["by"]), (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt,
                                                                  parameters)  # fmt: skip


@mutant("lstm_cell_forward", "Each gate has its own weights: the output gate is sigmoid(Wo concat + bo).")
def output_gate_with_forget_weights(xt, a_prev, c_prev, parameters):
    a_next, c_next, yt_pred, cache = lstm_cell_forward(xt, a_prev, c_prev, {**parameters, "Wo": parameters["Wf"]})
    return a_next, c_next, yt_pred, (*cache[:-1], parameters)


# --- lstm_forward -----------------------------------------------------------------------------------------------


def _lstm_steps(x, a0, parameters, *, carry_a=True, carry_c=True, c0=None):
    """lstm_forward's outputs when the state or the memory is not handed from step to step, or the memory starts
    at ``c0``."""
    n_a, m = a0.shape
    a_next, c_next = a0, np.zeros((n_a, m)) if c0 is None else c0
    a, y, c, caches = [], [], [], []
    for t in range(x.shape[2]):
        a_in = a_next if carry_a else a0
        c_in = c_next if carry_c or t == 0 else np.zeros((n_a, m))
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_in, c_in, parameters)
        a.append(a_next)
        c.append(c_next)
        y.append(yt)
        caches.append(cache)
    return np.stack(a, axis=2), np.stack(y, axis=2), np.stack(c, axis=2), (caches, x)


@mutant("lstm_forward", "Hand the memory on: each step starts from the c_next the step before returned.")
def memory_not_carried(x, a0, parameters):
    return _lstm_steps(x, a0, parameters, carry_c=False)


@mutant("lstm_forward", "Hand the hidden state on: each step starts from the a_next the step before returned, not a0.")
def lstm_state_not_carried(x, a0, parameters):
    return _lstm_steps(x, a0, parameters, carry_a=False)


@mutant("lstm_forward", "The memory starts empty, c = zeros of shape (n_a, m); only the hidden state starts at a0.")
def memory_starts_at_a0(x, a0, parameters):
    return _lstm_steps(x, a0, parameters, c0=a0)


@mutant("lstm_forward", "c[:, :, t] holds the memory c_next; a[:, :, t] holds the hidden state a_next.")
def memory_records_the_state(x, a0, parameters):
    a, y, c, caches = lstm_forward(x, a0, parameters)
    return a, y, a.copy(), caches


@mutant("lstm_forward", "Return a, y, c, caches in this order (the original's): the predictions come second.")
def returns_memory_before_predictions(x, a0, parameters):
    a, y, c, caches = lstm_forward(x, a0, parameters)
    return a, c, y, caches


@mutant("lstm_forward", "Return caches as the pair (list of the steps' caches, x): lstm_backward unpacks both.")
def lstm_caches_without_x(x, a0, parameters):
    a, y, c, (caches, _) = lstm_forward(x, a0, parameters)
    return a, y, c, caches


@mutant("lstm_forward", "lstm_cell_forward returns a_next, c_next, yt_pred, cache, in that order: unpack them so.")
def cell_outputs_unpacked_in_wrong_order(x, a0, parameters):
    n_a, m = a0.shape
    a_next, c_next = a0, np.zeros((n_a, m))
    a, y, c, caches = [], [], [], []
    for t in range(x.shape[2]):
        c_next, a_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a.append(a_next)
        c.append(c_next)
        y.append(yt)
        caches.append(cache)
    return np.stack(a, axis=2), np.stack(y, axis=2), np.stack(c, axis=2), (caches, x)


# --- rnn_cell_backward ------------------------------------------------------------------------------------------


def _rnn_cell_gradients(dz, cache):
    """rnn_cell_backward's gradients from the gradient dz before the tanh."""
    (a_next, a_prev, xt, parameters) = cache
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T, "dba": dz.sum(axis=1, keepdims=True)}


@mutant("rnn_cell_backward", "Chain rule: the gradient before the tanh is da_next * (1 - a_next ** 2); da_next is "
        "missing.")
def tanh_gradient_without_upstream(da_next, cache):
    return _rnn_cell_gradients(1 - cache[0] ** 2, cache)


@mutant(
    "rnn_cell_backward",
    "a_next already is tanh(z), so tanh'(z) = 1 - a_next ** 2; taking tanh of a_next again computes another "
    "number.",
)
def tanh_of_the_state_again(da_next, cache):
    return _rnn_cell_gradients(da_next * (1 - np.tanh(cache[0]) ** 2), cache)


@mutant("rnn_cell_backward", "tanh'(z) = 1 - tanh(z) ** 2: square a_next.")
def tanh_derivative_not_squared(da_next, cache):
    return _rnn_cell_gradients(da_next * (1 - cache[0]), cache)


@mutant("rnn_cell_backward", "Going backwards through Waa a_prev multiplies by the transpose: da_prev = Waa.T @ dz.")
def previous_state_without_transpose(da_next, cache):
    gradients = rnn_cell_backward(da_next, cache)
    dz = da_next * (1 - cache[0] ** 2)
    return {**gradients, "da_prev": cache[3]["Waa"] @ dz}


@mutant("rnn_cell_backward", "dba sums dz over the examples (axis 1) and keeps its column shape (n_a, 1): "
        "keepdims=True.")
def bias_gradient_flattened(da_next, cache):
    gradients = rnn_cell_backward(da_next, cache)
    return {**gradients, "dba": gradients["dba"].ravel()}


@mutant("rnn_cell_backward", "The keys are the original's: dxt, da_prev, dWax, dWaa, dba (dxt, not dx).")
def input_gradient_named_dx(da_next, cache):
    gradients = rnn_cell_backward(da_next, cache)
    return {"dx": gradients.pop("dxt"), **gradients}


@mutant("rnn_cell_backward", "a_next = tanh(...), whose slope is 1 - a_next ** 2; a_next * (1 - a_next) is the "
        "sigmoid's.")  # fmt: skip
def sigmoid_slope(da_next, cache):
    return _rnn_cell_gradients(da_next * cache[0] * (1 - cache[0]), cache)


@mutant("rnn_cell_backward", "Go back through the tanh first: dz = da_next * (1 - a_next ** 2), then the products.")
def tanh_slope_left_out(da_next, cache):
    return _rnn_cell_gradients(da_next, cache)


@mutant("rnn_cell_backward", "dba sums dz over the examples, axis=1, keeping one entry per hidden unit: (n_a, 1).")
def bias_gradient_over_units(da_next, cache):
    return {**rnn_cell_backward(da_next, cache), "dba": np.sum(da_next * (1 - cache[0] ** 2), axis=0, keepdims=True)}


# --- rnn_backward and lstm_backward -----------------------------------------------------------------------------


def _through_time(da, caches, *, sum_upstream=True, accumulate=True, backwards=True, double_last=False,
                  carry_memory=True, upstream_to_memory=False):
    """rnn_backward or lstm_backward (which one, the caches tell) with one of the loop's usual slips."""
    (steps, x) = caches
    n_a, m, T_x = da.shape
    lstm = len(steps[0]) == 10
    da_prevt = da[:, :, -1].copy() if double_last else np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    dx, totals = np.zeros((x.shape[0], m, T_x)), {}
    for t in reversed(range(T_x)) if backwards else range(T_x):
        da_next = da[:, :, t] + da_prevt if sum_upstream else da[:, :, t]
        if not lstm:
            g = rnn_cell_backward(da_next, steps[t])
        elif upstream_to_memory:
            g = lstm_cell_backward(da_prevt, dc_prevt + da[:, :, t], steps[t])
        else:
            g = lstm_cell_backward(da_next, dc_prevt, steps[t])
        da_prevt = g["da_prev"]
        if carry_memory and lstm:
            dc_prevt = g["dc_prev"]
        dx[:, :, t] = g["dxt"]
        for key, value in g.items():
            if key not in ("dxt", "da_prev", "dc_prev"):
                totals[key] = totals.get(key, 0) + value if accumulate else value
    return {"dx": dx, "da0": da_prevt, **totals}


@mutant("rnn_backward", SUM_UPSTREAM)
def upstream_not_summed(da, caches):
    return _through_time(da, caches, sum_upstream=False)


@mutant("rnn_backward", ACCUMULATE)
def weights_not_accumulated(da, caches):
    return _through_time(da, caches, accumulate=False)


@mutant("rnn_backward", BACKWARDS_IN_TIME)
def forward_in_time(da, caches):
    return _through_time(da, caches, backwards=False)


@mutant("rnn_backward", DA0)
def first_state_gradient_left_at_zero(da, caches):
    return {**rnn_backward(da, caches), "da0": np.zeros(da.shape[:2])}


@mutant("rnn_backward", "da_prevt starts at zero: no gradient comes back from beyond the last step, and da[:, :, -1] "
        "is added once, in the loop.")
def last_step_counted_twice(da, caches):
    return _through_time(da, caches, double_last=True)


@mutant("rnn_backward", "Carry back only da_prev, the gradient that went through the cell; da[:, :, t] joins it "
        "at the next step down, not twice.")  # fmt: skip
def upstream_carried_too(da, caches):
    (steps, x) = caches
    n_a, m, T_x = da.shape
    dx, totals, da_prevt = np.zeros((x.shape[0], m, T_x)), {}, np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[:, :, t] + da_prevt, steps[t])
        da_prevt = g["da_prev"] + da[:, :, t]
        dx[:, :, t] = g["dxt"]
        for key in ("dWax", "dWaa", "dba"):
            totals[key] = totals.get(key, 0) + g[key]
    return {"dx": dx, "da0": da_prevt, **totals}


# --- lstm_cell_backward -----------------------------------------------------------------------------------------


def _lstm_cell_gradients(da_next, dc_next, cache, *, d_tanh_c=None, d_cct=None, fold=True, gate_slopes=True,
                         swap=False):
    """lstm_cell_backward with one piece swapped: the slope of tanh at c_next or at the candidate, dc_prev without
    the path through a_next (``fold``), the gates' sigmoid slopes, or c_prev and cct exchanged (``swap``)."""
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]
    tanh_c = np.tanh(c_next)
    d_tanh_c = 1 - tanh_c**2 if d_tanh_c is None else d_tanh_c
    dc = dc_next + da_next * ot * d_tanh_c
    slope = (lambda g: g * (1 - g)) if gate_slopes else (lambda g: 1)
    dot = da_next * tanh_c * slope(ot)
    dcct = dc * it * (1 - cct**2 if d_cct is None else d_cct)
    dit = dc * (c_prev if swap else cct) * slope(it)
    dft = dc * (cct if swap else c_prev) * slope(ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    gates = {"f": dft, "i": dit, "c": dcct, "o": dot}
    dconcat = sum(parameters["W" + g].T @ d for g, d in gates.items())
    gradients = {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": (dc if fold else dc_next) * ft}
    for g, d in gates.items():
        gradients["dW" + g] = d @ concat.T
        gradients["db" + g] = d.sum(axis=1, keepdims=True)
    return gradients


@mutant("lstm_cell_backward", "a_next = ot * tanh(c_next), so dot = da_next * tanh(c_next) * ot * (1 - ot): "
        "tanh(c_next), not c_next.")
def output_gate_gradient_on_raw_memory(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    gradients = lstm_cell_backward(da_next, dc_next, cache)
    dot = da_next * c_next * ot * (1 - ot)
    concat = np.concatenate((a_prev, xt), axis=0)
    return {**gradients, "dWo": dot @ concat.T, "dbo": dot.sum(axis=1, keepdims=True)}


@mutant("lstm_cell_backward", "The slope of tanh at c_next is 1 - tanh(c_next) ** 2: square the tanh.")
def memory_tanh_slope_not_squared(da_next, dc_next, cache):
    return _lstm_cell_gradients(da_next, dc_next, cache, d_tanh_c=1 - np.tanh(cache[1]))


@mutant("lstm_cell_backward", "cct already is tanh(...): its slope is 1 - cct ** 2, without another tanh.")
def candidate_slope_tanh_again(da_next, dc_next, cache):
    return _lstm_cell_gradients(da_next, dc_next, cache, d_cct=1 - np.tanh(cache[6]) ** 2)


@mutant("lstm_cell_backward", "dc_prev = (dc_next + da_next * ot * (1 - tanh(c_next) ** 2)) * ft: the old memory "
        "also reached the cost through a_next.")
def memory_gradient_without_state_path(da_next, dc_next, cache):
    return _lstm_cell_gradients(da_next, dc_next, cache, fold=False)


@mutant("lstm_cell_backward", "Each gate went through a sigmoid: multiply by its slope, g * (1 - g), as in dft = dc * "
        "c_prev * ft * (1 - ft).")
def gates_without_sigmoid_slope(da_next, dc_next, cache):
    return _lstm_cell_gradients(da_next, dc_next, cache, gate_slopes=False)


@mutant("lstm_cell_backward", "c_next = ft * c_prev + it * cct: the forget gate's gradient carries c_prev, the update "
        "gate's carries cct.")
def update_and_forget_exchanged(da_next, dc_next, cache):
    return _lstm_cell_gradients(da_next, dc_next, cache, swap=True)


@mutant("lstm_cell_backward", "The bias gradients sum over the examples (axis 1) and keep the shape (n_a, 1): "
        "keepdims=True.")
def lstm_bias_gradients_flattened(da_next, dc_next, cache):
    gradients = lstm_cell_backward(da_next, dc_next, cache)
    return {k: v.ravel() if k.startswith("db") else v for k, v in gradients.items()}


def _lstm_cell_spelt_out(da_next, dc_next, cache, *, with_dc_next=True, raw_memory=False, gated=True,
                        exchanged=False, x_first=False):
    """lstm_cell_backward written out as learners write it, with one of its slips: dc_next left out of dc, c_next
    for tanh(c_next) in dot, dc_prev not times ft, cct's and it's places exchanged, or dxt read from the top rows."""
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    tanh_c = np.tanh(c_next)
    dc = (dc_next if with_dc_next else 0) + da_next * ot * (1 - tanh_c**2)
    dot = da_next * (c_next if raw_memory else tanh_c) * ot * (1 - ot)
    if exchanged:
        dcct, dit = dc * cct * (1 - cct**2), dc * it * it * (1 - it)
    else:
        dcct, dit = dc * it * (1 - cct**2), dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    gates = {"f": dft, "i": dit, "c": dcct, "o": dot}
    dconcat = sum(parameters["W" + g].T @ d for g, d in gates.items())
    split = xt.shape[0] if x_first else a_next.shape[0]
    top, bottom = dconcat[:split], dconcat[split:]
    gradients = {"dxt": top if x_first else bottom, "da_prev": bottom if x_first else top,
                 "dc_prev": dc * ft if gated else dc}  # fmt: skip
    for g, d in gates.items():
        gradients["dW" + g] = d @ concat.T
        gradients["db" + g] = d.sum(axis=1, keepdims=True)
    return gradients


@mutant("lstm_cell_backward", "dc adds both ways the memory reached the cost: dc_next from the later steps, and "
        "da_next * ot * (1 - tanh(c_next) ** 2) through a_next.")  # fmt: skip
def memory_gradient_from_later_steps_left_out(da_next, dc_next, cache):
    return _lstm_cell_spelt_out(da_next, dc_next, cache, with_dc_next=False)


@mutant("lstm_cell_backward", "a_next = ot * tanh(c_next), so dot = da_next * tanh(c_next) * ot * (1 - ot): "
        "tanh(c_next), not c_next.")  # fmt: skip
def output_gate_slope_on_raw_memory(da_next, dc_next, cache):
    return _lstm_cell_spelt_out(da_next, dc_next, cache, raw_memory=True)


@mutant("lstm_cell_backward", "The old memory reaches c_next through the forget gate: dc_prev = dc * ft.")
def memory_gradient_not_gated(da_next, dc_next, cache):
    return _lstm_cell_spelt_out(da_next, dc_next, cache, gated=False)


@mutant("lstm_cell_backward", "c_next = ft * c_prev + it * cct: dcct = dc * it * (1 - cct ** 2) and dit = dc * cct * "
        "it * (1 - it); it and cct have exchanged places.")  # fmt: skip
def update_and_candidate_exchanged(da_next, dc_next, cache):
    return _lstm_cell_spelt_out(da_next, dc_next, cache, exchanged=True)


@mutant("lstm_cell_backward", "concat = [a_prev; xt] stacks the hidden state first: da_prev is dconcat[:n_a] and dxt "
        "dconcat[n_a:].")  # fmt: skip
def input_gradient_from_the_top_rows(da_next, dc_next, cache):
    return _lstm_cell_spelt_out(da_next, dc_next, cache, x_first=True)


# --- lstm_backward ----------------------------------------------------------------------------------------------


@mutant("lstm_backward", "Carry the memory's gradient back too: pass each step's dc_prev to the step before as its "
        "dc_next.")
def memory_gradient_not_carried(da, caches):
    return _through_time(da, caches, carry_memory=False)


@mutant("lstm_backward", SUM_UPSTREAM)
def lstm_upstream_not_summed(da, caches):
    return _through_time(da, caches, sum_upstream=False)


@mutant("lstm_backward", ACCUMULATE.replace("dWax, dWaa, dba", "dW and db"))
def lstm_weights_not_accumulated(da, caches):
    return _through_time(da, caches, accumulate=False)


@mutant("lstm_backward", BACKWARDS_IN_TIME)
def lstm_forward_in_time(da, caches):
    return _through_time(da, caches, backwards=False)


@mutant("lstm_backward", DA0)
def lstm_first_state_gradient_left_at_zero(da, caches):
    return {**lstm_backward(da, caches), "da0": np.zeros(da.shape[:2])}


@mutant("lstm_backward", "The upstream gradient da[:, :, t] belongs to the hidden state a<t>, so it joins da_prevt; "
        "the memory's gradient comes only from the step after.")
def upstream_added_to_memory(da, caches):
    return _through_time(da, caches, upstream_to_memory=True)


@mutant("lstm_backward", DA0 + " da[:, :, 0] is only what the first prediction sent back.")
def lstm_da0_from_upstream(da, caches):
    return {**lstm_backward(da, caches), "da0": da[:, :, 0]}
