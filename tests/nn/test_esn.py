"""dlspec.nn.esn, the answer key of C6W2A1, and dlspec.nn.forecast, its comparison with an LSTM."""

import numpy as np
import pytest

from dlspec.data.mackey_glass import mackey_glass
from dlspec.nn import forecast
from dlspec.nn.esn import (
    generate,
    init_reservoir,
    nrmse,
    readout,
    reservoir_states,
    ridge_readout,
    state_distance,
)


def reservoir(n_units=60, n_inputs=1, radius=0.9, density=0.2, scaling=0.5, seed=0):
    np.random.seed(seed)
    return init_reservoir(n_units, n_inputs, radius, density, scaling)


def test_init_reservoir_radius_density_and_inputs():
    W, W_in = reservoir(200, 2, radius=1.25, density=0.1, scaling=0.5)
    assert W.shape == (200, 200) and W_in.shape == (200, 3)
    assert np.abs(np.linalg.eigvals(W)).max() == pytest.approx(1.25, rel=1e-9)
    assert abs(np.mean(W != 0) - 0.1) < 0.01
    assert np.abs(W_in).max() <= 0.5 and np.abs(W_in).max() > 0.45
    again, _ = reservoir(200, 2, radius=1.25, density=0.1, scaling=0.5)
    np.testing.assert_array_equal(W, again)  # NumPy's global state, seeded


def test_reservoir_states_follow_the_leaky_update_step_by_step():
    W, W_in = reservoir()
    rng = np.random.default_rng(1)
    u, x0 = rng.uniform(-1, 1, (7, 1)), rng.uniform(-1, 1, 60)
    kept = x0.copy()
    states = reservoir_states(W, W_in, u, 0.3, x0)
    x = x0
    for t in range(7):
        x = 0.7 * x + 0.3 * np.tanh(W_in @ np.concatenate([[1.0], u[t]]) + W @ x)
        np.testing.assert_allclose(states[t], x, rtol=1e-12)
    np.testing.assert_array_equal(x0, kept)
    np.testing.assert_array_equal(reservoir_states(W, W_in, u, 0.3)[0],
                                  0.3 * np.tanh(W_in[:, 0] + W_in[:, 1] * u[0, 0]))


def test_echo_state_property_below_radius_one_and_its_loss_far_above():
    rng = np.random.default_rng(2)
    u = rng.uniform(-1, 1, (400, 1))
    starts = rng.uniform(-1, 1, (2, 100))
    W, W_in = reservoir(100, radius=0.9, scaling=1.0)
    assert state_distance(W, W_in, u, 0.3, *starts)[-1] < 1e-6
    W, W_in = reservoir(100, radius=3.0, scaling=1.0)
    assert state_distance(W, W_in, u, 0.3, *starts)[-1] > 1e-2


def test_ridge_readout_is_least_squares_on_the_rows_after_the_washout():
    rng = np.random.default_rng(3)
    states, targets = np.tanh(rng.standard_normal((50, 6))), rng.standard_normal((50, 2))
    X = np.hstack([np.ones((40, 1)), states[10:]])
    np.testing.assert_allclose(ridge_readout(states, targets, 0.0, 10),
                               np.linalg.lstsq(X, targets[10:], rcond=None)[0], rtol=1e-8)
    # ridge: least squares on rows sqrt(ridge) I appended, every weight the bias's included
    A, b = np.vstack([X, np.sqrt(0.5) * np.eye(7)]), np.vstack([targets[10:], np.zeros((7, 2))])
    W_out = ridge_readout(states, targets, 0.5, 10)
    np.testing.assert_allclose(W_out, np.linalg.lstsq(A, b, rcond=None)[0], rtol=1e-8)
    targets[:10] = 99.0  # the washout rows take no part
    np.testing.assert_allclose(ridge_readout(states, targets, 0.5, 10), W_out, rtol=1e-12)
    np.testing.assert_allclose(readout(states, W_out), np.hstack([np.ones((50, 1)), states]) @ W_out)


def test_nrmse_both_normalisations():
    y = np.array([0.0, 1.0, 2.0, 3.0])
    assert nrmse(y, y + 0.5) == pytest.approx(0.5 / np.sqrt(1.25))
    assert nrmse(y, y + 0.5, "range") == pytest.approx(0.5 / 3)
    assert nrmse(y, np.full(4, y.mean())) == pytest.approx(1.0)  # predicting the mean scores 1 with "std"
    with pytest.raises(ValueError, match="std"):
        nrmse(y, y, "mean")


def test_generate_starts_with_the_teacher_forced_prediction_and_feeds_itself():
    W, W_in = reservoir(40)
    rng = np.random.default_rng(4)
    W_out, x = 0.3 * rng.standard_normal((41, 1)), rng.uniform(-1, 1, 40)
    out = generate(W, W_in, W_out, x, 6, 0.4)
    np.testing.assert_allclose(out[0], readout(x, W_out))
    # driving the reservoir, teacher-forced, with its own outputs gives the same states and so the same outputs
    states = reservoir_states(W, W_in, out[:-1], 0.4, x)
    np.testing.assert_allclose(readout(states, W_out), out[1:], rtol=1e-12)


def test_windows_are_the_steps_before_each_end():
    u = np.arange(10.0)[:, None]
    X = forecast.windows(u, np.array([3, 9]), 4)
    assert X.shape == (1, 2, 4) and X.dtype == np.float32
    np.testing.assert_array_equal(X[0], [[0, 1, 2, 3], [6, 7, 8, 9]])


@pytest.fixture(scope="module")
def short():
    split = forecast.Split(train=1000, test=300, free_run=50)
    return forecast.scaled(mackey_glass(1000 + 1300 + 17)[1000:], split.train), split


def test_a_small_esn_forecasts_mackey_glass(short):
    # 100 units, 1000 training steps: a correct ESN gets a one-step NRMSE near 2.5e-3 on every seed tried
    u, split = short
    scores = forecast.esn_scores(u, split, (1, 17), forecast.Reservoir(n_units=100), seed=0)
    assert set(scores) == {"fit s", "h1", "h17", "free"}
    assert scores["h1"] < 1e-2 and scores["h17"] < 1e-2


def test_the_lstm_baseline_trains_and_scores(short):
    u, split = short
    net = forecast.Network(n_a=8, window=20, epochs=2)
    scores = forecast.lstm_scores(u, split, (1,), net, seed=0)
    assert set(scores) == {"fit s", "h1", "free"}
    assert scores["h1"] < 1.0  # two epochs already beat predicting the mean
