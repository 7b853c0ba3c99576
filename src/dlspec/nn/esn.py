"""Echo-state networks (reservoir computing), the answer key of C6W2A1, in plain NumPy.

An echo-state network keeps a large random recurrent layer, the *reservoir*, fixed and trains only a linear
*readout* of its states, in closed form. Time runs down the rows: a series of inputs is ``u (T, n_inputs)`` and the
reservoir's states are ``states (T, N)``, one row per step (the layout of reservoirpy and of Lukoševičius' guide;
a readout is then one matrix product over all the steps).

* ``init_reservoir``: W (N, N), sparse with a fraction ``density`` of non-zero entries, rescaled so that its largest
  eigenvalue modulus (its spectral radius) is the one asked for; W_in (N, 1 + n_inputs) uniform in ±input_scaling,
  column 0 acting on a constant input 1 (a bias per unit: without it tanh is odd and the reservoir treats u and -u
  alike, which cost 3-10 times the one-step error on Mackey-Glass here).
  Draws from NumPy's global random state, as every graded initialiser of the course does.
* ``reservoir_states``: the leaky update x(t) = (1 - a) x(t-1) + a tanh(W_in [1; u(t)] + W x(t-1)), from x0 (zeros by
  default); row t of the result is x(t), the state that has seen u(0) ... u(t).
* ``ridge_readout``: W_out (N + 1, n_outputs) minimising ||[1, X] W_out - Y||² + ridge ||W_out||² over the rows
  after the washout, the bias in row 0 and regularised like the rest: solve((XᵀX + ridge I), XᵀY).
* ``nrmse``: root-mean-square error over the standard deviation of the target (``norm="std"``, what every figure of
  the course uses) or over its range (``norm="range"``, max - min, reservoirpy's default: 3-4 times smaller).
* ``generate``: the closed loop. The readout of the given state is the first output (the teacher-forced one-step
  prediction of that state); each output is then fed back as the next input.

``tests/nn/test_esn.py`` proves them; the data are ``dlspec.data.mackey_glass``'s.
"""

from __future__ import annotations

import numpy as np


def init_reservoir(n_units: int, n_inputs: int, spectral_radius: float, density: float,
                   input_scaling: float) -> tuple[np.ndarray, np.ndarray]:
    """A random reservoir ``W (n_units, n_units)`` with about ``density`` of its entries non-zero (uniform in ±1
    before scaling) and spectral radius ``spectral_radius``, and input weights ``W_in (n_units, 1 + n_inputs)``
    uniform in ±``input_scaling``, column 0 for the constant input 1. Uses NumPy's global random state."""
    W = np.random.uniform(-1, 1, (n_units, n_units))
    W[np.random.rand(n_units, n_units) >= density] = 0
    W *= spectral_radius / np.max(np.abs(np.linalg.eigvals(W)))
    W_in = np.random.uniform(-input_scaling, input_scaling, (n_units, 1 + n_inputs))
    return W, W_in


def reservoir_states(W: np.ndarray, W_in: np.ndarray, u: np.ndarray, leak_rate: float,
                     x0: np.ndarray | None = None) -> np.ndarray:
    """The states ``(T, N)`` of the leaky reservoir driven by ``u (T, n_inputs)`` from ``x0 (N,)`` (zeros if
    None): x(t) = (1 - leak_rate) x(t-1) + leak_rate tanh(W_in [1; u(t)] + W x(t-1)), row t holding x(t)."""
    x = np.zeros(W.shape[0]) if x0 is None else x0
    # every step's input term at once (bias column plus inputs): only W x(t-1) has to wait for the step before
    drive = W_in[:, 0] + u @ W_in[:, 1:].T
    states = np.empty((u.shape[0], W.shape[0]))
    for t in range(u.shape[0]):
        x = (1 - leak_rate) * x + leak_rate * np.tanh(drive[t] + W @ x)
        states[t] = x
    return states


def ridge_readout(states: np.ndarray, targets: np.ndarray, ridge: float, washout: int) -> np.ndarray:
    """The readout ``W_out (N + 1, n_outputs)`` (row 0 the bias) that maps each row of ``states (T, N)`` after the
    first ``washout`` to the same row of ``targets (T, n_outputs)``, by ridge regression in closed form."""
    X = np.hstack([np.ones((states.shape[0] - washout, 1)), states[washout:]])
    Y = targets[washout:]
    return np.linalg.solve(X.T @ X + ridge * np.eye(X.shape[1]), X.T @ Y)


def readout(states: np.ndarray, W_out: np.ndarray) -> np.ndarray:
    """The outputs ``(T, n_outputs)`` of the readout for states ``(T, N)``, or ``(n_outputs,)`` for one state."""
    return W_out[0] + states @ W_out[1:]


def nrmse(y: np.ndarray, y_hat: np.ndarray, norm: str = "std") -> float:
    """Root-mean-square error of ``y_hat`` against the target ``y``, divided by the target's standard deviation
    (``norm="std"``) or by its range, max - min (``norm="range"``)."""
    rmse = np.sqrt(np.mean((y - y_hat) ** 2))
    if norm == "std":
        return float(rmse / np.std(y))
    if norm == "range":
        return float(rmse / (np.max(y) - np.min(y)))
    raise ValueError(f"norm is 'std' or 'range', not {norm!r}")


def generate(W: np.ndarray, W_in: np.ndarray, W_out: np.ndarray, x: np.ndarray, n_steps: int,
             leak_rate: float) -> np.ndarray:
    """``n_steps`` outputs ``(n_steps, n_outputs)`` of the network running on its own predictions, from the state
    ``x (N,)``: the first is the readout of ``x``, each next one the readout after feeding the last one back in."""
    outputs = np.empty((n_steps, W_out.shape[1]))
    for t in range(n_steps):
        outputs[t] = readout(x, W_out)
        x = reservoir_states(W, W_in, outputs[t:t + 1], leak_rate, x)[0]  # one step, fed its own output
    return outputs


def state_distance(W: np.ndarray, W_in: np.ndarray, u: np.ndarray, leak_rate: float, x0: np.ndarray,
                   x1: np.ndarray) -> np.ndarray:
    """How far apart ``(T,)`` two copies of one reservoir, driven by the same ``u`` from ``x0`` and ``x1``, stay at
    each step (Euclidean norm): it falls to zero when the reservoir has the echo-state property."""
    a = reservoir_states(W, W_in, u, leak_rate, x0)
    b = reservoir_states(W, W_in, u, leak_rate, x1)
    return np.linalg.norm(a - b, axis=1)
