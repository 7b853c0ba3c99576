"""Decision boundaries of 2-D classifiers: colour the plane by the model's prediction, then draw the points.

``model`` is any callable that takes points as rows, shape ``(k, 2)``, and returns one label (or score) per
point, e.g. ``lambda P: predict(parameters, P.T)`` or ``clf.predict``. Points ``X`` are columns, ``(2, m)``, as
everywhere in Course 1; ``y`` is any array of ``m`` labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

Model = Callable[[np.ndarray], np.ndarray]


def _grid(X: np.ndarray, steps: int, margin: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """A steps x steps grid covering the points with ``margin`` to spare on every side."""
    x0 = np.linspace(X[0].min() - margin, X[0].max() + margin, steps)
    x1 = np.linspace(X[1].min() - margin, X[1].max() + margin, steps)
    return np.meshgrid(x0, x1)


def plot_decision_boundary(model: Model, X: np.ndarray, y: np.ndarray, *, ax=None, steps: int = 300, title=None):
    """Fill the plane with ``model``'s prediction and scatter the points ``X (2, m)`` coloured by ``y``.

    Draws on ``ax`` (the current axes if None) and returns it. ``steps`` is the grid resolution per axis: the
    model is called once, on ``steps**2`` points.
    """
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.gca()
    xx, yy = _grid(X, steps)
    Z = np.asarray(model(np.c_[xx.ravel(), yy.ravel()]), dtype=float).reshape(xx.shape)
    # Fixed levels and colour limits: a model that predicts one class everywhere still gets that class's colour.
    ax.contourf(xx, yy, Z, levels=[-0.01, 0.5, 1.01], cmap=plt.cm.Spectral, vmin=0, vmax=1, alpha=0.5)
    ax.scatter(X[0], X[1], c=np.ravel(y), cmap=plt.cm.Spectral, s=15, edgecolors="k", linewidths=0.3)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_decision_boundaries(models: Mapping[str, Model], X: np.ndarray, y: np.ndarray, *, ncols: int = 4,
                             steps: int = 150, size: float = 3.0):
    """One panel per model, titled by its key: for comparing, say, hidden-layer sizes on the same data.

    Returns the figure; unused panels of the last row are hidden.
    """
    import matplotlib.pyplot as plt

    nrows = -(-len(models) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for ax, (title, model) in zip(axes.flat, models.items(), strict=False):
        plot_decision_boundary(model, X, y, ax=ax, steps=steps, title=title)
    for ax in axes.flat[len(models):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig
