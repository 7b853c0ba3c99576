"""The learner's own functions from an earlier assignment, for a later notebook to build on.

Course 2's PyTorch bridge compares the learner's Course 1 backprop with autograd; it should be *their* backprop, not
ours. The source of every graded attempt is kept in the progress database, so the functions come from the latest
attempt in which every graded function passed (a half-working file would make the comparison about a bug fixed
long ago). They are loaded the way the grader loads a submission: imports, functions and constants only, nothing
run. Without such an attempt, the reference stands in, and the notebook says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dlspec import workspace
from dlspec.checking.run import load_namespace
from dlspec.course import assignment as course
from dlspec.grader.extract import NotGradableError, extract_cells
from dlspec.progress import store
from dlspec.progress.store import Attempt, ProgressError


def _latest_full_pass(root: Path, assignment: str) -> Attempt | None:
    database = workspace.database(root)
    if not database.is_file():
        return None
    conn = store.connect(database)
    try:
        attempts = store.attempts(conn, assignment)
    finally:
        conn.close()
    full = [a for a in attempts if a.gradable and all(t["status"] == "passed" for t in a.results.get("tests", []))]
    return full[-1] if full else None


def _from_source(source: str, names: tuple[str, ...]) -> dict[str, Callable]:
    extracted = extract_cells([(None, source)])
    ns, _, _ = load_namespace(extracted.source, "<your earlier attempt>", extracted.where)
    return {name: ns[name] for name in names if callable(ns.get(name))}


def own_functions(assignment: str, *names: str, root: Path | None = None) -> tuple[tuple[Callable, ...], str]:
    """``names`` from the learner's latest fully passing attempt at ``assignment``, and a sentence saying where they
    came from. A name the attempt lacks (or every name, without such an attempt) is the reference's."""
    a = course.load(assignment)
    unknown = [n for n in names if n not in a.names]
    if unknown:
        raise ValueError(f"{', '.join(unknown)} is not graded in {assignment}; it grades {', '.join(a.names)}")
    root = root or workspace.find()
    attempt = None
    try:
        attempt = _latest_full_pass(root, assignment) if root else None
    except ProgressError as e:
        why = f"the progress database could not be read ({e})"
    else:
        why = f"no attempt at {assignment.upper()} has passed every function yet"
    found: dict[str, Callable] = {}
    if attempt is not None:
        try:
            found = _from_source(attempt.source, names)
        except (NotGradableError, SyntaxError) as e:  # a database edited by hand; never the learner's fault
            why = f"your attempt of {attempt.created_at} could not be read ({e})"
        else:
            why = f"your attempt of {attempt.created_at} lacks them"
    functions = tuple(found.get(n) or a.function(n).resolve() for n in names)
    theirs = [n for n in names if n not in found]
    if not theirs:
        return functions, f"Using your own {', '.join(names)} from {assignment.upper()} ({attempt.created_at})."
    return functions, f"Using the reference {', '.join(theirs)}: {why}."
