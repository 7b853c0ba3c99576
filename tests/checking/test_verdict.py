"""The verdict's words: result parts named as the reference's docstring names them, and a known mistake's hint
only where that mistake is wrong."""

import numpy as np

from dlspec.checking.names import argument, named, returned_names
from dlspec.checking.spec import Case, Mutant
from dlspec.checking.verdict import mutant_hint
from dlspec.course.assignment import load
from dlspec.nn.batchnorm import batchnorm_backward, batchnorm_forward
from dlspec.nn.optim import update_parameters_with_gd
from dlspec.notebook import check_function


def test_names_come_from_the_docstring():
    assert returned_names(batchnorm_backward) == ("dZ", "dgamma", "dbeta")
    expected = (np.zeros(1), np.zeros(1), np.zeros(1))
    assert named("[1][0]", batchnorm_backward, expected) == "dgamma[0]"
    assert named("['W1']", update_parameters_with_gd, {"W1": 0}) == "parameters['W1']"
    assert named("[1]", batchnorm_backward, expected[:2]) == "result[1]"  # the names do not fit this result
    assert named("[0]", None, expected) == "result[0]"
    assert named("[1][3]", batchnorm_forward, (0, 0, 0, 0)) == "cache[3] (var)"  # "cache -- tuple (Z, ..., var, ...)"
    assert argument("<3>", batchnorm_forward) == "running_mean" and argument("<eps>", batchnorm_forward) == "eps"


def test_a_failure_names_the_part_of_a_tuple():
    def dgamma_unsummed(dout, cache):
        dZ, _, dbeta = batchnorm_backward(dout, cache)
        return dZ, dout * cache[1], dbeta

    bad = check_function(load("c2w3a2"), _named(dgamma_unsummed, "batchnorm_backward")).first_failure
    assert "): dgamma: expected shape" in bad.message


def _named(fn, name):
    fn.__name__ = name
    return fn


def test_a_mistake_that_is_right_on_the_case_gives_no_hint():
    case = Case("c", args=(3,))
    right_here = Mutant("f", "not this one", lambda x: x * 2 if x > 5 else x)
    wrong_here = Mutant("f", "this one", lambda x: x + 1)
    assert mutant_hint([right_here], case, expected=3, got=3.5) == ""
    assert mutant_hint([right_here, wrong_here], case, expected=3, got=4) == "this one"
    # within the tolerance of the learner's output, but the mistake's own output is the right one
    assert mutant_hint([Mutant("f", "no", lambda x: 3.0)], Case("c", args=(3,), rtol=0.5), 3, got=4) == ""


def test_a_judged_case_asks_the_judge_whether_the_mistake_is_wrong():
    case = Case("c", args=(2,), judge=lambda got, expected, args: None if got % 2 == 0 else "odd")
    assert mutant_hint([Mutant("f", "even anyway", lambda x: 4)], case, expected=2, got=4, exact=True) == ""
    assert mutant_hint([Mutant("f", "odd", lambda x: 5)], case, expected=2, got=5, exact=True) == "odd"


def test_of_two_fitting_mistakes_the_one_with_the_learners_very_numbers_wins():
    case = Case("c", args=(3.0,))
    near = Mutant("f", "near", lambda x: x * 2 * (1 + 1e-9))
    same = Mutant("f", "same", lambda x: x * 2)
    assert mutant_hint([near, same], case, expected=3.0, got=6.0) == "same"
    assert mutant_hint([near], case, expected=3.0, got=6.0) == "near"  # within tolerance still counts


def test_an_update_in_place_is_compared_with_what_the_function_returns():
    # C5W1A2's optimize updates the parameters it is given and returns the loss, the gradients and a state: a step
    # that never updates, or updates before clipping, returns the same three things and fails only on the update
    from dlspec.nn.char_lm import clip, rnn_backward, rnn_forward

    def optimize_without_update(X, Y, a_prev, parameters, learning_rate=0.01):
        loss, cache = rnn_forward(X, Y, a_prev, parameters)
        gradients, a = rnn_backward(X, Y, parameters, cache)
        return loss, clip(gradients, 5), a[len(X) - 1]

    bad = check_function(load("c5w1a2"), _named(optimize_without_update, "optimize")).first_failure
    assert bad is not None and "result[3]" in bad.message and "update_parameters" in bad.hint
