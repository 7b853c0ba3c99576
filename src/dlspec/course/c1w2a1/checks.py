"""Cases for c1w2a1: the original's small fixtures first, then random inputs of varied shapes."""

import dataclasses
from collections.abc import Callable

import numpy as np

from dlspec.checking.spec import Case

# The original's 3x3x2 "image" for image2vector.
IMAGE = np.array(
    [
        [[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
        [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
        [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]],
    ]
)
YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
Y = np.array([1, 0, 0, 1, 1])


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def basic_sigmoid_cases() -> list[Case]:
    cases = [Case("x = 1", args=(1,), note="x = 1 (an int)")]
    for seed in (1, 2, 3):
        x = float(_rng(seed).normal(0, 4))
        cases.append(Case(f"random x #{seed}", args=(x,), note=f"x = {x:.4f}"))
    cases.append(Case("negative x", args=(-2.5,), note="x = -2.5"))
    return cases


def _array_cases(seed0: int, low: float = -5.0, high: float = 5.0) -> list[Case]:
    """Random arrays of rank 1, 2 and 3 for elementwise functions."""
    cases = []
    for seed, shape in zip((seed0, seed0 + 1, seed0 + 2), ((7,), (3, 4), (2, 3, 5)), strict=True):
        x = _rng(seed).uniform(low, high, size=shape)
        cases.append(Case(f"random {shape}", args=(x,), note=f"x {shape}"))
    return cases


def sigmoid_cases() -> list[Case]:
    return [Case("x = [1, 2, 3]", args=(np.array([1, 2, 3]),), note="x (3,)"), *_array_cases(10)]


def sigmoid_derivative_cases() -> list[Case]:
    return [Case("x = [1, 2, 3]", args=(np.array([1, 2, 3]),), note="x (3,)"), *_array_cases(20)]


def image2vector_cases() -> list[Case]:
    cases = [Case("3x3x2 image", args=(IMAGE,), note="image (3, 3, 2)")]
    for seed, shape in ((30, (4, 5, 3)), (31, (2, 7, 1)), (32, (6, 6, 3))):
        image = _rng(seed).random(shape)
        cases.append(Case(f"random image {shape}", args=(image,), note=f"image {shape}"))
    return cases


def normalize_rows_cases() -> list[Case]:
    cases = [Case("[[0, 3, 4], [1, 6, 4]]", args=(np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]]),), note="x (2, 3)")]
    for seed, shape in ((40, (4, 3)), (41, (3, 3)), (42, (1, 6)), (43, (5, 2))):
        x = _rng(seed).normal(size=shape)
        cases.append(Case(f"random {shape}", args=(x,), note=f"x {shape}"))
    return cases


def softmax_cases() -> list[Case]:
    x = np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]])
    cases = [Case("2x5 scores", args=(x,), note="x (2, 5)")]
    for seed, shape in ((50, (3, 4)), (51, (4, 4)), (52, (1, 6)), (53, (6, 2))):
        x = _rng(seed).normal(0, 3, size=shape)
        cases.append(Case(f"random {shape}", args=(x,), note=f"x {shape}"))
    return cases


def _loss_cases(seed0: int) -> list[Case]:
    cases = [Case("yhat = [.9, .2, .1, .4, .9], y = [1, 0, 0, 1, 1]", args=(YHAT, Y), note="yhat (5,), y (5,)")]
    for seed, m in ((seed0, 8), (seed0 + 1, 3), (seed0 + 2, 12)):
        rng = _rng(seed)
        yhat, y = rng.random(m), rng.integers(0, 2, m)
        cases.append(Case(f"random m = {m}", args=(yhat, y), note=f"yhat ({m},), y ({m},)"))
    return cases


def L1_cases() -> list[Case]:
    return _loss_cases(60)


def L2_cases() -> list[Case]:
    return _loss_cases(70)


def _pure(cases: Callable[[], list[Case]]) -> Callable[[], list[Case]]:
    """Every function here computes a new array: one that edits its argument in place (z *= -1, x /= norm) would
    silently change the caller's data in the notebook, so it fails."""
    return lambda: [dataclasses.replace(c, keep_args=True) for c in cases()]


CHECKS = {
    name: _pure(cases)
    for name, cases in {
        "basic_sigmoid": basic_sigmoid_cases,
        "sigmoid": sigmoid_cases,
        "sigmoid_derivative": sigmoid_derivative_cases,
        "image2vector": image2vector_cases,
        "normalize_rows": normalize_rows_cases,
        "softmax": softmax_cases,
        "L1": L1_cases,
        "L2": L2_cases,
    }.items()
}
