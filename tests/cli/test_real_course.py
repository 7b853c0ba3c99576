"""The commands on the real course and the real grader (the other CLI tests use a fixture and a fake)."""

import json

import nbformat

from dlspec import workspace
from dlspec.cli import main
from dlspec.course.assignment import available_ids, load
from dlspec.course.build import build
from dlspec.progress import store


def test_submit_grades_the_answer_key_the_template_and_a_syntax_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    assignment = load(available_ids()[0])
    key, template, broken = tmp_path / "key.ipynb", tmp_path / "template.ipynb", tmp_path / "broken.py"
    nbformat.write(build(assignment, solution=True), key)
    nbformat.write(build(assignment, solution=False), template)
    broken.write_text(f"def {assignment.names[0]}(:\n    pass\n")

    assert main(["submit", assignment.id, str(key), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] and data["score"] == 1.0 and [t["name"] for t in data["tests"]] == assignment.names

    assert main(["submit", assignment.id, str(template)]) == 1
    out = capsys.readouterr().out
    assert "not implemented" in out and "score 0%" in out

    assert main(["submit", assignment.id, str(broken)]) == 2
    assert "not gradable" in capsys.readouterr().out

    conn = store.connect(workspace.database(tmp_path / "workspace"))
    assert [a.score for a in store.attempts(conn, assignment.id)] == [1.0, 0.0]
