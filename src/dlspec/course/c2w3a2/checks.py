"""Cases for C2W3A2, hyper-parameter tuning and batch normalisation.

The two samplers draw random numbers, so they are judged by their properties: right shape, every value inside
the range, and (on samples big enough to tell) exponents spread evenly with the right mean and spread, in random
order. Any correct draw passes, the seeded reference's included. The rest have one right answer; their cases mix
shapes, include scores large enough to overflow a naive softmax, and both modes of batch norm.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlspec.checking.spec import Case
from dlspec.nn.batchnorm import batchnorm_forward

# A uniform exponent on [a, b] has mean (a + b) / 2 and standard deviation (b - a) / sqrt(12). With 1500 draws
# or more the sample mean is within about 0.007 (b - a) of it; the bounds are several times wider and still
# reject a uniform draw of the value itself, whose exponents bunch at the top of the range.
MIN_DRAWS_FOR_SPREAD = 1000
MEAN_BOUND = 0.05  # |sample mean - centre| / (b - a)
STD_BOUNDS = (0.9, 1.1)  # sample std / ((b - a) / sqrt(12))


def judge_log_uniform(exponent: Callable[[np.ndarray], np.ndarray], bounds: Callable[[tuple], tuple], what: str):
    """A judge for n samples in [low, high] whose ``exponent(values)`` is uniform on ``bounds(args)``."""

    def judge(got, expected, args) -> str | None:
        low, high, n = args
        if not isinstance(got, np.ndarray):
            return f"expected a numpy array, got {type(got).__name__}"
        if got.shape != (n,):
            return f"expected shape ({n},), got {got.shape}"
        if np.allclose(got, expected):
            return None
        if np.any(got < low * (1 - 1e-12)) or np.any(got > high * (1 + 1e-12)):
            return f"values from {got.min():.4g} to {got.max():.4g}: every sample must lie in [{low}, {high}]"
        if n < MIN_DRAWS_FOR_SPREAD:
            return None
        if np.all(np.diff(got) >= 0) or np.all(np.diff(got) <= 0):
            return "the samples are sorted: that is a grid, not a random draw"
        a, b = bounds(args)
        r = exponent(got)
        steps = np.diff(np.sort(r))
        if np.allclose(steps, steps.mean(), rtol=1e-6, atol=1e-12):
            return "the samples are evenly spaced in shuffled order: that is a grid, not a random draw"
        if abs(np.mean(r) - (a + b) / 2) > MEAN_BOUND * (b - a):
            return (f"the mean of {what} is {np.mean(r):.3g}, expected about {(a + b) / 2:.3g}: the samples are not "
                    f"spread evenly on a log scale")
        ratio = np.std(r) / ((b - a) / np.sqrt(12))
        if not STD_BOUNDS[0] <= ratio <= STD_BOUNDS[1]:
            return f"{what} is spread {ratio:.2f} times as wide as a uniform draw on [{a:.3g}, {b:.3g}] would be"
        return None

    return judge


def _sampler_cases(ranges: list[tuple], seeds: list[int], judge) -> list[Case]:
    return [
        Case(f"low={low}, high={high}, n={n}", args=(low, high, n), seed=seed, judge=judge,
             note=f"low = {low}, high = {high}, n = {n}")
        for (low, high, n), seed in zip(ranges, seeds, strict=True)
    ]


def sample_log_uniform_cases() -> list[Case]:
    judge = judge_log_uniform(np.log10, lambda args: (np.log10(args[0]), np.log10(args[1])), "log10(values)")
    ranges = [(1e-4, 1.0, 5), (1e-3, 10.0, 2000), (1e-5, 0.1, 3000), (0.01, 0.5, 1500)]
    return _sampler_cases(ranges, [1, 2, 3, 4], judge)


def sample_beta_cases() -> list[Case]:
    judge = judge_log_uniform(lambda b: np.log10(1 - b), lambda args: (np.log10(1 - args[1]), np.log10(1 - args[0])),
                              "log10(1 - beta)")
    ranges = [(0.9, 0.999, 5), (0.9, 0.999, 2000), (0.99, 0.9999, 1500), (0.5, 0.99, 2500)]
    return _sampler_cases(ranges, [1, 2, 3, 4], judge)


def _scores(seed: int, C: int, m: int, scale: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    Z = rng.normal(0.0, scale, (C, m))
    Y = np.eye(C)[:, rng.integers(0, C, m)]
    return Z, Y


# Column 1 is huge, column 2 ordinary, column 3 has one score far below the rest and column 4 is centred on 0
# but ±800 wide: a softmax that does not shift each column by its own maximum (by the mean, say) overflows,
# underflows or takes log(0) on one of them. Four examples of three classes, so that C and m differ.
EXTREME_Z = np.array([[1000.0, 1.0, 0.0, 800.0], [999.0, 2.0, -800.0, -800.0], [-1000.0, 0.5, 1.0, 0.0]])
EXTREME_Y = np.array([[0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 1.0], [1.0, 0.0, 0.0, 0.0]])
# Two classes, three examples: the same traps in another shape. Column 1 overflows exp unshifted, column 0 lies
# 2000 below the overall maximum, and in column 2 the true class's probability underflows to exactly 0.
EXTREME_Z2 = np.array([[-1200.0, 500.0, 3.0], [-1190.0, 900.0, 800.0]])
EXTREME_Y2 = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])


def softmax_cases() -> list[Case]:
    visible = np.array([[1.0, 2.0], [2.0, 0.0], [3.0, -1.0]])
    cases = [Case("example", args=(visible,), note="Z (3, 2)"),
             Case("extreme scores", args=(EXTREME_Z,), note="Z (3, 4) with scores near ±1000"),
             Case("extreme scores, two classes", args=(EXTREME_Z2,), note="Z (2, 3) with scores near ±1000")]
    for seed, (C, m) in zip([1, 2, 3], [(4, 6), (10, 3), (2, 9)], strict=True):
        cases.append(Case(f"random {C}x{m}", args=(_scores(seed, C, m)[0],), note=f"Z ({C}, {m})"))
    return cases


def softmax_cross_entropy_cases() -> list[Case]:
    visible_Z = np.array([[1.0, 2.0], [2.0, 0.0], [3.0, -1.0]])
    visible_Y = np.array([[0.0, 1.0], [0.0, 0.0], [1.0, 0.0]])
    cases = [Case("example", args=(visible_Z, visible_Y), note="Z (3, 2), Y (3, 2)"),
             Case("extreme scores", args=(EXTREME_Z, EXTREME_Y), note="Z (3, 4) with scores near ±1000"),
             Case("extreme scores, two classes", args=(EXTREME_Z2, EXTREME_Y2), note="Z (2, 3) with scores near ±1000")]
    for seed, (C, m) in zip([4, 5, 6], [(5, 7), (10, 4), (3, 12)], strict=True):
        cases.append(Case(f"random {C}x{m}", args=_scores(seed, C, m), note=f"Z ({C}, {m}), Y ({C}, {m})"))
    return cases


def _bn_inputs(seed: int, n: int, m: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    Z = rng.normal(rng.normal(size=(n, 1)), rng.uniform(0.5, 3.0, (n, 1)), (n, m))
    return (Z, rng.normal(1.0, 0.5, (n, 1)), rng.normal(size=(n, 1)), rng.normal(size=(n, 1)),
            rng.uniform(0.5, 2.0, (n, 1)))


def batchnorm_forward_cases() -> list[Case]:
    visible = (np.array([[1.0, 2.0, 3.0, 6.0], [0.0, -1.0, 1.0, 5.0]]), np.array([[1.0], [2.0]]),
               np.array([[0.0], [0.5]]), np.zeros((2, 1)), np.ones((2, 1)))
    return [
        Case("example", args=visible, note="Z (2, 4), train mode"),
        Case("train 3x8", args=_bn_inputs(1, 3, 8), kwargs={"momentum": 0.8}, note="Z (3, 8), train, momentum 0.8"),
        Case("train 5x4 big eps", args=_bn_inputs(2, 5, 4), kwargs={"eps": 0.5}, note="Z (5, 4), train, eps 0.5"),
        Case("test 4x6", args=_bn_inputs(3, 4, 6), kwargs={"mode": "test"}, note="Z (4, 6), test mode"),
        Case("test 2x3 big eps", args=_bn_inputs(4, 2, 3), kwargs={"mode": "test", "eps": 0.3},
             note="Z (2, 3), test mode, eps 0.3"),
    ]


def batchnorm_backward_cases() -> list[Case]:
    cases = []
    for seed, (n, m), eps in zip([5, 6, 7, 8], [(2, 4), (3, 7), (6, 5), (1, 10)], [1e-5, 1e-5, 0.5, 0.1],
                                 strict=True):
        _, cache, _, _ = batchnorm_forward(*_bn_inputs(seed, n, m), eps=eps)
        dout = np.random.default_rng(seed + 100).normal(size=(n, m))
        name = "example" if not cases else f"random {n}x{m}"
        cases.append(Case(name, args=(dout, cache), note=f"dout ({n}, {m}), eps {eps}"))
    return cases


CHECKS = {
    "sample_log_uniform": sample_log_uniform_cases,
    "sample_beta": sample_beta_cases,
    "softmax": softmax_cases,
    "softmax_cross_entropy": softmax_cross_entropy_cases,
    "batchnorm_forward": batchnorm_forward_cases,
    "batchnorm_backward": batchnorm_backward_cases,
}
