"""The original's ``dnn_app_utils_v3``: the step-by-step building blocks of Course 1 week 4, and its data."""

from typing import Any

import numpy as np

from dlspec.compat._lazy import forward
from dlspec.compat.dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward

load_data = forward("dlspec.data.faces:load_faces")
initialize_parameters = forward("dlspec.nn.deep:initialize_parameters")
# The original's application helpers scaled weights by 1/sqrt(n_prev), not 0.01: its L_layer_model needs that.
initialize_parameters_deep = forward("dlspec.nn.deep_app:initialize_parameters_deep_scaled")
linear_forward = forward("dlspec.nn.deep:linear_forward")
linear_activation_forward = forward("dlspec.nn.deep:linear_activation_forward")
L_model_forward = forward("dlspec.nn.deep:L_model_forward")
compute_cost = forward("dlspec.nn.deep:compute_cost")
linear_backward = forward("dlspec.nn.deep:linear_backward")
linear_activation_backward = forward("dlspec.nn.deep:linear_activation_backward")
L_model_backward = forward("dlspec.nn.deep:L_model_backward")
update_parameters = forward("dlspec.nn.deep:update_parameters")
_predict = forward("dlspec.nn.deep_app:predict")
_mislabelled = forward("dlspec.viz.images:mislabelled_images")


def predict(X: np.ndarray, y: np.ndarray, parameters: dict) -> np.ndarray:
    """0/1 predictions (1, m) of the L-layer model, printing the accuracy against ``y`` as the original did."""
    p = _predict(X, parameters)
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
