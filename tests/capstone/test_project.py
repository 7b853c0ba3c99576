"""The capstone as a course item: a "project" on the map, its folder written once into the workspace and never
overwritten, `dlspec submit` running the checks and recording the run, its page on the site."""

from __future__ import annotations

import html
import json
import re

import pytest
from capkit import P

from dlspec import workspace
from dlspec.cli import main
from dlspec.course import catalog, project
from dlspec.progress import store
from dlspec.web.app import create_app


def test_the_capstone_is_an_available_project_in_course_6_week_5():
    item = catalog.item("c6w5p1")
    assert (item.kind, item.course, item.week, item.available) == ("project", 6, 5, True)
    assert project.project_ids() == ["c6w5p1"] and project.is_project("C6W5P1")
    assert not project.is_project("c6w4a1")
    with pytest.raises(project.UnknownProjectError, match="available: c6w5p1"):
        project.load("c6w5p9")


def test_the_starter_and_the_solution_hold_the_same_files():
    for folder in (P.starter, P.solution):
        assert sorted(str(f.relative_to(folder)) for f in folder.rglob("*") if f.is_file()) == sorted(P.files)


def test_the_workspace_gets_the_guide_and_the_starter_once_and_never_overwrites_them(tmp_path):
    changes = workspace.sync(tmp_path, [P.id])
    folder = tmp_path / P.folder
    assert {c.path for c in changes if c.action == "created"} == {tmp_path / f"{P.notebook}.ipynb"} | {
        folder / f for f in P.files
    }
    assert all((folder / f).stat().st_mode & 0o777 == 0o644 for f in P.files)  # readable by the container's user
    (folder / "app.py").write_text("# mine\n")
    (folder / "static" / "index.html").unlink()  # deleted by the learner: written again, the rest stays
    again = workspace.sync(tmp_path, [P.id])
    assert (folder / "app.py").read_text() == "# mine\n"
    assert [c.path for c in again if c.action == "created"] == [folder / "static" / "index.html"]


def test_other_commands_point_a_project_to_submit(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["watch", "c6w5p1"]) == 2
    assert "dlspec submit c6w5p1" in capsys.readouterr().err


def text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_submit_records_the_run_and_the_site_shows_its_checks(trained, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    workspace.sync(tmp_path / "workspace", [P.id])
    assert main(["submit", P.id, "--no-container"]) == 1  # the untouched starter
    assert "preprocess is not implemented yet" in capsys.readouterr().out

    assert main(["submit", P.id, str(trained), "--no-container", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] and data["score"] == 1.0

    conn = store.connect(workspace.database(tmp_path / "workspace"))
    runs = store.project_runs(conn, P.id)
    assert [(score, passed) for _, score, passed, _ in runs] == [(0.0, False), (1.0, True)]
    assert store.summary(conn)[P.id].passed

    client = create_app(tmp_path / "workspace").test_client()
    page = text(client.get(f"/project/{P.id}", headers={"Host": "127.0.0.1"}))
    assert "Run 2: 100% — passed: shipped" in page and "accuracy" in page and "p95_ms" in page
    assert "Ship a model" in text(client.get("/", headers={"Host": "127.0.0.1"}))
    assert client.get("/project/c6w5p9", headers={"Host": "127.0.0.1"}).status_code == 404


def test_the_guide_as_the_learner_gets_it_trains_and_exports(trained):
    """The session fixture ran the guide top to bottom (quick) in a workspace holding the reference files."""
    import nbformat

    nb = nbformat.read(trained.parent / f"{P.notebook}.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the digits, as pictures
    printed = "".join(o.get("text", "") for o in outputs)
    assert "wrote ship-a-model/model.npz" in printed and "(422 expected)" in printed
    assert "score 100%" in printed  # the guide's own run of the checks, on the reference files
    assert {"model.npz", "parity.npz"} <= {p.name for p in trained.iterdir()}
