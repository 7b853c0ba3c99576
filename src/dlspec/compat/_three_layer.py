"""The 3-layer network LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID that Course 2 week 1 and week 2 shipped,
nearly alike, in ``init_utils``, ``reg_utils``, ``opt_utils`` and ``opt_utils_v1a``: one copy here, for all four.

Caches are the flat tuples ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`` the originals used; their plotting
and data helpers forward to dlspec's and load on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from dlspec.compat._lazy import forward
from dlspec.nn.activations import relu, sigmoid
from dlspec.nn.regularization import backward_propagation, forward_propagation

# what every one of the four helper modules offers under these names
__all__ = [
    "backward_propagation", "forward_propagation", "plot_decision_boundary", "predict", "predict_dec", "relu",
    "sigmoid", "update_parameters",
]  # fmt: skip

plot_decision_boundary = forward("dlspec.viz.boundary:plot_decision_boundary")


def initializer(scale: Callable[[int], float]) -> Callable[[Sequence[int]], dict[str, np.ndarray]]:
    """The helpers' ``initialize_parameters(layer_dims)``: seed 3 first (they did, so every run starts alike),
    then W{l} = randn(n_l, n_{l-1}) * scale(n_{l-1}) and zero biases."""

    def initialize_parameters(layer_dims: Sequence[int]) -> dict[str, np.ndarray]:
        np.random.seed(3)
        parameters = {}
        for l in range(1, len(layer_dims)):
            parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * scale(layer_dims[l - 1])
            parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
        return parameters

    return initialize_parameters


def cross_entropy(a3: np.ndarray, Y: np.ndarray) -> float:
    """Mean cross-entropy of the predictions; a 0 * log(0) term (a saturated unit) counts as 0, as in the originals."""
    with np.errstate(divide="ignore", invalid="ignore"):
        losses = -Y * np.log(a3) - (1 - Y) * np.log(1 - a3)
    return float(np.nansum(losses) / Y.shape[1])


def update_parameters(parameters: dict, grads: dict, learning_rate: float) -> dict:
    """One gradient-descent step on every W{l}, b{l}, written back into ``parameters``, which is also returned."""
    for l in range(1, len(parameters) // 2 + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters


def predict(X: np.ndarray, y: np.ndarray, parameters: dict) -> np.ndarray:
    """0/1 predictions (1, m) of the network, printing the accuracy against ``y`` as the originals did."""
    p = (forward_propagation(X, parameters)[0] > 0.5).astype(np.int64)
    print(f"Accuracy: {np.mean(p[0] == np.ravel(y))}")
    return p


def predict_dec(parameters: dict, X: np.ndarray) -> np.ndarray:
    """Boolean predictions (1, m), for plot_decision_boundary(lambda x: predict_dec(parameters, x.T), X, y)."""
    return forward_propagation(X, parameters)[0] > 0.5
