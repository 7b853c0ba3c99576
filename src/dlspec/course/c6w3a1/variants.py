"""Correct solutions of C6W3A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import torch
from torch import nn

from dlspec.checking.spec import variant
from dlspec.nn.deepsurv import deepsurv_loss
from dlspec.nn.survival import brier_score, step_value

# --- kaplan_meier -----------------------------------------------------------------------------------------------


@variant("kaplan_meier")
def km_by_sorting(times, events):
    # walk the patients in time order, removing each from the risk set after its time has passed
    order = np.argsort(times, kind="stable")
    times, events = np.asarray(times, dtype=float)[order], np.asarray(events)[order] == 1
    t, S, surv, at_risk, i = [], [], 1.0, len(times), 0
    while i < len(times):
        j = i
        while j < len(times) and times[j] == times[i]:
            j += 1
        deaths = int(events[i:j].sum())
        if deaths:
            surv *= 1 - deaths / at_risk
            t.append(times[i])
            S.append(surv)
        at_risk -= j - i
        i = j
    return np.array(t), np.array(S)


@variant("kaplan_meier")
def km_with_counts(times, events):
    times = np.asarray(times, dtype=float)
    events = np.asarray(events, dtype=bool)
    t, deaths = np.unique(times[events], return_counts=True)
    at_risk = len(times) - np.searchsorted(np.sort(times), t, side="left")
    with np.errstate(divide="ignore"):  # log(0) when everyone left has the event: S reaches exp(-inf) = 0
        return t, np.exp(np.cumsum(np.log1p(-deaths / at_risk)))


# --- cox_loss ---------------------------------------------------------------------------------------------------


@variant("cox_loss")
def cox_by_sorting(risk, times, events):
    # running sums from the latest patient back; ties share the sum at the last of them
    risk, times = np.asarray(risk, dtype=float), np.asarray(times, dtype=float)
    events = np.asarray(events, dtype=bool)
    order = np.argsort(-times, kind="stable")
    r, t, e = risk[order], times[order], events[order]
    c = r.max()
    running = np.cumsum(np.exp(r - c))
    last = np.searchsorted(-t, -t, side="right") - 1
    denominator = running[last]
    d = e.sum()
    loss = -np.sum((r - np.log(denominator) - c)[e]) / d
    # patient k is in the risk set of every event i at or before it in time: a running sum from the earliest event
    inverse = np.where(e, 1.0 / denominator, 0.0)
    forward = np.cumsum(inverse[::-1])[::-1]  # sum over sorted positions >= k, i.e. times <= t_k
    first = np.searchsorted(-t, -t, side="left")  # the first of k's ties: all of them hold k in their risk set
    grad_sorted = (np.exp(r - c) * forward[first] - e) / d
    grad = np.empty_like(grad_sorted)
    grad[order] = grad_sorted
    return float(loss), grad


@variant("cox_loss")
def cox_with_loops(risk, times, events):
    risk, times = np.asarray(risk, dtype=float), np.asarray(times, dtype=float)
    events = np.asarray(events).astype(bool)
    loss, grad, d = 0.0, np.zeros(len(risk)), events.sum()
    for i in np.flatnonzero(events):
        members = times >= times[i]
        top = risk[members].max()
        p = np.exp(risk[members] - top)
        loss -= risk[i] - top - np.log(p.sum())
        grad[members] += p / p.sum()
        grad[i] -= 1.0
    return loss / d, grad / d


# --- concordance_index ------------------------------------------------------------------------------------------


@variant("concordance_index")
def cindex_loops(times, events, risk):
    numerator = denominator = 0.0
    for i in range(len(times)):
        if not events[i]:
            continue
        for j in range(len(times)):
            if times[j] > times[i] or (j != i and times[j] == times[i] and not events[j]):
                denominator += 1
                numerator += 1.0 if risk[i] > risk[j] else 0.5 if risk[i] == risk[j] else 0.0
    return numerator / denominator


@variant("concordance_index")
def cindex_with_sign(times, events, risk):
    times, risk = np.asarray(times, dtype=float), np.asarray(risk, dtype=float)
    events = np.asarray(events) == 1
    known = events[:, None] & ((times[:, None] < times) | ((times[:, None] == times) & ~events))
    agreement = (np.sign(risk[:, None] - risk) + 1) / 2  # 1 concordant, 1/2 tied, 0 discordant
    return float(agreement[known].mean())


# --- breslow_baseline -------------------------------------------------------------------------------------------


@variant("breslow_baseline")
def breslow_sorted(risk, times, events):
    times, events = np.asarray(times, dtype=float), np.asarray(events, dtype=bool)
    t, deaths = np.unique(times[events], return_counts=True)
    order = np.argsort(-times)
    tail = np.cumsum(np.exp(np.asarray(risk, dtype=float))[order])  # exposure of the latest k patients
    n_later = len(times) - np.searchsorted(np.sort(times), t, side="left")
    return t, np.cumsum(deaths / tail[n_later - 1])


@variant("breslow_baseline")
def breslow_loop(risk, times, events):
    hazard = np.exp(risk)
    t, H0, total = [], [], 0.0
    for u in sorted(set(np.asarray(times)[np.asarray(events) == 1])):
        total += np.sum((times == u) & (events == 1)) / hazard[times >= u].sum()
        t.append(u)
        H0.append(total)
    return np.array(t, dtype=float), np.array(H0)


# --- survival_curves --------------------------------------------------------------------------------------------


@variant("survival_curves")
def survival_by_power(risk, H0):
    # S0(t) = exp(-H0(t)), raised to the hazard ratio
    return np.exp(-np.asarray(H0))[None, :] ** np.exp(np.asarray(risk))[:, None]


@variant("survival_curves")
def survival_by_broadcast(risk, H0):
    return np.exp(-np.exp(np.reshape(risk, (-1, 1))) * np.reshape(H0, (1, -1)))


# --- brier_score ------------------------------------------------------------------------------------------------


@variant("brier_score")
def brier_with_loop(surv_t, t, times, events, cens_times, cens_surv):
    total = 0.0
    G_t = step_value(cens_times, cens_surv, t)
    for s, T, e in zip(surv_t, times, events, strict=True):
        if T <= t and e:
            total += s**2 / step_value(cens_times, cens_surv, T)
        elif T > t:
            total += (1 - s) ** 2 / G_t
    return total / len(times)


@variant("brier_score")
def brier_with_where(surv_t, t, times, events, cens_times, cens_surv):
    times, surv_t = np.asarray(times, dtype=float), np.asarray(surv_t, dtype=float)
    case = (np.asarray(events) == 1) & (times <= t)
    G = step_value(cens_times, cens_surv, np.where(case, times, t))  # each patient's G where its weight is read
    term = np.where(case, surv_t**2, np.where(times > t, (1 - surv_t) ** 2, 0.0))
    return float(np.mean(term / G))


# --- integrated_brier_score -------------------------------------------------------------------------------------


@variant("integrated_brier_score")
def ibs_by_intervals(surv, grid, times, events, cens_times, cens_surv):
    scores = [brier_score(column, t, times, events, cens_times, cens_surv)
              for column, t in zip(surv.T, grid, strict=True)]
    area = sum((b + a) / 2 * (t1 - t0) for (a, b), (t0, t1) in zip(pairwise(scores), pairwise(grid), strict=True))
    return area / (grid[-1] - grid[0])


@variant("integrated_brier_score")
def ibs_by_weights(surv, grid, times, events, cens_times, cens_surv):
    # the trapezoidal rule as weights: each time gets half of the intervals on either side
    grid = np.asarray(grid, dtype=float)
    widths = np.diff(grid)
    weights = np.concatenate([[0.0], widths / 2]) + np.concatenate([widths / 2, [0.0]])
    scores = np.array([brier_score(surv[:, k], grid[k], times, events, cens_times, cens_surv)
                       for k in range(len(grid))])  # fmt: skip
    return float(weights @ scores / widths.sum())


# --- deepsurv_loss ----------------------------------------------------------------------------------------------


@variant("deepsurv_loss")
def loss_with_mask(log_h, times, events):
    # the m x m risk-set mask, as cox_loss builds it: fine for a batch, m^2 memory for a cohort
    at_risk = times[None, :] >= times[:, None]
    log_denominator = torch.logsumexp(torch.where(at_risk, log_h[None, :], torch.tensor(float("-inf"))), dim=1)
    mask = events == 1
    return -(log_h[mask] - log_denominator[mask]).sum() / mask.sum()


@variant("deepsurv_loss")
def loss_per_event_time(log_h, times, events):
    # one distinct event time at a time: its d events share one risk set
    events = events.bool()
    total = log_h.new_zeros(())
    for u in torch.unique(times[events]):
        dying = events & (times == u)
        total = total + dying.sum() * torch.logsumexp(log_h[times >= u], dim=0) - log_h[dying].sum()
    return total / events.sum()


# --- DeepSurv ---------------------------------------------------------------------------------------------------


@variant("DeepSurv")
class DeepSurvModuleList(nn.Module):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        widths = [n_features, *hidden]
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in pairwise(widths))
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(widths[-1], 1, bias=False)

    def forward(self, x):
        for layer in self.hidden:
            x = self.drop(torch.relu(layer(x)))
        return self.out(x)[:, 0]


@variant("DeepSurv")
class DeepSurvFunctional(nn.Module):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        self.p = dropout
        sizes = [n_features, *hidden, 1]
        pairs = enumerate(pairwise(sizes))
        self.layers = nn.ModuleList(nn.Linear(a, b, bias=i < len(hidden)) for i, (a, b) in pairs)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = nn.functional.dropout(nn.functional.relu(layer(x)), self.p, self.training)
        return self.layers[-1](x).view(-1)


# --- train_deepsurv ---------------------------------------------------------------------------------------------


@variant("train_deepsurv")
def train_with_set_to_none(model, optimizer, X, times, events, epochs=200):
    model.train(True)
    history = []
    for _epoch in range(epochs):
        loss = deepsurv_loss(model(X), times, events)  # the notebook's own (the grader swaps in one)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        history.append(float(loss.detach()))
    model.train(False)
    return history


@variant("train_deepsurv")
def train_zeroing_after_each_step(model, optimizer, X, times, events, epochs=200):
    model.train()
    optimizer.zero_grad()
    losses = []
    while len(losses) < epochs:
        risk = model(X)
        loss = deepsurv_loss(risk, times, events)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()  # ready for the next step
        losses.append(loss.item())
    model.eval()
    return losses
