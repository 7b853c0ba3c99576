"""The PyTorch inputs of C5W1A3's cases (checks.py names them through Case.make): made in the process that runs
the case, so that only the grading child imports PyTorch."""

from __future__ import annotations

import torch
from torch import nn

from dlspec.nn.music import MusicInferenceModel


def shared_layers(seed: int, n_values: int, n_a: int) -> tuple[nn.LSTMCell, nn.Linear]:
    """An LSTM cell and a dense layer with seeded weights, three times PyTorch's default spread."""
    torch.manual_seed(seed)
    cell, densor = nn.LSTMCell(n_values, n_a), nn.Linear(n_a, n_values)
    with torch.no_grad():
        for p in [*cell.parameters(), *densor.parameters()]:
            p *= 3
    return cell, densor


def dj_inputs(Tx: int, n_values: int, n_a: int, seed: int) -> tuple:
    """(Tx, LSTM_cell, densor), as DJModel takes them."""
    return (Tx, *shared_layers(seed, n_values, n_a))


def inference_inputs(Ty: int, n_values: int, n_a: int, seed: int) -> tuple:
    """(LSTM_cell, densor, Ty), as MusicInferenceModel takes them."""
    return (*shared_layers(seed, n_values, n_a), Ty)


def sample_inputs(Ty: int, n_values: int, n_a: int, seed: int, start: list) -> tuple:
    """(inference_model, x_initializer, a_initializer, c_initializer): the reference's inference model on seeded
    layers, and the start (x0, a0, c0) given as arrays, made tensors."""
    model = MusicInferenceModel(*shared_layers(seed, n_values, n_a), Ty=Ty)
    return (model, *(torch.as_tensor(v) for v in start))
