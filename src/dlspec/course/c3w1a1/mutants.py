"""Known mistakes in C3W1A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.strategy import f1_score

# --- f1_score ------------------------------------------------------------------------------------------------


@mutant("f1_score", "F1 is the harmonic mean, not the arithmetic one: it stays low when either precision or "
                    "recall is low.")
def f1_arithmetic(precision, recall):
    return (precision + recall) / 2


@mutant("f1_score", "F1 is the harmonic mean 2PR / (P + R), not the geometric mean sqrt(PR).")
def f1_geometric(precision, recall):
    return float(np.sqrt(precision * recall))


@mutant("f1_score", "The factor 2 is missing: with it, F1 of two equal values is that value.")
def f1_no_two(precision, recall):
    if precision + recall == 0:
        return 0.0
    return precision * recall / (precision + recall)


@mutant("f1_score", "Brackets: 2 * P * R / P + R divides by P alone and then adds R. Divide by (P + R).")
def f1_precedence(precision, recall):
    if precision == 0:
        return 0.0
    return 2 * precision * recall / precision + recall


@mutant("f1_score", "When precision and recall are both 0, 0 / 0 is not a number: return 0.0 in that case.")
def f1_zero_nan(precision, recall):
    with np.errstate(invalid="ignore"):
        return float(np.float64(2 * precision * recall) / np.float64(precision + recall))


# --- macro_f1 ------------------------------------------------------------------------------------------------


def _counts(y_true, y_pred, c):
    tp = np.sum((y_pred == c) & (y_true == c))
    return tp, np.sum((y_pred == c) & (y_true != c)), np.sum((y_pred != c) & (y_true == c))


@mutant("macro_f1", "That is accuracy. Macro F1 computes precision and recall class by class, so a rare class "
                    "counts as much as a common one.")
def macro_f1_accuracy(y_true, y_pred, n_classes):
    return float(np.mean(y_true == y_pred))


@mutant("macro_f1", "Average the classes with equal weight: weighting each class by its number of examples lets "
                    "the large classes hide the small ones.")
def macro_f1_weighted(y_true, y_pred, n_classes):
    scores, support = [], []
    for c in range(n_classes):
        tp, fp, fn = _counts(y_true, y_pred, c)
        scores.append(2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0)
        support.append(np.sum(y_true == c))
    return float(np.average(scores, weights=support))


@mutant("macro_f1", "Compute F1 for each class and then average the F1 scores; the F1 of the averaged precision "
                    "and recall is a different number.")
def macro_f1_of_averages(y_true, y_pred, n_classes):
    precisions, recalls = [], []
    for c in range(n_classes):
        tp, fp, fn = _counts(y_true, y_pred, c)
        precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    return f1_score(float(np.mean(precisions)), float(np.mean(recalls)))


@mutant("macro_f1", "A class that is never predicted has precision 0 / 0: count its F1 as 0 instead of letting "
                    "nan spread into the mean.")
def macro_f1_nan(y_true, y_pred, n_classes):
    scores = []
    with np.errstate(invalid="ignore", divide="ignore"):
        for c in range(n_classes):
            tp, fp, fn = (np.float64(x) for x in _counts(y_true, y_pred, c))
            precision, recall = tp / (tp + fp), tp / (tp + fn)
            scores.append(2 * precision * recall / (precision + recall))
    return float(np.mean(scores))


@mutant("macro_f1", "Average over all n_classes classes, also one that never occurs in y_true (its F1 is 0): the "
                    "metric must not change meaning with the sample.")
def macro_f1_present_only(y_true, y_pred, n_classes):
    scores = []
    for c in np.unique(y_true):
        tp, fp, fn = _counts(y_true, y_pred, c)
        scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


@mutant("macro_f1", "Each class's F1 is the harmonic mean of its precision and recall, not their average.")
def macro_f1_arithmetic(y_true, y_pred, n_classes):
    scores = []
    for c in range(n_classes):
        tp, fp, fn = _counts(y_true, y_pred, c)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append((precision + recall) / 2)
    return float(np.mean(scores))


# --- choose_model --------------------------------------------------------------------------------------------


@mutant("choose_model", "A model that takes exactly max_runtime_ms meets the constraint: use <=, not <.")
def choose_strict(accuracy, runtime_ms, max_runtime_ms):
    accuracy, runtime_ms = np.asarray(accuracy, float), np.asarray(runtime_ms, float)
    allowed = runtime_ms < max_runtime_ms
    return int(np.argmax(np.where(allowed, accuracy, -np.inf))) if allowed.any() else None


@mutant("choose_model", "Runtime is a satisficing metric: first drop every model slower than max_runtime_ms, "
                        "then take the most accurate of the rest.")
def choose_ignores_runtime(accuracy, runtime_ms, max_runtime_ms):
    return int(np.argmax(accuracy))


@mutant("choose_model", "Among the fast-enough models, optimise accuracy; being faster than needed earns nothing.")
def choose_fastest(accuracy, runtime_ms, max_runtime_ms):
    runtime_ms = np.asarray(runtime_ms, float)
    return int(np.argmin(runtime_ms)) if np.any(runtime_ms <= max_runtime_ms) else None


@mutant("choose_model", "np.argmax of the filtered accuracies is a position in the filtered list: map it back to "
                        "the model's index in the full list.")
def choose_filtered_index(accuracy, runtime_ms, max_runtime_ms):
    accuracy, runtime_ms = np.asarray(accuracy, float), np.asarray(runtime_ms, float)
    allowed = runtime_ms <= max_runtime_ms
    return int(np.argmax(accuracy[allowed])) if allowed.any() else None


@mutant("choose_model", "When no model is fast enough, return None: -1 is a valid index in Python (the last model).")
def choose_minus_one(accuracy, runtime_ms, max_runtime_ms):
    accuracy, runtime_ms = np.asarray(accuracy, float), np.asarray(runtime_ms, float)
    allowed = runtime_ms <= max_runtime_ms
    return int(np.argmax(np.where(allowed, accuracy, -np.inf))) if allowed.any() else -1


@mutant("choose_model", "Return the index of the chosen model, not its accuracy.")
def choose_returns_accuracy(accuracy, runtime_ms, max_runtime_ms):
    accuracy, runtime_ms = np.asarray(accuracy, float), np.asarray(runtime_ms, float)
    allowed = runtime_ms <= max_runtime_ms
    return float(np.max(accuracy[allowed])) if allowed.any() else None


# --- split_sizes ---------------------------------------------------------------------------------------------


@mutant("split_sizes", "60/20/20 suits a few thousand examples; with millions, 1% or 10,000 examples is already "
                       "plenty for dev and for test.")
def split_always_60_20_20(m):
    dev = m // 5
    return m - 2 * dev, dev, dev


@mutant("split_sizes", "98/1/1 suits millions of examples; a small data set needs its 20% each to measure "
                       "anything.")
def split_always_98_1_1(m):
    dev = m // 100
    return m - 2 * dev, dev, dev


@mutant("split_sizes", "The cap is the larger of 10,000 and 1% of m: with ten million examples, dev gets 100,000.")
def split_cap_10k(m):
    dev = min(m // 5, 10_000)
    return m - 2 * dev, dev, dev


@mutant("split_sizes", "The cap is the larger of 10,000 and 1% of m: 1% of 100,000 is only 1,000, too few to "
                       "compare models.")
def split_cap_1pc(m):
    dev = min(m // 5, m // 100)
    return m - 2 * dev, dev, dev


@mutant("split_sizes", "Round down with int() or //: round() gives 247 for 20% of 1234, the convention is 246.")
def split_round(m):
    dev = min(round(m / 5), max(10_000, round(m / 100)))
    return m - 2 * dev, dev, dev


@mutant("split_sizes", "The training set takes everything that dev and test do not, so the three add up to m.")
def split_train_fraction(m):
    dev = min(m // 5, max(10_000, m // 100))
    return int(0.6 * m) if dev == m // 5 else int(0.98 * m), dev, dev


# --- bias_variance -------------------------------------------------------------------------------------------


@mutant("bias_variance", "Variance is the gap from training to dev error, dev - train; dev - human counts the "
                         "avoidable bias twice.")
def bv_variance_from_human(human_error, train_error, dev_error):
    return train_error - human_error, dev_error - human_error


@mutant("bias_variance", "Avoidable bias is measured from human level (the proxy for Bayes error), train - human, "
                         "not from zero.")
def bv_bias_from_zero(human_error, train_error, dev_error):
    return train_error, dev_error - train_error


@mutant("bias_variance", "Return (avoidable_bias, variance) in that order.")
def bv_swapped(human_error, train_error, dev_error):
    return dev_error - train_error, train_error - human_error


@mutant("bias_variance", "Keep the sign: a negative avoidable bias means training error is below human level, "
                         "which says the human proxy is not the Bayes error. Clipping it to 0 hides that.")
def bv_clipped(human_error, train_error, dev_error):
    return max(0.0, train_error - human_error), max(0.0, dev_error - train_error)


@mutant("bias_variance", "Avoidable bias is train - human; dev - human is the whole gap, bias and variance "
                         "together.")
def bv_bias_total(human_error, train_error, dev_error):
    return dev_error - human_error, dev_error - train_error


# --- diagnose ------------------------------------------------------------------------------------------------

_NAMES = ["avoidable bias", "variance", "data mismatch", "overfitting the dev set"]


def _largest(gaps):
    return _NAMES[int(np.argmax(gaps))]


@mutant("diagnose", "Data mismatch is dev - train-dev: both sets are unseen, only the distribution differs. "
                    "dev - train also counts the variance.")
def diagnose_mismatch_from_train(human_error, train_error, train_dev_error, dev_error, test_error):
    return _largest([train_error - human_error, train_dev_error - train_error, dev_error - train_error,
                     test_error - dev_error])


@mutant("diagnose", "Variance is train-dev - train: the train-dev set has the training distribution, so only "
                    "it shows what unseen data alone costs. dev - train mixes in the mismatch.")
def diagnose_variance_from_dev(human_error, train_error, train_dev_error, dev_error, test_error):
    return _largest([train_error - human_error, dev_error - train_error, dev_error - train_dev_error,
                     test_error - dev_error])


@mutant("diagnose", "Avoidable bias is train - human: the part of the training error that human level says is "
                    "avoidable, not the training error itself.")
def diagnose_bias_from_zero(human_error, train_error, train_dev_error, dev_error, test_error):
    return _largest([train_error, train_dev_error - train_error, dev_error - train_dev_error,
                     test_error - dev_error])


@mutant("diagnose", "Compare test with dev too: a test error well above dev error says the dev set has been "
                    "overfitted.")
def diagnose_ignores_test(human_error, train_error, train_dev_error, dev_error, test_error):
    return _largest([train_error - human_error, train_dev_error - train_error, dev_error - train_dev_error])


@mutant("diagnose", "The problem to work on is the largest gap, not the smallest.")
def diagnose_smallest(human_error, train_error, train_dev_error, dev_error, test_error):
    return _NAMES[int(np.argmin([train_error - human_error, train_dev_error - train_error,
                                 dev_error - train_dev_error, test_error - dev_error]))]


@mutant("diagnose", "A negative gap (dev error below train-dev error: easier dev data) is no problem to fix; do "
                    "not take absolute values.")
def diagnose_abs(human_error, train_error, train_dev_error, dev_error, test_error):
    return _largest(np.abs([train_error - human_error, train_dev_error - train_error, dev_error - train_dev_error,
                            test_error - dev_error]))
