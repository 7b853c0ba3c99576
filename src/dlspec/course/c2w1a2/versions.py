"""The original course's versions of C2W1A2. Each seeded NumPy with 1 inside ``forward_propagation_with_dropout``,
in a line the course wrote; dlspec's notebook asks not to, so only the original's notebooks may."""

import dataclasses

from dlspec.checking.spec import Case, Convention, Version
from dlspec.course.c2w1a2.checks import judge_dropout_forward_seeded


def _seed_allowed(cases: list[Case]) -> list[Case]:
    return [dataclasses.replace(c, judge=judge_dropout_forward_seeded) for c in cases]


_FUNCTIONS = {"forward_propagation_with_dropout": Convention(cases=_seed_allowed)}

VERSIONS = [
    Version("2021-", marks=("public_tests",), functions=_FUNCTIONS),
    Version("2017-2020", marks=("reg_utils",), functions=_FUNCTIONS),
]
