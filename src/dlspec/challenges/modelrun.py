"""Model submissions: a ``state_dict`` judged in a confined child process.

The parent writes the submitted bytes into a fresh temporary folder and starts ``python -c`` on ``child`` there.
The child confines itself with the grader's limits (dlspec.grader.confine: address space, file size, no network,
a CPU-time backstop, no writes outside its folder, no new processes) before it reads the file, loads it with
``torch.load(weights_only=True)`` (tensors only: a pickle that would run code is refused by PyTorch), checks it
against the challenge's architecture, runs the task's ``evaluate`` and prints its outputs as one JSON line. The
parent holds a wall clock over all of it and kills the child's process group past it. Nothing the learner wrote
is imported: only numbers cross.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from dlspec.challenges.bundle import Challenge
from dlspec.challenges.metrics import Columns
from dlspec.challenges.schema import SubmissionError

MEMORY = 4 * 2**30  # address space: torch alone maps over 1 GiB
THREADS = 2  # the time stated in the challenge's description is for two cores
WALL_SECONDS = 1800  # a robust model took 4 to 10 minutes on 2 cores shared with other jobs (docs/benchmarks.md)
MARK = "dlspec-outputs:"
PROGRESS = "dlspec-progress:"  # a line the child writes to stderr as it works


def evaluate(
    challenge: Challenge,
    data: bytes,
    limit: int | None = None,
    wall: float = WALL_SECONDS,
    progress: Callable[[str], None] | None = None,
) -> Columns:
    """The outputs of the model in ``data`` on the challenge's hidden rows (the first ``limit`` only, for tests:
    the rest are -1, never right). ``progress(text)`` hears the child's progress lines as they come. SubmissionError
    says why a model could not be judged."""
    from dlspec.grader.sandbox import address_space_enforced

    workdir = tempfile.mkdtemp(prefix="dlspec-challenge-")
    try:
        (Path(workdir) / "model.pt").write_bytes(data)
        memory = MEMORY if address_space_enforced() else None
        args = json.dumps({"slug": challenge.slug, "limit": limit, "memory": memory, "cpu": int(wall * THREADS)})
        threads = {v: str(THREADS) for v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
        proc = subprocess.Popen(
            [sys.executable, "-c", "from dlspec.challenges.modelrun import child; child()", args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=workdir,
            env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **threads),
            start_new_session=True,
        )
        out, err = bytearray(), []
        readers = [threading.Thread(target=lambda: out.extend(proc.stdout.read()), daemon=True),
                   threading.Thread(target=_relay, args=(proc.stderr, err, progress), daemon=True)]  # fmt: skip
        for reader in readers:
            reader.start()
        try:
            proc.wait(timeout=wall)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
            raise SubmissionError(f"the model's evaluation ran past {wall:g} s and was stopped") from None
        finally:
            for reader in readers:
                reader.join(timeout=5)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    lines = [line for line in out.decode(errors="replace").splitlines() if line.startswith(MARK)]
    if proc.returncode != 0 or not lines:
        why = [line for line in err if line.strip()][-1:] or [f"exit status {proc.returncode}"]
        raise SubmissionError(f"the model could not be evaluated: {why[0]}")
    found = json.loads(lines[-1][len(MARK) :])
    if "error" in found:
        raise SubmissionError(found["error"])
    return {k: np.asarray(v, dtype=np.int64) for k, v in found.items()}


def _relay(stream, kept: list[str], progress: Callable[[str], None] | None) -> None:
    """Pass the child's progress lines on as they come; keep its other error output for the message."""
    for raw in stream:
        line = raw.decode(errors="replace").rstrip("\n")
        if line.startswith(PROGRESS):
            if progress is not None:
                progress(line[len(PROGRESS) :])
        else:
            kept.append(line)


def child() -> None:
    """The confined side: argv[1] is the JSON the parent wrote; the weights are ./model.pt."""
    from dlspec.grader.confine import confine, guard, limit_cpu

    job = json.loads(sys.argv[1])
    import torch  # before the limits: importing it maps more than it will use

    from dlspec.challenges.bundle import load

    confine(job["memory"], 64 * 2**20, None)
    limit_cpu(job["cpu"])
    guard(os.getcwd())
    torch.set_num_threads(THREADS)
    challenge = load(job["slug"])
    try:
        weights = torch.load("model.pt", map_location="cpu", weights_only=True)
        report = lambda text: print(PROGRESS + text, file=sys.stderr, flush=True)  # noqa: E731
        outputs = challenge.module.evaluate(weights, job["limit"], progress=report)
    except SubmissionError as e:
        outputs = {"error": str(e)}
    except Exception as e:  # a file torch cannot read as tensors: the message says what it found
        outputs = {"error": f"model.pt is not a state_dict torch.load(weights_only=True) can read: {e}".strip()}
    print(MARK + json.dumps({k: np.asarray(v).tolist() for k, v in outputs.items()} if "error" not in outputs
                            else outputs), flush=True)  # fmt: skip
    sys.stdout.flush()
    os._exit(0)
