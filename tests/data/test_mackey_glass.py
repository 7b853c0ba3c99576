"""The pinned Mackey-Glass integrator: stored values, the attractor's range, and an accurate integration.

The values were written by this integrator (RK4, h = 0.1, constant history 1.2) and are held here because a chaotic
series cannot be checked against another implementation: two correct integrators part ways after a few hundred
time units (docs: dlspec.data.mackey_glass).
"""

import numpy as np
import pytest

from dlspec.data import mackey_glass as mg

GOLDEN = {0: 1.2, 17: 0.4919720967329631, 100: 1.013727530925127, 500: 1.0637519784984593,
          1000: 0.9464266566009946, 3000: 0.5273705979402774, 5999: 0.497708806600386}


@pytest.fixture(scope="module")
def series():
    return mg.mackey_glass(6000)


def test_stored_values(series):
    # exact to 1e-12 even at t = 5999: the integrator uses only IEEE-rounded arithmetic, no libm (see the module);
    # with x ** 10 in place of repeated multiplication, x(5999) moved from 0.498 to 0.543 on this machine
    assert series.shape == (6000,) and series.dtype == np.float64
    for t, value in GOLDEN.items():
        assert series[t] == pytest.approx(value, abs=1e-12), f"x({t})"


def test_the_power_is_multiplications():
    assert [mg._power(1.1, n) for n in (0, 1, 2, 10)] == pytest.approx([1.0, 1.1, 1.21, 1.1**10], rel=1e-15)


def test_a_shorter_run_is_the_start_of_a_longer_one(series):
    np.testing.assert_array_equal(mg.mackey_glass(700), series[:700])


def test_the_attractor_range(series):
    # MG-17's attractor spans about 0.42 to 1.32 once the flat starting history has washed out
    settled = series[1000:]
    assert 0.40 < settled.min() < 0.45 and 1.30 < settled.max() < 1.34


def test_half_the_step_agrees_before_chaos_parts_them(series, monkeypatch):
    # RK4 at h = 0.05 stays within 1e-3 of h = 0.1 for 300 time units: the integration is accurate, and the
    # stored values are not an artefact of a coarse step; after that, chaos amplifies the difference
    monkeypatch.setattr(mg, "H", 0.05)
    monkeypatch.setattr(mg, "SAMPLE_EVERY", 20)
    finer = mg.mackey_glass(300)
    assert np.abs(finer - series[:300]).max() < 1e-3
