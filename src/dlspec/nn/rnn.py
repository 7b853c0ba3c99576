"""Recurrent networks step by step: the basic RNN and the LSTM, forward and backward (Course 5 week 1).

The course's layout throughout: a batch of sequences is ``(n_x, m, T_x)``, features first, examples second, time
last, so ``x[:, :, t]`` is the batch at step ``t``, one example per column as in the dense code of Course 1.
Hidden states are ``(n_a, m)`` per step and ``(n_a, m, T_x)`` for a whole sequence.

Parameters are the original's dicts:

* basic RNN: ``Wax (n_a, n_x)``, ``Waa (n_a, n_a)``, ``ba (n_a, 1)``, and the output layer ``Wya (n_y, n_a)``,
  ``by (n_y, 1)``;
* LSTM: one matrix per gate, ``Wf``, ``Wi``, ``Wc``, ``Wo`` of shape ``(n_a, n_a + n_x)``, acting on the stacked
  ``[a_prev; xt]`` (hidden state rows first), with biases ``bf``, ``bi``, ``bc``, ``bo`` of shape ``(n_a, 1)``;
  the output layer is ``Wy (n_y, n_a)``, ``by (n_y, 1)``.

Forward functions return the step's (or sequence's) states, the softmax predictions and a cache; the sequence
caches are ``(list of the steps' caches, x)``. Backward functions take the gradient of the cost with respect to
the hidden states (the output layer's own backward pass is the caller's) and return a dict of gradients under the
original's keys: ``dxt``, ``da_prev``, ``dWax``... for one step, ``dx``, ``da0``, ``dWax``... for a sequence.
``rnn_backward`` and ``lstm_backward`` take the number of steps from ``da``, as the original did.

These are the answer key of C5W1A1, pasted verbatim into the learner's notebook, so they use only ``np``,
``softmax``, ``sigmoid`` and each other. They loop over time (a recurrence has to) but never over examples. The
fast layers beside them, ``rnn_layers.RNN`` and ``rnn_layers.LSTM``, stack the four gates' weights into one
``(4 n_a, n_a + n_x)`` matrix and make one product per step, as PyTorch does (PyTorch's order is i, f, g, o; the
tests map one layout onto the other).

``tests/nn/test_rnn.py`` proves them against finite differences and against PyTorch's ``nn.RNN`` and ``nn.LSTM``.
"""

from __future__ import annotations

import numpy as np

from dlspec.nn.activations import sigmoid
from dlspec.nn.softmax import softmax


def rnn_cell_forward(xt, a_prev, parameters):
    """One time step of a basic RNN: the new hidden state and the prediction made from it.

    Arguments:
    xt -- the input at step t, numpy array of shape (n_x, m)
    a_prev -- the hidden state at step t - 1, numpy array of shape (n_a, m)
    parameters -- dict with Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1), Wya (n_y, n_a), by (n_y, 1)

    Returns:
    a_next -- the hidden state at step t, tanh(Waa a_prev + Wax xt + ba), shape (n_a, m)
    yt_pred -- the prediction at step t, softmax(Wya a_next + by), shape (n_y, m)
    cache -- the tuple (a_next, a_prev, xt, parameters), kept for rnn_cell_backward
    """
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    Wya = parameters["Wya"]
    ba = parameters["ba"]
    by = parameters["by"]

    a_next = np.tanh(Waa @ a_prev + Wax @ xt + ba)
    yt_pred = softmax(Wya @ a_next + by)

    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache


def rnn_forward(x, a0, parameters):
    """A basic RNN over a whole sequence: the same cell at every step, each step starting from the last one's state.

    Arguments:
    x -- the inputs, numpy array of shape (n_x, m, T_x)
    a0 -- the initial hidden state, numpy array of shape (n_a, m)
    parameters -- dict with Wax, Waa, ba, Wya, by (see rnn_cell_forward)

    Returns:
    a -- the hidden state at every step, shape (n_a, m, T_x)
    y_pred -- the prediction at every step, shape (n_y, m, T_x)
    caches -- the tuple (list of the T_x steps' caches, x), kept for rnn_backward
    """
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape

    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))

    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)

    caches = (caches, x)
    return a, y_pred, caches


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One time step of an LSTM: three gates decide what the memory forgets, what it takes in and what it shows.

    Arguments:
    xt -- the input at step t, numpy array of shape (n_x, m)
    a_prev -- the hidden state at step t - 1, numpy array of shape (n_a, m)
    c_prev -- the memory (cell state) at step t - 1, numpy array of shape (n_a, m)
    parameters -- dict with Wf, Wi, Wc, Wo (n_a, n_a + n_x), bf, bi, bc, bo (n_a, 1), Wy (n_y, n_a), by (n_y, 1)

    Returns:
    a_next -- the hidden state at step t, shape (n_a, m)
    c_next -- the memory at step t, shape (n_a, m)
    yt_pred -- the prediction at step t, softmax(Wy a_next + by), shape (n_y, m)
    cache -- the tuple (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters), kept for
             lstm_cell_backward: ft, it and ot are the forget, update and output gates, cct the candidate memory
    """
    Wf = parameters["Wf"]
    bf = parameters["bf"]
    Wi = parameters["Wi"]
    bi = parameters["bi"]
    Wc = parameters["Wc"]
    bc = parameters["bc"]
    Wo = parameters["Wo"]
    bo = parameters["bo"]
    Wy = parameters["Wy"]
    by = parameters["by"]

    concat = np.concatenate((a_prev, xt), axis=0)

    ft = sigmoid(Wf @ concat + bf)
    it = sigmoid(Wi @ concat + bi)
    cct = np.tanh(Wc @ concat + bc)
    c_next = ft * c_prev + it * cct
    ot = sigmoid(Wo @ concat + bo)
    a_next = ot * np.tanh(c_next)

    yt_pred = softmax(Wy @ a_next + by)

    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


def lstm_forward(x, a0, parameters):
    """An LSTM over a whole sequence; the memory starts at zero.

    Arguments:
    x -- the inputs, numpy array of shape (n_x, m, T_x)
    a0 -- the initial hidden state, numpy array of shape (n_a, m)
    parameters -- dict with Wf, Wi, Wc, Wo, bf, bi, bc, bo, Wy, by (see lstm_cell_forward)

    Returns:
    a -- the hidden state at every step, shape (n_a, m, T_x)
    y -- the prediction at every step, shape (n_y, m, T_x)
    c -- the memory at every step, shape (n_a, m, T_x)
    caches -- the tuple (list of the T_x steps' caches, x), kept for lstm_backward
    """
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape

    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))

    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t] = a_next
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)

    caches = (caches, x)
    return a, y, c, caches


def rnn_cell_backward(da_next, cache):
    """Backward pass of one basic RNN step, from the gradient of its new hidden state.

    Arguments:
    da_next -- gradient of the cost with respect to a_next, shape (n_a, m)
    cache -- the tuple (a_next, a_prev, xt, parameters) from rnn_cell_forward

    Returns:
    gradients -- dict with dxt (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1)
    """
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]

    # a_next is already tanh(z), so the derivative of tanh at z is 1 - a_next ** 2
    dz = da_next * (1 - a_next**2)

    dxt = Wax.T @ dz
    dWax = dz @ xt.T
    da_prev = Waa.T @ dz
    dWaa = dz @ a_prev.T
    dba = np.sum(dz, axis=1, keepdims=True)

    gradients = {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients


def rnn_backward(da, caches):
    """Backpropagation through time for a basic RNN.

    Arguments:
    da -- gradient of the cost with respect to every hidden state, as reached from the outputs, shape (n_a, m, T_x)
    caches -- the tuple (list of the steps' caches, x) from rnn_forward

    Returns:
    gradients -- dict with dx (n_x, m, T_x), da0 (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1)
    """
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape

    dx = np.zeros((n_x, m, T_x))
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))

    for t in reversed(range(T_x)):
        # a<t> feeds both the output at step t and the step after it: its gradient is the sum of the two
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        da_prevt = gradients["da_prev"]
        dx[:, :, t] = gradients["dxt"]
        # the same weights act at every step, so their gradients add up over the steps
        dWax += gradients["dWax"]
        dWaa += gradients["dWaa"]
        dba += gradients["dba"]

    da0 = da_prevt

    gradients = {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients


def lstm_cell_backward(da_next, dc_next, cache):
    """Backward pass of one LSTM step, from the gradients of its new hidden state and its new memory.

    Arguments:
    da_next -- gradient of the cost with respect to a_next, shape (n_a, m)
    dc_next -- gradient of the cost with respect to c_next through the later steps, shape (n_a, m)
    cache -- the tuple (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) from lstm_cell_forward

    Returns:
    gradients -- dict with dxt (n_x, m), da_prev (n_a, m), dc_prev (n_a, m), dWf, dWi, dWc, dWo (n_a, n_a + n_x)
                 and dbf, dbi, dbc, dbo (n_a, 1)
    """
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]

    # c_next reaches the cost twice: directly (dc_next) and through a_next = ot * tanh(c_next)
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tanh_c**2)

    # each gate's gradient before its activation: sigmoid' = g (1 - g) for the gates, tanh' = 1 - cct ** 2
    dot = da_next * tanh_c * ot * (1 - ot)
    dcct = dc * it * (1 - cct**2)
    dit = dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)

    concat = np.concatenate((a_prev, xt), axis=0)
    dWf = dft @ concat.T
    dWi = dit @ concat.T
    dWc = dcct @ concat.T
    dWo = dot @ concat.T
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)

    # every gate read [a_prev; xt]: the first n_a columns of its weights act on a_prev, the rest on xt
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit
               + parameters["Wc"].T @ dcct + parameters["Wo"].T @ dot)
    da_prev = dconcat[:n_a]
    dxt = dconcat[n_a:]
    dc_prev = dc * ft

    gradients = {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, "dWf": dWf, "dbf": dbf, "dWi": dWi,
                 "dbi": dbi, "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}
    return gradients


def lstm_backward(da, caches):
    """Backpropagation through time for an LSTM.

    Arguments:
    da -- gradient of the cost with respect to every hidden state, as reached from the outputs, shape (n_a, m, T_x)
    caches -- the tuple (list of the steps' caches, x) from lstm_forward

    Returns:
    gradients -- dict with dx (n_x, m, T_x), da0 (n_a, m), dWf, dWi, dWc, dWo (n_a, n_a + n_x) and dbf, dbi, dbc,
                 dbo (n_a, 1)
    """
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape

    dx = np.zeros((n_x, m, T_x))
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    dWf = np.zeros((n_a, n_a + n_x))
    dWi = np.zeros((n_a, n_a + n_x))
    dWc = np.zeros((n_a, n_a + n_x))
    dWo = np.zeros((n_a, n_a + n_x))
    dbf = np.zeros((n_a, 1))
    dbi = np.zeros((n_a, 1))
    dbc = np.zeros((n_a, 1))
    dbo = np.zeros((n_a, 1))

    for t in reversed(range(T_x)):
        # the hidden state gathers the output's gradient and the next step's; the memory only the next step's
        gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
        da_prevt = gradients["da_prev"]
        dc_prevt = gradients["dc_prev"]
        dx[:, :, t] = gradients["dxt"]
        dWf += gradients["dWf"]
        dWi += gradients["dWi"]
        dWc += gradients["dWc"]
        dWo += gradients["dWo"]
        dbf += gradients["dbf"]
        dbi += gradients["dbi"]
        dbc += gradients["dbc"]
        dbo += gradients["dbo"]

    da0 = da_prevt

    gradients = {"dx": dx, "da0": da0, "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
                 "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}
    return gradients
