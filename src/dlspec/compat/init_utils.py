"""The original's ``init_utils`` (Course 2 week 1, initialisation): the 3-layer network its ``model`` trains, and
the two-circles data."""

import numpy as np

from dlspec.compat import _three_layer
from dlspec.compat._lazy import forward
from dlspec.compat._three_layer import *  # noqa: F403 (the network, shared with reg_utils and opt_utils)

load_dataset = forward("dlspec.data.circles:load_circles")
compute_loss = _three_layer.cross_entropy
_load_faces = forward("dlspec.data.faces:load_faces")


def backward_propagation(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict[str, np.ndarray]:
    """Gradients of the 3-layer network; this helper named the activation and pre-activation ones in lower case
    (dz3, da2, ...)."""
    grads = _three_layer.backward_propagation(X, Y, cache)
    return {key.replace("dZ", "dz").replace("dA", "da"): value for key, value in grads.items()}


def load_cat_dataset() -> tuple[np.ndarray, ...]:
    """The images set flattened to columns and scaled to [0, 1]: train_x, train_y, test_x, test_y, classes."""
    train_x, train_y, test_x, test_y, classes = _load_faces()
    return train_x.reshape(len(train_x), -1).T / 255, train_y, test_x.reshape(len(test_x), -1).T / 255, test_y, classes


__all__ = [*_three_layer.__all__, "compute_loss", "load_cat_dataset", "load_dataset"]
