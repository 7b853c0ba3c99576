"""The original course's versions of C1W4A1. Until 2018 ``L_model_backward`` numbered the activation gradients
from 1: ``dA{l}`` held the gradient of the activation A{l-1} (``dA1`` the input's), one more than since 2019."""

from dlspec.checking.spec import Convention, Version


def numbered_from_one(grads: dict) -> dict:
    """The gradients of L_model_backward with dA{l} renamed dA{l+1}, as the 2017-2018 notebooks numbered them."""
    return {f"dA{int(k[2:]) + 1}" if k.startswith("dA") else k: v for k, v in grads.items()}


def activation_gradients_from_one(L_model_backward):
    """L_model_backward as the 2017-2018 notebooks asked for it."""

    def L_model_backward_2017(AL, Y, caches):
        return numbered_from_one(L_model_backward(AL, Y, caches))

    return L_model_backward_2017


VERSIONS = [
    Version("2021-", marks=("public_tests",)),
    Version("2019-2020", marks=("testCases_v4", "testCases_v4a")),
    Version(
        "2017-2018",
        marks=("testCases", "testCases_v2", "testCases_v3", "dnn_utils", "dnn_utils_v2"),
        functions={"L_model_backward": Convention(adapt=f"{__name__}:activation_gradients_from_one")},
    ),
]
