"""Correct solutions of C5W3A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import variant
from dlspec.nn.nmt import one_step_attention

# --- one_step_attention -----------------------------------------------------------------------------------------


@variant("one_step_attention")
def attention_by_repeat_and_bmm(a, s_prev, densor1, densor2):
    # the state copied with repeat, the energies through F.relu and F.softmax, the context as a batched product
    s_rep = s_prev[:, None, :].repeat(1, a.size(1), 1)
    hidden = torch.tanh(densor1(torch.cat((a, s_rep), dim=2)))
    alphas = F.softmax(F.relu(densor2(hidden)), dim=1)
    context = torch.bmm(alphas.transpose(1, 2), a)  # (m, 1, Tx) @ (m, Tx, 2*n_a)
    return context, alphas


@variant("one_step_attention")
def attention_by_hand(a, s_prev, densor1, densor2):
    # densor1 split into the part that reads a and the part that reads s, the softmax written out (shifted by the
    # largest energy, as torch.softmax does), the context as an einsum
    n_a2 = a.shape[-1]
    w, b = densor1.weight, densor1.bias
    e = torch.tanh(a @ w[:, :n_a2].T + (s_prev @ w[:, n_a2:].T)[:, None, :] + b)
    energies = densor2(e).clamp(min=0)
    weights = torch.exp(energies - energies.max(dim=1, keepdim=True).values)
    alphas = weights / weights.sum(dim=1, keepdim=True)
    return torch.einsum("mt,mtn->mn", alphas[..., 0], a)[:, None, :], alphas


# --- NMTModel ---------------------------------------------------------------------------------------------------


@variant("NMTModel")
class NMTTwoLSTMs(nn.Module):
    # the Bi-LSTM as two LSTMs, the second reading the date backwards; the post-attention LSTM as an nn.LSTM run one
    # step at a time; outputs written into tensors made up front
    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        super().__init__()
        self.Ty = Ty
        self.forward_lstm = nn.LSTM(human_vocab_size, n_a, batch_first=True)
        self.backward_lstm = nn.LSTM(human_vocab_size, n_a, batch_first=True)
        self.score = nn.Linear(2 * n_a + n_s, 10)
        self.energy = nn.Linear(10, 1)
        self.decoder = nn.LSTM(2 * n_a, n_s, batch_first=True)
        self.out = nn.Linear(n_s, machine_vocab_size)

    def forward(self, X, s0, c0):
        ahead, _ = self.forward_lstm(X)
        behind, _ = self.backward_lstm(X.flip(1))
        a = torch.cat([ahead, behind.flip(1)], dim=-1)
        state = (s0[None], c0[None])  # nn.LSTM's states have a leading layer axis
        outputs = X.new_empty(self.Ty, X.shape[0], self.out.out_features)
        attention = X.new_empty(self.Ty, X.shape[0], X.shape[1])
        for t in range(self.Ty):
            context, alphas = one_step_attention(a, state[0][0], self.score, self.energy)
            s, state = self.decoder(context, state)
            outputs[t] = self.out(s[:, 0])
            attention[t] = alphas[..., 0]
        return outputs, attention


@variant("NMTModel")
class NMTModuleDict(nn.Module):
    # the layers in an nn.ModuleDict, the attention weights transposed at the end
    def __init__(self, Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        super().__init__()
        self.Ty = Ty
        self.layers = nn.ModuleDict({
            "encoder": nn.LSTM(human_vocab_size, n_a, bidirectional=True),
            "d1": nn.Linear(2 * n_a + n_s, 10),
            "d2": nn.Linear(10, 1),
            "cell": nn.LSTMCell(2 * n_a, n_s),
            "dense": nn.Linear(n_s, machine_vocab_size),
        })  # fmt: skip

    def forward(self, X, s0, c0):
        a = self.layers["encoder"](X.transpose(0, 1))[0].transpose(0, 1)  # time first in, time first out
        s, c, scores, alphas_all = s0, c0, [], []
        for _ in range(self.Ty):
            context, alphas = one_step_attention(a, s, self.layers["d1"], self.layers["d2"])
            s, c = self.layers["cell"](context[:, 0, :], (s, c))
            scores.append(self.layers["dense"](s))
            alphas_all.append(alphas)
        return torch.stack(scores, dim=0), torch.cat(alphas_all, dim=2).permute(2, 0, 1)
