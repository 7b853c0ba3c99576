"""Cases for C5W1A3, the melody LSTM.

The two models are graded by what they do, through ``dlspec.checking.probes:shared_layers_report``: each case makes
an ``nn.LSTMCell`` and an ``nn.Linear`` with seeded weights and passes them in, as the notebook does; the probe
counts the numbers the model trains (one shared cell whatever ``Tx``: a cell per step multiplies the count), runs it
on random inputs, and, for the training model, runs it again after one SGD step (a gradient that stops somewhere, or
layers the module never registered, show there). The weights are spread wider than PyTorch's default, so that the
inference model's choices change from step to step and feeding back the wrong thing shows.

``predict_and_sample`` receives an inference model with the reference's class; its result is compared as NumPy
arrays. The layers and models are PyTorch objects, made where the case runs (inputs.py), so this module never
imports PyTorch: the grader's parent process then does not either.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case

PROBE = "dlspec.checking.probes:shared_layers_report"
INPUTS = "dlspec.course.c5w1a3.inputs"  # the PyTorch inputs, made in the grading process
TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32, summed in whatever order the learner's layers sum


def _one_hot(rng: np.random.Generator, shape: tuple[int, ...], n_values: int) -> np.ndarray:
    return np.eye(n_values, dtype=np.float32)[rng.integers(0, n_values, shape)]


def _states(rng: np.random.Generator, m: int, n_a: int) -> list[np.ndarray]:
    return [rng.normal(0.0, 0.5, (m, n_a)).astype(np.float32) for _ in range(2)]


def DJModel_cases() -> list[Case]:
    # (name, Tx, m, n_values, n_a, seed): the example has the lesson's sizes, shortened to 6 steps
    sizes = [("example", 6, 3, 90, 64, 1), ("random 1", 4, 2, 12, 5, 2), ("random 2", 9, 5, 20, 16, 3),
             ("random 3", 3, 1, 7, 4, 4)]  # fmt: skip
    cases = []
    for name, Tx, m, n_values, n_a, seed in sizes:
        rng = np.random.default_rng(seed)
        inputs = [_one_hot(rng, (m, Tx), n_values), *_states(rng, m, n_a)]
        target = rng.normal(0.0, 1.0, (Tx, m, n_values))
        note = (f"DJModel({Tx}, LSTMCell({n_values}, {n_a}), Linear({n_a}, {n_values})) on X ({m}, {Tx}, {n_values}) "
                f"one-hot, a0 and c0 ({m}, {n_a}) random")  # fmt: skip
        made = {"Tx": Tx, "n_values": n_values, "n_a": n_a, "seed": seed}
        cases.append(Case(name, make=f"{INPUTS}:dj_inputs", make_kwargs=made, seed=seed, probe=PROBE,
                          probe_kwargs={"inputs": inputs, "target": target}, note=note, **TOL))  # fmt: skip
    return cases


def _start(rng: np.random.Generator, m: int, n_values: int, n_a: int, zeros: bool) -> list[np.ndarray]:
    """(x0, a0, c0): zeros, as the notebook starts, or a random one-hot value and random states."""
    if zeros:
        return [np.zeros((m, n_values), np.float32), *(np.zeros((m, n_a), np.float32) for _ in range(2))]
    return [_one_hot(rng, (m,), n_values), *_states(rng, m, n_a)]


# (name, Ty, m, n_values, n_a, seed, start from zeros)
INFERENCE = [("example", 8, 2, 90, 64, 11, True), ("random 1", 12, 3, 10, 6, 12, False),
             ("random 2", 5, 4, 25, 12, 13, False), ("random 3", 15, 1, 6, 8, 14, False)]  # fmt: skip


def MusicInferenceModel_cases() -> list[Case]:
    cases = []
    for name, Ty, m, n_values, n_a, seed, zeros in INFERENCE:
        inputs = _start(np.random.default_rng(seed), m, n_values, n_a, zeros)
        start = "zeros" if zeros else "a random one-hot x0, random a0 and c0"
        note = (f"MusicInferenceModel(LSTMCell({n_values}, {n_a}), Linear({n_a}, {n_values}), Ty={Ty}); {m} starts: "
                f"{start}")
        made = {"Ty": Ty, "n_values": n_values, "n_a": n_a, "seed": seed}
        cases.append(Case(name, make=f"{INPUTS}:inference_inputs", make_kwargs=made, seed=seed, probe=PROBE,
                          probe_kwargs={"inputs": inputs}, note=note, **TOL))  # fmt: skip
    return cases


def predict_and_sample_cases() -> list[Case]:
    # the example starts one melody from zeros, as the notebook does; the others start several at once
    setups = [("example", 20, 1, 90, 64, 21, True), ("random 1", 7, 3, 9, 5, 22, False),
              ("random 2", 11, 2, 30, 10, 23, False), ("random 3", 4, 5, 6, 3, 24, False)]  # fmt: skip
    cases = []
    for name, Ty, m, n_values, n_a, seed, zeros in setups:
        start = _start(np.random.default_rng(seed), m, n_values, n_a, zeros)
        made = {"Ty": Ty, "n_values": n_values, "n_a": n_a, "seed": seed, "start": start}
        note = f"an inference model with Ty={Ty}, n_values={n_values}, n_a={n_a}; x_initializer ({m}, {n_values})"
        cases.append(Case(name, make=f"{INPUTS}:sample_inputs", make_kwargs=made, note=note))
    return cases


CHECKS = {
    "DJModel": DJModel_cases,
    "MusicInferenceModel": MusicInferenceModel_cases,
    "predict_and_sample": predict_and_sample_cases,
}
