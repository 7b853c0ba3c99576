"""The progress database under kill -9 and concurrent writers: nothing recorded is ever lost."""

import random
import sys

import pytest
from kill9 import concurrent, kill_at_random

from dlspec.progress import store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_kill_9_at_random_moments_loses_no_recorded_attempt(tmp_path):
    db, rng = tmp_path / "progress.db", random.Random(9)
    total = 0
    for i in range(6):
        reported, lost = kill_at_random(db, rng, f"k{i}", writing=i % 2 == 1)
        assert lost == 0
        total += reported
    conn = store.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] >= total
    assert total >= 3  # the kills with writing=True land after at least one recorded attempt


def test_two_writers_at_once_both_land(tmp_path):
    assert concurrent(tmp_path / "progress.db", writers=2, each=30) == 60
