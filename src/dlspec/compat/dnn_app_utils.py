"""The original's ``dnn_app_utils`` (Course 1 week 4, 2017): the first name of ``dnn_app_utils_v2``."""

from dlspec.compat.dnn_app_utils_v2 import *  # noqa: F403
from dlspec.compat.dnn_app_utils_v2 import __all__ as __all__
