"""The workspace's progress: one SQLite file, ``<workspace>/.dlspec/progress.db``.

It holds every graded attempt (with the submitted source), the hints read, the solutions opened, the quiz
answers and the simulator runs (in the quizzes' table: a seed and actions in place of answers). Progress never
expires, so the rules are about never losing it:

* WAL journal and one ``BEGIN IMMEDIATE`` transaction per write: an attempt lands whole or not at all, even if
  the process is killed mid-write, and a reader never sees half of it.
* ``busy_timeout``: two commands writing at once wait for each other instead of failing.
* A file that is not a readable database is reported (``ProgressError``) and left exactly as it is: it may be
  the learner's only copy of months of work, so only the learner decides what happens to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dlspec.checking.result import GradeResult

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000
HEADER = b"SQLite format 3\x00"

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    assignment TEXT NOT NULL,
    created_at TEXT NOT NULL,
    score REAL NOT NULL,
    passed INTEGER NOT NULL,
    gradable INTEGER NOT NULL,
    results_json TEXT NOT NULL,
    source TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    path TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_assignment ON attempts (assignment);
CREATE TABLE IF NOT EXISTS hints (
    assignment TEXT NOT NULL,
    function TEXT NOT NULL,
    level INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS solutions (
    assignment TEXT NOT NULL,
    created_at TEXT NOT NULL,
    forced INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS quiz_attempts (
    quiz TEXT NOT NULL,
    created_at TEXT NOT NULL,
    score REAL NOT NULL,
    passed INTEGER NOT NULL,
    answers_json TEXT NOT NULL
);
"""


class ProgressError(RuntimeError):
    """The progress database cannot be used as it is; the message says what to do."""


@dataclass(frozen=True)
class Attempt:
    id: int
    assignment: str
    created_at: str
    score: float
    passed: bool
    gradable: bool
    results: dict
    source: str
    source_hash: str
    path: str


@dataclass(frozen=True)
class ItemProgress:
    """What the progress map shows for one assignment or quiz."""

    attempts: int
    best: float  # best score, 0..1
    passed: bool


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _locked(path: Path | str) -> ProgressError:
    return ProgressError(
        f"the progress database {path} is locked by another program (another dlspec command still running, or a "
        "database browser holding it open). Nothing was changed; close that program and run the command again."
    )


def _unusable(path: Path, why: str) -> ProgressError:
    return ProgressError(
        f"the progress database {path} cannot be read ({why}). It has been left exactly as it is. "
        f"Keep a copy of it; to start a fresh record, move it away (for example to {path.name}.broken) "
        "and run the command again."
    )


def connect(path: Path, schema: str = SCHEMA, schema_version: int = SCHEMA_VERSION) -> sqlite3.Connection:
    """Open (creating if absent) the progress database at ``path``; ProgressError if it is unusable. ``schema``:
    another database kept with the same care (the challenges' ledger, dlspec.challenges.ledger)."""
    path = Path(path)
    # Look at the header before SQLite touches the file: switching a damaged file to WAL would write to it.
    if path.exists() and path.stat().st_size:
        with path.open("rb") as fh:
            if fh.read(len(HEADER)) != HEADER:
                raise _unusable(path, "it is not an SQLite database")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Autocommit mode: every write below opens its own BEGIN IMMEDIATE transaction.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _unusable(path, f"integrity check: {check}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema_version:
            raise ProgressError(
                f"the progress database {path} was written by a newer dlspec (schema {version}, this one "
                f"reads up to {schema_version}); upgrade dlspec to read it. The file has not been changed."
            )
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")  # a commit is on disk before the command says "recorded"
        if version < schema_version:
            with _transaction(conn):
                # executescript would commit first; statements one by one keep the schema in this transaction.
                for statement in filter(str.strip, schema.split(";")):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {schema_version}")
    except sqlite3.OperationalError as e:
        conn.close()
        if "locked" in str(e) or "busy" in str(e):
            raise _locked(path) from e
        raise _unusable(path, str(e)) from e
    except sqlite3.DatabaseError as e:
        conn.close()
        raise _unusable(path, str(e)) from e
    except ProgressError:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL (a lasting property of the file). The switch needs the file to itself and SQLite
    does not wait for that, so two commands opening a new database at once would fail: retry until busy_timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (IMMEDIATE) so concurrent writers queue on busy_timeout."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        if "locked" not in str(e) and "busy" not in str(e):
            raise
        raise _locked(conn.execute("PRAGMA database_list").fetchone()[2]) from e
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


transaction = _transaction  # the public name, for another store kept with the same care (dlspec.challenges.ledger)


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def record_attempt(conn: sqlite3.Connection, result: GradeResult, source: str, path: str) -> int:
    """Store a graded attempt with its per-check results and the submitted source; returns its id."""
    with _transaction(conn):
        cur = conn.execute(
            "INSERT INTO attempts (assignment, created_at, score, passed, gradable, results_json, source,"
            " source_hash, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                result.assignment,
                _now(),
                result.score,
                result.passed,
                result.gradable,
                json.dumps(result.to_json()),
                source,
                source_hash(source),
                str(path),
            ),
        )
    return cur.lastrowid


