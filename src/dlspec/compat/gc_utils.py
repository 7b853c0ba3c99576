"""The original's ``gc_utils`` (Course 2 week 1, gradient checking): the activations of the network it checks and the
conversions between its parameter dictionary and one column vector.

``vector_to_dictionary`` knows only the original's 4-5-3-1 network, as the original's did: the grader's cases for a
notebook written against this module use that network.
"""

import numpy as np

from dlspec.nn import gradcheck
from dlspec.nn.activations import relu, sigmoid
from dlspec.nn.gradcheck import dictionary_to_vector, gradients_to_vector


def vector_to_dictionary(theta: np.ndarray) -> dict[str, np.ndarray]:
    """Cut the column vector back into W1 (5, 4), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3), b3 (1, 1)."""
    return gradcheck.vector_to_dictionary(theta)


__all__ = ["dictionary_to_vector", "gradients_to_vector", "relu", "sigmoid", "vector_to_dictionary"]
