"""Cases for C2W2A1, optimisation methods.

The first case of every function is the visible example. Where the original course drew its test inputs after
``np.random.seed(seed)``, they are rebuilt with ``np.random.RandomState(seed)`` in the same order, so the numbers
a learner sees are the ones the original printed. The other cases use ``np.random.default_rng`` with layer sizes
chosen so that no two dimensions agree, and optimiser states that are not zero (a velocity or moment that is
ignored, or used with the wrong weight, then shows).

Mini-batches are judged by their properties: any shuffling that moves X's columns and Y's labels together and
cuts them into the right batch sizes is correct, whatever random numbers it used.

The functions that make something new from their inputs (the batches, the optimisers' initial states) keep their
arguments (Case.keep_args): shuffling X in place, or a velocity that is a parameter zeroed in place, would pass on
values and break the caller's data. The updates may edit theirs, as the original course's own updates did.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.course.judges import SEQUENCE

MIN_COLUMNS_TO_SEE_A_SHUFFLE = 10  # below this, the identity permutation is a plausible draw


def _note(**arrays) -> str:
    return ", ".join(f"{name} {tuple(np.shape(value))}" for name, value in arrays.items())


def _dims_note(params: dict) -> str:
    return ", ".join(f"{k} {v.shape}" for k, v in params.items() if k.startswith("W"))


def _random(rng: np.random.Generator, layer_dims: list[int], prefix: str = "", positive: bool = False) -> dict:
    """W{l}, b{l} (or dW{l}, db{l} with prefix "d") for the given layer sizes, drawn from rng."""
    out = {}
    for l in range(1, len(layer_dims)):
        for p, shape in (("W", (layer_dims[l], layer_dims[l - 1])), ("b", (layer_dims[l], 1))):
            value = rng.normal(size=shape)
            out[prefix + p + str(l)] = value**2 if positive else value
    return out


def _original(seed: int, shapes: list[tuple[int, int]]) -> tuple[dict, dict]:
    """The original's test parameters and gradients: W1, b1, W2, b2, then dW1, db1, dW2, db2, from one seed."""
    r = np.random.RandomState(seed)
    keys = [f"{p}{l}" for l in (1, 2) for p in ("W", "b")]
    params = {k: r.randn(*shape) for k, shape in zip(keys, shapes, strict=True)}
    grads = {"d" + k: r.randn(*shape) for k, shape in zip(keys, shapes, strict=True)}
    return params, grads


def _with_dA(grads: dict, params: dict, seed: int) -> dict:
    """grads as L_model_backward returns them in the notebook's training loop: dA0 ... dA{L-1} (shape (n_l, m))
    beside dW and db. An update must step only the parameters; one that loops over grads' keys fails here."""
    L = len(params) // 2
    sizes = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, L)]
    rng = np.random.default_rng(seed)
    return {**grads, **{f"dA{l}": rng.normal(size=(n, 4)) for l, n in enumerate(sizes)}}


RANDOM_DIMS = [[4, 3, 2], [5, 7, 3, 1], [2, 6, 4, 3, 1]]


# --- gradient descent ------------------------------------------------------------------------------------------


def update_parameters_with_gd_cases() -> list[Case]:
    params, grads = _original(2, [(3, 3), (3, 1), (3, 3), (3, 1)])
    cases = [Case("original example", args=(params, _with_dA(grads, params, 2), 0.01), note=_dims_note(params))]
    for seed, dims, lr in zip([10, 11, 12], RANDOM_DIMS, [0.1, 0.5, 0.03], strict=True):
        rng = np.random.default_rng(seed)
        params, grads = _random(rng, dims), _random(rng, dims, "d")
        grads = _with_dA(grads, params, seed)
        cases.append(Case(f"layer_dims={dims}, learning_rate={lr}", args=(params, grads, lr), note=_dims_note(params)))
    return cases


# --- mini-batches ------------------------------------------------------------------------------------------------


def _columns(X: np.ndarray) -> dict[bytes, int]:
    return {X[:, j].tobytes(): j for j in range(X.shape[1])}


