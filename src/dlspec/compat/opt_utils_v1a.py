"""The original's ``opt_utils_v1a`` (Course 2 week 2 from 2020): ``opt_utils`` whose ``compute_cost`` returns the
cost summed over the examples, so that ``model`` can add up mini-batches and divide by m once per epoch."""

import numpy as np

from dlspec.compat._three_layer import cross_entropy
from dlspec.compat.opt_utils import *  # noqa: F403 (the same helpers)
from dlspec.compat.opt_utils import __all__ as __all__


def compute_cost(a3: np.ndarray, Y: np.ndarray) -> float:
    """The cross-entropy summed (not averaged) over the examples of the batch."""
    return cross_entropy(a3, Y) * Y.shape[1]
