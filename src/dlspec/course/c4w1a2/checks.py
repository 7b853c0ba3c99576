"""Cases for C4W1A2, the convolution model application.

The two models are graded by what they do, through the probe ``dlspec.checking.probes:module_report``: the shape of
every parameter in order, the output for injected weights in eval mode and in train mode (BatchNorm normalises with
its running statistics in one and with the batch's own in the other), and the parameters after one SGD step. Their
inputs are random images of the lesson's size (the layer sizes are fixed by it), with weights scaled as a trained
network's would be, so no output is so large that float32 rounding hides a mistake.

``train_epoch`` and ``predict`` receive small Conv-BatchNorm-ReLU-Linear models, each in the wrong mode for its job
(eval for training, train for predicting): a function that forgets ``model.train()`` or ``model.eval()`` computes
other numbers. Those inputs are PyTorch objects, made where the case runs (inputs.py), so this module never imports
PyTorch: the grader's parent process then does not either.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case

PROBE = "dlspec.checking.probes:module_report"
INPUTS = "dlspec.course.c4w1a2.inputs"  # the PyTorch inputs, made in the grading process
TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32, and conv layers that may sum in another order ("same" vs ZeroPad)
# each model's parameters in order: a kernel or matrix ("w"), a bias ("b"), or BatchNorm's scale ("gamma")
HAPPY = [("w", (32, 3, 7, 7)), ("b", (32,)), ("gamma", (32,)), ("b", (32,)), ("w", (1, 32 * 32 * 32)), ("b", (1,))]
SIGNS = [("w", (8, 3, 4, 4)), ("b", (8,)), ("w", (16, 8, 2, 2)), ("b", (16,)), ("w", (6, 16 * 2 * 2)), ("b", (6,))]


def _weights(rng: np.random.Generator, parameters: list[tuple[str, tuple[int, ...]]]) -> list[np.ndarray]:
    """Weights of a trained network's size: kernels and matrices spread 1/sqrt(fan-in), biases near 0, BatchNorm's
    scales near 1."""
    spread = {"b": lambda shape: 0.1, "gamma": lambda shape: 0.2, "w": lambda shape: 1 / np.sqrt(np.prod(shape[1:]))}
    return [
        ((kind == "gamma") + rng.normal(0.0, spread[kind](shape), shape)).astype(np.float32)
        for kind, shape in parameters
    ]


def _model_case(name: str, parameters: list, n_out: int, m: int, seed: int, what: str) -> Case:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, (m, 3, 64, 64))
    kwargs = {"x": x, "weights": _weights(rng, parameters), "target": rng.normal(size=(m, n_out))}
    return Case(name, seed=seed, probe=PROBE, probe_kwargs=kwargs, note=f"{what} on {m} random images (3, 64, 64)",
                **TOL)  # fmt: skip


def happyModel_cases() -> list[Case]:
    batches = [("example", 4, 1), ("random 1", 3, 2), ("random 2", 6, 3), ("random 3", 2, 4)]
    return [_model_case(name, HAPPY, 1, m, seed, "happyModel()") for name, m, seed in batches]


def ConvolutionalModel_cases() -> list[Case]:
    batches = [("example", 4, 11), ("random 1", 5, 12), ("random 2", 8, 13), ("random 3", 3, 14)]
    return [_model_case(name, SIGNS, 6, m, seed, "ConvolutionalModel()") for name, m, seed in batches]


def images_to_tensor_cases() -> list[Case]:
    shapes = [("example", (3, 5, 7, 3)), ("random 1", (2, 8, 6, 3)), ("random 2", (5, 4, 9, 1)),
              ("random 3", (1, 6, 6, 4))]  # fmt: skip
    return [
        Case(name, (np.random.default_rng(k).integers(0, 256, shape).astype(np.uint8),), note=f"X_orig uint8 {shape}")
        for k, (name, shape) in enumerate(shapes)
    ]


def described(n_out: int, mode: str) -> str:
    return f"a Conv-BatchNorm-ReLU-Linear model with {n_out} output{'s' * (n_out > 1)}, left in {mode} mode"


def train_epoch_cases() -> list[Case]:
    setups = [("example", 1, 3, 0.1, 5), ("random 1", 4, 4, 0.3, 6), ("random 2", 1, 2, 0.5, 7),
              ("random 3", 3, 5, 0.2, 8)]  # fmt: skip
    cases = []
    for name, n_out, n_batches, lr, seed in setups:
        loss = "BCEWithLogitsLoss" if n_out == 1 else "CrossEntropyLoss"
        note = f"{described(n_out, 'eval')}; {n_batches} batches of 5 images (3, 8, 8); {loss}; SGD with lr {lr}"
        made = {"n_out": n_out, "n_batches": n_batches, "lr": lr, "seed": seed}
        cases.append(Case(name, make=f"{INPUTS}:train_epoch_inputs", make_kwargs=made, note=note, **TOL))
    return cases


def predict_cases() -> list[Case]:
    cases = []
    for name, n_out, m, seed in [("example", 1, 8, 20), ("random 1", 5, 10, 21), ("random 2", 1, 12, 22),
                                 ("random 3", 3, 7, 23)]:  # fmt: skip
        note = f"{described(n_out, 'train')}; X ({m}, 3, 8, 8)"
        made = {"n_out": n_out, "m": m, "seed": seed}
        cases.append(Case(name, make=f"{INPUTS}:predict_inputs", make_kwargs=made, note=note))
    return cases


CHECKS = {
    "images_to_tensor": images_to_tensor_cases,
    "happyModel": happyModel_cases,
    "train_epoch": train_epoch_cases,
    "predict": predict_cases,
    "ConvolutionalModel": ConvolutionalModel_cases,
}
