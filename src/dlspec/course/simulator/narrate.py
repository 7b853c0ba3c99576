"""The words of a run: what the first network's figures say, what each decision's numbers showed and what the
course's reasoning made of them (``advice``), and at the end what the hidden world was."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dlspec.course.simulator.advice import GAP_WORDS, TARGETS, analysis, gaps, largest, recommend
from dlspec.course.simulator.scenario import Scenario

if TYPE_CHECKING:
    from dlspec.course.simulator.play import Run, Step
    from dlspec.course.simulator.world import Figures


def reveal(run: Run) -> list[str]:
    """The hidden world of a finished run, in sentences: what the figures were measuring all along."""
    sc, w = run.scenario, run.world
    lines = [
        f"Bayes error {w.bayes:.2%}; the best humans {w.human:.2%}, so human-level overstated it by "
        f"{w.human - w.bayes:.2%}.",
        f"Wrong labels in dev and test: {w.noise:.2%} of the images.",
        f"Learning curve: variance fell as (examples)^-{w.alpha:.2f}; pretraining was worth {w.transfer_gain:.1f} "
        f"times the data; an example from the other source was worth {w.relatedness:.0%} of one of the users'.",
    ]
    if any(a.id == "synthesise" for a in sc.actions):
        lines.append(f"The synthesised images covered {w.realism:.0%} of what the real category looks like.")
    gaps = [f"{c.name} {g:.2%}" for c, g in zip(sc.categories, w.gaps, strict=True) if g > 0]
    if gaps:
        lines.append("Error a training set without the category costs on the users' data: " + ", ".join(gaps) + ".")
    for event, day in zip(sc.events, w.event_days, strict=True):
        lines.append(f"Day {day}: {event.text.split('.')[0]}.")
    return lines


def _figures_line(f: Figures) -> str:
    return (
        f"human-level {f.human:.2%}, train {f.train:.2%}, train-dev {f.train_dev:.2%}, dev {f.dev:.2%}, "
        f"test {f.test:.2%}"
    )


def _gaps_line(f: Figures) -> str:
    return "; ".join(f"{GAP_WORDS[k]} {v:.2%}" for k, v in gaps(f).items())


def opening(scenario: Scenario, first: Step) -> tuple[str, ...]:
    f = first.figures
    top, value = largest(f)
    return (
        f"Your first, small network after a quick training run: {_figures_line(f)}.",
        f"Read it as gaps: {_gaps_line(f)}. The largest is the {GAP_WORDS[top]}, {value:.2%}.",
        f"The target is {scenario.target:.2%} on the users' data, within {scenario.budget} days.",
    )


def explain(run: Run) -> tuple[str, ...]:
    """What the last step's numbers showed, whether its action fitted them, what changed, and what to do next."""
    sc = run.scenario
    before, step = run.steps[-2], run.steps[-1]
    action, b, f = step.action, before.figures, step.figures
    top, value = largest(b)
    lines = [f"Before: {_gaps_line(b)}. The largest was the {GAP_WORDS[top]}."]
    if action.id in TARGETS:
        moved = ", ".join(
            f"{GAP_WORDS[t].split(' (')[0]} {gaps(b)[t]:.2%} → {gaps(f)[t]:.2%}" for t in TARGETS[action.id]
        )
        lines.append(f"This works on {' and '.join(TARGETS[action.id])}: {moved}.")
    lines.append(f"Now: {_figures_line(f)}.")
    if action.id == "error_analysis":
        rows = analysis(sc, step)
        lines.append(
            "Of 100 misclassified dev examples: "
            + ", ".join(f"{name} {n} (ceiling {ceiling:.2%})" for name, n, ceiling in rows)
            + ". A category's ceiling is the most that fixing it could take off the dev error."
        )
    if action.id == "synthesise":
        before_m, after_m = gaps(b)["mismatch"], gaps(f)["mismatch"]
        if after_m > 0.8 * before_m:
            lines.append(
                "The mismatch fell little. What is left is fog the fake images do not look like (a network can "
                "learn a few fakes by heart), or other causes such as night or wrong labels; an error analysis "
                "tells which. Real examples of the category cover what fakes miss."
            )
        else:
            lines.append("The mismatch fell: the synthesised images resemble what the dev set holds.")
    if action.id == "fix_labels":
        lines.append(
            "Dev and test were fixed together, so they still come from one distribution; the dev figure now "
            "measures the model instead of the labellers."
        )
    if f.train < f.human <= b.train:
        lines.append(
            "The training error is now below human-level: human-level no longer tells how much bias is left to "
            "remove, and progress from here tends to come slower (error analysis by hand gets harder too)."
        )
    lines.extend(step.mistakes or ["No avoidable mistake in this step."])
    advised, why = recommend(replace(run, steps=run.steps[:-1]))
    if advised == action.id:
        lines.append(f"The course's reasoning agrees: {why}.")
    else:
        lines.append(f"The course's reasoning pointed to: {sc.action(advised).label} ({why}).")
    lines.extend(f"News: {n}" for n in step.notices)
    return tuple(lines)
