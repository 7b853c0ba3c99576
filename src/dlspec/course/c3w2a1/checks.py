"""Cases for C3W2A1, error analysis and mismatched data.

The error table has examples with several tags, with none, and a category nobody tagged; the cleaning cases
include dev examples whose wrong label the model agreed with (only checking the mistakes misses those). The
train-dev split is random, so it is judged by what any random split must do. The image functions run on small
random images with several sigmas and contrast factors, and must leave their input untouched.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case

CATEGORIES = ["blurry", "dark", "shirt-like", "mislabelled", "tiny"]


def _tags(seed: int, n_errors: int, categories: list[str]) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    rates = rng.uniform(0.05, 0.6, len(categories))
    rates[-1] = 0.0  # a category nobody tagged still gets a row in the table
    return [[c for c, p in zip(categories, rates, strict=True) if rng.random() < p] for _ in range(n_errors)]


def error_table_cases() -> list[Case]:
    tags = [["blurry"], ["shirt-like"], ["blurry", "mislabelled"], [], ["shirt-like", "blurry"]]
    categories = ["blurry", "shirt-like", "mislabelled", "dark"]
    cases = [Case("example", args=(tags, categories), note="5 misclassified examples, 4 categories")]
    for seed, (n, k) in zip([1, 2, 3], [(20, 3), (57, 5), (100, 4)], strict=True):
        cats = CATEGORIES[:k]
        cases.append(Case(f"random {n} errors, {k} categories", args=(_tags(seed, n, cats), cats),
                          note=f"{n} misclassified examples, {k} categories"))
    return cases


def ceilings_cases() -> list[Case]:
    cases = [Case("example", args=(0.10, {"blurry": 0.4, "shirt-like": 0.3, "mislabelled": 0.05}),
                  note="dev_error = 0.1, shares blurry 0.4, shirt-like 0.3, mislabelled 0.05")]
    for seed, k in zip([1, 2, 3], [2, 4, 5], strict=True):
        rng = np.random.default_rng(seed)
        dev_error = float(np.round(rng.uniform(0.03, 0.3), 3))
        shares = {c: float(np.round(rng.uniform(0, 0.7), 3)) for c in CATEGORIES[:k]}
        cases.append(Case(f"random {k} categories", args=(dev_error, shares),
                          note=f"dev_error = {dev_error}, {k} categories"))
    return cases


def _noisy_labels(seed: int, m: int, n_classes: int, noise: float) -> tuple[np.ndarray, ...]:
    """Predictions, given labels and true labels: some given labels are wrong, and the model agrees with some of
    the wrong ones (it learnt from similar noise)."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, n_classes, m)
    wrong = rng.random(m) < noise
    y_given = np.where(wrong, (y_true + rng.integers(1, n_classes, m)) % n_classes, y_true)
    guess = rng.random(m)
    y_pred = np.where(guess < 0.75, y_true, rng.integers(0, n_classes, m))
    y_pred = np.where(wrong & (guess > 0.9), y_given, y_pred)
    return y_pred, y_given, y_true


def cleaning_effect_cases() -> list[Case]:
    y_true = np.array([0, 1, 2, 2, 1, 0, 1, 2, 0, 1])
    y_given = np.array([0, 1, 2, 0, 1, 0, 2, 2, 0, 1])  # examples 3 and 6 are mislabelled
    y_pred = np.array([0, 2, 2, 2, 1, 1, 2, 2, 0, 1])  # right on 3 (counted wrong), agrees with label 6's error
    cases = [Case("example", args=(y_pred, y_given, y_true), note="10 dev examples, 2 of them mislabelled")]
    for seed, (m, n, noise) in zip([1, 2, 3], [(200, 10, 0.08), (500, 3, 0.15), (80, 5, 0.25)], strict=True):
        cases.append(Case(f"random {m} examples", args=_noisy_labels(seed, m, n, noise),
                          note=f"{m} dev examples, {n} classes, about {noise:.0%} mislabelled"))
    return cases


