"""The course's reasoning applied to a run's numbers: the gaps between the figures, the error-analysis table, the
mistakes an action makes, what to do next and why. Everything here reads only what the team can see (the
figures, the table) and what it did, never the hidden world, except ``analysis``, which plays the part of the
team looking at a hundred misclassified dev examples by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlspec.course.simulator.scenario import Action, Scenario

if TYPE_CHECKING:
    from dlspec.course.simulator.play import Run, Step
    from dlspec.course.simulator.world import Figures, State

GAP_WORDS = {
    "bias": "avoidable bias (train − human-level)",
    "variance": "variance (train-dev − train)",
    "mismatch": "data mismatch (dev − train-dev)",
    "overfit": "dev-set overfitting (test − dev)",
}
# Which gap each lever works on.
TARGETS = {
    "bigger_network": ("bias",),
    "less_regularisation": ("bias",),
    "tune_dev": ("bias", "variance"),
    "regularise": ("variance",),
    "add_other_train": ("variance",),
    "multitask": ("variance",),
    "transfer": ("bias", "variance"),
    "collect_target": ("variance", "mismatch"),
    "synthesise": ("mismatch",),
    "new_dev_set": ("overfit",),
}
MATTERS = 0.003  # a gap under 0.3% is noise for these decisions
WRONG_LABELS = "mislabelled"


def gaps(f: Figures) -> dict[str, float]:
    return {
        "bias": f.train - f.human,
        "variance": f.train_dev - f.train,
        "mismatch": f.dev - f.train_dev,
        "overfit": f.test - f.dev,
    }


def largest(f: Figures) -> tuple[str, float]:
    return max(gaps(f).items(), key=lambda kv: kv[1])


def analysis(scenario: Scenario, step: Step) -> list[tuple[str, int, float]]:
    """The error-analysis table of ``step``: per category, how many of 100 misclassified dev examples fall in it
    and the ceiling (how much the dev error would fall if every one of them were fixed)."""
    parts = step.figures.parts
    general = parts["bayes"] + parts["bias"] + parts["variance"]
    stale = step.state.stale  # the dev set holds none of these
    amounts = {
        c.name: general * c.weight + (0.0 if i in stale else parts[f"mismatch {i}"])
        for i, c in enumerate(scenario.categories)
    }
    amounts[WRONG_LABELS] = parts["wrong labels"]
    # A category that only a later event brings (weight 0) has no row until the dev set holds some of it.
    amounts = {name: v for name, v in amounts.items() if v > 0 or name == WRONG_LABELS or _weight(scenario, name) > 0}
    total = sum(amounts.values())
    counts = _hundred({k: v / total for k, v in amounts.items()})
    return [(name, counts[name], counts[name] / 100 * step.figures.dev) for name in amounts]


def _weight(scenario: Scenario, name: str) -> float:
    return next(c.weight for c in scenario.categories if c.name == name)


def _hundred(shares: dict[str, float]) -> dict[str, int]:
    """Shares as whole counts out of 100 that add up to 100 (largest remainders get the leftovers)."""
    counts = {k: int(v * 100) for k, v in shares.items()}
    order = sorted(shares, key=lambda k: shares[k] * 100 - counts[k], reverse=True)
    for k in order[: 100 - sum(counts.values())]:
        counts[k] += 1
    return counts


def share(scenario: Scenario, step: Step, category: str) -> float:
    return next(n for name, n, _ in analysis(scenario, step) if name == category) / 100


def mistakes(run: Run, action: Action, state: State) -> tuple[str, ...]:
    """The avoidable mistakes in taking ``action`` now (judged on the figures before it), each in a sentence."""
    sc, before = run.scenario, run.steps[-1]
    g = gaps(before.figures)
    found = []
    if action.id in TARGETS and not (action.id == "new_dev_set" and before.state.dev_mixed):
        worked = max(g[t] for t in TARGETS[action.id])
        top, value = largest(before.figures)
        if value >= MATTERS and worked < 0.4 * value and top not in TARGETS[action.id]:
            found.append(
                f"{action.label}: it works on {' and '.join(TARGETS[action.id])}, which stood at {worked:.2%}, "
                f"while the {GAP_WORDS[top]} was {value:.2%}: the effort went to the smaller problem."
            )
    fixed = {
        "tune_test": "Choosing among models by their test error: the test set stops being an unbiased estimate "
        "of the error users will meet. Tune on the dev set; look at the test set once, at the end.",
        "add_other_dev": "Putting data from another distribution into the dev and test sets: they must come from "
        "the data you expect to meet, or the team aims at the wrong target. Extra data belongs in training.",
        "transfer_unrelated": "Transferring from a task too different from this one: its features (learned on "
        "other inputs) give nothing to start from. Transfer pays when the source task has the same kind of input "
        "and much more data.",
        "end_to_end": "Going end-to-end, from pixels straight to steering and braking, on about a million images "
        "that mostly carry no driving decisions: end-to-end learning pays when examples of the whole mapping are "
        "plentiful. Here the designed stages (recognise signs and lights, then plan) let each part learn from the "
        "data it has.",
    }
    if action.id in fixed:
        found.append(fixed[action.id])
    if action.id == "fix_labels" and share(sc, before, WRONG_LABELS) < 0.1:
        found.append(
            f"Fixing the labels when they cause {share(sc, before, WRONG_LABELS):.0%} of the dev errors: the "
            "ceiling on what it could change was small. Error analysis tells you first."
        )
    runtime = sc.runtime_ms(state.capacity)
    if action.id == "bigger_network" and runtime and runtime > sc.runtime[2] >= sc.runtime_ms(before.state.capacity):
        found.append(
            f"{action.label}: it now takes {runtime:.0f} ms per image, over the {sc.runtime[2]:.0f} ms limit. "
            "A satisficing metric is a threshold to keep, not something to trade for accuracy."
        )
    if action.id == "ship" and before.state.stale:
        found.append(
            "Shipping while the users meet a kind of image the dev and test sets lack: their figures no longer "
            "describe the users' data. Gather it into training, dev and test first."
        )
    if action.id == "ship" and run.event_pending:
        found.append(
            "Shipping while the metric ignores what the users said they care about: when the metric and the users "
            "disagree, change the metric (or the dev set) first."
        )
    return tuple(found)


def recommend(run: Run) -> tuple[str, str]:
    """The action the course's reasoning suggests now, and why, from what the team can see."""
    sc, step = run.scenario, run.steps[-1]
    f, s = step.figures, step.state
    allowed = {a.id for a in _open(run)}

    def pick(*ids: str) -> str | None:
        return next((i for i in ids if i in allowed), None)

    if run.event_pending and "change_metric" in allowed:
        return "change_metric", "the metric no longer measures what the users care about; fix the target first"
    if s.stale and "collect_category" in allowed:
        return "collect_category", "the users now meet images that neither the training data nor the dev set holds"
    if s.dev_mixed and "new_dev_set" in allowed:
        return "new_dev_set", "the dev set no longer looks like the users' data"
    if not s.analysed and "error_analysis" in allowed:
        return "error_analysis", "look at the mistakes before deciding what to fix"
    if f.dev <= sc.target and f.test <= sc.target:
        return "ship", f"dev {f.dev:.2%} and test {f.test:.2%} are both under the target {sc.target:.2%}"
    if "fix_labels" in allowed and share(sc, step, WRONG_LABELS) >= 0.2:
        return "fix_labels", (
            f"{share(sc, step, WRONG_LABELS):.0%} of the dev errors are wrong labels: the dev and test figures "
            "misreport the model"
        )
    top, value = largest(f)
    why = f"the largest gap is {GAP_WORDS[top]}, {value:.2%}"
    fits = sc.runtime is None or sc.runtime_ms(s.capacity + 1) <= sc.runtime[2]
    choices = {
        "bias": ("bigger_network" if fits else "", "less_regularisation", "transfer", "tune_dev"),
        "variance": ("add_other_train" if s.n_other == sc.start["n_other"] else "", "transfer", "multitask",
                     "regularise" if s.reg < 2 else "", "collect_target", "regularise"),
        "mismatch": (_synthesis_worth(run), "collect_target"),
        "overfit": ("new_dev_set",),
    }  # fmt: skip
    chosen = pick(*(c for c in choices[top] if c)) or pick("tune_dev", "ship")
    if sc.action(chosen).days > run.days_left:
        return "ship", f"{sc.action(chosen).label.lower()} would not fit in the {run.days_left} days left"
    return chosen, why


def _synthesis_worth(run: Run) -> str:
    """'synthesise' unless the last synthesis left the mismatch about where it was (the fake data misses the
    real category) or the error analysis shows its category is a small part of the errors."""
    steps = run.steps
    for n, s in enumerate(steps[1:], 1):
        if s.action.id == "synthesise" and gaps(s.figures)["mismatch"] > 0.8 * gaps(steps[n - 1].figures)["mismatch"]:
            return ""
    category = next((a.category for a in run.scenario.actions if a.id == "synthesise"), "")
    if not category or share(run.scenario, steps[-1], category) < 0.15:
        return ""
    return "synthesise"


def _open(run: Run) -> list[Action]:
    from dlspec.course.simulator.play import open_actions  # play imports this module: import at call time

    return open_actions(run)
