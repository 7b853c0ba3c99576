"""Grading through the in-process runner (fast): the same extraction, cases, comparison and diagnosis as the
sandbox, which test_sandbox.py proves gives identical verdicts."""

import hashlib
import inspect
import textwrap

import pytest
from conftest import REFERENCE_SOURCE, notebook, with_function

from dlspec.checking.spec import Case
from dlspec.checking.verdict import verdict
from dlspec.checking.wire import encode
from dlspec.grader import grade


def as_submission(fn, name: str) -> str:
    """The source of a mutant or variant, undecorated and renamed to the graded function's name."""
    lines = textwrap.dedent(inspect.getsource(fn)).splitlines()
    lines = [line for line in lines if not line.startswith("@")]
    lines[0] = f"def {name}(" + lines[0].split("(", 1)[1]
    return "\n".join(lines)


STUBS = "\n".join(
    f"def {n}(*args):\n    raise NotImplementedError\n" for n in ["mean_sq", "scale_sum", "project", "init_w"]
)


def test_reference_scores_full_marks(fx1):
    result = grade(fx1, source=REFERENCE_SOURCE, sandbox=False)
    assert result.gradable and result.passed
    assert result.score == 1.0
    assert all(c.status == "passed" for f in result.functions for c in f.checks)
    assert [f.name for f in result.functions] == ["mean_sq", "scale_sum", "project", "init_w"]


def test_blank_stubs_score_zero_as_not_implemented(fx1):
    result = grade(fx1, source="import numpy as np\n" + STUBS, sandbox=False)
    assert result.score == 0 and not result.passed
    for f in result.functions:
        assert f.status == "not_implemented"
        assert "not implemented yet" in f.first_failure.message


def test_wrong_function_fails_with_a_specific_message(fx1):
    src = with_function(REFERENCE_SOURCE, "def project(W, X):\n    return W @ X + 0.5")
    result = grade(fx1, source=src, sandbox=False)
    project = next(f for f in result.functions if f.name == "project")
    msg = project.first_failure.message
    assert project.points == 0
    assert msg.startswith("case 'example' (W (2, 3), X (3, 4)): values differ at 8 of 8 positions")
    assert "max abs error 0.5, max rel error 0.5; first at [0, 0]: expected 0, got 0.5" in msg
    assert result.score == pytest.approx(5 / 6)


@pytest.mark.parametrize("name", ["mean_sq", "scale_sum", "project", "init_w"])
def test_every_variant_passes(fx1, name):
    for v in fx1.variants(name):
        result = grade(fx1, source=with_function(REFERENCE_SOURCE, as_submission(v.fn, name)), sandbox=False)
        assert result.score == 1.0, (v.fn.__name__, [c.message for f in result.functions for c in f.checks])


@pytest.mark.parametrize("name", ["mean_sq", "scale_sum", "project", "init_w"])
def test_every_mutant_fails_and_gets_its_hint(fx1, name):
    mutants = fx1.mutants(name)
    assert len(mutants) >= 5
    for m in mutants:
        result = grade(fx1, source=with_function(REFERENCE_SOURCE, as_submission(m.fn, name)), sandbox=False)
        f = next(f for f in result.functions if f.name == name)
        assert f.status in ("failed", "error"), m.fn.__name__
        assert f.first_failure.hint == m.hint, m.fn.__name__
        assert all(g.status == "passed" for g in result.functions if g.name != name)


def test_each_function_is_judged_alone(fx1):
    # scale_sum calls mean_sq: a wrong mean_sq must not cost scale_sum anything
    src = with_function(REFERENCE_SOURCE, "def mean_sq(A):\n    return 0.0")
    result = grade(fx1, source=src, sandbox=False)
    status = {f.name: f.status for f in result.functions}
    assert status == {"mean_sq": "failed", "scale_sum": "passed", "project": "passed", "init_w": "passed"}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the learner's log(0), on purpose
@pytest.mark.parametrize(
    ("body", "diagnosis"),
    [
        (
            "return np.sum(A**2, keepdims=True) / A.shape[1]",
            "returned an ndarray of shape (1, 1) where a float was due",
        ),
        ("return float(np.sum(A**2))", "times too large: is the 1/m"),
        ("return -float(np.sum(A**2) / A.shape[1])", "wrong sign"),
        ("return float(np.log(0 * A[0, 0]) * 0)", "the output contains NaN"),
    ],
)
def test_diagnoses_fire_on_crafted_answers(fx1, body, diagnosis):
    src = with_function(REFERENCE_SOURCE, f"def mean_sq(A):\n    {body}")
    assert diagnosis in grade(fx1, source=src, sandbox=False).functions[0].first_failure.message


def test_transposed_result_is_diagnosed(fx1):
    src = with_function(REFERENCE_SOURCE, "def project(W, X):\n    return (W @ X).T")
    f = grade(fx1, source=src, sandbox=False).functions[2]
    assert "the result is the transpose of the expected one ((4, 2) instead of (2, 4))" in f.first_failure.message


def test_a_call_that_does_not_fit_the_parameters_shows_the_signature_the_grader_uses(fx1):
    src = with_function(REFERENCE_SOURCE, "def project(W):\n    return W")
    message = grade(fx1, source=src, sandbox=False).functions[2].first_failure.message
    assert "raised TypeError: project() takes 1 positional argument but 2 were given" in message
    assert message.endswith("the grader calls it as project(W, X); your definition is project(W)")


