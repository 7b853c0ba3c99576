"""Fashion-MNIST: 70,000 real 28x28 grey photographs of clothing in ten classes (Zalando Research, MIT licence).

Nothing is downloaded at run time. The four original files come from Debian's ``dataset-fashion-mnist`` package,
which ``make start`` and ``make test`` install, into /usr/share/datasets/fashion-mnist; on a machine without apt,
put the same four ``.gz`` files in a folder and name it in ``DLSPEC_FASHION_MNIST``.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np

from dlspec.data.faces import checksum as _sha256

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
ENV = "DLSPEC_FASHION_MNIST"
FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}
CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
SIDE = 28
_IMAGES_MAGIC, _LABELS_MAGIC = 2051, 2049  # the idx format's headers: 0x00000803 and 0x00000801


class MissingDataError(FileNotFoundError):
    """Fashion-MNIST is not on this machine; the message says how to install it."""


def folder() -> Path:
    """Where the four files are: ``$DLSPEC_FASHION_MNIST`` if set, else Debian's folder."""
    return Path(os.environ.get(ENV) or DEBIAN_DIR)


def _path(name: str) -> Path:
    path = folder() / name
    if not path.is_file():
        raise MissingDataError(
            f"Fashion-MNIST is not installed ({path} is missing). Run `make data` (Debian/Ubuntu: sudo apt-get "
            f"install dataset-fashion-mnist), or put the four original .gz files in a folder and set {ENV}."
        )
    return path


def _read(name: str, magic: int) -> np.ndarray:
    """One idx file: a big-endian header (magic, then one 4-byte size per dimension) and uint8 values."""
    raw = gzip.decompress(_path(name).read_bytes())
    ndim = 3 if magic == _IMAGES_MAGIC else 1
    header = np.frombuffer(raw, ">u4", count=1 + ndim)
    shape = tuple(int(n) for n in header[1:])
    if header[0] != magic or len(raw) != 4 * (1 + ndim) + int(np.prod(shape)):
        raise ValueError(f"{folder() / name} is not a Fashion-MNIST idx file (damaged or of another format)")
    return np.frombuffer(raw, np.uint8, offset=4 * (1 + ndim)).reshape(shape)


def _split(split: str) -> tuple[np.ndarray, np.ndarray]:
    images_file, labels_file = FILES[split]
    return _read(images_file, _IMAGES_MAGIC), _read(labels_file, _LABELS_MAGIC).astype(np.int64)


def _subset(images: np.ndarray, labels: np.ndarray, n: int | None, rng: np.random.Generator):
    """``n`` examples, the same number of each class (the rest to the first classes), in a seeded order."""
    if n is None or n >= len(labels):
        order = rng.permutation(len(labels))
        return images[order], labels[order]
    per_class = [n // len(CLASSES) + (k < n % len(CLASSES)) for k in range(len(CLASSES))]
    chosen = np.concatenate([rng.permutation(np.flatnonzero(labels == k))[:c] for k, c in enumerate(per_class)])
    chosen = rng.permutation(chosen)
    return images[chosen], labels[chosen]


def load_fashion(
    n_train: int | None = None, n_test: int | None = None, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``train_images (n_train, 28, 28) uint8, train_labels (n_train,) int64, test_images, test_labels``.

    ``n_train`` / ``n_test`` take a class-balanced seeded subset of the 60,000 / 10,000 (all of them by default),
    shuffled. Raises MissingDataError when the files are not installed."""
    rng = np.random.default_rng(seed)
    train = _subset(*_split("train"), n_train, rng)
    test = _subset(*_split("test"), n_test, rng)
    return train[0], train[1], test[0], test[1]


def checksum() -> str:
    """sha256 of the decoded images and labels, for ``dlspec doctor`` (a re-compressed copy hashes the same)."""
    return _sha256(*_split("train"), *_split("test"))
