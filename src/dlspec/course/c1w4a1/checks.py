"""Cases for C1W4A1, the L-layer network built step by step.

The first case of every function is the visible example: the original course's test inputs, rebuilt with
``np.random.RandomState(seed)`` because the original drew them after ``np.random.seed(seed)``, so the numbers a
learner sees are the ones the original printed. The other cases use ``np.random.default_rng`` with shapes chosen
so that no two dimensions agree (a hard-coded or transposed shape then fails).

Backward cases build their caches with the reference forward pass, so the caches are consistent with the
forward computation, exactly as in a real training step.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.course.judges import parameters_layout_problem
from dlspec.nn.deep import L_model_backward, L_model_forward, linear_activation_forward, linear_forward

# Initial weights are 0.01 * N(0, 1); these bounds accept any such draw and reject the usual mistakes
# (no scaling, uniform instead of normal, zeros). Fifteen sigmas and a factor of three on the spread are wide
# enough that a correct draw from any generator passes.
WEIGHT_MAX = 0.15
WEIGHT_STD = (0.003, 0.03)
MIN_WEIGHTS_FOR_SIGNS = 12  # with fewer, a correct draw can be all one sign by chance


def _note(**arrays) -> str:
    return ", ".join(f"{name} {tuple(np.shape(value))}" for name, value in arrays.items())


def _params(rng: np.random.Generator, layer_dims: list[int], scale: float = 0.5) -> dict:
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.normal(0, scale, (layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = rng.normal(0, scale, (layer_dims[l], 1))
    return params


def _labels(rng: np.random.Generator, m: int) -> np.ndarray:
    Y = rng.integers(0, 2, (1, m)).astype(float)
    Y[0, 0], Y[0, -1] = 1.0, 0.0  # both classes present, so neither half of the cost can be skipped unnoticed
    return Y


def judge_initialisation(got, expected, args) -> str | None:
    """Accept any correct random initialisation: the expected keys and shapes, zero biases, small centred weights."""
    problem = parameters_layout_problem(got, expected)
    if problem:
        return problem
    weights = [np.asarray(got[k], dtype=float) for k in expected if k.startswith("W")]
    if all(np.allclose(got[k], expected[k]) for k in expected):
        return None
    for key, w in zip([k for k in expected if k.startswith("W")], weights, strict=True):
        if w.size > 1 and np.all(w == w.flat[0]):
            return f"every entry of {key} is the same: the units of a layer would stay identical"
        if w.shape[0] > 1 and np.all(w == w[:1]):
            return f"the rows of {key} are identical: the units of a layer would compute the same thing forever"
    pooled = np.concatenate([w.ravel() for w in weights])
    if np.max(np.abs(pooled)) > WEIGHT_MAX or not WEIGHT_STD[0] <= np.std(pooled) <= WEIGHT_STD[1]:
        return f"weights have standard deviation {np.std(pooled):.3g}; expected about 0.01"
    if pooled.size >= MIN_WEIGHTS_FOR_SIGNS and (np.all(pooled >= 0) or np.all(pooled <= 0)):
        return "weights all have the same sign; they should be centred on zero"
    return None


def judge_cost(got, expected, args) -> str | None:
    """A single number with the expected value.

    The original course squeezed the cost, so a 0-d array (what np.squeeze returns) is accepted as well as a
    float; an array with dimensions is not. A judge gets no automatic diagnosis, so it names the usual slips.
    """
    if isinstance(got, np.ndarray) and got.size > 1:
        return (f"returned {got.size} values, shape {got.shape}: the cost is one number for the whole batch; sum (or "
                "average) over every example, not along one axis")
    if isinstance(got, np.ndarray) and got.ndim > 0:
        return f"returned an array of shape {got.shape}: the cost is one number; squeeze it or convert it with float()"
    if not isinstance(got, (float, np.floating, np.ndarray)):
        return f"expected a float, got {type(got).__name__}"
    value, m = float(got), args[1].shape[1]
    if np.isclose(value, expected, rtol=1e-6, atol=1e-8):
        return None
    if np.isclose(value, -expected, rtol=1e-6):
        why = "the sign is flipped: logs of probabilities are negative, so the cost needs a minus in front"
    elif m > 1 and np.isclose(value, m * expected, rtol=1e-6):
        why = f"the result is m = {m} times too large: the cost averages over the examples"
    elif value == 0:
        why = "the cost is exactly 0: is 1 // m an integer division? Use 1 / m"
    else:
        why = "check both terms of the loss: y * log(a) for label 1 and (1 - y) * log(1 - a) for label 0"
    return f"expected {expected:.6g}, got {value:.6g}; {why}"


def initialize_parameters_cases() -> list[Case]:
    sizes = [(3, 2, 1), (5, 4, 2), (7, 3, 1), (2, 6, 3)]
    seeds = [1, 2, 5, 9]
    return [
        Case(f"n_x={n_x}, n_h={n_h}, n_y={n_y}", args=(n_x, n_h, n_y), seed=seed, judge=judge_initialisation)
        for (n_x, n_h, n_y), seed in zip(sizes, seeds, strict=True)
    ]


def initialize_parameters_deep_cases() -> list[Case]:
    dims = [[5, 4, 3], [4, 3, 2], [6, 5, 4, 1], [3, 8, 1], [10, 7, 5, 3, 1]]
    seeds = [3, 4, 7, 11, 0]
    return [
        Case(f"layer_dims={d}", args=(d,), seed=seed, judge=judge_initialisation)
        for d, seed in zip(dims, seeds, strict=True)
    ]


def linear_forward_cases() -> list[Case]:
    r = np.random.RandomState(1)
    A, W, b = r.randn(3, 2), r.randn(1, 3), r.randn(1, 1)
    cases = [Case("original example", args=(A, W, b), note=_note(A=A, W=W, b=b))]
    for seed, (n_prev, n, m) in zip([10, 11, 12], [(4, 3, 5), (6, 2, 7), (1, 4, 3)], strict=True):
        rng = np.random.default_rng(seed)
        A, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
        cases.append(Case(f"random {n}x{n_prev} layer, m={m}", args=(A, W, b), note=_note(A=A, W=W, b=b)))
    return cases


def linear_activation_forward_cases() -> list[Case]:
    r = np.random.RandomState(2)
    A_prev, W, b = r.randn(3, 2), r.randn(1, 3), r.randn(1, 1)
    note = _note(A_prev=A_prev, W=W, b=b)
    cases = [
        Case("original example, sigmoid", args=(A_prev, W, b, "sigmoid"), note=note),
        Case("original example, relu", args=(A_prev, W, b, "relu"), note=note),
    ]
    shapes = [(4, 3, 5, "relu"), (5, 2, 6, "sigmoid"), (3, 6, 4, "relu"), (2, 1, 7, "sigmoid")]
    for seed, (n_prev, n, m, activation) in enumerate(shapes, start=20):
        rng = np.random.default_rng(seed)
        A_prev, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
        cases.append(
            Case(
                f"random {activation} layer {n}x{n_prev}, m={m}",
                args=(A_prev, W, b, activation),
                note=_note(A_prev=A_prev, W=W, b=b),
            )
        )
    return cases


def L_model_forward_cases() -> list[Case]:
    r = np.random.RandomState(6)
    X = r.randn(5, 4)
    parameters = {}
    for l, (n, n_prev) in enumerate([(4, 5), (3, 4), (1, 3)], start=1):
        parameters[f"W{l}"], parameters[f"b{l}"] = r.randn(n, n_prev), r.randn(n, 1)
    cases = [Case("original example: 3 layers, X (5, 4)", args=(X, parameters), note="layer_dims [5, 4, 3, 1]")]
    for seed, (dims, m) in enumerate([([4, 5, 3, 1], 6), ([2, 3, 1], 4), ([6, 4, 4, 3, 1], 3), ([3, 1], 5)], 30):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(dims[0], m))
        cases.append(
            Case(f"random {len(dims) - 1} layers, m={m}", args=(X, _params(rng, dims)), note=f"layer_dims {dims}")
        )
    return cases


def compute_cost_cases() -> list[Case]:
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]])
    cases = [Case("original example", args=(AL, Y), judge=judge_cost, note=_note(AL=AL, Y=Y))]
    for seed, m in zip([40, 41, 42], [5, 9, 2], strict=True):
        rng = np.random.default_rng(seed)
        AL, Y = rng.uniform(0.02, 0.98, (1, m)), _labels(rng, m)
        cases.append(Case(f"random, m={m}", args=(AL, Y), judge=judge_cost, note=_note(AL=AL, Y=Y)))
    rng = np.random.default_rng(43)
    for label in (0.0, 1.0):
        AL, Y = rng.uniform(0.05, 0.95, (1, 6)), np.full((1, 6), label)
        cases.append(Case(f"every label {label:g}", args=(AL, Y), judge=judge_cost, note=_note(AL=AL, Y=Y)))
    return cases


def linear_backward_cases() -> list[Case]:
    r = np.random.RandomState(1)
    dZ, A, W, b = r.randn(3, 4), r.randn(5, 4), r.randn(3, 5), r.randn(3, 1)
    cases = [Case("original example", args=(dZ, (A, W, b)), note=_note(dZ=dZ, A_prev=A, W=W, b=b))]
    for seed, (n_prev, n, m) in zip([50, 51, 52], [(5, 3, 4), (2, 6, 7), (4, 1, 3)], strict=True):
        rng = np.random.default_rng(seed)
        A_prev, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
        Z, cache = linear_forward(A_prev, W, b)
        dZ = rng.normal(size=Z.shape)
        cases.append(Case(f"random {n}x{n_prev} layer, m={m}", args=(dZ, cache), note=_note(dZ=dZ, A_prev=A_prev, W=W)))
    return cases


def linear_activation_backward_cases() -> list[Case]:
    r = np.random.RandomState(2)
    dA, A, W, b, Z = r.randn(1, 2), r.randn(3, 2), r.randn(1, 3), r.randn(1, 1), r.randn(1, 2)
    note = _note(dA=dA, A_prev=A, W=W, Z=Z)
    cases = [
        Case("original example, sigmoid", args=(dA, ((A, W, b), Z), "sigmoid"), note=note),
        Case("original example, relu", args=(dA, ((A, W, b), Z), "relu"), note=note),
    ]
    shapes = [(4, 3, 5, "relu"), (5, 2, 6, "sigmoid"), (3, 6, 4, "relu"), (2, 1, 7, "sigmoid")]
    for seed, (n_prev, n, m, activation) in enumerate(shapes, start=60):
        rng = np.random.default_rng(seed)
        A_prev, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
        A, cache = linear_activation_forward(A_prev, W, b, activation)
        dA = rng.normal(size=A.shape)
        cases.append(
            Case(
                f"random {activation} layer {n}x{n_prev}, m={m}",
                args=(dA, cache, activation),
                note=_note(dA=dA, A_prev=A_prev, W=W),
            )
        )
    return cases


def L_model_backward_cases() -> list[Case]:
    r = np.random.RandomState(3)
    AL, Y = r.randn(1, 2), np.array([[1, 0]])
    A1, W1, b1, Z1 = r.randn(4, 2), r.randn(3, 4), r.randn(3, 1), r.randn(3, 2)
    A2, W2, b2, Z2 = r.randn(3, 2), r.randn(1, 3), r.randn(1, 1), r.randn(1, 2)
    caches = [((A1, W1, b1), Z1), ((A2, W2, b2), Z2)]
    cases = [Case("original example: 2 layers, m=2", args=(AL, Y, caches), note="layer_dims [4, 3, 1]")]
    for seed, (dims, m) in enumerate([([3, 4, 1], 5), ([5, 4, 3, 1], 4), ([2, 1], 6), ([4, 6, 5, 2, 1], 3)], 70):
        rng = np.random.default_rng(seed)
        AL, caches = L_model_forward(rng.normal(size=(dims[0], m)), _params(rng, dims))
        cases.append(
            Case(f"random {len(dims) - 1} layers, m={m}", args=(AL, _labels(rng, m), caches), note=f"layer_dims {dims}")
        )
    return cases


def update_parameters_cases() -> list[Case]:
    r = np.random.RandomState(2)
    params = {"W1": r.randn(3, 4), "b1": r.randn(3, 1), "W2": r.randn(1, 3), "b2": r.randn(1, 1)}
    r = np.random.RandomState(3)
    grads = {"dW1": r.randn(3, 4), "db1": r.randn(3, 1), "dW2": r.randn(1, 3), "db2": r.randn(1, 1)}
    cases = [Case("original example, learning_rate=0.1", args=(params, grads, 0.1), note="layer_dims [4, 3, 1]")]
    for seed, (dims, learning_rate) in enumerate([([3, 5, 2, 1], 0.05), ([6, 1], 1.2), ([2, 4, 3, 3, 1], 0.0075)], 80):
        rng = np.random.default_rng(seed)
        params = _params(rng, dims)
        X, Y = rng.normal(size=(dims[0], 5)), _labels(rng, 5)
        AL, caches = L_model_forward(X, params)
        grads = L_model_backward(AL, Y, caches)  # a real gradient dict, dA entries included
        cases.append(
            Case(
                f"random {len(dims) - 1} layers, learning_rate={learning_rate}",
                args=(params, grads, learning_rate),
                note=f"layer_dims {dims}",
            )
        )
    return cases


CHECKS = {
    "initialize_parameters": initialize_parameters_cases,
    "initialize_parameters_deep": initialize_parameters_deep_cases,
    "linear_forward": linear_forward_cases,
    "linear_activation_forward": linear_activation_forward_cases,
    "L_model_forward": L_model_forward_cases,
    "compute_cost": compute_cost_cases,
    "linear_backward": linear_backward_cases,
    "linear_activation_backward": linear_activation_backward_cases,
    "L_model_backward": L_model_backward_cases,
    "update_parameters": update_parameters_cases,
}
