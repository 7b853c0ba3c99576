"""``dlspec hint`` and ``dlspec solution``: help on the way, and the answer once it is earned."""

from __future__ import annotations

from dlspec.cli.common import FAILED, OK, CommandError, console, load_assignment, open_progress, root


def show_hint(conn, assignment, function: str, level: int | None = None) -> None:
    """Print hint ``level`` of ``function``'s ladder (default: the next one unread) and record it."""
    from rich.markup import escape

    from dlspec.progress import store

    try:
        assignment.function(function)
    except KeyError as e:
        raise CommandError(e.args[0]) from e
    ladder = assignment.hints(function)
    if not ladder:
        raise CommandError(f"{assignment.id} has no hints for {function}")
    seen = store.hint_level(conn, assignment.id, function)
    try:
        level = store.reveal_hint(conn, assignment.id, function, len(ladder), level)
    except ValueError as e:
        raise CommandError(str(e)) from e
    out = console()
    out.print(f"[bold]hint {level} of {len(ladder)}[/] for {function}:\n{escape(ladder[level - 1])}")
    if level == len(ladder) and seen >= len(ladder):
        out.print(f"[dim]That is the last hint. Once you pass: dlspec solution {assignment.id}[/]")
    elif level < len(ladder):
        out.print(f"[dim]More detail: dlspec hint {assignment.id} {function}[/]")


def hint(args) -> int:
    show_hint(open_progress(root(args)), load_assignment(args.id), args.function, args.level)
    return OK


def solution(args) -> int:
    from dlspec.course.build import reference_source
    from dlspec.progress import store

    assignment = load_assignment(args.id)
    conn = open_progress(root(args))
    if not store.open_solution(conn, assignment.id, force=args.force):
        best = store.best(conn, assignment.id)
        so_far = f"your best so far is {best.score:.0%}" if best else "no attempt recorded yet"
        console().print(
            f"The reference solution opens after you pass {assignment.id} ({so_far}).\n"
            f"To see it anyway: dlspec solution {assignment.id} --force (this is recorded in your progress)."
        )
        return FAILED
    print(f"# Reference solution of {assignment.id}: {assignment.title}\n")
    print("\n\n".join(reference_source(assignment, name) for name in assignment.names), end="")
    return OK
