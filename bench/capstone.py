"""A graded capstone run (c6w5p1) from a fresh workspace: the guide run in full, then every check.

    python bench/capstone.py [--no-container]

Makes a workspace as `dlspec start` does, puts the reference project's files where the learner's go (the state
of a learner who finished), runs the guide top to bottom in full (8 epochs), then grades the folder as
`dlspec submit c6w5p1` does, the container included where `make container` has run. Writes the ``capstone``
section of docs/benchmarks.md: each check's verdict, time and figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from report import machine, table, write_section

from dlspec import workspace
from dlspec.course import project
from dlspec.grader.capstone import grade


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-container", action="store_true")
    args = parser.parse_args()
    p = project.load("c6w5p1")
    load = os.getloadavg()[0]  # the machine is shared: its load says how far the times are from an idle one
    with tempfile.TemporaryDirectory(prefix="bench-capstone-") as tmp:
        root = Path(tmp)
        workspace.sync(root, [p.id])
        folder = workspace.project_folder(root, p)
        for name in p.files:
            shutil.copyfile(p.solution / name, folder / name)
        nb = nbformat.read(workspace.notebook_path(root, p), as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(root)}}).execute()
        guide_s = time.perf_counter() - start
        printed = [o["text"] for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("name") == "stdout"]
        epochs = [line for text in printed for line in text.splitlines() if line.startswith("epoch")]
        start = time.perf_counter()
        result = grade(p.id, folder, root / "feedback", with_container=not args.no_container)
        grade_s = time.perf_counter() - start
    rows = []
    for c in result.checks:
        figures = ", ".join(f"{k} {v}" for k, v in c.figures.items())
        rows.append([c.name, c.status, f"{c.seconds:.1f} s", c.message.splitlines()[0] if c.message else "", figures])
    busy = " (other jobs shared the 2 cores, which slows the guide most)" if load > 1 else ""
    body = f"""## Capstone: a graded run (c6w5p1)

`python bench/capstone.py` ({machine()}): a fresh workspace, the reference project's files in the learner's folder,
the guide run top to bottom in full, then every check as `dlspec submit c6w5p1` runs them (the service on a free
port of 127.0.0.1, Chromium headless, podman as docs/capstone.md says). The guide printed `{epochs[-1]}`.
The load average was {load:.1f} when it started{busy}.

| figure | value |
|---|---|
| guide, top to bottom (kernel start, MNIST, 8 epochs, export) | {guide_s:.1f} s |
| grade, every check | {grade_s:.1f} s |
| score | {result.score:.0%}, {"passed" if result.passed else "not passed"} |

{table(["check", "verdict", "time", "message", "figures"], rows)}
"""
    print(body)
    write_section("capstone", body)


if __name__ == "__main__":
    main()
