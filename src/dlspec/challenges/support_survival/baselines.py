"""``python -m dlspec.challenges.support_survival.baselines``: the shipped baselines' risks for the test patients
(``baselines.npz``) and their Harrell's C on all of them (for challenge.toml). Seeded; seconds."""

from __future__ import annotations

import numpy as np

from dlspec.challenges.bundle import load
from dlspec.challenges.metrics import score
from dlspec.challenges.support_survival.task import solution, table


def design(train, test) -> tuple[np.ndarray, np.ndarray]:
    """One-hot categories and standardised numbers, both scaled by the training rows."""
    import pandas as pd

    both = pd.get_dummies(pd.concat([train, test]).drop(columns=["time", "event"]), drop_first=True, dtype=float)
    x = both.to_numpy(dtype=float)
    x_train, x_test = x[: len(train)], x[len(train) :]
    mean, std = x_train.mean(0), x_train.std(0) + 1e-12
    return (x_train - mean) / std, (x_test - mean) / std


def cox(x: np.ndarray, time: np.ndarray, event: np.ndarray, l2: float = 1e-2) -> np.ndarray:
    """Cox proportional hazards weights: Breslow's partial likelihood (a small L2 term), minimised by L-BFGS."""
    from scipy.optimize import minimize

    order = np.argsort(-time, kind="stable")  # longest first: a cumulative sum gives each time's risk set
    x, event = x[order], event[order].astype(bool)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        eta = x @ w
        top = eta.max()
        e = np.exp(eta - top)
        risk, risk_x = np.cumsum(e), np.cumsum(e[:, None] * x, axis=0)
        value = -(eta[event] - top - np.log(risk[event])).sum() + l2 * w @ w
        grad = -(x[event] - risk_x[event] / risk[event][:, None]).sum(0) + 2 * l2 * w
        return value / len(x), grad / len(x)

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def one_year(x: np.ndarray, time: np.ndarray, event: np.ndarray, test: np.ndarray) -> np.ndarray:
    """The probability of dying within a year from gradient-boosted trees, trained on the patients whose one-year
    outcome is known (censored before a year: left out)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    known = (time > 365) | (event == 1)
    died = (time <= 365) & (event == 1)
    model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, random_state=0)
    return model.fit(x[known], died[known]).predict_proba(test)[:, 1]


def main() -> None:
    train, test = table()
    x_train, x_test = design(train, test)
    w = cox(x_train, train["time"].to_numpy(), train["event"].to_numpy())
    risks = {
        "random": np.random.default_rng(0).normal(size=len(test)),
        "age": test["age"].to_numpy(dtype=float),
        "cox-ph": x_test @ w,
        "boosted-one-year": one_year(x_train, train["time"].to_numpy(), train["event"].to_numpy(), x_test),
    }
    challenge = load("support-survival")
    np.savez_compressed(challenge.folder / "baselines.npz", **{f"{k}.risk": v for k, v in risks.items()})
    for name, r in risks.items():
        print(f"{name}: Harrell's C {score('harrell_c', solution(), {'risk': r}, np.arange(len(r))):.4f}")


if __name__ == "__main__":
    main()
