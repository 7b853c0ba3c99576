"""Fashion-MNIST challenge: classify the shipped subset's 1,000 test photographs (dlspec.data.fashion)."""

from __future__ import annotations

import numpy as np

from dlspec.challenges.bundle import load
from dlspec.challenges.files import npz
from dlspec.challenges.schema import sample
from dlspec.data.fashion import CLASSES, load_fashion


def solution() -> dict[str, np.ndarray]:
    return {"label": load_fashion()[3]}


def files() -> dict[str, bytes]:
    train_images, train_labels, test_images, _ = load_fashion()
    return {
        "train.npz": npz(images=train_images, labels=train_labels, classes=np.array(CLASSES)),
        "test.npz": npz(ids=np.arange(len(test_images)), images=test_images),
        "sample_submission.csv": sample(load("fashion-mnist")),
    }
