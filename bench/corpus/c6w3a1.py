"""C6W3A1, deep survival analysis, as learners write it (written from the blank notebook only)."""

import numpy as np
import torch
from torch import nn

from . import correct, mistake

# ruff: noqa: F821 (the notebook's other graded functions and its helpers step_value, censoring_km)

# --- kaplan_meier -----------------------------------------------------------------------------------------------


@correct("kaplan_meier")
def km_by_counts(times, events):
    t = np.unique(times[events == 1])
    at_risk = np.array([np.sum(times >= u) for u in t])
    died = np.array([np.sum((times == u) & (events == 1)) for u in t])
    return t, np.cumprod(1 - died / at_risk)


@correct("kaplan_meier")
def km_walking_sorted(times, events):
    order = np.argsort(times, kind="stable")
    times, events = np.asarray(times)[order], np.asarray(events)[order]
    n = len(times)
    t, S, s, i = [], [], 1.0, 0
    while i < n:
        j = i
        while j < n and times[j] == times[i]:
            j += 1
        d = int(np.sum(events[i:j]))
        if d > 0:
            s *= 1 - d / (n - i)
            t.append(times[i])
            S.append(s)
        i = j
    return np.array(t), np.array(S)


@mistake("kaplan_meier")
def km_censorings_are_steps(times, events):
    t = np.unique(times)
    at_risk = np.array([np.sum(times >= u) for u in t])
    died = np.array([np.sum((times == u) & (events == 1)) for u in t])
    return t, np.cumprod(1 - died / at_risk)


@mistake("kaplan_meier")
def km_strict_risk_set(times, events):
    t = np.unique(times[events == 1])
    at_risk = np.array([np.sum(times > u) for u in t])
    died = np.array([np.sum((times == u) & (events == 1)) for u in t])
    return t, np.cumprod(1 - died / at_risk)


@mistake("kaplan_meier")
def km_counts_censored_as_events(times, events):
    t = np.unique(times[events == 1])
    at_risk = np.array([np.sum(times >= u) for u in t])
    died = np.array([np.sum(times == u) for u in t])
    return t, np.cumprod(1 - died / at_risk)


@mistake("kaplan_meier")
def km_value_before_the_step(times, events):
    t = np.unique(times[events == 1])
    at_risk = np.array([np.sum(times >= u) for u in t])
    died = np.array([np.sum((times == u) & (events == 1)) for u in t])
    S = np.cumprod(1 - died / at_risk)
    return t, np.concatenate([[1.0], S[:-1]])


# --- cox_loss ---------------------------------------------------------------------------------------------------


@correct("cox_loss")
def cox_by_matrix(risk, times, events):
    at_risk = times[None, :] >= times[:, None]
    c = risk.max()
    w = np.exp(risk - c)
    sums = at_risk @ w
    e = events.astype(bool)
    d = e.sum()
    loss = -np.sum(risk[e] - (c + np.log(sums[e]))) / d
    share = at_risk[e] * w[None, :] / sums[e][:, None]
    return float(loss), (share.sum(axis=0) - events) / d


@correct("cox_loss")
def cox_event_by_event(risk, times, events):
    d = np.sum(events)
    loss, grad = 0.0, np.zeros_like(risk, dtype=float)
    for i in np.flatnonzero(events):
        members = times >= times[i]
        top = risk[members].max()
        weights = np.exp(risk[members] - top)
        loss -= risk[i] - top - np.log(weights.sum())
        grad[members] += weights / weights.sum()
        grad[i] -= 1
    return loss / d, grad / d


@mistake("cox_loss")
def cox_mean_over_everyone(risk, times, events):
    at_risk = times[None, :] >= times[:, None]
    c = risk.max()
    w = np.exp(risk - c)
    sums = at_risk @ w
    e = events.astype(bool)
    m = len(risk)
    loss = -np.sum(risk[e] - (c + np.log(sums[e]))) / m
    share = at_risk[e] * w[None, :] / sums[e][:, None]
    return float(loss), (share.sum(axis=0) - events) / m


@mistake("cox_loss")
def cox_strict_risk_sets(risk, times, events):
    at_risk = times[None, :] > times[:, None]
    at_risk |= np.eye(len(times), dtype=bool)  # herself, but not the others tied with her
    c = risk.max()
    w = np.exp(risk - c)
    sums = at_risk @ w
    e = events.astype(bool)
    d = e.sum()
    loss = -np.sum(risk[e] - (c + np.log(sums[e]))) / d
    share = at_risk[e] * w[None, :] / sums[e][:, None]
    return float(loss), (share.sum(axis=0) - events) / d


