"""Course 3 week 2's references: the blur against SciPy's Gaussian filter, and what the other functions count."""

import numpy as np
import pytest
from scipy.ndimage import gaussian_filter1d

from dlspec.nn.mismatch import blur, cleaning_effect, error_table, lower_contrast, train_dev_split


@pytest.mark.parametrize("sigma", [0.5, 1.0, 1.7, 3.0])
def test_blur_equals_scipys_gaussian_filter_with_nearest_edges(sigma):
    images = np.random.default_rng(0).random((3, 9, 11))
    rows = gaussian_filter1d(images, sigma, axis=2, mode="nearest", truncate=3.0)
    np.testing.assert_allclose(blur(images, sigma), gaussian_filter1d(rows, sigma, axis=1, mode="nearest",
                                                                      truncate=3.0), atol=1e-12)


def test_lower_contrast_keeps_each_images_mean_and_scales_its_spread():
    images = np.random.default_rng(1).random((4, 5, 6)) * np.arange(1, 5)[:, None, None]
    faded = lower_contrast(images, 0.3)
    np.testing.assert_allclose(faded.mean(axis=(1, 2)), images.mean(axis=(1, 2)))
    np.testing.assert_allclose(faded.std(axis=(1, 2)), 0.3 * images.std(axis=(1, 2)))


def test_train_dev_split_is_a_seeded_partition_that_keeps_pairs():
    X, y = np.arange(50)[:, None] * np.ones((1, 3)), np.arange(50)
    X_tr, y_tr, X_td, y_td = train_dev_split(X, y, 12, seed=3)
    assert sorted(np.concatenate([y_tr, y_td])) == list(range(50)) and len(y_td) == 12
    np.testing.assert_array_equal(X_td[:, 0], y_td)
    np.testing.assert_array_equal(train_dev_split(X, y, 12, seed=3)[3], y_td)


def test_error_table_and_cleaning_effect_count_what_they_say():
    assert error_table([["a"], ["a", "b"], [], ["b"]], ["a", "b", "c"]) == {"a": 0.5, "b": 0.5, "c": 0.0}
    y_true = np.array([0, 1, 1, 2])
    y_given = np.array([0, 2, 1, 2])  # example 1 is mislabelled
    y_pred = np.array([1, 1, 1, 2])  # wrong on 0; right on 1 but counted wrong
    assert cleaning_effect(y_pred, y_given, y_true) == {"dev error": 0.5, "share of errors from labels": 0.5,
                                                        "clean dev error": 0.25}
