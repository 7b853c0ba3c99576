"""The grader and the progress database under attack and failure: the hostile corpus, kill -9 of a writer at
random moments, concurrent writers, and the time to a verdict for a timeout and for running out of memory.

    .venv/bin/python bench/hostile.py [--kills 40]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "hostile"))
from hostile_corpus import CORPUS, REFERENCE, P, fx1_fast, snapshot, submit, swap, victim, wrong
from kill9 import concurrent, kill_at_random
from report import machine, table, write_section

from dlspec.grader import grade
from dlspec.grader.sandbox import Limits


def run_corpus(fx1) -> tuple[int, list[str], int, float]:
    """(submissions tried, wrong verdicts, learner files changed, seconds in all)."""
    wrongs, changed, started = [], 0, time.perf_counter()
    for bad in CORPUS:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "learner"
            before = victim(folder)
            path = submit(bad, folder)
            submitted = snapshot(folder)[path.name]
            why = wrong(bad, grade(fx1, path))
            if why:
                wrongs.append(f"{bad.name}: {why}")
            changed += snapshot(folder) != {**before, path.name: submitted}
    return len(CORPUS), wrongs, changed, time.perf_counter() - started


def time_to_verdict(fx1, code: str, runs: int = 5) -> float:
    """Median seconds from grade() called to result, for a submission whose ``project`` does ``code``."""
    times = [grade(fx1, source=swap(P(code), "import time\n")).seconds for _ in range(runs)]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=40)
    args = parser.parse_args()
    fx1 = fx1_fast()
    assert grade(fx1, source=REFERENCE).score == 1.0
    tried, wrongs, changed, corpus_s = run_corpus(fx1)
    rng, reported, lost = random.Random(2026), 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.kills):
            r, gone = kill_at_random(Path(tmp) / "progress.db", rng, f"k{i}", writing=i % 2 == 1)
            reported, lost = reported + r, lost + gone
        landed = concurrent(Path(tmp) / "two.db", writers=2, each=100)
    timeout_s = time_to_verdict(fx1, "while True:\n    pass")
    oom_s = time_to_verdict(fx1, "return np.ones(10**11)")
    grow_s = time_to_verdict(fx1, "keep = []\nwhile True:\n    keep.append(np.empty(10**8))")
    rows = [
        ["bad submissions tried", str(tried)],
        ["verdicts exactly as expected", f"{tried - len(wrongs)} of {tried}"],
        ["learner files changed (notebook, progress database, answers beside it)", str(changed)],
        ["whole corpus, graded one after another", f"{corpus_s:.1f} s"],
        ["kill -9 of a writer at random moments", f"{args.kills} kills"],
        ["attempts reported recorded before a kill", str(reported)],
        ["attempts lost", str(lost)],
        ["two writers at once, 100 attempts each: attempts that landed", f"{landed} of 200"],
        [f"time to verdict, infinite loop (limit {fx1.functions[0].timeout:g} s per case)", f"{timeout_s:.2f} s"],
        ["time to verdict, one allocation past the memory limit (800 GB)", f"{oom_s:.2f} s"],
        [
            f"time to verdict, memory growing 800 MB a step to the limit ({Limits().memory / 2**30:g} GiB)",
            f"{grow_s:.2f} s",
        ],
    ]
    body = "\n".join(
        [
            "## Grader and progress under attack and failure",
            "",
            f"`.venv/bin/python bench/hostile.py --kills {args.kills}` on {machine()}. The corpus is "
            "`tests/hostile/hostile_corpus.py` graded against the fixture assignment fx1 with a 1 s limit per "
            "case; a timeout's verdict comes after the limit plus the restart of the sandboxed child for the "
            "remaining cases. See docs/grader.md for the limits and what each verdict means.",
            "",
            table(["figure", "value"], rows),
        ]
        + ([""] + [f"* wrong: {w}" for w in wrongs] if wrongs else [])
    )
    write_section("hostile", body)
    print(body)


if __name__ == "__main__":
    main()
