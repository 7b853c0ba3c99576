"""Rotterdam and GBSG, read from the installed SurvSet: sizes, events, and features on one scale in both."""

import numpy as np

from dlspec.data.rotterdam import FEATURES, load_rotterdam_gbsg


def test_rotterdam_and_gbsg_load_with_the_shared_features():
    d = load_rotterdam_gbsg()
    assert d["X_train"].shape == (2982, len(FEATURES)) and d["X_test"].shape == (686, len(FEATURES))
    for part in ("train", "test"):
        X, times, events = d[f"X_{part}"], d[f"times_{part}"], d[f"events_{part}"]
        assert np.isfinite(X).all() and (times > 0).all() and set(np.unique(events)) == {0, 1}
        assert 0.4 < events.mean() < 0.45  # 42.7% deaths in Rotterdam, 43.6% recurrences or deaths in GBSG
        for binary in ("postmenopausal", "hormone_therapy"):
            assert set(np.unique(X[:, FEATURES.index(binary)])) == {0.0, 1.0}
        assert set(np.unique(X[:, FEATURES.index("tumour_size")])) == {0.0, 1.0, 2.0}
    # both in days: Rotterdam followed for up to 19 years, GBSG for up to 7.3
    assert 6900 < d["times_train"].max() < 7100 and d["times_test"].max() == 2659
    # GBSG took only patients with positive nodes
    assert d["X_test"][:, FEATURES.index("log_nodes")].min() > 0
