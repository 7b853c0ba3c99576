"""A challenge bundle: ``src/dlspec/challenges/<folder>/`` with ``challenge.toml`` (what is scored and how, the
submission's schema, the limits, the baselines), ``DESCRIPTION.md`` (the task, in words) and ``task.py``:

* ``solution() -> dict[str, np.ndarray]``: the test rows' labels, row ``i`` is id ``i``;
* ``files() -> dict[str, bytes]``: what the learner gets in the workspace (training data, test features, a
  sample submission), never the labels of the test rows;
* for ``kind = "model"`` only, ``evaluate(weights: dict, limit=None, progress=None) -> dict[str, np.ndarray]``:
  the submitted model's outputs on every test row, run in a confined child process
  (``dlspec.challenges.modelrun``); ``progress(text)`` reports long work as it goes.

``baselines.npz`` beside them holds each shipped baseline's outputs on every test row (one array per baseline and
column, ``<baseline>.<column>``), written by ``python -m dlspec.challenges.<folder>.baselines``.
"""

from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import ModuleType

import numpy as np

from dlspec.challenges.metrics import Columns, score

HERE = Path(__file__).parent


class UnknownChallengeError(KeyError):
    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # "int" or "float"
    values: tuple[int, ...] = ()  # the allowed values of an int column (classes); empty: any


@dataclass(frozen=True)
class Limits:
    per_day: int
    total: int
    cooldown_minutes: float
    select_final: int


@dataclass(frozen=True)
class Baseline:
    name: str
    description: str
    score: float  # on every test row, as the baselines script measured it; a test re-scores the stored outputs


@dataclass(frozen=True)
class Challenge:
    slug: str
    folder: Path
    title: str
    summary: str
    kind: str  # "predictions" (a CSV) or "model" (a state_dict run in a confined child)
    metric: str
    higher_is_better: bool
    decimals: int
    secondary: tuple[str, ...]
    columns: tuple[Column, ...]  # the submission's columns after the id column
    id_column: str
    rows: int
    public_fraction: float
    resamples: int
    limits: Limits
    closes: datetime | None
    baselines: tuple[Baseline, ...]
    rank_floor: dict[str, float] = field(default_factory=dict)  # e.g. clean accuracy a model needs to be ranked

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(f"dlspec.challenges.{self.folder.name}.task")

    @property
    def description(self) -> str:
        return (self.folder / "DESCRIPTION.md").read_text(encoding="utf-8")

    def score(self, name: str, solution: Columns, submitted: Columns, rows: np.ndarray) -> float:
        return score(name, solution, submitted, rows)

    def closed(self, now: datetime | None = None) -> bool:
        return self.closes is not None and (now or datetime.now(UTC)) >= self.closes

    def baseline_outputs(self) -> dict[str, Columns]:
        with np.load(self.folder / "baselines.npz") as z:
            found: dict[str, Columns] = {}
            for key in z.files:
                name, _, column = key.partition(".")
                found.setdefault(name, {})[column] = z[key]
        return found


def _parse(folder: Path) -> Challenge:
    spec = tomllib.loads((folder / "challenge.toml").read_text(encoding="utf-8"))
    sub, metric, limits = spec["submission"], spec["metric"], spec["limits"]
    closes = spec.get("closes", "")
    return Challenge(
        slug=folder.name.replace("_", "-"),
        folder=folder,
        title=spec["title"],
        summary=spec["summary"],
        kind=spec["kind"],
        metric=metric["name"],
        higher_is_better=metric.get("higher_is_better", True),
        decimals=metric.get("decimals", 4),
        secondary=tuple(metric.get("secondary", ())),
        columns=tuple(Column(c["name"], c["dtype"], tuple(c.get("values", ()))) for c in sub["columns"]),
        id_column=sub.get("id_column", "id"),
        rows=sub["rows"],
        public_fraction=spec["split"]["public_fraction"],
        resamples=spec["split"].get("resamples", 200),
        limits=Limits(limits["per_day"], limits["total"], limits["cooldown_minutes"], limits["select_final"]),
        closes=datetime.fromisoformat(closes).replace(tzinfo=UTC) if closes else None,
        baselines=tuple(Baseline(b["name"], b["description"], b["score"]) for b in spec.get("baselines", ())),
        rank_floor=dict(spec.get("rank_floor", {})),
    )


@cache
def challenges() -> dict[str, Challenge]:
    """Every shipped challenge by slug, in the order of their folders' names."""
    found = sorted(p.parent for p in HERE.glob("*/challenge.toml"))
    return {c.slug: c for c in map(_parse, found)}


def load(slug: str) -> Challenge:
    key = slug.strip().lower().replace("_", "-")
    if key not in challenges():
        raise UnknownChallengeError(f"no challenge {slug!r}; the challenges are: {', '.join(challenges())}")
    return challenges()[key]


def split(challenge: Challenge, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The public and private test rows (sorted ids) for an install's ``seed``: the same seed, the same split."""
    order = np.random.default_rng([seed, challenge.rows]).permutation(challenge.rows)
    n_public = round(challenge.public_fraction * challenge.rows)
    return np.sort(order[:n_public]), np.sort(order[n_public:])
