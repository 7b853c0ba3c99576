"""X2 echo-state networks: NRMSE and fit time of the ESN (300 and 1000 units) and of Course 5's LSTM on Mackey-Glass,
the answer-key notebook's run time, and the grader's time per submission of C6W2A1.

The forecasts are ``dlspec.nn.forecast``'s, the notebook's own, on the notebook's split; everything on one thread
(``threadpool_limits(1)``), as in the notebook.

    .venv/bin/python bench/esn.py [--seeds 3] [--lstm-seeds 3] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from assignments import notebook_seconds, percentile, submit_latency
from report import machine, table, write_section

from dlspec.data.mackey_glass import mackey_glass
from dlspec.nn import forecast

HORIZONS = (1, 84)


def figures(runs: list[dict]) -> list[str]:
    """Mean of each figure over the seeds, with its smallest and largest value."""
    cells = []
    for key, fmt in (("h1", ".1e"), ("h84", ".1e"), ("free", ".1e"), ("fit s", ".2f")):
        values = [r[key] for r in runs]
        cells.append(f"{np.mean(values):{fmt}} ({min(values):{fmt}} – {max(values):{fmt}})")
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="reservoirs per size")
    parser.add_argument("--lstm-seeds", type=int, default=3)
    parser.add_argument("--long-epochs", type=int, default=240, help="a longer LSTM training, one seed (0: none)")
    parser.add_argument("--runs", type=int, default=5, help="timed submissions")
    args = parser.parse_args()

    load = os.getloadavg()[0]
    split = forecast.Split()
    u = forecast.scaled(mackey_glass(1000 + split.train + split.test + max(HORIZONS))[1000:], split.train)
    rows = []
    with threadpool_limits(limits=1):
        for n_units in (300, 1000):
            runs = [forecast.esn_scores(u, split, HORIZONS, forecast.Reservoir(n_units=n_units), seed)
                    for seed in range(args.seeds)]
            rows.append([f"ESN, {n_units} units", str(args.seeds), *figures(runs)])
            print(rows[-1], flush=True)
        net = forecast.Network()
        runs = [forecast.lstm_scores(u, split, HORIZONS, net, seed) for seed in range(args.lstm_seeds)]
        rows.append([f"LSTM, {net.n_a} units, {net.epochs} epochs", str(args.lstm_seeds), *figures(runs)])
        print(rows[-1], flush=True)
        if args.long_epochs:
            longer = forecast.Network(epochs=args.long_epochs)
            runs = [forecast.lstm_scores(u, split, HORIZONS, longer, seed=0)]
            rows.append([f"LSTM, {net.n_a} units, {longer.epochs} epochs", "1", *figures(runs)])
            print(rows[-1], flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        warm = submit_latency("c6w2a1", work, args.runs + 1, str(work / "cache"))[1:]  # the first fills the cache
        cold = submit_latency("c6w2a1", work, args.runs, "off")
        # a NumPy assignment of Course 5 graded under the same load, to read the figures against
        beside = submit_latency("c5w1a1", work, args.runs + 1, str(work / "cache"))[1:]
        notebook = notebook_seconds("c6w2a1", work)
    r, s = forecast.Reservoir(), split
    body = f"""## X2 echo-state networks (C6W2A1)

Mackey-Glass (τ = 17, `dlspec.data.mackey_glass`: RK4, h = 0.1, one sample per time unit), the first 1000 samples
dropped, scaled so that the training part spans [-1, 1]. Steps 0-{s.train - 1} train; forecasts are made from each
of the {s.test} following steps. NRMSE = RMSE / standard deviation of the target (`esn.nrmse`, `norm="std"`; the
range-normalised figure is about 4 times smaller). Free run: from the last training state, the one-step model fed
its own outputs, NRMSE over the first {s.free_run} steps. Mean over the seeds (smallest – largest).
ESN: spectral radius {r.spectral_radius}, density {r.density}, input scaling {r.input_scaling}, leak rate
{r.leak_rate}, ridge {r.ridge:g}, washout {s.washout}; its fit time is drawing the reservoir (eigenvalues
included), running it over {s.train + s.test} steps and solving both readouts. LSTM: `rnn_layers.LSTM` ({net.n_a}
units, a window of {net.window} steps) and a `Linear`, Adam (learning rate {net.lr:g}, batches of
{net.batch_size}) on the mean squared error for {net.epochs} epochs (the notebook's budget) and, once, for
{args.long_epochs}; one network per horizon, training time of both.
One thread (`threadpool_limits(1)`). Command: `.venv/bin/python bench/esn.py`. Machine: {machine()}, load average
{load:.1f} at the start (other jobs shared the two cores: the times are long, and vary from run to run).

{table(["model", "seeds", "NRMSE 1 step", "NRMSE 84 steps", f"NRMSE free run, {s.free_run} steps",
        "fit, s"], rows)}

Grading C6W2A1 (`dlspec submit c6w2a1 <answer key> --json`, a fresh process, {args.runs} runs): p50
{statistics.median(warm):.2f} s, p95 {percentile(warm, 0.95):.2f} s with the expected-output cache warm; p50
{statistics.median(cold):.2f} s with it off; C5W1A1 in the same run, cache warm: p50 {statistics.median(beside):.2f} s.
The answer-key notebook, top to bottom (nbclient, kernel start included, the full setting): {notebook:.0f} s.
"""
    write_section("x2-esn", body)
    print(body)


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"{time.perf_counter() - start:.0f} s")
