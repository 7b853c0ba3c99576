"""Fashion-MNIST: real 28x28 grey photographs of clothing in ten classes (Zalando Research, MIT licence).

dlspec ships a class-balanced subset as package data (``files/fashion.npz``, about 2.5 MB): 600 training and 100
test images of each class, which is what C2W3A1 trains and tests on. ``python -m dlspec.data.build_fashion``
rebuilds it from Debian's ``dataset-fashion-mnist``; a learner needs neither.
"""

from __future__ import annotations

import numpy as np

from dlspec.data.assets import arrays

BAG = 8  # the class index of "Bag"
CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")


def load_fashion() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``train_images (6000, 28, 28) uint8, train_labels (6000,) int64, test_images (1000, 28, 28),
    test_labels (1000,)``, classes in a shuffled order."""
    a = arrays("fashion")
    return a["train_images"], a["train_labels"], a["test_images"], a["test_labels"]


def load_bags(n_train: int = 120, n_test: int = 100, size: int = 64, seed: int = 0) -> tuple[np.ndarray, ...]:
    """A small binary task for transfer learning (C4W2A2): bag or not bag. ``train_images (n_train, size, size, 3)
    uint8, train_labels (n_train,) int64 (1 for a bag), test_images, test_labels``, half of each set bags and half
    other clothes, drawn from the shipped training and test images, upscaled (bilinear) and grey made RGB, as a
    network pretrained on colour photographs expects."""
    from PIL import Image

    train_images, train_labels, test_images, test_labels = load_fashion()
    rng = np.random.default_rng(seed)
    out = []
    for images, labels, n in ((train_images, train_labels, n_train), (test_images, test_labels, n_test)):
        picked = np.r_[rng.choice(np.flatnonzero(labels == BAG), n // 2, replace=False),
                       rng.choice(np.flatnonzero(labels != BAG), n - n // 2, replace=False)]  # fmt: skip
        picked = rng.permutation(picked)
        big = [np.asarray(Image.fromarray(im).resize((size, size), Image.BILINEAR)) for im in images[picked]]
        out += [np.repeat(np.stack(big)[..., None], 3, axis=-1), (labels[picked] == BAG).astype(np.int64)]
    return tuple(out)