@mistake("cox_loss")
def cox_gradient_forgets_events(risk, times, events):
    at_risk = times[None, :] >= times[:, None]
    c = risk.max()
    w = np.exp(risk - c)
    sums = at_risk @ w
    e = events.astype(bool)
    d = e.sum()
    loss = -np.sum(risk[e] - (c + np.log(sums[e]))) / d
    share = at_risk[e] * w[None, :] / sums[e][:, None]
    return float(loss), share.sum(axis=0) / d


@mistake("cox_loss")
def cox_terms_for_the_censored_too(risk, times, events):
    at_risk = times[None, :] >= times[:, None]
    c = risk.max()
    w = np.exp(risk - c)
    sums = at_risk @ w
    d = np.sum(events)
    loss = -np.sum(risk - (c + np.log(sums))) / d
    share = at_risk * w[None, :] / sums[:, None]
    return float(loss), (share.sum(axis=0) - 1) / d


@mistake("cox_loss")
def cox_unstable(risk, times, events):
    at_risk = times[None, :] >= times[:, None]
    w = np.exp(risk)
    sums = at_risk @ w
    e = events.astype(bool)
    d = e.sum()
    loss = -np.sum(risk[e] - np.log(sums[e])) / d
    share = at_risk[e] * w[None, :] / sums[e][:, None]
    return float(loss), (share.sum(axis=0) - events) / d


# --- concordance_index ------------------------------------------------------------------------------------------


@correct("concordance_index")
def c_index_double_loop(times, events, risk):
    good, pairs = 0.0, 0
    for i in range(len(times)):
        if not events[i]:
            continue
        for j in range(len(times)):
            if times[j] > times[i] or (times[j] == times[i] and not events[j]):
                pairs += 1
                if risk[i] > risk[j]:
                    good += 1
                elif risk[i] == risk[j]:
                    good += 0.5
    return good / pairs


@correct("concordance_index")
def c_index_by_matrices(times, events, risk):
    e = np.asarray(events).astype(bool)
    later = times[None, :] > times[:, None]
    same_censored = (times[None, :] == times[:, None]) & ~e[None, :]
    comparable = e[:, None] & (later | same_censored)
    score = (risk[:, None] > risk[None, :]) + 0.5 * (risk[:, None] == risk[None, :])
    return float(np.sum(score * comparable) / np.sum(comparable))


@mistake("concordance_index")
def c_index_ties_count_nothing(times, events, risk):
    good, pairs = 0.0, 0
    for i in range(len(times)):
        if not events[i]:
            continue
        for j in range(len(times)):
            if times[j] > times[i] or (times[j] == times[i] and not events[j]):
                pairs += 1
                good += risk[i] > risk[j]
    return good / pairs


@mistake("concordance_index")
def c_index_reversed(times, events, risk):
    good, pairs = 0.0, 0
    for i in range(len(times)):
        if not events[i]:
            continue
        for j in range(len(times)):
            if times[j] > times[i] or (times[j] == times[i] and not events[j]):
                pairs += 1
                good += 1.0 if risk[i] < risk[j] else 0.5 if risk[i] == risk[j] else 0.0
    return good / pairs


@mistake("concordance_index")
def c_index_strictly_later_only(times, events, risk):
    good, pairs = 0.0, 0
    for i in range(len(times)):
        if not events[i]:
            continue
        for j in range(len(times)):
            if times[j] > times[i]:
                pairs += 1
                good += 1.0 if risk[i] > risk[j] else 0.5 if risk[i] == risk[j] else 0.0
    return good / pairs


@mistake("concordance_index")
def c_index_any_earlier_time(times, events, risk):
    good, pairs = 0.0, 0
    for i in range(len(times)):  # the earlier time may be a censoring
        for j in range(len(times)):
            if times[j] > times[i] or (times[j] == times[i] and not events[j]):
                pairs += 1
                good += 1.0 if risk[i] > risk[j] else 0.5 if risk[i] == risk[j] else 0.0
    return good / pairs


# --- breslow_baseline -------------------------------------------------------------------------------------------


@correct("breslow_baseline")
def breslow_loop(risk, times, events):
    t = np.unique(times[events == 1])
    hr = np.exp(risk)
    steps = [np.sum((times == u) & (events == 1)) / hr[times >= u].sum() for u in t]
    return t, np.cumsum(steps)


