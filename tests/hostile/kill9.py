"""The kill -9 experiment: kill a process that is writing attempts at a random moment, then check that the
database opens, passes SQLite's integrity check and holds every attempt the writer reported as recorded."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from dlspec.progress import store

WRITER = Path(__file__).with_name("progress_writer.py")


def start(db: Path, count: int, tag: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(count), tag], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )


def kill_at_random(db: Path, rng: random.Random, tag: str, writing: bool) -> tuple[int, int]:
    """One kill, at a random moment from the start (``writing`` False: it may land while the database is
    created or opened) or after the first attempt was recorded (True); returns (attempts reported recorded,
    of those, how many are missing afterwards)."""
    proc = start(db, 10_000, tag)
    first = proc.stdout.readline() if writing else ""
    time.sleep(rng.uniform(0.0, 0.2) if writing else rng.uniform(0.0, 0.5))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    reported = {int(line) for line in (first + out).split()}
    conn = store.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {row[0] for row in conn.execute("SELECT id FROM attempts")}
    finally:
        conn.close()
    return len(reported), len(reported - present)


def concurrent(db: Path, writers: int, each: int) -> int:
    """Several writers at once (two terminals, the site and the command line): how many attempts land."""
    procs = [start(db, each, f"w{i}") for i in range(writers)]
    for proc in procs:
        proc.communicate()
        assert proc.returncode == 0
    conn = store.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    finally:
        conn.close()
