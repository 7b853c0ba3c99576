"""What every command shares: the failure that ends a command, the console, the assignment, the progress store."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from dlspec import workspace

# Exit statuses, the same for every command.
OK, FAILED, USAGE = 0, 1, 2


class CommandError(Exception):
    """Ends a command with a message for the learner and an exit status (USAGE unless said otherwise)."""

    def __init__(self, message: str, status: int = USAGE):
        super().__init__(message)
        self.status = status


def console():
    """A rich console on the current stdout (looked up now, so tests capturing stdout see the output)."""
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False)


def load_assignment(assignment_id: str):
    """The graded assignment, or a CommandError that lists the ids this version knows (or says a lab is ungraded)."""
    from dlspec.course import assignment
    from dlspec.course.project import is_project

    if assignment.is_lab(assignment_id):
        raise CommandError(f"{assignment_id.strip().lower()} is an ungraded lab: run its notebook; nothing is graded")
    if is_project(assignment_id):
        raise CommandError(f"{assignment_id.strip().lower()} is a project: grade it with dlspec submit {assignment_id}")
    try:
        return assignment.load(assignment_id)
    except assignment.UnknownAssignmentError as e:
        raise CommandError(str(e)) from e


def root(args) -> Path:
    return workspace.resolve(args.workspace)


def open_progress(root: Path) -> sqlite3.Connection:
    """The workspace's progress database; an unreadable one ends the command with the store's message."""
    from dlspec.progress import store

    try:
        return store.connect(workspace.database(root))
    except store.ProgressError as e:
        raise CommandError(str(e)) from e


def next_step(item_id: str) -> str:
    """A line suggesting what to do after passing ``item_id``: the next available item of the course."""
    from dlspec.course import catalog

    items = [i for i in catalog.items() if i.available]
    ids = [i.id for i in items]
    if item_id not in ids:
        return "See where you are: dlspec progress"
    after = items[ids.index(item_id) + 1 :]
    if not after:
        return "That was the last item available in this version. See it all: dlspec progress"
    nxt = after[0]
    commands = {"quiz": "dlspec quiz", "assignment": "dlspec watch", "simulator": "dlspec simulate",
                "project": "dlspec submit"}
    command = f"{commands[nxt.kind]} {nxt.id}" if nxt.kind in commands else ""
    return f"Next: {nxt.title} ({nxt.kind} {nxt.id})" + (f": {command}" if command else "")
