"""Cases for C5W1A1, the basic RNN and the LSTM step by step.

Each function's cases run from a single term to the whole computation, so that the first case that fails, the
one a learner reads, names the part that is wrong: a cell first meets inputs where all but one term vanish
(zeroed matrices, a gate shut or wide open, no gradient through the memory), a sequence first meets one time step,
then a sequence whose state or gradient has to be carried from step to step. The original course's examples come
next, rebuilt with ``np.random.RandomState`` in the original's order of draws (inputs, then ``Waa, Wax, Wya, ba,
by``, or ``Wf, bf, Wi, bi, Wo, bo, Wc, bc, Wy, by``), so its printed numbers are ours; then one example (m = 1)
and shapes where n_x, n_a and n_y all differ, so a transposed weight cannot pass.

Backward cases get the caches the reference forward pass returns; a sequence's gradient ``da`` covers every step
(the original's LSTM example passed a 4-step ``da`` for a 7-step input, which says nothing more).
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.nn.rnn import lstm_cell_forward, lstm_forward, rnn_cell_forward, rnn_forward

GATES = "fioc"  # the original's order of the LSTM's parameters
SHUT, OPEN = -40.0, 40.0  # gate biases whose sigmoid is 0 and 1 to float precision


def rnn_parameters(rng, n_x: int, n_a: int, n_y: int, scale: float = 1.0) -> dict[str, np.ndarray]:
    """Waa, Wax, Wya, ba, by drawn in the original's order; ``scale`` multiplies the recurrent weights."""
    return {
        "Waa": scale * rng.standard_normal((n_a, n_a)),
        "Wax": scale * rng.standard_normal((n_a, n_x)),
        "Wya": rng.standard_normal((n_y, n_a)),
        "ba": rng.standard_normal((n_a, 1)),
        "by": rng.standard_normal((n_y, 1)),
    }


def lstm_parameters(rng, n_x: int, n_a: int, n_y: int) -> dict[str, np.ndarray]:
    """Wf, bf, Wi, bi, Wo, bo, Wc, bc, Wy, by drawn in the original's order."""
    parameters = {}
    for g in GATES:
        parameters["W" + g] = rng.standard_normal((n_a, n_a + n_x))
        parameters["b" + g] = rng.standard_normal((n_a, 1))
    parameters["Wy"] = rng.standard_normal((n_y, n_a))
    parameters["by"] = rng.standard_normal((n_y, 1))
    return parameters


def _note(parameters: dict, **arrays) -> str:
    """The inputs in words: arrays by their shape, then the sizes the parameters fix ("xt (3, 10), n_a 5, n_y 2")."""
    Wy = parameters.get("Wya", parameters.get("Wy"))
    return ", ".join([*(f"{k} {v.shape}" for k, v in arrays.items()), f"n_a {Wy.shape[1]}", f"n_y {Wy.shape[0]}"])


def _sizes(seed: int, n_x: int, n_a: int, n_y: int, m: int, T_x: int | None = None):
    """A generator seeded with ``seed``, and a case name that says what these sizes test."""
    name = "one example (m = 1)" if m == 1 else f"n_x, n_a and n_y all different ({n_x}, {n_a}, {n_y})"
    return np.random.default_rng(seed), name + ("" if T_x is None else f", {T_x} steps")


# --- the basic RNN, forward -------------------------------------------------------------------------------------


def _rnn_cell_case(name: str, xt, a_prev, parameters) -> Case:
    return Case(name, args=(xt, a_prev, parameters), note=_note(parameters, xt=xt, a_prev=a_prev))


