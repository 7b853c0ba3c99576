"""The melody LSTM of Course 5 week 1's third assignment (C5W1A3), in PyTorch: one LSTM cell and one dense layer,
shared by a training model that reads a whole melody and an inference model that writes a new one, value by value.

The original built both with Keras's Functional API: ``djmodel(Tx, LSTM_cell, densor, reshaper)`` and
``music_inference_model(LSTM_cell, densor, Ty)`` called the same layer objects once per time step and returned a
``Model``. In PyTorch a model is the code that runs, so each becomes an ``nn.Module`` subclass of the same name in
CamelCase: ``__init__`` keeps the shared layers it is given, ``forward`` is the loop over the time steps. No
reshaper: ``nn.LSTMCell`` takes one time step as it comes, ``(m, n_values)``.

Shapes follow the original: the melodies ``X`` are ``(m, Tx, n_values)`` one-hot, the outputs and the targets ``Y``
time first, ``(Tx, m, n_values)`` (Keras's list of ``Tx`` outputs, stacked). The models return logits:
``nn.CrossEntropyLoss`` applies the softmax, and the argmax of logits is the argmax of the probabilities.

Only the names the notebook imports are used here (``np``, ``torch``, ``nn``, ``F``), because each reference is
pasted verbatim into the answer-key notebook.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class DJModel(nn.Module):
    """The training model: reads a batch of melodies and, at every step, predicts the next value.

    Arguments of __init__:
    Tx -- number of time steps of a melody
    LSTM_cell -- nn.LSTMCell(n_values, n_a), the one cell shared by every time step (and by the inference model)
    densor -- nn.Linear(n_a, n_values), turns a hidden state into the scores of the n_values values

    forward(X, a0, c0):
    X -- one-hot melodies, float32 tensor of shape (m, Tx, n_values)
    a0, c0 -- initial hidden state and memory cell, float32 tensors of shape (m, n_a)

    Returns:
    outputs -- float32 tensor of shape (Tx, m, n_values): outputs[t] are the logits of the value after X[:, t, :]
    """

    def __init__(self, Tx, LSTM_cell, densor):
        """Keep Tx and the two shared layers (assigned as attributes, so that the module registers them)."""
        super().__init__()
        self.Tx = Tx
        self.LSTM_cell = LSTM_cell
        self.densor = densor

    def forward(self, X, a0, c0):
        """Run the shared cell over the Tx steps of X, starting from (a0, c0); stack the Tx outputs."""
        a, c = a0, c0
        outputs = []
        for t in range(self.Tx):
            x = X[:, t, :]
            a, c = self.LSTM_cell(x, (a, c))
            outputs.append(self.densor(a))
        return torch.stack(outputs)


class MusicInferenceModel(nn.Module):
    """The inference model: writes Ty values, feeding each step's choice back in as the next step's input.

    Arguments of __init__:
    LSTM_cell -- the trained nn.LSTMCell(n_values, n_a), shared with DJModel
    densor -- the trained nn.Linear(n_a, n_values), shared with DJModel
    Ty -- number of values to write

    forward(x0, a0, c0):
    x0 -- the first input, float32 tensor of shape (m, n_values) (a one-hot value, or zeros)
    a0, c0 -- initial hidden state and memory cell, float32 tensors of shape (m, n_a)

    Returns:
    outputs -- float32 tensor of shape (Ty, m, n_values): the logits of each step. The value chosen at step t is
               the largest of outputs[t]; its one-hot vector (float32) is the input of step t + 1.
    """

    def __init__(self, LSTM_cell, densor, Ty=100):
        """Keep the two shared layers and Ty."""
        super().__init__()
        self.LSTM_cell = LSTM_cell
        self.densor = densor
        self.Ty = Ty

    def forward(self, x0, a0, c0):
        """Ty steps from (x0, a0, c0); each step's argmax, one-hot encoded, becomes the next input."""
        x, a, c = x0, a0, c0
        n_values = self.densor.out_features
        outputs = []
        for _ in range(self.Ty):
            a, c = self.LSTM_cell(x, (a, c))
            out = self.densor(a)
            outputs.append(out)
            x = F.one_hot(out.argmax(dim=-1), num_classes=n_values).float()
        return torch.stack(outputs)


def predict_and_sample(inference_model, x_initializer, a_initializer, c_initializer):
    """Write a melody with the inference model.

    Arguments:
    inference_model -- a MusicInferenceModel (or any module called as inference_model(x0, a0, c0) that returns
                       logits of shape (Ty, m, n_values))
    x_initializer -- float32 tensor of shape (m, n_values), the first input
    a_initializer, c_initializer -- float32 tensors of shape (m, n_a), the initial states

    Returns:
    results -- NumPy float32 array of shape (Ty, m, n_values): the chosen values, one-hot
    indices -- NumPy int64 array of shape (Ty, m): the index of the value chosen at each step
    """
    with torch.no_grad():
        pred = inference_model(x_initializer, a_initializer, c_initializer)
    indices = pred.argmax(dim=-1).numpy()
    results = np.eye(pred.shape[-1], dtype=np.float32)[indices]
    return results, indices
