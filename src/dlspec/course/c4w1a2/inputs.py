"""The PyTorch inputs of C4W1A2's cases (checks.py names them through Case.make): made in the process that runs
the case, so that only the grading child imports PyTorch."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from dlspec.checking.probes import SGD


def small_model(seed: int, n_out: int) -> nn.Module:
    """Conv(3 -> 4, 3x3) -> BatchNorm -> ReLU -> Flatten -> Linear(144 -> n_out), for images (m, 3, 8, 8); its
    running statistics are far from any batch's, so eval and train mode disagree."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Linear(144, n_out))
    rng = np.random.default_rng(seed)
    with torch.no_grad():
        model[1].running_mean.copy_(torch.as_tensor(rng.normal(0.0, 0.5, 4)))
        model[1].running_var.copy_(torch.as_tensor(rng.uniform(0.2, 3.0, 4)))
    return model


def _images(rng: np.random.Generator, m: int) -> torch.Tensor:
    return torch.as_tensor(rng.uniform(0.0, 1.0, (m, 3, 8, 8)), dtype=torch.float32)


def _targets(rng: np.random.Generator, m: int, n_out: int) -> torch.Tensor:
    if n_out == 1:  # BCEWithLogitsLoss: 0/1 floats shaped like the logits
        return torch.as_tensor(rng.integers(0, 2, (m, 1)), dtype=torch.float32)
    return torch.as_tensor(rng.integers(0, n_out, m))  # CrossEntropyLoss: class indices


def train_epoch_inputs(n_out: int, n_batches: int, lr: float, seed: int) -> tuple:
    """(model, batches, loss_fn, optimizer): a small model left in eval mode, batches of 5 images, the loss for
    ``n_out`` outputs and ``probes.SGD``, which steps as ``torch.optim.SGD`` without the second that creating the
    first optimiser of a process costs."""
    rng = np.random.default_rng(seed)
    model = small_model(seed, n_out).eval()
    batches = [(_images(rng, 5), _targets(rng, 5, n_out)) for _ in range(n_batches)]
    loss_fn = nn.BCEWithLogitsLoss() if n_out == 1 else nn.CrossEntropyLoss()
    return model, batches, loss_fn, SGD(model.parameters(), lr)


def _centred(model: nn.Module, X: torch.Tensor) -> nn.Module:
    """A one-output ``model`` whose logits on X, in eval mode, spread over a few units, half either side of 0 and
    none at it: both answers occur, and a threshold in the wrong place (0.5, or a probability's 0) shows."""
    with torch.no_grad():
        model[-1].weight *= 2 / model.eval()(X).std()
        z = model(X)[:, 0].sort().values
        middle = len(z) // 2
        model[-1].bias -= (z[middle - 1] + z[middle]) / 2
    return model.train()


def predict_inputs(n_out: int, m: int, seed: int) -> tuple:
    """(model, X): a small model left in train mode and ``m`` images; with one output, its logits centred on 0."""
    X = _images(np.random.default_rng(seed), m)
    model = _centred(small_model(seed, n_out), X) if n_out == 1 else small_model(seed, n_out).train()
    return model, X
