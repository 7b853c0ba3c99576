"""Turn MNIST-style images into the model's input: the one place where pixels become numbers."""

import numpy as np

SIDE = 28


def preprocess(img) -> np.ndarray:
    """One image ``(28, 28)`` or a batch ``(n, 28, 28)`` of grey levels 0-255 -> float32 ``(784,)`` or ``(n, 784)``
    in 0..1, row by row (the order the page and the API use)."""
    pixels = np.asarray(img, dtype=np.float32)
    if pixels.shape[-2:] != (SIDE, SIDE):
        raise ValueError(f"expected 28x28 images, got shape {pixels.shape}")
    return pixels.reshape(*pixels.shape[:-2], SIDE * SIDE) / np.float32(255)
