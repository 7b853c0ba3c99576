import dataclasses
import socket
import sys

import nbformat
import pytest

from dlspec.cli import doctor, main, start
from dlspec.course import catalog
from dlspec.data import ASSETS, ChecksumError


@pytest.fixture
def launched(monkeypatch):
    """Replaces JupyterLab: records what `start` would run it with."""
    calls = []

    def serve(folder, port, browser):
        calls.append((folder, port, browser, start.lab_command(folder, port, browser)))
        return 0

    monkeypatch.setattr(start, "serve", serve)
    return calls


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_start_creates_the_workspace_and_runs_jupyterlab_on_localhost(course, launched, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    port = free_port()
    assert main(["start", "--no-browser", "--port", str(port)]) == 0
    root = tmp_path / "workspace"
    nb = nbformat.read(root / "C9W1A1-activations.ipynb", as_version=4)
    assert nb.metadata["dlspec"]["kind"] == "template"
    assert (root / ".dlspec" / "progress.db").exists() and (root / ".dlspec" / "manifest.json").exists()
    [(folder, got_port, browser, command)] = launched
    assert (folder, got_port, browser) == (root, port, False)
    assert f"--ServerApp.root_dir={root}" in command and "--ServerApp.ip=127.0.0.1" in command
    assert "--no-browser" in command and command[1:3] == ["-m", "jupyterlab"]


def test_start_again_keeps_the_learners_work(course, launched, tmp_path, monkeypatch, capsys):
    root = tmp_path / "mine"
    port = str(free_port())
    assert main(["start", "--workspace", str(root), "--port", port]) == 0
    notebook = root / "C9W1A1-activations.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[2].source = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))"
    notebook.write_text(nbformat.writes(nb))
    mine = notebook.read_bytes()
    (course / "notebook.py").write_text((course / "notebook.py").read_text() + "\n# %%\nprint('new')\n")
    capsys.readouterr()
    assert main(["start", "--workspace", str(root), "--port", port]) == 0
    assert "kept your edited C9W1A1-activations.ipynb" in capsys.readouterr().out
    assert notebook.read_bytes() == mine


def test_start_explains_a_taken_port_and_a_missing_jupyterlab(course, launched, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["start", "--port", str(port)]) == 1
    assert f"port {port} on 127.0.0.1 is already in use" in capsys.readouterr().err

    monkeypatch.setattr(start.importlib.util, "find_spec", lambda name: None)
    assert main(["start", "--port", str(free_port())]) == 2
    assert "JupyterLab is missing, though dlspec installs it; install it again with: pip install jupyterlab" in (
        capsys.readouterr().err
    )
    assert launched == []


def test_list_shows_available_and_coming_items(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "c1w1" in out and "quiz" in out and "assignment" in out
    assert "yes" in out and "C5 W4" in out and "not yet" not in out  # every item of the registry ships now

    real = catalog._available
    monkeypatch.setattr(catalog, "_available", lambda item_id, kind: item_id != "c5w4" and real(item_id, kind))
    assert main(["list"]) == 0
    assert "not yet" in capsys.readouterr().out


def test_doctor_verifies_every_dataset_and_weights_file():
    checks = dict(doctor.checks(None))
    assert {f"{a.kind} {name}" for name, a in ASSETS.items()} <= checks.keys()
    assert checks["dataset fashion"]() == "checksum matches (package data)"


def test_doctor_names_a_changed_dataset(monkeypatch):
    monkeypatch.setitem(ASSETS, "planar", dataclasses.replace(ASSETS["planar"], sha256="f" * 64))
    with pytest.raises(ChecksumError, match=r"planar: checksum .*, expected ffffffffffff…"):
        dict(doctor.checks(None))["dataset planar"]()


def test_native_windows_is_told_to_use_wsl_before_anything_runs(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["submit", "c1w2a2"]) == 2
    err = capsys.readouterr().err
    assert "dlspec runs on Linux and macOS. On Windows, run it inside WSL" in err and "wsl --install" in err
    assert "Traceback" not in err


def test_doctor_reports_every_problem_and_exits_1(monkeypatch, tmp_path, capsys):
    broken = tmp_path / "ws" / ".dlspec" / "progress.db"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"not a database")

    def checks(explicit):
        yield "fine", lambda: "ok"
        yield "workspace", doctor._workspace(explicit)

    monkeypatch.setattr(doctor, "checks", checks)
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["doctor", "--workspace", str(tmp_path / "ws")]) == 1
    out = capsys.readouterr().out
    assert "✓ │ fine" in out and "✗ │ workspace" in out and "left exactly as it is" in out and "1 problem" in out
    assert broken.read_bytes() == b"not a database"
