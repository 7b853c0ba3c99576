"""The original's ``dnn_app_utils_v3``: the step-by-step building blocks of Course 1 week 4, and its data."""

from collections.abc import Sequence
from typing import Any

import numpy as np

from dlspec.compat._lazy import forward
from dlspec.compat.dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward
from dlspec.nn import deep, deep_app
from dlspec.nn.deep import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    update_parameters,
)

load_data = forward("dlspec.data.faces:load_faces")
_mislabelled = forward("dlspec.viz.images:mislabelled_images")


def initialize_parameters(n_x: int, n_h: int, n_y: int) -> dict[str, np.ndarray]:
    """The 2-layer network's parameters, after seeding 1 as the original helper did (so a model that forgets its own
    seed still starts where the course's did)."""
    np.random.seed(1)
    return deep.initialize_parameters(n_x, n_h, n_y)


def initialize_parameters_deep(layer_dims: Sequence[int]) -> dict[str, np.ndarray]:
    """The L-layer network's parameters, after seeding 1; weights scaled by 1/sqrt(n_prev), not 0.01, which the
    original's L_layer_model needs to learn at all."""
    np.random.seed(1)
    return deep_app.initialize_parameters_deep_scaled(layer_dims)


def predict(X: np.ndarray, y: np.ndarray, parameters: dict) -> np.ndarray:
    """0/1 predictions (1, m) of the L-layer model, printing the accuracy against ``y`` as the original did."""
    p = deep_app.predict(X, parameters)
    print(f"Accuracy: {np.mean(p == y):.4g}")
    return p


def print_mislabeled_images(classes: Any, X: np.ndarray, y: np.ndarray, p: np.ndarray) -> Any:
    """Show the images the model got wrong; ``X`` holds flattened 64x64x3 images as columns, as in the original."""
    return _mislabelled(X.T.reshape(-1, 64, 64, 3), y, p, classes)


__all__ = [
    "L_model_backward", "L_model_forward", "compute_cost", "initialize_parameters", "initialize_parameters_deep",
    "linear_activation_backward", "linear_activation_forward", "linear_backward", "linear_forward", "load_data",
    "predict", "print_mislabeled_images", "relu", "relu_backward", "sigmoid", "sigmoid_backward",
    "update_parameters",
]
