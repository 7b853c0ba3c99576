"""Correct solutions of C3W1A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant


@variant("f1_score")
def f1_reciprocals(precision, recall):
    if precision == 0 or recall == 0:
        return 0.0
    return 2 / (1 / precision + 1 / recall)


@variant("f1_score")
def f1_scipy_hmean(precision, recall):
    from statistics import harmonic_mean

    return float(harmonic_mean([precision, recall]))


@variant("macro_f1")
def macro_f1_confusion(y_true, y_pred, n_classes):
    confusion = np.zeros((n_classes, n_classes))
    np.add.at(confusion, (y_true, y_pred), 1)
    tp = np.diag(confusion)
    predicted, actual = confusion.sum(axis=0), confusion.sum(axis=1)
    denominator = predicted + actual
    f1 = np.divide(2 * tp, denominator, out=np.zeros(n_classes), where=denominator > 0)
    return float(f1.mean())


@variant("macro_f1")
def macro_f1_precision_recall(y_true, y_pred, n_classes):
    total = 0.0
    for c in range(n_classes):
        predicted, actual = y_pred == c, y_true == c
        tp = np.sum(predicted & actual)
        precision = tp / predicted.sum() if predicted.any() else 0.0
        recall = tp / actual.sum() if actual.any() else 0.0
        total += 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return total / n_classes


@variant("choose_model")
def choose_loop(accuracy, runtime_ms, max_runtime_ms):
    best = None
    for i, (a, r) in enumerate(zip(accuracy, runtime_ms, strict=True)):
        if r <= max_runtime_ms and (best is None or a > accuracy[best]):
            best = i
    return best


@variant("choose_model")
def choose_sorted(accuracy, runtime_ms, max_runtime_ms):
    fast = [(-a, i) for i, (a, r) in enumerate(zip(accuracy, runtime_ms, strict=True)) if r <= max_runtime_ms]
    return min(fast)[1] if fast else None


@variant("split_sizes")
def split_branches(m):
    if m // 5 <= 10_000:
        dev = m // 5
    else:
        dev = min(m // 5, max(10_000, m // 100))
    return m - 2 * dev, dev, dev


@variant("split_sizes")
def split_float_floor(m):
    import math

    dev = math.floor(min(0.2 * m, max(10_000, 0.01 * m)) + 1e-9)
    return int(m - 2 * dev), int(dev), int(dev)


@variant("bias_variance")
def bv_array(human_error, train_error, dev_error):
    gaps = np.diff([human_error, train_error, dev_error])
    return float(gaps[0]), float(gaps[1])


@variant("bias_variance")
def bv_list(human_error, train_error, dev_error):
    variance = dev_error - train_error
    return [(dev_error - variance) - human_error, variance]


@variant("diagnose")
def diagnose_dict(human_error, train_error, train_dev_error, dev_error, test_error):
    gaps = {
        "avoidable bias": train_error - human_error,
        "variance": train_dev_error - train_error,
        "data mismatch": dev_error - train_dev_error,
        "overfitting the dev set": test_error - dev_error,
    }
    return max(gaps, key=gaps.get)


@variant("diagnose")
def diagnose_diff(human_error, train_error, train_dev_error, dev_error, test_error):
    gaps = np.diff([human_error, train_error, train_dev_error, dev_error, test_error])
    order = ("avoidable bias", "variance", "data mismatch", "overfitting the dev set")
    return order[list(gaps).index(max(gaps))]
