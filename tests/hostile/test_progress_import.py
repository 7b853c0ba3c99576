"""Export and import of a learner's whole progress as one file; an existing database is never replaced, and a
damaged, foreign or locked file is reported with a clear message and left as it was."""

import hashlib
import sqlite3
import threading

import pytest

from dlspec.checking.result import GradeResult
from dlspec.cli import main
from dlspec.progress import store


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def exported(tmp_path):
    conn = store.connect(tmp_path / "old" / "progress.db")
    for score in (0.25, 1.0):
        store.record_attempt(conn, GradeResult("fx1", functions=[]), f"# score {score}", "fx1.py")
    store.record_quiz(conn, "c1w1", 0.9, True, {"q1": "b"})
    store.export(conn, tmp_path / "backup.db")
    conn.close()
    return tmp_path / "backup.db"


def test_import_restores_everything_into_a_new_workspace(exported, tmp_path):
    destination = tmp_path / "new" / ".dlspec" / "progress.db"
    store.import_progress(exported, destination)
    conn = store.connect(destination)
    assert [a.source for a in store.attempts(conn, "fx1")] == ["# score 0.25", "# score 1.0"]
    assert store.quiz_history(conn, "c1w1")[0][1:] == (0.9, True)
    assert [p.name for p in destination.parent.iterdir() if "importing" in p.name] == []


def test_import_never_replaces_existing_progress(exported, tmp_path):
    destination = tmp_path / "progress.db"
    store.record_attempt(store.connect(destination), GradeResult("mine", functions=[]), "# mine", "m.py")
    before = digest(destination)
    with pytest.raises(store.ProgressError, match=r"already holds progress.*has not been changed"):
        store.import_progress(exported, destination)
    assert digest(destination) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database at all", "not an SQLite database"),
        (b"", "not an SQLite database"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(tmp_path, content, message):
    source = tmp_path / "backup.db"
    source.write_bytes(content)
    with pytest.raises(store.ProgressError, match=message):
        store.import_progress(source, tmp_path / "progress.db")
    assert not (tmp_path / "progress.db").exists() and source.read_bytes() == content


def test_an_sqlite_file_of_something_else_is_refused(tmp_path):
    source = tmp_path / "other.db"
    with sqlite3.connect(source) as other:
        other.execute("CREATE TABLE t (x)")
    other.close()
    with pytest.raises(store.ProgressError, match="not a dlspec progress file"):
        store.import_progress(source, tmp_path / "progress.db")


def test_a_damaged_export_is_refused_and_left_alone(exported, tmp_path):
    data = bytearray(exported.read_bytes())
    data[200:4096] = b"\xff" * (4096 - 200)  # inside the first page, past the header: the schema is unreadable
    exported.write_bytes(bytes(data))
    with pytest.raises(store.ProgressError):
        store.import_progress(exported, tmp_path / "progress.db")
    assert exported.read_bytes() == bytes(data) and not (tmp_path / "progress.db").exists()


def test_a_locked_database_makes_a_writer_wait_then_land(tmp_path):
    """Another program holding the write lock (an open transaction) delays an attempt; it does not lose it."""
    db = tmp_path / "progress.db"
    holder = store.connect(db)
    holder.execute("BEGIN IMMEDIATE")
    done = []

    def write():
        conn = store.connect(db)
        done.append(store.record_attempt(conn, GradeResult("fx1", functions=[]), "# waited", "w.py"))

    writer = threading.Thread(target=write)
    writer.start()
    writer.join(0.3)
    assert done == []  # still waiting on the lock
    holder.execute("COMMIT")
    writer.join(10)
    assert len(done) == 1 and store.attempts(holder, "fx1")[0].source == "# waited"


def test_command_line_import_then_refuses_a_second_time(exported, tmp_path, capsys):
    ws = tmp_path / "workspace"
    assert main(["progress", "--workspace", str(ws), "--import", str(exported)]) == 0
    assert "progress imported from" in capsys.readouterr().out
    before = digest(ws / ".dlspec" / "progress.db")
    assert main(["progress", "--workspace", str(ws), "--import", str(exported)]) == 2
    assert "already holds progress" in capsys.readouterr().err
    assert digest(ws / ".dlspec" / "progress.db") == before


def test_a_database_locked_for_too_long_is_reported_as_locked_not_damaged(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 200)
    db = tmp_path / "progress.db"
    store.connect(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # what a database browser with a write open does
    before = digest(db)
    conn = store.connect(db)  # reading still works in WAL mode
    with pytest.raises(store.ProgressError, match="is locked by another program"):
        store.record_attempt(conn, GradeResult("fx1", functions=[]), "# blocked", "b.py")
    holder.execute("ROLLBACK")
    assert digest(db) == before
    assert store.record_attempt(conn, GradeResult("fx1", functions=[]), "# later", "b.py") == 1
