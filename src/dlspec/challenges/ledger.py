"""The ledger of challenge submissions: ``<workspace>/.dlspec/challenges.db``, beside the progress database and
kept with the same care (dlspec.progress.store.connect: WAL, one IMMEDIATE transaction per write, a file that is
not a readable database reported and left as it is).

Each install of a challenge draws its own split seed the first time it is used, so two learners' public rows
differ. Limits are checked again inside the transaction that records a submission, so two commands racing each
other cannot both take the last submission of the day. A duplicate (same sha256 for the same challenge) is refused
before anything is scored and uses none of the quota.
"""

from __future__ import annotations

import io
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from dlspec.challenges.bundle import Challenge
from dlspec.challenges.files import npz
from dlspec.challenges.metrics import Columns
from dlspec.progress import store

FILE = "challenges.db"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS installs (
    slug TEXT PRIMARY KEY,
    seed INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    finalised_at TEXT
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    filename TEXT NOT NULL,
    note TEXT NOT NULL,
    outputs BLOB NOT NULL,
    public REAL NOT NULL,
    selected INTEGER NOT NULL DEFAULT 0,
    UNIQUE (slug, sha256)
);
"""


class RefusedError(RuntimeError):
    """A submission or a request refused by the challenge's rules; nothing was recorded and no quota was used."""


@dataclass(frozen=True)
class Submission:
    id: int
    slug: str
    created_at: datetime
    sha256: str
    filename: str
    note: str
    outputs: Columns
    public: float
    selected: bool


def connect(path: Path) -> sqlite3.Connection:
    """The ledger at ``path`` (created if absent); dlspec.progress.store.ProgressError if it is unusable."""
    return store.connect(path, SCHEMA, SCHEMA_VERSION)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def seed(conn: sqlite3.Connection, slug: str, now: datetime | None = None) -> int:
    """This install's split seed for ``slug``, drawn (and kept) on first use."""
    with store.transaction(conn):
        found = conn.execute("SELECT seed FROM installs WHERE slug = ?", (slug,)).fetchone()
        if found:
            return found[0]
        drawn = secrets.randbits(62)
        conn.execute("INSERT INTO installs (slug, seed, created_at) VALUES (?, ?, ?)",
                     (slug, drawn, _now(now).isoformat()))  # fmt: skip
        return drawn


def finalised_at(conn: sqlite3.Connection, slug: str) -> datetime | None:
    found = conn.execute("SELECT finalised_at FROM installs WHERE slug = ?", (slug,)).fetchone()
    return datetime.fromisoformat(found[0]) if found and found[0] else None


def revealed(conn: sqlite3.Connection, challenge: Challenge, now: datetime | None = None) -> bool:
    """Whether the private scores may be shown: the learner finalised, or the challenge's close date passed."""
    return finalised_at(conn, challenge.slug) is not None or challenge.closed(now)


def _unpack(blob: bytes) -> Columns:
    with np.load(io.BytesIO(blob)) as z:
        return {k: z[k] for k in z.files}


def submissions(conn: sqlite3.Connection, slug: str) -> list[Submission]:
    rows = conn.execute(
        "SELECT id, slug, created_at, sha256, filename, note, outputs, public, selected FROM submissions"
        " WHERE slug = ? ORDER BY id",
        (slug,),
    ).fetchall()
    return [
        Submission(r[0], r[1], datetime.fromisoformat(r[2]), r[3], r[4], r[5], _unpack(r[6]), r[7], bool(r[8]))
        for r in rows
    ]


