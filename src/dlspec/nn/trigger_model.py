"""The trigger-word detector of Course 5 week 3's second assignment (C5W3A2), in PyTorch.

The original's ``modelf(input_shape)`` built a Keras ``Model``: a 1-D convolution over the spectrogram, two GRU
layers, and a sigmoid at every time step. Here it is an ``nn.Module`` subclass, ``TriggerModel(input_shape)``, as
C5W1A3 turned its model functions into classes; the layers, their sizes and their order are the original's:

    Conv1D(196, kernel 15, stride 4) -> BatchNorm -> ReLU -> Dropout(0.8)
    -> GRU(128) -> Dropout(0.8) -> BatchNorm
    -> GRU(128) -> Dropout(0.8) -> BatchNorm -> Dropout(0.8)
    -> Dense(1, sigmoid) at every step

Shapes follow the original: the input ``X`` is ``(m, Tx, n_freq)``, time first as Keras's ``Conv1D`` and ``GRU`` read
it, and the output ``(m, Ty, 1)`` holds probabilities, with Ty = (Tx - 15) // 4 + 1: 1375 for Tx = 5511. PyTorch's
``Conv1d`` and ``BatchNorm1d`` want the channels before time, so the tensor is transposed around them. Keras's
``Dropout(rate=0.8)`` drops 80% of the values, as ``nn.Dropout(0.8)`` does.

PyTorch's ``nn.GRU`` computes what Keras's GRU does with ``reset_after=True`` (the TensorFlow 2 default), with the
same number of weights, so the parameters are the original's: 522,425, plus 904 running statistics of the
BatchNorm layers that Keras counted in its 523,329 "Total params".

Only the names the notebook imports are used here (``torch``, ``nn``), because each reference is pasted verbatim
into the answer-key notebook.
"""

from __future__ import annotations

import torch
from torch import nn


class TriggerModel(nn.Module):
    """The detector: a probability per output step that "activate" has just been said.

    Arguments of __init__:
    input_shape -- (Tx, n_freq), the shape of one spectrogram, time first

    forward(X): X of shape (m, Tx, n_freq) -> probabilities of shape (m, Ty, 1), Ty = (Tx - 15) // 4 + 1
    """

    def __init__(self, input_shape):
        super().__init__()
        _, n_freq = input_shape
        self.conv = nn.Conv1d(n_freq, 196, kernel_size=15, stride=4)
        self.bn_conv = nn.BatchNorm1d(196)
        self.gru1 = nn.GRU(196, 128, batch_first=True)
        self.bn1 = nn.BatchNorm1d(128)
        self.gru2 = nn.GRU(128, 128, batch_first=True)
        self.bn2 = nn.BatchNorm1d(128)
        self.dropout = nn.Dropout(0.8)
        self.dense = nn.Linear(128, 1)

    def forward(self, X):
        # the convolution and its BatchNorm read channels first: (m, n_freq, Tx)
        A = self.dropout(torch.relu(self.bn_conv(self.conv(X.transpose(1, 2))))).transpose(1, 2)  # (m, Ty, 196)
        A, _ = self.gru1(A)
        A = self.bn1(self.dropout(A).transpose(1, 2)).transpose(1, 2)
        A, _ = self.gru2(A)
        A = self.dropout(self.bn2(self.dropout(A).transpose(1, 2)).transpose(1, 2))
        return torch.sigmoid(self.dense(A))  # (m, Ty, 1)
