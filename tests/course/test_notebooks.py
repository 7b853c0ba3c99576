"""Every answer-key notebook runs top to bottom and grades 100%; every learner template grades 0%; every ungraded
lab runs top to bottom as the learner gets it.

The answer-key run also re-computes the notebook figures that the quiz banks quote, at no extra cost, and fails
when a quote would now read differently (``dlspec.course.figures``).
"""

import nbformat
import pytest
from nbclient import NotebookClient

from dlspec.course import figures, quiz
from dlspec.course.assignment import available_ids, lab_ids, load
from dlspec.course.build import build
from dlspec.grader import grade
from dlspec.notebook import QUICK, quick

IDS = available_ids()


def summary(result) -> str:
    return "\n".join(f"{f.name}: {f.first_failure.message} {f.first_failure.hint}" for f in result.functions
                     if f.first_failure)


@pytest.mark.parametrize("aid", IDS)
def test_answer_key_runs_and_grades_full(aid, tmp_path, monkeypatch):
    monkeypatch.setenv(QUICK, "1")  # fewer epochs and examples (dlspec.notebook.quick); the kernel inherits it
    nb = build(load(aid), solution=True)
    quoted = [q for q in quiz.figure_quotes() if q.aid == aid]
    if quoted:
        nb.cells.append(figures.recording_cell(q.name for q in quoted))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    if quoted:
        stale = figures.mismatches(quoted, figures.read_recording(nb.cells.pop()))
        assert not stale, "; ".join(stale) + ". Re-record: python -m dlspec.course.figures " + aid
    path = tmp_path / "answer-key.ipynb"
    nbformat.write(nb, path)
    result = grade(aid, path)
    assert result.gradable, result.message
    assert result.score == 1.0, summary(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer-key.ipynb"], "the notebook left files behind"


@pytest.mark.parametrize("aid", IDS)
def test_template_grades_zero_with_not_implemented(aid, tmp_path):
    path = tmp_path / "template.ipynb"
    nbformat.write(build(load(aid), solution=False), path)
    result = grade(aid, path)
    assert result.gradable, result.message
    assert result.score == 0.0
    statuses = {c.status for f in result.functions for c in f.checks}
    assert statuses == {"not_implemented"}, summary(result)


@pytest.mark.parametrize("lab", lab_ids())
def test_lab_runs_top_to_bottom_as_the_learner_gets_it(lab, tmp_path, monkeypatch):
    monkeypatch.setenv(QUICK, "1")
    nb = build(load(lab), solution=False)
    assert not [c for c in nb.cells if "graded" in c.metadata.get("tags", [])], "a lab has nothing to grade"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert not list(tmp_path.iterdir()), "the lab left files behind"


def test_the_quick_switch_is_read_from_the_environment(monkeypatch):
    monkeypatch.delenv(QUICK, raising=False)
    assert quick(3000, 300) == 3000
    monkeypatch.setenv(QUICK, "1")
    assert quick(3000, 300) == 300
