"""What the site's tests and ``bench/screenshots.py`` share: the site on a free port, Debian's chromium driven by
Playwright, a stand-in notebook, and a progress database seeded with attempts. (Not named conftest: another test
folder's conftest would shadow it.)"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dlspec import workspace
from dlspec.checking.result import CheckResult, FunctionResult, GradeResult
from dlspec.course import assignment, catalog
from dlspec.progress import store
from dlspec.web import make_server

AID = "c1w2a1"
CHROMIUM = Path("/usr/bin/chromium")
# Headless and quiet: no sandbox (CI runs as root), no GPU, and nothing that reaches the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def running_site(root: Path) -> Iterator[str]:
    """The course site for ``root`` on a free port of 127.0.0.1, in a thread; yields its base URL."""
    server = make_server(root, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator:
    """A headless Debian chromium under Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing; install it with: apt-get install -y chromium (make test does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def write_notebook(path: Path, code: str) -> None:
    """A minimal notebook with one code cell."""
    cell = {"cell_type": "code", "source": code, "metadata": {}, "outputs": [], "execution_count": None}
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


def graded(aid: str, score: float) -> GradeResult:
    """A result for assignment ``aid`` earning about ``score`` of its points (cases pass in order)."""
    a = assignment.load(aid)
    functions = []
    budget = round(score * len(a.functions))
    for n, f in enumerate(a.functions):
        status = "passed" if n < budget else "failed"
        message = "" if status == "passed" else "expected shape (1, 3), got (3, 1)"
        functions.append(FunctionResult(f.name, f.points, [CheckResult(f.name, "example", status, message)]))
    return GradeResult(aid, functions=functions, pass_mark=a.pass_mark)


def seed_course(
    root: Path, course: int, scores: tuple[float, ...] = (0.5, 1.0), skip: tuple[str, ...] = ()
) -> list[str]:
    """Record attempts with ``scores`` at every available assignment of ``course`` but ``skip``; returns their ids."""
    conn = store.connect(workspace.database(root))
    ids = [i.id for i in catalog.items() if i.course == course and i.kind == "assignment" and i.available]
    ids = [aid for aid in ids if aid not in skip]
    for aid in ids:
        for score in scores:
            store.record_attempt(conn, graded(aid, score), f"# attempt at {score}\n", f"{aid}.ipynb")
    conn.close()
    return ids
