"""Every available assignment: submit latency, and the time to run its answer-key notebook top to bottom; every
ungraded lab: the time to run its notebook (a lab has nothing to submit).

Latency is what a learner waits for: ``dlspec submit <id> <notebook> --json`` as a fresh process (interpreter
start, imports, extraction, the sandboxed child, comparison, the database write), timed from outside.

    .venv/bin/python bench/assignments.py [--runs 15] [IDS ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

import nbformat
from rich.progress import track

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import machine, table, write_section

from dlspec.course.assignment import available_ids, is_lab, lab_ids, load
from dlspec.course.build import build
from dlspec.grader import grade
from dlspec.grader.expected import ENV as CACHE_ENV
from dlspec.notebook import QUICK

IDS = available_ids() + lab_ids()
TARGET_P50, TARGET_P95, TARGET_NOTEBOOK = 0.5, 2.0, 120.0


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def submit_latency(aid: str, workdir: Path, runs: int, cache: str) -> list[float]:
    """Seconds of ``dlspec submit`` as a fresh process, with the expected-output cache at ``cache`` ("off": every
    grade runs the reference again, as before the cache existed)."""
    path = workdir / f"{aid}.ipynb"
    nbformat.write(build(load(aid), solution=True), path)
    dlspec = Path(sys.executable).with_name("dlspec")
    env = {**os.environ, CACHE_ENV: cache}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [str(dlspec), "submit", aid, str(path), "--json"], cwd=workdir, capture_output=True, text=True, env=env
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{aid}: the answer key did not pass:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return times


def regrade_seconds(aid: str, runs: int) -> float:
    """Median seconds of watch's re-grade after one graded function changed (the last one), in a live process."""
    nb = build(load(aid), solution=True)
    last = [c for c in nb.cells if "graded" in c.metadata.get("tags", [])][-1]
    body = last.source
    first = grade(aid, source=nbformat.writes(nb))
    times = []
    for i in range(runs):
        last.source = body + f"\n    _edit = {i}"  # dead code after the return, but a change to the function
        start = time.perf_counter()
        grade(aid, source=nbformat.writes(nb), previous=first)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@cache
def import_seconds(modules: tuple[str, ...], runs: int = 5) -> float:
    """Median seconds of a fresh interpreter that imports ``modules`` and exits, start included."""
    def timed() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {', '.join(modules)}"], check=True)
        return time.perf_counter() - start

    return statistics.median(timed() for _ in range(runs))


def target(aid: str) -> float:
    """The p50 an assignment should reach: 0.5 s, or, where grading needs a slow import (``preload``, torch), that
    import's own time plus 0.5 s: the grading child must import it, so no grader work can go below it."""
    preload = load(aid).preload
    return TARGET_P50 + (import_seconds(preload) if preload else 0.0)


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
    parser.add_argument("ids", nargs="*", default=IDS, help="only these (the tables are printed, not written)")
    args = parser.parse_args()
    latency_rows, notebook_rows = [], []
    load = f"load average {os.getloadavg()[0]:.1f} at the start"  # other jobs inflate every figure
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        (workdir / ".dlspec").mkdir()  # a workspace of its own, so attempts land in a throwaway database
        os.environ[CACHE_ENV] = str(workdir / "cache")
        for aid in track([a for a in args.ids if not is_lab(a)], description="submit latency"):
            cold = statistics.median(submit_latency(aid, workdir, max(3, args.runs // 3), "off"))
            t = submit_latency(aid, workdir, args.runs, str(workdir / "cache"))[1:]  # the first fills the cache
            p50, p95 = statistics.median(t), percentile(t, 0.95)
            goal = target(aid)
            ok = "yes" if p50 <= goal and p95 <= TARGET_P95 + goal - TARGET_P50 else "no"
            again = regrade_seconds(aid, 5)
            latency_rows.append(
                [aid, f"{cold:.2f}", f"{p50:.2f}", f"{p95:.2f}", f"{min(t):.2f}", f"{max(t):.2f}", f"{goal:.2f}", ok,
                 f"{again:.2f}"]
            )
        for aid in track(args.ids, description="notebooks"):
            s = notebook_seconds(aid, workdir)
            notebook_rows.append([aid, f"{s:.1f}", "yes" if s <= TARGET_NOTEBOOK else "no"])
    if args.ids != IDS:
        if latency_rows:  # none when only labs were asked for
            print(table(["assignment", "p50 no cache", "p50", "p95", "min", "max", "p50 target", "on target", "watch"],
                        latency_rows))  # fmt: skip
        print(table(["assignment", "seconds", "on target"], notebook_rows))
        return
    write_section(
        "assignments-latency",
        f"""## Submit latency, every assignment

`dlspec submit <id> <answer-key notebook> --json` as a fresh process, seconds: p50 with the expected-output cache
off (the reference runs on every grade, as before the cache), then p50, p95, min and max of {args.runs - 1} runs
with it warm (the first run fills it). Target: p50 ≤ {TARGET_P50} s and p95 ≤ {TARGET_P95} s; for an assignment
that needs torch, its import's own time (a fresh `python -c "import torch"`, median of 5) more: the grading child
must import it, and a passing grade does so only there (tests/grader/test_parent_imports.py). Last column: what
`dlspec watch` waits after a save that changed one function (the last graded one), median of 5, in the live
process that watch is: only that function's cases run.
Command: `.venv/bin/python bench/assignments.py --runs {args.runs}`. Machine: {machine()}, {load}.

{table(["assignment", "p50 no cache", "p50", "p95", "min", "max", "p50 target", "on target", "watch, one edit"],
        latency_rows)}""",
    )
    write_section(
        "assignments-notebooks",
        f"""## Answer-key notebooks, top to bottom

Time to run each answer-key notebook, and each ungraded lab's notebook, with nbclient (kernel start included),
seconds.
Target ≤ {TARGET_NOTEBOOK:.0f} s.
Command: `.venv/bin/python bench/assignments.py --runs {args.runs}`. Machine: {machine()}, {load}.

{table(["assignment", "seconds", "on target"], notebook_rows)}""",
    )
    print("wrote docs/benchmarks.md")


if __name__ == "__main__":
    main()