def _coded(m: int, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Examples whose first value is their own index, and labels derived from it, so any split can be traced."""
    X = np.random.default_rng(m).random((m, *shape))
    X[(slice(None),) + (0,) * len(shape)] = np.arange(m)
    return X, np.arange(m) % 7


def judge_split(got, expected, args) -> str | None:
    X, y, n, _ = args
    m = len(y)
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        return "expected a tuple of four arrays: X_train, y_train, X_train_dev, y_train_dev"
    X_tr, y_tr, X_td, y_td = (np.asarray(a) for a in got)
    wanted = [(X_tr, (m - n, *X.shape[1:]), "X_train"), (y_tr, (m - n,), "y_train"),
              (X_td, (n, *X.shape[1:]), "X_train_dev"), (y_td, (n,), "y_train_dev")]
    for a, shape, name in wanted:
        if a.shape != shape:
            return f"{name} has shape {a.shape}, expected {shape} ({m} examples, {n} set aside)"
    first = (slice(None),) + (0,) * (X.ndim - 1)
    idx_tr, idx_td = X_tr[first].astype(int), X_td[first].astype(int)
    if not (np.array_equal(X_tr, X[idx_tr]) and np.array_equal(X_td, X[idx_td])):
        return "the returned examples are not examples of X"
    if not (np.array_equal(y_tr, y[idx_tr]) and np.array_equal(y_td, y[idx_td])):
        return "an example and its label were separated: index X and y with the same permutation"
    if len(np.intersect1d(idx_tr, idx_td)) or len(np.union1d(idx_tr, idx_td)) != m:
        return "every example must be in exactly one of the two sets"
    held = np.sort(idx_td)
    if n > 3 and held[-1] - held[0] == n - 1:
        return (f"the train-dev set is the block of examples {held[0]} to {held[-1]}: draw it at random, so that "
                "it has the training distribution")
    return None


def train_dev_split_cases() -> list[Case]:
    cases = []
    for seed, (m, shape, n) in enumerate([(20, (2, 3), 5), (100, (4, 4), 30), (57, (3,), 10), (300, (2, 2), 60)]):
        X, y = _coded(m, shape)
        cases.append(Case("example" if not cases else f"{m} examples, {n} set aside", args=(X, y, n, seed),
                          judge=judge_split, keep_args=True, note=f"X {X.shape}, y ({m},), n_train_dev = {n}"))
    return cases


def _images(seed: int, m: int, H: int, W: int) -> np.ndarray:
    return np.random.default_rng(seed).random((m, H, W))


def blur_cases() -> list[Case]:
    impulse = np.zeros((1, 7, 7))
    impulse[0, 3, 3] = 1.0
    cases = [Case("example", args=(impulse, 1.0), keep_args=True, note="one 7x7 image, a single bright pixel, "
                                                                        "sigma = 1")]
    for seed, ((m, H, W), sigma) in enumerate([((2, 8, 6), 0.7), ((3, 10, 12), 1.5), ((4, 6, 6), 2.5)], start=1):
        cases.append(Case(f"random {m}x{H}x{W}, sigma {sigma}", args=(_images(seed, m, H, W), sigma),
                          keep_args=True, note=f"images ({m}, {H}, {W}), sigma = {sigma}"))
    return cases


def lower_contrast_cases() -> list[Case]:
    visible = np.array([[[0.0, 0.5, 1.0], [1.0, 0.5, 0.0]], [[0.2, 0.2, 0.2], [0.4, 0.4, 0.4]]])
    cases = [Case("example", args=(visible, 0.5), keep_args=True, note="two 2x3 images, factor = 0.5")]
    for seed, ((m, H, W), factor) in enumerate([((3, 5, 4), 0.3), ((5, 8, 8), 0.8), ((2, 4, 6), 0.0)], start=1):
        images = _images(seed, m, H, W) * np.random.default_rng(seed + 10).uniform(0.2, 1.0, (m, 1, 1))
        cases.append(Case(f"random {m}x{H}x{W}, factor {factor}", args=(images, factor), keep_args=True,
                          note=f"images ({m}, {H}, {W}), factor = {factor}"))
    return cases


CHECKS = {
    "error_table": error_table_cases,
    "ceilings": ceilings_cases,
    "cleaning_effect": cleaning_effect_cases,
    "train_dev_split": train_dev_split_cases,
    "blur": blur_cases,
    "lower_contrast": lower_contrast_cases,
}
