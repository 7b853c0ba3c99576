"""Breast cancer recurrence, Rotterdam to GBSG: the external validation of the DeepSurv paper (Katzman et al. 2018).

Train on the Rotterdam tumour bank (2,982 patients, R's ``survival::rotterdam`` as ``AF::rott2``), test on the
German Breast Cancer Study Group trial (686 patients, ``pec::GBSG2``): another country, another decade, and only
node-positive patients, so the test tells how a model travels. Both come from SurvSet (GPL-3), installed beside
dlspec and read from its folder at run time; nothing of it is copied into dlspec.

Time is in days (Rotterdam's months times 30.44). The events differ, and a learner should know it: SurvSet keeps
Rotterdam's overall survival (death from any cause), while GBSG's event is recurrence or death (recurrence-free
survival). A model learns who is at higher risk from deaths and is tested on recurrences: the ranking travels
(the same prognostic factors drive both), the absolute survival curves less well (recurrence comes sooner than
death), which shows in the Brier score of every model alike.
The seven features the two studies share, in the paper's choice:

====================  =============================================================================
``age``               years
``postmenopausal``    1 after the menopause
``hormone_therapy``   1 when the patient had hormone therapy
``tumour_size``       0 for at most 20 mm, 1 for 20 to 50 mm, 2 above (GBSG's millimetres binned so)
``log_nodes``         log(1 + positive lymph nodes)
``log_progesterone``  log(1 + progesterone receptor, fmol/l)
``log_estrogen``      log(1 + estrogen receptor, fmol/l)
====================  =============================================================================

Left out on purpose: Rotterdam's grade (GBSG grades I-III, Rotterdam 2-3: not the same scale), chemotherapy and
the year of surgery (absent from GBSG), and Rotterdam's ``dtime``/death columns (an outcome, so a leak).
"""

from __future__ import annotations

import pickle
import warnings
from importlib import resources

import numpy as np

FEATURES = ("age", "postmenopausal", "hormone_therapy", "tumour_size", "log_nodes", "log_progesterone",
            "log_estrogen")  # fmt: skip
DAYS_PER_MONTH = 365.25 / 12


def _survset(name: str):
    """One SurvSet table (a pandas DataFrame) read from the installed package."""
    try:
        folder = resources.files("SurvSet").joinpath("resources", "pickles")
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError("the Rotterdam and GBSG data come with SurvSet: pip install survset==0.2.11") from e
    with folder.joinpath(f"{name}.pickle").open("rb") as f, warnings.catch_warnings():
        # the pickles were written by an older NumPy, whose module names the current one still reads but warns of
        warnings.simplefilter("ignore", DeprecationWarning)
        return pickle.load(f)


def _rotterdam() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    df = _survset("rott2")
    size = df["fac_tsize"].astype(str).map({"<=20mm": 0, ">20-50mmm": 1, ">50mm": 2}).to_numpy(float)
    X = np.column_stack([df["num_age"], df["fac_meno"].astype(str) == "post", df["fac_hormon"].astype(str) == "yes",
                         size, np.log1p(df["num_nodes"]), np.log1p(df["num_progesterone"]),
                         np.log1p(df["num_estrogen"])]).astype(float)  # fmt: skip
    return X, df["time"].to_numpy(float) * DAYS_PER_MONTH, df["event"].to_numpy(int)


def _gbsg() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    df = _survset("GBSG2")
    size = np.digitize(df["num_tsize"].to_numpy(float), [20.5, 50.5])  # <=20, 21-50, >50 mm, as Rotterdam's classes
    X = np.column_stack([df["num_age"], df["fac_menostat"].astype(str) == "Post", df["fac_horTh"].astype(str) == "yes",
                         size, np.log1p(df["num_pnodes"]), np.log1p(df["num_progrec"]),
                         np.log1p(df["num_estrec"])]).astype(float)  # fmt: skip
    return X, df["time"].to_numpy(float), df["event"].to_numpy(int)


def load_rotterdam_gbsg() -> dict[str, np.ndarray]:
    """Rotterdam (train) and GBSG (test): ``X_train (2982, 7)``, ``times_train``, ``events_train``, ``X_test (686,
    7)``, ``times_test``, ``events_test``, and ``features``. The features are raw (not standardised): a model
    standardises with the training set's mean and spread."""
    X_train, times_train, events_train = _rotterdam()
    X_test, times_test, events_test = _gbsg()
    return {"X_train": X_train, "times_train": times_train, "events_train": events_train, "X_test": X_test,
            "times_test": times_test, "events_test": events_test, "features": np.array(FEATURES)}  # fmt: skip
