"""Cases for C2W1A1, initialisation.

The first case of each function is the original's example, ``layers_dims = [3, 2, 1]`` after seeding 3, so the
numbers a learner sees are the original's. The others vary the depth and the widths, with some layers wide
enough (at least ``MIN_WEIGHTS_FOR_SCALE`` weights) that the spread of a correct draw is pinned down.

Zeros have one right answer and are compared exactly. The random initialisers are judged by their properties
(keys, shapes, zero biases, centred weights with the right spread layer by layer), so any correct draw passes,
the seeded original's included.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlspec.checking.spec import Case
from dlspec.course.judges import parameters_layout_problem

# With n weights the sample standard deviation of a correct draw is within about 1/sqrt(2n) of the true one,
# 0.018 relative at n = 1500; the bounds below are five such spreads or more, and still reject a wrong scale
# such as sqrt(1/n) for sqrt(2/n) (a factor 0.71).
MIN_WEIGHTS_FOR_SCALE = 1000
SCALE_BOUNDS = (0.9, 1.1)
MEAN_BOUND = 0.15  # |mean| / std: about 0.03 for a centred draw of 1000, 1.7 for a uniform draw on [0, 1)
# Small layers only get a loose check: eight normal draws can spread anywhere from a fifth to three times the scale.
LOOSE_BOUNDS = (0.2, 3.0)
MIN_WEIGHTS_FOR_SIGNS = 16  # all 16 of a correct draw share a sign with probability 2**-15
CENTRE_ERRORS = 5  # a centred draw's mean is within 5 standard errors of 0 but once in 3.5 million


def _note(layers_dims: list[int]) -> str:
    return f"layers_dims = {layers_dims}"


def judge_scaled(scale: Callable[[int], float], formula: str):
    """A judge for random weights of standard deviation ``scale(n_prev)``, zero biases, any correct draw."""

    def judge(got, expected, args) -> str | None:
        problem = parameters_layout_problem(got, expected)
        if problem:
            return problem
        if all(np.allclose(got[k], expected[k]) for k in expected):
            return None
        layers_dims = args[0]
        normalised = []
        for l in range(1, len(layers_dims)):
            W = np.asarray(got[f"W{l}"], dtype=float)
            want = scale(layers_dims[l - 1])
            if W.size > 1 and np.all(W == W.flat[0]):
                return f"every entry of W{l} is the same: the units of layer {l} would stay identical"
            if W.shape[0] > 1 and np.all(W == W[:1]):
                return f"the rows of W{l} are identical: the units of layer {l} would compute the same thing forever"
            if W.size >= MIN_WEIGHTS_FOR_SCALE:
                ratio, centre = np.std(W) / want, abs(np.mean(W)) / np.std(W)
                if centre > MEAN_BOUND:
                    return f"W{l} has mean {np.mean(W):.3g}: the weights should be centred on zero (a normal draw)"
                if not SCALE_BOUNDS[0] <= ratio <= SCALE_BOUNDS[1]:
                    where = f" with n_prev = {layers_dims[l - 1]}" if "n_prev" in formula else ""
                    return (f"W{l} {W.shape} has standard deviation {np.std(W):.3g}, expected about {want:.3g} "
                            f"({formula}{where})")
            normalised.append(W.ravel() / want)
        pooled = np.concatenate(normalised)
        if pooled.size >= MIN_WEIGHTS_FOR_SIGNS and abs(np.mean(pooled)) > CENTRE_ERRORS * np.std(pooled) / np.sqrt(
            pooled.size
        ):
            return (f"the weights are centred on {np.mean(pooled):.3g} times the expected scale, not on 0: draw them "
                    "from a normal distribution of mean 0 (np.random.randn)")
        if not LOOSE_BOUNDS[0] <= np.std(pooled) <= LOOSE_BOUNDS[1]:
            return f"the weights are about {np.std(pooled):.3g} times the expected scale ({formula})"
        if pooled.size >= MIN_WEIGHTS_FOR_SIGNS and (np.all(pooled >= 0) or np.all(pooled <= 0)):
            return "the weights all have the same sign; they should be centred on zero"
        return None

    return judge


def _cases(dims: list[list[int]], seeds: list[int], judge=None) -> list[Case]:
    return [
        Case(_note(d), args=(d,), seed=seed, judge=judge, note=_note(d))
        for d, seed in zip(dims, seeds, strict=True)
    ]


def initialize_parameters_zeros_cases() -> list[Case]:
    return _cases([[3, 2, 1], [4, 6, 2], [5, 3, 7, 1], [2, 10, 5, 1]], [None] * 4)


def initialize_parameters_random_cases() -> list[Case]:
    dims = [[3, 2, 1], [5, 4, 3, 1], [2, 600, 3], [40, 50, 25, 1]]
    return _cases(dims, [3, 1, 5, 7], judge_scaled(lambda n_prev: 10.0, "10"))


def initialize_parameters_he_cases() -> list[Case]:
    dims = [[3, 2, 1], [5, 4, 3, 1], [2, 600, 3], [40, 50, 25, 1]]
    return _cases(dims, [3, 2, 6, 8], judge_scaled(lambda n_prev: np.sqrt(2 / n_prev), "sqrt(2 / n_prev)"))


CHECKS = {
    "initialize_parameters_zeros": initialize_parameters_zeros_cases,
    "initialize_parameters_random": initialize_parameters_random_cases,
    "initialize_parameters_he": initialize_parameters_he_cases,
}
