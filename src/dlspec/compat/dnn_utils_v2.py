"""The original's ``dnn_utils_v2`` (Course 1 week 4, 2017-2020): the same activations as ``dnn_utils``."""

from dlspec.compat.dnn_utils import *  # noqa: F403
from dlspec.compat.dnn_utils import __all__ as __all__
