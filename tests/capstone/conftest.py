"""The capstone's fixtures: the reference project with a model trained by its own notebook, and copies of it with
one realistic mistake each.

The notebook runs once (quick setting) per content of the notebook and the reference files, cached under
DLSPEC_CACHE and locked, so parallel test workers train it once between them.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from pathlib import Path

import nbformat
import psutil
import pytest
from capkit import P
from nbclient import NotebookClient

from dlspec.grader.capstone import container
from dlspec.notebook import QUICK


def _key() -> str:
    h = hashlib.sha256(P.source.joinpath("notebook.py").read_bytes())
    for f in sorted(P.solution.rglob("*")):
        if f.is_file():
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def run_notebook(root: Path) -> nbformat.NotebookNode:
    """The guide, as the learner gets it, run top to bottom in ``root`` (quick setting)."""
    nb = P.notebook_node()
    env_before = os.environ.get(QUICK)
    os.environ[QUICK] = "1"  # the kernel inherits it: fewer epochs
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root)}}).execute()
    finally:
        if env_before is None:
            os.environ.pop(QUICK)
    return nb


@pytest.fixture(scope="session")
def trained() -> Path:
    """A project folder: the reference files plus model.npz and parity.npz written by the notebook. Read-only
    by convention: copy it (``project_copy``) to change anything."""
    cache = Path(os.environ.get("DLSPEC_CACHE", Path.home() / ".cache" / "dlspec")) / "capstone" / _key()
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache.parent / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = cache / P.folder / "parity.npz"
        if not done.is_file():
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(P.solution, cache / P.folder)
            nb = run_notebook(cache)
            nbformat.write(nb, cache / f"{P.notebook}.ipynb")
    return cache / P.folder


@pytest.fixture
def project_copy(trained, tmp_path):
    """A fresh copy of the trained reference project; ``change(file, old, new)`` makes one mistake in it."""
    folder = tmp_path / P.folder
    shutil.copytree(trained, folder)

    def change(name: str, old: str, new: str) -> Path:
        path = folder / name
        text = path.read_text()
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new))
        return folder

    change.folder = folder
    return change


@pytest.fixture(autouse=True)
def nothing_leaks():
    """Every test leaves no process of its own, no container and no image behind."""
    yield
    left = [p for p in psutil.Process().children(recursive=True) if p.is_running() and p.status() != "zombie"]
    left = [p for p in left if "ipykernel" not in " ".join(p.cmdline())]  # the notebook client's kernel ends itself
    assert not left, f"left running: {[p.cmdline() for p in left]}"
    if shutil.which("podman"):
        mine = f"{container.PREFIX}{os.getpid()}-"  # another test worker's may be running now
        boxes = container.podman("ps", "-a", "--format", "{{.Names}}").stdout.split()
        assert not [b for b in boxes if b.startswith(mine)], boxes
        images = container.podman("images", "--format", "{{.Repository}}").stdout.split()
        assert not [i for i in images if mine in i], images
