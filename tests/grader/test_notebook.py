"""check(fn) in the learner's kernel: same cases, messages and isolation as the grader."""

import linecache

import numpy as np
import pytest
from conftest import REFERENCE_SOURCE, notebook, with_function
from test_grade import as_submission

from dlspec.grader import grade
from dlspec.notebook import checker


def kernel(source: str, name: str = "<ipython-input-1>", ipython: bool = True) -> dict:
    """A namespace as a kernel would hold it after running ``source`` as one cell (IPython keeps the input
    history in ``In``; a plain interpreter has none)."""
    linecache.cache[name] = (len(source), None, source.splitlines(keepends=True), name)
    ns = {"__name__": "__main__"}
    if ipython:
        ns["In"] = ["", "def broken(:", source]
    exec(compile(source, name, "exec"), ns)
    return ns


@pytest.fixture
def check(fx1):
    return checker(fx1)


def test_reference_passes_and_prints_a_short_verdict(check, capsys):
    ns = kernel(REFERENCE_SOURCE)
    assert check(ns["scale_sum"]) is None
    assert capsys.readouterr().out.strip() == "scale_sum: all 4 cases passed"
    assert check(ns["scale_sum"], quiet=True).points == 2


def test_stub_says_not_implemented(check, capsys):
    check(kernel("def project(W, X):\n    raise NotImplementedError")["project"])
    assert capsys.readouterr().out.strip() == "project: not implemented yet"


def test_failure_prints_the_first_message_and_hint(check, capsys):
    check(kernel("import numpy as np\ndef project(W, X):\n    return X.T @ W.T")["project"])
    out = capsys.readouterr().out
    assert out.startswith("project: 0 of 4 cases passed\ncase 'example' (W (2, 3), X (3, 4)): expected shape (2, 4)")
    assert "the result is the transpose" in out
    assert "Hint: W comes first: W @ X has shape (k, m)." in out


def test_other_graded_functions_are_references_during_the_check_and_restored_after(check):
    ns = kernel(with_function(REFERENCE_SOURCE, "def mean_sq(A):\n    return 0.0"))
    learner_mean_sq = ns["mean_sq"]
    assert check(ns["scale_sum"], quiet=True).status == "passed"
    assert ns["mean_sq"] is learner_mean_sq
    assert "project" in ns and "init_w" in ns


SECRET_GLOBAL = """import numpy as np
m_train = np.ones((3, 5)).shape[1]
n = 3
def mean_sq(A):
    return float(np.sum(A**2) / m_train) * n / 3
"""


def test_notebook_data_is_invisible_as_in_the_grader(check, fx1):
    msg = check(kernel(SECRET_GLOBAL)["mean_sq"], quiet=True).first_failure.message
    assert "NameError: name 'm_train' is not defined at line 5" in msg
    assert "`m_train` is set at the top level of the notebook" in msg
    assert grade(fx1, source=SECRET_GLOBAL, sandbox=False).functions[0].first_failure.message == msg


def test_without_history_data_arrays_are_invisible(check):
    src = "import numpy as np\nA0 = np.ones((2, 3))\ndef mean_sq(A):\n    return float(np.sum(A0**2))"
    msg = check(kernel(src, ipython=False)["mean_sq"], quiet=True).first_failure.message
    assert "NameError: name 'A0' is not defined" in msg


def test_random_state_of_the_kernel_is_left_alone(check):
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    check(kernel(REFERENCE_SOURCE)["init_w"], quiet=True)
    assert np.array_equal(np.random.get_state()[1], before)


def test_not_a_graded_function_is_refused(check):
    with pytest.raises(ValueError, match="grades mean_sq, scale_sum, project, init_w"):
        check(print)


@pytest.mark.parametrize("name", ["mean_sq", "scale_sum", "project", "init_w"])
def test_check_and_grade_agree_on_every_mutant(fx1, check, name):
    for m in [*fx1.mutants(name), *fx1.variants(name)]:
        src = with_function(REFERENCE_SOURCE, as_submission(m.fn, name))
        graded = next(f for f in grade(fx1, source=src, sandbox=False).functions if f.name == name)
        checked = check(kernel(src)[name], quiet=True)
        assert [(c.case, c.status, c.message, c.hint) for c in checked.checks] == [
            (c.case, c.status, c.message, c.hint) for c in graded.checks
        ]


def test_constants_built_from_earlier_cells_stay_visible(check, fx1):
    cells = [
        "import numpy as np\nscale = 1.0",
        "factor = scale * 2\ndef mean_sq(A):\n    return factor / 2 * float(np.sum(A**2) / A.shape[1])",
    ]
    ns = kernel("\n".join(cells))
    ns["In"] = ["", *cells]
    assert check(ns["mean_sq"], quiet=True).status == "passed"
    assert grade(fx1, source=notebook(*cells), sandbox=False).functions[0].status == "passed"
