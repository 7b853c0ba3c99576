"""The original's ``dnn_app_utils_v2`` (Course 1 week 4, 2017-2018): ``dnn_app_utils_v3`` whose ``L_model_backward``
numbers the activation gradients from 1, as the notebooks of those years did."""

from dlspec.compat.dnn_app_utils_v3 import *  # noqa: F403 (the same helpers)
from dlspec.compat.dnn_app_utils_v3 import __all__ as __all__
from dlspec.course.c1w4a1.versions import activation_gradients_from_one
from dlspec.nn import deep

L_model_backward = activation_gradients_from_one(deep.L_model_backward)
