"""Cases for C6W3A1, deep survival analysis.

The NumPy functions meet small made-up cohorts: times drawn as whole days so that events and censorings tie (where
Breslow's risk sets, the C-index's comparable pairs and the censoring weights are easiest to get wrong), times
drawn as real numbers with no ties, cohorts with no censoring, and for the Cox loss risk scores in the hundreds
that overflow an unstabilised exp. Each visible example is a six-patient cohort small enough to work by hand.

The PyTorch items run in the grading child (``Case.make``, ``inputs.py``): the loss is judged by its value and its
gradient (autograd's, read by the probe after backward); the network by ``module_report`` (parameter shapes,
outputs for weights drawn by shape, in eval and in train mode); training by the losses it returns and the trained
model's output, with the reference loss swapped in so that a mistake in the loss is not counted twice, and plain
gradient descent as the optimiser it is handed (creating a torch.optim one costs seconds of imports).
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.nn.survival import censoring_km

INPUTS = "dlspec.course.c6w3a1.inputs"
TORCH_TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32 sums in another order

# six patients: days to the event (1) or to censoring (0); two events tie at day 5, a censoring ties with them
EXAMPLE = (np.array([2.0, 5.0, 5.0, 5.0, 8.0, 12.0]), np.array([1, 1, 1, 0, 0, 1]))
EXAMPLE_RISK = np.array([1.2, 0.4, 0.9, -0.3, 0.1, -1.0])


def cohort(seed: int, m: int, ties: bool = True, censored: float = 0.4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(times, events, risk) of m made-up patients: whole days from 1 to m // 2 (many ties) or real-valued times;
    a share ``censored`` censored; risk scores that explain part of the order (so a C-index is not near 0.5)."""
    rng = np.random.default_rng(seed)
    risk = np.round(rng.normal(size=m), 1)  # rounded: some tied risks
    times = rng.exponential(np.exp(-risk)) * m / 4
    times = np.ceil(times).clip(1, m // 2) if ties else times
    events = (rng.random(m) >= censored).astype(int)
    return times, events, risk


def _note(times: np.ndarray, events: np.ndarray, what: str = "") -> str:
    ties = len(times) - len(np.unique(times))
    return (f"{len(times)} patients, {int(np.sum(events))} events, {ties} tied times" + (f"; {what}" if what else ""))


def _survival_cases(args_of, names_seeds=((1, 12, True, 0.4), (2, 40, True, 0.3), (3, 25, False, 0.5),
                                          (4, 30, True, 0.0))) -> list[Case]:  # fmt: skip
    cases = []
    for seed, m, ties, censored in names_seeds:
        times, events, risk = cohort(seed, m, ties, censored)
        name = f"{m} patients, " + ("tied days" if ties else "no ties") + (", no censoring" if not censored else "")
        cases.append(Case(name, args_of(times, events, risk), note=_note(times, events)))
    return cases


def kaplan_meier_cases() -> list[Case]:
    times, events = EXAMPLE
    return [Case("example: six patients", (times, events), note=_note(times, events)),
            *_survival_cases(lambda t, e, r: (t, e))]  # fmt: skip


def cox_loss_cases() -> list[Case]:
    times, events = EXAMPLE
    cases = [Case("example: six patients", (EXAMPLE_RISK, times, events), note=_note(times, events)),
             *_survival_cases(lambda t, e, r: (r, t, e))]  # fmt: skip
    t, e, r = cohort(5, 20)
    cases.append(Case("risk scores near 800", (r * 50 + 800, t, e), note=_note(t, e, "exp(800) overflows")))
    return cases


def concordance_index_cases() -> list[Case]:
    times, events = EXAMPLE
    cases = [Case("example: six patients", (times, events, EXAMPLE_RISK), note=_note(times, events)),
             *_survival_cases(lambda t, e, r: (t, e, r))]  # fmt: skip
    t, e, r = cohort(6, 30)
    cases.append(Case("risk scores in three levels", (t, e, np.sign(r)), note=_note(t, e, "many tied risks")))
    return cases


def breslow_baseline_cases() -> list[Case]:
    times, events = EXAMPLE
    return [Case("example: six patients", (EXAMPLE_RISK, times, events), note=_note(times, events)),
            *_survival_cases(lambda t, e, r: (r, t, e))]  # fmt: skip


def survival_curves_cases() -> list[Case]:
    cases = [Case("example: three patients, four times", (np.array([0.5, 0.0, -1.0]), np.array([0.1, 0.3, 0.7,
                                                                                               1.4])))]  # fmt: skip
    for seed, (m, k) in enumerate([(5, 8), (12, 3), (7, 20)]):
        rng = np.random.default_rng(seed)
        risk, H0 = rng.normal(size=m), np.cumsum(rng.exponential(0.1, size=k))
        cases.append(Case(f"{m} patients, {k} times", (risk, H0), note=f"risk ({m},), H0 ({k},)"))
    return cases


def _brier_inputs(seed: int, m: int, ties: bool) -> tuple[np.ndarray, ...]:
    """A test cohort, predicted survival curves S (m, k) on a grid of k <= 8 uneven times among its own, and
    the censoring distribution of a training cohort of 2m (the knots and values of G)."""
    times, events, risk = cohort(seed, m, ties)
    train_times, train_events, _ = cohort(seed + 100, 2 * m, ties)  # longer follow-up: G > 0 where read
    cens_times, cens_surv = censoring_km(train_times, train_events)
    rng = np.random.default_rng(seed)
    candidates = np.unique(times)[:-1]  # the cohort's own times, but the last (where G and S may reach 0)
    grid = np.sort(rng.choice(candidates, size=min(8, len(candidates)), replace=False))
    S = np.exp(-np.outer(np.exp(risk + rng.normal(0, 0.5, m)), grid / np.median(times)))
    return S, grid, times, events, cens_times, cens_surv


def brier_score_cases() -> list[Case]:
    times, events = EXAMPLE
    cens = censoring_km(times, events)
    surv_t = np.array([0.9, 0.6, 0.5, 0.7, 0.8, 0.95])
    example = Case("example: six patients at t = 5", (surv_t, 5.0, times, events, *cens),
                   note=_note(times, events, "G from the same six"))
    cases = [example]
    for seed, m, ties in [(11, 20, True), (12, 30, False), (13, 45, True)]:
        S, grid, times, events, cens_times, cens_surv = _brier_inputs(seed, m, ties)
        for k in (1, len(grid) // 2):  # t at one of the cohort's own times: events there are cases
            cases.append(Case(f"{m} patients, t = {grid[k]:.4g}" + (", tied days" if ties else ""),
                              (S[:, k], grid[k], times, events, cens_times, cens_surv),
                              note=_note(times, events, f"G from {2 * m} other patients")))  # fmt: skip
    return cases


def integrated_brier_score_cases() -> list[Case]:
    times, events = EXAMPLE
    grid = np.array([2.0, 3.0, 5.0, 8.0])
    S = np.exp(-np.outer(np.exp(EXAMPLE_RISK), grid / 8))
    cases = [Case("example: six patients, times 2, 3, 5, 8", (S, grid, times, events, *censoring_km(times, events)),
                  note=_note(times, events, "S (6, 4)"))]  # fmt: skip
    for seed, m, ties in [(21, 20, True), (22, 30, False), (23, 45, True)]:
        S, grid, times, events, cens_times, cens_surv = _brier_inputs(seed, m, ties)
        cases.append(Case(f"{m} patients, {len(grid)} uneven times", (S, grid, times, events, cens_times, cens_surv),
                          note=_note(times, events, f"S {S.shape}, G from {2 * m} other patients")))  # fmt: skip
    return cases


def deepsurv_loss_cases() -> list[Case]:
    times, events = EXAMPLE
    cases = [Case("example: six patients", make=f"{INPUTS}:loss_inputs", probe=f"{INPUTS}:loss_report",
                  make_kwargs={"log_h": EXAMPLE_RISK, "times": times, "events": events}, updates=(0,),
                  note=_note(times, events), **TORCH_TOL)]  # fmt: skip
    for seed, m, ties, scale in [(31, 15, True, 1.0), (32, 40, False, 1.0), (33, 60, True, 1.0), (34, 20, True, 60.0)]:
        times, events, risk = cohort(seed, m, ties)
        what = "risk scores near 100: exp overflows float32" if scale > 1 else ""
        cases.append(Case(f"{m} patients" + (", tied days" if ties else ", no ties") + (f", {what}" if what else ""),
                          make=f"{INPUTS}:loss_inputs", probe=f"{INPUTS}:loss_report", updates=(0,),
                          make_kwargs={"log_h": risk * scale, "times": times, "events": events},
                          note=_note(times, events, what), **TORCH_TOL))  # fmt: skip
    return cases


def DeepSurv_cases() -> list[Case]:
    cases = []
    for seed, (args, m) in enumerate([((7,), 6), ((3, (8,), 0.5), 5), ((5, (), 0.0), 4), ((4, (6, 5, 4), 0.3), 7),
                                      ((2, [16, 16], 0.2), 3)], start=41):  # fmt: skip
        x = np.random.default_rng(seed).normal(size=(m, args[0]))
        name = "example: DeepSurv(7)" if seed == 41 else f"DeepSurv{args}"
        cases.append(Case(name, args, probe="dlspec.checking.probes:module_report", seed=seed,
                          probe_kwargs={"x": x, "weights": seed}, note=f"X ({m}, {args[0]})", **TORCH_TOL))
    return cases


def train_deepsurv_cases() -> list[Case]:
    cases = []
    for seed, (m, n, hidden, lr, epochs) in enumerate([(40, 3, (8,), 0.5, 5), (60, 5, (6, 4), 1.0, 8),
                                                       (30, 2, (5,), 2.0, 6), (50, 4, (), 0.5, 4)], start=51):
        made = {"seed": seed, "m": m, "n_features": n, "hidden": hidden, "lr": lr}
        cases.append(Case(f"{m} patients, DeepSurv({n}, {hidden}), {epochs} epochs", kwargs={"epochs": epochs},
                          seed=seed, make=f"{INPUTS}:train_inputs", make_kwargs=made, updates=(0,),
                          probe=f"{INPUTS}:trained_report", probe_kwargs={"seed": seed, "m": m, "n_features": n},
                          swap={"deepsurv_loss": "dlspec.nn.deepsurv:deepsurv_loss"},
                          note=f"X ({m}, {n}) random, the model made in eval mode, gradient descent with lr {lr}",
                          **TORCH_TOL))  # fmt: skip
    return cases


CHECKS = {
    "kaplan_meier": kaplan_meier_cases,
    "cox_loss": cox_loss_cases,
    "concordance_index": concordance_index_cases,
    "breslow_baseline": breslow_baseline_cases,
    "survival_curves": survival_curves_cases,
    "brier_score": brier_score_cases,
    "integrated_brier_score": integrated_brier_score_cases,
    "deepsurv_loss": deepsurv_loss_cases,
    "DeepSurv": DeepSurv_cases,
    "train_deepsurv": train_deepsurv_cases,
}