def judge_mini_batches(got, expected, args) -> str | None:
    """Accept any correct cut: right batch sizes in order, a permutation of the columns, X and Y moved together."""
    X, Y, size = args[0], args[1], args[2]
    m = X.shape[1]
    if not isinstance(got, SEQUENCE):
        return f"expected a list of (mini_batch_X, mini_batch_Y) pairs, got {type(got).__name__}"
    want = [size] * (m // size) + ([m % size] if m % size else [])
    for i, batch in enumerate(got):
        if not isinstance(batch, SEQUENCE) or len(batch) != 2:
            return f"mini-batch {i} should be a pair (mini_batch_X, mini_batch_Y)"
        bx, by = (np.asarray(b) for b in batch)
        if bx.ndim != 2 or by.ndim != 2 or bx.shape[0] != X.shape[0] or by.shape[0] != Y.shape[0]:
            return f"mini-batch {i} has shapes {bx.shape} and {by.shape}; expected ({X.shape[0]}, k) and (1, k)"
        if bx.shape[1] != by.shape[1]:
            return f"mini-batch {i} has {bx.shape[1]} examples in X but {by.shape[1]} in Y"
    sizes = [np.shape(b[0])[1] for b in got]
    if sizes != want:
        return (f"batch sizes are {sizes}; with m = {m} and mini_batch_size = {size} expected {want} "
                f"({m // size} full batches, then {'the remainder' if m % size else 'no remainder batch'})")
    shuffled_X = np.concatenate([np.asarray(b[0]) for b in got], axis=1)
    shuffled_Y = np.concatenate([np.asarray(b[1]) for b in got], axis=1)
    where = _columns(X)
    order = [where.get(shuffled_X[:, j].tobytes()) for j in range(m)]
    if None in order or sorted(order) != list(range(m)):
        return "the batches' columns are not the columns of X, each once: shuffle whole columns (examples)"
    if not np.array_equal(shuffled_Y, Y[:, order]):
        return "the labels no longer match their examples: shuffle X and Y with the same permutation"
    if m >= MIN_COLUMNS_TO_SEE_A_SHUFFLE and order == list(range(m)):
        return "the examples are in their original order: shuffle the columns before cutting the batches"
    if m >= MIN_COLUMNS_TO_SEE_A_SHUFFLE and order == list(range(m))[::-1]:
        return "the examples are in reverse order: that is not a shuffle; draw a random permutation"
    return None


def random_mini_batches_cases() -> list[Case]:
    r = np.random.RandomState(1)
    X = r.randn(3, 148)
    Y = (r.randn(1, 148) < 0.5).astype(float)
    cases = [Case("original sizes: m=148, mini_batch_size=64", args=(X, Y, 64, 0), judge=judge_mini_batches,
                  note=_note(X=X, Y=Y), keep_args=True)]
    for seed, (n, m, size) in zip([20, 21, 22, 23], [(2, 7, 2), (4, 30, 10), (5, 53, 8), (1, 12, 12)], strict=True):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n, m))
        # labels unique per example, so a label separated from its example is seen
        Y = rng.permutation(m).reshape(1, m).astype(float)
        cases.append(Case(f"m={m}, mini_batch_size={size}", args=(X, Y, size, seed), judge=judge_mini_batches,
                          note=_note(X=X, Y=Y), keep_args=True))
    return cases


# --- momentum ----------------------------------------------------------------------------------------------------


def initialize_velocity_cases() -> list[Case]:
    params, _ = _original(1, [(2, 3), (2, 1), (3, 2), (3, 1)])
    cases = [Case("original example", args=(params,), note=_dims_note(params), keep_args=True)]
    for seed, dims in zip([30, 31, 32], RANDOM_DIMS, strict=True):
        params = _random(np.random.default_rng(seed), dims)
        cases.append(Case(f"layer_dims={dims}", args=(params,), note=_dims_note(params), keep_args=True))
    return cases


