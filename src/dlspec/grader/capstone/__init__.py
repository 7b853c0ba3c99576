"""The capstone's grader: run the learner's project and check it as its users would (docs/capstone.md).

``grade(folder)`` checks ``preprocess`` in a child process, starts the service (``uvicorn app:app``) on a free
port of 127.0.0.1, runs the contract, generated, parity, accuracy, latency and browser checks against it, stops it,
then builds and runs the container where podman is available. Every loop is bounded and every request has a
timeout; the service, its children and any container are stopped whatever happens.
"""

from __future__ import annotations

import time
from pathlib import Path

from dlspec.grader.capstone.api import accuracy, contract, latency, parity
from dlspec.grader.capstone.browser import check_browser
from dlspec.grader.capstone.container import check_container
from dlspec.grader.capstone.openapi import check_openapi
from dlspec.grader.capstone.report import FAILED, NOT_RUN, SKIPPED, Check, ProjectResult
from dlspec.grader.capstone.service import START_SECONDS, ServiceError, running
from dlspec.grader.capstone.unit import check_preprocess

SERVED = ("contract", "openapi", "parity", "accuracy", "latency", "browser")
NAMES = ("preprocess", "service", *SERVED, "container")


def grade(
    project: str,
    folder: Path,
    feedback: Path | None = None,
    with_container: bool = True,
    start_seconds: float = START_SECONDS,
) -> ProjectResult:
    """Every check of the project in ``folder``; ``feedback`` is where the screenshots go (None: not kept);
    ``start_seconds`` is how long the service may take to answer /health."""
    folder = Path(folder).resolve()
    checks: list[Check] = [check_preprocess(folder)]
    if not (folder / "app.py").is_file():
        checks.append(Check("service", FAILED, f"there is no app.py in {folder}", "write the FastAPI app in app.py"))
        checks += [Check(n, NOT_RUN, "not run: there is no service") for n in SERVED]
    else:
        checks += _served(folder, feedback, start_seconds)
    if with_container:
        checks.append(check_container(folder))
    else:
        checks.append(Check("container", SKIPPED, "skipped: asked not to build the container"))
    return ProjectResult(project, checks)


def _served(folder: Path, feedback: Path | None, start_seconds: float) -> list[Check]:
    started = time.monotonic()
    try:
        with running(folder, start_seconds) as port:
            up = Check(
                "service",
                "passed",
                f"uvicorn app:app answered /health on 127.0.0.1:{port}",
                seconds=round(time.monotonic() - started, 2),
            )
            return [
                up,
                contract(port),
                check_openapi(port),
                parity(port, folder),
                accuracy(port),
                latency(port),
                check_browser(port, feedback),
            ]
    except ServiceError as e:
        down = Check(
            "service",
            FAILED,
            f"the service did not start: {e}",
            "run it yourself in the project folder: python -m uvicorn app:app --port 8000",
            seconds=round(time.monotonic() - started, 2),
        )
        return [down] + [Check(n, NOT_RUN, "not run: the service did not start") for n in SERVED]
