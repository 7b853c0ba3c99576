"""The scores a challenge can name in its ``[metric]`` table, each on a subset of the test rows, and the
bootstrap that puts a confidence interval around one.

A metric takes the solution's columns and the submission's columns (NumPy arrays, same row order) and returns
the score; it never sees the split: the caller picks the rows.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Columns = dict[str, np.ndarray]


def accuracy(solution: Columns, submitted: Columns) -> float:
    """Fraction of rows whose ``label`` equals the solution's."""
    return float(np.mean(submitted["label"] == solution["label"]))


def harrell_c(solution: Columns, submitted: Columns) -> float:
    """Harrell's concordance index of a ``risk`` column (higher = the event comes sooner) against the solution's
    ``time`` and ``event``. A pair is comparable when the shorter time is an observed event; it is concordant
    when that patient has the higher risk, half when the risks tie. 0.5 is chance, 1 a perfect ordering."""
    time, event, risk = solution["time"], solution["event"].astype(bool), submitted["risk"]
    # rows i (events) against rows j that outlived them: an (events, n) table, small enough for test sets here
    t_i, r_i = time[event][:, None], risk[event][:, None]
    comparable = time[None, :] > t_i
    concordant = (risk[None, :] < r_i) & comparable
    tied = (risk[None, :] == r_i) & comparable
    pairs = comparable.sum()
    return float((concordant.sum() + 0.5 * tied.sum()) / pairs) if pairs else 0.5


def robust_accuracy(solution: Columns, submitted: Columns) -> float:
    """Fraction of rows a model still classifies correctly under its worst attack (``robust``: the label it gave
    after the attack that fooled it, or its clean label where none did)."""
    return float(np.mean(submitted["robust"] == solution["label"]))


def clean_accuracy(solution: Columns, submitted: Columns) -> float:
    return float(np.mean(submitted["clean"] == solution["label"]))


METRICS: dict[str, Callable[[Columns, Columns], float]] = {
    "accuracy": accuracy,
    "harrell_c": harrell_c,
    "robust_accuracy": robust_accuracy,
    "clean_accuracy": clean_accuracy,
}


def take(columns: Columns, rows: np.ndarray) -> Columns:
    return {k: v[rows] for k, v in columns.items()}


def bootstrap(
    metric: Callable[[Columns, Columns], float],
    solution: Columns,
    submitted: Columns,
    rows: np.ndarray,
    resamples: int = 200,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float]:
    """A percentile bootstrap interval of ``metric`` over ``rows``: the rows drawn with replacement ``resamples``
    times (seeded, so a board shows the same interval every time)."""
    rng = np.random.default_rng(seed)
    draws = rng.choice(rows, size=(resamples, len(rows)), replace=True)
    scores = np.array([metric(take(solution, d), take(submitted, d)) for d in draws])
    low, high = np.quantile(scores, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)
