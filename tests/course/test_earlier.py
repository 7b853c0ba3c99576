"""A later notebook takes the learner's own functions from their latest fully passing earlier attempt."""

import numpy as np
import pytest

from dlspec import workspace
from dlspec.course import assignment as course
from dlspec.course.build import reference_source
from dlspec.earlier import own_functions
from dlspec.grader.grade import grade
from dlspec.nn.deep import L_model_backward as reference_backward
from dlspec.nn.deep import L_model_forward as reference_forward
from dlspec.progress import store

NAMES = ("L_model_forward", "L_model_backward")
HEADER = """import numpy as np
from dlspec.nn.activations import relu_backward, sigmoid_backward
from dlspec.nn.activations import relu_forward as relu
from dlspec.nn.activations import sigmoid_forward as sigmoid
"""


def submit(root, source: str) -> float:
    """Grade ``source`` as a C1W4A1 submission and record it, as `dlspec submit` does; returns the score."""
    path = root / "attempt.py"
    path.write_text(source)
    result = grade("c1w4a1", path, sandbox=False)
    store.record_submission(store.connect(workspace.database(root)), result, path)
    return result.score


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "ws"
    workspace.sync(root, ["c1w4a1"])
    return root


@pytest.fixture
def full_source():
    a = course.load("c1w4a1")
    return HEADER + "\n\n".join(reference_source(a, n) for n in a.names) + "\n# a learner's own file\n"


def network(seed: int = 0):
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(size=(4, 3)), "b1": rng.normal(size=(4, 1)), "W2": rng.normal(size=(1, 4))}
    params["b2"] = rng.normal(size=(1, 1))
    return params, rng.normal(size=(3, 5)), np.array([[1.0, 0, 1, 1, 0]])


def test_without_a_passing_attempt_the_reference_stands_in_and_says_why(root):
    (forward, backward), origin = own_functions("c1w4a1", *NAMES, root=root)
    assert (forward, backward) == (reference_forward, reference_backward)
    assert origin == (
        "Using the reference L_model_forward, L_model_backward: no attempt at C1W4A1 has passed every function yet."
    )


def test_the_latest_fully_passing_attempt_is_used_not_a_later_broken_one(root, full_source):
    assert submit(root, full_source) == 1.0
    broken = full_source.replace("dAL = -(np.divide(Y, AL)", "dAL = (np.divide(Y, AL)")
    assert broken != full_source and submit(root, broken) < 1.0

    (forward, backward), origin = own_functions("c1w4a1", *NAMES, root=root)
    assert origin.startswith("Using your own L_model_forward, L_model_backward from C1W4A1 (")
    assert forward.__code__.co_filename == backward.__code__.co_filename == "<your earlier attempt>"
    params, X, Y = network()
    AL, caches = forward(X, params)
    expected_AL, expected_caches = reference_forward(X, params)
    np.testing.assert_array_equal(AL, expected_AL)
    grads, expected = backward(AL, Y, caches), reference_backward(expected_AL, Y, expected_caches)
    assert grads.keys() == expected.keys() and all(np.array_equal(grads[k], expected[k]) for k in grads)


def test_an_attempt_that_passed_without_every_function_is_not_used(root, full_source):
    without_update = full_source.replace("def update_parameters(", "def update_parameters_unused(")
    score = submit(root, without_update)
    assert 0.8 <= score < 1.0  # passed the assignment, but not every function
    _, origin = own_functions("c1w4a1", *NAMES, root=root)
    assert origin.startswith("Using the reference")


def test_a_name_the_assignment_does_not_grade_is_refused():
    with pytest.raises(ValueError, match="conv_forward is not graded in c1w4a1"):
        own_functions("c1w4a1", "conv_forward")
