"""Cases for C2W3A1, the introduction to PyTorch.

Results are torch tensors and are compared by value (the grader carries a tensor back with its type, so an ndarray
where a tensor was due is named as such). Only ``linear_function`` draws from NumPy's global state, as the
original did; ``initialize_parameters`` seeds PyTorch itself and is judged by its properties, so any correct Glorot
draw passes. Randomised cases vary every dimension so that hard-coded sizes fail.
"""

from __future__ import annotations

import numpy as np
import torch

from dlspec.course.spec import Case
from dlspec.grader.wire import TorchTensor, as_torch_tensor

SHAPES = {"W1": (25, 784), "b1": (25, 1), "W2": (12, 25), "b2": (12, 1), "W3": (10, 12), "b3": (10, 1)}
# Glorot normal: std sqrt(2 / (fan_in + fan_out)). Each weight matrix's spread over its own expected std is 1 up to
# sampling error, largest for W3's 120 weights (about 6.5%): 30% either way is over four such errors, and still
# rejects He's sqrt(2 / fan_in), which is 1.35 times Glorot's on W3.
SPREAD = (0.7, 1.3)
TOL = {"rtol": 1e-5, "atol": 1e-6}


def _tensor(rng: np.random.Generator, *shape: int, scale: float = 1.0) -> torch.Tensor:
    return torch.tensor(rng.normal(0, scale, shape), dtype=torch.float32)


def _one_hot(rng: np.random.Generator, C: int, m: int) -> torch.Tensor:
    return torch.tensor(np.eye(C)[rng.integers(0, C, m)].T, dtype=torch.float32)


def linear_function_cases() -> list[Case]:
    return [Case("example", seed=1, **TOL)] + [Case(f"seed {s}", seed=s, **TOL) for s in (7, 23, 2024)]


def sigmoid_cases() -> list[Case]:
    cases = [Case("example", (-1,), **TOL, note="z = -1")]
    for i, shape in enumerate([(3,), (2, 5), (4, 1, 3)]):
        z = _tensor(np.random.default_rng(i), *shape, scale=4.0)
        cases.append(Case(f"random {i}", (z,), **TOL, note=f"z tensor {shape}"))
    return cases


def one_hot_matrix_cases() -> list[Case]:
    cases = [Case("example", (torch.tensor(1),), note="label 1, C = 6")]
    for i, C in enumerate([3, 10, 7]):
        label = int(np.random.default_rng(i).integers(0, C - 1))  # never the last class: see the off-by-one mutant
        cases.append(Case(f"random {i}", (torch.tensor(label), C), note=f"label {label}, C = {C}"))
    cases.append(Case("last class", (torch.tensor(4), 5), note="label 4, C = 5"))
    return cases


def judge_initialisation(got, expected, args) -> str | None:
    """Any correct Glorot-normal initialisation: the keys, shapes, float32 tensors that require gradients, and
    weights with the right spread. Biases may be Glorot draws (as the original did) or zeros."""
    if not isinstance(got, dict):
        return f"expected a dict of tensors, got {type(got).__name__}"
    if set(got) != set(SHAPES):
        return f"expected the keys {sorted(SHAPES)}, got {sorted(map(str, got))}"
    tensors = {k: as_torch_tensor(v) or v for k, v in got.items()}
    for key, shape in SHAPES.items():
        t = tensors[key]
        if not isinstance(t, TorchTensor):
            return f"{key} should be a torch tensor, got {type(t).__name__}"
        if t.array.shape != shape:
            return f"{key} has shape {t.array.shape}, expected {shape}"
        if t.dtype != "torch.float32":
            return f"{key} is {t.dtype}; the network works in torch.float32"
        if not t.requires_grad:
            return f"{key} does not require gradients, so autograd could not train it"
        if key.startswith("W") and np.all(t.array == t.array.flat[0]):
            return f"every entry of {key} is the same: the units of a layer would stay identical"
    for key in ("W1", "W2", "W3"):
        spread = float(np.std(tensors[key].array)) / np.sqrt(2 / sum(SHAPES[key]))
        if not SPREAD[0] <= spread <= SPREAD[1]:
            return (
                f"{key} is spread {spread:.2f} times the Glorot standard deviation sqrt(2 / (fan_in + fan_out)); "
                "expected about 1"
            )
    return None


def initialize_parameters_cases() -> list[Case]:
    # no arguments to vary: the repeated calls check that a correct answer does not depend on earlier state
    return [Case("example", judge=judge_initialisation)] + [
        Case(f"call {i}", seed=i, judge=judge_initialisation) for i in (1, 2, 3)
    ]


def _parameters(rng: np.random.Generator, dims: list[int]) -> dict:
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = _tensor(rng, dims[l], dims[l - 1], scale=1 / np.sqrt(dims[l - 1]))
        params[f"b{l}"] = _tensor(rng, dims[l], 1, scale=0.5)
    return params


def forward_propagation_cases() -> list[Case]:
    cases = []
    for i, (dims, m) in enumerate([([784, 25, 12, 10], 2), ([5, 4, 3, 2], 6), ([7, 9, 6, 4], 3), ([3, 8, 5, 6], 9)]):
        rng = np.random.default_rng(10 + i)
        X = _tensor(rng, dims[0], m)
        note = f"X {tuple(X.shape)}, layers {dims}"
        cases.append(Case("example" if i == 0 else f"random {i}", (X, _parameters(rng, dims)), **TOL, note=note))
    return cases


def compute_total_loss_cases() -> list[Case]:
    cases = []
    for i, (C, m) in enumerate([(6, 2), (10, 5), (3, 8), (4, 4)]):
        rng = np.random.default_rng(20 + i)
        logits, labels = _tensor(rng, C, m, scale=2.0), _one_hot(rng, C, m)
        note = f"logits {(C, m)}, labels {(C, m)}"
        cases.append(Case("example" if i == 0 else f"random {i}", (logits, labels), **TOL, note=note))
    return cases


def numpy_vs_torch_cases() -> list[Case]:
    cases = []
    for i, (dims, m) in enumerate([([4, 3, 1], 5), ([6, 5, 4, 1], 7), ([3, 7, 1], 10), ([5, 4, 6, 3, 1], 4)]):
        rng = np.random.default_rng(30 + i)
        params = {}
        for l in range(1, len(dims)):
            params[f"W{l}"] = rng.normal(0, 1 / np.sqrt(dims[l - 1]), (dims[l], dims[l - 1]))
            params[f"b{l}"] = rng.normal(0, 0.5, (dims[l], 1))
        X = rng.standard_normal((dims[0], m))
        Y = rng.integers(0, 2, (1, m)).astype(float)
        Y[0, 0], Y[0, -1] = 1.0, 0.0
        # the answer is rounding error (~1e-16); a tolerance of 1e-9 accepts any float64 route and nothing wrong
        note = f"layers {dims}, X {X.shape}"
        cases.append(Case("example" if i == 0 else f"random {i}", (params, X, Y), rtol=0.0, atol=1e-9, note=note))
    return cases


CHECKS = {
    "linear_function": linear_function_cases,
    "sigmoid": sigmoid_cases,
    "one_hot_matrix": one_hot_matrix_cases,
    "initialize_parameters": initialize_parameters_cases,
    "forward_propagation": forward_propagation_cases,
    "compute_total_loss": compute_total_loss_cases,
    "numpy_vs_torch": numpy_vs_torch_cases,
}
