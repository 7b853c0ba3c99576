"""Cases for C4W4A2, neural style transfer.

The costs run on random post-ReLU activations (zeros and positive values, as a trunk's layers give them) in
PyTorch's layout (1, n_C, n_H, n_W), with n_C, n_H and n_W all different, so a reshape that mixes channels with
positions, or a normalisation by the wrong sizes, shows. The generated activations record gradients: a cost cut
off from autograd (``.item()``, ``.detach()``, NumPy) is named as such. Style costs get outputs of several layers
of different sizes, the content layer's last, and STYLE_LAYERS with unequal weights, so ignoring the weights, or
counting the content layer as a style layer, shows.

``train_step`` is judged by what one step does on a VGG16 a few channels wide with random weights, on 32x32
pictures: the cost it returns (of the image before the step), and the image after it, which must be the Adam step
on the total cost, clipped into [0, 1] in place. All but the first case come after a few steps of the answer key,
so Adam has a history and the image a stale gradient, as at every step of a real run but the first.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlspec.checking.spec import Case
from dlspec.checking.wire import TorchTensor, as_torch_tensor

INPUTS = "dlspec.course.c4w4a2.inputs"  # the tensor inputs, made in the grading process
TOL = {"rtol": 1e-4, "atol": 1e-6}  # float32 sums, which another correct order of operations rounds otherwise
STEP_TOL = 1e-4  # the image after a step: Adam moves each pixel by about the learning rate, 0.01
STATE = ("vgg_model_outputs", "a_S", "a_C", "optimizer")


def _shapes_note(shapes: list[tuple[int, ...]]) -> str:
    return ", ".join(str(s) for s in shapes)


def compute_content_cost_cases() -> list[Case]:
    setups = [("example", [(1, 3, 4, 5)], 1), ("random 1", [(1, 6, 3, 7)], 2),
              ("three layers: the last is the content layer", [(1, 2, 8, 8), (1, 4, 4, 4), (1, 5, 2, 3)], 3),
              ("random 2", [(1, 16, 5, 9)], 4), ("one channel", [(1, 1, 6, 2)], 5)]  # fmt: skip
    return [Case(name, make=f"{INPUTS}:outputs_inputs", make_kwargs={"seed": seed, "shapes": shapes}, **TOL,
                 note=f"content_output and generated_output: lists of activations {_shapes_note(shapes)}")
            for name, shapes, seed in setups]  # fmt: skip


def gram_matrix_cases() -> list[Case]:
    setups = [("example", 3, 8, 11), ("random 1", 5, 12, 12), ("more channels than positions", 9, 4, 13),
              ("random 2", 16, 30, 14), ("one channel", 1, 7, 15)]  # fmt: skip
    return [Case(name, make=f"{INPUTS}:gram_inputs", make_kwargs={"seed": seed, "n_C": n_C, "n": n}, **TOL,
                 note=f"A ({n_C}, {n})") for name, n_C, n, seed in setups]  # fmt: skip


def compute_layer_style_cost_cases() -> list[Case]:
    setups = [("example", (1, 3, 4, 5), 21), ("random 1", (1, 6, 3, 7), 22), ("random 2", (1, 8, 5, 2), 23),
              ("wide and flat", (1, 4, 1, 9), 24), ("random 3", (1, 12, 6, 6), 25)]  # fmt: skip
    return [Case(name, make=f"{INPUTS}:layer_style_inputs", make_kwargs={"seed": seed, "shape": shape}, **TOL,
                 note=f"a_S and a_G {shape}") for name, shape, seed in setups]  # fmt: skip


def compute_style_cost_cases() -> list[Case]:
    default = [(1, 3, 8, 8), (1, 4, 8, 8), (1, 5, 4, 4), (1, 6, 2, 2), (1, 6, 1, 1), (1, 6, 1, 1)]
    setups = [("the default STYLE_LAYERS: five layers, then the content layer", default, None, 31),
              ("two style layers, weights 0.7 and 0.3", [(1, 2, 6, 5), (1, 3, 3, 4), (1, 4, 3, 2)], [0.7, 0.3], 32),
              ("three style layers, unequal weights", [(1, 3, 4, 4), (1, 5, 2, 3), (1, 2, 6, 1), (1, 7, 2, 2)],
               [0.5, 0.1, 0.4], 33),
              ("one style layer of weight 2", [(1, 4, 3, 3), (1, 4, 3, 3)], [2.0], 34)]  # fmt: skip
    cases = []
    for name, shapes, weights, seed in setups:
        layers = "STYLE_LAYERS' default" if weights is None else f"weights {weights}"
        cases.append(Case(name, make=f"{INPUTS}:style_inputs", **TOL,
                          make_kwargs={"seed": seed, "shapes": shapes, "weights": weights},
                          note=f"outputs {_shapes_note(shapes)} (the last one the content layer); {layers}"))
    return cases


def total_cost_cases() -> list[Case]:
    cases = [Case("example: floats, the default alpha and beta", (0.2, 0.8), **TOL,
                  note="J_content 0.2, J_style 0.8"),
             Case("floats, alpha 3, beta 8", (0.3, 0.5, 3, 8), **TOL, note="J_content 0.3, J_style 0.5, 3, 8")]
    for name, made in [("tensors, the defaults", {"J_content": 1.5, "J_style": 0.25}),
                       ("tensors, alpha 0.5, beta 100", {"J_content": 7.0, "J_style": 0.02, "extra": (0.5, 100)})]:
        weights = f", alpha {made['extra'][0]}, beta {made['extra'][1]}" if "extra" in made else ""
        cases.append(Case(name, make=f"{INPUTS}:cost_inputs", make_kwargs=made, **TOL,
                          note=f"0-d tensors {made['J_content']} and {made['J_style']}{weights}"))
    return cases


def _values(x: Any) -> np.ndarray | None:
    """A tensor or number carried back, as an array; None for anything else."""
    x = as_torch_tensor(x) or x
    if isinstance(x, TorchTensor):
        return x.array
    try:
        return np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        return None


def judge_train_step(got: Any, expected: Any, args: tuple) -> str | None:
    """The cost of the image before the step, and the image after: Adam's step on the total cost, in [0, 1]."""
    if not isinstance(got, tuple) or len(got) != 2:
        return "train_step should return the total cost J (one tensor), and update generated_image in place"
    J, image = (_values(x) for x in got)
    J_expected, image_expected = (_values(x) for x in expected)
    if image is None or image.shape != image_expected.shape:
        return "generated_image should keep its shape: update it in place, never rebind it to a new tensor"
    if image.min() < -1e-6 or image.max() > 1 + 1e-6:
        return (f"after the step the pixels run from {image.min():.4f} to {image.max():.4f}: clip them back into "
                "[0, 1] in place (with torch.no_grad(): generated_image.clamp_(0, 1))")  # fmt: skip
    if J is None or J.size != 1:
        return "train_step should return the total cost J, one number (a 0-d tensor)"
    if not np.isclose(J.item(), J_expected.item(), rtol=1e-4):
        return (f"train_step returned the cost {J.item():.6g}, expected {J_expected.item():.6g}: the total cost "
                "(alpha = 10, beta = 40) of the image as it was before the step")  # fmt: skip
    moved = np.abs(image - image_expected).max()
    if moved > STEP_TOL:
        return (f"the image after the step differs from one optimizer step on J by up to {moved:.4g}: zero the "
                "old gradient, J.backward(), optimizer.step(), then clip")  # fmt: skip
    return None


def train_step_cases() -> list[Case]:
    swap = {name: f"{INPUTS}:{name}" for name in STATE}
    setups = [("example: the first step", 32, 0, 41), ("after 3 steps", 32, 3, 42), ("after 5 steps", 32, 5, 43),
              ("a 48x48 picture, after 2 steps", 48, 2, 44)]  # fmt: skip
    return [Case(name, make=f"{INPUTS}:train_step_inputs", make_kwargs={"seed": seed, "size": size,
                 "steps_before": before}, swap=swap, updates=(0,), judge=judge_train_step,
                 note=f"generated_image (1, 3, {size}, {size}) in [0, 1]; a VGG16 a few channels wide with random "
                      f"weights; Adam, learning rate 0.01, after {before} steps")
            for name, size, before, seed in setups]  # fmt: skip


CHECKS = {
    "compute_content_cost": compute_content_cost_cases,
    "gram_matrix": gram_matrix_cases,
    "compute_layer_style_cost": compute_layer_style_cost_cases,
    "compute_style_cost": compute_style_cost_cases,
    "total_cost": total_cost_cases,
    "train_step": train_step_cases,
}
