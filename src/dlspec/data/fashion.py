"""Fashion-MNIST: real 28x28 grey photographs of clothing in ten classes (Zalando Research, MIT licence).

dlspec ships a class-balanced subset as package data (``files/fashion.npz``, about 2.5 MB): 600 training and 100
test images of each class, which is what C2W3A1 trains and tests on. ``python -m dlspec.data.build_fashion``
rebuilds it from Debian's ``dataset-fashion-mnist``; a learner needs neither.
"""

from __future__ import annotations

import numpy as np

from dlspec.data.assets import arrays

CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")


def load_fashion() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``train_images (6000, 28, 28) uint8, train_labels (6000,) int64, test_images (1000, 28, 28),
    test_labels (1000,)``, classes in a shuffled order."""
    a = arrays("fashion")
    return a["train_images"], a["train_labels"], a["test_images"], a["test_labels"]
