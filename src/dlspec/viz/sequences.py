"""A recurrent network unrolled in time: the picture of Course 5 week 1, forward and backward.

The forward picture shows what each step reads and hands on (the input, the previous state, the memory of an
LSTM) and where the prediction leaves. The backward picture shows the same wiring with the arrows reversed, and
the one place where two gradients meet: the hidden state fed both the prediction and the next step, so its
gradient is their sum.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

SPACING = 3.0  # between neighbouring cells
HALF = 0.75  # half the width of a cell
NODE = 1.15  # from a cell's centre to where its hidden state branches
FORWARD, BACKWARD = "#1f77b4", "#d62728"


def _t(name: str, step: int | str) -> str:
    return rf"${name}^{{\langle {step} \rangle}}$"


def _arrow(ax: plt.Axes, start: tuple[float, float], end: tuple[float, float], color: str) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color=color, lw=1.5,
                                 shrinkA=0, shrinkB=0))


def unrolled(steps: int = 4, lstm: bool = False, backward: bool = False, ax: plt.Axes | None = None) -> plt.Axes:
    """Draw a basic RNN (or, with ``lstm``, an LSTM) unrolled over ``steps`` time steps; with ``backward``, the
    gradients that backpropagation through time sends along the same wires."""
    if ax is None:
        _, ax = plt.subplots(figsize=(2.4 * steps + 1.5, 3.6))
    color = BACKWARD if backward else FORWARD
    y_a, y_c = (0.2, -0.25) if lstm else (0.0, None)  # the memory runs below, clear of the predictions
    name = "LSTM" if lstm else "RNN"
    for t in range(1, steps + 1):
        x = SPACING * t
        ax.add_patch(FancyBboxPatch((x - HALF, -0.5), 2 * HALF, 1.0, boxstyle="round,pad=0.05", fc="#f4f4f4",
                                    ec="0.3"))
        ax.text(x, 0.0, f"{name}\ncell", ha="center", va="center", fontsize=8, color="0.3")
        node = (x + NODE, y_a)
        if backward:
            ax.add_patch(Circle(node, 0.16, fc="white", ec=color, lw=1.5))
            ax.text(*node, "+", ha="center", va="center", color=color, fontsize=11)
            _arrow(ax, (node[0], 1.25), (node[0], y_a + 0.17), color)
            ax.text(node[0], 1.45, f"da[:, :, {t - 1}]", ha="center", fontsize=8, color=color)
            _arrow(ax, (node[0] - 0.17, y_a), (x + HALF, y_a), color)
            _arrow(ax, (x, -0.5), (x, -1.25), color)
            ax.text(x, -1.35, f"dx[:, :, {t - 1}]", ha="center", va="top", fontsize=8, color=color)
        else:
            ax.add_patch(Circle(node, 0.06, color=color))
            _arrow(ax, (x + HALF, y_a), node, color)
            _arrow(ax, node, (node[0], 1.25), color)
            ax.text(node[0], 1.35, _t(r"\hat{y}", t), ha="center", va="bottom", color=color)
            _arrow(ax, (x, -1.25), (x, -0.5), color)
            ax.text(x, -1.35, _t("x", t), ha="center", va="top", color=color)
        if t < steps:  # the wires to the next cell: the hidden state from the branch point, the memory from the box
            after = (x + SPACING - HALF, y_a)
            _arrow(ax, *((after, (node[0] + 0.17, y_a)) if backward else (node, after)), color)
            ax.text(x + NODE + 0.5, y_a - 0.12, "da_prev" if backward else _t("a", t), ha="center", va="top",
                    fontsize=8, color=color)
            if lstm:
                wire = ((x + SPACING - HALF, y_c), (x + HALF, y_c))
                _arrow(ax, *(wire if backward else wire[::-1]), color)
                ax.text(x + SPACING / 2, y_c - 0.08, "dc_prev" if backward else _t("c", t), ha="center",
                        va="top", fontsize=8, color=color)
    first = SPACING - HALF
    if backward:
        _arrow(ax, (first, y_a), (first - 1.0, y_a), color)
        ax.text(first - 1.1, y_a, "da0", ha="right", va="center", color=color)
        last = SPACING * steps + NODE
        ax.text(last + 0.3, y_a, "0: nothing comes\nback from later", ha="left", va="center", fontsize=7, color="0.4")
    else:
        _arrow(ax, (first - 1.0, y_a), (first, y_a), color)
        ax.text(first - 1.1, y_a, _t("a", 0), ha="right", va="center", color=color)
        if lstm:
            _arrow(ax, (first - 1.0, y_c), (first, y_c), color)
            ax.text(first - 1.1, y_c, _t("c", 0) + " = 0", ha="right", va="center", color=color)
    ax.set_xlim(first - 2.2, SPACING * steps + NODE + 1.8)
    ax.set_ylim(-1.9, 1.8)
    ax.set_aspect("equal")
    ax.axis("off")
    what = "gradients flowing back" if backward else "one set of parameters, shared by every step"
    ax.set_title(f"{name} unrolled over {steps} steps: {what}", fontsize=10)
    return ax
