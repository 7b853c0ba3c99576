"""Playing a challenge: a submission checked against the rules, scored on the public rows and recorded, and the
boards built from the ledger (the learner's submissions beside the shipped baselines)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

import numpy as np

from dlspec.challenges import ledger, schema
from dlspec.challenges.bundle import Challenge, split
from dlspec.challenges.metrics import Columns, bootstrap


def solution(challenge: Challenge) -> Columns:
    """The test rows' labels (read once per process)."""
    return _solution(challenge.slug)


@cache
def _solution(slug: str) -> Columns:
    from dlspec.challenges.bundle import load

    return load(slug).module.solution()


def outputs(challenge: Challenge, data: bytes, progress: Callable[[str], None] | None = None) -> Columns:
    """What a submission answers for every test row: a predictions CSV read against the schema, or a model's
    outputs from a confined run (dlspec.challenges.modelrun), whose progress lines go to ``progress``."""
    if challenge.kind == "model":
        from dlspec.challenges import modelrun

        return modelrun.evaluate(challenge, data, progress=progress)
    return schema.read(challenge, data)


def submit(
    conn: sqlite3.Connection,
    challenge: Challenge,
    data: bytes,
    filename: str,
    note: str = "",
    now: datetime | None = None,
    answer: Callable[[Challenge, bytes], Columns] = outputs,
) -> tuple[int, float]:
    """Check the rules, read or run the submission, score it on this install's public rows and record it;
    returns its number and public score. RefusedError or schema.SubmissionError leave the ledger unchanged. A CSV
    is read first (milliseconds), so a broken one is named even during a cool-down."""
    sha256 = hashlib.sha256(data).hexdigest()
    if challenge.kind == "model":  # minutes of attacks: refuse a duplicate or a run over the limits before them
        ledger.check(conn, challenge, sha256, now)
    answered = answer(challenge, data)
    public, _ = split(challenge, ledger.seed(conn, challenge.slug))
    score = challenge.score(challenge.metric, solution(challenge), answered, public)
    return ledger.record(conn, challenge, sha256, filename, note, answered, score, now), score


@dataclass
class Entry:
    """One line of a board: a shipped baseline or one of the learner's submissions."""

    name: str
    baseline: bool
    public: float
    secondary: dict[str, float]
    submission: ledger.Submission | None = None
    final: bool = False
    private: float | None = None
    interval: tuple[float, float] | None = None
    public_rank: int | None = None  # on the public board (every entry)
    private_rank: int | None = None
    final_public_rank: int | None = None  # among the private board's entries, ranked by their public scores
    ranked: bool = True  # False when below the challenge's floor (a model too inaccurate on clean images)

    @property
    def shake_up(self) -> int | None:
        """Places gained (positive) or lost from the public board to the private one, among the final entries."""
        if self.final_public_rank is None or self.private_rank is None:
            return None
        return self.final_public_rank - self.private_rank


@dataclass
class Board:
    challenge: Challenge
    revealed: bool
    public_rows: int
    private_rows: int
    entries: list[Entry] = field(default_factory=list)  # public order
    private: list[Entry] = field(default_factory=list)  # private order, final entries and baselines; empty if hidden
    lesson: list[str] = field(default_factory=list)


def _rank(entries: list[Entry], key: Callable[[Entry], float], higher: bool, attr: str) -> list[Entry]:
    ordered = sorted(entries, key=lambda e: (not e.ranked, -key(e) if higher else key(e)))
    for n, e in enumerate(ordered, 1):
        setattr(e, attr, n if e.ranked else None)
    return ordered


def board(conn: sqlite3.Connection, challenge: Challenge, now: datetime | None = None) -> Board:
    """Both boards for this install. Private scores are computed only once they may be shown."""
    truth = solution(challenge)
    public, private = split(challenge, ledger.seed(conn, challenge.slug))
    shown = ledger.revealed(conn, challenge, now)
    subs = ledger.submissions(conn, challenge.slug)
    finals = {s.id for s in ledger.final(challenge, subs)}
    answered = [(b.name, True, out, None) for b, out in
                zip(challenge.baselines, map(challenge.baseline_outputs().get, (b.name for b in challenge.baselines)),
                    strict=True)]  # fmt: skip
    answered += [(f"#{s.id}", False, s.outputs, s) for s in subs]
    entries = []
    for name, is_baseline, out, sub in answered:
        secondary = {m: challenge.score(m, truth, out, public) for m in challenge.secondary}
        entry = Entry(name, is_baseline, challenge.score(challenge.metric, truth, out, public), secondary, sub)
        entry.final = is_baseline or sub.id in finals
        entry.ranked = all(secondary.get(m, 1.0) >= floor for m, floor in challenge.rank_floor.items())
        if shown and entry.final:
            entry.private = challenge.score(challenge.metric, truth, out, private)
            entry.interval = bootstrap(challenge.metric, truth, out, private, challenge.resamples)
        entries.append(entry)
    result = Board(challenge, shown, len(public), len(private))
    result.entries = _rank(entries, lambda e: e.public, challenge.higher_is_better, "public_rank")
    if shown:
        finalists = [e for e in entries if e.final]
        _rank(finalists, lambda e: e.public, challenge.higher_is_better, "final_public_rank")
        result.private = _rank(finalists, lambda e: e.private, challenge.higher_is_better, "private_rank")
        result.lesson = lesson(challenge, finalists, subs, truth, private)
    return result


def lesson(
    challenge: Challenge, finalists: list[Entry], subs: list[ledger.Submission], truth: Columns, private: np.ndarray
) -> list[str]:
    """What the shake-up teaches: how far public ranks moved, and whether the public board picked the best."""
    fmt = f".{challenge.decimals}f"
    lines = []
    moved = [e for e in finalists if e.shake_up]
    if moved:
        lines.append(f"{len(moved)} of {len(finalists)} final entries changed place from the public board to the "
                     "private one: a public score measured on few rows is partly luck.")  # fmt: skip
    widths = [e.interval[1] - e.interval[0] for e in finalists if e.interval]
    if widths:
        lines.append(f"On {len(private)} private rows a 95% bootstrap interval is about {max(widths) / 2:{fmt}} "
                     "either side of a score: differences smaller than that are not evidence.")  # fmt: skip
    if subs:
        sign = 1 if challenge.higher_is_better else -1
        best_public = max(subs, key=lambda s: (sign * s.public, -s.id))
        privately = {s.id: challenge.score(challenge.metric, truth, s.outputs, private) for s in subs}
        best_private = max(subs, key=lambda s: (sign * privately[s.id], -s.id))
        if best_public.id == best_private.id:
            lines.append(f"Your best public submission (#{best_public.id}) was also your best private one.")
        else:
            lines.append(f"Your best public submission (#{best_public.id}, {best_public.public:{fmt}} public) scored "
                         f"{privately[best_public.id]:{fmt}} in private, while #{best_private.id} scored "
                         f"{privately[best_private.id]:{fmt}}: the public board did not pick your best; choose by "
                         "your own validation, not by the board.")  # fmt: skip
    return lines
