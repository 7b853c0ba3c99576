"""Known mistakes in C6W3A1, each with the hint a learner who made it should read."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import torch
from torch import nn

from dlspec.checking.spec import mutant
from dlspec.nn.deepsurv import deepsurv_loss
from dlspec.nn.survival import brier_score, step_value


def _arrays(times, events):
    return np.asarray(times, dtype=float), np.asarray(events).astype(bool)


# --- kaplan_meier -----------------------------------------------------------------------------------------------


def _km(times, events, *, all_times=False, strict=False, count_censored=False, product=True, only_events_leave=False):
    times, events = _arrays(times, events)
    t = np.unique(times if all_times else times[events])
    deaths = np.array([np.sum((events | count_censored) & (times == u)) for u in t])
    if only_events_leave:
        at_risk = len(times) - np.array([np.sum(events & (times < u)) for u in t])
    else:
        at_risk = np.array([np.sum(times > u if strict else times >= u) for u in t])
    with np.errstate(divide="ignore", invalid="ignore"):
        hazard = deaths / at_risk
    return t, (np.cumprod(1.0 - hazard) if product else 1.0 - np.cumsum(hazard))


@mutant("kaplan_meier", "Count as at risk at time u everyone whose time is u or later (times >= u): the patients "
        "who have their event at u were still followed just before it.")
def at_risk_strictly_after(times, events):
    return _km(times, events, strict=True)


@mutant("kaplan_meier", "The curve steps only where an event happens: t holds the distinct event times "
        "(np.unique(times[events == 1])), not the censoring times too.")
def steps_at_censorings(times, events):
    return _km(times, events, all_times=True)


@mutant("kaplan_meier", "Only events count as deaths: a censored patient leaves the risk set without an event, so "
        "count d(u) among the patients with events == 1.")
def censorings_counted_as_deaths(times, events):
    return _km(times, events, count_censored=True)


@mutant("kaplan_meier", "Censored patients leave the risk set too: n(u) counts the patients whose time is u or "
        "later, whatever happened to them.")
def censored_stay_at_risk(times, events):
    return _km(times, events, only_events_leave=True)


@mutant("kaplan_meier", "S multiplies the chances of surviving each event time, prod(1 - d/n); 1 minus the sum "
        "of d/n is only an approximation for small hazards.")
def one_minus_sum(times, events):
    return _km(times, events, product=False)


# --- cox_loss ---------------------------------------------------------------------------------------------------


def _cox(risk, times, events, *, events_only=False, strict=False, stable=True, sign=1.0, mean=True, all_m=False,
         grad_sign=1.0, no_event_term=False):
    risk = np.asarray(risk, dtype=float)
    times, events = _arrays(times, events)
    at_risk = times[None, :] > times[:, None] if strict else times[None, :] >= times[:, None]
    if strict:
        at_risk |= np.eye(len(times), dtype=bool)
    if events_only:
        at_risk &= events[None, :]
    shift = risk.max() if stable else 0.0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        w = np.exp(risk - shift)
        denominator = at_risk @ w
        log_denominator = np.log(denominator) + shift
        n = (len(risk) if all_m else events.sum()) if mean else 1
        loss = -sign * np.sum(risk[events] - log_denominator[events]) / n
        share = at_risk[events] * w[None, :] / denominator[events, None]
        drisk = grad_sign * (share.sum(axis=0) - (0 if no_event_term else events)) / n
    return float(loss), drisk


@mutant("cox_loss", "The risk set at T_i holds everyone still followed at T_i, censored patients included "
        "(times >= T_i), not only those who will have an event.")
def risk_set_of_events_only(risk, times, events):
    return _cox(risk, times, events, events_only=True)


@mutant("cox_loss", "Breslow's ties: everyone whose time equals T_i is in T_i's risk set (times >= T_i), not only "
        "those strictly later.")
def ties_left_out_of_risk_set(risk, times, events):
    return _cox(risk, times, events, strict=True)


@mutant("cox_loss", "exp of a large risk score overflows to inf: subtract the largest score before exp and add it "
        "back after the log (the log-sum-exp trick).")
def no_log_sum_exp(risk, times, events):
    return _cox(risk, times, events, stable=False)


@mutant("cox_loss", "The loss is the *negative* log partial likelihood: -(1/d) sum over events of "
        "[r_i - log sum_j exp(r_j)], which is positive.")
def log_likelihood_not_negated(risk, times, events):
    return _cox(risk, times, events, sign=-1.0, grad_sign=-1.0)


@mutant("cox_loss", "Average over the d events (divide by events.sum()), not over all m patients: a censored "
        "patient adds no term of its own.")
def averaged_over_everyone(risk, times, events):
    return _cox(risk, times, events, all_m=True)


@mutant("cox_loss", "Divide the sum over events by the number of events d, in the loss and in its gradient.")
def summed_not_averaged(risk, times, events):
    return _cox(risk, times, events, mean=False)


@mutant("cox_loss", "Each event also pulls its own score up: drisk_k = (sum over events i with k in R_i of "
        "p_ik - delta_k) / d, where delta_k is 1 for an event.")
def gradient_misses_event_term(risk, times, events):
    return _cox(risk, times, events, no_event_term=True)


# --- concordance_index ------------------------------------------------------------------------------------------


def _cindex(times, events, risk, *, flipped=False, tie=0.5, strict=False, both_events=False, censored_first=False,
            tied_events=False):
    times, events = _arrays(times, events)
    risk = np.asarray(risk, dtype=float)
    later = times[None, :] > times[:, None]
    if not strict:
        later |= (times[None, :] == times[:, None]) & (~events[None, :] | tied_events)
        np.fill_diagonal(later, False)
    if both_events:
        later &= events[None, :]
    comparable = later if censored_first else events[:, None] & later
    higher = risk[:, None] < risk[None, :] if flipped else risk[:, None] > risk[None, :]
    score = higher + tie * (risk[:, None] == risk[None, :])
    return float(np.sum(score * comparable) / np.sum(comparable))


@mutant("concordance_index", "A risk score is high for an early event: a pair is concordant when the patient with "
        "the earlier event has the *larger* risk. (Libraries that take predicted times want -risk.)")
def risk_read_as_time(times, events, risk):
    return _cindex(times, events, risk, flipped=True)


@mutant("concordance_index", "A pair with equal risk scores counts one half, not zero: the model could not tell "
        "them apart.")
def tied_risks_count_zero(times, events, risk):
    return _cindex(times, events, risk, tie=0.0)


@mutant("concordance_index", "The earlier patient of a comparable pair must have had the event: a patient censored "
        "first might have had it after the other.")
def censored_patient_first(times, events, risk):
    return _cindex(times, events, risk, censored_first=True)


@mutant("concordance_index", "The later patient may be censored: censored after (or at) T_i means still alive at "
        "T_i, so the order is known.")
def later_patient_must_have_event(times, events, risk):
    return _cindex(times, events, risk, both_events=True)


@mutant("concordance_index", "At equal times, an event and a censoring are comparable (the censored patient was "
        "alive at that time); only two events at the same time are not.")
def tied_times_never_comparable(times, events, risk):
    return _cindex(times, events, risk, strict=True)


@mutant("concordance_index", "Two events at the same time give no order, so the pair is not comparable; only an "
        "event tied with a censoring is.")
def tied_events_compared(times, events, risk):
    return _cindex(times, events, risk, tied_events=True)


# --- breslow_baseline -------------------------------------------------------------------------------------------


def _breslow(risk, times, events, *, events_only=False, one_death=False, cumulative=True, linear=False,
             all_times=False):
    risk = np.asarray(risk, dtype=float)
    times, events = _arrays(times, events)
    t = np.unique(times if all_times else times[events])
    deaths = np.array([1.0 if one_death else np.sum(events & (times == u)) for u in t])
    w = risk if linear else np.exp(risk)
    exposure = np.array([np.sum(w[(times >= u) & (events | (not events_only))]) for u in t])
    increments = deaths / exposure
    return t, (np.cumsum(increments) if cumulative else increments)


@mutant("breslow_baseline", "The risk set at u holds everyone still followed at u, censored or not "
        "(times >= u).")
def breslow_events_only(risk, times, events):
    return _breslow(risk, times, events, events_only=True)


@mutant("breslow_baseline", "Count every event at u: with ties, d(u) is larger than 1.")
def one_event_per_time(risk, times, events):
    return _breslow(risk, times, events, one_death=True)


@mutant("breslow_baseline", "H0 is the *cumulative* hazard: add the increments up over time (np.cumsum).")
def increments_not_summed(risk, times, events):
    return _breslow(risk, times, events, cumulative=False)


@mutant("breslow_baseline", "Each patient at risk weighs exp(risk), its hazard ratio, not the risk score itself.")
def risk_not_exponentiated(risk, times, events):
    return _breslow(risk, times, events, linear=True)


@mutant("breslow_baseline", "H0 steps at the distinct event times only; a censoring adds nothing.")
def breslow_steps_at_censorings(risk, times, events):
    return _breslow(risk, times, events, all_times=True)


# --- survival_curves --------------------------------------------------------------------------------------------


@mutant("survival_curves", "The hazard ratio is exp(risk): S_i(t) = exp(-H0(t) * exp(risk_i)).")
def ratio_not_exponentiated(risk, H0):
    return np.exp(-np.outer(risk, H0))


@mutant("survival_curves", "A larger risk means an earlier event, so a lower curve: multiply H0 by exp(+risk).")
def risk_sign_flipped(risk, H0):
    return np.exp(-np.outer(np.exp(-np.asarray(risk)), H0))


@mutant("survival_curves", "S = exp(-H): 1 - H is only its first-order approximation and goes negative.")
def linearised(risk, H0):
    return 1.0 - np.outer(np.exp(risk), H0)


@mutant("survival_curves", "One row per patient, one column per time: shape (len(risk), len(H0)).")
def one_row_per_time(risk, H0):
    return np.exp(-np.outer(H0, np.exp(risk)))


@mutant("survival_curves", "The risk multiplies the hazard: exp(-H0 * exp(risk)), not exp(-H0 - risk).")
def risk_added(risk, H0):
    return np.exp(-(np.asarray(H0)[None, :] + np.asarray(risk)[:, None]))


# --- brier_score ------------------------------------------------------------------------------------------------


def _brier(surv_t, t, times, events, cens_times, cens_surv, *, weighted=True, case_weight_at_t=False,
           strict=False, censored_cases=False, control_at_t=False, mean_known=False):
    surv_t = np.asarray(surv_t, dtype=float)
    times, events = _arrays(times, events)
    case = (times < t if strict else times <= t) & (events | censored_cases)
    control = times >= t if control_at_t else times > t
    control &= ~case
    weights = np.zeros(len(times))
    if weighted:
        weights[case] = 1.0 / step_value(cens_times, cens_surv, t if case_weight_at_t else times[case])
        weights[control] = 1.0 / step_value(cens_times, cens_surv, t)
    else:
        weights[case | control] = 1.0
    loss = weights * (surv_t - control) ** 2
    return float(np.sum(loss) / (np.sum(case | control) if mean_known else len(times)))


@mutant("brier_score", "Weigh each patient by 1 / G: cases by 1 / G(T_i), controls by 1 / G(t). Without the weights "
        "the patients censored before t are simply lost, and the score is biased.")
def no_censoring_weights(surv_t, t, times, events, cens_times, cens_surv):
    return _brier(surv_t, t, times, events, cens_times, cens_surv, weighted=False)


@mutant("brier_score", "A case (event by t) is weighted by 1 / G at its own time T_i, the chance it was still "
        "uncensored when the event came; only controls use G(t).")
def case_weighted_at_t(surv_t, t, times, events, cens_times, cens_surv):
    return _brier(surv_t, t, times, events, cens_times, cens_surv, case_weight_at_t=True)


@mutant("brier_score", "An event at exactly t has happened by t: cases are events with times <= t.")
def event_at_t_not_a_case(surv_t, t, times, events, cens_times, cens_surv):
    return _brier(surv_t, t, times, events, cens_times, cens_surv, strict=True)


@mutant("brier_score", "A patient censored by t has an unknown status at t: weight 0, neither case nor control.")
def censored_counted_as_cases(surv_t, t, times, events, cens_times, cens_surv):
    return _brier(surv_t, t, times, events, cens_times, cens_surv, censored_cases=True)


@mutant("brier_score", "Controls are the patients still followed *after* t (times > t); one censored at exactly t "
        "has an unknown status.")
def censored_at_t_as_control(surv_t, t, times, events, cens_times, cens_surv):
    return _brier(surv_t, t, times, events, cens_times, cens_surv, control_at_t=True)


@mutant("brier_score", "Average over all m patients: the censored ones count 0, and the weights 1/G make up for "
        "them.")
def averaged_over_known(surv_t, t, times, events, cens_times, cens_surv):
    return _brier(surv_t, t, times, events, cens_times, cens_surv, mean_known=True)


# --- integrated_brier_score -------------------------------------------------------------------------------------


def _scores(surv, grid, times, events, cens_times, cens_surv):
    return np.array([brier_score(surv[:, k], grid[k], times, events, cens_times, cens_surv)
                     for k in range(len(grid))])  # fmt: skip


@mutant("integrated_brier_score", "The grid's times need not be evenly spaced: integrate with the trapezoidal rule "
        "(np.trapezoid(scores, grid)) and divide by the span, rather than averaging the scores.")
def plain_mean(surv, grid, times, events, cens_times, cens_surv):
    return float(np.mean(_scores(surv, grid, times, events, cens_times, cens_surv)))


@mutant("integrated_brier_score", "Divide the integral by the span grid[-1] - grid[0], so the result is an average "
        "Brier score (between 0 and 1), not an area.")
def not_divided_by_span(surv, grid, times, events, cens_times, cens_surv):
    return float(np.trapezoid(_scores(surv, grid, times, events, cens_times, cens_surv), grid))


@mutant("integrated_brier_score", "The span of the grid is grid[-1] - grid[0]: the integral starts at grid[0], "
        "not at time 0.")
def divided_by_last_time(surv, grid, times, events, cens_times, cens_surv):
    scores = _scores(surv, grid, times, events, cens_times, cens_surv)
    return float(np.trapezoid(scores, grid) / grid[-1])


@mutant("integrated_brier_score", "Use the trapezoidal rule: each interval counts the mean of the scores at its "
        "two ends, not the score at its left end.")
def left_riemann_sum(surv, grid, times, events, cens_times, cens_surv):
    scores = _scores(surv, grid, times, events, cens_times, cens_surv)
    return float(np.sum(scores[:-1] * np.diff(grid)) / (grid[-1] - grid[0]))


@mutant("integrated_brier_score", "surv holds survival probabilities S(t): pass them as they are, not 1 - S (the "
        "probability of an event by t).")
def event_probability_passed(surv, grid, times, events, cens_times, cens_surv):
    scores = _scores(1.0 - np.asarray(surv), grid, times, events, cens_times, cens_surv)
    return float(np.trapezoid(scores, grid) / (grid[-1] - grid[0]))


# --- deepsurv_loss ----------------------------------------------------------------------------------------------


def _sorted(log_h, times, events, descending=True):
    order = torch.argsort(times, descending=descending)
    return log_h[order], times[order], events.bool()[order]


@mutant("deepsurv_loss", "After sorting, patients tied in time sit side by side and a running sum stops between "
        "them: take each one's running sum at the last patient tied with it (Breslow's risk set).")
def ties_cut_by_running_sum(log_h, times, events):
    log_h, times, events = _sorted(log_h, times, events)
    return -(log_h - torch.logcumsumexp(log_h, dim=0))[events].mean()


@mutant("deepsurv_loss", "exp of a large score overflows float32 (above about 88): use torch.logcumsumexp or "
        "torch.logsumexp, which subtract the maximum for you, instead of log(cumsum(exp(...))).")
def log_of_cumsum_of_exp(log_h, times, events):
    log_h, times, events = _sorted(log_h, times, events)
    last = torch.searchsorted(-times, -times, right=True) - 1
    return -(log_h - torch.log(torch.cumsum(torch.exp(log_h), dim=0))[last])[events].mean()


@mutant("deepsurv_loss", "The risk set at T_i holds the patients whose time is T_i or *later*: sort by time "
        "descending before the running sum (or compare times >= T_i).")
def risk_set_of_earlier_patients(log_h, times, events):
    log_h, times, events = _sorted(log_h, times, events, descending=False)
    last = torch.searchsorted(times, times, right=True) - 1
    return -(log_h - torch.logcumsumexp(log_h, dim=0)[last])[events].mean()


@mutant("deepsurv_loss", "Average over the events only, as cox_loss does: a censored patient has no term of its "
        "own.")
def mean_over_every_patient(log_h, times, events):
    terms = torch.where(events.bool(), log_h - _log_denominator(log_h, times), torch.zeros_like(log_h))
    return -terms.mean()


@mutant("deepsurv_loss", "Return the *negative* log partial likelihood: the optimiser minimises it.")
def likelihood_not_negated(log_h, times, events):
    return -deepsurv_loss(log_h, times, events)


@mutant("deepsurv_loss", "Stay in torch: going through NumPy (.detach(), .numpy(), float()) cuts the loss off from "
        "log_h, and backward has nothing to follow.")
def through_numpy(log_h, times, events):
    return torch.tensor(deepsurv_loss(log_h, times, events).item())


def _log_denominator(log_h, times):
    at_risk = times[None, :] >= times[:, None]
    return torch.logsumexp(log_h[None, :].expand(len(log_h), -1).masked_fill(~at_risk, float("-inf")), dim=1)


# --- DeepSurv ---------------------------------------------------------------------------------------------------


def _mlp(n_features, hidden, dropout, *, bias=False, drop=True, relu=True, squeeze=True, last_relu=False):
    layers, width_in = [], n_features
    for width in hidden:
        layers += [nn.Linear(width_in, width), *([nn.ReLU()] if relu else []), *([nn.Dropout(dropout)] if drop else [])]
        width_in = width
    layers.append(nn.Linear(width_in, 1, bias=bias))
    if last_relu:
        layers.append(nn.ReLU())
    net = nn.Sequential(*layers)
    return (lambda x: net(x).squeeze(-1)) if squeeze else net, net


class _Mutant(nn.Module):
    options: ClassVar[dict] = {}

    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        self.run, self.net = _mlp(n_features, hidden, dropout, **self.options)

    def forward(self, x):
        return self.run(x)


@mutant("DeepSurv", "Leave the bias out of the last Linear (bias=False): adding the same number to every risk "
        "score changes nothing in the partial likelihood, so that bias could never learn.")
class OutputBias(_Mutant):
    options: ClassVar[dict] = {"bias": True}


@mutant("DeepSurv", "Each hidden layer is Linear, ReLU, then nn.Dropout(dropout): without dropout a small cohort "
        "is learnt by heart.")
class NoDropout(_Mutant):
    options: ClassVar[dict] = {"drop": False}


@mutant("DeepSurv", "Put a ReLU after each hidden Linear: without it the layers compose to one linear map, a "
        "linear Cox model with extra steps.")
class NoReLU(_Mutant):
    options: ClassVar[dict] = {"relu": False}


@mutant("DeepSurv", "Return one score per patient, shape (m,): squeeze the last axis of the (m, 1) output.")
class NotSqueezed(_Mutant):
    options: ClassVar[dict] = {"squeeze": False}


@mutant("DeepSurv", "The risk score is a log hazard ratio: it may be negative, so no ReLU after the last Linear.")
class ReluOnOutput(_Mutant):
    options: ClassVar[dict] = {"last_relu": True}


@mutant("DeepSurv", "Build one (Linear, ReLU, Dropout) per width in hidden, however many there are, then the "
        "output Linear from the last width.")
class TwoHiddenLayersAlways(_Mutant):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__(n_features, (32, 32), dropout)


# --- train_deepsurv ---------------------------------------------------------------------------------------------


def _train(model, optimizer, X, times, events, epochs, *, zero=True, train=True, evaluate=True, sign=1.0,
           step_first=False):
    losses = []
    if train:
        model.train()
    for _ in range(epochs):
        if zero:
            optimizer.zero_grad()
        loss = deepsurv_loss(model(X), times, events)
        if step_first:
            optimizer.step()
        (sign * loss).backward()
        if not step_first:
            optimizer.step()
        losses.append(loss.item())
    if evaluate:
        model.eval()
    return losses


@mutant("train_deepsurv", "Call optimizer.zero_grad() before each backward: PyTorch adds new gradients to the old "
        "ones, so every step would follow the sum of all gradients so far.")
def gradients_accumulate(model, optimizer, X, times, events, epochs=200):
    return _train(model, optimizer, X, times, events, epochs, zero=False)


@mutant("train_deepsurv", "Call model.train() before the loop: a model may come in eval mode, and then dropout "
        "never acts while it trains.")
def dropout_never_on(model, optimizer, X, times, events, epochs=200):
    return _train(model, optimizer, X, times, events, epochs, train=False)


@mutant("train_deepsurv", "Call model.eval() after the loop: the trained model's predictions must not drop units "
        "at random.")
def left_in_train_mode(model, optimizer, X, times, events, epochs=200):
    return _train(model, optimizer, X, times, events, epochs, evaluate=False)


@mutant("train_deepsurv", "Minimise the loss: backward on the loss itself, as deepsurv_loss is already the "
        "negative log partial likelihood.")
def ascends_the_loss(model, optimizer, X, times, events, epochs=200):
    return _train(model, optimizer, X, times, events, epochs, sign=-1.0)


@mutant("train_deepsurv", "loss.backward() computes the gradients and optimizer.step() uses them: backward first, "
        "then step. The other way round, each step uses the gradients of the step before.")
def steps_before_backward(model, optimizer, X, times, events, epochs=200):
    return _train(model, optimizer, X, times, events, epochs, step_first=True)
