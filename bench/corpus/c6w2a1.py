"""C6W2A1, echo-state networks, as learners write it (written from the blank notebook only)."""

import math

import numpy as np

from . import correct, mistake

# ruff: noqa: F821 (the notebook's other graded functions and helpers)

# --- init_reservoir ---------------------------------------------------------------------------------------------


@correct("init_reservoir")
def reservoir_by_mask(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W = W * (np.random.rand(n_units, n_units) < density)
    W = W * (spectral_radius / np.max(np.abs(np.linalg.eigvals(W))))
    W_in = np.random.uniform(-input_scaling, input_scaling, (n_units, 1 + n_inputs))
    return W, W_in


@correct("init_reservoir")
def reservoir_exact_count(n_units, n_inputs, spectral_radius, density, input_scaling):
    # exactly round(density * N^2) connections, chosen without replacement
    W = np.zeros(n_units * n_units)
    chosen = np.random.choice(n_units * n_units, round(density * n_units * n_units), replace=False)
    W[chosen] = 2 * np.random.rand(len(chosen)) - 1
    W = W.reshape(n_units, n_units)
    radius = max(abs(np.linalg.eigvals(W)))
    W_in = (2 * np.random.rand(n_units, n_inputs + 1) - 1) * input_scaling
    return spectral_radius * W / radius, W_in


@mistake("init_reservoir")
def reservoir_singular_value(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W[np.random.rand(n_units, n_units) > density] = 0
    W *= spectral_radius / np.linalg.norm(W, 2)
    W_in = np.random.uniform(-input_scaling, input_scaling, (n_units, 1 + n_inputs))
    return W, W_in


@mistake("init_reservoir")
def reservoir_scaled_before_zeroing(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W *= spectral_radius / np.max(np.abs(np.linalg.eigvals(W)))
    W[np.random.rand(n_units, n_units) > density] = 0
    W_in = np.random.uniform(-input_scaling, input_scaling, (n_units, 1 + n_inputs))
    return W, W_in


@mistake("init_reservoir")
def reservoir_no_bias_column(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W[np.random.rand(n_units, n_units) > density] = 0
    W *= spectral_radius / np.max(np.abs(np.linalg.eigvals(W)))
    W_in = np.random.uniform(-input_scaling, input_scaling, (n_units, n_inputs))
    return W, W_in


@mistake("init_reservoir")
def reservoir_input_weights_positive(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W[np.random.rand(n_units, n_units) > density] = 0
    W *= spectral_radius / np.max(np.abs(np.linalg.eigvals(W)))
    W_in = np.random.rand(n_units, 1 + n_inputs) * input_scaling
    return W, W_in


@mistake("init_reservoir")
def reservoir_density_inverted(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W[np.random.rand(n_units, n_units) < density] = 0  # zeroes the share that should stay
    W *= spectral_radius / np.max(np.abs(np.linalg.eigvals(W)))
    W_in = np.random.uniform(-input_scaling, input_scaling, (n_units, 1 + n_inputs))
    return W, W_in


@mistake("init_reservoir")
def reservoir_real_part_radius(n_units, n_inputs, spectral_radius, density, input_scaling):
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W[np.random.rand(n_units, n_units) > density] = 0
    W *= spectral_radius / np.max(np.linalg.eigvals(W).real)
    W_in = np.random.uniform(-input_scaling, input_scaling, (n_units, 1 + n_inputs))
    return W, W_in


# --- reservoir_states -------------------------------------------------------------------------------------------


@correct("reservoir_states")
def states_loop(W, W_in, u, leak_rate, x0=None):
    x = np.zeros(W.shape[0]) if x0 is None else x0.copy()
    states = np.zeros((u.shape[0], W.shape[0]))
    for t in range(u.shape[0]):
        x_new = np.tanh(W_in[:, 0] + W_in[:, 1:] @ u[t] + W @ x)
        x = (1 - leak_rate) * x + leak_rate * x_new
        states[t] = x
    return states


@correct("reservoir_states")
def states_drive_first(W, W_in, u, leak_rate, x0=None):
    drive = np.hstack([np.ones((len(u), 1)), u]) @ W_in.T  # every step's input term at once
    x = np.zeros(len(W)) if x0 is None else np.array(x0, dtype=float)
    rows = []
    for t in range(len(u)):
        x = x + leak_rate * (np.tanh(drive[t] + x @ W.T) - x)
        rows.append(x)
    return np.array(rows)


@mistake("reservoir_states")
def states_start_is_a_row(W, W_in, u, leak_rate, x0=None):
    x = np.zeros(W.shape[0]) if x0 is None else x0.copy()
    states = np.zeros((u.shape[0], W.shape[0]))
    for t in range(u.shape[0]):
        states[t] = x  # stored before the update
        x = (1 - leak_rate) * x + leak_rate * np.tanh(W_in[:, 0] + W_in[:, 1:] @ u[t] + W @ x)
    return states


@mistake("reservoir_states")
def states_leak_swapped(W, W_in, u, leak_rate, x0=None):
    x = np.zeros(W.shape[0]) if x0 is None else x0.copy()
    states = np.zeros((u.shape[0], W.shape[0]))
    for t in range(u.shape[0]):
        x = leak_rate * x + (1 - leak_rate) * np.tanh(W_in[:, 0] + W_in[:, 1:] @ u[t] + W @ x)
        states[t] = x
    return states


@mistake("reservoir_states")
def states_no_bias(W, W_in, u, leak_rate, x0=None):
    x = np.zeros(W.shape[0]) if x0 is None else x0.copy()
    states = np.zeros((u.shape[0], W.shape[0]))
    for t in range(u.shape[0]):
        x = (1 - leak_rate) * x + leak_rate * np.tanh(W_in[:, 1:] @ u[t] + W @ x)
        states[t] = x
    return states


@mistake("reservoir_states")
def states_transposed_reservoir(W, W_in, u, leak_rate, x0=None):
    x = np.zeros(W.shape[0]) if x0 is None else x0.copy()
    states = np.zeros((u.shape[0], W.shape[0]))
    for t in range(u.shape[0]):
        x = (1 - leak_rate) * x + leak_rate * np.tanh(W_in[:, 0] + W_in[:, 1:] @ u[t] + x @ W)
        states[t] = x
    return states


@mistake("reservoir_states")
def states_update_x0_in_place(W, W_in, u, leak_rate, x0=None):
    x = np.zeros(W.shape[0]) if x0 is None else x0
    states = np.zeros((u.shape[0], W.shape[0]))
    for t in range(u.shape[0]):
        new = np.tanh(W_in[:, 0] + W_in[:, 1:] @ u[t] + W @ x)
        x *= 1 - leak_rate
        x += leak_rate * new
        states[t] = x
    return states


# --- ridge_readout ----------------------------------------------------------------------------------------------


@correct("ridge_readout")
def ridge_by_solve(states, targets, ridge, washout):
    X = np.hstack([np.ones((states.shape[0] - washout, 1)), states[washout:]])
    Y = targets[washout:]
    return np.linalg.solve(X.T @ X + ridge * np.eye(X.shape[1]), X.T @ Y)


@correct("ridge_readout")
def ridge_by_augmented_lstsq(states, targets, ridge, washout):
    # ridge is least squares on the rows [X; sqrt(ridge) I] and targets [Y; 0]
    X = np.concatenate([np.ones((len(states) - washout, 1)), states[washout:]], axis=1)
    n = X.shape[1]
    X_aug = np.vstack([X, np.sqrt(ridge) * np.eye(n)])
    Y_aug = np.vstack([targets[washout:], np.zeros((n, targets.shape[1]))])
    return np.linalg.lstsq(X_aug, Y_aug, rcond=None)[0]


@correct("ridge_readout")
def ridge_by_inverse(states, targets, ridge, washout):
    X = np.c_[np.ones(len(states) - washout), states[washout:]]
    return np.linalg.inv(X.T @ X + ridge * np.identity(X.shape[1])) @ X.T @ targets[washout:]


@mistake("ridge_readout")
def ridge_no_washout(states, targets, ridge, washout):
    X = np.hstack([np.ones((states.shape[0], 1)), states])
    return np.linalg.solve(X.T @ X + ridge * np.eye(X.shape[1]), X.T @ targets)


@mistake("ridge_readout")
def ridge_bias_last(states, targets, ridge, washout):
    X = np.hstack([states[washout:], np.ones((states.shape[0] - washout, 1))])
    return np.linalg.solve(X.T @ X + ridge * np.eye(X.shape[1]), X.T @ targets[washout:])


@mistake("ridge_readout")
def ridge_added_everywhere(states, targets, ridge, washout):
    X = np.hstack([np.ones((states.shape[0] - washout, 1)), states[washout:]])
    return np.linalg.solve(X.T @ X + ridge, X.T @ targets[washout:])


@mistake("ridge_readout")
def ridge_no_ones_column(states, targets, ridge, washout):
    X = states[washout:]
    return np.linalg.solve(X.T @ X + ridge * np.eye(X.shape[1]), X.T @ targets[washout:])


@mistake("ridge_readout")
def ridge_bias_unpenalised(states, targets, ridge, washout):
    X = np.hstack([np.ones((states.shape[0] - washout, 1)), states[washout:]])
    penalty = ridge * np.eye(X.shape[1])
    penalty[0, 0] = 0  # the text penalises the bias's row too
    return np.linalg.solve(X.T @ X + penalty, X.T @ targets[washout:])


# --- nrmse ------------------------------------------------------------------------------------------------------


@correct("nrmse")
def nrmse_mean_sqrt(y, y_hat, norm="std"):
    rmse = np.sqrt(np.mean((y - y_hat) ** 2))
    spread = np.std(y) if norm == "std" else np.ptp(y)
    return float(rmse / spread)


@correct("nrmse")
def nrmse_by_norm(y, y_hat, norm="std"):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    rmse = np.linalg.norm((y - y_hat).ravel()) / math.sqrt(y.size)
    if norm == "range":
        return float(rmse / (y.max() - y.min()))
    return float(rmse / math.sqrt(np.mean((y - y.mean()) ** 2)))


@mistake("nrmse")
def nrmse_prediction_spread(y, y_hat, norm="std"):
    rmse = np.sqrt(np.mean((y - y_hat) ** 2))
    spread = np.std(y_hat) if norm == "std" else y_hat.max() - y_hat.min()
    return float(rmse / spread)


@mistake("nrmse")
def nrmse_by_variance(y, y_hat, norm="std"):
    rmse = np.sqrt(np.mean((y - y_hat) ** 2))
    spread = np.var(y) if norm == "std" else y.max() - y.min()
    return float(rmse / spread)


@mistake("nrmse")
def nrmse_no_root(y, y_hat, norm="std"):
    mse = np.mean((y - y_hat) ** 2)
    spread = np.std(y) if norm == "std" else y.max() - y.min()
    return float(mse / spread)


@mistake("nrmse")
def nrmse_range_of_absolute(y, y_hat, norm="std"):
    rmse = np.sqrt(np.mean((y - y_hat) ** 2))
    spread = np.std(y) if norm == "std" else np.max(np.abs(y))
    return float(rmse / spread)


@mistake("nrmse")
def nrmse_sample_std(y, y_hat, norm="std"):
    rmse = np.sqrt(np.mean((y - y_hat) ** 2))
    spread = np.std(y, ddof=1) if norm == "std" else y.max() - y.min()
    return float(rmse / spread)


@mistake("nrmse")
def nrmse_per_column(y, y_hat, norm="std"):
    rmse = np.sqrt(np.mean((y - y_hat) ** 2, axis=0))
    spread = np.std(y, axis=0) if norm == "std" else y.max(axis=0) - y.min(axis=0)
    return float(np.mean(rmse / spread))


# --- generate ---------------------------------------------------------------------------------------------------


@correct("generate")
def generate_with_states(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = []
    for _ in range(n_steps):
        y = readout(x, W_out)
        outputs.append(y)
        x = reservoir_states(W, W_in, y[None, :], leak_rate, x)[0]
    return np.array(outputs)


@correct("generate")
def generate_written_out(W, W_in, W_out, x, n_steps, leak_rate):
    out = np.zeros((n_steps, W_out.shape[1]))
    state = x.copy()
    for t in range(n_steps):
        out[t] = W_out[0] + state @ W_out[1:]
        pre = W_in[:, 0] + W_in[:, 1:] @ out[t] + W @ state
        state = (1 - leak_rate) * state + leak_rate * np.tanh(pre)
    return out


@mistake("generate")
def generate_update_first(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = []
    y = readout(x, W_out)
    for _ in range(n_steps):
        x = reservoir_states(W, W_in, y[None, :], leak_rate, x)[0]
        y = readout(x, W_out)
        outputs.append(y)
    return np.array(outputs)


@mistake("generate")
def generate_no_leak(W, W_in, W_out, x, n_steps, leak_rate):
    out = np.zeros((n_steps, W_out.shape[1]))
    for t in range(n_steps):
        out[t] = W_out[0] + x @ W_out[1:]
        x = np.tanh(W_in[:, 0] + W_in[:, 1:] @ out[t] + W @ x)
    return out


@mistake("generate")
def generate_changes_x(W, W_in, W_out, x, n_steps, leak_rate):
    out = np.zeros((n_steps, W_out.shape[1]))
    for t in range(n_steps):
        out[t] = W_out[0] + x @ W_out[1:]
        new = np.tanh(W_in[:, 0] + W_in[:, 1:] @ out[t] + W @ x)
        x *= 1 - leak_rate
        x += leak_rate * new
    return out


@mistake("generate")
def generate_one_short(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = [readout(x, W_out)]
    for _ in range(n_steps - 1):
        x = reservoir_states(W, W_in, outputs[-1][None, :], leak_rate, x)[0]
        outputs.append(readout(x, W_out))
    return np.array(outputs[:-1])


@mistake("generate")
def generate_forgot_readout_bias(W, W_in, W_out, x, n_steps, leak_rate):
    out = np.zeros((n_steps, W_out.shape[1]))
    for t in range(n_steps):
        out[t] = x @ W_out[1:]
        x = (1 - leak_rate) * x + leak_rate * np.tanh(W_in[:, 0] + W_in[:, 1:] @ out[t] + W @ x)
    return out
