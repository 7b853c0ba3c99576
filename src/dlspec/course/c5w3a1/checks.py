"""Cases for C5W3A1, neural machine translation with attention.

``one_step_attention`` receives the states as tensors and its two shared layers with seeded weights, made where
the case runs (inputs.py); its context and attention weights are compared as tensors. The layers are spread wider
than PyTorch's default and densor2's bias raised, so that most energies pass the ReLU and the weights differ from
position to position: a softmax over the wrong axis, or a state lined up with the wrong example, shows.

``NMTModel`` is graded by what it does, through ``inputs:nmt_report``: the numbers it trains (a layer made per step
multiplies them, a unidirectional LSTM halves the first), and with weights injected by shape, its scores and
attention weights on one-hot dates, then its scores after one SGD step. The example has the lesson's sizes; the
others have sizes no two layers share, so that every weight reaches its place whatever order the layers are
registered in. Only NumPy here: the parent of a grade never imports PyTorch.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case

INPUTS = "dlspec.course.c5w3a1.inputs"  # the PyTorch side, run in the grading process
TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32 LSTMs, whose sums a learner's layers may order otherwise
N_E = 10  # the units of densor1, as in the lesson


def _states(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return rng.normal(0.0, 0.8, shape).astype(np.float32)


def one_step_attention_cases() -> list[Case]:
    # (name, m, Tx, n_a, n_s): the example has the lesson's sizes
    sizes = [("example", 10, 30, 32, 64), ("random 1", 3, 5, 4, 6), ("random 2", 1, 7, 8, 3),
             ("random 3", 4, 2, 3, 10)]  # fmt: skip
    cases = []
    for seed, (name, m, Tx, n_a, n_s) in enumerate(sizes, start=1):
        rng = np.random.default_rng(seed)
        made = {"a": _states(rng, m, Tx, 2 * n_a), "s_prev": _states(rng, m, n_s), "n_e": N_E, "seed": seed}
        note = (f"a ({m}, {Tx}, {2 * n_a}), s_prev ({m}, {n_s}) random; densor1 Linear({2 * n_a + n_s}, {N_E}), "
                f"densor2 Linear({N_E}, 1)")  # fmt: skip
        cases.append(Case(name, make=f"{INPUTS}:attention_inputs", make_kwargs=made, note=note, **TOL))
    return cases


def _lstm(rng: np.random.Generator, n_in: int, n_h: int) -> list[np.ndarray]:
    """weight_ih, weight_hh, bias_ih, bias_hh, twice PyTorch's spread, so that the gates are not all half open."""
    s = 2 / np.sqrt(n_h)
    return [rng.uniform(-s, s, shape) for shape in ((4 * n_h, n_in), (4 * n_h, n_h), (4 * n_h,), (4 * n_h,))]


def model_weights(rng: np.random.Generator, n_a: int, n_s: int, n_x: int, n_y: int) -> list[np.ndarray]:
    """Every weight of the model, in the reference's order: the Bi-LSTM (forward, then backward), densor1,
    densor2, the post-attention LSTM, the output layer."""
    return [*_lstm(rng, n_x, n_a), *_lstm(rng, n_x, n_a),
            rng.normal(0, 1 / np.sqrt(n_a), (N_E, 2 * n_a + n_s)), rng.normal(0, 0.3, N_E),
            rng.normal(0, 0.6, (1, N_E)), np.array([0.5]) + rng.normal(0, 0.1, 1),
            *_lstm(rng, 2 * n_a, n_s), rng.normal(0, 1 / np.sqrt(n_s), (n_y, n_s)), rng.normal(0, 0.1, n_y)]


def NMTModel_cases() -> list[Case]:
    # (name, m, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, start from zeros)
    sizes = [("example", 3, 30, 10, 32, 64, 37, 11, True), ("random 1", 2, 6, 4, 3, 5, 8, 6, False),
             ("random 2", 4, 12, 1, 5, 7, 13, 4, False), ("random 3", 3, 4, 7, 6, 12, 9, 12, False)]  # fmt: skip
    cases = []
    for seed, (name, m, Tx, Ty, n_a, n_s, n_x, n_y, zeros) in enumerate(sizes, start=11):
        rng = np.random.default_rng(seed)
        X = np.eye(n_x, dtype=np.float32)[rng.integers(0, n_x, (m, Tx))]
        s0, c0 = (np.zeros((m, n_s), np.float32) if zeros else _states(rng, m, n_s) for _ in range(2))
        kwargs = {"inputs": [X, s0, c0], "weights": model_weights(rng, n_a, n_s, n_x, n_y),
                  "targets": rng.integers(0, n_y, (Ty, m))}
        start = "zeros" if zeros else "random"
        note = (f"NMTModel(Tx={Tx}, Ty={Ty}, n_a={n_a}, n_s={n_s}, human_vocab_size={n_x}, machine_vocab_size={n_y})"
                f" on X ({m}, {Tx}, {n_x}) one-hot, s0 and c0 ({m}, {n_s}) {start}")  # fmt: skip
        cases.append(Case(name, args=(Tx, Ty, n_a, n_s, n_x, n_y), probe=f"{INPUTS}:nmt_report", probe_kwargs=kwargs,
                          note=note, **TOL))  # fmt: skip
    return cases


CHECKS = {
    "one_step_attention": one_step_attention_cases,
    "NMTModel": NMTModel_cases,
}
