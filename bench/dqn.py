"""X1 deep Q-learning (C6W1A1): what the notebook's full setting learns on CartPole-v1 and how long it takes, and
what a learner waits for when submitting (the grader trains the agent twice, seeds 0 and 1).

    .venv/bin/python bench/dqn.py [--seeds 3] [--runs 2]

Writes the section "x1-dqn" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from assignments import notebook_seconds, submit_latency
from report import machine, table, write_section

from dlspec.course.c6w1a1.checks import EVAL_SEEDS, LEARNING_STEPS, PASS_RETURN
from dlspec.grader.expected import ENV as CACHE_ENV
from dlspec.nn.dqn_torch import DEFAULTS, greedy_returns, random_returns, train_dqn


def trained(seed: int) -> list[str]:
    """One row: the seed, wall and CPU seconds of train_dqn, the greedy mean and min over the fixed episodes."""
    wall, cpu = time.perf_counter(), time.process_time()
    q_net, history = train_dqn("CartPole-v1", LEARNING_STEPS, seed)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    greedy = greedy_returns(q_net, "CartPole-v1", EVAL_SEEDS)
    print(f"seed {seed}: {wall:.1f} s ({cpu:.1f} s CPU), greedy {np.mean(greedy):.1f}", flush=True)
    return [str(seed), f"{wall:.1f}", f"{cpu:.1f}", f"{np.mean(greedy):.1f}", f"{min(greedy):.0f}",
            f"{np.mean(history['returns'][-10:]):.0f}"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(1)
    load = os.getloadavg()[0]
    rows = [trained(seed) for seed in range(args.seeds)]
    with tempfile.TemporaryDirectory() as tmp:
        # a workspace of its own for each submit: an unchanged function's grade is never reused from an earlier one
        cache = str(Path(tmp) / "cache")
        seconds = [submit_latency("c6w1a1", Path(tempfile.mkdtemp(dir=tmp)), 1, cache)[0] for _ in range(1 + args.runs)]
        cold, warm = seconds[0], seconds[1:]
        # the learner's kernel, with the expected-output cache warm as it is after a first check
        os.environ[CACHE_ENV] = cache
        notebook = notebook_seconds("c6w1a1", Path(tempfile.mkdtemp(dir=tmp)))
    random_mean = np.mean(random_returns("CartPole-v1", EVAL_SEEDS))
    hp = ", ".join(f"{k} {v}" for k, v in DEFAULTS.items())
    body = f"""## X1 deep Q-learning (C6W1A1)

`.venv/bin/python bench/dqn.py --seeds {args.seeds} --runs {args.runs}` on {machine()}, torch {torch.__version__}
on one thread; load average {load:.1f} when it started (the machine is shared: wall times stretch with it, CPU
times less). `train_dqn("CartPole-v1", {LEARNING_STEPS}, seed)` with the notebook's settings ({hp}); greedy
return (ε = 0) over the ten fixed episodes of reset seeds {EVAL_SEEDS[0]}-{EVAL_SEEDS[-1]}; a random agent scores
{random_mean:.1f} on them. The grader passes a seed at a greedy mean of {PASS_RETURN:.0f}.

{table(["seed", "train s (wall)", "train s (CPU)", "greedy mean", "greedy min", "last 10 training episodes"], rows)}

`dlspec submit c6w1a1 <answer key> --json` as a fresh process in a new workspace (the grader trains seeds 0 and 1
in its child): first submit, the reference's outputs not yet cached (the parent trains them too, beside the child):
{cold:.1f} s; then {", ".join(f"{t:.1f}" for t in warm)} s with the cache warm.

The answer-key notebook top to bottom in its full setting (nbclient, as `bench/assignments.py` runs it; it trains
the agent, checks `train_dqn` as the grader does, trains the ablation and MountainCar, and draws the GIF):
{notebook:.1f} s.
"""
    print(body)
    write_section("x1-dqn", body)


if __name__ == "__main__":
    main()
