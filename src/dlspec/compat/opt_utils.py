"""The original's ``opt_utils`` (Course 2 week 2 until 2019): the 3-layer network its ``model`` trains with each
optimiser, He-initialised, the moons data, and a fixture of parameters and gradients."""

import numpy as np

from dlspec.compat import _three_layer
from dlspec.compat._lazy import forward
from dlspec.compat._three_layer import *  # noqa: F403 (the network, shared with init_utils and reg_utils)

compute_cost = _three_layer.cross_entropy
initialize_parameters = _three_layer.initializer(lambda n_prev: np.sqrt(2 / n_prev))
load_dataset = forward("dlspec.data.moons:load_dataset")
load_2D_dataset = forward("dlspec.data.field:load_field")


def load_params_and_grads(seed: int = 1) -> tuple[np.ndarray, ...]:
    """W1 (2, 3), b1, W2 (3, 3), b2 and gradients of the same shapes, drawn in that order after seeding."""
    np.random.seed(seed)
    shapes = [(2, 3), (2, 1), (3, 3), (3, 1)]
    return tuple(np.random.randn(*shape) for shape in shapes + shapes)


__all__ = [
    *_three_layer.__all__, "compute_cost", "initialize_parameters", "load_2D_dataset", "load_dataset",
    "load_params_and_grads",
]  # fmt: skip
