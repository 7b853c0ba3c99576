"""A simulator's scenario: its story, target, budget, the ranges its hidden world is drawn from, the categories of
its images and the actions it offers, read from ``scenarios/<id>.toml`` (the text is data; what each action does
to the project is code, in ``play.EFFECTS``).

Format::

    id = "c3w1s1"
    name = "bird"                # what `dlspec simulate` accepts besides the id
    title = "..."
    story = "..."
    target = 0.012               # the error on the users' data to reach
    budget = 120                 # days
    pass_mark = 0.8
    runtime = [30, 1.45, 100]    # optional: ms of the first network, growth per size, the limit (satisficing)
    [start]                      # n_target, n_other, dev_size: thousands of examples
    [hidden]                     # name = [low, high] for every World property (world.draw)
    [[category]]                 # name, weight (share of the general errors), gap = [low, high], coverage
    [[action]]                   # id (an effect of play.EFFECTS), label, days, what; amount (thousands),
                                 # category (the one synthesised data imitates)
    [[event]]                    # optional: kind ("metric": a complaint the metric must answer; "category": a
                                 # category of image the users start to meet), day = [low, high], text, category
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

SCENARIO_DIR = Path(__file__).with_name("scenarios")
_HIDDEN = {"bayes", "human_above_bayes", "bias", "variance", "alpha", "noise", "relatedness", "realism",
           "transfer_gain"}  # fmt: skip


@dataclass(frozen=True)
class Action:
    id: str
    label: str
    days: int
    what: str
    amount: float = 0.0  # thousands of examples, for the actions that add data
    category: str = ""  # for synthesised data: the category it imitates


@dataclass(frozen=True)
class Event:
    kind: str  # "metric" | "category"
    day: tuple[float, float]  # the range its hidden day is drawn from
    text: str
    category: str = ""  # for "category": the one that appears


@dataclass(frozen=True)
class Category:
    name: str
    weight: float  # share of the errors that are not mismatch
    gap: tuple[float, float]  # range of the mismatch error while the training data lacks this category
    coverage: float  # how much of it the first training set covers


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    title: str
    story: str
    target: float
    budget: int
    pass_mark: float
    runtime: tuple[float, float, float] | None  # first network's ms, growth per size, limit
    start: dict[str, float]
    hidden: dict[str, tuple[float, float]]
    categories: tuple[Category, ...]
    actions: tuple[Action, ...]
    events: tuple[Event, ...]

    def action(self, action_id: str) -> Action:
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(f"{self.name} has no action {action_id!r}; it has {', '.join(a.id for a in self.actions)}")

    def category_index(self, name: str) -> int:
        return [c.name for c in self.categories].index(name)

    def runtime_ms(self, capacity: int) -> float | None:
        if self.runtime is None:
            return None
        first, growth, _ = self.runtime
        return first * growth ** (capacity - 1)


def available() -> list[str]:
    """Ids of the simulators shipped with this version."""
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def load(key: str) -> Scenario:
    """The scenario with this id (``c3w1s1``) or name (``bird``); KeyError naming those there are."""
    key = key.strip().lower()
    for sid in available():
        scenario = _parse(SCENARIO_DIR / f"{sid}.toml")
        if key in (scenario.id, scenario.name):
            return scenario
    names = ", ".join(f"{s} ({_parse(SCENARIO_DIR / f'{s}.toml').name})" for s in available())
    raise KeyError(f"no simulator {key!r}; there are {names}")


def _parse(path: Path) -> Scenario:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    missing = _HIDDEN - set(data["hidden"])
    if missing:
        raise ValueError(f"{path.name}: [hidden] lacks {', '.join(sorted(missing))}")
    if data["id"] != path.stem:
        raise ValueError(f"{path.name}: its id is {data['id']!r}")
    return Scenario(
        id=data["id"],
        name=data["name"],
        title=data["title"],
        story=data["story"].strip(),
        target=data["target"],
        budget=data["budget"],
        pass_mark=data["pass_mark"],
        runtime=tuple(data["runtime"]) if "runtime" in data else None,
        start=dict(data["start"]),
        hidden={k: tuple(v) for k, v in data["hidden"].items()},
        categories=tuple(Category(c["name"], c["weight"], tuple(c["gap"]), c["coverage"]) for c in data["category"]),
        actions=tuple(Action(**a) for a in data["action"]),
        events=tuple(
            Event(e["kind"], tuple(e["day"]), e["text"].strip(), e.get("category", "")) for e in data.get("event", ())
        ),
    )
