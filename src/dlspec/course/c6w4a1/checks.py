"""Cases for C6W4A1, adversarial attacks and defences.

The inputs are PyTorch objects made in the grading process (``inputs.py``, through Case.make): small networks with
dropout and random weights, left in train mode as after training (an attack run in train mode draws dropout masks
and moves other pixels), a linear softmax model (FGSM's step in closed form), and the shipped standard MNIST model
on real test digits, which PGD breaks completely.

An attack is judged by ``inputs.attack_report``: its images must lie in [0, 1] and within eps of the originals,
the model's parameters must be as they were and hold no gradient afterwards, and the images must be the expected
ones, pixel by pixel, but for a few: a gradient within rounding of zero may take either sign when the sums are
ordered otherwise. PGD's random start is drawn as the notebook says, so a seeded generator makes it exact too.
``adversarial_training_epoch`` is judged by ``inputs.training_report``: the mode of the model at every attack, the
loss it returned and the weights and batch-norm statistics it left.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from dlspec.checking.spec import Case

INPUTS = "dlspec.course.c6w4a1.inputs"
TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32 sums, which another correct order of operations rounds otherwise
PIXEL_TOL = 1e-4  # an attacked pixel this close to the expected one is the same
ODD_PIXELS = 0.002  # the share of pixels that may differ: gradients within rounding of zero, signed either way
START = ("; if your steps are right, check the random start: drawn once per restart, before the steps, exactly as "
         "torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1)")


def project_linf_cases() -> list[Case]:
    setups = [("example: 2 images of 4x4, eps 0.1", (2, 1, 4, 4), 0.1, 1),
              ("3 digits of 28x28, eps 0.3", (3, 1, 28, 28), 0.3, 2),
              ("flattened images (5, 784), eps 0.05", (5, 784), 0.05, 3),
              ("colour images (2, 3, 8, 8), eps 0.5", (2, 3, 8, 8), 0.5, 4),
              ("eps 0: the original images", (4, 1, 6, 6), 0.0, 5)]  # fmt: skip
    return [Case(name, make=f"{INPUTS}:tensors_inputs", make_kwargs={"seed": seed, "what": "project",
                                                                      "shape": shape, "eps": eps},
                 note=f"x {shape} in [0, 1] (some pixels exactly 0 or 1), x_adv up to 3 eps away from it, "
                      f"eps {eps}", **TOL)
            for name, shape, eps, seed in setups]  # fmt: skip


def cw_margin_loss_cases() -> list[Case]:
    setups = [("example: 4 examples, 3 classes", (4, 3), 11), ("6 examples, 10 classes", (6, 10), 12),
              ("ties between the two best logits", (9, 10), 13), ("two classes", (5, 2), 14),
              ("one example, 100 classes", (1, 100), 15)]  # fmt: skip
    return [Case(name, make=f"{INPUTS}:tensors_inputs", make_kwargs={"seed": seed, "what": "cw", "shape": shape},
                 note=f"logits {shape}, y ({shape[0]},); every third row has logits 0 and 1 equal", **TOL)
            for name, shape, seed in setups]  # fmt: skip


def _attack_note(model: str, m: int, side: int) -> str:
    where = (f"the shipped standard MNIST model on the first {m} test digits" if model == "standard" else
             f"{'a linear softmax model' if model == 'linear' else 'a small CNN with dropout, in train mode'} on "
             f"{m} random images (m, 1, {side}, {side})")  # fmt: skip
    return where


def judge_attack(got: Any, expected: Any, args: tuple, eps: float, random_start: bool = False) -> str | None:
    """An attack's report (inputs.attack_report) against the reference's. With ``random_start``, images that
    differ may come from another way of drawing the start, which the message names."""
    x_adv, want = got.get("x_adv") if isinstance(got, dict) else None, expected["x_adv"]
    if not isinstance(x_adv, np.ndarray):
        return f"should return the attacked images as one tensor, got {type(x_adv).__name__}"
    if x_adv.shape != want.shape:
        return f"returned images of shape {x_adv.shape}, expected {want.shape} (the shape of x)"
    if got["low"] < -1e-6 or got["high"] > 1 + 1e-6:
        return (f"the attacked pixels run from {got['low']:.4f} to {got['high']:.4f}: clip them into [0, 1], the "
                "range of a real image")
    if got["max_change"] > eps + 1e-5:
        return (f"a pixel moved by {got['max_change']:.4f}, more than eps = {eps}: every attacked image must stay "
                "within eps of the original x, in every pixel")
    if got["weights"] != expected["weights"]:
        return "the model's parameters changed: an attack must leave the model as it is"
    if got["grads"] and not expected["grads"]:
        return ("the model's parameters hold gradients after the attack (loss.backward() fills them): take the "
                "gradient with respect to the images only, torch.autograd.grad(loss, x_adv)")
    off = np.abs(x_adv - want) > PIXEL_TOL
    if off.mean() > ODD_PIXELS:
        return (f"{off.mean():.1%} of the pixels differ from the expected attack's (by up to "
                f"{np.abs(x_adv - want).max():.3f}); the model then gets {got['accuracy']:.0%} of the images right, "
                f"against {expected['accuracy']:.0%} with the expected attack" + (START if random_start else ""))
    return None


def _attack_case(name: str, maker: str, kwargs: dict, note: str, seed: int | None = None) -> Case:
    judge = partial(judge_attack, eps=kwargs["eps"], random_start=kwargs.get("random_start", False))
    return Case(name, make=f"{INPUTS}:{maker}", make_kwargs=kwargs, updates=(0, 1, 2), seed=seed,
                probe=f"{INPUTS}:attack_report", judge=judge, note=note)


def fgsm_cases() -> list[Case]:
    setups = [("example: a linear softmax model, eps 0.1", 1, "linear", 0.1, 4, 10),
              ("a small CNN with dropout, eps 0.2", 2, "cnn", 0.2, 6, 10),
              ("a small CNN, bigger images, eps 0.3", 3, "cnn", 0.3, 8, 14),
              ("the standard MNIST model, real digits, eps 0.3", 0, "standard", 0.3, 20, 28),
              ("eps 0: the images unchanged", 4, "cnn", 0.0, 3, 10)]  # fmt: skip
    return [_attack_case(name, "fgsm_inputs", {"seed": seed, "model": model, "eps": eps, "m": m, "side": side},
                         f"{_attack_note(model, m, side)}; eps {eps}", seed=seed)
            for name, seed, model, eps, m, side in setups]  # fmt: skip


def pgd_linf_cases() -> list[Case]:
    setups = [("example: no random start, cross-entropy, 5 steps", 21, "cnn", 0.3, 0.05, 5, False, "ce", 1, 6, 10),
              ("no random start, the margin loss, a linear model", 22, "linear", 0.1, 0.02, 10, False, "cw", 1, 5,
               10),
              ("steps larger than eps: the projection onto the ball", 23, "cnn", 0.1, 0.25, 4, False, "ce", 1, 6,
               10),
              ("a random start, 3 steps", 24, "cnn", 0.2, 0.05, 3, True, "ce", 1, 6, 12),
              ("3 restarts on the margin loss", 25, "cnn", 0.15, 0.05, 4, True, "cw", 3, 10, 10),
              ("4 restarts on the cross-entropy", 26, "cnn", 0.1, 0.03, 3, True, "ce", 4, 12, 10),
              ("the standard MNIST model, 20 real digits, PGD-10: none left right", 27, "standard", 0.3, 0.05, 10,
               True, "ce", 1, 20, 28)]  # fmt: skip
    cases = []
    for name, seed, model, eps, alpha, steps, start, loss, restarts, m, side in setups:
        kwargs = {"seed": seed, "model": model, "eps": eps, "alpha": alpha, "steps": steps, "random_start": start,
                  "loss": loss, "restarts": restarts, "m": m, "side": side}
        note = (f"{_attack_note(model, m, side)}; eps {eps}, alpha {alpha}, steps {steps}, random_start {start}, "
                f"loss {loss!r}, restarts {restarts}, a generator seeded with {seed + 1000}")
        cases.append(_attack_case(name, "pgd_inputs", kwargs, note, seed=seed))
    return cases


def judge_training(got: Any, expected: Any, args: tuple) -> str | None:
    """An epoch's report (inputs.training_report) against the reference's."""
    modes = got["modes"]
    if any(modes):
        return (f"the model was in train mode during {sum(modes)} of the {len(modes)} attacks: switch it to eval "
                "mode (model.eval()) before attacking a batch")
    loss = got["loss"]
    if not isinstance(loss, (int, float)):
        return f"should return the epoch's mean loss as a Python float, got {type(loss).__name__}"
    changed = [k for k, v in expected["state"].items()
               if k not in got["state"] or not np.allclose(got["state"][k], v, rtol=1e-3, atol=1e-5)]  # fmt: skip
    if changed:
        return (f"after the epoch the model's {', '.join(changed[:3])} differ from the expected ones: attack the "
                "batch in eval mode, then train mode, zero the gradients, one step on the cross-entropy of the "
                "attacked batch")
    if not np.isclose(loss, expected["loss"], rtol=1e-4):
        return (f"returned the loss {loss:.6g}, expected {expected['loss']:.6g}: the mean over the epoch's "
                "examples of the training loss (each batch's mean weighted by its size)")
    return None


def adversarial_training_epoch_cases() -> list[Case]:
    setups = [("example: 20 images, batches of 8 (the last one of 4), eps 0.1", 31, 20, 8, 0.1),
              ("one batch of 16", 32, 16, 16, 0.2), ("25 images, batches of 6", 33, 25, 6, 0.05),
              ("40 images, batches of 10, eps 0.3", 34, 40, 10, 0.3)]  # fmt: skip
    return [Case(name, make=f"{INPUTS}:training_inputs",
                 make_kwargs={"seed": seed, "m": m, "batch_size": batch, "eps": eps}, seed=seed, updates=(0, 4),
                 probe=f"{INPUTS}:training_report", judge=judge_training,
                 note=f"a small CNN with batch norm and dropout, SGD with momentum, {m} random images (m, 1, 8, 8); "
                      f"attack: one FGSM step of eps {eps} that records the model's mode; batch_size {batch}; "
                      f"a generator seeded with {seed}")
            for name, seed, m, batch, eps in setups]  # fmt: skip


def robust_accuracy_cases() -> list[Case]:
    setups = [("example: a small CNN, FGSM and a swap", 41, "cnn", ["fgsm0.3", "swap"]),
              ("a linear model, three attacks", 42, "linear", ["swap", "fgsm0.05", "fgsm0.5"]),
              ("one attack", 43, "cnn", ["fgsm0.1"]), ("two swaps that break different images", 44, "cnn",
                                                       ["swap", "swap2"]),
              ("no attack: only the clean accuracy", 45, "linear", [])]  # fmt: skip
    return [Case(name, make=f"{INPUTS}:robust_inputs", make_kwargs={"seed": seed, "model": model, "attacks": attacks},
                 seed=seed, note=f"{_attack_note(model, 40, 10)}, y mostly its own predictions; attacks "
                                 f"{attacks or 'none'} ('fgsmE': FGSM of eps E; 'swap': two fifths of the images "
                                 "replaced by the next one)", **TOL)
            for name, seed, model, attacks in setups]  # fmt: skip


CHECKS = {
    "project_linf": project_linf_cases,
    "fgsm": fgsm_cases,
    "cw_margin_loss": cw_margin_loss_cases,
    "pgd_linf": pgd_linf_cases,
    "robust_accuracy": robust_accuracy_cases,
    "adversarial_training_epoch": adversarial_training_epoch_cases,
}
