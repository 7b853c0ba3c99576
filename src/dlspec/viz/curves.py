"""Training curves and labelled image grids: the pictures of Course 1 week 2 (and any lesson that trains).

Each function draws on the axes it is given (or on a new figure) and returns the axes, so a notebook can add a
title or a line afterwards. Nothing is saved to disk and nothing opens a window by itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np


def plot_cost(
    costs: Sequence[float],
    every: int = 100,
    ax: plt.Axes | None = None,
    label: str | None = None,
    title: str = "Cost during training",
) -> plt.Axes:
    """Plot a cost recorded every ``every`` iterations against the iteration number."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    iterations = np.arange(len(costs)) * every
    ax.plot(iterations, np.asarray(costs, dtype=float), marker="o" if len(costs) < 30 else None, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    return ax


def plot_costs(
    curves: Mapping[str, Sequence[float]],
    every: int = 100,
    ax: plt.Axes | None = None,
    title: str = "Cost during training",
    log: bool = False,
) -> plt.Axes:
    """Several cost curves on one axes, one per label (e.g. one per learning rate), with a legend."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    for label, costs in curves.items():
        plot_cost(costs, every=every, ax=ax, label=label, title=title)
    if log:
        ax.set_yscale("log")
    ax.legend()
    return ax


def show_images(
    images: np.ndarray,
    labels: Sequence[str] | None = None,
    ncols: int = 8,
    colors: Sequence[str] | None = None,
    size: float = 1.4,
) -> plt.Figure:
    """A grid of images ``(k, h, w)`` or ``(k, h, w, 3)``, each titled with its label (optionally coloured)."""
    k = len(images)
    ncols = min(ncols, k)
    nrows = -(-k // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, (size + 0.3) * nrows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= k:
            continue
        ax.imshow(images[i], cmap="gray" if images[i].ndim == 2 else None)
        if labels is not None:
            ax.set_title(labels[i], fontsize=8, color=colors[i] if colors is not None else "black")
    fig.tight_layout()
    return fig
