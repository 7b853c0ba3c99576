"""dlspec.nn.survival and dlspec.nn.deepsurv against lifelines (MIT) and scikit-survival (GPL-3, a test tool only:
nothing of it is copied into dlspec), on their own data sets and on made-up cohorts with and without ties."""

import warnings

import lifelines
import numpy as np
import pandas as pd
import pytest
import sksurv.metrics as sksurv_metrics
import torch
from lifelines.datasets import load_rossi, load_waltons
from scipy.optimize import minimize
from sksurv.linear_model import CoxPHSurvivalAnalysis
from sksurv.linear_model.coxph import BreslowEstimator
from sksurv.nonparametric import CensoringDistributionEstimator
from sksurv.util import Surv

from dlspec.nn.deepsurv import DeepSurv, deepsurv_loss, train_deepsurv
from dlspec.nn.survival import (
    breslow_baseline,
    brier_score,
    censoring_km,
    concordance_index,
    cox_loss,
    integrated_brier_score,
    kaplan_meier,
    step_value,
    survival_curves,
)


def cohort(seed, m=200, ties=True):
    rng = np.random.default_rng(seed)
    risk = np.round(rng.normal(size=m), 1)
    times = rng.exponential(np.exp(-risk)) * 30
    times = np.ceil(times) if ties else times
    return times, (rng.random(m) < 0.6).astype(int), risk


@pytest.fixture(scope="module")
def rossi():
    """lifelines' recidivism data (432 released prisoners, weeks to re-arrest), features standardised, and the Cox
    model scikit-survival fits with Breslow's ties."""
    df = load_rossi()
    X = df.drop(columns=["week", "arrest"]).to_numpy(float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    times, events = df["week"].to_numpy(float), df["arrest"].to_numpy(int)
    fitted = CoxPHSurvivalAnalysis(ties="breslow").fit(X, Surv.from_arrays(events == 1, times))
    return X, times, events, fitted.coef_


def test_kaplan_meier_equals_lifelines_on_waltons():
    df = load_waltons()
    t, S = kaplan_meier(df["T"].to_numpy(), df["E"].to_numpy())
    fitted = lifelines.KaplanMeierFitter().fit(df["T"], df["E"])
    np.testing.assert_allclose(S, fitted.survival_function_at_times(t).to_numpy(), atol=1e-10)


@pytest.mark.parametrize("ties", [True, False])
def test_concordance_index_equals_both_libraries(ties):
    times, events, risk = cohort(1, ties=ties)
    ours = concordance_index(times, events, risk)
    assert ours == pytest.approx(sksurv_metrics.concordance_index_censored(events == 1, times, risk)[0], abs=1e-12)
    # lifelines wants predicted survival times, larger for later events: the negated risk
    assert ours == pytest.approx(lifelines.utils.concordance_index(times, -risk, events), abs=1e-12)


def test_cox_loss_is_lifelines_log_likelihood_without_ties():
    # lifelines breaks ties by Efron's rule; with none, every rule agrees
    times, events, _ = cohort(2, m=150, ties=False)
    x = np.random.default_rng(2).normal(size=(150, 2))
    df = pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "T": times, "E": events})
    fitted = lifelines.CoxPHFitter().fit(df, "T", "E")
    loss, _ = cox_loss(x @ fitted.params_.to_numpy(), times, events)
    assert -loss * events.sum() == pytest.approx(fitted.log_likelihood_, rel=1e-8)


def test_minimising_cox_loss_gives_scikit_survivals_breslow_fit(rossi):
    X, times, events, coef = rossi

    def objective(beta):
        loss, drisk = cox_loss(X @ beta, times, events)
        return loss, X.T @ drisk

    fit = minimize(objective, np.zeros(X.shape[1]), jac=True, method="BFGS", options={"gtol": 1e-10})
    np.testing.assert_allclose(fit.x, coef, atol=1e-6)


