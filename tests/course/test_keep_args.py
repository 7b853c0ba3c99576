"""Case.keep_args: a function that must return new values fails, with a message naming the argument, when it edits
what it was given in place (in the sandbox, in process and in check()); a copying one passes."""

import pytest

from dlspec.course.assignment import load
from dlspec.course.build import reference_source
from dlspec.grader.grade import grade
from dlspec.notebook import check_function

IN_PLACE = """def update_parameters(parameters, grads, learning_rate=1.2):
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters
"""


def source(update: str | None = None) -> str:
    a = load("c1w3a1")
    parts = [reference_source(a, n) for n in a.names if n != "update_parameters" or update is None]
    header = "import copy\n\nimport numpy as np\nfrom dlspec.nn.activations import sigmoid\n\n"
    return header + "\n\n".join(parts + ([update] if update else []))


@pytest.mark.parametrize("sandbox", [True, False])
def test_an_update_that_edits_its_input_fails_and_names_it(sandbox):
    assert grade("c1w3a1", source=source(), sandbox=sandbox).score == 1.0
    update = next(f for f in grade("c1w3a1", source=source(IN_PLACE), sandbox=sandbox).functions
                  if f.name == "update_parameters")
    assert update.points == 0
    assert "changed its argument parameters['W1'] in place" in update.first_failure.message


def test_check_in_the_notebook_says_the_same():
    ns: dict = {}
    exec(source(IN_PLACE), ns)
    result = check_function(load("c1w3a1"), ns["update_parameters"])
    assert "changed its argument parameters['W1'] in place" in result.first_failure.message
