"""``dlspec doctor``: is everything in place? Versions, course content, every dataset and weights file, the
workspace."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from importlib import metadata

from dlspec import workspace
from dlspec.cli.common import FAILED, OK, console

MIN_PYTHON = (3, 11)
MIN_NUMPY = 2


def _python() -> str:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < MIN_PYTHON:
        raise RuntimeError(f"Python {version}; dlspec needs {'.'.join(map(str, MIN_PYTHON))} or newer")
    return version


def _numpy() -> str:
    import numpy as np

    if int(np.__version__.split(".")[0]) < MIN_NUMPY:
        raise RuntimeError(f"NumPy {np.__version__}; dlspec needs {MIN_NUMPY}.0 or newer")
    return np.__version__


def _jupyterlab() -> str:
    try:
        return metadata.version("jupyterlab")
    except metadata.PackageNotFoundError as e:
        raise RuntimeError("missing, though dlspec installs it: pip install jupyterlab (dlspec start needs it)") from e


def _assignment(assignment_id: str) -> Callable[[], str]:
    def check() -> str:
        from dlspec.course import assignment
        from dlspec.course.build import build

        a = assignment.load(assignment_id)
        build(a, solution=False)  # the notebook the workspace gets
        for f in a.functions:
            f.resolve()
            if not a.cases(f.name):
                raise RuntimeError(f"{f.name} has no cases")
            if len(a.hints(f.name)) < 3:
                raise RuntimeError(f"{f.name} has fewer than 3 hints")
        a.mutants()
        a.variants()
        return f"{len(a.functions)} graded functions"

    return check


def _quiz(quiz_id: str) -> Callable[[], str]:
    def check() -> str:
        from dlspec.course import quiz

        bank = quiz.load(quiz_id)
        return f"{len(bank.questions)} questions"

    return check


def _lab(lab_id: str) -> Callable[[], str]:
    def check() -> str:
        from dlspec.course import assignment
        from dlspec.course.build import build

        nb = build(assignment.load(lab_id), solution=False)  # the notebook the workspace gets
        return f"ungraded, {len(nb.cells)} cells"

    return check


def _project(pid: str) -> Callable[[], str]:
    def check() -> str:
        from dlspec.course import project
        from dlspec.grader.capstone import browser, container

        p = project.load(pid)
        nb = p.notebook_node()  # the guide the workspace gets
        missing = [f for f in p.files if not (p.starter / f).is_file() or not (p.solution / f).is_file()]
        if missing:
            raise FileNotFoundError(f"starter or reference files missing: {', '.join(missing)}")
        optional = [why for why in (browser.available(), container.missing()) if why]
        return f"project, {len(nb.cells)} cells" + "".join(f"; skipped check: {why}" for why in optional)

    return check


def _simulator(sid: str) -> Callable[[], str]:
    def check() -> str:
        from dlspec.course.simulator import play, scenario

        sc = scenario.load(sid)
        play.start(sc, 0)
        return f"{len(sc.actions)} actions, {sc.budget} days"

    return check


def _asset(name: str) -> Callable[[], str]:
    def check() -> str:
        from dlspec.data import ASSETS, verify

        verify(name)
        asset = ASSETS[name]
        return f"checksum matches ({asset.package if asset.source == 'PyPI' else asset.source})"

    return check


def _workspace(explicit: str | None) -> Callable[[], str]:
    def check() -> str:
        from dlspec.progress import store

        root = workspace.resolve(explicit) if explicit else workspace.find()
        if root is None or not workspace.database(root).exists():
            return "none yet (dlspec start creates one)"
        conn = store.connect(workspace.database(root))
        count = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
        conn.close()
        return f"{root}: progress readable, {count} attempts"

    return check


def checks(explicit_workspace: str | None) -> Iterator[tuple[str, Callable[[], str]]]:
    from dlspec.course import assignment, project, quiz
    from dlspec.course.simulator import scenario
    from dlspec.data import ASSETS

    yield "Python", _python
    yield "NumPy", _numpy
    yield "JupyterLab", _jupyterlab
    for aid in assignment.available_ids():
        yield f"assignment {aid}", _assignment(aid)
    for lid in assignment.lab_ids():
        yield f"lab {lid}", _lab(lid)
    for pid in project.project_ids():
        yield f"project {pid}", _project(pid)
    for qid in quiz.available_quizzes():
        yield f"quiz {qid}", _quiz(qid)
    for sid in scenario.available():
        yield f"simulator {sid}", _simulator(sid)
    for name, asset in ASSETS.items():
        yield f"{asset.kind} {name}", _asset(name)
    yield "workspace", _workspace(explicit_workspace)


def run(args) -> int:
    from rich.markup import escape
    from rich.table import Table

    table = Table(expand=True)
    table.add_column("", no_wrap=True)
    table.add_column("check", no_wrap=True)
    table.add_column("detail", ratio=1)
    failures = 0
    for name, check in checks(args.workspace):
        try:
            detail, ok = check(), True
        except Exception as e:  # a doctor reports every problem, whatever its kind, and goes on
            detail, ok = f"{type(e).__name__}: {e}", False
        failures += not ok
        table.add_row("[green]✓[/]" if ok else "[red]✗[/]", name, escape(detail))
    out = console()
    out.print(table)
    out.print("[green]all good[/]" if not failures else f"[red]{failures} problem{'s' * (failures > 1)}[/]")
    return OK if not failures else FAILED
