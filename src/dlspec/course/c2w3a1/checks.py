"""Cases for C2W3A1, the introduction to PyTorch.

Results are torch tensors and are compared by value (the grader carries a tensor back with its type, so an ndarray
where a tensor was due is named as such). Only ``linear_function`` draws from NumPy's global state, as the
original did; ``initialize_parameters`` seeds PyTorch itself and is judged by its properties, so any correct Glorot
draw passes. Randomised cases vary every dimension so that hard-coded sizes fail.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.checking.wire import TorchTensor, as_torch_tensor
from dlspec.nn.deep import L_model_backward, L_model_forward

SHAPES = {"W1": (25, 784), "b1": (25, 1), "W2": (12, 25), "b2": (12, 1), "W3": (10, 12), "b3": (10, 1)}
# Glorot normal: std sqrt(2 / (fan_in + fan_out)). A sample of n normal draws estimates its std to within about
# 1 / sqrt(2n); a correct draw stays within four of those (a false alarm once in some 15,000 learners). W1 alone
# (19,600 weights: 2%) rejects LeCun's sqrt(1 / fan_in), 0.72 times Glorot's there; W2 and W3 pooled (420 weights:
# 14%) reject He's sqrt(2 / fan_in), 1.26 times Glorot's on them (on W1, He and Glorot differ by only 1.6%).
SPREAD_GROUPS = (("W1",), ("W2", "W3"))
SPREAD_ERRORS = 4
TOL = {"rtol": 1e-5, "atol": 1e-6}
INPUTS = "dlspec.course.c2w3a1.inputs"  # the tensor inputs, made in the grading process


def linear_function_cases() -> list[Case]:
    return [Case("example", seed=1, **TOL)] + [Case(f"seed {s}", seed=s, **TOL) for s in (7, 23, 2024)]


def sigmoid_cases() -> list[Case]:
    cases = [Case("example", (-1,), **TOL, note="z = -1")]
    for i, shape in enumerate([(3,), (2, 5), (4, 1, 3)]):
        made = {"seed": i, "shape": shape}
        cases.append(Case(f"random {i}", make=f"{INPUTS}:sigmoid_inputs", make_kwargs=made, **TOL,
                          note=f"z tensor {shape}"))  # fmt: skip
    cases.append(Case("a Python float", (2.5,), **TOL, note="z = 2.5"))
    return cases


def one_hot_matrix_cases() -> list[Case]:
    def labelled(name: str, *label_and_C: int) -> Case:
        return Case(name, make=f"{INPUTS}:label_inputs", make_kwargs={"label": label_and_C[0], "C": label_and_C[1:]},
                    note=f"label {label_and_C[0]}, C = {(label_and_C[1:] or (6,))[0]}")  # fmt: skip

    cases = [labelled("example", 1)]
    for i, C in enumerate([3, 10, 7]):
        label = int(np.random.default_rng(i).integers(0, C - 1))  # never the last class: see the off-by-one mutant
        cases.append(labelled(f"random {i}", label, C))
    cases.append(labelled("last class", 4, 5))
    cases += [Case(f"a Python int, C = {C}", (label, C), note=f"label {label} (a plain int), C = {C}")
              for label, C in [(3, 8), (0, 4)]]
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
        if not t.is_leaf:
            return (
                f"{key} is computed from another tensor, not a tensor of its own, so an optimiser cannot update "
                "it: scale first, then call .requires_grad_() on the result"
            )
        if key.startswith("W") and np.all(t.array == t.array.flat[0]):
            return f"every entry of {key} is the same: the units of a layer would stay identical"
    for group in SPREAD_GROUPS:
        scaled = np.concatenate([tensors[k].array.ravel() / np.sqrt(2 / sum(SHAPES[k])) for k in group])
        spread, bound = float(np.sqrt(np.mean(scaled**2))), SPREAD_ERRORS / np.sqrt(2 * scaled.size)
        if abs(spread - 1) > bound:
            return (
                f"{' and '.join(group)} are spread {spread:.3f} times the Glorot standard deviation "
                f"sqrt(2 / (fan_in + fan_out)); expected 1 ± {bound:.2f}"
            )
    return None


def initialize_parameters_cases() -> list[Case]:
    # no arguments to vary: the repeated calls check that a correct answer does not depend on earlier state
    return [Case("example", judge=judge_initialisation)] + [
        Case(f"call {i}", seed=i, judge=judge_initialisation) for i in (1, 2, 3)
    ]


def forward_propagation_cases() -> list[Case]:
    cases = []
    for i, (dims, m) in enumerate([([784, 25, 12, 10], 2), ([5, 4, 3, 2], 6), ([7, 9, 6, 4], 3), ([3, 8, 5, 6], 9)]):
        note = f"X {(dims[0], m)}, layers {dims}"
        made = {"seed": 10 + i, "dims": dims, "m": m}
        cases.append(Case("example" if i == 0 else f"random {i}", make=f"{INPUTS}:forward_inputs", make_kwargs=made,
                          **TOL, note=note))  # fmt: skip
    return cases


def compute_total_loss_cases() -> list[Case]:
    cases = []
    for i, (C, m) in enumerate([(6, 2), (10, 5), (3, 8), (4, 4)]):
        note = f"logits {(C, m)} requiring gradients, labels {(C, m)}"
        made = {"seed": 20 + i, "C": C, "m": m}
        cases.append(Case("example" if i == 0 else f"random {i}", make=f"{INPUTS}:loss_inputs", make_kwargs=made,
                          **TOL, note=note))  # fmt: skip
    return cases


# Backprop with planted bugs, handed to numpy_vs_torch as its ``forward`` / ``backward``: the bridge must measure
# each one (0.25, 0.5, half of AL, 0.3 on a single weight), so a function that returns a tiny number without
# comparing fails, and so does one that averages the differences instead of taking the largest.
def backward_db_too_big(AL, Y, caches):
    grads = L_model_backward(AL, Y, caches)
    grads[f"db{len(caches)}"] = grads[f"db{len(caches)}"] + 0.25
    return grads


def backward_dW1_too_small(AL, Y, caches):
    grads = L_model_backward(AL, Y, caches)
    grads["dW1"] = grads["dW1"] - 0.5
    return grads


def backward_one_weight_off(AL, Y, caches):
    grads = L_model_backward(AL, Y, caches)
    grads["dW1"][0, 0] += 0.3
    return grads


def forward_halved(X, parameters):
    AL, caches = L_model_forward(X, parameters)
    return AL / 2, caches


def _network(rng: np.random.Generator, dims: list[int], m: int) -> tuple[dict, np.ndarray, np.ndarray]:
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.normal(0, 1 / np.sqrt(dims[l - 1]), (dims[l], dims[l - 1]))
        params[f"b{l}"] = rng.normal(0, 0.5, (dims[l], 1))
    X = rng.standard_normal((dims[0], m))
    Y = rng.integers(0, 2, (1, m)).astype(float)
    Y[0, 0], Y[0, -1] = 1.0, 0.0
    return params, X, Y


def numpy_vs_torch_cases() -> list[Case]:
    cases = []
    for i, (dims, m) in enumerate([([4, 3, 1], 5), ([5, 4, 6, 3, 1], 4)]):
        # the answer is rounding error (~1e-16); a tolerance of 1e-9 accepts any float64 route and nothing wrong
        note = f"layers {dims}, X ({dims[0]}, {m})"
        args = _network(np.random.default_rng(30 + i), dims, m)
        cases.append(Case("example" if i == 0 else f"random {i}", args, rtol=0.0, atol=1e-9, note=note))
    planted = [
        ("db too big", {"backward": backward_db_too_big}, "the last db is 0.25 too big"),
        ("dW1 too small", {"backward": backward_dW1_too_small}, "dW1 is 0.5 too small"),
        ("AL halved", {"forward": forward_halved}, "the forward pass halves AL"),
        ("db too big, two layers", {"backward": backward_db_too_big}, "the last db is 0.25 too big"),
        ("one weight's gradient off", {"backward": backward_one_weight_off}, "dW1[0, 0] is 0.3 too big"),
    ]
    networks = [([5, 4, 3, 1], 6), ([6, 5, 1], 7), ([3, 7, 1], 10), ([4, 2, 1], 5), ([6, 4, 3, 1], 8)]
    for i, ((name, kwargs, what), (dims, m)) in enumerate(zip(planted, networks, strict=True)):
        note = f"layers {dims}, X ({dims[0]}, {m}), a {next(iter(kwargs))} in which {what}"
        args = _network(np.random.default_rng(40 + i), dims, m)
        cases.append(Case(f"planted bug: {name}", args, kwargs, rtol=1e-9, atol=1e-9, note=note))
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
