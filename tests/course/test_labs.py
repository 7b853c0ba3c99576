"""Ungraded labs: a folder with a notebook and no graded functions, on the course map as an ungraded lab, written
into the workspace by ``dlspec start``, never graded. That each lab runs top to bottom is in test_notebooks.py."""

import nbformat

from dlspec import workspace
from dlspec.cli import doctor, main
from dlspec.cli.overview import status
from dlspec.course import assignment, catalog, project
from dlspec.course.build import build
from dlspec.web import views


def test_labs_are_listed_apart_from_the_graded_assignments():
    assert "c5w4l1" in assignment.lab_ids()
    assert not set(assignment.lab_ids()) & set(assignment.available_ids())
    assert all(assignment.is_lab(i) for i in assignment.lab_ids())
    assert not any(assignment.is_lab(i) for i in assignment.available_ids())


def test_every_shipped_lab_is_an_available_lab_of_the_registry_with_its_title():
    for lab in assignment.lab_ids():
        item = catalog.item(lab)
        a = assignment.load(lab)
        assert item.kind == "lab" and item.available
        assert a.title == item.title and a.functions == ()


def test_a_lab_notebook_is_the_same_for_learner_and_key_and_has_nothing_graded():
    a = assignment.load("c5w4l1")
    template, key = build(a, solution=False), build(a, solution=True)
    assert [c.source for c in template.cells] == [c.source for c in key.cells]
    assert not any(c.source.startswith("# GRADED") for c in template.cells)


def test_a_lab_shows_on_the_map_and_site_as_ungraded():
    item = catalog.item("c5w4l1")
    assert status(item, None) == "ungraded lab"
    assert views.state(item, None)["key"] == "lab" and views.link(item) is None


def test_start_writes_every_lab_into_the_workspace(tmp_path, monkeypatch):
    monkeypatch.setattr(assignment, "available_ids", lambda: [])  # the labs alone, to keep this quick
    monkeypatch.setattr(project, "project_ids", lambda: [])
    changes = workspace.sync(tmp_path)
    assert [(c.action, c.path.name) for c in changes] == [
        ("created", "C5W4L1-transformer-preprocessing.ipynb"), ("created", "C5W4L2-named-entity-recognition.ipynb"),
        ("created", "C5W4L3-question-answering.ipynb"),
    ]  # fmt: skip
    nb = nbformat.read(changes[0].path, as_version=4)
    assert nb.metadata["dlspec"]["assignment"] == "c5w4l1"


def test_a_lab_cannot_be_submitted_and_the_doctor_builds_it(capsys):
    assert main(["submit", "c5w4l1"]) == 2
    assert "c5w4l1 is an ungraded lab" in capsys.readouterr().err
    assert dict(doctor.checks(None))["lab c5w4l1"]().startswith("ungraded, ")
