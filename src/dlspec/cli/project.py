"""``dlspec submit`` for a project (the capstone): run every check against the learner's service, record the run."""

from __future__ import annotations

import json
from pathlib import Path

from dlspec import workspace
from dlspec.cli.common import FAILED, OK, CommandError, console, next_step, open_progress, root

STATUS = {"passed": "[green]✓ passed[/]", "failed": "[red]✗ failed[/]", "skipped": "[dim]· skipped[/]",
          "not_run": "[yellow]· not run[/]"}


def render(result, title: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console()
    table = Table(title=f"{result.project}  {escape(title)}", title_justify="left", expand=True)
    table.add_column("check", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("seconds", justify="right", no_wrap=True)
    table.add_column("verdict", ratio=1)
    for c in result.checks:
        detail = escape("\n".join(c.message.splitlines()[:10]))
        if c.hint and c.status == "failed":
            detail += f"\n[cyan]hint: {escape(c.hint)}[/]"
        for path in c.feedback:
            detail += f"\n[dim]screenshot: {escape(path)}[/]"
        table.add_row(c.name, STATUS.get(c.status, c.status), f"{c.seconds:.1f}", detail)
    out.print(table)
    verdict = "[green]passed: shipped[/]" if result.passed else "[red]not passed yet[/]"
    counted = len(result.counted)
    out.print(f"score {result.score:.0%} ({sum(c.status == 'passed' for c in result.counted)}/{counted} checks), "
              f"{verdict}; skipped checks do not count")


def submit(args) -> int:
    from dlspec.course import project as projects
    from dlspec.grader.capstone import grade
    from dlspec.progress import store

    try:
        project = projects.load(args.id)
    except projects.UnknownProjectError as e:
        raise CommandError(str(e)) from e
    here = root(args)
    folder = Path(args.path) if args.path else workspace.project_folder(here, project)
    if not folder.is_dir():
        where = "" if args.path else "; run `dlspec start` to create the workspace, or give the project's folder"
        raise CommandError(f"{folder} is not a folder{where}")
    feedback = here / workspace.STATE_DIR / "feedback" / project.id
    feedback.mkdir(parents=True, exist_ok=True)
    if not args.json:
        console().print(f"grading {folder}: the service runs on 127.0.0.1 for the checks and is stopped after")
    result = grade(project.id, folder, feedback, with_container=not args.no_container)
    conn = open_progress(here)
    data = result.to_json()
    store.record_project(conn, project.id, result.score, result.passed, data["checks"])
    if args.json:
        print(json.dumps(data, indent=1))
    else:
        render(result, project.title)
        so_far = store.summary(conn)[project.id]
        console().print(f"attempt {so_far.attempts} recorded; best so far {so_far.best:.0%}")
        if result.passed:
            console().print(next_step(project.id))
    return OK if result.passed else FAILED
