"""The original's ``cnn_utils`` (Course 4): the happy-face and SIGNS loaders, and its one-hot helper."""

import numpy as np

from dlspec.compat._lazy import forward

load_happy_dataset = forward("dlspec.data.happy:load_happy_dataset")
load_signs_dataset = forward("dlspec.data.signs:load_signs_dataset")


def convert_to_one_hot(Y: np.ndarray, C: int) -> np.ndarray:
    """Labels ``Y`` (any shape, m entries) as one-hot columns ``(C, m)``, as the original returned them."""
    return np.eye(C)[Y.reshape(-1)].T


__all__ = ["convert_to_one_hot", "load_happy_dataset", "load_signs_dataset"]
