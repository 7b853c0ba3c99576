"""SUPPORT survival challenge: rank 2,732 seriously ill hospital patients by risk of death.

The data are SurvSet's ``support2`` (the SUPPORT study, 9,105 patients; SurvSet is GPL-3, so dlspec depends on it
and never copies it). Only DeepSurv's 14 baseline covariates are kept: the study's own prognoses (``surv2m``,
``surv6m``), its physiology scores and anything measured after admission would leak the outcome. Missing white-cell
counts and creatinine take the normal values the study's documentation gives (9 and 1.01); the few other gaps
(one patient) the median.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from dlspec.challenges.bundle import load
from dlspec.challenges.schema import sample

# dlspec's name -> SurvSet's column
COVARIATES = {
    "age": "num_age", "sex": "fac_sex", "race": "fac_race", "comorbidities": "num_num_co",
    "diabetes": "fac_diabetes", "dementia": "fac_dementia", "cancer": "fac_ca", "mean_bp": "num_meanbp",
    "heart_rate": "num_hrt", "resp_rate": "num_resp", "temperature": "num_temp", "white_cells": "num_wblc",
    "sodium": "num_sod", "creatinine": "num_crea",
}  # fmt: skip
NORMAL = {"white_cells": 9.0, "creatinine": 1.01}
TEST_FRACTION = 0.3
SPLIT_SEED = 0  # the train/test split is the bundle's; the public/private split of the test rows is the install's


@cache
def table():
    """``(train, test)`` DataFrames: the 14 covariates, then ``time`` (days) and ``event`` (1 = died)."""
    import warnings

    from SurvSet.data import SurvLoader

    with warnings.catch_warnings():  # SurvSet's pickles name numpy.core, which NumPy 2 warns about
        warnings.simplefilter("ignore", DeprecationWarning)
        raw = SurvLoader().load_dataset("support2")["df"]
    df = raw[list(COVARIATES.values())].set_axis(list(COVARIATES), axis=1)
    for name in ("diabetes", "dementia"):
        df[name] = df[name].astype(int)
    for name in df.columns[df.isna().any()]:
        df[name] = df[name].fillna(NORMAL.get(name, df[name].median()))
    df["time"], df["event"] = raw["time"].astype(float), raw["event"].astype(int)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(df))
    n_test = round(TEST_FRACTION * len(df))
    return df.iloc[order[n_test:]].reset_index(drop=True), df.iloc[order[:n_test]].reset_index(drop=True)


def solution() -> dict[str, np.ndarray]:
    test = table()[1]
    return {"time": test["time"].to_numpy(), "event": test["event"].to_numpy()}


def files() -> dict[str, bytes]:
    train, test = table()
    features = test.drop(columns=["time", "event"])
    features.insert(0, "id", np.arange(len(features)))
    return {
        "train.csv": train.to_csv(index=False).encode(),
        "test.csv": features.to_csv(index=False).encode(),
        "sample_submission.csv": sample(load("support-survival")),
    }