@correct("breslow_baseline")
def breslow_sorted(risk, times, events):
    order = np.argsort(-times, kind="stable")  # latest first: a running sum gives each risk set
    running = np.cumsum(np.exp(risk[order]))
    t = np.unique(times[events.astype(bool)])
    # the risk set of u ends at the last patient (latest first) whose time is >= u
    last = np.searchsorted(-times[order], -t, side="right") - 1
    deaths = np.array([np.count_nonzero(times[events.astype(bool)] == u) for u in t])
    return t, np.cumsum(deaths / running[last])


@mistake("breslow_baseline")
def breslow_not_cumulative(risk, times, events):
    t = np.unique(times[events == 1])
    hr = np.exp(risk)
    return t, np.array([np.sum((times == u) & (events == 1)) / hr[times >= u].sum() for u in t])


@mistake("breslow_baseline")
def breslow_scores_not_exponentiated(risk, times, events):
    t = np.unique(times[events == 1])
    steps = [np.sum((times == u) & (events == 1)) / risk[times >= u].sum() for u in t]
    return t, np.cumsum(steps)


@mistake("breslow_baseline")
def breslow_one_event_per_time(risk, times, events):
    t = np.unique(times[events == 1])
    hr = np.exp(risk)
    return t, np.cumsum([1.0 / hr[times >= u].sum() for u in t])


@mistake("breslow_baseline")
def breslow_strict_risk_set(risk, times, events):
    t = np.unique(times[events == 1])
    hr = np.exp(risk)
    steps = [np.sum((times == u) & (events == 1)) / hr[times > u].sum() for u in t]
    return t, np.cumsum(steps)


# --- survival_curves --------------------------------------------------------------------------------------------


@correct("survival_curves")
def curves_by_outer(risk, H0):
    return np.exp(-np.outer(np.exp(risk), H0))


@correct("survival_curves")
def curves_by_broadcast(risk, H0):
    return np.exp(-H0[None, :] * np.exp(risk)[:, None])


@correct("survival_curves")
def curves_as_powers(risk, H0):
    # S_i = S_0 ** exp(r_i), S_0 = exp(-H0)
    return np.exp(-H0)[None, :] ** np.exp(risk)[:, None]


@mistake("survival_curves")
def curves_risk_not_exponentiated(risk, H0):
    return np.exp(-np.outer(risk, H0))


@mistake("survival_curves")
def curves_transposed(risk, H0):
    return np.exp(-np.outer(H0, np.exp(risk)))


@mistake("survival_curves")
def curves_linearised(risk, H0):
    return 1 - np.outer(np.exp(risk), H0)


# --- brier_score ------------------------------------------------------------------------------------------------


@correct("brier_score")
def brier_by_masks(surv_t, t, times, events, cens_times, cens_surv):
    case = (times <= t) & (events == 1)
    control = times > t
    G_own = step_value(cens_times, cens_surv, times)
    G_t = step_value(cens_times, cens_surv, t)
    total = np.sum(surv_t[case] ** 2 / G_own[case]) + np.sum((1 - surv_t[control]) ** 2) / G_t
    return float(total / len(times))


@correct("brier_score")
def brier_patient_by_patient(surv_t, t, times, events, cens_times, cens_surv):
    G_t = float(step_value(cens_times, cens_surv, t))
    total = 0.0
    for s, T, e in zip(surv_t, times, events, strict=True):
        if T <= t and e == 1:
            total += s**2 / float(step_value(cens_times, cens_surv, T))
        elif T > t:
            total += (1 - s) ** 2 / G_t
    return total / len(times)


@mistake("brier_score")
def brier_cases_weighed_at_t(surv_t, t, times, events, cens_times, cens_surv):
    case = (times <= t) & (events == 1)
    control = times > t
    G_t = step_value(cens_times, cens_surv, t)
    total = np.sum(surv_t[case] ** 2) / G_t + np.sum((1 - surv_t[control]) ** 2) / G_t
    return float(total / len(times))


@mistake("brier_score")
def brier_mean_over_the_known(surv_t, t, times, events, cens_times, cens_surv):
    case = (times <= t) & (events == 1)
    control = times > t
    G_own = step_value(cens_times, cens_surv, times)
    G_t = step_value(cens_times, cens_surv, t)
    total = np.sum(surv_t[case] ** 2 / G_own[case]) + np.sum((1 - surv_t[control]) ** 2) / G_t
    return float(total / np.sum(case | control))


