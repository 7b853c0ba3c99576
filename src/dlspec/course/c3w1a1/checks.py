"""Cases for C3W1A1, metrics, splits and the first diagnosis.

Every function has one right answer, so the cases compare values. They are picked so that the usual slips give
a different answer somewhere: precision and recall far apart (the arithmetic mean is far from the harmonic), a
class that is never predicted and one that never occurs, a model exactly at the runtime limit and none under it,
sizes that do not divide evenly, training error below human level, and error figures in which every other pair
of gaps would name another problem.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case


def f1_score_cases() -> list[Case]:
    pairs = [(0.8, 0.5), (0.9, 0.1), (0.0, 0.0), (1.0, 1.0), (0.35, 0.7), (0.62, 0.93)]
    return [Case("example" if i == 0 else f"precision {p}, recall {r}", args=(p, r),
                 note=f"precision = {p}, recall = {r}") for i, (p, r) in enumerate(pairs)]


def _labels(seed: int, n_classes: int, m: int, present: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """True labels with unequal class sizes (only ``present`` classes occur), and predictions right about 60% of
    the time, wrong ones drawn towards the low classes so that the last class is rarely or never predicted."""
    rng = np.random.default_rng(seed)
    present = n_classes if present is None else present
    weights = rng.uniform(0.2, 1.0, present)
    y_true = rng.choice(present, size=m, p=weights / weights.sum())
    wrong = rng.integers(0, n_classes - 1, m)
    y_pred = np.where(rng.random(m) < 0.6, y_true, wrong)
    return y_true, y_pred


def macro_f1_cases() -> list[Case]:
    y_true = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 2])
    y_pred = np.array([0, 1, 0, 1, 1, 2, 0, 2, 2, 1])
    cases = [Case("example", args=(y_true, y_pred, 3), note="10 examples, 3 classes")]
    never_predicted = (np.array([0, 1, 2, 2, 1, 0, 2, 2]), np.array([0, 1, 1, 0, 1, 0, 1, 0]))
    cases.append(Case("class 2 never predicted", args=(*never_predicted, 3), note="8 examples, 3 classes"))
    for seed, (n, m, present) in zip([1, 2, 3, 4], [(4, 40, None), (10, 300, None), (5, 60, 4), (2, 25, None)],
                                     strict=True):
        y_t, y_p = _labels(seed, n, m, present)
        note = f"{m} examples, {n} classes" + (f", only {present} of them occur" if present else "")
        cases.append(Case(f"random {n} classes, {m} examples", args=(y_t, y_p, n), note=note))
    return cases


def choose_model_cases() -> list[Case]:
    cases = [
        Case("example", args=([0.90, 0.92, 0.95], [80.0, 95.0, 150.0], 100.0),
             note="accuracy [0.90, 0.92, 0.95], runtime_ms [80, 95, 150], max 100"),
        Case("exactly at the limit", args=([0.91, 0.97, 0.93, 0.99], [40.0, 100.0, 20.0, 250.0], 100.0),
             note="model 1 takes exactly 100 ms, the limit"),
        Case("none fast enough", args=([0.8, 0.9], [120.0, 300.0], 100.0), note="every model takes over 100 ms"),
    ]
    for seed, k in zip([1, 2, 3], [6, 12, 20], strict=True):
        rng = np.random.default_rng(seed)
        # bigger models are slower and usually more accurate, as in practice
        runtime = np.round(rng.uniform(5, 200, k), 1)
        accuracy = np.round(0.80 + 0.15 * runtime / 200 + rng.normal(0, 0.02, k), 4)
        limit = float(np.round(np.quantile(runtime, 0.6), 1))
        cases.append(Case(f"random {k} models", args=(accuracy, runtime, limit), note=f"{k} models, max {limit} ms"))
    return cases


def split_sizes_cases() -> list[Case]:
    sizes = [10_000, 1_000_000, 1234, 100_000, 10_000_000, 3_000_000, 57, 49_999]
    return [Case("example" if i == 0 else f"m = {m:,}", args=(m,), note=f"m = {m:,}") for i, m in enumerate(sizes)]


def bias_variance_cases() -> list[Case]:
    figures = [(0.01, 0.08, 0.10), (0.05, 0.06, 0.15), (0.02, 0.015, 0.06), (0.003, 0.021, 0.023)]
    rng = np.random.default_rng(5)
    for _ in range(3):
        human = rng.uniform(0.0, 0.1)
        train = human + rng.uniform(-0.01, 0.1)
        figures.append((human, train, train + rng.uniform(0.0, 0.1)))
    return [Case("example" if i == 0 else f"human {h:.3f}, train {t:.3f}, dev {d:.3f}", args=(h, t, d),
                 note=f"human_error = {h:.4g}, train_error = {t:.4g}, dev_error = {d:.4g}")
            for i, (h, t, d) in enumerate(figures)]


def _random_figures(seed: int) -> tuple[float, ...]:
    """Five error figures whose four gaps are at least 0.5 points apart, one of them possibly negative."""
    rng = np.random.default_rng(seed)
    while True:
        gaps = rng.uniform(-0.02, 0.08, 4)
        gaps[:2] = np.abs(gaps[:2])  # a model does worse on data it did not see, and no better than human level
        if np.min(np.diff(np.sort(np.abs(gaps)))) > 0.005:
            break
    human = rng.uniform(0.0, 0.05)
    return tuple(float(x) for x in np.cumsum([human, *gaps]))


def diagnose_cases() -> list[Case]:
    figures = [
        (0.01, 0.08, 0.09, 0.095, 0.10),   # the example: bias
        (0.01, 0.02, 0.06, 0.07, 0.07),    # variance (dev - train would call it mismatch)
        (0.01, 0.02, 0.025, 0.06, 0.065),  # mismatch (dev - train would call it variance)
        (0.05, 0.06, 0.09, 0.095, 0.10),   # variance (forgetting human level would call it bias)
        (0.01, 0.02, 0.025, 0.03, 0.08),   # the dev set has been overfitted
        (0.01, 0.03, 0.06, 0.01, 0.012),  # dev data easier than training data: a negative gap is not a problem
    ]
    figures += [_random_figures(seed) for seed in (1, 2, 3, 4)]
    return [Case("example" if i == 0 else "human {:.3f}, train {:.3f}, train-dev {:.3f}, dev {:.3f}, test {:.3f}"
                 .format(*f), args=f, note="human, train, train-dev, dev, test = " + ", ".join(f"{x:.4g}" for x in f))
            for i, f in enumerate(figures)]


CHECKS = {
    "f1_score": f1_score_cases,
    "macro_f1": macro_f1_cases,
    "choose_model": choose_model_cases,
    "split_sizes": split_sizes_cases,
    "bias_variance": bias_variance_cases,
    "diagnose": diagnose_cases,
}
