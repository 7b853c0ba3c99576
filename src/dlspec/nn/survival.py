"""Survival analysis (C6W3A1): Kaplan-Meier, the Cox model's partial likelihood, the concordance index, Breslow's
baseline hazard, and the inverse-probability-of-censoring-weighted (IPCW) Brier score.

Conventions:

* A data set is three arrays of length m: ``times`` (the time of the event or of censoring), ``events`` (1 or True
  when the event was seen, 0 when the subject was censored at ``times``) and, for a model, ``risk`` (the log
  hazard ratio: larger means earlier events). Examples lie along axis 0.
* Ties follow Breslow: every subject whose time equals an event time is in that event's risk set.
* A step function (a survival curve, the censoring distribution) is given by its knots ``t`` (ascending) and its
  values just after each knot; before the first knot it is 1 (``step_value``).
* The Cox loss is the negative log partial likelihood *averaged over the events*, so that its size does not grow
  with the data (the sum is what lifelines reports as a log-likelihood).

Only the names the notebook imports are used inside the graded functions (``np``, ``step_value``), because each
reference is pasted verbatim into the answer-key notebook.
"""

from __future__ import annotations

import numpy as np


def step_value(knots: np.ndarray, values: np.ndarray, at: np.ndarray | float) -> np.ndarray:
    """The right-continuous step function with ``values[k]`` from ``knots[k]`` on, and 1 before the first knot,
    evaluated at ``at``."""
    padded = np.concatenate([[1.0], np.asarray(values, dtype=float)])
    return padded[np.searchsorted(np.asarray(knots, dtype=float), at, side="right")]


def censoring_km(times: np.ndarray, events: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The Kaplan-Meier estimate G of the censoring distribution, the probability of still being uncensored: the
    censorings play the events. At a time where both happen, the events are counted first (an event at t is not
    at risk of being censored at t), scikit-survival's convention. Knots at every distinct time."""
    times = np.asarray(times, dtype=float)
    events = np.asarray(events).astype(bool)
    knots = np.unique(times)
    at_risk = np.array([np.sum(times >= u) - np.sum(events & (times == u)) for u in knots])
    censored = np.array([np.sum(~events & (times == u)) for u in knots])
    factors = 1.0 - np.divide(censored, at_risk, out=np.zeros(len(knots)), where=censored > 0)
    return knots, np.cumprod(factors)


def kaplan_meier(times, events):
    """The Kaplan-Meier estimate of the survival function: the distinct event times t in ascending order and S,
    the probability of surviving past each of them."""
    times = np.asarray(times, dtype=float)
    events = np.asarray(events).astype(bool)
    t = np.unique(times[events])
    at_risk = np.array([np.sum(times >= u) for u in t])  # still followed just before u: events at u included
    deaths = np.array([np.sum(events & (times == u)) for u in t])
    S = np.cumprod(1.0 - deaths / at_risk)
    return t, S


def cox_loss(risk, times, events):
    """The Cox model's negative log partial likelihood with Breslow's ties, averaged over the events, and its
    gradient with respect to the risk scores: (loss, drisk), drisk of risk's shape."""
    risk = np.asarray(risk, dtype=float)
    times = np.asarray(times, dtype=float)
    events = np.asarray(events).astype(bool)
    at_risk = times[None, :] >= times[:, None]  # row i: who is still followed at T_i, ties included
    shift = risk.max()  # exp(risk - shift) <= 1: no overflow however large the scores
    w = np.exp(risk - shift)
    denominator = at_risk @ w
    log_denominator = np.log(denominator) + shift
    n_events = events.sum()
    loss = -np.sum(risk[events] - log_denominator[events]) / n_events
    share = at_risk[events] * w[None, :] / denominator[events, None]  # event i's softmax over its risk set
    drisk = (share.sum(axis=0) - events) / n_events
    return float(loss), drisk


def concordance_index(times, events, risk):
    """Harrell's concordance index: of the pairs whose order of events is known, the share where the subject with
    the earlier event has the larger risk; tied risks count one half. A pair is comparable when the earlier time
    is an event; at equal times, an event and a censoring are comparable (the censored subject was still alive at
    that time), two events are not."""
    times = np.asarray(times, dtype=float)
    events = np.asarray(events).astype(bool)
    risk = np.asarray(risk, dtype=float)
    later = (times[None, :] > times[:, None]) | ((times[None, :] == times[:, None]) & ~events[None, :])
    comparable = events[:, None] & later  # row i: an event, column j: known to outlive it
    score = (risk[:, None] > risk[None, :]) + 0.5 * (risk[:, None] == risk[None, :])
    return float(np.sum(score * comparable) / np.sum(comparable))


def breslow_baseline(risk, times, events):
    """Breslow's estimate of the baseline cumulative hazard H0 at the distinct event times t, given the risk
    scores of the data the model was fitted on: each event time adds (events there) / (sum of exp(risk) over
    its risk set). Returns (t, H0)."""
    risk = np.asarray(risk, dtype=float)
    times = np.asarray(times, dtype=float)
    events = np.asarray(events).astype(bool)
    t = np.unique(times[events])
    deaths = np.array([np.sum(events & (times == u)) for u in t])
    exposure = np.array([np.sum(np.exp(risk[times >= u])) for u in t])
    H0 = np.cumsum(deaths / exposure)
    return t, H0


def survival_curves(risk, H0):
    """Each subject's survival curve at the baseline's times: S_i(t) = exp(-H0(t) exp(risk_i)), shape
    (len(risk), len(H0))."""
    risk = np.asarray(risk, dtype=float)
    return np.exp(-np.outer(np.exp(risk), H0))


def brier_score(surv_t, t, times, events, cens_times, cens_surv):
    """The IPCW Brier score at time t of the predicted probabilities surv_t (each subject's S(t)): a subject with
    an event by t should have predicted 0 and counts with weight 1 / G(T_i); one still followed after t should
    have predicted 1 and counts with weight 1 / G(t); one censored by t counts zero (its weight goes to the
    others). G is the censoring distribution, a step function with knots cens_times and values cens_surv."""
    surv_t = np.asarray(surv_t, dtype=float)
    times = np.asarray(times, dtype=float)
    events = np.asarray(events).astype(bool)
    case = events & (times <= t)
    control = times > t
    weights = np.zeros(len(times))
    weights[case] = 1.0 / step_value(cens_times, cens_surv, times[case])
    weights[control] = 1.0 / step_value(cens_times, cens_surv, t)
    target = control.astype(float)
    return float(np.mean(weights * (surv_t - target) ** 2))


def integrated_brier_score(surv, grid, times, events, cens_times, cens_surv):
    """The Brier score integrated over the time grid by the trapezoidal rule and divided by the grid's span: the
    average Brier score over [grid[0], grid[-1]]. surv (m, len(grid)) holds each subject's S at the grid times."""
    surv = np.asarray(surv, dtype=float)
    grid = np.asarray(grid, dtype=float)
    scores = np.array([brier_score(surv[:, k], grid[k], times, events, cens_times, cens_surv)
                       for k in range(len(grid))])  # fmt: skip
    return float(np.trapezoid(scores, grid) / (grid[-1] - grid[0]))