def test_a_type_error_inside_the_function_is_not_blamed_on_its_signature(fx1):
    # the learner's project calls a helper the wrong way: their own line is named, the call of project is fine
    src = with_function(REFERENCE_SOURCE, "def helper(A):\n    return A\n\ndef project(W, X):\n    return helper(W, X)")
    message = grade(fx1, source=src, sandbox=False).functions[2].first_failure.message
    assert "raised TypeError: helper() takes 1 positional argument but 2 were given" in message
    assert "return helper(W, X)" in message and "the grader calls it" not in message


def test_a_name_from_an_import_that_failed_is_not_blamed_on_the_learner(fx1):
    src = notebook(REFERENCE_SOURCE, "from nowhere_utils import norm_of\ndef mean_sq(A):\n    return norm_of(A)")
    result = grade(fx1, source=src, sandbox=False)
    message = result.functions[0].first_failure.message
    assert "NameError: name 'norm_of' is not defined" in message
    assert "`norm_of` was to come from `nowhere_utils`, which the grader could not import" in message
    assert any("No module named 'nowhere_utils'" in w for w in result.warnings)


def test_error_names_exception_and_learner_line(fx1):
    src = notebook(REFERENCE_SOURCE, "print('hi')", "def project(W, X):\n    k = W.shape[0]\n    return W @ X.T")
    f = grade(fx1, source=src, sandbox=False).functions[2]
    assert f.status == "error"
    assert "raised ValueError: matmul" in f.first_failure.message
    assert "at cell 3, line 3: `return W @ X.T`" in f.first_failure.message


def test_using_a_notebook_global_is_explained(fx1):
    src = notebook(REFERENCE_SOURCE, "m = X_train.shape[1]\ndef mean_sq(A):\n    return float(np.sum(A**2) / m)")
    msg = grade(fx1, source=src, sandbox=False).functions[0].first_failure.message
    assert "NameError: name 'm' is not defined" in msg
    assert "`m` is set at the top level of the notebook" in msg


def test_missing_function_scores_zero_for_it(fx1):
    src = REFERENCE_SOURCE.replace("def project(", "def projection(")
    result = grade(fx1, source=src, sandbox=False)
    f = result.functions[2]
    assert f.status == "missing" and f.points == 0
    assert f.first_failure.message == "no function named project in the submission"


def test_syntax_error_is_not_gradable_and_scores_nothing(fx1):
    result = grade(fx1, source=notebook(REFERENCE_SOURCE, "def project(:\n    pass"), sandbox=False)
    assert not result.gradable and result.score == 0 and not result.passed
    assert result.message.startswith("syntax error in cell 2, line 1")
    assert result.to_json()["gradable"] is False


def test_failed_import_is_a_warning_and_original_helpers_are_no_ops(fx1):
    src = (
        "import tensorflow_that_is_not_installed\nfrom public_tests import *\nfrom testCases_v4a import x_test\n"
        "from dnn_utils import sigmoid, relu_backward\n" + REFERENCE_SOURCE + "\nmean_sq_test(mean_sq)\n"
        "def helper():\n    return tensorflow_that_is_not_installed, x_test, sigmoid, relu_backward\n"
    )
    result = grade(fx1, source=notebook(src), sandbox=False)
    assert result.score == 1.0
    assert len(result.warnings) == 1 and "ModuleNotFoundError" in result.warnings[0]


def test_source_hash_is_sha256_of_the_bytes(fx1):
    raw = notebook(REFERENCE_SOURCE)
    assert grade(fx1, source=raw, sandbox=False).source_hash == hashlib.sha256(raw).hexdigest()


def test_json_has_the_gradescope_shape(fx1):
    data = grade(
        fx1, source=with_function(REFERENCE_SOURCE, "def init_w(n, k):\n    return 0"), sandbox=False
    ).to_json()
    assert set(data) >= {"score", "tests", "passed", "source_hash", "output", "warnings"}
    test = data["tests"][3]
    assert test["name"] == "init_w" and test["status"] == "failed" and test["score"] == 0 and test["max_score"] == 1
    assert test["message"].startswith("case 'example' (n 3, k 2): expected float64 array of shape (2, 3), got int")


def test_a_judge_that_cannot_read_the_output_fails_the_case_not_the_grader():
    case = Case("odd", (1,), judge=lambda got, expected, args: got.std() < 1 and None)
    check = verdict("f", case, {"status": "ok", "value": encode(None)}, None, [])
    assert check.status == "failed"
    assert (
        check.message == "case 'odd' (arg1 1): returned NoneType, which the check cannot use (AttributeError: "
        "'NoneType' object has no attribute 'std')"
    )


def test_an_error_a_known_mistake_also_raises_gets_its_hint(fx1):
    src = with_function(REFERENCE_SOURCE, "def project(W, X):\n    return W.T @ X")
    bad = grade(fx1, source=src, sandbox=False).functions[2].first_failure
    assert bad.status == "error" and "raised ValueError: matmul" in bad.message
    assert bad.hint == "Transpose nothing: (k, n) @ (n, m) already lines up."


def test_message_points_into_the_returned_structure(fx1):
    src = with_function(
        REFERENCE_SOURCE, "def scale_sum(X, Y):\n    return {'s': np.sum(X * Y, axis=0) / X.shape[1], 'e': 0.0}"
    )
    msg = grade(fx1, source=src, sandbox=False).functions[1].first_failure.message
    assert msg.startswith("case 'example' (X (2, 3), Y (2, 3)): result['s']: expected shape (2, 1), got shape (3,)")
