"""Two noisy concentric circles: the 2-D set of Course 2 week 1's initialisation lesson.

scikit-learn's ``make_circles`` with a fixed seed per split, so every learner gets the same points and nothing is
downloaded. Shapes follow the course: examples are columns, ``X (2, m)`` and ``Y (1, m)``.
"""

from __future__ import annotations

import numpy as np

N_TRAIN = 300
N_TEST = 100
NOISE = 0.05


def load_circles(seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return ``train_X (2, 300), train_Y (1, 300), test_X (2, 100), test_Y (1, 100)``; labels are 0 (outer
    circle) and 1 (inner circle), as int64. The test set uses ``seed + 1`` so the two splits never share points."""
    from sklearn.datasets import make_circles

    train_X, train_y = make_circles(n_samples=N_TRAIN, noise=NOISE, random_state=seed)
    test_X, test_y = make_circles(n_samples=N_TEST, noise=NOISE, random_state=seed + 1)
    return train_X.T, train_y.reshape(1, -1), test_X.T, test_y.reshape(1, -1)
