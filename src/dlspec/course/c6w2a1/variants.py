"""Other correct solutions of C6W2A1, written differently from the reference (dlspec.nn.esn)."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant


@variant("init_reservoir")
def reservoir_with_an_exact_count(n_units, n_inputs, spectral_radius, density, input_scaling):
    # exactly round(density * N²) non-zero entries at random places, normal rather than uniform values
    W = np.zeros(n_units * n_units)
    kept = np.random.choice(W.size, size=max(1, round(density * W.size)), replace=False)
    W[kept] = np.random.randn(kept.size)
    W = W.reshape(n_units, n_units)
    W = W / max(abs(np.linalg.eigvals(W))) * spectral_radius
    W_in = input_scaling * (2 * np.random.rand(n_units, n_inputs + 1) - 1)
    return W, W_in


@variant("init_reservoir")
def reservoir_from_a_binomial_mask(n_units, n_inputs, spectral_radius, density, input_scaling):
    mask = np.random.binomial(1, density, size=(n_units, n_units))
    W = mask * np.random.uniform(-0.5, 0.5, (n_units, n_units))
    eigenvalues = np.linalg.eig(W)[0]
    W *= spectral_radius / np.abs(eigenvalues).max()
    bias = np.random.uniform(-input_scaling, input_scaling, (n_units, 1))
    weights = np.random.uniform(-input_scaling, input_scaling, (n_units, n_inputs))
    return W, np.concatenate([bias, weights], axis=1)


@variant("reservoir_states")
def states_with_the_input_stacked(W, W_in, u, leak_rate, x0=None):
    N = W.shape[0]
    x = np.zeros((N, 1)) if x0 is None else x0.reshape(N, 1)
    rows = []
    for u_t in u:
        z = np.vstack([[1.0], u_t.reshape(-1, 1)])  # [1; u(t)] as a column
        x = (1 - leak_rate) * x + leak_rate * np.tanh(W_in @ z + W @ x)
        rows.append(x.ravel())
    return np.array(rows)


@variant("reservoir_states")
def states_written_in_place(W, W_in, u, leak_rate, x0=None):
    T, N = u.shape[0], W.shape[0]
    states = np.zeros((T + 1, N))  # row 0 is the starting state, dropped at the end
    if x0 is not None:
        states[0] = x0
    ones = np.ones((T, 1))
    pre = np.concatenate([ones, u], axis=1) @ W_in.T
    for t in range(T):
        new = np.tanh(pre[t] + states[t] @ W.T)
        states[t + 1] = states[t] + leak_rate * (new - states[t])
    return states[1:]


@variant("ridge_readout")
def readout_by_augmented_least_squares(states, targets, ridge, washout):
    # ridge regression is least squares on [X; sqrt(ridge) I] against [Y; 0]
    X = np.column_stack([np.ones(len(states) - washout), states[washout:]])
    k = X.shape[1]
    A = np.vstack([X, np.sqrt(ridge) * np.eye(k)])
    b = np.vstack([targets[washout:], np.zeros((k, targets.shape[1]))])
    return np.linalg.lstsq(A, b, rcond=None)[0]


@variant("ridge_readout")
def readout_by_the_inverse(states, targets, ridge, washout):
    X = np.insert(states[washout:], 0, 1.0, axis=1)
    Y = targets[washout:]
    return np.linalg.inv(X.T @ X + ridge * np.identity(X.shape[1])) @ X.T @ Y


@variant("nrmse")
def nrmse_with_norms(y, y_hat, norm="std"):
    error = np.linalg.norm((y - y_hat).ravel()) / np.sqrt(np.size(y))
    spread = {"std": np.sqrt(np.mean((y - np.mean(y)) ** 2)), "range": np.ptp(y)}
    if norm not in spread:
        raise ValueError(norm)
    return float(error / spread[norm])


@variant("nrmse")
def nrmse_by_variance(y, y_hat, norm="std"):
    mse = np.square(np.subtract(y, y_hat)).mean()
    if norm == "range":
        return float(np.sqrt(mse) / (y.max() - y.min()))
    return float(np.sqrt(mse / y.var()))


@variant("generate")
def generate_with_lists(W, W_in, W_out, x, n_steps, leak_rate):
    bias, weights = W_out[0], W_out[1:]
    outputs = []
    for _ in range(n_steps):
        y = bias + weights.T @ x
        outputs.append(y)
        x = (1 - leak_rate) * x + leak_rate * np.tanh(W_in @ np.concatenate([[1.0], y]) + W @ x)
    return np.stack(outputs)


@variant("generate")
def generate_one_output_ahead(W, W_in, W_out, x, n_steps, leak_rate):
    outputs = np.zeros((n_steps, W_out.shape[1]))
    state = x.copy()
    for t in range(n_steps):
        outputs[t] = np.concatenate([[1.0], state]) @ W_out
        if t + 1 < n_steps:  # the last output is never fed back
            drive = W_in[:, :1].ravel() + W_in[:, 1:] @ outputs[t]
            state = (1 - leak_rate) * state + leak_rate * np.tanh(drive + W @ state)
    return outputs
