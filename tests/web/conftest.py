import logging
from pathlib import Path

import pytest
from sitekit import AID, write_notebook

from dlspec import workspace
from dlspec.checking.result import CheckResult, FunctionResult, GradeResult
from dlspec.course import assignment
from dlspec.web import create_app

logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no request log in the test output


def fake_grade(assignment_id, path=None, *, source=None, sandbox=True, previous=None):
    """Grades by markers in the file: '# syntax' is not gradable, '# crash' raises, '# pass' passes all;
    otherwise the first function passes and the second is transposed."""
    text = Path(path).read_text()
    if "# crash" in text:
        raise RuntimeError("the sandbox could not start")
    if "# syntax" in text:
        return GradeResult(assignment_id, gradable=False, message="cell 1, line 2: invalid syntax")
    functions = []
    for n, f in enumerate(assignment.load(assignment_id).functions):
        if "# pass" in text or n == 0:
            checks = [CheckResult(f.name, f"case {i}", "passed") for i in range(3)]
        elif n == 1:
            checks = [CheckResult(f.name, "example", "failed", "expected shape (2, 3), got (3, 2)", "transposed?")]
        else:
            checks = [CheckResult(f.name, "example", "not_implemented", f"{f.name} is not implemented yet")]
        functions.append(FunctionResult(f.name, f.points, checks))
    return GradeResult(assignment_id, functions=functions, source_hash="abc")


@pytest.fixture
def root(tmp_path) -> Path:
    """A workspace holding only c1w2a1's notebook (a stand-in the fake grader reads)."""
    folder = tmp_path / "ws"
    (folder / workspace.STATE_DIR).mkdir(parents=True)
    write_notebook(workspace.notebook_path(folder, assignment.load(AID)), "def basic_sigmoid(x):\n    pass\n")
    return folder


@pytest.fixture
def grader(monkeypatch):
    import dlspec.grader

    monkeypatch.setattr(dlspec.grader, "grade", fake_grade)


@pytest.fixture
def app(root):
    return create_app(root, lab_url="http://127.0.0.1:9999")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf(app) -> str:
    return app.config["CSRF"]
