"""The two moons of Course 2 week 2: 300 noisy points on two interleaved half-circles, generated, never downloaded.

Shapes follow the course: examples are columns, ``X (2, 300)`` float64 and ``Y (1, 300)`` int64 labels 0 and 1.
"""

from __future__ import annotations

import numpy as np

N_POINTS = 300
NOISE = 0.2


def load_dataset(seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """The moons as ``(X (2, 300), Y (1, 300))``; the same seed always gives the same points."""
    from sklearn.datasets import make_moons

    X, y = make_moons(n_samples=N_POINTS, noise=NOISE, random_state=seed)
    return X.T, y.reshape(1, -1)
