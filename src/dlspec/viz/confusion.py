"""A confusion matrix: how often each true class was predicted as each class, as a picture with the counts."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) counts: entry [i, j] is how many examples of class i were predicted as class j."""
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (np.asarray(y_true).astype(int).ravel(), np.asarray(y_pred).astype(int).ravel()), 1)
    return counts


def plot_confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, classes: Sequence[str], title: str = "",
                          ax: plt.Axes | None = None, shares: bool = False) -> plt.Axes:
    """The confusion matrix as a grid of shaded cells with their counts; the diagonal holds the right answers.
    ``shares``: each row as the shares of its true class that went to each prediction (a row sums to 1; shares
    under 1% left blank), for classes of very different sizes, such as the pixels of a segmentation."""
    counts = confusion_matrix(y_true, y_pred, len(classes))
    shown = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1) if shares else counts
    small = len(classes) > 8
    ax = ax or plt.subplots(figsize=(5.5, 5) if small else (4.5, 4))[1]
    ax.imshow(shown, cmap="Blues", vmin=0, vmax=1 if shares else None)
    for (i, j), n in np.ndenumerate(shown):
        if not shares or n >= 0.01:
            ax.text(j, i, f"{n:.2f}" if shares else str(n), ha="center", va="center", fontsize=7 if small else None,
                    color="white" if n > shown.max() / 2 else "black")  # fmt: skip
    ax.set_xticks(range(len(classes)), classes, rotation=45, ha="right")
    ax.set_yticks(range(len(classes)), classes)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    accuracy = np.trace(counts) / max(counts.sum(), 1)
    ax.set_title(f"{title} (accuracy {accuracy:.0%})" if title else f"accuracy {accuracy:.0%}")
    return ax
