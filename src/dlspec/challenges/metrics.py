"""The scores a challenge can name in its ``[metric]`` table, and the bootstrap that puts a confidence interval
around one.

A metric takes the solution's columns, the submission's columns (NumPy arrays, same row order) and row weights
``(B, n)``, and returns ``B`` scores: weights of ones give the score itself, multinomial counts give bootstrap
resamples without copying rows (Harrell's C over 1,366 rows, 200 times, is then two matrix products). It never sees
the split: the caller picks the rows.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Columns = dict[str, np.ndarray]
Metric = Callable[[Columns, Columns, np.ndarray], np.ndarray]


def _mean(hits: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return weights @ hits.astype(float) / weights.sum(axis=1)


def accuracy(solution: Columns, submitted: Columns, weights: np.ndarray) -> np.ndarray:
    """Fraction of rows whose ``label`` equals the solution's."""
    return _mean(submitted["label"] == solution["label"], weights)


def harrell_c(solution: Columns, submitted: Columns, weights: np.ndarray) -> np.ndarray:
    """Harrell's concordance index of a ``risk`` column (higher = the event comes sooner) against the solution's
    ``time`` and ``event``. A pair is comparable when the shorter time is an observed event (at equal times, an
    event and a censoring: the censored patient was still alive then); it is concordant when that patient has the
    higher risk, half when the risks tie. 0.5 is chance, 1 a perfect ordering. With weights of ones it is
    ``dlspec.nn.survival.concordance_index`` (C6W3A1's), which the tests hold it to."""
    time, event, risk = solution["time"], solution["event"].astype(bool), submitted["risk"]
    # rows i (events) against rows j known to outlive them: an (events, n) table, small enough for test sets here
    t_i, r_i = time[event][:, None], risk[event][:, None]
    comparable = ((time[None, :] > t_i) | ((time[None, :] == t_i) & ~event[None, :])).astype(float)
    credit = comparable * ((risk[None, :] < r_i) + 0.5 * (risk[None, :] == r_i))
    w_i = weights[:, event]
    pairs = np.einsum("bi,bi->b", w_i @ comparable, weights)
    won = np.einsum("bi,bi->b", w_i @ credit, weights)
    return np.divide(won, pairs, out=np.full(len(weights), 0.5), where=pairs > 0)


def robust_accuracy(solution: Columns, submitted: Columns, weights: np.ndarray) -> np.ndarray:
    """Fraction of rows a model still classifies correctly under its worst attack (``robust``: the label it gave
    after the attack that fooled it, or its clean label where none did)."""
    return _mean(submitted["robust"] == solution["label"], weights)


def clean_accuracy(solution: Columns, submitted: Columns, weights: np.ndarray) -> np.ndarray:
    return _mean(submitted["clean"] == solution["label"], weights)


METRICS: dict[str, Metric] = {
    "accuracy": accuracy,
    "harrell_c": harrell_c,
    "robust_accuracy": robust_accuracy,
    "clean_accuracy": clean_accuracy,
}


def take(columns: Columns, rows: np.ndarray) -> Columns:
    return {k: v[rows] for k, v in columns.items()}


def score(name: str, solution: Columns, submitted: Columns, rows: np.ndarray) -> float:
    """Metric ``name`` on ``rows``."""
    return float(METRICS[name](take(solution, rows), take(submitted, rows), np.ones((1, len(rows))))[0])


def bootstrap(
    name: str,
    solution: Columns,
    submitted: Columns,
    rows: np.ndarray,
    resamples: int = 200,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float]:
    """A percentile bootstrap interval of metric ``name`` over ``rows``: the rows drawn with replacement
    ``resamples`` times (seeded, so a board shows the same interval every time)."""
    counts = np.random.default_rng(seed).multinomial(len(rows), np.full(len(rows), 1 / len(rows)), size=resamples)
    scores = METRICS[name](take(solution, rows), take(submitted, rows), counts.astype(float))
    low, high = np.quantile(scores, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)
