"""Attention weights as a heat map: one row per output token, one column per input token, darker where the output
looked harder (C5W3A1's dates; any attention of shape (outputs, inputs))."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np


def plot_attention(
    weights: np.ndarray, inputs: Sequence[str], outputs: Sequence[str], ax: plt.Axes | None = None, title: str = ""
) -> plt.Axes:
    """Draw ``weights`` (len(outputs), len(inputs)), each row summing to 1, with the tokens as tick labels; a
    space in the input is shown as "␣" so that it can be told apart from nothing."""
    weights = np.asarray(weights)
    if weights.shape != (len(outputs), len(inputs)):
        raise ValueError(f"weights of shape {weights.shape} for {len(outputs)} outputs and {len(inputs)} inputs")
    if ax is None:
        _, ax = plt.subplots(figsize=(0.3 * len(inputs) + 1.5, 0.3 * len(outputs) + 1.2))
    image = ax.imshow(weights, cmap="Blues", vmin=0, vmax=max(float(weights.max()), 1e-9), aspect="auto")
    ax.set_xticks(range(len(inputs)), ["␣" if c == " " else c for c in inputs])
    ax.set_yticks(range(len(outputs)), list(outputs))
    ax.set_xlabel("input")
    ax.set_ylabel("output")
    ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    if title:
        ax.set_title(title)
    return ax
