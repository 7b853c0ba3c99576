"""Known mistakes in C5W3A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import torch
from torch import nn

from dlspec.checking.spec import mutant
from dlspec.nn.nmt import one_step_attention

# --- one_step_attention -----------------------------------------------------------------------------------------


def _attention(a, s_rep, densor1, densor2, dim=1, first=torch.tanh, second=torch.relu):
    """The reference's steps after the repeat, with the parts a mistake changes as arguments."""
    energies = second(densor2(first(densor1(torch.cat([a, s_rep], dim=-1)))))
    alphas = torch.softmax(energies, dim=dim)
    return torch.sum(alphas * a, dim=1, keepdim=True), alphas


def _repeat(a, s_prev):
    return s_prev.unsqueeze(1).expand(-1, a.shape[1], -1)


@mutant("one_step_attention", "Take the softmax over the Tx positions, dim=1: the energies have shape (m, Tx, 1), so "
        "over the last axis each weight is alone in its softmax and becomes 1, and the context is the plain sum of "
        "the states.")  # fmt: skip
def softmax_last_axis(a, s_prev, densor1, densor2):
    return _attention(a, _repeat(a, s_prev), densor1, densor2, dim=-1)


@mutant("one_step_attention", "Take the softmax over the Tx positions of each example, dim=1, not over the examples "
        "(dim=0): each example's weights must sum to 1.")  # fmt: skip
def softmax_over_examples(a, s_prev, densor1, densor2):
    return _attention(a, _repeat(a, s_prev), densor1, densor2, dim=0)


@mutant("one_step_attention", "Concatenate in the order [a, s_prev repeated]: densor1's first 2*n_a inputs read the "
        "Bi-LSTM's states, its last n_s the decoder's state. The other order has the same shape, so only the "
        "numbers show it.")  # fmt: skip
def concatenated_the_other_way(a, s_prev, densor1, densor2):
    energies = torch.relu(densor2(torch.tanh(densor1(torch.cat([_repeat(a, s_prev), a], dim=-1)))))
    alphas = torch.softmax(energies, dim=1)
    return torch.sum(alphas * a, dim=1, keepdim=True), alphas


@mutant("one_step_attention", "Repeat each example's state along a new axis 1, s_prev.unsqueeze(1), then expand (or "
        "repeat) it Tx times: s_prev.repeat(Tx, 1) stacks the whole batch Tx times, and reshaped to (m, Tx, n_s) it "
        "pairs positions with other examples' states.")  # fmt: skip
def repeated_along_the_batch(a, s_prev, densor1, densor2):
    m, Tx = a.shape[0], a.shape[1]
    return _attention(a, s_prev.repeat(Tx, 1).reshape(m, Tx, -1), densor1, densor2)


@mutant("one_step_attention", "densor1 is followed by tanh and densor2 by ReLU, in that order: the small network "
        "squashes first, then keeps only positive energies.")  # fmt: skip
def activations_swapped(a, s_prev, densor1, densor2):
    return _attention(a, _repeat(a, s_prev), densor1, densor2, first=torch.relu, second=torch.tanh)


@mutant("one_step_attention", "Apply the activations: tanh after densor1 and ReLU after densor2. nn.Linear has none "
        "of its own, unlike Keras's Dense(10, activation='tanh').")  # fmt: skip
def no_activations(a, s_prev, densor1, densor2):
    return _attention(a, _repeat(a, s_prev), densor1, densor2, first=torch.nn.Identity(), second=torch.nn.Identity())


@mutant("one_step_attention", "The context is the weighted sum over the Tx positions, keeping that axis as 1: "
        "torch.sum(alphas * a, dim=1, keepdim=True), shape (m, 1, 2*n_a).")  # fmt: skip
def context_without_its_axis(a, s_prev, densor1, densor2):
    context, alphas = one_step_attention(a, s_prev, densor1, densor2)
    return context[:, 0, :], alphas


@mutant("one_step_attention", "Sum the weighted states, do not average them: the weights already sum to 1, so a mean "
        "divides the context by Tx once more.")  # fmt: skip
def context_averaged(a, s_prev, densor1, densor2):
    context, alphas = one_step_attention(a, s_prev, densor1, densor2)
    return context / a.shape[1], alphas


@mutant("one_step_attention", "Return the attention weights after the softmax, alphas, not the energies before it: "
        "the weights are what sums to 1 over the positions.")  # fmt: skip
def energies_returned(a, s_prev, densor1, densor2):
    energies = torch.relu(densor2(torch.tanh(densor1(torch.cat([a, _repeat(a, s_prev)], dim=-1)))))
    context, _ = one_step_attention(a, s_prev, densor1, densor2)
    return context, energies


# --- NMTModel ---------------------------------------------------------------------------------------------------


class _NMT(nn.Module):
    """The reference's layers, with the parts a mistake changes as methods: ``encode`` (the Bi-LSTM), ``layers``
    (the shared layers a step uses), ``attending`` (the state attention reads), ``step`` (the post-attention
    LSTM), ``read`` (what the output layer reads) and ``finish`` (the stacked outputs)."""

    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, bidirectional=True, batch_first=True):
        super().__init__()
        self.Tx, self.Ty = Tx, Ty
        n_dir = 2 if bidirectional else 1
        self.pre_attention_LSTM = nn.LSTM(human_vocab_size, n_a, batch_first=batch_first,
                                          bidirectional=bidirectional)  # fmt: skip
        self.densor1 = nn.Linear(n_dir * n_a + n_s, 10)
        self.densor2 = nn.Linear(10, 1)
        self.post_attention_LSTM_cell = nn.LSTMCell(n_dir * n_a, n_s)
        self.output_layer = nn.Linear(n_s, machine_vocab_size)

    def encode(self, X):
        return self.pre_attention_LSTM(X)[0]

    def layers(self, t):
        return self.densor1, self.densor2, self.post_attention_LSTM_cell

    def attending(self, s, s0):
        return s

    def step(self, cell, context, s, c, s0, c0):
        return cell(context[:, 0, :], (s, c))

    def read(self, s, c):
        return s

    def finish(self, outputs, attention):
        return torch.stack(outputs), torch.stack(attention)

    def forward(self, X, s0, c0):
        a = self.encode(X)
        s, c, outputs, attention = s0, c0, [], []
        for t in range(self.Ty):
            densor1, densor2, cell = self.layers(t)
            context, alphas = one_step_attention(a, self.attending(s, s0), densor1, densor2)
            s, c = self.step(cell, context, s, c, s0, c0)
            outputs.append(self.output_layer(self.read(s, c)))
            attention.append(alphas[..., 0])
        return self.finish(outputs, attention)


