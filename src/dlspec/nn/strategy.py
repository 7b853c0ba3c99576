"""Metrics, splits and the first diagnosis of a learning project (Course 3 week 1).

Course 3 has no new algorithm: it is about deciding what to do next. These are the few computations behind those
decisions: one number to rank models by (F1, averaged over classes), a choice under a satisficing constraint,
dev and test sizes that grow more slowly than the data, and the gaps between human-level, training, training-dev,
dev and test error that say where the remaining error comes from.
"""

from __future__ import annotations

import numpy as np


def f1_score(precision, recall):
    """The harmonic mean of precision and recall, 0 when both are 0.

    Arguments:
    precision -- float in [0, 1]
    recall -- float in [0, 1]

    Returns:
    f1 -- float, 2 * precision * recall / (precision + recall)
    """
    if precision + recall == 0:
        return 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return float(f1)


def macro_f1(y_true, y_pred, n_classes):
    """F1 of every class (that class against the rest), averaged over the n_classes classes with equal weight.

    A class's F1 is 2 * tp / (2 * tp + fp + fn), which is the harmonic mean of its precision and recall and is 0
    when the class is never predicted correctly (also when it is never predicted at all).

    Arguments:
    y_true -- numpy array of shape (m,), the true class of each example, integers in [0, n_classes)
    y_pred -- numpy array of shape (m,), the predicted class of each example
    n_classes -- number of classes

    Returns:
    score -- float, the mean of the n_classes per-class F1 scores
    """
    scores = []
    for c in range(n_classes):
        tp = np.sum((y_pred == c) & (y_true == c))
        fp = np.sum((y_pred == c) & (y_true != c))
        fn = np.sum((y_pred != c) & (y_true == c))
        denominator = 2 * tp + fp + fn
        scores.append(2 * tp / denominator if denominator > 0 else 0.0)
    score = float(np.mean(scores))
    return score


def choose_model(accuracy, runtime_ms, max_runtime_ms):
    """The most accurate model among those fast enough: accuracy is optimised, runtime only has to satisfy.

    Arguments:
    accuracy -- list or numpy array of shape (k,), each model's accuracy
    runtime_ms -- list or numpy array of shape (k,), each model's runtime in milliseconds
    max_runtime_ms -- the largest runtime allowed (a model that takes exactly this long is allowed)

    Returns:
    best -- int, the index of the chosen model (the first one, if several are equally accurate), or None when no
            model is fast enough
    """
    accuracy, runtime_ms = np.asarray(accuracy, dtype=float), np.asarray(runtime_ms, dtype=float)
    allowed = runtime_ms <= max_runtime_ms
    if not np.any(allowed):
        return None
    best = int(np.argmax(np.where(allowed, accuracy, -np.inf)))
    return best


def split_sizes(m):
    """Train, dev and test sizes for m examples.

    Dev and test get 20% of the data each, but no more than they need to tell models apart: at most 10,000
    examples or 1% of m, whichever is larger. Sizes are whole examples, rounded down (int), and the training set
    takes everything else.

    Arguments:
    m -- number of examples, int

    Returns:
    (train, dev, test) -- tuple of three ints that add up to m
    """
    dev = min(m // 5, max(10_000, m // 100))
    test = dev
    train = m - dev - test
    return train, dev, test


def bias_variance(human_error, train_error, dev_error):
    """Split the dev error above human level into avoidable bias and variance.

    Human-level error stands in for the Bayes (lowest possible) error.

    Arguments:
    human_error, train_error, dev_error -- floats, error rates

    Returns:
    (avoidable_bias, variance) -- tuple of two floats: train - human, dev - train (they may be negative)
    """
    avoidable_bias = train_error - human_error
    variance = dev_error - train_error
    return avoidable_bias, variance


def diagnose(human_error, train_error, train_dev_error, dev_error, test_error):
    """Which of the four gaps between the five error figures is largest, by name.

    The gaps: avoidable bias = train - human, variance = train-dev - train, data mismatch = dev - train-dev,
    overfitting the dev set = test - dev. The train-dev set comes from the training distribution but was not
    trained on. A tie goes to the gap named first.

    Returns:
    label -- str, one of "avoidable bias", "variance", "data mismatch", "overfitting the dev set"
    """
    gaps = [train_error - human_error, train_dev_error - train_error, dev_error - train_dev_error,
            test_error - dev_error]
    names = ["avoidable bias", "variance", "data mismatch", "overfitting the dev set"]
    label = names[int(np.argmax(gaps))]
    return label
