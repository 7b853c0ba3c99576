"""The original course's versions of C2W1A3. Their ``gc_utils.vector_to_dictionary(theta)`` rebuilds only the
4-5-3-1 network, so a notebook written against it is checked on that network alone."""

from dlspec.checking.spec import Convention, Version
from dlspec.course.c2w1a3.checks import on_the_original_network

_FUNCTIONS = {"gradient_check_n": Convention(cases=on_the_original_network)}

VERSIONS = [
    Version("2021-", marks=("public_tests",), functions=_FUNCTIONS),
    Version("2017-2020", marks=("gc_utils",), functions=_FUNCTIONS),
]
