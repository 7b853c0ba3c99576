"""A football field seen from above: where the players of two teams headed the ball (Course 2 week 1, regularisation).

A generated stand-in for the original's field-positions data, with the same character: 2-D points on the field,
label 1 (blue, our team) or 0 (red, the other team), split by a wavy frontier, with some points on the wrong side of
it, as in real matches. That noise is what a [2, 20, 3, 1] network without regularisation learns by heart.
Seeded per split, nothing downloaded; examples are columns, ``X (2, m)`` and ``Y (1, m)``.
"""

from __future__ import annotations

import numpy as np

N_TRAIN = 211
N_TEST = 200
FLIP = 0.08  # share of points whose team is swapped: the noise an unregularised network overfits


def _split(m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(low=[-0.75, -0.8], high=[0.6, 0.6], size=(m, 2)).T
    # The frontier winds across the field, so the true boundary is curved but smooth.
    y = X[1] > 0.25 * np.sin(5 * X[0]) - 0.1
    flip = rng.random(m) < FLIP
    return X, (y ^ flip).astype(np.int64).reshape(1, m)


def load_field(seed: int = 2) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return ``train_X (2, 211), train_Y (1, 211), test_X (2, 200), test_Y (1, 200)``, labels 0/1 as int64.
    The test set uses ``seed + 1`` so the two splits never share points."""
    train_X, train_Y = _split(N_TRAIN, seed)
    test_X, test_Y = _split(N_TEST, seed + 1)
    return train_X, train_Y, test_X, test_Y