def submitted_source(path: Path) -> str:
    """The code of a submission as one text: a notebook's code cells (outputs left out), or a .py file as is."""
    from dlspec.grader.extract import code_cells

    raw, suffix = Path(path).read_bytes(), Path(path).suffix.lower()
    if suffix != ".ipynb":
        return raw.decode("utf-8-sig", errors="replace")
    return "\n\n".join(f"# %% cell {n}\n{source}" for n, source in code_cells(raw, suffix))


def record_submission(conn: sqlite3.Connection, result: GradeResult, path: Path) -> int | None:
    """Record the grade of the file at ``path`` as ``dlspec submit`` and the course site both do; returns the
    attempt id. A submission that was not gradable costs nothing: it is not recorded and None comes back."""
    if not result.gradable:
        return None
    return record_attempt(conn, result, submitted_source(path), str(Path(path).resolve()))


def _attempt(row: tuple) -> Attempt:
    id_, assignment, created_at, score, passed, gradable, results_json, source, hash_, path = row
    return Attempt(
        id_, assignment, created_at, score, bool(passed), bool(gradable), json.loads(results_json), source, hash_, path
    )


_ATTEMPT_COLUMNS = "id, assignment, created_at, score, passed, gradable, results_json, source, source_hash, path"


def attempts(conn: sqlite3.Connection, assignment: str) -> list[Attempt]:
    """Every attempt at ``assignment``, oldest first."""
    rows = conn.execute(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE assignment = ? ORDER BY id", (assignment,))
    return [_attempt(r) for r in rows]


def best(conn: sqlite3.Connection, assignment: str) -> Attempt | None:
    """The highest-scoring attempt (the earliest of equals), or None before the first one."""
    row = conn.execute(
        f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE assignment = ? ORDER BY score DESC, id LIMIT 1",
        (assignment,),
    ).fetchone()
    return None if row is None else _attempt(row)


def record_hint(conn: sqlite3.Connection, assignment: str, function: str, level: int) -> None:
    with _transaction(conn):
        conn.execute(
            "INSERT INTO hints (assignment, function, level, created_at) VALUES (?, ?, ?, ?)",
            (assignment, function, level, _now()),
        )


def hint_level(conn: sqlite3.Connection, assignment: str, function: str) -> int:
    """The deepest hint read for this function so far (1 = the first), 0 when none."""
    row = conn.execute(
        "SELECT MAX(level) FROM hints WHERE assignment = ? AND function = ?", (assignment, function)
    ).fetchone()
    return row[0] or 0


def reveal_hint(conn: sqlite3.Connection, assignment: str, function: str, count: int, level: int | None = None) -> int:
    """The hint level to show from a ladder of ``count``: ``level`` if given, else one deeper than the deepest read
    so far (the last one again at the end). A level deeper than before is recorded. ValueError outside 1..count."""
    seen = hint_level(conn, assignment, function)
    level = level if level is not None else min(seen + 1, count)
    if not 1 <= level <= count:
        raise ValueError(f"{function} has hints 1 to {count}")
    if level > seen:
        record_hint(conn, assignment, function, level)
    return level


def open_solution(conn: sqlite3.Connection, assignment: str, force: bool = False) -> bool:
    """Whether the reference solution may be shown now: after a passing attempt, or when forced before it. A view
    is recorded (marked forced when it came before passing); a refusal records nothing."""
    top = best(conn, assignment)
    passed = top is not None and top.passed
    if not passed and not force:
        return False
    record_solution_view(conn, assignment, forced=not passed)
    return True


def record_solution_view(conn: sqlite3.Connection, assignment: str, forced: bool) -> None:
    with _transaction(conn):
        conn.execute(
            "INSERT INTO solutions (assignment, created_at, forced) VALUES (?, ?, ?)", (assignment, _now(), forced)
        )


def solution_views(conn: sqlite3.Connection, assignment: str) -> list[bool]:
    """One entry per time the solution was shown: True where it was forced before passing."""
    rows = conn.execute("SELECT forced FROM solutions WHERE assignment = ? ORDER BY rowid", (assignment,))
    return [bool(r[0]) for r in rows]


def record_quiz(conn: sqlite3.Connection, quiz: str, score: float, passed: bool, answers: dict) -> None:
    """Store a finished quiz; ``answers`` maps question id to the chosen option indices."""
    encoded = {q: sorted(chosen) for q, chosen in answers.items()}
    with _transaction(conn):
        conn.execute(
            "INSERT INTO quiz_attempts (quiz, created_at, score, passed, answers_json) VALUES (?, ?, ?, ?, ?)",
            (quiz, _now(), score, passed, json.dumps(encoded)),
        )


def record_simulation(
    conn: sqlite3.Connection, simulator: str, score: float, passed: bool, seed: int, actions: list[str]
) -> None:
    """Store a finished simulator run beside the quizzes (it counts like one: ``quiz_history``, ``summary``).
    Its answers are the seed and the actions in order, all it takes to replay the run."""
    with _transaction(conn):
        conn.execute(
            "INSERT INTO quiz_attempts (quiz, created_at, score, passed, answers_json) VALUES (?, ?, ?, ?, ?)",
            (simulator, _now(), score, passed, json.dumps({"seed": seed, "actions": list(actions)})),
        )


def record_project(conn: sqlite3.Connection, project: str, score: float, passed: bool, checks: list[dict]) -> None:
    """Store a graded project run beside the quizzes (it counts like one: ``quiz_history``, ``summary``); its
    answers are the checks' verdicts as ``dlspec.grader.capstone`` reported them."""
    with _transaction(conn):
        conn.execute(
            "INSERT INTO quiz_attempts (quiz, created_at, score, passed, answers_json) VALUES (?, ?, ?, ?, ?)",
            (project, _now(), score, passed, json.dumps({"checks": checks})),
        )


def project_runs(conn: sqlite3.Connection, project: str) -> list[tuple[str, float, bool, list[dict]]]:
    """``(created_at, score, passed, checks)`` of every graded run of ``project``, oldest first."""
    rows = conn.execute(
        "SELECT created_at, score, passed, answers_json FROM quiz_attempts WHERE quiz = ? ORDER BY rowid", (project,)
    )
    return [(when, score, bool(passed), json.loads(answers)["checks"]) for when, score, passed, answers in rows]


def simulation_runs(conn: sqlite3.Connection, simulator: str) -> list[tuple[str, float, bool, int, list[str]]]:
    """``(created_at, score, passed, seed, actions)`` of every finished run of ``simulator``, oldest first."""
    rows = conn.execute(
        "SELECT created_at, score, passed, answers_json FROM quiz_attempts WHERE quiz = ? ORDER BY rowid", (simulator,)
    )
    runs = []
    for when, score, passed, answers in rows:
        found = json.loads(answers)
        runs.append((when, score, bool(passed), found["seed"], found["actions"]))
    return runs


def quiz_history(conn: sqlite3.Connection, quiz: str) -> list[tuple[str, float, bool]]:
    """``(created_at, score, passed)`` of every attempt at ``quiz``, oldest first."""
    rows = conn.execute("SELECT created_at, score, passed FROM quiz_attempts WHERE quiz = ? ORDER BY rowid", (quiz,))
    return [(when, score, bool(passed)) for when, score, passed in rows]


def last_quiz_questions(conn: sqlite3.Connection, quiz: str) -> set[str]:
    """Ids of the questions asked in the latest attempt at ``quiz``, so that a retry can ask others."""
    row = conn.execute("SELECT answers_json FROM quiz_attempts WHERE quiz = ? ORDER BY rowid DESC LIMIT 1", (quiz,))
    found = row.fetchone()
    return set(json.loads(found[0])) if found else set()


def summary(conn: sqlite3.Connection) -> dict[str, ItemProgress]:
    """Per assignment and quiz id: attempts, best score, passed. An assignment with only hints read has zero
    attempts (it is in progress); items never touched are absent."""
    found = {a: ItemProgress(0, 0.0, False) for (a,) in conn.execute("SELECT DISTINCT assignment FROM hints")}
    for table, key in (("attempts", "assignment"), ("quiz_attempts", "quiz")):
        rows = conn.execute(f"SELECT {key}, COUNT(*), MAX(score), MAX(passed) FROM {table} GROUP BY {key}")
        for item, count, top, passed in rows:
            found[item] = ItemProgress(count, top, bool(passed))
    return found


def export(conn: sqlite3.Connection, destination: Path) -> None:
    """Copy the whole progress, consistent even while other commands write, into one new SQLite file."""
    destination = Path(destination)
    if destination.exists():
        raise ProgressError(f"{destination} already exists; choose a new file name")
    target = sqlite3.connect(destination)
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    finally:
        target.close()


def _check_export(source: Path) -> None:
    """ProgressError unless ``source`` is a readable dlspec progress file this version understands; read-only."""
    if not source.is_file():
        raise ProgressError(f"{source} does not exist or is not a file")
    with source.open("rb") as fh:
        if fh.read(len(HEADER)) != HEADER:
            raise ProgressError(f"{source} is not a dlspec progress file (not an SQLite database)")
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as e:
        raise ProgressError(f"{source} cannot be read ({e})") from e
    finally:
        conn.close()
    if check != "ok":
        raise ProgressError(f"{source} is damaged (integrity check: {check})")
    if version > SCHEMA_VERSION:
        raise ProgressError(f"{source} was written by a newer dlspec (schema {version}); upgrade dlspec to import it")
    if version < 1 or "attempts" not in tables:
        raise ProgressError(f"{source} is an SQLite database but not a dlspec progress file")


def import_progress(source: Path, destination: Path) -> None:
    """Make ``destination`` (a workspace's progress database, which must not exist yet) a copy of the exported
    progress file ``source``. An existing database is never replaced: the learner moves it away first, so no
    record is lost to a mistyped command. The copy appears whole or not at all."""
    source, destination = Path(source), Path(destination)
    _check_export(source)
    if destination.exists():
        raise ProgressError(
            f"{destination} already holds progress, and importing would replace it; it has not been changed. "
            f"To import anyway, move it away first (for example to {destination.name}.before-import)."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f"{destination.name}.importing-{os.getpid()}")
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(partial)
    try:
        reader.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
        reader.close()
    try:
        os.link(partial, destination)  # unlike a rename, fails if a database appeared meanwhile
    except FileExistsError:
        raise ProgressError(f"{destination} appeared while importing; it has not been changed") from None
    finally:
        partial.unlink()
