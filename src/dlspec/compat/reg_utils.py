"""The original's ``reg_utils`` (Course 2 week 1, regularisation): the plain activations and cost its graded
functions call, the 3-layer network its ``model`` trains, and the football-field data."""

import numpy as np

from dlspec.compat import _three_layer
from dlspec.compat._lazy import forward
from dlspec.compat._three_layer import *  # noqa: F403 (the network, shared with init_utils and opt_utils)

compute_cost = _three_layer.cross_entropy
# Its weights were divided by sqrt(n_{l-1}), so the unregularised model fits the field in 30,000 steps.
initialize_parameters = _three_layer.initializer(lambda n_prev: 1 / np.sqrt(n_prev))
load_2D_dataset = forward("dlspec.data.field:load_field")

__all__ = [*_three_layer.__all__, "compute_cost", "initialize_parameters", "load_2D_dataset"]
