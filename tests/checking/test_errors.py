"""Common exceptions explained in the terms of the learner's code (dlspec.checking.errors)."""

import numpy as np

from dlspec.checking.errors import explain
from dlspec.course.assignment import load
from dlspec.notebook import check_function

PARAMETERS = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1))}
GRADS = {"dW1": np.zeros((2, 2)), "db1": np.zeros((2, 1))}


def test_a_missing_key_shows_the_keys_of_the_dicts_given():
    names = ["parameters", "grads", "learning_rate"]
    assert explain("raised KeyError: 'W0'", (PARAMETERS, GRADS, 0.1), names) == (
        "'W0' is not a key of parameters (W1, b1) or grads (dW1, db1)")
    assert explain("raised KeyError: 'W1'", (PARAMETERS, GRADS, 0.1), names) == (
        "'W1' is a key of parameters but not of grads (dW1, db1)")
    assert explain("raised KeyError: 'x'", ({"x": 1},), ["d"]) is None  # a dict of its own making


def test_type_errors_are_put_in_words():
    assert "str(l)" in explain('raised TypeError: can only concatenate str (not "int") to str', (), [])
    assert "m // k" in explain("raised TypeError: 'float' object cannot be interpreted as an integer", (), [])
    assert "loop over the keys" in explain(
        "raised TypeError: unsupported operand type(s) for *: 'float' and 'dict'", (), [])
    assert explain("raised ValueError: no idea", (), []) is None


def test_the_explanation_follows_the_error_in_the_verdict():
    def update_parameters_with_gd(parameters, grads, learning_rate):
        for l in range(len(parameters) // 2):
            parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        return parameters

    bad = check_function(load("c2w2a1"), update_parameters_with_gd).first_failure
    assert bad.status == "error" and "\n'W0' is not a key of parameters (W1, b1, W2, b2)" in bad.message
