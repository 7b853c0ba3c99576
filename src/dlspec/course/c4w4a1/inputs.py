"""The PyTorch inputs of C4W4A1's cases (checks.py names them through Case.make): made in the process that runs
the case, so that only the grading child imports PyTorch.

``verify`` and ``who_is_it`` meet a stand-in encoder, a convolution and a linear layer with seeded weights (any
image size, ``n_e`` numbers out), and a database built around the probe picture's own encoding: each stored
photograph sits at a chosen distance from it, in a random direction, so the cases can put the nearest photograph
of a person anywhere among their rows and the nearest person anywhere in the dict.
"""

from __future__ import annotations

import os
import tempfile

import numpy as np
import torch
from PIL import Image
from torch import nn

from dlspec.nn.facerec import THRESHOLD, img_to_encoding


def _tensor(values, requires_grad: bool = True) -> torch.Tensor:
    """Float32, requiring gradients as encodings in training do: a loss cut off from autograd shows."""
    return torch.tensor(np.asarray(values, dtype=np.float32)).requires_grad_(requires_grad)


def given_triplet(anchor: list, positive: list, negative: list, alpha: float) -> tuple:
    """(y_true, (anchor, positive, negative), alpha) from the numbers given."""
    return None, tuple(_tensor(v) for v in (anchor, positive, negative)), alpha


def random_triplets(seed: int, m: int, n_e: int, alpha: float, mean: float = 0.0, spread: float = 1.0) -> tuple:
    """(y_true, (anchor, positive, negative), alpha): m random triplets of n_e numbers; the positive and negative
    are the anchor plus noise of random size up to ``spread``, so some triplets already satisfy the margin (their
    loss is 0) and others do not."""
    rng = np.random.default_rng(seed)
    anchor = rng.normal(mean, 0.1, (m, n_e))
    scale = spread / np.sqrt(n_e)
    positive, negative = (anchor + rng.uniform(0, scale, (m, 1)) * rng.normal(0, 1, (m, n_e)) for _ in range(2))
    return None, (_tensor(anchor), _tensor(positive), _tensor(negative)), alpha


def encoder(seed: int, n_e: int) -> nn.Module:
    """A stand-in face encoder: a strided 3x3 convolution, ReLU, the average over the picture, and a linear layer
    to n_e numbers, its weights drawn from ``seed`` (the convolution's divided by 255: it meets pixel values)."""
    model = nn.Sequential(nn.Conv2d(3, 6, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                          nn.Linear(6, n_e))  # fmt: skip
    rng = np.random.default_rng(seed)
    with torch.no_grad():
        for k, p in enumerate(model.parameters()):
            p.copy_(torch.tensor(rng.normal(0, 1, tuple(p.shape)) / (255 if k == 0 else 1), dtype=torch.float32))
    return model.eval()


def _photographs(rng: np.random.Generator, encoding: np.ndarray, distances: list[float]) -> np.ndarray:
    """One row per distance (in THRESHOLDs): the encoding moved that far in a random direction, float32 like an
    encoder's."""
    directions = rng.normal(0, 1, (len(distances), encoding.size))
    distances = THRESHOLD * np.array(distances)
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    return (encoding.reshape(1, -1) + distances[:, None] * directions).astype(np.float32)


def _door(seed: int, people: dict[str, list[float]], n_e: int, size: int, as_path: bool, flat: bool) -> tuple:
    """(image, database, model): a random picture, the stand-in encoder, and for each person the distances of
    their photographs from the picture's encoding, in THRESHOLDs. ``flat`` stores a one-photograph person as
    (n_e,), else as (1, n_e); ``as_path`` passes the picture as the path of a PNG file instead of an array."""
    rng = np.random.default_rng(seed)
    image = rng.integers(0, 256, (size, size, 3), dtype=np.uint8)
    model = encoder(seed, n_e)
    encoding = img_to_encoding(image, model)
    database = {}
    for name, distances in people.items():
        rows = _photographs(rng, encoding, distances)
        database[name] = rows[0] if flat and len(rows) == 1 else rows
    if as_path:
        path = os.path.join(tempfile.mkdtemp(), f"visitor_{seed}.png")
        Image.fromarray(image).save(path)
        image = path
    return image, database, model


def verify_inputs(seed: int, identity: str, people: dict, n_e: int = 128, size: int = 24, as_path: bool = False,
                  flat: bool = False) -> tuple:  # fmt: skip
    """(image_path, identity, database, model) for verify."""
    image, database, model = _door(seed, people, n_e, size, as_path, flat)
    return image, identity, database, model


def who_is_it_inputs(seed: int, people: dict, n_e: int = 128, size: int = 24, as_path: bool = False,
                     flat: bool = False) -> tuple:  # fmt: skip
    """(image_path, database, model) for who_is_it."""
    return _door(seed, people, n_e, size, as_path, flat)
