"""The learner's folder: every available assignment and lab notebook, each project's guide and folder, plus
``.dlspec/`` (progress and a manifest).

The one rule: a learner's file is never overwritten or deleted. ``.dlspec/manifest.json`` remembers the content
hash of each notebook dlspec wrote. When a newer course version brings a changed notebook:

* the learner's copy still says what we wrote (unedited): it is replaced by the new version;
* the learner changed it (or we never wrote it): it stays, and the new version is written beside it,
  ``<notebook>.v<version>.ipynb``, with a message saying so.

A project's starting files (``dlspec.course.project``) are written once, where no file of that name exists, and
never again: they are the learner's from then on.

Every file is written to a temporary name and moved into place, so a crash leaves the old file or the new one,
never half of either.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

STATE_DIR = ".dlspec"
MANIFEST = "manifest.json"
DATABASE = "progress.db"
DEFAULT = Path("workspace")


@dataclass(frozen=True)
class Change:
    """What ``sync`` did to one notebook: created, updated, kept (new version beside it), unchanged, or skipped
    (the course content could not be built; ``why`` says so and ``dlspec doctor`` shows it too)."""

    action: str
    path: Path
    beside: Path | None = None
    why: str = ""

    def __str__(self) -> str:
        if self.action == "kept":
            return f"kept your edited {self.path.name}; the new version is {self.beside.name}"
        if self.action == "skipped":
            return f"skipped {self.path.name}: {self.why}"
        return f"{self.action} {self.path.name}"


def find(start: Path | None = None) -> Path | None:
    """The workspace containing ``start`` (default: the current directory), looking upward like git does."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / STATE_DIR / MANIFEST).is_file():
            return folder
    return None


def resolve(explicit: str | os.PathLike | None = None) -> Path:
    """``--workspace DIR`` if given, else the workspace around the current directory, else ``./workspace``."""
    if explicit is not None:
        return Path(explicit).resolve()
    return find() or DEFAULT.resolve()


def database(root: Path) -> Path:
    return root / STATE_DIR / DATABASE


def notebook_path(root: Path, assignment) -> Path:
    return root / f"{assignment.notebook}.ipynb"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and one rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def read_manifest(root: Path) -> dict[str, str]:
    """File name -> content hash of every notebook dlspec wrote in this workspace."""
    path = root / STATE_DIR / MANIFEST
    try:
        return json.loads(path.read_text())["notebooks"]
    except (OSError, ValueError, KeyError, TypeError):
        # Absent, or our own file damaged: forgetting it is safe, every existing notebook then counts as edited.
        return {}


def _write_manifest(root: Path, notebooks: dict[str, str]) -> None:
    data = json.dumps({"format": 1, "notebooks": notebooks}, indent=1, sort_keys=True) + "\n"
    write_atomic(root / STATE_DIR / MANIFEST, data.encode())


def _hash_of(path: Path) -> str | None:
    """Content hash of the notebook at ``path``; None if it is not a readable notebook."""
    import nbformat

    from dlspec.course.build import content_hash

    try:
        return content_hash(nbformat.read(path, as_version=4))
    except Exception:  # any file we cannot read as a notebook is the learner's business: leave it alone
        return None


def _beside_names(path: Path, version: str) -> list[Path]:
    """Names next to ``path`` for a new version, in order of preference: by version, by date, numbered."""
    stem = path.name.removesuffix(".ipynb")
    today = datetime.now(UTC).date().isoformat()
    names = [f"{stem}.v{version}.ipynb", f"{stem}.v{version}-{today}.ipynb"]
    names += [f"{stem}.v{version}-{today}-{n}.ipynb" for n in range(2, 1000)]
    return [path.with_name(n) for n in names]


def sync_notebook(root: Path, name: str, data: bytes, new_hash: str, manifest: dict[str, str], version: str) -> Change:
    """Bring one notebook up to date under the rule above; records what it wrote in ``manifest``."""
    path = root / name
    if not path.exists():
        write_atomic(path, data)
        manifest[name] = new_hash
        return Change("created", path)
    current = _hash_of(path)
    if current == new_hash:
        manifest[name] = new_hash
        return Change("unchanged", path)
    if current is not None and current == manifest.get(name):
        write_atomic(path, data)
        manifest[name] = new_hash
        return Change("updated", path)
    # Edited by the learner: theirs stays. The new version goes beside it, once (not again on every start).
    for beside in _beside_names(path, version):
        if not beside.exists():
            write_atomic(beside, data)
            manifest[beside.name] = new_hash
            return Change("kept", path, beside)
        if _hash_of(beside) == new_hash:
            return Change("kept", path, beside)
    raise FileExistsError(f"no free name beside {path} for the new version")


def sync(root: Path, assignment_ids: list[str] | None = None) -> list[Change]:
    """Create or update the workspace at ``root`` with the notebooks of ``assignment_ids`` (default: every
    assignment, every ungraded lab and every project; a project's folder too)."""
    import nbformat

    from dlspec import __version__
    from dlspec.course import assignment, project
    from dlspec.course.build import build, content_hash

    (root / STATE_DIR).mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(root)
    _write_manifest(root, manifest)  # marks the folder as a workspace before anything else is written
    changes = []
    ids = assignment_ids
    if ids is None:
        ids = assignment.available_ids() + assignment.lab_ids() + project.project_ids()
    for aid in ids:
        if project.is_project(aid):
            p = project.load(aid)
            changes += project_files(root, p)
            a, make = p, p.notebook_node
        else:
            a = assignment.load(aid)
            make = partial(build, a, solution=False)
        try:
            nb = make()
        except Exception as e:  # one broken assignment must not keep the learner from all the others
            changes.append(Change("skipped", notebook_path(root, a), why=f"{type(e).__name__}: {e}"))
            continue
        data = nbformat.writes(nb).encode()
        changes.append(sync_notebook(root, notebook_path(root, a).name, data, content_hash(nb), manifest, __version__))
        _write_manifest(root, manifest)  # after each notebook, so an interrupted sync forgets nothing it wrote
    return changes


def project_folder(root: Path, project) -> Path:
    return root / project.folder


def project_files(root: Path, project) -> list[Change]:
    """Write the project's starting files where none of that name exists yet; the learner's files stay untouched."""
    changes = []
    for name in project.files:
        path = project_folder(root, project) / name
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, (project.starter / name).read_bytes())
        path.chmod(0o644)  # not write_atomic's private 0600: the container's user, not root, must read the copy
        changes.append(Change("created", path))
    return changes
