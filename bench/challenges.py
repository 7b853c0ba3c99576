"""How long a challenge submission takes to score, measured as a learner meets it.

    python bench/challenges.py [--models standard,fast-fgsm,pgd]

A predictions CSV: `dlspec challenge submit` as a fresh process (start-up, reading, schema checks, scoring,
recording), and the reading and scoring alone, in process (median of 20). The boards: public, and private with its
bootstrap intervals. A model: `dlspec.challenges.modelrun.evaluate` on the shipped C6W4A1 CNNs, the whole battery
in the confined child on two threads. Writes the ``challenges`` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from report import machine, table, write_section

from dlspec.challenges import bundle, ledger, modelrun, play, schema


def timed(measure) -> float:
    start = time.perf_counter()
    measure()
    return time.perf_counter() - start


def csv_rows(slug: str, workdir: Path) -> list[list[str]]:
    c = bundle.load(slug)
    name = c.baselines[-1].name
    data = schema.write(c, c.baseline_outputs()[name])
    path = workdir / f"{slug}.csv"
    path.write_bytes(data)
    play.solution(c)  # loaded once per process, as a command does before scoring
    rows = np.arange(c.rows)
    inproc = statistics.median(
        timed(lambda: c.score(c.metric, play.solution(c), schema.read(c, data), rows)) for _ in range(20)
    )
    command = [sys.executable, "-m", "dlspec", "challenge", "submit", slug, str(path), "--workspace", str(workdir)]
    fresh = timed(lambda: subprocess.run(command, check=True, capture_output=True))
    conn = ledger.connect(workdir / ".dlspec" / ledger.FILE)
    public = timed(lambda: play.board(conn, c))
    ledger.finalise(conn, c)
    private = timed(lambda: play.board(conn, c))
    return [
        [f"`{slug}`: read and score a CSV ({c.rows} rows, baseline {name}), in process", f"{inproc * 1000:.1f} ms"],
        [f"`{slug}`: `dlspec challenge submit` as a fresh process", f"{fresh:.2f} s"],
        [f"`{slug}`: public board", f"{public:.2f} s"],
        [f"`{slug}`: private board with {c.resamples} bootstrap resamples per entry", f"{private:.2f} s"],
    ]


def model_rows(names: list[str]) -> list[list[str]]:
    import torch

    from dlspec.data.pretrained import robust_mnist_cnn

    c = bundle.load("robust-mnist")
    truth = play.solution(c)["label"]
    rows = []
    for name in names:
        buf = io.BytesIO()
        torch.save(robust_mnist_cnn(name).state_dict(), buf)
        start = time.perf_counter()
        out = modelrun.evaluate(c, buf.getvalue())
        took = time.perf_counter() - start
        robust, clean = (out["robust"] == truth).mean(), (out["clean"] == truth).mean()
        rows.append([f"`robust-mnist`: the {name} CNN judged in the confined child ({c.rows} digits, robust "
                     f"{robust:.3f}, clean {clean:.3f})", f"{took:.0f} s"])  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="standard,fast-fgsm,pgd")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        found = csv_rows("fashion-mnist", Path(tmp)) + csv_rows("support-survival", Path(tmp))
    found += model_rows([m for m in args.models.split(",") if m])
    body = f"""## Challenges

`python bench/challenges.py` on {machine()}. A Fashion-MNIST CSV is read against the schema and scored in
milliseconds; SUPPORT's Harrell's C builds a table of every comparable pair (events x patients), a fraction of a
second; most of a `dlspec challenge submit` is starting Python and loading the data (SurvSet's pickle for SUPPORT).
A model submission runs the whole attack battery in a confined child on two threads; each attack only sees the
digits the earlier ones missed, so a model the first attack breaks is judged in seconds and a robust one takes the
longest. Other sessions shared the machine's 2 cores while this ran.

{table(["what", "time"], found)}
"""
    write_section("challenges", body)
    print(body)


if __name__ == "__main__":
    main()
