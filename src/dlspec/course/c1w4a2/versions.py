"""The original course's versions of C1W4A2; until 2020 both models returned the parameters alone, without the
costs."""

import functools

from dlspec.checking.spec import Convention, Version


def parameters_only(model):
    """A model that returns only the parameters of dlspec's (parameters, costs)."""

    @functools.wraps(model)  # the same parameters, for the messages that show them
    def model_2017(*args, **kwargs):
        return model(*args, **kwargs)[0]

    return model_2017


_PARAMETERS_ONLY = Convention(adapt=f"{__name__}:parameters_only")

VERSIONS = [
    Version("2021-", marks=("public_tests",)),
    Version(
        "2017-2020",
        marks=("dnn_app_utils", "dnn_app_utils_v2", "dnn_app_utils_v3"),
        functions={"two_layer_model": _PARAMETERS_ONLY, "L_layer_model": _PARAMETERS_ONLY},
    ),
]
