import json
import subprocess
import sys
from pathlib import Path

import pytest

from dlspec import workspace
from dlspec.cli import main
from dlspec.progress import store

NOTEBOOK = "C9W1A1-activations.ipynb"


def attempts(root: Path) -> list[store.Attempt]:
    return store.attempts(store.connect(workspace.database(root)), "c9w1a1")


def test_help_is_instant_because_nothing_heavy_is_imported():
    code = (
        "import sys\nfrom dlspec.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'rich', 'nbformat', 'dlspec.grader') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "submit" in out and "watch" in out and "doctor" in out
    assert out.strip().endswith("[]")


def test_python_m_dlspec_runs_the_command_help():
    done = subprocess.run([sys.executable, "-m", "dlspec", "submit", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "--json" in done.stdout and "assignment id" in done.stdout


def test_unknown_command_and_unknown_assignment_are_usage_errors(course, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2
    assert main(["submit", "c9w9a9"]) == 2
    assert "no assignment 'c9w9a9'; available: c9w1a1" in capsys.readouterr().err


def test_submit_records_each_attempt_and_exits_by_verdict(ws, grader, capsys, save):
    assert main(["submit", "c9w1a1"]) == 1
    out = capsys.readouterr().out
    assert "not implemented" in out and "attempt 1 recorded" in out

    save(ws / NOTEBOOK, "# half")
    assert main(["submit", "c9w1a1"]) == 1
    out = capsys.readouterr().out
    assert "expected (2, 3), got (3, 2)" in out and "hint: transposed?" in out and "hint: stuck?" not in out
    assert "score 67% (2/3 points), not passed yet" in out

    save(ws / NOTEBOOK, "# pass")
    assert main(["submit", "c9w1a1"]) == 0
    out = capsys.readouterr().out
    assert "passed" in out and "best so far 100%" in out and "dlspec solution c9w1a1" in out

    got = attempts(ws)
    assert [a.score for a in got] == [0.0, pytest.approx(2 / 3), 1.0]
    assert got[-1].passed and got[-1].path == str(ws / NOTEBOOK)
    assert "# pass" in got[-1].source and '"outputs"' not in got[-1].source  # the code, not the JSON
    assert got[-1].results["tests"][1]["name"] == "relu"


def test_submit_json_prints_only_the_result(ws, grader, capsys, save):
    save(ws / NOTEBOOK, "# half")
    assert main(["submit", "c9w1a1", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["assignment"] == "c9w1a1" and data["gradable"] is True and data["passed"] is False
    assert [(t["name"], t["status"], t["max_score"]) for t in data["tests"]] == [
        ("sigmoid", "passed", 2.0),
        ("relu", "failed", 1.0),
    ]
    assert len(attempts(ws)) == 1


def test_not_gradable_costs_nothing(ws, grader, capsys, save):
    save(ws / NOTEBOOK, "# syntax")
    assert main(["submit", "c9w1a1"]) == 2
    assert "cell 3, line 2: invalid syntax" in capsys.readouterr().out
    assert main(["submit", "c9w1a1", "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["gradable"] is False
    assert attempts(ws) == []


def test_submit_a_path_from_outside_the_workspace(ws, grader, tmp_path, capsys):
    theirs = tmp_path / "saved-from-the-original.py"
    theirs.write_text("def sigmoid(z): ...  # pass\n")
    assert main(["submit", "c9w1a1", str(theirs)]) == 0
    assert attempts(ws)[0].source == theirs.read_text()
    assert main(["submit", "c9w1a1", str(tmp_path / "nope.ipynb")]) == 2
    assert "nope.ipynb does not exist" in capsys.readouterr().err


def test_submit_without_a_workspace_says_how_to_make_one(course, grader, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["submit", "c9w1a1"]) == 2
    assert "run `dlspec start`" in capsys.readouterr().err


def test_hint_ladder_goes_one_step_at_a_time_and_is_recorded(ws, capsys):
    conn = store.connect(workspace.database(ws))
    outputs = []
    for _ in range(4):
        assert main(["hint", "c9w1a1", "sigmoid"]) == 0
        outputs.append(capsys.readouterr().out)
    assert "hint 1 of 3" in outputs[0] and "Think of the logistic curve." in outputs[0]
    assert "hint 2 of 3" in outputs[1] and "Use np.exp." in outputs[1]
    assert "hint 3 of 3" in outputs[2]
    assert "hint 3 of 3" in outputs[3] and "That is the last hint" in outputs[3]
    assert store.hint_level(conn, "c9w1a1", "sigmoid") == 3
    assert main(["hint", "c9w1a1", "sigmoid", "--level", "1"]) == 0
    assert "Think of the logistic curve." in capsys.readouterr().out
    assert store.hint_level(conn, "c9w1a1", "sigmoid") == 3
    assert store.hint_level(conn, "c9w1a1", "relu") == 0


def test_hint_for_an_unknown_function_or_level(ws, capsys):
    assert main(["hint", "c9w1a1", "tanh"]) == 2
    assert "grades sigmoid, relu" in capsys.readouterr().err
    assert main(["hint", "c9w1a1", "relu", "--level", "7"]) == 2
    assert "hints 1 to 3" in capsys.readouterr().err


def test_solution_opens_after_passing_or_when_forced(ws, grader, capsys, save):
    conn = store.connect(workspace.database(ws))
    assert main(["solution", "c9w1a1"]) == 1
    out = capsys.readouterr().out
    assert "after you pass" in out and "def sigmoid" not in out
    assert store.solution_views(conn, "c9w1a1") == []

    assert main(["solution", "c9w1a1", "--force"]) == 0
    out = capsys.readouterr().out
    assert "def sigmoid(z):" in out and "def relu(z):" in out and "np.maximum" in out
    assert store.solution_views(conn, "c9w1a1") == [True]

    save(ws / NOTEBOOK, "# pass")
    assert main(["submit", "c9w1a1"]) == 0
    assert main(["solution", "c9w1a1"]) == 0
    assert store.solution_views(conn, "c9w1a1") == [True, False]


def test_progress_map_shows_every_course_and_the_learners_status(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert not (tmp_path / "workspace").exists()  # looking does not create a workspace
    assert "Course 1" in out and "Course 5" in out and "not started" in out
    assert "all available" in out and "not yet available" not in out  # every item of the registry ships now

    from dlspec.course import catalog

    real = catalog._available
    monkeypatch.setattr(catalog, "_available", lambda item_id, kind: item_id != "c5w4" and real(item_id, kind))
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "not yet available" in out and "the rest come with later versions" in out
    monkeypatch.setattr(catalog, "_available", real)

    from dlspec.checking.result import CheckResult, FunctionResult, GradeResult

    quiz_id = next(i.id for i in catalog.items() if i.kind == "quiz" and i.available)
    assignment_id = next(i.id for i in catalog.items() if i.kind == "assignment" and i.available)
    passing = GradeResult(assignment_id, functions=[FunctionResult("f", 1.0, [CheckResult("f", "c", "passed")])])
    conn = store.connect(workspace.database(tmp_path / "workspace"))
    store.record_quiz(conn, quiz_id, 0.9, True, {})
    store.record_attempt(conn, passing, "src", "p")
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "✓ passed (best 90%)" in out and "✓ passed (best 100%)" in out
    assert "2 of " in out


def test_progress_export_writes_one_file_with_everything(ws, grader, save, tmp_path, capsys):
    assert main(["progress", "--export", str(tmp_path / "backup.db")]) == 2
    assert "nothing to export" in capsys.readouterr().err
    save(ws / NOTEBOOK, "# pass")
    assert main(["submit", "c9w1a1"]) == 0
    assert main(["progress", "--export", str(tmp_path / "backup.db")]) == 0
    assert "progress exported to" in capsys.readouterr().out
    copy = store.connect(tmp_path / "backup.db")
    assert store.best(copy, "c9w1a1").passed
    assert main(["progress", "--export", str(tmp_path / "backup.db")]) == 2
    assert "already exists" in capsys.readouterr().err
