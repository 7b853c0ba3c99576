"""A project: a guided notebook plus files the learner writes in a folder of their own, graded by running them.

Layout of ``dlspec/course/<id>/`` (id like ``c6w5p1``)::

    project.toml   id, title, notebook (file stem), folder (the learner's project folder), files (what it holds)
    notebook.py    the guide, jupytext "percent" format, the same for the learner and the answer key
    starter/       the files the learner starts from (written once into the workspace, never overwritten)
    solution/      the reference project: it passes every check (tests/grader/capstone)

The checks live in ``dlspec.grader.capstone``; a project has no graded functions, so the assignment machinery
(cases, mutants, variants) does not apply.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

COURSE_DIR = Path(__file__).parent
_PROJECT = re.compile(r"c\d+w\d+p\d+")


class UnknownProjectError(LookupError):
    """Raised for an id that names no project of this version."""


@dataclass(frozen=True)
class Project:
    id: str
    title: str
    notebook: str  # file stem of the guide, e.g. "C6W5P1-ship-a-model"
    folder: str  # the learner's project folder, relative to the workspace
    files: tuple[str, ...]  # what the starter writes into it (relative paths)
    source: Path  # this project's folder in the package

    @property
    def starter(self) -> Path:
        return self.source / "starter"

    @property
    def solution(self) -> Path:
        return self.source / "solution"

    def notebook_node(self):
        """The guide as a notebook (the same for the learner and the answer key: nothing in it is graded)."""
        from dlspec.course.assignment import Assignment
        from dlspec.course.build import build

        return build(Assignment(self.id, self.title, self.notebook, self.source, ()), solution=False)


def is_project(item_id: str) -> bool:
    return bool(_PROJECT.fullmatch(item_id.strip().lower()))


def project_ids() -> list[str]:
    """Every project shipped with this version, in course order."""
    return sorted(p.parent.name for p in COURSE_DIR.glob("c*/project.toml"))


def load(project_id: str) -> Project:
    key = project_id.strip().lower()
    path = COURSE_DIR / key / "project.toml"
    if not is_project(key) or not path.is_file():
        raise UnknownProjectError(f"no project {project_id!r}; available: {', '.join(project_ids()) or 'none'}")
    with path.open("rb") as fh:
        meta = tomllib.load(fh)
    return Project(meta["id"], meta["title"], meta["notebook"], meta["folder"], tuple(meta["files"]), path.parent)