def rnn_cell_forward_cases() -> list[Case]:
    cases = []
    rng = np.random.default_rng(0)
    p = rnn_parameters(rng, 3, 5, 2)
    zx, za = np.zeros((3, 10)), np.zeros((5, 10))
    cases.append(_rnn_cell_case("biases only: xt, a_prev and Wya are zero, so a_next = tanh(ba), yt_pred = "
                                "softmax(by)", zx, za, {**p, "Wya": np.zeros((2, 5))}))
    no_bias = {**p, "ba": np.zeros((5, 1)), "by": np.zeros((2, 1))}
    cases.append(_rnn_cell_case("input only: a_prev, ba and by are zero, so a_next = tanh(Wax xt)",
                                rng.standard_normal((3, 10)), za, no_bias))
    cases.append(_rnn_cell_case("previous state only: xt, ba and by are zero, so a_next = tanh(Waa a_prev)",
                                zx, rng.standard_normal((5, 10)), no_bias))
    r = np.random.RandomState(1)
    xt, a_prev = r.randn(3, 10), r.randn(5, 10)
    cases.append(_rnn_cell_case("original example", xt, a_prev, rnn_parameters(r, 3, 5, 2)))
    for seed, (n_x, n_a, n_y, m) in enumerate([(4, 6, 3, 1), (7, 3, 4, 6)], start=1):
        rng, shown = _sizes(seed, n_x, n_a, n_y, m)
        xt, a_prev = rng.standard_normal((n_x, m)), rng.standard_normal((n_a, m))
        cases.append(_rnn_cell_case(shown, xt, a_prev, rnn_parameters(rng, n_x, n_a, n_y)))
    return cases


def _sequence_case(name: str, x, a0, parameters) -> Case:
    return Case(name, args=(x, a0, parameters), note=_note(parameters, x=x, a0=a0))


def _first_step_only(rng, n_x: int, m: int, T_x: int) -> np.ndarray:
    """Inputs that are zero after the first step: every later state comes from the state carried forward."""
    x = np.zeros((n_x, m, T_x))
    x[:, :, 0] = rng.standard_normal((n_x, m))
    return x


def _forward_through_time_cases(make, seed: int, carried: str, originals: list) -> list[Case]:
    """The cases of rnn_forward (``make`` = rnn_parameters) or lstm_forward (lstm_parameters): one step, inputs at
    the first step only, the ``originals`` (name, seed, (T_x, m, n_x, n_a, n_y)), then one example and odd sizes."""
    rng = np.random.default_rng(seed)
    cases = [_sequence_case("one step (T_x = 1)", rng.standard_normal((3, 5, 1)), rng.standard_normal((4, 5)),
                            make(rng, 3, 4, 2))]
    cases.append(_sequence_case(f"inputs only at the first step: the later states come from the {carried} carried "
                                "over", _first_step_only(rng, 3, 5, 6), rng.standard_normal((4, 5)),
                                make(rng, 3, 4, 2)))
    for name, original_seed, (T_x, m, n_x, n_a, n_y) in originals:
        r = np.random.RandomState(original_seed)
        x, a0 = r.randn(n_x, m, T_x), r.randn(n_a, m)
        cases.append(_sequence_case(name, x, a0, make(r, n_x, n_a, n_y)))
    for k, (n_x, n_a, n_y, m, T_x) in enumerate([(2, 3, 4, 1, 6), (5, 2, 3, 4, 9)], start=1):
        rng, shown = _sizes(seed + k, n_x, n_a, n_y, m, T_x)
        x, a0 = rng.standard_normal((n_x, m, T_x)), rng.standard_normal((n_a, m))
        cases.append(_sequence_case(shown, x, a0, make(rng, n_x, n_a, n_y)))
    return cases


def rnn_forward_cases() -> list[Case]:
    return _forward_through_time_cases(rnn_parameters, 10, "state",
                                       [("original example", 1, (4, 10, 3, 5, 2)),
                                        ("original test", 17, (13, 8, 4, 7, 3))])


# --- the LSTM, forward ------------------------------------------------------------------------------------------


def _lstm_cell_case(name: str, xt, a_prev, c_prev, parameters) -> Case:
    return Case(name, args=(xt, a_prev, c_prev, parameters),
                note=_note(parameters, xt=xt, a_prev=a_prev, c_prev=c_prev))


def _gate(parameters: dict, gate: str, bias: float) -> dict:
    """The parameters with one gate held shut or wide open: zero weights, a bias far from 0."""
    n_a = parameters["W" + gate].shape[0]
    return {**parameters, "W" + gate: np.zeros_like(parameters["W" + gate]), "b" + gate: np.full((n_a, 1), bias)}