@mutant("NMTModel", "The pre-attention LSTM is bidirectional: nn.LSTM(human_vocab_size, n_a, batch_first=True, "
        "bidirectional=True) gives 2*n_a numbers per position, the forward and the backward state side by side, "
        "so each position knows what comes after it too.")  # fmt: skip
class Unidirectional(_NMT):
    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        super().__init__(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, bidirectional=False)


@mutant("NMTModel", "Give the pre-attention LSTM batch_first=True: X is (m, Tx, human_vocab_size), and nn.LSTM "
        "otherwise reads its first axis as time, so it runs along the batch instead of along each date.")  # fmt: skip
class NotBatchFirst(_NMT):
    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        super().__init__(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, batch_first=False)


@mutant("NMTModel", "Create the post-attention LSTM once, in __init__, and use it at every step: one set of weights "
        "shared by all Ty steps. A cell per step gives Ty cells, and a model whose size grows with Ty.")  # fmt: skip
class CellPerStep(_NMT):
    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        super().__init__(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size)
        self.cells = nn.ModuleList(nn.LSTMCell(2 * n_a, n_s) for _ in range(Ty))

    def layers(self, t):
        return self.densor1, self.densor2, self.cells[t]


@mutant("NMTModel", "Create the layers in __init__, not in forward: a layer made in the loop is new at every step "
        "and on every call, with fresh random weights that nn.Module never registers, so nothing trains it. Keras "
        "needed the layers defined outside the function for the same reason.")  # fmt: skip
class CellMadeInForward(_NMT):
    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        super().__init__(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size)
        del self.post_attention_LSTM_cell
        self.sizes = (2 * n_a, n_s)

    def layers(self, t):
        return self.densor1, self.densor2, nn.LSTMCell(*self.sizes)


@mutant("NMTModel", "Create densor1 and densor2 once, in __init__, and pass the same two to one_step_attention at "
        "every step: attention is one small network shared by all Ty steps, not a new one per step.")  # fmt: skip
class AttentionLayersPerStep(_NMT):
    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        super().__init__(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size)
        self.attention_layers = nn.ModuleList(
            nn.ModuleList([nn.Linear(2 * n_a + n_s, 10), nn.Linear(10, 1)]) for _ in range(Ty))

    def layers(self, t):
        return *self.attention_layers[t], self.post_attention_LSTM_cell


@mutant("NMTModel", "Carry the post-attention state from step to step: each step starts from the (s, c) the step "
        "before returned, not from (s0, c0), which are only for the first step.")  # fmt: skip
class StateNotCarried(_NMT):
    def step(self, cell, context, s, c, s0, c0):
        return cell(context[:, 0, :], (s0, c0))


@mutant("NMTModel", "nn.LSTMCell returns (s, c): the hidden state first, then the memory cell.")
class StatesSwapped(_NMT):
    def step(self, cell, context, s, c, s0, c0):
        c, s = cell(context[:, 0, :], (s, c))
        return s, c


@mutant("NMTModel", "Attend with the current state: pass the s the previous step returned to one_step_attention, so "
        "that what the model has written so far decides where it looks next.")  # fmt: skip
class AttendWithFirstState(_NMT):
    def attending(self, s, s0):
        return s0


@mutant("NMTModel", "The output layer reads the hidden state s, not the memory cell c.")
class OutputFromMemory(_NMT):
    def read(self, s, c):
        return c


@mutant("NMTModel", "Stack the Ty outputs with time first, torch.stack(outputs) (dim=0): (Ty, m, machine_vocab_size), "
        "and the attention weights likewise, (Ty, m, Tx).")  # fmt: skip
class ExamplesFirst(_NMT):
    def finish(self, outputs, attention):
        return torch.stack(outputs, dim=1), torch.stack(attention, dim=1)


@mutant("NMTModel", "Return the scores (logits): nn.CrossEntropyLoss applies the softmax itself, so a softmax here "
        "would be applied twice.")  # fmt: skip
class SoftmaxOutputs(_NMT):
    def finish(self, outputs, attention):
        return torch.softmax(torch.stack(outputs), dim=-1), torch.stack(attention)


@mutant("NMTModel", "Read the date backwards for the backward LSTM, then flip its states back (.flip(1)) before "
        "putting them beside the forward ones: position t must hold both directions' states of the same "
        "character.")  # fmt: skip
class BackwardNotFlippedBack(_NMT):
    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        super().__init__(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size)
        del self.pre_attention_LSTM  # two LSTMs instead, registered last: the weights find them by shape
        self.forward_lstm = nn.LSTM(human_vocab_size, n_a, batch_first=True)
        self.backward_lstm = nn.LSTM(human_vocab_size, n_a, batch_first=True)

    def encode(self, X):
        return torch.cat([self.forward_lstm(X)[0], self.backward_lstm(X.flip(1))[0]], dim=-1)
