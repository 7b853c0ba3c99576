"""The original's ``dnn_utils``: activations that return ``(A, cache)`` and their backward steps."""

from dlspec.nn.activations import relu_backward, sigmoid_backward
from dlspec.nn.activations import relu_forward as relu
from dlspec.nn.activations import sigmoid_forward as sigmoid

__all__ = ["relu", "relu_backward", "sigmoid", "sigmoid_backward"]
