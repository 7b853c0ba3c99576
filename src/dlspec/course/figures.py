"""Figures that an answer-key notebook computes and other course text quotes, such as a quiz bank.

A text quotes a figure with a placeholder, ``{c1w3a1.accuracy:.0%}``: the assignment id, the name of a global
variable of that notebook, and an optional format spec, which is also the rounding the quote promises. The values
live in ``<assignment>/figures.json``, written by the answer key's own run::

    python -m dlspec.course.figures            # re-record every figure the quiz banks quote

and checked against a fresh run wherever the answer key runs anyway (tests/course/test_notebooks.py), so a
changed notebook cannot leave an old number in a quiz.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from dlspec.course.assignment import COURSE_DIR

if TYPE_CHECKING:
    import nbformat

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9]*)\.([A-Za-z_]\w*)(?::([^{}]*))?\}")
FILE = "figures.json"


@dataclass(frozen=True)
class Quote:
    aid: str  # the assignment whose notebook computes the figure
    name: str  # the notebook's global variable
    spec: str  # format spec: how the quote rounds the figure


def quotes(text: str) -> list[Quote]:
    """Every figure placeholder in ``text``, in order."""
    return [Quote(m[1], m[2], m[3] or "") for m in PLACEHOLDER.finditer(text)]


@cache
def recorded(aid: str) -> dict[str, float]:
    """The figures recorded for ``aid`` (empty when it has none)."""
    path = COURSE_DIR / aid / FILE
    return json.loads(path.read_text()) if path.is_file() else {}


def fill(text: str) -> str:
    """``text`` with every placeholder replaced by its recorded figure; KeyError names one that is not recorded."""

    def value(m: re.Match) -> str:
        quote = Quote(m[1], m[2], m[3] or "")
        figures = recorded(quote.aid)
        if quote.name not in figures:
            raise KeyError(f"no recorded figure {quote.aid}.{quote.name}: run python -m dlspec.course.figures")
        return format(figures[quote.name], quote.spec)

    return PLACEHOLDER.sub(value, text)


def mismatches(quoted: Iterable[Quote], run: dict[str, float]) -> list[str]:
    """The quotes that would read differently with the figures of a fresh run (``run``) than with the recorded ones."""
    wrong = []
    for q in quoted:
        was, now = format(recorded(q.aid)[q.name], q.spec), format(run[q.name], q.spec)
        if was != now:
            wrong.append(f"{q.aid}.{q.name}: the banks quote {was}, the notebook now gives {now}")
    return wrong


def recording_cell(names: Iterable[str]) -> nbformat.NotebookNode:
    """A code cell that, run last in a notebook, prints the named globals as JSON."""
    import nbformat

    wanted = sorted(set(names))
    return nbformat.v4.new_code_cell(f"import json\nprint(json.dumps({{n: float(globals()[n]) for n in {wanted!r}}}))")


def read_recording(cell: nbformat.NotebookNode) -> dict[str, float]:
    """The figures that an executed ``recording_cell`` printed."""
    return json.loads("".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream"))


def record(aid: str, names: Iterable[str]) -> dict[str, float]:
    """Run ``aid``'s answer key top to bottom in a kernel and return the named globals at its end."""
    from nbclient import NotebookClient

    from dlspec.course.assignment import load
    from dlspec.course.build import build

    nb = build(load(aid), solution=True)
    nb.cells.append(recording_cell(names))
    with tempfile.TemporaryDirectory() as tmp:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": tmp}}).execute()
    return read_recording(nb.cells[-1])


def main(argv: list[str] | None = None) -> int:
    """Re-record the figures the quiz banks quote (all assignments, or those named) into their figures.json."""
    from dlspec.course import quiz

    only = set(argv if argv is not None else sys.argv[1:])
    by_aid: dict[str, set[str]] = {}
    for q in quiz.figure_quotes():
        by_aid.setdefault(q.aid, set()).add(q.name)
    for aid, names in sorted(by_aid.items()):
        if only and aid not in only:
            continue
        values = record(aid, names)
        (COURSE_DIR / aid / FILE).write_text(json.dumps(values, indent=2, sort_keys=True) + "\n")
        print(f"{aid}: {values}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
