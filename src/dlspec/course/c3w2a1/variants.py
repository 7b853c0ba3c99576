"""Correct solutions of C3W2A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

from collections import Counter

import numpy as np

from dlspec.checking.spec import variant


@variant("error_table")
def table_counter(tags, categories):
    counts = Counter(tag for example in tags for tag in set(example))
    return {c: counts[c] / len(tags) for c in categories}


@variant("error_table")
def table_matrix(tags, categories):
    flags = np.array([[c in example for c in categories] for example in tags], dtype=float)
    return dict(zip(categories, (float(v) for v in flags.mean(axis=0)), strict=True))


@variant("ceilings")
def ceilings_gain_subtracted(dev_error, shares):
    return {c: dev_error - dev_error * s for c, s in shares.items()}


@variant("ceilings")
def ceilings_loop(dev_error, shares):
    best = {}
    for category in shares:
        best[category] = dev_error * (1.0 - shares[category])
    return best


@variant("cleaning_effect")
def cleaning_counts_first(y_pred, y_given, y_true):
    m = len(y_pred)
    n_errors = int(np.count_nonzero(y_pred != y_given))
    from_labels = int(np.count_nonzero((y_pred != y_given) & (y_given != y_true)))
    return {"dev error": n_errors / m, "share of errors from labels": from_labels / n_errors,
            "clean dev error": int(np.count_nonzero(y_pred != y_true)) / m}


@variant("cleaning_effect")
def cleaning_loop(y_pred, y_given, y_true):
    errors = [i for i in range(len(y_pred)) if y_pred[i] != y_given[i]]
    bad = [i for i in errors if y_given[i] != y_true[i]]
    clean = sum(int(p != t) for p, t in zip(y_pred, y_true, strict=True))
    return {"clean dev error": clean / len(y_pred), "dev error": len(errors) / len(y_pred),
            "share of errors from labels": len(bad) / len(errors)}


@variant("train_dev_split")
def split_global_seed(X, y, n_train_dev, seed):
    np.random.seed(seed)
    order = np.random.permutation(len(y))
    return X[order[n_train_dev:]], y[order[n_train_dev:]], X[order[:n_train_dev]], y[order[:n_train_dev]]


@variant("train_dev_split")
def split_mask(X, y, n_train_dev, seed):
    rng = np.random.default_rng(seed)
    held = np.zeros(len(y), dtype=bool)
    held[rng.choice(len(y), size=n_train_dev, replace=False)] = True
    return X[~held], y[~held], X[held], y[held]


@variant("blur")
def blur_scipy(images, sigma):
    from scipy.ndimage import gaussian_filter1d  # here, not at the top: scipy.ndimage takes a second to import

    rows = gaussian_filter1d(images.astype(float), sigma, axis=2, mode="nearest", truncate=3.0)
    return gaussian_filter1d(rows, sigma, axis=1, mode="nearest", truncate=3.0)


@variant("blur")
def blur_matrices(images, sigma):
    # Each 1-D blur is a matrix: entry (i, j) is the weight of pixel j (clamped to the image) in output pixel i.
    r = int(3 * sigma + 0.5)
    offsets = np.arange(-r, r + 1)
    kernel = np.exp(-offsets**2 / (2 * sigma**2))
    kernel /= kernel.sum()

    def matrix(n):
        M = np.zeros((n, n))
        for i in range(n):
            for w, o in zip(kernel, offsets, strict=True):
                M[i, min(max(i + o, 0), n - 1)] += w
        return M

    _, H, W = images.shape
    return matrix(H) @ images @ matrix(W).T


@variant("lower_contrast")
def contrast_blend(images, factor):
    mean = images.mean(axis=(1, 2))[:, None, None]
    return factor * images + (1 - factor) * mean


@variant("lower_contrast")
def contrast_loop(images, factor):
    out = np.empty(images.shape)
    for i, image in enumerate(images):
        out[i] = image.mean() + factor * (image - image.mean())
    return out
