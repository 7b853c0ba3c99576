"""The hidden world of a case-study simulator and the learning curves that turn it into error figures.

A world is drawn from a seed: the Bayes error, the best human's error, how hard the task is for a small network
(bias), how much a network overfits its data (variance) and how fast that falls with data (a power law), the share
of wrong labels in dev and test, how much an example from another distribution is worth, how realistic
synthesised data is, and for each category of image how much error a training set without it costs on the
target (mismatch). The project's state (network size, regularisation, data, labels fixed, dev set reuse...) changes
with the learner's actions; ``figures`` reads the five numbers a team would see off both:

    train     = Bayes + bias(capacity, reg)
    train-dev = train + variance(n, capacity, reg)            variance ∝ n_effective^(-alpha)
    target    = train-dev + Σ mismatch_c · (1 − coverage_c)    the true error on the data users meet
    dev, test = target + wrong labels − optimism(reuse)        what the team measures (less any category that
                                                               appeared after the dev and test sets were drawn)

Pure Python, deterministic: the same world and state give the same figures, and the small measurement noise is
drawn from the seed and the step number.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

# How one step of the learner's levers changes bias and variance (the same in every scenario, so a learner can
# learn them): a network one size larger has this much of the bias left, and this much more variance.
BIAS_PER_SIZE = 0.5
VARIANCE_PER_SIZE = 1.15
BIAS_PER_REG = 0.15  # each step of regularisation adds this share to the bias ...
VARIANCE_PER_REG = 0.8  # ... and divides the variance by 1 + this share
TUNING = 0.93  # hyper-parameter search: each round keeps this much of bias and variance, up to three rounds
TRANSFER_BIAS = 0.75  # pretrained features leave this much of the bias
MULTITASK = 1.5  # one network for several labels learns from this many times the examples
END_TO_END = (1.3, 3.0)  # one network from pixels to decisions: bias and variance times these, on the same data
OPTIMISM = 0.0025  # how far a reused set's error drifts below the truth, per √(uses / thousand examples)


@dataclass(frozen=True)
class World:
    """The hidden properties of one project, drawn from a seed. Errors are fractions (0.012 is 1.2%)."""

    bayes: float
    human: float  # the best human team's error, a proxy for Bayes, never below it
    bias0: float  # avoidable bias of the first, smallest network
    var0: float  # variance of that network on the first training set
    alpha: float  # variance falls as (effective examples)^-alpha
    noise: float  # share of wrong labels in the dev and test sets (counted as errors until fixed)
    relatedness: float  # what one example from the other distribution is worth, against one from the target
    realism: float  # how much of the real target category synthesised examples cover
    transfer_gain: float  # pretraining on a related task multiplies the effective examples by this
    gaps: tuple[float, ...]  # per category: extra target error while the training data lacks it
    event_days: tuple[int, ...]  # the day each of the scenario's events arrives


@dataclass(frozen=True)
class State:
    """What the team has done so far; each action returns a new State."""

    n_target: float  # training examples from the target distribution, thousands
    n_other: float  # training examples from the other distribution, thousands
    dev_size: float  # thousands
    coverage: tuple[float, ...]  # per category: how much of it the training data covers, 0-1
    capacity: int = 1
    reg: int = 0
    tuned: int = 0
    transfer: bool = False
    multitask: bool = False
    end_to_end: bool = False
    labels_fixed: bool = False
    dev_mixed: bool = False  # the dev and test sets hold data from another distribution than the target
    dev_uses: int = 0  # evaluations on the current dev set, each one a chance to fit it by choosing
    test_uses: int = 0  # the same for the test set, which should be used once at the end
    synthesised: int = 0
    stale: frozenset[int] = frozenset()  # categories the users now meet and the dev and test sets still lack
    analysed: bool = False
    metric_fixed: bool = False
    days: int = 0
    flags: frozenset[str] = field(default_factory=frozenset)  # one-off things done (transfer tried...)


@dataclass(frozen=True)
class Figures:
    """What the team sees after a step, plus the truth the simulator keeps for the end."""

    human: float
    train: float
    train_dev: float
    dev: float
    test: float
    true: float  # the error on the data users meet, clean labels, no optimism: revealed when the run ends
    parts: dict[str, float]  # the error by source: bayes, bias, variance, wrong labels, mismatch per category


def draw(
    seed: int,
    ranges: dict[str, tuple[float, float]],
    gap_ranges: list[tuple[float, float]],
    day_ranges: list[tuple[float, float]] = (),
) -> World:
    """A world with each hidden property drawn uniformly from its range (``ranges``, as the scenario gives them),
    a mismatch gap per category and a day per event."""
    rng = random.Random(seed)

    def pick(name: str) -> float:
        low, high = ranges[name]
        return rng.uniform(low, high)

    bayes = pick("bayes")
    return World(
        bayes=bayes,
        human=bayes + pick("human_above_bayes"),
        bias0=pick("bias"),
        var0=pick("variance"),
        alpha=pick("alpha"),
        noise=pick("noise"),
        relatedness=pick("relatedness"),
        realism=pick("realism"),
        transfer_gain=pick("transfer_gain"),
        gaps=tuple(rng.uniform(lo, hi) for lo, hi in gap_ranges),
        event_days=tuple(round(rng.uniform(lo, hi)) for lo, hi in day_ranges),
    )


def effective_examples(world: World, state: State) -> float:
    """Training examples counted in target-distribution examples, with what pretraining and sharing add."""
    n = state.n_target + world.relatedness * state.n_other
    if state.transfer:
        n *= world.transfer_gain
    if state.multitask:
        n *= MULTITASK
    return n


def bias(world: World, state: State) -> float:
    b = world.bias0 * BIAS_PER_SIZE ** (state.capacity - 1) * (1 + BIAS_PER_REG * state.reg)
    b *= TUNING ** min(state.tuned, 3) * (TRANSFER_BIAS if state.transfer else 1.0)
    return b * (END_TO_END[0] if state.end_to_end else 1.0)


def variance(world: World, state: State, start: State) -> float:
    """Variance on a power law in the effective examples, relative to the first training set."""
    grown = effective_examples(world, state) / (start.n_target + world.relatedness * start.n_other)
    v = world.var0 * grown ** (-world.alpha) * VARIANCE_PER_SIZE ** (state.capacity - 1)
    v *= END_TO_END[1] if state.end_to_end else 1.0
    return v / (1 + VARIANCE_PER_REG * state.reg) * TUNING ** min(state.tuned, 3)


def optimism(uses: int, size: float, room: float) -> float:
    """How far below the truth a set's error reads after ``uses`` choices made by looking at it; never more than
    a third of ``room`` (the error above Bayes), since picking among models cannot beat the best of them."""
    return min(room / 3, OPTIMISM * math.sqrt(uses / max(size, 1.0)))


def figures(world: World, state: State, start: State, jitter: random.Random | None = None) -> Figures:
    """The five figures a team sees for ``state`` (``start``: the first state, which the learning curve is
    measured from); ``jitter`` adds a small measurement noise (none when None, as the model's tests use)."""
    b, v = bias(world, state), variance(world, state, start)
    mismatch = [g * (1 - c) for g, c in zip(world.gaps, state.coverage, strict=True)]
    true = world.bayes + b + v + sum(mismatch)
    train = world.bayes + b
    train_dev = train + v
    wrong = 0.0 if state.labels_fixed else world.noise
    # What the dev and test sets can show: none of a category they lack.
    seen = true - sum(m for i, m in enumerate(mismatch) if i in state.stale)
    room = seen - world.bayes
    dev = seen + wrong - optimism(state.dev_uses, state.dev_size, room)
    test = seen + wrong - optimism(state.test_uses, state.dev_size, room)
    if state.dev_mixed:  # half of dev and test now come from the training mix, which the network knows better
        dev, test = (dev + train_dev) / 2, (test + train_dev) / 2
    noise = (lambda: jitter.gauss(0, 0.0004 / math.sqrt(max(state.dev_size, 1.0) / 10))) if jitter else (lambda: 0.0)
    parts = {"bayes": world.bayes, "bias": b, "variance": v, "wrong labels": wrong}
    parts |= {f"mismatch {i}": m for i, m in enumerate(mismatch)}
    return Figures(
        human=world.human,
        train=max(train + noise(), 0.0),
        train_dev=max(train_dev + noise(), 0.0),
        dev=max(dev + noise(), 0.0),
        test=max(test + noise(), 0.0),
        true=true,
        parts=parts,
    )


def covered(coverage: tuple[float, ...], index: int | None, share: float) -> tuple[float, ...]:
    """``coverage`` with ``share`` of what is still uncovered now covered, in one category or (None) in all."""
    return tuple(c + share * (1 - c) if index is None or i == index else c for i, c in enumerate(coverage))
