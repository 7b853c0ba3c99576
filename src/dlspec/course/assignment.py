"""Load an assignment folder: its metadata, graded functions, checks, mutants, variants and hints.

Layout of ``dlspec/course/<id>/``::

    assignment.toml   id, title, notebook name, graded functions (points, reference, timeout), preload
    notebook.py       the lesson, jupytext "percent" format; a cell whose first line is ``# GRADED: name``
                      becomes the learner's stub (template) or the reference (solution), see build.py
    checks.py         CHECKS = {name: () -> list[Case]}
    mutants.py        @mutant(name, hint) functions (known mistakes)
    variants.py       @variant(name) functions (other correct solutions)
    versions.py       VERSIONS = [Version(...)], the original course's versions of the notebook (optional)
    hints.toml        [name] hints = ["...", "...", "..."]  (a ladder, vaguest first)
    figures.json      optional: figures of the answer-key run that quiz banks quote (see figures.py)

An ungraded lab (``c5w4l1``) is a folder of the same kind with only ``assignment.toml`` (id, title, notebook) and
``notebook.py``: no graded functions, so nothing to check or submit; ``dlspec start`` writes its notebook all the
same. ``available_ids`` lists the graded assignments, ``lab_ids`` the labs.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dlspec.checking.spec import Case, Mutant, Variant, Version, resolve

COURSE_DIR = Path(__file__).parent
DEFAULT_TIMEOUT = 10.0  # seconds of wall time per case
_LIMITS = {"memory", "load_seconds"}  # what [limits] may set besides timeout (the rest stay the grader's)
_LAB = re.compile(r"c\d+w\d+l\d+")  # the registry's id of an ungraded lab (dlspec.course.catalog)


class UnknownAssignmentError(LookupError):
    """Raised for an id that names no available assignment."""


@dataclass(frozen=True)
class GradedFunction:
    name: str
    points: float
    reference: str  # "module:attr"
    timeout: float

    # which axis of its array inputs holds the examples: -1 for (n_x, m), 0 for (m, ...), 1 for (n_x, m, T_x)
    examples_axis: int = -1

    def resolve(self) -> Callable:
        """The reference implementation (the answer key): a function, or a class for a graded nn.Module."""
        return resolve(self.reference)


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    notebook: str  # file stem of the learner's notebook, e.g. "C1W2A2-logistic-regression"
    folder: Path
    functions: tuple[GradedFunction, ...]
    pass_mark: float = 0.8
    package: str = "dlspec.course"  # where checks/mutants/variants import from (tests use their own)
    preload: tuple[str, ...] = ()  # slow imports the grading child starts early (torch), overlapping the parent's
    # the sandbox's limits where this assignment needs others than the defaults (grader.sandbox.Limits):
    # memory (bytes), load_seconds; from [limits] in assignment.toml
    limits: dict[str, float] = field(default_factory=dict)

    def function(self, name: str) -> GradedFunction:
        for f in self.functions:
            if f.name == name:
                return f
        raise KeyError(f"{self.id} has no graded function {name!r}; it grades {', '.join(self.names)}")

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.functions]

    def _module(self, stem: str):
        return importlib.import_module(f"{self.package}.{self.id}.{stem}")

    def cases(self, name: str, version: Version | None = None) -> list[Case]:
        """The cases of graded function ``name``, visible example first, as ``version`` of the original notebook
        asked for them (dlspec's own when None). Deterministic: same call, same cases."""
        cases = self._module("checks").CHECKS[name]()
        adapt = version and version.convention(name).cases
        return adapt(cases) if adapt else cases

    def versions(self) -> list[Version]:
        """The original course's versions of this notebook that the grader recognises, newest first."""
        try:
            module = self._module("versions")
        except ModuleNotFoundError as e:
            if e.name != f"{self.package}.{self.id}.versions":
                raise
            return []
        return module.VERSIONS

    @property
    def names_in_any_version(self) -> list[str]:
        """The graded functions' names: dlspec's, and the others that versions of the original notebook gave them."""
        renamed = [c.name for v in self.versions() for c in v.functions.values() if c.name]
        return [*self.names, *dict.fromkeys(renamed)]

    def recognise(self, imported: set[str], defined: set[str]) -> Version | None:
        """The version of the original notebook that a submission importing modules ``imported`` and defining
        functions ``defined`` was written for: the newest one it bears a mark of. None for dlspec's own."""
        return next((v for v in self.versions() if set(v.marks) & (imported | defined)), None)

    def mutants(self, name: str | None = None) -> list[Mutant]:
        found = [m for m in vars(self._module("mutants")).values() if isinstance(m, Mutant)]
        return [m for m in found if name is None or m.function == name]

    def variants(self, name: str | None = None) -> list[Variant]:
        found = [v for v in vars(self._module("variants")).values() if isinstance(v, Variant)]
        return [v for v in found if name is None or v.function == name]

    def hints(self, name: str) -> list[str]:
        return _read_toml(self.folder / "hints.toml").get(name, {}).get("hints", [])

    @property
    def points(self) -> float:
        return sum(f.points for f in self.functions)


def _read_toml(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@cache
def load(assignment_id: str) -> Assignment:
    """The assignment with this id (case-insensitive), or UnknownAssignmentError."""
    key = assignment_id.strip().lower()
    folder = COURSE_DIR / key
    if not key.isidentifier() or not (folder / "assignment.toml").is_file():
        known = ", ".join(available_ids()) or "none"
        raise UnknownAssignmentError(f"no assignment {assignment_id!r}; available: {known}")
    return load_folder(folder)


def load_folder(folder: Path, package: str = "dlspec.course") -> Assignment:
    """The assignment in ``folder``, whose modules import as ``<package>.<folder name>.<module>``."""
    meta = _read_toml(folder / "assignment.toml")
    limits = dict(meta.get("limits", {}))
    timeout = float(limits.pop("timeout", DEFAULT_TIMEOUT))
    unknown = set(limits) - _LIMITS
    if unknown:
        raise ValueError(f"{folder / 'assignment.toml'}: unknown limits {sorted(unknown)}; known: {sorted(_LIMITS)}")
    functions = tuple(
        GradedFunction(
            name=name,
            points=float(spec["points"]),
            reference=spec["reference"],
            timeout=float(spec.get("timeout", timeout)),
            examples_axis=int(spec.get("examples_axis", meta.get("examples_axis", -1))),
        )
        for name, spec in meta.get("functions", {}).items()
    )
    return Assignment(
        id=meta["id"],
        title=meta["title"],
        notebook=meta["notebook"],
        folder=folder,
        functions=functions,
        pass_mark=float(meta.get("pass_mark", 0.8)),
        package=package,
        preload=tuple(meta.get("preload", ())),
        limits={k: _size(v) if k == "memory" else float(v) for k, v in limits.items()},
    )


def _size(value: int | str) -> int:
    """Bytes from a number or a size like "4 GiB" / "512 MiB"."""
    if isinstance(value, int):
        return value
    number, _, unit = value.strip().partition(" ")
    return int(float(number) * {"GiB": 2**30, "MiB": 2**20, "KiB": 2**10, "": 1}[unit.strip()])


def _folder_ids() -> list[str]:
    return sorted(p.parent.name for p in COURSE_DIR.glob("c*/assignment.toml"))


def available_ids() -> list[str]:
    """Ids of every graded assignment shipped with this version, in course order."""
    return [i for i in _folder_ids() if not _LAB.fullmatch(i)]


def lab_ids() -> list[str]:
    """Ids of every ungraded lab shipped with this version, in course order: a notebook to run, nothing to grade."""
    return [i for i in _folder_ids() if _LAB.fullmatch(i)]


def is_lab(assignment_id: str) -> bool:
    return bool(_LAB.fullmatch(assignment_id.strip().lower()))
