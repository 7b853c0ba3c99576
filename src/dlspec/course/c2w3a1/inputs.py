"""The PyTorch inputs of C2W3A1's cases (checks.py names them through Case.make): made in the process that runs
the case, so that only the grading child imports PyTorch. Each draws from ``np.random.default_rng(seed)``."""

from __future__ import annotations

import numpy as np
import torch


def _tensor(rng: np.random.Generator, *shape: int, scale: float = 1.0) -> torch.Tensor:
    return torch.tensor(rng.normal(0, scale, shape), dtype=torch.float32)


def sigmoid_inputs(seed: int, shape: tuple[int, ...]) -> tuple:
    """(z,): a float32 tensor spread over [-8, 8] or so, where the sigmoid bends."""
    return (_tensor(np.random.default_rng(seed), *shape, scale=4.0),)


def label_inputs(label: int, C: tuple[int, ...] = ()) -> tuple:
    """(label, C) with the label a 0-d integer tensor, as a dataset yields it; C = () leaves it out (the default)."""
    return (torch.tensor(label), *C)


def _parameters(rng: np.random.Generator, dims: list[int]) -> dict:
    """Weights as in training: leaf tensors that require gradients, so a result cut off from autograd shows."""
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = _tensor(rng, dims[l], dims[l - 1], scale=1 / np.sqrt(dims[l - 1])).requires_grad_()
        params[f"b{l}"] = _tensor(rng, dims[l], 1, scale=0.5).requires_grad_()
    return params


def forward_inputs(seed: int, dims: list[int], m: int) -> tuple:
    """(X, parameters): m examples of dims[0] features and a network of those layer sizes."""
    rng = np.random.default_rng(seed)
    X = _tensor(rng, dims[0], m)
    return X, _parameters(rng, dims)


def loss_inputs(seed: int, C: int, m: int) -> tuple:
    """(logits, labels): (C, m) logits that require gradients and one-hot labels."""
    rng = np.random.default_rng(seed)
    logits = _tensor(rng, C, m, scale=2.0).requires_grad_()
    return logits, torch.tensor(np.eye(C)[rng.integers(0, C, m)].T, dtype=torch.float32)
