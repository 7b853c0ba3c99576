"""``dlspec progress`` (the course map with the learner's status) and ``dlspec list`` (what ships)."""

from __future__ import annotations

from pathlib import Path

from dlspec import workspace
from dlspec.cli.common import OK, CommandError, console, open_progress, root

GRADED = ("assignment", "quiz", "simulator", "project")


def status(item, record) -> str:
    """One item's status for the map, from its catalog entry and its progress record (None if untouched)."""
    if not item.available:
        return "[dim]not yet available[/]"
    if item.kind not in GRADED:
        return "ungraded lab"
    if record is None:
        return "not started"
    if record.passed:
        return f"[green]✓ passed[/] (best {record.best:.0%})"
    tries = f"{record.attempts} attempt{'s' * (record.attempts != 1)}, best {record.best:.0%}"
    return f"[yellow]in progress[/] ({tries})" if record.attempts else "[yellow]in progress[/]"


def progress(args) -> int:
    from rich.markup import escape
    from rich.table import Table

    from dlspec.course import catalog
    from dlspec.progress import store

    here = root(args)
    if args.import_file:
        try:
            store.import_progress(Path(args.import_file), workspace.database(here))
        except store.ProgressError as e:
            raise CommandError(str(e)) from e
        console().print(f"progress imported from {args.import_file}")
    # Looking at progress must not create a workspace: with none yet, everything is simply not started.
    conn = open_progress(here) if workspace.database(here).exists() else None
    records = store.summary(conn) if conn else {}
    out = console()
    passed = available = total = 0
    for course in catalog.courses():
        table = Table(title=f"Course {course.number}: {escape(course.title)}", title_justify="left", expand=True)
        # Weeks are header rows, not a column: three columns stay readable in an 80-column terminal.
        table.add_column("id", no_wrap=True)
        table.add_column("item", ratio=3)
        table.add_column("status", ratio=2)
        for week in course.weeks:
            table.add_section()
            table.add_row("", f"[bold]Week {week.number}: {escape(week.title)}[/]", "")
            for item in week.items:
                record = records.get(item.id)
                table.add_row(item.id, f"{escape(item.title)} [dim]{item.kind}[/]", status(item, record))
                if item.kind in GRADED:
                    total += 1
                    available += item.available
                    passed += bool(item.available and record and record.passed)
        out.print(table)
    rest = "; the rest come with later versions" if available < total else ", all available"
    out.print(
        f"[bold]{passed} of {available} available assignments, quizzes and simulators passed[/]"
        f" ({total} in the whole specialization{rest})."
    )
    if args.export:
        if conn is None:
            raise CommandError(f"no progress recorded in {here} yet; nothing to export")
        try:
            store.export(conn, Path(args.export))
        except store.ProgressError as e:
            raise CommandError(str(e)) from e
        out.print(f"progress exported to {args.export}")
    return OK


def listing(args) -> int:
    from rich.markup import escape
    from rich.table import Table

    from dlspec.course import catalog

    table = Table(expand=True)
    for column in ("id", "kind", "title", "course / week", "available"):
        table.add_column(column, ratio=1 if column == "title" else None)
    for item in catalog.items():
        mark = "[green]yes[/]" if item.available else "[dim]not yet[/]"
        table.add_row(item.id, item.kind, escape(item.title), f"C{item.course} W{item.week}", mark)
    console().print(table)
    return OK
