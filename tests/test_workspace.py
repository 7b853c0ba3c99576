import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from dlspec import __version__, workspace
from dlspec.course.build import content_hash


def notebook(*sources: str) -> tuple[bytes, str]:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    return nbformat.writes(nb).encode(), content_hash(nb)


def learner_edit(path, source: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source = source
    path.write_text(nbformat.writes(nb))


def test_unedited_notebook_is_replaced_by_the_new_version(tmp_path):
    manifest = {}
    old, old_hash = notebook("def f(): raise NotImplementedError")
    new, new_hash = notebook("def f(): raise NotImplementedError  # v2")
    assert workspace.sync_notebook(tmp_path, "A.ipynb", old, old_hash, manifest, "0.1").action == "created"
    assert workspace.sync_notebook(tmp_path, "A.ipynb", old, old_hash, manifest, "0.1").action == "unchanged"
    change = workspace.sync_notebook(tmp_path, "A.ipynb", new, new_hash, manifest, "0.2")
    assert change.action == "updated"
    assert (tmp_path / "A.ipynb").read_bytes() == new
    assert manifest == {"A.ipynb": new_hash}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A.ipynb"]


def test_outputs_alone_do_not_count_as_an_edit(tmp_path):
    manifest = {}
    old, old_hash = notebook("x = 1")
    new, new_hash = notebook("x = 2")
    workspace.sync_notebook(tmp_path, "A.ipynb", old, old_hash, manifest, "0.1")
    nb = nbformat.read(tmp_path / "A.ipynb", as_version=4)
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="ran it\n")]
    (tmp_path / "A.ipynb").write_text(nbformat.writes(nb))
    assert workspace.sync_notebook(tmp_path, "A.ipynb", new, new_hash, manifest, "0.2").action == "updated"


def test_edited_notebook_stays_and_the_new_version_goes_beside_it_once(tmp_path):
    manifest = {}
    old, old_hash = notebook("def f(): raise NotImplementedError")
    new, new_hash = notebook("def f(): raise NotImplementedError  # v2")
    workspace.sync_notebook(tmp_path, "A.ipynb", old, old_hash, manifest, "0.1")
    learner_edit(tmp_path / "A.ipynb", "def f(): return 42")
    mine = (tmp_path / "A.ipynb").read_bytes()

    change = workspace.sync_notebook(tmp_path, "A.ipynb", new, new_hash, manifest, "0.2")
    assert change.action == "kept" and change.beside == tmp_path / "A.v0.2.ipynb"
    assert "kept your edited A.ipynb; the new version is A.v0.2.ipynb" in str(change)
    assert (tmp_path / "A.ipynb").read_bytes() == mine
    assert (tmp_path / "A.v0.2.ipynb").read_bytes() == new

    again = workspace.sync_notebook(tmp_path, "A.ipynb", new, new_hash, manifest, "0.2")
    assert again.beside == tmp_path / "A.v0.2.ipynb"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A.ipynb", "A.v0.2.ipynb"]


def test_a_taken_beside_name_is_never_overwritten(tmp_path):
    (tmp_path / "A.ipynb").write_text("my own notes, not even a notebook")
    (tmp_path / "A.v0.2.ipynb").write_text("also mine")
    new, new_hash = notebook("x = 2")
    change = workspace.sync_notebook(tmp_path, "A.ipynb", new, new_hash, {}, "0.2")
    assert change.action == "kept"
    assert change.beside.name.startswith("A.v0.2-") and change.beside.read_bytes() == new
    assert (tmp_path / "A.ipynb").read_text() == "my own notes, not even a notebook"
    assert (tmp_path / "A.v0.2.ipynb").read_text() == "also mine"


def test_write_atomic_leaves_the_old_file_when_the_move_fails(tmp_path, monkeypatch):
    target = tmp_path / "A.ipynb"
    target.write_bytes(b"old")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        workspace.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["A.ipynb"]


def test_sync_builds_every_notebook_and_updates_after_a_course_change(tmp_path, monkeypatch):
    from dlspec.course import assignment

    folder = tmp_path / "c9w1a1"
    shutil.copytree(Path(__file__).parent / "cli" / "fixture_course" / "c9w1a1", folder)
    monkeypatch.setattr(assignment, "load", lambda aid: assignment.load_folder(folder))
    root = tmp_path / "ws"
    [change] = workspace.sync(root, ["c9w1a1"])
    assert change.action == "created" and change.path == root / "C9W1A1-activations.ipynb"
    nb = nbformat.read(change.path, as_version=4)
    assert nb.metadata["dlspec"] == {"assignment": "c9w1a1", "kind": "template"}
    assert "NotImplementedError" in nb.cells[2].source
    manifest = json.loads((root / ".dlspec" / "manifest.json").read_text())["notebooks"]
    assert manifest == {"C9W1A1-activations.ipynb": content_hash(nb)}

    learner_edit(change.path, "# Activations, my notes")
    (folder / "notebook.py").write_text((folder / "notebook.py").read_text() + "\n# %%\nprint('new cell')\n")
    [change] = workspace.sync(root, ["c9w1a1"])
    assert change.action == "kept" and change.beside.name == f"C9W1A1-activations.v{__version__}.ipynb"
    assert nbformat.read(change.path, as_version=4).cells[0].source == "# Activations, my notes"


def test_find_looks_upward_and_resolve_prefers_the_explicit_folder(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    (root / ".dlspec").mkdir(parents=True)
    (root / ".dlspec" / "manifest.json").write_text('{"format": 1, "notebooks": {}}')
    (root / "sub" / "deeper").mkdir(parents=True)
    assert workspace.find(root / "sub" / "deeper") == root.resolve()
    assert workspace.find(tmp_path) is None
    monkeypatch.chdir(root / "sub")
    assert workspace.resolve() == root.resolve()
    assert workspace.resolve(tmp_path / "elsewhere") == (tmp_path / "elsewhere").resolve()
    monkeypatch.chdir(tmp_path)
    assert workspace.resolve() == (tmp_path / "workspace").resolve()
