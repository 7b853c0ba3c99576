"""Neural machine translation with attention (C5W3A1), in PyTorch: a bidirectional LSTM reads a human-written date,
and a second LSTM writes the ISO date one character at a time, each step looking back at the input through
attention.

The original built the model with Keras's Functional API around layers defined once at the notebook's top level
(``repeator``, ``concatenator``, ``densor1``, ``densor2``, ``activator``, ``dotor``, the post-attention LSTM and
the output layer), so that every step of the loop reused them. In PyTorch the four layers without weights become
tensor operations (``expand``, ``torch.cat``, ``torch.softmax``, a weighted sum); the layers with weights are
created once, in the model's ``__init__``, and ``one_step_attention`` receives the two it needs as arguments: one
set of weights, used at every step, and visible in the call. ``modelf``, which returned a Keras ``Model``, becomes
``NMTModel``, a subclass of ``nn.Module`` called with the same six arguments.

Shapes follow the original: ``X`` is ``(m, Tx, human_vocab_size)`` one-hot, the states ``s0`` and ``c0`` are
``(m, n_s)``. The model returns the scores of the ``Ty`` characters stacked time first, ``(Ty, m,
machine_vocab_size)`` (Keras's list of ``Ty`` outputs, stacked; logits, as ``nn.CrossEntropyLoss`` wants them), and
the attention weights of every step, ``(Ty, m, Tx)``, for drawing.

Only the names the notebook imports are used here (``torch``, ``nn``), because each reference is pasted verbatim
into the answer-key notebook.
"""

from __future__ import annotations

import torch
from torch import nn


def one_step_attention(a, s_prev, densor1, densor2):
    """One step of attention: how much each input position matters to the next output character, and the context
    vector those weights make.

    Arguments:
    a -- hidden states of the pre-attention Bi-LSTM, float32 tensor of shape (m, Tx, 2*n_a)
    s_prev -- previous hidden state of the post-attention LSTM, float32 tensor of shape (m, n_s)
    densor1 -- nn.Linear(2*n_a + n_s, n_e), followed by tanh: the first layer of the small network that scores
               each position (n_e is 10 in the lesson)
    densor2 -- nn.Linear(n_e, 1), followed by ReLU: turns each position's n_e numbers into one energy

    Returns:
    context -- float32 tensor of shape (m, 1, 2*n_a), the attention-weighted sum of the Tx hidden states
    alphas -- float32 tensor of shape (m, Tx, 1), the attention weights, summing to 1 over the Tx positions
    """
    Tx = a.shape[1]
    s_rep = s_prev.unsqueeze(1).expand(-1, Tx, -1)  # (m, Tx, n_s): the same state beside every position
    concat = torch.cat([a, s_rep], dim=-1)  # (m, Tx, 2*n_a + n_s)
    e = torch.tanh(densor1(concat))  # (m, Tx, n_e)
    energies = torch.relu(densor2(e))  # (m, Tx, 1)
    alphas = torch.softmax(energies, dim=1)  # over the Tx positions
    context = torch.sum(alphas * a, dim=1, keepdim=True)  # (m, 1, 2*n_a)
    return context, alphas


class NMTModel(nn.Module):
    """The translation model: a Bi-LSTM over the input, then Ty steps of attention and a post-attention LSTM.

    Arguments of __init__ (the original modelf's):
    Tx -- length of the input sequence
    Ty -- length of the output sequence
    n_a -- hidden state size of each direction of the pre-attention Bi-LSTM
    n_s -- hidden state size of the post-attention LSTM
    human_vocab_size -- size of the input vocabulary
    machine_vocab_size -- size of the output vocabulary

    forward(X, s0, c0):
    X -- one-hot input, float32 tensor of shape (m, Tx, human_vocab_size)
    s0, c0 -- initial hidden state and memory cell of the post-attention LSTM, float32 tensors of shape (m, n_s)

    Returns:
    outputs -- float32 tensor of shape (Ty, m, machine_vocab_size), the scores (logits) of each output character
    attention -- float32 tensor of shape (Ty, m, Tx): attention[t, i] are the weights step t gave example i's input
    """

    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        """Create every layer with weights once: they are shared by all Ty steps."""
        super().__init__()
        self.Tx, self.Ty = Tx, Ty
        self.pre_attention_LSTM = nn.LSTM(human_vocab_size, n_a, batch_first=True, bidirectional=True)
        self.densor1 = nn.Linear(2 * n_a + n_s, 10)
        self.densor2 = nn.Linear(10, 1)
        self.post_attention_LSTM_cell = nn.LSTMCell(2 * n_a, n_s)
        self.output_layer = nn.Linear(n_s, machine_vocab_size)

    def forward(self, X, s0, c0):
        """Read X with the Bi-LSTM, then for each of the Ty steps: attend, step the post-attention LSTM from the
        previous (s, c), score the next character."""
        a, _ = self.pre_attention_LSTM(X)  # (m, Tx, 2*n_a): forward and backward states side by side
        s, c = s0, c0
        outputs, attention = [], []
        for _ in range(self.Ty):
            context, alphas = one_step_attention(a, s, self.densor1, self.densor2)
            s, c = self.post_attention_LSTM_cell(context.squeeze(1), (s, c))
            outputs.append(self.output_layer(s))
            attention.append(alphas.squeeze(-1))
        return torch.stack(outputs), torch.stack(attention)