def test_cox_gradient_by_finite_differences_and_shift_invariance():
    times, events, risk = cohort(3, m=40)
    loss, grad = cox_loss(risk, times, events)
    eps = 1e-6
    numeric = [(cox_loss(risk + eps * e, times, events)[0] - cox_loss(risk - eps * e, times, events)[0]) / (2 * eps)
               for e in np.eye(len(risk))]  # fmt: skip
    np.testing.assert_allclose(grad, numeric, atol=1e-8)
    shifted, shifted_grad = cox_loss(risk + 1000.0, times, events)  # overflows without the log-sum-exp trick
    assert shifted == pytest.approx(loss, rel=1e-9)
    np.testing.assert_allclose(shifted_grad, grad, atol=1e-12)


def test_breslow_baseline_and_curves_equal_scikit_survival(rossi):
    X, times, events, coef = rossi
    risk = X @ coef
    t, H0 = breslow_baseline(risk, times, events)
    theirs = BreslowEstimator().fit(risk, events == 1, times)
    np.testing.assert_allclose(H0, theirs.cum_baseline_hazard_(t), rtol=1e-12)
    curves = np.array([f(t) for f in theirs.get_survival_function(risk[:5])])
    np.testing.assert_allclose(survival_curves(risk[:5], H0), curves, rtol=1e-12)
    assert np.all(np.diff(H0) > 0)


@pytest.mark.parametrize("ties", [True, False])
def test_censoring_distribution_and_integrated_brier_score_equal_scikit_survival(ties):
    train_times, train_events, _ = cohort(4, m=300, ties=ties)
    times, events, risk = cohort(5, m=120, ties=ties)
    knots, G = censoring_km(train_times, train_events)
    y_train, y_test = Surv.from_arrays(train_events == 1, train_times), Surv.from_arrays(events == 1, times)
    np.testing.assert_allclose(G, CensoringDistributionEstimator().fit(y_train).predict_proba(knots), rtol=1e-12)
    grid = np.unique(np.quantile(times, np.linspace(0.1, 0.8, 15)))
    S = np.exp(-np.outer(np.exp(risk), grid / 30))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = sksurv_metrics.integrated_brier_score(y_train, y_test, S, grid)
        _, at_each_time = sksurv_metrics.brier_score(y_train, y_test, S, grid)
    ours = [brier_score(S[:, k], t, times, events, knots, G) for k, t in enumerate(grid)]
    np.testing.assert_allclose(ours, at_each_time, rtol=1e-10)
    assert integrated_brier_score(S, grid, times, events, knots, G) == pytest.approx(expected, rel=1e-6)


def test_step_value_is_one_before_the_first_knot_and_right_continuous():
    np.testing.assert_array_equal(step_value([1.0, 3.0], [0.8, 0.5], [0.5, 1.0, 2.0, 3.0, 9.0]),
                                  [1.0, 0.8, 0.8, 0.5, 0.5])  # fmt: skip


@pytest.mark.parametrize("ties", [True, False])
def test_deepsurv_loss_and_its_gradient_equal_cox_loss(ties):
    times, events, risk = cohort(6, m=80, ties=ties)
    log_h = torch.tensor(risk * 30, dtype=torch.float64, requires_grad=True)  # scores up to about 100
    loss = deepsurv_loss(log_h, torch.tensor(times), torch.tensor(events))
    loss.backward()
    expected, grad = cox_loss(risk * 30, times, events)
    assert loss.item() == pytest.approx(expected, rel=1e-12)
    np.testing.assert_allclose(log_h.grad.numpy(), grad, atol=1e-12)


def test_a_deepsurv_without_hidden_layers_is_the_linear_cox_model(rossi):
    X, times, events, coef = rossi
    torch.manual_seed(0)
    model = DeepSurv(X.shape[1], hidden=()).double()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    losses = train_deepsurv(model, optimizer, torch.tensor(X), torch.tensor(times), torch.tensor(events), epochs=400)
    assert losses[-1] < losses[0]
    np.testing.assert_allclose(model.net[0].weight.detach().numpy()[0], coef, atol=2e-3)
