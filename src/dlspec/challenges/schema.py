"""Reading a predictions CSV against a challenge's schema, with a message a learner can act on for every way a
file can be wrong: not text, wrong header, missing or extra rows, unknown or repeated ids, empty cells, NaN,
text where a number belongs, a class that does not exist. The file is only read, never changed."""

from __future__ import annotations

import csv
import io
import math

import numpy as np

from dlspec.challenges.bundle import Challenge

MAX_LISTED = 5  # how many offending ids or lines a message names before "and N more"


class SubmissionError(ValueError):
    """The submission does not fit the challenge's schema; nothing was recorded and no quota was used."""


def _some(items: list) -> str:
    shown = ", ".join(map(str, items[:MAX_LISTED]))
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


def _number(text: str, dtype: str) -> float | int:
    value = float(text)  # ValueError for text that is not a number
    if dtype == "int":
        if not value.is_integer():
            raise ValueError("not a whole number")
        return int(value)
    return value


def read(challenge: Challenge, data: bytes) -> dict[str, np.ndarray]:
    """The submission's columns, row ``i`` being id ``i``; SubmissionError says what is wrong and where."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SubmissionError(f"the file is not UTF-8 text (byte {e.start}); save it as a CSV file") from None
    rows = list(csv.reader(io.StringIO(text)))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # trailing blank lines
    wanted = [challenge.id_column, *(c.name for c in challenge.columns)]
    if not rows:
        raise SubmissionError(f"the file is empty; it needs a header line {','.join(wanted)} and one line per id")
    header = [h.strip() for h in rows[0]]
    if header != wanted:
        missing = [w for w in wanted if w not in header]
        extra = [h for h in header if h not in wanted]
        why = (
            "; ".join(filter(None, [missing and f"missing {_some(missing)}", extra and f"unexpected {_some(extra)}"]))
            or "the columns are in another order"
        )
        raise SubmissionError(f"the header must be exactly {','.join(wanted)} (got {','.join(header)}): {why}")
    body = rows[1:]
    if len(body) != challenge.rows:
        raise SubmissionError(
            f"{len(body)} rows of predictions, expected {challenge.rows} (one per test id, 0 to {challenge.rows - 1})"
        )
    out = {c.name: np.zeros(challenge.rows, dtype=np.int64 if c.dtype == "int" else np.float64)
           for c in challenge.columns}  # fmt: skip
    seen = np.zeros(challenge.rows, dtype=bool)
    unknown, repeated = [], []
    for line, cells in enumerate(body, start=2):
        if len(cells) != len(wanted):
            raise SubmissionError(f"line {line} has {len(cells)} cells, expected {len(wanted)} ({','.join(wanted)})")
        try:
            row = _number(cells[0], "int")
        except ValueError:
            raise SubmissionError(f"line {line}: the id {cells[0]!r} is not a whole number") from None
        if not 0 <= row < challenge.rows:
            unknown.append(row)
            continue
        if seen[row]:
            repeated.append(row)
            continue
        seen[row] = True
        for column, cell in zip(challenge.columns, cells[1:], strict=True):
            out[column.name][row] = _cell(column, cell, line)
    if unknown:
        raise SubmissionError(f"ids that are not test ids: {_some(unknown)} (ids run from 0 to {challenge.rows - 1})")
    if repeated:
        raise SubmissionError(f"ids given more than once: {_some(repeated)}; give each test id exactly once")
    return out


def _cell(column, cell: str, line: int) -> float | int:
    where = f"line {line}, column {column.name}"
    if not cell.strip():
        raise SubmissionError(f"{where} is empty; every test id needs a {column.name}")
    try:
        value = _number(cell, column.dtype)
    except ValueError:
        kind = "a whole number (a class)" if column.dtype == "int" else "a number"
        raise SubmissionError(f"{where}: {cell!r} is not {kind}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise SubmissionError(f"{where} is {cell.strip()}; every {column.name} must be a finite number")
    if column.values and value not in column.values:
        raise SubmissionError(f"{where}: {value} is not one of the classes {min(column.values)}-{max(column.values)}")
    return value


def sample(challenge: Challenge) -> bytes:
    """A CSV in the right shape (every id, zeros), for the learner to start from."""
    lines = [",".join([challenge.id_column, *(c.name for c in challenge.columns)])]
    lines += [",".join([str(i), *("0" for _ in challenge.columns)]) for i in range(challenge.rows)]
    return ("\n".join(lines) + "\n").encode()


def write(challenge: Challenge, columns: dict[str, np.ndarray]) -> bytes:
    """``columns`` (row ``i`` = id ``i``) as a submission CSV; what a baseline or a notebook would write."""
    names = [c.name for c in challenge.columns]
    lines = [",".join([challenge.id_column, *names])]
    for i in range(challenge.rows):
        lines.append(",".join([str(i), *(repr(columns[n][i].item()) for n in names)]))
    return ("\n".join(lines) + "\n").encode()