@mistake("brier_score")
def brier_targets_swapped(surv_t, t, times, events, cens_times, cens_surv):
    case = (times <= t) & (events == 1)
    control = times > t
    G_own = step_value(cens_times, cens_surv, times)
    G_t = step_value(cens_times, cens_surv, t)
    total = np.sum((1 - surv_t[case]) ** 2 / G_own[case]) + np.sum(surv_t[control] ** 2) / G_t
    return float(total / len(times))


@mistake("brier_score")
def brier_controls_from_t_on(surv_t, t, times, events, cens_times, cens_surv):
    case = (times < t) & (events == 1)
    control = times >= t
    G_own = step_value(cens_times, cens_surv, times)
    G_t = step_value(cens_times, cens_surv, t)
    total = np.sum(surv_t[case] ** 2 / G_own[case]) + np.sum((1 - surv_t[control]) ** 2) / G_t
    return float(total / len(times))


# --- integrated_brier_score -------------------------------------------------------------------------------------


@correct("integrated_brier_score")
def ibs_by_trapezoid(surv, grid, times, events, cens_times, cens_surv):
    scores = [brier_score(surv[:, j], g, times, events, cens_times, cens_surv) for j, g in enumerate(grid)]
    return float(np.trapezoid(scores, grid) / (grid[-1] - grid[0]))


@correct("integrated_brier_score")
def ibs_by_hand(surv, grid, times, events, cens_times, cens_surv):
    bs = np.array([brier_score(surv[:, j], grid[j], times, events, cens_times, cens_surv)
                   for j in range(len(grid))])
    area = np.sum((bs[1:] + bs[:-1]) / 2 * np.diff(grid))
    return float(area / (grid[-1] - grid[0]))


@mistake("integrated_brier_score")
def ibs_plain_mean(surv, grid, times, events, cens_times, cens_surv):
    scores = [brier_score(surv[:, j], g, times, events, cens_times, cens_surv) for j, g in enumerate(grid)]
    return float(np.mean(scores))


@mistake("integrated_brier_score")
def ibs_not_divided(surv, grid, times, events, cens_times, cens_surv):
    scores = [brier_score(surv[:, j], g, times, events, cens_times, cens_surv) for j, g in enumerate(grid)]
    return float(np.trapezoid(scores, grid))


@mistake("integrated_brier_score")
def ibs_unit_spacing(surv, grid, times, events, cens_times, cens_surv):
    scores = [brier_score(surv[:, j], g, times, events, cens_times, cens_surv) for j, g in enumerate(grid)]
    return float(np.trapezoid(scores) / (grid[-1] - grid[0]))


@mistake("integrated_brier_score")
def ibs_rows_for_columns(surv, grid, times, events, cens_times, cens_surv):
    scores = [brier_score(surv[j], g, times, events, cens_times, cens_surv) for j, g in enumerate(grid)]
    return float(np.trapezoid(scores, grid) / (grid[-1] - grid[0]))


# --- deepsurv_loss ----------------------------------------------------------------------------------------------


@correct("deepsurv_loss")
def deepsurv_by_mask(log_h, times, events):
    at_risk = times[None, :] >= times[:, None]
    log_sums = torch.logsumexp(log_h[None, :].masked_fill(~at_risk, float("-inf")), dim=1)
    e = events.bool()
    return -(log_h[e] - log_sums[e]).mean()


@correct("deepsurv_loss")
def deepsurv_by_sorting(log_h, times, events):
    order = torch.argsort(times, descending=True)
    t_sorted, h_sorted, e_sorted = times[order], log_h[order], events[order].float()
    running = torch.logcumsumexp(h_sorted, dim=0)
    # ties: every patient tied in time gets the sum at the last of them; searchsorted wants ascending order
    ascending = torch.flip(t_sorted, dims=[0])
    first_at_or_after = torch.searchsorted(ascending, t_sorted, right=False)
    last = len(times) - 1 - first_at_or_after
    log_sums = running[last]
    return -torch.sum((h_sorted - log_sums) * e_sorted) / e_sorted.sum()


@mistake("deepsurv_loss")
def deepsurv_ties_ignored(log_h, times, events):
    order = torch.argsort(times, descending=True)
    h_sorted, e_sorted = log_h[order], events[order].float()
    log_sums = torch.logcumsumexp(h_sorted, dim=0)  # a tied patient's own position, not the last of the tie
    return -torch.sum((h_sorted - log_sums) * e_sorted) / e_sorted.sum()


