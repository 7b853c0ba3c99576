import json
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from dlspec.checking.result import CheckResult, FunctionResult, GradeResult
from dlspec.progress import store


def result(assignment="c1w2a2", passed_cases=(True, True)) -> GradeResult:
    checks = [CheckResult("sigmoid", f"case{i}", "passed" if ok else "failed") for i, ok in enumerate(passed_cases)]
    return GradeResult(assignment, functions=[FunctionResult("sigmoid", 2.0, checks)])


@pytest.fixture
def db(tmp_path):
    conn = store.connect(tmp_path / ".dlspec" / "progress.db")
    yield conn
    conn.close()


def test_new_database_has_schema_version_and_wal(db):
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_attempts_round_trip_and_best(db):
    first = store.record_attempt(db, result(passed_cases=(True, False)), "def sigmoid(z): ...", "/w/nb.ipynb")
    store.record_attempt(db, result(passed_cases=(True, True)), "def sigmoid(z): return z", "/w/nb.ipynb")
    store.record_attempt(db, result(passed_cases=(False, False)), "x", "/w/nb.ipynb")
    got = store.attempts(db, "c1w2a2")
    assert [a.score for a in got] == [0.5, 1.0, 0.0]
    assert got[0].id == first and got[0].source == "def sigmoid(z): ..." and got[0].path == "/w/nb.ipynb"
    assert got[0].results["tests"][0]["name"] == "sigmoid"
    assert got[1].source_hash == store.source_hash("def sigmoid(z): return z") != got[0].source_hash
    assert store.best(db, "c1w2a2").score == 1.0 and store.best(db, "c1w2a2").passed
    assert store.best(db, "c1w3a1") is None and store.attempts(db, "c1w3a1") == []


def test_hint_level_is_the_deepest_read(db):
    assert store.hint_level(db, "c1w2a2", "sigmoid") == 0
    store.record_hint(db, "c1w2a2", "sigmoid", 1)
    store.record_hint(db, "c1w2a2", "sigmoid", 3)
    store.record_hint(db, "c1w2a2", "sigmoid", 2)
    assert store.hint_level(db, "c1w2a2", "sigmoid") == 3
    assert store.hint_level(db, "c1w2a2", "propagate") == 0


def test_summary_covers_attempts_quizzes_and_hints(db):
    store.record_attempt(db, result(passed_cases=(True, False)), "s", "p")
    store.record_attempt(db, result(passed_cases=(True, True)), "s", "p")
    store.record_hint(db, "c1w3a1", "layer_sizes", 1)
    store.record_quiz(db, "c1w2q", 0.6, False, {"q1": {0, 2}})
    store.record_solution_view(db, "c1w2a2", forced=False)
    got = store.summary(db)
    assert got["c1w2a2"] == store.ItemProgress(2, 1.0, True)
    assert got["c1w3a1"] == store.ItemProgress(0, 0.0, False)
    assert got["c1w2q"] == store.ItemProgress(1, 0.6, False)
    assert "c1w4a1" not in got
    assert store.solution_views(db, "c1w2a2") == [False]
    answers = db.execute("SELECT answers_json FROM quiz_attempts").fetchone()[0]
    assert json.loads(answers) == {"q1": [0, 2]}


def test_a_failed_write_leaves_nothing_behind(db, monkeypatch):
    class Broken(GradeResult):
        def to_json(self):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.record_attempt(db, Broken("c1w2a2"), "s", "p")
    assert store.attempts(db, "c1w2a2") == []
    store.record_attempt(db, result(), "s", "p")  # the connection is usable again
    assert len(store.attempts(db, "c1w2a2")) == 1


def test_export_is_one_complete_file_and_never_overwrites(db, tmp_path):
    store.record_attempt(db, result(), "mine", "p")
    store.record_hint(db, "c1w2a2", "sigmoid", 2)
    copy = tmp_path / "backup.db"
    store.export(db, copy)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup")) == ["backup.db"]
    again = store.connect(copy)
    assert store.attempts(again, "c1w2a2")[0].source == "mine"
    assert store.hint_level(again, "c1w2a2", "sigmoid") == 2
    with pytest.raises(store.ProgressError, match="already exists"):
        store.export(db, copy)


def test_not_a_database_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "progress.db"
    junk = b"these are my notes, not a database\n" * 50
    path.write_bytes(junk)
    with pytest.raises(store.ProgressError, match="left exactly as it is"):
        store.connect(path)
    assert path.read_bytes() == junk
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.db"]


def test_damaged_pages_are_reported_and_left_untouched(tmp_path):
    path = tmp_path / "progress.db"
    conn = store.connect(path)
    for _ in range(200):
        store.record_attempt(conn, result(), "x" * 500, "p")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)  # overwrite pages 2-3, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(store.ProgressError, match="cannot be read"):
        store.connect(path)
    assert path.read_bytes() == bytes(data)


def test_database_from_a_newer_dlspec_is_refused(tmp_path):
    path = tmp_path / "progress.db"
    store.connect(path).execute("PRAGMA user_version = 99")
    with pytest.raises(store.ProgressError, match="newer dlspec"):
        store.connect(path)


WRITER = textwrap.dedent(
    """
    import sys
    from dlspec.checking.result import CheckResult, FunctionResult, GradeResult
    from dlspec.progress import store

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    conn = store.connect(path)
    r = GradeResult(name, functions=[FunctionResult("f", 1.0, [CheckResult("f", "c", "passed")])])
    i = 0
    while count < 0 or i < count:
        store.record_attempt(conn, r, "source %d " % i + "x" * 20000, "p")
        i += 1
        print(i, flush=True)
    """
)


def test_two_concurrent_writers_both_land(tmp_path):
    path = tmp_path / "progress.db"
    store.connect(path).close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "40"], stdout=subprocess.DEVNULL)
        for name in ("a", "b")
    ]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    conn = store.connect(path)
    assert len(store.attempts(conn, "a")) == 40
    assert len(store.attempts(conn, "b")) == 40


def test_killed_writer_keeps_committed_attempts_and_a_readable_db(tmp_path):
    path = tmp_path / "progress.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "k", "-1"], stdout=subprocess.PIPE, text=True)
    committed = 0
    while committed < 30:  # each printed number is an attempt whose commit returned
        committed = int(proc.stdout.readline())
    time.sleep(0.05)  # let it get into the middle of further writes
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    conn = store.connect(path)  # runs the integrity check
    got = store.attempts(conn, "k")
    assert len(got) >= committed
    assert [a.source.split()[1] for a in got] == [str(i) for i in range(len(got))]
    assert all(a.results["tests"][0]["name"] == "f" and len(a.source) > 20000 for a in got)
