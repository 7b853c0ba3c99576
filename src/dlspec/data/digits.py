"""Handwritten digits for Course 2 week 3's tuning lesson: the 1,797 8x8 images that ship inside scikit-learn
(the test set of UCI's Optical Recognition of Handwritten Digits), so nothing is downloaded."""

from __future__ import annotations

import numpy as np


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """``images (1797, 8, 8)`` float64 with values 0 to 16 and ``labels (1797,)`` int64, in scikit-learn's order."""
    from sklearn import datasets

    digits = datasets.load_digits()
    return digits.images, digits.target.astype(np.int64)
