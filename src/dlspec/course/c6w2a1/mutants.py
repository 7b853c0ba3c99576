"""Known mistakes in C6W2A1, each with the hint a learner who made it should read.

``init_reservoir``'s cases are judged on properties, so its mistakes are named by the judge's message; the hint
here says the same in other words, for the notebook's list of known mistakes.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.esn import readout, reservoir_states

# --- init_reservoir ------------------------------------------------------------------------------------------------


def _sparse(n_units: int, density: float) -> np.ndarray:
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W[np.random.rand(n_units, n_units) >= density] = 0
    return W


def _radius(W: np.ndarray) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(W))))


def _scaled(W: np.ndarray, spectral_radius: float) -> np.ndarray:
    # a mistaken mask may zero every entry (radius 0): the result is then NaN, and wrong, without a warning
    with np.errstate(invalid="ignore", divide="ignore"):
        return W * spectral_radius / _radius(W)


def _inputs(n_units: int, n_inputs: int, scaling: float) -> np.ndarray:
    return np.random.uniform(-scaling, scaling, (n_units, 1 + n_inputs))


@mutant("init_reservoir", "The spectral radius is the largest |eigenvalue|, not the largest singular value "
        "(np.linalg.norm(W, 2)), which is larger for a non-symmetric W.")
def scaled_by_singular_value(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = _sparse(n_units, density)
    return W * spectral_radius / np.linalg.norm(W, 2), _inputs(n_units, n_inputs, input_scaling)


@mutant("init_reservoir", "density is the share of entries kept: zero the entries whose uniform draw is >= density.")
def density_inverted(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W[np.random.rand(n_units, n_units) < density] = 0
    return _scaled(W, spectral_radius), _inputs(n_units, n_inputs, input_scaling)


@mutant("init_reservoir", "Zeroing entries changes the eigenvalues: rescale W to the spectral radius last.")
def scaled_before_sparsifying(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W *= spectral_radius / _radius(W)
    W[np.random.rand(n_units, n_units) >= density] = 0
    return W, _inputs(n_units, n_inputs, input_scaling)


@mutant("init_reservoir", "W_in needs a column 0 for the constant input 1: shape (n_units, 1 + n_inputs).")
def inputs_without_bias_column(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = _sparse(n_units, density)
    return W * spectral_radius / _radius(W), np.random.uniform(-input_scaling, input_scaling, (n_units, n_inputs))


@mutant("init_reservoir", "Input weights of one sign push every unit the same way: draw them in ±input_scaling.")
def inputs_positive(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = _sparse(n_units, density)
    return W * spectral_radius / _radius(W), input_scaling * np.random.rand(n_units, 1 + n_inputs)


@mutant("init_reservoir", "Dividing by the radius makes it 1: multiply by spectral_radius too.")
def radius_one(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = _sparse(n_units, density)
    return W / _radius(W), _inputs(n_units, n_inputs, input_scaling)


@mutant("init_reservoir", "input_scaling is the bound of W_in's entries: multiply the uniform ±1 draw by it.")
def inputs_not_scaled(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = _sparse(n_units, density)
    return W * spectral_radius / _radius(W), _inputs(n_units, n_inputs, 1.0)


# --- reservoir_states ----------------------------------------------------------------------------------------------


@mutant("reservoir_states", "The leak rate weighs the new value: x(t) = (1 - a) x(t-1) + a tanh(...), not the "
        "other way round.")
def leak_swapped(W, W_in, u, leak_rate, x0=None):
    return reservoir_states(W, W_in, u, 1 - leak_rate, x0)


@mutant("reservoir_states", "The new state mixes the old one back in: x(t) = (1 - a) x(t-1) + a tanh(...), where "
        "a is leak_rate.")
def leak_ignored(W, W_in, u, leak_rate, x0=None):
    return reservoir_states(W, W_in, u, 1.0, x0)


@mutant("reservoir_states", "The leak mixes after the tanh: x(t) = (1 - a) x(t-1) + a tanh(W_in [1; u(t)] + "
        "W x(t-1)); the old state does not go through the tanh.")
def leak_inside_tanh(W, W_in, u, leak_rate, x0=None):
    x = np.zeros(W.shape[0]) if x0 is None else x0
    states = []
    for t in range(u.shape[0]):
        x = np.tanh((1 - leak_rate) * x + leak_rate * (W_in[:, 0] + W_in[:, 1:] @ u[t] + W @ x))
        states.append(x)
    return np.array(states)


@mutant("reservoir_states", "Column 0 of W_in multiplies a constant 1 (the bias): add W_in[:, 0] inside the tanh.")
def bias_column_left_out(W, W_in, u, leak_rate, x0=None):
    no_bias = W_in.copy()
    no_bias[:, 0] = 0
    return reservoir_states(W, no_bias, u, leak_rate, x0)


@mutant("reservoir_states", "The bias is column 0 of W_in, the inputs columns 1 onwards: W_in @ [1; u(t)], with "
        "the 1 first.")
def bias_column_last(W, W_in, u, leak_rate, x0=None):
    return reservoir_states(W, np.roll(W_in, -1, axis=1), u, leak_rate, x0)


@mutant("reservoir_states", "Start from x0 when it is given; zeros only when it is None.")
def starting_state_ignored(W, W_in, u, leak_rate, x0=None):
    return reservoir_states(W, W_in, u, leak_rate)


@mutant("reservoir_states", "Row t is the state after reading u(t): store x after updating it, not before.")
def state_stored_before_update(W, W_in, u, leak_rate, x0=None):
    x = np.zeros(W.shape[0]) if x0 is None else x0
    after = reservoir_states(W, W_in, u, leak_rate, x0)
    return np.vstack([x[None], after[:-1]])


@mutant("reservoir_states", "W acts on the previous state as W @ x, not W.T @ x (or x @ W): W[i, j] is the weight "
        "from unit j to unit i.")
def recurrence_transposed(W, W_in, u, leak_rate, x0=None):
    return reservoir_states(W.T, W_in, u, leak_rate, x0)


# --- ridge_readout -------------------------------------------------------------------------------------------------


def _solve(X: np.ndarray, Y: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    return np.linalg.solve(X.T @ X + penalty, X.T @ Y)


def _with_bias(states: np.ndarray) -> np.ndarray:
    return np.hstack([np.ones((states.shape[0], 1)), states])


@mutant("ridge_readout", "Leave out the first `washout` rows of both states and targets: they still depend on where "
        "the reservoir started.")
def washout_ignored(states, targets, ridge, washout):
    X = _with_bias(states)
    return _solve(X, targets, ridge * np.eye(X.shape[1]))


@mutant("ridge_readout", "Add a column of ones before the states (row 0 of W_out is the bias): W_out has N + 1 rows.")
def no_bias_column(states, targets, ridge, washout):
    X = states[washout:]
    return _solve(X, targets[washout:], ridge * np.eye(X.shape[1]))


@mutant("ridge_readout", "The ones column goes first: row 0 of W_out is the bias, rows 1.. the units' weights.")
def bias_column_at_the_end(states, targets, ridge, washout):
    X = np.hstack([states[washout:], np.ones((states.shape[0] - washout, 1))])
    return _solve(X, targets[washout:], ridge * np.eye(X.shape[1]))


@mutant("ridge_readout", "Plain least squares ignores `ridge`: add ridge times the identity to XᵀX before solving.")
def ridge_ignored(states, targets, ridge, washout):
    X = _with_bias(states[washout:])
    return np.linalg.lstsq(X, targets[washout:], rcond=None)[0]


@mutant("ridge_readout", "The penalty is ridge times the identity, added once, not multiplied by the number of rows.")
def ridge_times_rows(states, targets, ridge, washout):
    X = _with_bias(states[washout:])
    return _solve(X, targets[washout:], ridge * X.shape[0] * np.eye(X.shape[1]))


@mutant("ridge_readout", "Here the bias is regularised like every other weight: add ridge to the whole diagonal, "
        "its first entry too.")
def bias_not_regularised(states, targets, ridge, washout):
    X = _with_bias(states[washout:])
    penalty = ridge * np.eye(X.shape[1])
    penalty[0, 0] = 0
    return _solve(X, targets[washout:], penalty)


# --- nrmse ---------------------------------------------------------------------------------------------------------


def _rmse(y, y_hat) -> float:
    return float(np.sqrt(np.mean((y - y_hat) ** 2)))


@mutant("nrmse", "Divide by the standard deviation of y, np.std(y), not its variance.")
def over_variance(y, y_hat, norm="std"):
    return _rmse(y, y_hat) / float(np.var(y) if norm == "std" else np.ptp(y))


@mutant("nrmse", "The root: take np.sqrt of the mean squared error before dividing.")
def no_root(y, y_hat, norm="std"):
    mse = float(np.mean((y - y_hat) ** 2))
    return mse / float(np.std(y) if norm == "std" else np.ptp(y))


@mutant("nrmse", "Normalise by the target's spread, y's, not the prediction's: the same prediction must get the same "
        "score whatever it predicts.")
def over_prediction_spread(y, y_hat, norm="std"):
    return _rmse(y, y_hat) / float(np.std(y_hat) if norm == "std" else np.ptp(y_hat))


@mutant("nrmse", "Normalise by the standard deviation, np.std(y), not the mean: a series around 0 would divide by 0.")
def over_mean(y, y_hat, norm="std"):
    return _rmse(y, y_hat) / float(np.mean(y) if norm == "std" else np.ptp(y))


@mutant("nrmse", "norm='std' divides by np.std(y), norm='range' by max(y) - min(y): the two are swapped.")
def norms_swapped(y, y_hat, norm="std"):
    return _rmse(y, y_hat) / float(np.ptp(y) if norm == "std" else np.std(y))


@mutant("nrmse", "Divide the root-mean-square error by the target's spread: that is the N of NRMSE.")
def not_normalised(y, y_hat, norm="std"):
    return _rmse(y, y_hat)


@mutant("nrmse", "Square the errors before the mean: the mean absolute error is another measure.")
def absolute_error(y, y_hat, norm="std"):
    return float(np.mean(np.abs(y - y_hat))) / float(np.std(y) if norm == "std" else np.ptp(y))


# --- generate ------------------------------------------------------------------------------------------------------


@mutant("generate", "The first output is the readout of the state you are given, before any update: it equals the "
        "teacher-forced prediction.")
def first_output_after_update(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = []
    for _ in range(n_steps):
        x = reservoir_states(W, W_in, readout(x, W_out)[None], leak_rate, x)[0]
        outputs.append(readout(x, W_out))
    return np.array(outputs)


@mutant("generate", "The readout has a bias, row 0 of W_out: y = W_out[0] + x @ W_out[1:].")
def readout_without_bias(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = np.empty((n_steps, W_out.shape[1]))
    for t in range(n_steps):
        outputs[t] = x @ W_out[1:]
        x = reservoir_states(W, W_in, outputs[t:t + 1], leak_rate, x)[0]
    return outputs


@mutant("generate", "Each update leaks as in reservoir_states: x = (1 - a) x + a tanh(W_in [1; y] + W x).")
def feedback_without_leak(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = np.empty((n_steps, W_out.shape[1]))
    for t in range(n_steps):
        outputs[t] = readout(x, W_out)
        x = np.tanh(W_in[:, 0] + W_in[:, 1:] @ outputs[t] + W @ x)
    return outputs


@mutant("generate", "Carry the state from step to step: each update starts from the state the last one made, not "
        "from the x you were given.")
def state_not_carried(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = np.empty((n_steps, W_out.shape[1]))
    y = readout(x, W_out)
    for t in range(n_steps):
        outputs[t] = y
        y = readout(reservoir_states(W, W_in, y[None], leak_rate, x)[0], W_out)
    return outputs


@mutant("generate", "Feed the output back through W_in with its bias column: W_in [1; y], as reservoir_states does.")
def feedback_without_bias(W, W_in, W_out, x, n_steps, leak_rate):
    no_bias = W_in.copy()
    no_bias[:, 0] = 0
    outputs = np.empty((n_steps, W_out.shape[1]))
    for t in range(n_steps):
        outputs[t] = readout(x, W_out)
        x = reservoir_states(W, no_bias, outputs[t:t + 1], leak_rate, x)[0]
    return outputs


@mutant("generate", "Return exactly n_steps outputs, the first being the readout of x.")
def one_output_too_many(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = [readout(x, W_out)]
    for _ in range(n_steps):
        x = reservoir_states(W, W_in, outputs[-1][None], leak_rate, x)[0]
        outputs.append(readout(x, W_out))
    return np.array(outputs)