@mistake("deepsurv_loss")
def deepsurv_sorted_the_wrong_way(log_h, times, events):
    at_risk = times[None, :] <= times[:, None]
    log_sums = torch.logsumexp(log_h[None, :].masked_fill(~at_risk, float("-inf")), dim=1)
    e = events.bool()
    return -(log_h[e] - log_sums[e]).mean()


@mistake("deepsurv_loss")
def deepsurv_mean_over_everyone(log_h, times, events):
    at_risk = times[None, :] >= times[:, None]
    log_sums = torch.logsumexp(log_h[None, :].masked_fill(~at_risk, float("-inf")), dim=1)
    return -((log_h - log_sums) * events.float()).mean()


@mistake("deepsurv_loss")
def deepsurv_summed(log_h, times, events):
    at_risk = times[None, :] >= times[:, None]
    log_sums = torch.logsumexp(log_h[None, :].masked_fill(~at_risk, float("-inf")), dim=1)
    e = events.bool()
    return -(log_h[e] - log_sums[e]).sum()


# --- DeepSurv ---------------------------------------------------------------------------------------------------


@correct("DeepSurv")
class DeepSurvSequential(nn.Module):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        layers, width = [], n_features
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.Dropout(dropout)]
            width = h
        layers.append(nn.Linear(width, 1, bias=False))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).squeeze(-1)


@correct("DeepSurv")
class DeepSurvModuleList(nn.Module):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        sizes = [n_features, *hidden]
        self.hidden_layers = nn.ModuleList(nn.Linear(sizes[k], sizes[k + 1]) for k in range(len(hidden)))
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(sizes[-1], 1, bias=False)

    def forward(self, x):
        for layer in self.hidden_layers:
            x = self.drop(torch.relu(layer(x)))
        return self.out(x)[:, 0]


@mistake("DeepSurv")
class DeepSurvOutputBias(nn.Module):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        layers, width = [], n_features
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.Dropout(dropout)]
            width = h
        layers.append(nn.Linear(width, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).squeeze(-1)


@mistake("DeepSurv")
class DeepSurvColumnOut(nn.Module):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        layers, width = [], n_features
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.Dropout(dropout)]
            width = h
        layers.append(nn.Linear(width, 1, bias=False))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)  # (m, 1)


@mistake("DeepSurv")
class DeepSurvNoActivation(nn.Module):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        layers, width = [], n_features
        for h in hidden:
            layers += [nn.Linear(width, h), nn.Dropout(dropout)]
            width = h
        layers.append(nn.Linear(width, 1, bias=False))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).squeeze(-1)


@mistake("DeepSurv")
class DeepSurvReluOnTheScore(nn.Module):
    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        layers, width = [], n_features
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.Dropout(dropout)]
            width = h
        layers += [nn.Linear(width, 1, bias=False), nn.ReLU()]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).squeeze(-1)


# --- train_deepsurv ---------------------------------------------------------------------------------------------


@correct("train_deepsurv")
def train_plain(model, optimizer, X, times, events, epochs=200):
    model.train()
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = deepsurv_loss(model(X), times, events)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    model.eval()
    return losses


@correct("train_deepsurv")
def train_with_float(model, optimizer, X, times, events, epochs=200):
    history = []
    model.train()
    try:
        for _ in range(epochs):
            loss = deepsurv_loss(model(X), times, events)
            history.append(float(loss.detach()))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    finally:
        model.eval()
    return history


@mistake("train_deepsurv")
def train_left_in_train_mode(model, optimizer, X, times, events, epochs=200):
    model.train()
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = deepsurv_loss(model(X), times, events)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return losses


@mistake("train_deepsurv")
def train_gradients_pile_up(model, optimizer, X, times, events, epochs=200):
    model.train()
    losses = []
    for _ in range(epochs):
        loss = deepsurv_loss(model(X), times, events)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    model.eval()
    return losses


@mistake("train_deepsurv")
def train_loss_after_the_step(model, optimizer, X, times, events, epochs=200):
    model.train()
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = deepsurv_loss(model(X), times, events)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(deepsurv_loss(model(X), times, events).item())
    model.eval()
    return losses


@mistake("train_deepsurv")
def train_never_in_train_mode(model, optimizer, X, times, events, epochs=200):
    model.eval()  # dropout off while training too
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = deepsurv_loss(model(X), times, events)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return losses
