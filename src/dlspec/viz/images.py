"""Image galleries: a grid of pictures with captions, and the pictures a classifier got wrong.

Images are ``(n, height, width, channels)`` (or ``(n, height, width)`` for grey), uint8 in 0..255 or floats in
0..1, the layout of ``dlspec.data.faces.load_faces()``. Each function returns its matplotlib Figure; the notebook
shows it.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure


def show_images(images: np.ndarray, titles: Sequence[str] | None = None, ncols: int = 6, size: float = 1.8) -> Figure:
    """A grid of ``images``, ``ncols`` per row, each ``size`` inches wide, captioned with ``titles`` if given."""
    n = len(images)
    ncols = max(1, min(ncols, n))
    nrows = max(1, -(-n // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows * 1.15), squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < n:
            ax.imshow(images[k], cmap="gray" if images[k].ndim == 2 else None)
            if titles is not None:
                ax.set_title(titles[k], fontsize=8)
    fig.tight_layout()
    return fig


def _name(classes: Sequence, label: int) -> str:
    name = classes[int(label)]
    return name.decode() if isinstance(name, bytes) else str(name)


def mislabelled_images(
    images: np.ndarray, y_true: np.ndarray, y_pred: np.ndarray, classes: Sequence, limit: int = 12
) -> Figure:
    """The images whose predicted label differs from the true one (at most ``limit``), captioned
    "predicted / true". ``y_true`` and ``y_pred`` hold 0/1 labels of any shape with one entry per image;
    ``classes[label]`` names a label (bytes or str)."""
    y_true, y_pred = np.ravel(y_true), np.ravel(y_pred)
    wrong = np.flatnonzero(y_true != y_pred)[:limit]
    if wrong.size == 0:
        fig, ax = plt.subplots(figsize=(4, 0.8))
        ax.axis("off")
        ax.text(0.5, 0.5, "no mislabelled images", ha="center", va="center")
        return fig
    titles = [f"predicted {_name(classes, y_pred[k])}\ntrue {_name(classes, y_true[k])}" for k in wrong]
    return show_images(images[wrong], titles, ncols=min(6, wrong.size), size=2.0)
