"""The PyTorch side of C6W3A1's cases, made and run in the process that grades (checks.py names them), so that only
the grading child imports PyTorch: the loss's inputs and what its backward pass gives, and a model to train with
its data and what the trained model predicts."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from dlspec.checking.probes import SGD
from dlspec.course.c6w3a1.checks import cohort
from dlspec.nn.deepsurv import DeepSurv

LOSS = "loss"
GRADIENT = "gradient of the loss with respect to log_h (backward)"
LOSSES = "losses, one per step"
TRAINED = "risk scores of the trained model, called as you left it"


def loss_inputs(log_h: np.ndarray, times: np.ndarray, events: np.ndarray) -> tuple:
    """(log_h, times, events): float32 scores that require gradients (a network's output), float32 times and
    int64 0/1 events, as a batch of a dataset gives them."""
    return (torch.tensor(log_h, dtype=torch.float32, requires_grad=True), torch.tensor(times, dtype=torch.float32),
            torch.tensor(events, dtype=torch.int64))  # fmt: skip


def loss_report(value: tuple) -> dict[str, Any]:
    """The loss and, after its backward pass, the gradient that reached log_h (``updates`` appends log_h to what
    the function returned)."""
    loss, log_h = value
    if not isinstance(loss, torch.Tensor) or loss.grad_fn is None:
        return {LOSS: float(loss), GRADIENT: "none: the loss is not connected to log_h by autograd"}
    loss.backward()
    return {LOSS: loss.detach().numpy(), GRADIENT: log_h.grad.numpy()}


def _data(seed: int, m: int, n_features: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    times, events, _ = cohort(seed, m)
    X = np.random.default_rng(seed).normal(size=(m, n_features))
    return (torch.tensor(X, dtype=torch.float32), torch.tensor(times, dtype=torch.float32),
            torch.tensor(events, dtype=torch.int64))  # fmt: skip


def train_inputs(seed: int, m: int, n_features: int, hidden: tuple[int, ...], lr: float) -> tuple:
    """(model, optimizer, X, times, events): a DeepSurv with dropout 0.3 and weights drawn from ``seed``, in eval
    mode as after an evaluation (training must switch dropout on); plain gradient descent on its parameters (a
    torch.optim optimiser would import torch._dynamo, seconds added to every grade); a made-up cohort."""
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        model = DeepSurv(n_features, hidden, dropout=0.3)
    model.eval()
    return (model, SGD(model.parameters(), lr=lr), *_data(seed, m, n_features))


def trained_report(value: tuple, seed: int, m: int, n_features: int) -> dict[str, Any]:
    """The losses returned, and the trained model's output on the training features, called as it was left."""
    losses, model = value
    X, _, _ = _data(seed, m, n_features)
    with torch.no_grad():
        scores = model(X).numpy()
    return {LOSSES: np.asarray([float(x) for x in losses]), TRAINED: scores}
