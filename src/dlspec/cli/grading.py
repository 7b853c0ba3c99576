"""``dlspec submit`` and ``dlspec watch``: grade a saved notebook in the sandbox and show the verdict."""

from __future__ import annotations

import json
import sys
import threading
from datetime import datetime
from pathlib import Path

from dlspec import workspace
from dlspec.cli.common import FAILED, OK, USAGE, CommandError, console, load_assignment, next_step, open_progress, root
from dlspec.cli.learn import show_hint

STATUS = {
    "passed": "[green]✓ passed[/]",
    "failed": "[red]✗ wrong[/]",
    "error": "[red]✗ raised[/]",
    "not_implemented": "[yellow]· not implemented[/]",
    "missing": "[red]✗ missing[/]",
    "timeout": "[red]✗ timed out[/]",
    "crashed": "[red]✗ crashed[/]",
    "not_run": "[yellow]· not run[/]",
    "skipped": "[dim]· skipped[/]",
}
MESSAGE_LINES = 8  # the first lines of a failure message; `--json` has it all


def _target(args, assignment) -> Path:
    """The file to grade: the PATH given, else the assignment's notebook in the workspace."""
    path = Path(args.path) if args.path else workspace.notebook_path(root(args), assignment)
    if not path.is_file():
        where = "" if args.path else "; run `dlspec start` to create the workspace, or give the notebook's path"
        raise CommandError(f"{path} does not exist{where}")
    return path


def _grade(assignment, path: Path, previous=None):
    from dlspec import grader

    return grader.grade(assignment.id, path, sandbox=True, previous=previous)


def render(result, assignment) -> None:
    """The per-function table and the score line."""
    from rich.markup import escape
    from rich.table import Table

    out = console()
    table = Table(title=f"{assignment.id}  {escape(assignment.title)}", title_justify="left", expand=True)
    table.add_column("function", no_wrap=True)
    table.add_column("points", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("first failure", ratio=1)
    for f in result.functions:
        bad = f.first_failure
        detail = ""
        if f.status == "skipped":  # a function the learner's version of the notebook did not have
            detail = escape(f.checks[0].message)
        elif bad is not None and bad.status != "not_implemented":  # the status says it all for an untouched stub
            message = "\n".join(bad.message.splitlines()[:MESSAGE_LINES])
            detail = f"{escape(bad.case)}: {escape(message)}" if message else escape(bad.case)
            tip = bad.hint or f"stuck? dlspec hint {assignment.id} {f.name}"
            detail += f"\n[cyan]hint: {escape(tip)}[/]"
        table.add_row(f.name, f"{f.points:.3g}/{f.max_points:g}", STATUS.get(f.status, f.status), detail)
    out.print(table)
    for warning in result.warnings:  # code the grader skipped: worth knowing, never costs points
        out.print(f"[dim]note: {escape(warning)}[/]")
    if result.version:
        out.print(f"[dim]graded as the original course's notebook of {result.version}[/]")
    verdict = "[green]passed[/]" if result.passed else "[red]not passed yet[/]"
    out.print(
        f"score {result.score:.0%} ({result.points:.3g}/{result.max_points:g} points), {verdict}"
        f" (pass mark {result.pass_mark:.0%})"
    )


def submit(args) -> int:
    from dlspec.course.project import is_project

    if is_project(args.id):  # a project is graded by running it (dlspec.grader.capstone), not by its functions
        from dlspec.cli.project import submit as submit_project

        return submit_project(args)
    assignment = load_assignment(args.id)
    path = _target(args, assignment)
    result = _grade(assignment, path)
    if args.json:
        print(json.dumps(result.to_json(), indent=1))
    if not result.gradable:
        if not args.json:
            console().print(f"[red]not gradable[/]: {result.message}\nNothing was recorded; fix it and submit again.")
        return USAGE
    from dlspec.progress import store

    conn = open_progress(root(args))
    store.record_submission(conn, result, path)
    if not args.json:
        render(result, assignment)
        so_far = store.summary(conn)[assignment.id]
        console().print(f"attempt {so_far.attempts} recorded; best so far {so_far.best:.0%}")
        if result.passed:
            console().print(f"Compare with the reference: dlspec solution {assignment.id}\n{next_step(assignment.id)}")
    return OK if result.passed else FAILED


def watch(args) -> int:
    from dlspec.grader.extract import NotGradableError
    from dlspec.progress.store import source_hash
    from dlspec.progress.store import submitted_source as read_source
    from dlspec.watch import watch as watch_file

    assignment = load_assignment(args.id)
    path = _target(args, assignment)
    out = console()
    last, previous = None, None  # the code graded last, and its verdict (functions left unchanged keep theirs)
    failing: list[str] = []  # functions not passing at the latest verdict: the hint key helps with the first
    stop = threading.Event()

    def verdict() -> None:
        nonlocal last, previous
        try:
            code = source_hash(read_source(path))
        except (OSError, ValueError, NotGradableError):
            return  # half-written or unreadable for now; the next save brings it back
        if code == last:
            return  # saved without a change to the code (outputs, autosave): the verdict stands
        last = code
        try:
            result = _grade(assignment, path, previous)
        except Exception as e:  # a grader bug must not end the learner's session; the next save tries again
            out.print(f"[red]the grader failed[/]: {type(e).__name__}: {e}")
            return
        out.rule(f"{datetime.now():%H:%M:%S}  {path.name}")
        if not result.gradable:
            out.print(f"[red]not gradable[/]: {result.message}")
            return
        previous = result
        render(result, assignment)
        failing[:] = [f.name for f in result.functions if f.status not in ("passed", "skipped")]
        if not failing:
            out.print(
                f"[green]All {len(result.functions)} functions pass.[/] Record it: dlspec submit {assignment.id}"
            )
        else:
            out.print(f"[dim]waiting for the next save · h Enter: a hint for {failing[0]} · q Enter: quit[/]")

    def keys() -> None:
        """Rustlings' keys, line by line so that they work in any terminal: h for a hint, q to quit."""
        try:
            for line in sys.stdin:
                key = line.strip().lower()
                if key == "q":
                    stop.set()
                    return
                if key == "h" and failing:
                    conn = open_progress(root(args))  # this thread's own connection
                    try:
                        show_hint(conn, assignment, failing[0])
                    finally:
                        conn.close()
        except (OSError, ValueError):  # no usable stdin (a service, a test runner): watching goes on without keys
            return

    out.print(f"watching {path} (Ctrl-C stops)")
    verdict()
    threading.Thread(target=keys, daemon=True).start()
    try:
        watch_file(path, verdict, events=not args.poll, stop=stop)
    except KeyboardInterrupt:
        pass
    out.print("stopped watching")
    return OK
