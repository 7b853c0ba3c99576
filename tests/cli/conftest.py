import shutil
from pathlib import Path

import pytest

from dlspec.course import assignment

FIXTURE = Path(__file__).parent / "fixture_course" / "c9w1a1"


def use_fixture_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make a copy of the fixture assignment c9w1a1 the only course content; returns its folder (editable)."""
    folder = tmp_path / "course" / "c9w1a1"
    shutil.copytree(FIXTURE, folder)

    def load(aid: str) -> assignment.Assignment:
        if aid.strip().lower() != "c9w1a1":
            raise assignment.UnknownAssignmentError(f"no assignment {aid!r}; available: c9w1a1")
        return assignment.load_folder(folder)

    monkeypatch.setattr(assignment, "load", load)
    monkeypatch.setattr(assignment, "available_ids", lambda: ["c9w1a1"])
    monkeypatch.setattr(assignment, "lab_ids", lambda: [])
    return folder


@pytest.fixture
def course(tmp_path, monkeypatch) -> Path:
    return use_fixture_course(tmp_path, monkeypatch)


def write_code(path: Path, marker: str) -> None:
    """The learner's save: a marker comment added to the first code cell (the fake grader reads it)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.source += f"\n{marker}"
    path.write_text(nbformat.writes(nb))


@pytest.fixture
def save():
    return write_code


@pytest.fixture
def ws(course, tmp_path, monkeypatch) -> Path:
    """A workspace with the fixture notebook, as the current directory; COLUMNS wide so rich does not wrap."""
    from dlspec import workspace

    root = tmp_path / "ws"
    workspace.sync(root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("COLUMNS", "200")
    return root


def fake_grade(assignment_id, path=None, *, source=None, sandbox=True, previous=None):
    """Grades by markers in the file: '# syntax' is not gradable, '# pass' passes all, '# half' passes sigmoid."""
    from dlspec.checking.result import CheckResult, FunctionResult, GradeResult

    text = Path(path).read_text()
    if "# syntax" in text:
        return GradeResult(assignment_id, gradable=False, message="cell 3, line 2: invalid syntax")
    good = {"sigmoid", "relu"} if "# pass" in text else {"sigmoid"} if "# half" in text else set()
    functions = []
    for name, points in (("sigmoid", 2.0), ("relu", 1.0)):
        if name in good:
            checks = [CheckResult(name, f"case {i}", "passed") for i in range(4)]
        elif good:
            checks = [CheckResult(name, "example", "failed", "expected (2, 3), got (3, 2)", "transposed?")]
            checks += [CheckResult(name, f"case {i}", "failed", "wrong values") for i in range(3)]
        else:
            checks = [CheckResult(name, "example", "not_implemented", f"{name} is not implemented yet")]
        functions.append(FunctionResult(name, points, checks))
    return GradeResult(assignment_id, functions=functions, source_hash="abc")


@pytest.fixture
def grader(monkeypatch):
    import dlspec.grader

    monkeypatch.setattr(dlspec.grader, "grade", fake_grade, raising=False)