def _check(conn: sqlite3.Connection, challenge: Challenge, sha256: str, now: datetime) -> None:
    """RefusedError if the rules forbid a submission now: finalised, closed, a duplicate, or over a limit."""
    slug, limits = challenge.slug, challenge.limits
    if finalised_at(conn, slug) is not None:
        raise RefusedError(f"you finalised {slug}; its private board is revealed and it takes no more submissions")
    if challenge.closed(now):
        raise RefusedError(f"{slug} closed on {challenge.closes:%Y-%m-%d %H:%M} UTC; it takes no more submissions")
    same = conn.execute("SELECT id FROM submissions WHERE slug = ? AND sha256 = ?", (slug, sha256)).fetchone()
    if same:
        raise RefusedError(f"this file is identical to submission #{same[0]} (same sha256); not scored again, "
                           "and no submission was used")  # fmt: skip
    times = [datetime.fromisoformat(t) for (t,) in
             conn.execute("SELECT created_at FROM submissions WHERE slug = ? ORDER BY id", (slug,))]  # fmt: skip
    if len(times) >= limits.total:
        raise RefusedError(f"all {limits.total} submissions of {slug} are used; finalise it to see the private board")
    day = now.astimezone(UTC).date()
    today = [t for t in times if t.astimezone(UTC).date() == day]
    if len(today) >= limits.per_day:
        tomorrow = datetime.combine(day + timedelta(days=1), datetime.min.time(), UTC)
        raise RefusedError(f"{limits.per_day} submissions a day (UTC) and today's are used; the next one can be made "
                           f"from {tomorrow:%Y-%m-%d %H:%M} UTC")  # fmt: skip
    if times:
        ready = times[-1] + timedelta(minutes=limits.cooldown_minutes)
        if now < ready:
            wait = ready - now
            raise RefusedError(f"cool-down: {limits.cooldown_minutes:g} minutes between submissions; try again in "
                               f"{wait.seconds // 60} min {wait.seconds % 60} s ({ready:%H:%M:%S} UTC)")  # fmt: skip


def check(conn: sqlite3.Connection, challenge: Challenge, sha256: str, now: datetime | None = None) -> None:
    """Refuse early (before a file is scored) what ``record`` would refuse."""
    _check(conn, challenge, sha256, _now(now))


def record(
    conn: sqlite3.Connection,
    challenge: Challenge,
    sha256: str,
    filename: str,
    note: str,
    outputs: Columns,
    public: float,
    now: datetime | None = None,
) -> int:
    """Store a scored submission, the limits checked again in the same transaction; returns its number."""
    now = _now(now)
    with store.transaction(conn):
        _check(conn, challenge, sha256, now)
        cur = conn.execute(
            "INSERT INTO submissions (slug, created_at, sha256, filename, note, outputs, public)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (challenge.slug, now.isoformat(), sha256, filename, note, npz(**outputs), public),
        )
        return cur.lastrowid


def select(conn: sqlite3.Connection, challenge: Challenge, ids: list[int]) -> None:
    """Make ``ids`` the final submissions (the ones the private board ranks), replacing an earlier choice."""
    limit = challenge.limits.select_final
    if not 1 <= len(set(ids)) <= limit:
        raise RefusedError(f"choose 1 to {limit} final submissions for {challenge.slug}")
    if finalised_at(conn, challenge.slug) is not None:
        raise RefusedError(f"{challenge.slug} is finalised; its final submissions can no longer change")
    with store.transaction(conn):
        known = {r[0] for r in conn.execute("SELECT id FROM submissions WHERE slug = ?", (challenge.slug,))}
        unknown = sorted(set(ids) - known)
        if unknown:
            raise RefusedError(f"no submission {', '.join(f'#{i}' for i in unknown)} in {challenge.slug}; "
                               f"yours are {', '.join(f'#{i}' for i in sorted(known)) or 'none yet'}")  # fmt: skip
        marks = ",".join("?" * len(ids))
        conn.execute(f"UPDATE submissions SET selected = (id IN ({marks})) WHERE slug = ?", (*ids, challenge.slug))


def finalise(conn: sqlite3.Connection, challenge: Challenge, now: datetime | None = None) -> None:
    """End the learner's own run of the challenge: the private board is revealed, no more submissions."""
    seed(conn, challenge.slug)
    with store.transaction(conn):
        if not conn.execute("SELECT 1 FROM submissions WHERE slug = ?", (challenge.slug,)).fetchone():
            raise RefusedError(f"no submission to {challenge.slug} yet; submit at least one before finalising")
        conn.execute("UPDATE installs SET finalised_at = ? WHERE slug = ? AND finalised_at IS NULL",
                     (_now(now).isoformat(), challenge.slug))  # fmt: skip


def final(challenge: Challenge, subs: list[Submission]) -> list[Submission]:
    """The submissions the private board ranks: the learner's choice, else the best public ones."""
    chosen = [s for s in subs if s.selected]
    if chosen:
        return chosen
    sign = -1 if challenge.higher_is_better else 1
    return sorted(subs, key=lambda s: (sign * s.public, s.id))[: challenge.limits.select_final]
