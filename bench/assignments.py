"""Every available assignment: submit latency, and the time to run its answer-key notebook top to bottom.

Latency is what a learner waits for: ``dlspec submit <id> <notebook> --json`` as a fresh process (interpreter
start, imports, extraction, the sandboxed child, comparison, the database write), timed from outside.

    .venv/bin/python bench/assignments.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from rich.progress import track

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import machine, table, write_section

from dlspec.course.assignment import available_ids, load
from dlspec.course.build import build
from dlspec.notebook import QUICK

IDS = available_ids()
TARGET_P50, TARGET_P95, TARGET_NOTEBOOK = 0.5, 2.0, 120.0


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def submit_latency(aid: str, workdir: Path, runs: int) -> list[float]:
    path = workdir / f"{aid}.ipynb"
    nbformat.write(build(load(aid), solution=True), path)
    dlspec = Path(sys.executable).with_name("dlspec")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [str(dlspec), "submit", aid, str(path), "--json"], cwd=workdir, capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{aid}: the answer key did not pass:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return times


def import_seconds(modules: tuple[str, ...], runs: int = 3) -> float:
    """Median time for a fresh interpreter to import ``modules``, less the bare interpreter's start."""
    def timed(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(timed("pass") for _ in range(runs))
    return statistics.median(timed(f"import {', '.join(modules)}") for _ in range(runs)) - bare


def floors(ids: list[str]) -> str:
    """A sentence for each assignment whose grading needs a slow import, which no grader work can go below."""
    lines = []
    for aid in ids:
        preload = load(aid).preload
        if preload:
            lines.append(
                f"{aid} imports {', '.join(preload)} in both the parent and the grading child: "
                f"{import_seconds(preload):.2f} s here (median of 3 fresh interpreters); the child's import is "
                "started first (`preload` in assignment.toml), so the two overlap."
            )
    return "\n".join(lines)


def notebook_seconds(aid: str, workdir: Path) -> float:
    from nbclient import NotebookClient

    nb = build(load(aid), solution=True)
    start = time.perf_counter()
    os.environ.pop(QUICK, None)  # the full lesson: the tests run the quick one
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    latency_rows, notebook_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        (workdir / ".dlspec").mkdir()  # a workspace of its own, so attempts land in a throwaway database
        for aid in track(IDS, description="submit latency"):
            t = submit_latency(aid, workdir, args.runs)
            p50, p95 = statistics.median(t), percentile(t, 0.95)
            ok = "yes" if p50 <= TARGET_P50 and p95 <= TARGET_P95 else "no"
            latency_rows.append([aid, f"{p50:.2f}", f"{p95:.2f}", f"{min(t):.2f}", f"{max(t):.2f}", ok])
        for aid in track(IDS, description="notebooks"):
            s = notebook_seconds(aid, workdir)
            notebook_rows.append([aid, f"{s:.1f}", "yes" if s <= TARGET_NOTEBOOK else "no"])
    write_section(
        "assignments-latency",
        f"""## Submit latency, every assignment

`dlspec submit <id> <answer-key notebook> --json` as a fresh process, {args.runs} runs each, seconds.
Target: p50 ≤ {TARGET_P50} s, p95 ≤ {TARGET_P95} s.
Command: `.venv/bin/python bench/assignments.py`. Machine: {machine()}.

{table(["assignment", "p50", "p95", "min", "max", "on target"], latency_rows)}

{floors(IDS)}""",
    )
    write_section(
        "assignments-notebooks",
        f"""## Answer-key notebooks, top to bottom

Time to run each answer-key notebook with nbclient (kernel start included), seconds.
Target ≤ {TARGET_NOTEBOOK:.0f} s.
Command: `.venv/bin/python bench/assignments.py`. Machine: {machine()}.

{table(["assignment", "seconds", "on target"], notebook_rows)}""",
    )
    print("wrote docs/benchmarks.md")


if __name__ == "__main__":
    main()
