"""Case.swap swaps a global the graded function reads, for the reference and the learner alike, in the sandbox,
in process and in the notebook's check(): a gradient check must meet a wrong gradient to prove it sees one."""

import pytest

from dlspec.course.assignment import load
from dlspec.course.build import reference_source
from dlspec.grader.grade import grade
from dlspec.notebook import check_function

HEADER = """import numpy as np
from dlspec.nn.gradcheck import dictionary_to_vector, forward_propagation_n, gradients_to_vector, vector_to_dictionary

"""
LOOKS_AWAY = "def gradient_check(x, theta, epsilon=1e-7, print_msg=False):\n    return 0.0\n"


def source(gradient_check: str | None = None) -> str:
    a = load("c2w1a3")
    parts = [reference_source(a, n) for n in a.names if n != "gradient_check" or gradient_check is None]
    return HEADER + "\n\n".join(parts + ([gradient_check] if gradient_check else []))


@pytest.mark.parametrize("sandbox", [True, False])
def test_a_check_that_never_looks_fails_the_replaced_cases_and_a_real_one_passes(sandbox):
    honest = grade("c2w1a3", source=source(), sandbox=sandbox)
    assert honest.score == 1.0
    lazy = next(f for f in grade("c2w1a3", source=source(LOOKS_AWAY), sandbox=sandbox).functions
                if f.name == "gradient_check")
    failed = {c.case: c for c in lazy.checks if c.status != "passed"}
    assert set(failed) == {"a backward that doubles the derivative", "a backward with the wrong sign",
                           "a backward with the wrong sign, x < 0"}
    doubled = failed["a backward that doubles the derivative"]
    assert "the difference should be 0.3333333334, got 0" in doubled.message
    assert doubled.hint.startswith("Compare with backward_propagation's gradient")


def test_the_notebook_check_swaps_the_kernels_globals_and_puts_them_back():
    ns: dict = {}
    exec(source(LOOKS_AWAY), ns)
    original = ns["backward_propagation"]
    result = check_function(load("c2w1a3"), ns["gradient_check"])
    verdicts = {c.case: c.passed for c in result.checks}
    assert verdicts["a backward that doubles the derivative"] is False and verdicts["x = 3, theta = 4"] is True
    assert ns["backward_propagation"] is original