def lstm_cell_forward_cases() -> list[Case]:
    rng = np.random.default_rng(20)
    p = lstm_parameters(rng, 3, 5, 2)

    def inputs():
        return rng.standard_normal((3, 10)), rng.standard_normal((5, 10)), rng.standard_normal((5, 10))

    xt, a_prev, _ = inputs()
    cases = [_lstm_cell_case("output gate wide open and no memory yet (c_prev = 0), so c_next = it * cct and "
                             "a_next = tanh(c_next)", xt, a_prev, np.zeros((5, 10)), _gate(p, "o", OPEN))]
    cases.append(_lstm_cell_case("forget gate shut (Wf = 0, bf = -40), so c_next = it * cct", *inputs(),
                                 _gate(p, "f", SHUT)))
    cases.append(_lstm_cell_case("update gate shut (Wi = 0, bi = -40), so c_next = ft * c_prev", *inputs(),
                                 _gate(p, "i", SHUT)))
    for name, seed, (m, n_x, n_a, n_y) in [("original example", 1, (10, 3, 5, 2)),
                                           ("original test", 212, (8, 4, 7, 3))]:
        r = np.random.RandomState(seed)
        xt, a_prev, c_prev = r.randn(n_x, m), r.randn(n_a, m), r.randn(n_a, m)
        cases.append(_lstm_cell_case(name, xt, a_prev, c_prev, lstm_parameters(r, n_x, n_a, n_y)))
    for seed, (n_x, n_a, n_y, m) in enumerate([(4, 6, 3, 1), (7, 3, 4, 6)], start=21):
        rng, shown = _sizes(seed, n_x, n_a, n_y, m)
        xt, a_prev, c_prev = (rng.standard_normal(shape) for shape in [(n_x, m), (n_a, m), (n_a, m)])
        cases.append(_lstm_cell_case(shown, xt, a_prev, c_prev, lstm_parameters(rng, n_x, n_a, n_y)))
    return cases


def lstm_forward_cases() -> list[Case]:
    return _forward_through_time_cases(lstm_parameters, 30, "state and memory",
                                       [("original example", 1, (7, 10, 3, 5, 2)),
                                        ("original test", 45, (16, 13, 4, 3, 2))])


# --- backward ---------------------------------------------------------------------------------------------------


def rnn_cell_backward_cases() -> list[Case]:
    def case(name, da_next, xt, a_prev, parameters):
        _, _, cache = rnn_cell_forward(xt, a_prev, parameters)
        return Case(name, args=(da_next, cache), note=_note(parameters, da_next=da_next, xt=xt, a_prev=a_prev))

    r = np.random.RandomState(1)
    xt, a_prev = r.randn(3, 10), r.randn(5, 10)
    p = rnn_parameters(r, 3, 5, 2)
    cases = [case("original example", r.randn(5, 10), xt, a_prev, p)]
    rng = np.random.default_rng(40)
    for name, scale, bias in [("small weights, no bias: a_next is near 0, where tanh passes the gradient almost "
                               "whole", 0.05, 0.0),
                              ("large weights: a_next is near -1 or 1, where tanh passes little gradient", 3.0, 1.0)]:
        p = rnn_parameters(rng, 3, 5, 2, scale=scale)
        p["ba"] *= bias
        da_next, xt, a_prev = (rng.standard_normal(shape) for shape in [(5, 10), (3, 10), (5, 10)])
        cases.append(case(name, da_next, xt, a_prev, p))
    for seed, (n_x, n_a, n_y, m) in enumerate([(4, 6, 3, 1), (7, 3, 4, 6)], start=41):
        rng, shown = _sizes(seed, n_x, n_a, n_y, m)
        xt, a_prev, da_next = (rng.standard_normal(shape) for shape in [(n_x, m), (n_a, m), (n_a, m)])
        cases.append(case(shown, da_next, xt, a_prev, rnn_parameters(rng, n_x, n_a, n_y)))
    return cases


def _last_step_only(rng, n_a: int, m: int, T_x: int) -> np.ndarray:
    """An upstream gradient that is zero before the last step: what reaches the earlier steps came back in time."""
    da = np.zeros((n_a, m, T_x))
    da[:, :, -1] = rng.standard_normal((n_a, m))
    return da


