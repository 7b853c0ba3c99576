"""The curriculum of the whole specialization: courses, weeks, and the items (assignments, quizzes, labs) in each.

The list comes from ``registry.toml`` beside this file. Whether an item ships in this version is never declared
there; it is read off the folders, so the catalog cannot claim an assignment that is not on disk::

    assignment or lab   <COURSE_DIR>/<id>/assignment.toml exists
    quiz                <COURSE_DIR>/quizzes/<id>.toml exists
    simulator           <COURSE_DIR>/simulator/scenarios/<id>.toml exists
    project             <COURSE_DIR>/<id>/project.toml exists

Progress (what a learner has done) lives in ``dlspec.progress``, not here.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGISTRY = Path(__file__).with_name("registry.toml")
COURSE_DIR = Path(__file__).parent  # where availability is looked up (tests point it at a temporary folder)
KINDS = ("assignment", "quiz", "lab", "simulator", "project")
# The id encodes course, week and kind: c1w2 (quiz), c1w2a1 (assignment), c5w4l1 (lab), c3w1s1 (simulator),
# c6w5p1 (project).
_ID = re.compile(r"c(?P<course>\d+)w(?P<week>\d+)(?:(?P<tag>[alsp])\d+)?")
_TAG_KIND = {None: "quiz", "a": "assignment", "l": "lab", "s": "simulator", "p": "project"}


@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # "assignment" | "quiz" | "lab" | "simulator" | "project"
    title: str
    course: int
    week: int
    available: bool


@dataclass(frozen=True)
class Week:
    course: int
    number: int
    title: str
    summary: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Course:
    number: int
    title: str
    weeks: tuple[Week, ...]


@cache
def _registry() -> tuple[dict, ...]:
    """The parsed and validated registry: one dict per course. Parsed once; availability is not cached."""
    with REGISTRY.open("rb") as fh:
        courses = tomllib.load(fh)["course"]
    seen: set[str] = set()
    for course in courses:
        for week in course["week"]:
            for entry in week["item"]:
                _validate(entry, course["number"], week["number"], seen)
    return tuple(courses)


def _validate(entry: dict, course: int, week: int, seen: set[str]) -> None:
    """Reject an entry whose id does not match its place and kind, or repeats another id."""
    item_id, kind = entry["id"], entry["kind"]
    match = _ID.fullmatch(item_id)
    if match is None or (int(match["course"]), int(match["week"])) != (course, week):
        raise ValueError(f"registry: item {item_id!r} is listed under course {course} week {week}")
    if kind not in KINDS or _TAG_KIND[match["tag"]] != kind:
        raise ValueError(f"registry: item {item_id!r} has kind {kind!r}, its id says {_TAG_KIND[match['tag']]!r}")
    if item_id in seen:
        raise ValueError(f"registry: item {item_id!r} is listed twice")
    seen.add(item_id)


def _available(item_id: str, kind: str) -> bool:
    if kind == "quiz":
        return (COURSE_DIR / "quizzes" / f"{item_id}.toml").is_file()
    if kind == "simulator":
        return (COURSE_DIR / "simulator" / "scenarios" / f"{item_id}.toml").is_file()
    if kind == "project":
        return (COURSE_DIR / item_id / "project.toml").is_file()
    return (COURSE_DIR / item_id / "assignment.toml").is_file()


def courses() -> list[Course]:
    """Every course of the specialization in order, with its weeks and items; ``available`` reflects the disk now."""
    return [
        Course(
            number=c["number"],
            title=c["title"],
            weeks=tuple(
                Week(
                    course=c["number"],
                    number=w["number"],
                    title=w["title"],
                    summary=w["summary"],
                    items=tuple(
                        Item(
                            id=i["id"],
                            kind=i["kind"],
                            title=i["title"],
                            course=c["number"],
                            week=w["number"],
                            available=_available(i["id"], i["kind"]),
                        )
                        for i in w["item"]
                    ),
                )
                for w in c["week"]
            ),
        )
        for c in _registry()
    ]


def items() -> list[Item]:
    """Every item of every week, in course order."""
    return [i for c in courses() for w in c.weeks for i in w.items]


def item(item_id: str) -> Item:
    """The item with this id (case-insensitive); KeyError naming the closest ids when there is none."""
    key = item_id.strip().lower()
    by_id = {i.id: i for i in items()}
    if key in by_id:
        return by_id[key]
    close = difflib.get_close_matches(key, by_id, n=5, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}?" if close else "ids look like c1w2 (quiz), c1w2a1, c5w4l1"
    raise KeyError(f"no course item {item_id!r}; {hint}")
