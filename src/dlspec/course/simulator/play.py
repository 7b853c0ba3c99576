"""A run of a simulator: the hidden world drawn from a seed, the actions applied one by one, each step's figures,
explanation and mistakes, and the score when the run ends.

A run is fully determined by (scenario, seed, actions): ``replay`` rebuilds it, which is how the site carries a run
between pages (a signed list of actions) and how a run is replayed with the same or another seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from dlspec.course.simulator import advice, narrate, world
from dlspec.course.simulator.scenario import Action, Scenario

MAX_CAPACITY, MAX_REG = 6, 3
COLLECTED = 0.4  # target data collected covers this share of what the training data still lacked, in every category
COLLECTED_CATEGORY = 0.8  # data gathered for one category covers this share of what is lacking there
SYNTHESISED = 0.8  # synthesised data covers this share of the lacking part of its category, times its realism
# Each model trained and looked at on the dev set is one more choice made on it; a search is many.
USES = {"tune_dev": 5, "tune_test": 0}


@dataclass(frozen=True)
class Step:
    action: Action | None  # None: the first network, before any decision
    state: world.State
    figures: world.Figures
    mistakes: tuple[str, ...] = ()
    explanation: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()  # what arrived from outside the team (a complaint, a new kind of image)


@dataclass(frozen=True)
class Result:
    score: float
    passed: bool
    reached: bool  # the true error on the users' data under the target, constraints kept
    within_budget: bool
    mistakes: tuple[str, ...]
    true_error: float
    days: int
    reasons: tuple[str, ...]  # why each part of the score was or was not earned


@dataclass(frozen=True)
class Run:
    scenario: Scenario
    seed: int
    world: world.World
    steps: tuple[Step, ...]
    result: Result | None  # None while the run goes on

    @property
    def state(self) -> world.State:
        return self.steps[-1].state

    @property
    def actions(self) -> list[str]:
        return [s.action.id for s in self.steps[1:]]

    @property
    def days_left(self) -> int:
        return self.scenario.budget - self.state.days

    @property
    def event_pending(self) -> bool:
        """A complaint about the metric has arrived and the metric is unchanged."""
        metric = [e.kind == "metric" for e in self.scenario.events]
        return any(m and arrived for m, arrived in zip(metric, arrivals(self, self.state), strict=True)) and not (
            self.state.metric_fixed
        )


def _more(field: str, limit: int) -> Callable:
    return lambda sc, w, s, a: replace(s, **{field: min(getattr(s, field) + 1, limit)})


def _collect(sc: Scenario, w: world.World, s: world.State, a: Action) -> world.State:
    return replace(s, n_target=s.n_target + a.amount, coverage=world.covered(s.coverage, None, COLLECTED))


def _synthesise(sc: Scenario, w: world.World, s: world.State, a: Action) -> world.State:
    index = sc.category_index(a.category)
    coverage = world.covered(s.coverage, index, SYNTHESISED * w.realism)
    return replace(s, n_other=s.n_other + a.amount, coverage=coverage, synthesised=s.synthesised + 1)


def _collect_category(sc: Scenario, w: world.World, s: world.State, a: Action) -> world.State:
    """Examples of one category into training, dev and test alike."""
    index = sc.category_index(a.category)
    coverage = world.covered(s.coverage, index, COLLECTED_CATEGORY)
    return replace(s, n_target=s.n_target + a.amount, coverage=coverage, stale=s.stale - {index})


def _set(**changes) -> Callable:
    return lambda sc, w, s, a: replace(s, **changes)


# What each action does to the project. Its label, cost and text come from the scenario.
EFFECTS: dict[str, Callable[[Scenario, world.World, world.State, Action], world.State]] = {
    "bigger_network": _more("capacity", MAX_CAPACITY),
    "regularise": _more("reg", MAX_REG),
    "less_regularisation": lambda sc, w, s, a: replace(s, reg=max(s.reg - 1, 0)),
    "tune_dev": _more("tuned", 9),
    "tune_test": lambda sc, w, s, a: replace(s, tuned=s.tuned + 1, test_uses=s.test_uses + 5),
    "collect_target": _collect,
    "collect_category": _collect_category,
    "add_other_train": lambda sc, w, s, a: replace(s, n_other=s.n_other + a.amount),
    "add_other_dev": _set(dev_mixed=True),
    "synthesise": _synthesise,
    "error_analysis": _set(analysed=True),
    "fix_labels": _set(labels_fixed=True),
    "new_dev_set": lambda sc, w, s, a: replace(s, dev_uses=0, dev_mixed=False, dev_size=s.dev_size + a.amount),
    "transfer": _set(transfer=True),
    "transfer_unrelated": lambda sc, w, s, a: replace(s, flags=s.flags | {"unrelated"}),
    "multitask": _set(multitask=True),
    "end_to_end": _set(end_to_end=True),
    "change_metric": _set(metric_fixed=True),
    "ship": lambda sc, w, s, a: s,
}
# Actions that train and evaluate a new model on the dev set.
_TRAINS = {"bigger_network", "regularise", "less_regularisation", "collect_target", "add_other_train",
           "synthesise", "transfer", "transfer_unrelated", "multitask", "collect_category", "end_to_end"}  # fmt: skip


def arrivals(run: Run, state: world.State) -> list[bool]:
    """For each of the scenario's events, whether it has arrived by ``state``'s day."""
    return [state.days >= day for day in run.world.event_days]


def _arrive(run: Run, before: world.State, state: world.State) -> tuple[world.State, tuple[str, ...]]:
    """``state`` with the events that arrive in this step applied (a new category: the training data lacks it, and
    so do the dev and test sets), and their news."""
    news = []
    for event, was, now in zip(run.scenario.events, arrivals(run, before), arrivals(run, state), strict=True):
        if now and not was:
            news.append(event.text)
            if event.kind == "category":
                index = run.scenario.category_index(event.category)
                coverage = tuple(0.0 if i == index else c for i, c in enumerate(state.coverage))
                state = replace(state, coverage=coverage, stale=state.stale | {index})
    return state, tuple(news)


def open_actions(run: Run) -> list[Action]:
    """The actions that make sense now (a bigger network while one exists, a complaint to answer once it came)."""
    if run.result is not None:
        return []
    s = run.state
    shut = {
        "bigger_network": s.capacity >= MAX_CAPACITY,
        "regularise": s.reg >= MAX_REG,
        "less_regularisation": s.reg == 0,
        "transfer": s.transfer,
        "transfer_unrelated": "unrelated" in s.flags,
        "multitask": s.multitask,
        "end_to_end": s.end_to_end,
        "fix_labels": s.labels_fixed,
        "add_other_dev": s.dev_mixed,
        "change_metric": not run.event_pending,
        "collect_category": not s.stale,
        "error_analysis": False,
    }
    return [a for a in run.scenario.actions if not shut.get(a.id, False)]


def start(scenario: Scenario, seed: int) -> Run:
    """A new run: the world drawn from ``seed`` and the first, small network's figures."""
    w = world.draw(seed, scenario.hidden, [c.gap for c in scenario.categories], [e.day for e in scenario.events])
    st = scenario.start
    state = world.State(
        n_target=st["n_target"],
        n_other=st["n_other"],
        dev_size=st["dev_size"],
        coverage=tuple(c.coverage for c in scenario.categories),
    )
    first = Step(None, state, _measure(w, state, state, seed, 0))
    first = replace(first, explanation=narrate.opening(scenario, first))
    return Run(scenario, seed, w, (first,), None)


def _measure(w: world.World, state: world.State, first: world.State, seed: int, number: int) -> world.Figures:
    return world.figures(w, state, first, random.Random(seed * 10_007 + number))


def act(run: Run, action_id: str) -> Run:
    """The run after one more action; ValueError when the run has ended or the action is not open now."""
    if run.result is not None:
        raise ValueError("this run has ended; start a new one")
    action = next((a for a in open_actions(run) if a.id == action_id), None)
    if action is None:
        known = ", ".join(a.id for a in open_actions(run))
        raise ValueError(f"{action_id!r} is not an action open now; open: {known}")
    before = run.steps[-1]
    state = EFFECTS[action.id](run.scenario, run.world, before.state, action)
    uses = USES.get(action.id, 1 if action.id in _TRAINS else 0)
    state = replace(state, days=state.days + action.days, dev_uses=state.dev_uses + uses)
    state, news = _arrive(run, before.state, state)
    # A step that trains no new model measures the same model again: the same noise, only what it changed moves.
    trained = sum(a in _TRAINS or a in USES for a in (*run.actions, action.id))
    figures = _measure(run.world, state, run.steps[0].state, run.seed, trained)
    mistakes = advice.mistakes(run, action, state)
    step = Step(action, state, figures, mistakes, notices=news)
    after = replace(run, steps=(*run.steps, step))
    step = replace(step, explanation=narrate.explain(after))
    after = replace(after, steps=(*run.steps, step))
    if action.id == "ship" or state.days >= run.scenario.budget:
        after = replace(after, result=score(after))
    return after


def replay(scenario: Scenario, seed: int, actions: list[str]) -> Run:
    """The run of ``actions`` from ``seed``; ValueError at the first action that is not open at its turn."""
    run = start(scenario, seed)
    for action_id in actions:
        run = act(run, action_id)
    return run


def score(run: Run) -> Result:
    """Half for reaching the target on the users' data, a fifth for shipping within the budget, the rest for
    avoiding mistakes (a third of it lost per mistake)."""
    sc, last = run.scenario, run.steps[-1]
    mistakes = tuple(m for s in run.steps for m in s.mistakes)
    runtime = sc.runtime_ms(last.state.capacity)
    too_slow = runtime is not None and runtime > sc.runtime[2]
    reached = last.figures.true <= sc.target and not too_slow and not run.event_pending and not last.state.stale
    within = last.action is not None and last.action.id == "ship" and last.state.days <= sc.budget
    clean = max(0.0, 1 - len(mistakes) / 3)
    value = 0.5 * reached + 0.2 * within + 0.3 * clean
    reasons = [
        f"Error on the users' data: {last.figures.true:.2%} against a target of {sc.target:.2%}"
        + (" (reached)" if reached else " (not reached)")
        + (f"; the network takes {runtime:.0f} ms, over the {sc.runtime[2]:.0f} ms allowed" if too_slow else "")
        + ("; the metric still ignores the complaint, so the result is not accepted" if run.event_pending else "")
        + ("; the dev and test sets lack what the users now meet" if last.state.stale else ""),
        f"Days used: {last.state.days} of {sc.budget}" + (", shipped in time" if within else ", not shipped in time"),
        f"Avoidable mistakes: {len(mistakes)}",
    ]
    return Result(value, value >= sc.pass_mark - 1e-9, reached, within, mistakes, last.figures.true,
                  last.state.days, tuple(reasons))  # fmt: skip