def _through_time_cases(forward, make, seed: int) -> list[Case]:
    """The cases of rnn_backward (``forward`` = rnn_forward) or lstm_backward (lstm_forward)."""

    def case(name, da, x, a0, parameters):
        caches = forward(x, a0, parameters)[-1]
        return Case(name, args=(da, caches), note=_note(parameters, da=da, x=x, a0=a0))

    rng = np.random.default_rng(seed)
    n_x, n_a, n_y, m = 3, 4, 2, 5
    cases = [case("one step (T_x = 1): no gradient comes back from later steps", rng.standard_normal((n_a, m, 1)),
                  rng.standard_normal((n_x, m, 1)), rng.standard_normal((n_a, m)), make(rng, n_x, n_a, n_y))]
    cases.append(case("gradient only at the last step: it must travel back through every step",
                      _last_step_only(rng, n_a, m, 6), rng.standard_normal((n_x, m, 6)),
                      rng.standard_normal((n_a, m)), make(rng, n_x, n_a, n_y)))
    r = np.random.RandomState(1)
    x, a0 = r.randn(3, 10, 4), r.randn(5, 10)
    p = make(r, 3, 5, 2)
    cases.append(case("original example", r.randn(5, 10, 4), x, a0, p))
    for k, (n_x, n_a, n_y, m, T_x) in enumerate([(2, 3, 4, 1, 5), (5, 2, 3, 4, 8)], start=1):
        rng, shown = _sizes(seed + k, n_x, n_a, n_y, m, T_x)
        x, a0, da = (rng.standard_normal(shape) for shape in [(n_x, m, T_x), (n_a, m), (n_a, m, T_x)])
        cases.append(case(shown, da, x, a0, make(rng, n_x, n_a, n_y)))
    return cases


def rnn_backward_cases() -> list[Case]:
    return _through_time_cases(rnn_forward, rnn_parameters, 50)


def lstm_cell_backward_cases() -> list[Case]:
    def case(name, da_next, dc_next, xt, a_prev, c_prev, parameters):
        cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)[3]
        return Case(name, args=(da_next, dc_next, cache),
                    note=_note(parameters, da_next=da_next, dc_next=dc_next, xt=xt, a_prev=a_prev))

    rng = np.random.default_rng(60)
    cases = []
    for name, through_a in [("no gradient through the memory (dc_next = 0): all of it comes through a_next", True),
                            ("no gradient through the hidden state (da_next = 0): all of it comes through c_next",
                             False)]:
        gradient, zero = rng.standard_normal((5, 10)), np.zeros((5, 10))
        da_next, dc_next = (gradient, zero) if through_a else (zero, gradient)
        xt, a_prev, c_prev = rng.standard_normal((3, 10)), rng.standard_normal((5, 10)), rng.standard_normal((5, 10))
        cases.append(case(name, da_next, dc_next, xt, a_prev, c_prev, lstm_parameters(rng, 3, 5, 2)))
    r = np.random.RandomState(1)
    xt, a_prev, c_prev = r.randn(3, 10), r.randn(5, 10), r.randn(5, 10)
    p = lstm_parameters(r, 3, 5, 2)
    cases.append(case("original example", r.randn(5, 10), r.randn(5, 10), xt, a_prev, c_prev, p))
    for seed, (n_x, n_a, n_y, m) in enumerate([(4, 6, 3, 1), (7, 3, 4, 6)], start=61):
        rng, shown = _sizes(seed, n_x, n_a, n_y, m)
        shapes = [(n_a, m), (n_a, m), (n_x, m), (n_a, m), (n_a, m)]
        da_next, dc_next, xt, a_prev, c_prev = (rng.standard_normal(shape) for shape in shapes)
        cases.append(case(shown, da_next, dc_next, xt, a_prev, c_prev, lstm_parameters(rng, n_x, n_a, n_y)))
    return cases


def lstm_backward_cases() -> list[Case]:
    return _through_time_cases(lstm_forward, lstm_parameters, 70)


CHECKS = {
    "rnn_cell_forward": rnn_cell_forward_cases,
    "rnn_forward": rnn_forward_cases,
    "lstm_cell_forward": lstm_cell_forward_cases,
    "lstm_forward": lstm_forward_cases,
    "rnn_cell_backward": rnn_cell_backward_cases,
    "rnn_backward": rnn_backward_cases,
    "lstm_cell_backward": lstm_cell_backward_cases,
    "lstm_backward": lstm_backward_cases,
}
