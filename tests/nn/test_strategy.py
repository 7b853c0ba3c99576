"""Course 3 week 1's references: F1 against scikit-learn's, the split, the choice and the five figures."""

import numpy as np
import pytest
from sklearn.metrics import f1_score as sklearn_f1

from dlspec.nn.strategy import bias_variance, choose_model, diagnose, f1_score, macro_f1, split_sizes


@pytest.mark.parametrize("seed", range(5))
def test_macro_f1_equals_scikit_learn_with_every_class_listed(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 8))
    y_true, y_pred = rng.integers(0, n - 1, 40), rng.integers(0, n, 40)  # the last class never occurs in y_true
    expected = sklearn_f1(y_true, y_pred, labels=range(n), average="macro", zero_division=0)
    assert macro_f1(y_true, y_pred, n) == pytest.approx(expected)


def test_f1_is_the_harmonic_mean_and_zero_at_zero():
    assert f1_score(0.9, 0.6) == pytest.approx(0.72)
    assert f1_score(0.0, 0.0) == 0.0
    assert f1_score(0.5, 0.5) == pytest.approx(0.5)


def test_split_sizes_add_up_and_cap_dev_and_test():
    for m in [57, 1234, 10_000, 49_999, 100_000, 3_000_000, 10_000_000]:
        train, dev, test = split_sizes(m)
        assert train + dev + test == m and dev == test
        assert dev == min(m // 5, max(10_000, m // 100))
    assert split_sizes(10_000_000) == (9_800_000, 100_000, 100_000)


def test_choose_model_optimises_accuracy_among_the_fast_enough():
    assert choose_model([0.9, 0.95, 0.99], [10, 100, 101], 100) == 1
    assert choose_model([0.9], [200], 100) is None


def test_the_gaps_between_the_five_figures():
    assert bias_variance(0.01, 0.08, 0.10) == pytest.approx((0.07, 0.02))
    assert diagnose(0.01, 0.02, 0.025, 0.06, 0.065) == "data mismatch"
    assert diagnose(0.01, 0.02, 0.025, 0.03, 0.08) == "overfitting the dev set"
    assert diagnose(0.01, 0.02, 0.02, 0.02, 0.02) == "avoidable bias"  # a tie goes to the first named
