"""The original course's versions of C1W3A1; until 2020 ``compute_cost`` also took the parameters (and ignored
them), so ``nn_model`` passed them too."""

import dataclasses

import numpy as np

from dlspec.checking.spec import Case, Convention, Version

# What the cases pass as the unused third argument: a 2-4-1 network, as in the original's example.
_PARAMETERS = {"W1": np.full((4, 2), 0.01), "b1": np.zeros((4, 1)), "W2": np.full((1, 4), 0.01), "b2": np.zeros((1, 1))}


def parameters_passed(compute_cost):
    """compute_cost(A2, Y, parameters), as the 2017-2020 notebooks declared it."""

    def compute_cost_2017(A2, Y, parameters):
        return compute_cost(A2, Y)

    return compute_cost_2017


def _with_parameters(cases: list[Case]) -> list[Case]:
    return [dataclasses.replace(c, args=(*c.args, _PARAMETERS), note=f"{c.note}, parameters") for c in cases]


VERSIONS = [
    Version("2021-", marks=("public_tests",)),
    Version(
        "2017-2020",
        marks=("testCases", "testCases_v2", "planar_utils"),
        functions={"compute_cost": Convention(adapt=f"{__name__}:parameters_passed", cases=_with_parameters)},
    ),
]