def update_parameters_with_momentum_cases() -> list[Case]:
    params, grads = _original(1, [(2, 3), (2, 1), (3, 3), (3, 1)])
    v = {k: np.zeros_like(g) for k, g in grads.items()}
    cases = [Case("original example, v = 0", args=(params, _with_dA(grads, params, 1), v, 0.9, 0.01),
                  note=_dims_note(params))]
    for seed, dims, beta, lr in zip([40, 41, 42], RANDOM_DIMS, [0.9, 0.7, 0.95], [0.1, 0.05, 0.3], strict=True):
        rng = np.random.default_rng(seed)
        params, grads, v = _random(rng, dims), _random(rng, dims, "d"), _random(rng, dims, "d")
        grads = _with_dA(grads, params, seed)
        cases.append(Case(f"layer_dims={dims}, beta={beta}, non-zero v", args=(params, grads, v, beta, lr),
                          note=_dims_note(params)))
    return cases


# --- Adam ----------------------------------------------------------------------------------------------------------


def initialize_adam_cases() -> list[Case]:
    params, _ = _original(1, [(2, 3), (2, 1), (3, 3), (3, 1)])
    cases = [Case("original example", args=(params,), note=_dims_note(params), keep_args=True)]
    for seed, dims in zip([50, 51, 52], RANDOM_DIMS, strict=True):
        params = _random(np.random.default_rng(seed), dims)
        cases.append(Case(f"layer_dims={dims}", args=(params,), note=_dims_note(params), keep_args=True))
    return cases


def update_parameters_with_adam_cases() -> list[Case]:
    params, grads = _original(1, [(2, 3), (2, 1), (3, 3), (3, 1)])
    v, s = ({k: np.zeros_like(g) for k, g in grads.items()} for _ in range(2))  # two dicts, no shared arrays
    cases = [Case("original example, t = 2, v = s = 0", args=(params, _with_dA(grads, params, 1), v, s, 2),
                  note=_dims_note(params))]
    settings = [(60, RANDOM_DIMS[0], 1, {}), (61, RANDOM_DIMS[1], 5, {"learning_rate": 0.02, "beta1": 0.8}),
                (62, RANDOM_DIMS[2], 10, {"beta2": 0.99, "epsilon": 0.1}), (63, RANDOM_DIMS[0], 3, {"epsilon": 0.01})]
    for seed, dims, t, kwargs in settings:
        rng = np.random.default_rng(seed)
        params, grads = _random(rng, dims), _random(rng, dims, "d")
        v, s = _random(rng, dims, "d"), _random(rng, dims, "d", positive=True)
        grads = _with_dA(grads, params, seed)
        name = f"layer_dims={dims}, t={t}, non-zero v and s" + "".join(f", {k}={x}" for k, x in kwargs.items())
        cases.append(Case(name, args=(params, grads, v, s, t), kwargs=kwargs, note=_dims_note(params)))
    return cases


# --- learning-rate decay -------------------------------------------------------------------------------------------


def update_lr_cases() -> list[Case]:
    settings = [(0.5, 2, 1), (0.3, 7, 0.5), (0.01, 100, 0.1), (1.0, 0, 3.0), (0.2, 12, 2.0)]
    return [Case(f"learning_rate0={a}, epoch_num={e}, decay_rate={d}", args=(a, e, d)) for a, e, d in settings]


def schedule_lr_decay_cases() -> list[Case]:
    cases = [Case("learning_rate0=0.5, epoch_num=100, decay_rate=0.3, time_interval=100", args=(0.5, 100, 0.3, 100))]
    settings = [(0.2, 250, 2.0, 100), (0.5, 999, 1.0, 1000), (0.05, 130, 0.5, 30)]
    cases += [Case(f"learning_rate0={a}, epoch_num={e}, decay_rate={d}, time_interval={i}", args=(a, e, d, i))
              for a, e, d, i in settings]
    cases += [Case(f"default time_interval: epoch_num={e}", args=(0.1, e, 0.5)) for e in (3500, 999)]
    return cases


CHECKS = {
    "update_parameters_with_gd": update_parameters_with_gd_cases,
    "random_mini_batches": random_mini_batches_cases,
    "initialize_velocity": initialize_velocity_cases,
    "update_parameters_with_momentum": update_parameters_with_momentum_cases,
    "initialize_adam": initialize_adam_cases,
    "update_parameters_with_adam": update_parameters_with_adam_cases,
    "update_lr": update_lr_cases,
    "schedule_lr_decay": schedule_lr_decay_cases,
}
