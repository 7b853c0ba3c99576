"""DeepSurv (C6W3A1, PyTorch): a Cox model whose risk score is a small neural network of the features.

* ``deepsurv_loss`` is ``dlspec.nn.survival.cox_loss``'s value in torch (Breslow's ties, averaged over the events):
  autograd gives the gradient, which equals cox_loss's.
* ``DeepSurv`` maps ``(m, n_features)`` to ``(m,)`` risk scores: Linear, ReLU and Dropout for each hidden width,
  then a Linear to one output *without* a bias, since adding a constant to every risk score changes nothing in
  the partial likelihood.
* ``train_deepsurv`` trains full-batch with the optimiser it is given (Adam in the notebook): the partial likelihood
  of a mini-batch compares a patient only with the others in the same batch, while the whole data (a few thousand
  patients) fits in one step here.

Only the names the notebook imports are used (``torch``, ``nn``), because each reference is pasted verbatim into
the answer-key notebook.
"""

from __future__ import annotations

import torch
from torch import nn


def deepsurv_loss(log_h, times, events):
    """The negative log partial likelihood of risk scores ``log_h`` (m,), averaged over the events, as a tensor
    that autograd can differentiate; ``times`` (m,) float, ``events`` (m,) 0/1 or bool."""
    events = events.bool()
    order = torch.argsort(times, descending=True)  # latest first: a running sum then covers each risk set
    log_h, times, events = log_h[order], times[order], events[order]
    running = torch.logcumsumexp(log_h, dim=0)  # log of the sum of exp(log_h) over everyone up to here; stable
    # Breslow's ties: everyone tied at T_i is at risk at T_i, so take the running sum at the last of them
    last_tied = torch.searchsorted(-times, -times, right=True) - 1
    log_denominator = running[last_tied]
    return -(log_h[events] - log_denominator[events]).mean()


class DeepSurv(nn.Module):
    """An MLP from ``n_features`` to one risk score: (Linear, ReLU, Dropout) per width in ``hidden``, then a Linear
    to one output with no bias."""

    def __init__(self, n_features, hidden=(32, 32), dropout=0.1):
        super().__init__()
        layers = []
        width_in = n_features
        for width in hidden:
            layers += [nn.Linear(width_in, width), nn.ReLU(), nn.Dropout(dropout)]
            width_in = width
        layers.append(nn.Linear(width_in, 1, bias=False))  # a constant risk cancels out of the partial likelihood
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).squeeze(-1)


def train_deepsurv(model, optimizer, X, times, events, epochs=200):
    """Train ``model`` in place on all of (X, times, events) at once: ``epochs`` steps of ``optimizer`` (built on
    the model's parameters: Adam in the notebook). Returns the loss before each step, as floats. The model is left
    in eval mode (dropout off)."""
    losses = []
    model.train()
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = deepsurv_loss(model(X), times, events)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    model.eval()
    return losses
