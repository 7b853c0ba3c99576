"""Forecasting one series with an echo-state network and with Course 5's LSTM, on the same split (C6W2A1's
comparison, and ``bench/esn.py``'s figures in docs/benchmarks.md).

The split: a series ``u (T, 1)``; steps ``[0, train)`` train, steps ``[train, train + test)`` are the times a
forecast is made from; a forecast ``horizon`` steps ahead is compared with ``u[t + horizon]``, so ``u`` needs
``train + test + horizon`` steps. A training target never reaches into the test part: a model fitted for horizon h
learns from times ``t < train - h`` only.

* The ESN (``esn.py``) reads the whole series once, teacher-forced; one readout per horizon, fitted in closed form.
  Free-running, it starts from its last training state and feeds its own outputs back.
* The LSTM (``rnn_layers.LSTM`` and a ``Linear`` on its last state, trained with Adam on the mean squared error)
  reads a window of the last ``window`` steps and predicts the value ``horizon`` steps after its end: one network
  per horizon, as the ESN has one readout per horizon. Free-running, it slides its window over its own outputs.

NRMSE is ``esn.nrmse`` with ``norm="std"``: the error over the standard deviation of the target part.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from dlspec.nn.esn import generate, init_reservoir, nrmse, readout, reservoir_states, ridge_readout
from dlspec.nn.layers import Linear
from dlspec.nn.rnn_layers import LSTM
from dlspec.nn.train import Adam, Sequential


@dataclass(frozen=True)
class Split:
    train: int = 3000
    test: int = 2000
    washout: int = 100  # the ESN's first states, still marked by where it started, are left out of the fit
    free_run: int = 200  # steps of the free-running forecast that its NRMSE covers


def scaled(x: np.ndarray, train: int) -> np.ndarray:
    """``x (T,)`` mapped linearly so that its training part spans [-1, 1], as a column ``(T, 1)``: the range of
    tanh, for the reservoir's inputs and the network's outputs alike."""
    lo, hi = x[:train].min(), x[:train].max()
    return (2 * (x - lo) / (hi - lo) - 1)[:, None]


# --- the echo-state network ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reservoir:
    n_units: int = 300
    spectral_radius: float = 1.25
    density: float = 0.1
    input_scaling: float = 1.0
    leak_rate: float = 0.3
    ridge: float = 1e-8


def esn_scores(u: np.ndarray, split: Split, horizons: tuple[int, ...], reservoir: Reservoir, seed: int) -> dict:
    """One reservoir (drawn from ``seed``) on ``u``: NRMSE per horizon ({"h1": ...}), of the free-running forecast
    over ``split.free_run`` steps ("free"), and the seconds to draw it, run it and fit every readout ("fit s")."""
    r, s = reservoir, split
    start = time.perf_counter()
    np.random.seed(seed)
    W, W_in = init_reservoir(r.n_units, u.shape[1], r.spectral_radius, r.density, r.input_scaling)
    states = reservoir_states(W, W_in, u[:s.train + s.test], r.leak_rate)
    readouts = {h: ridge_readout(states[:s.train - h], u[h:s.train], r.ridge, s.washout) for h in horizons}
    scores = {"fit s": time.perf_counter() - start}
    for h, W_out in readouts.items():
        scores[f"h{h}"] = nrmse(u[s.train + h:s.train + s.test + h], readout(states[s.train:s.train + s.test], W_out))
    if 1 in readouts:
        free = generate(W, W_in, readouts[1], states[s.train - 1], s.free_run, r.leak_rate)
        scores["free"] = nrmse(u[s.train:s.train + s.free_run], free)
    return scores


# --- the LSTM ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Network:
    n_a: int = 32
    window: int = 48  # steps the LSTM reads: more than twice the delay of Mackey-Glass-17
    epochs: int = 60
    batch_size: int = 32
    lr: float = 3e-3


def windows(u: np.ndarray, ends: np.ndarray, window: int) -> np.ndarray:
    """The windows ``(1, len(ends), window)`` of the series ``u (T, 1)`` that end at the times ``ends`` (included):
    sequences in Course 5's layout ``(n_x, m, T_x)``."""
    idx = ends[:, None] + np.arange(1 - window, 1)
    return u[idx, 0][None].astype(np.float32)


def lstm_network(net: Network, rng: np.random.Generator) -> Sequential:
    return Sequential(LSTM(1, net.n_a, rng=rng), Linear(net.n_a, 1, rng=rng))


def train_lstm(model: Sequential, X: np.ndarray, Y: np.ndarray, net: Network, rng: np.random.Generator) -> list:
    """Adam on the mean squared error of ``model(X)`` against ``Y (1, m)``, shuffled mini-batches; the mean loss
    of each epoch."""
    opt = Adam({"all": model.flat_params}, {"all": model.flat_grads}, lr=net.lr)
    m, losses = X.shape[1], []
    for _ in range(net.epochs):
        perm, total = rng.permutation(m), 0.0
        for i in range(0, m, net.batch_size):
            idx = perm[i:i + net.batch_size]
            err = model.forward(X[:, idx]) - Y[:, idx]
            total += float(np.sum(err**2))
            model.backward(err * (2 / len(idx)))  # d(mean of err²)/d output
            opt.step()
        losses.append(total / m)
    return losses


def lstm_free_run(model: Sequential, history: np.ndarray, n_steps: int) -> np.ndarray:
    """``n_steps`` one-step forecasts ``(n_steps, 1)``, each appended to the window the next one reads; ``history``
    ``(window,)`` is the last window of true values."""
    window = list(history.astype(np.float32))
    for _ in range(n_steps):
        x = np.array(window[-len(history):], dtype=np.float32)[None, None]
        window.append(float(model.forward(x)[0, 0]))
    return np.array(window[len(history):])[:, None]


def lstm_scores(u: np.ndarray, split: Split, horizons: tuple[int, ...], net: Network, seed: int) -> dict:
    """One LSTM per horizon, trained from ``seed`` on windows ending at ``t < split.train - h``: NRMSE per horizon,
    free-running NRMSE of the one-step network, and the training seconds of all of them ("fit s")."""
    s, rng, scores, seconds = split, np.random.default_rng(seed), {}, 0.0
    test_ends = np.arange(s.train, s.train + s.test)
    for h in horizons:
        ends = np.arange(net.window - 1, s.train - h)
        model = lstm_network(net, rng)
        start = time.perf_counter()
        train_lstm(model, windows(u, ends, net.window), u[ends + h, 0][None], net, rng)
        seconds += time.perf_counter() - start
        scores[f"h{h}"] = nrmse(u[test_ends + h], model.forward(windows(u, test_ends, net.window)).T)
        if h == 1:
            free = lstm_free_run(model, u[s.train - net.window:s.train, 0], s.free_run)
            scores["free"] = nrmse(u[s.train:s.train + s.free_run], free)
    scores["fit s"] = seconds
    return scores


def mean_scores(runs: list[dict]) -> dict:
    """The mean of each figure over runs (seeds)."""
    return {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}
