"""C4W4A2's pictures as the style transfer takes them: square RGB float32 (size, size, 3) in [0, 1].

The content picture is one of scikit-image's (a dependency; CC0 or public domain per its docstrings): ``chelsea``
(a cat), ``astronaut`` or ``coffee``. The style picture is Van Gogh's *The Starry Night*, shipped as the
``starry-night`` asset (``python -m dlspec.data.build_starry_night`` rebuilds it).
"""

from __future__ import annotations

import numpy as np
from skimage import data, transform

from dlspec.data.assets import load

CONTENT = ("chelsea", "astronaut", "coffee")


def square(image: np.ndarray, size: int) -> np.ndarray:
    """The largest centred square of ``image`` (n_H, n_W, 3), resized to (size, size, 3), float32 in [0, 1]."""
    h, w = image.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    cut = image[top : top + side, left : left + side]
    return transform.resize(cut, (size, size), anti_aliasing=True).astype(np.float32)


def content_picture(size: int, name: str = "chelsea") -> np.ndarray:
    """One of scikit-image's photographs (CONTENT), square, (size, size, 3) in [0, 1]."""
    if name not in CONTENT:
        raise ValueError(f"the content pictures are {', '.join(CONTENT)}, not {name!r}")
    return square(getattr(data, name)(), size)


def starry_night(size: int) -> np.ndarray:
    """The Starry Night's centred square, (size, size, 3) in [0, 1]."""
    return square(load("starry-night")["image"], size)
