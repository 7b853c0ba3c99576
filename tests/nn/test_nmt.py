"""The attention model of C5W3A1: one_step_attention equals the formula written in NumPy, the model's encoder is a
true Bi-LSTM, its layers are shared by every step, and it learns the dates."""

import numpy as np
import torch
from torch import nn

from dlspec.checking.probes import one_thread
from dlspec.nn.nmt import NMTModel, one_step_attention
from dlspec.viz.attention import plot_attention


def test_one_step_attention_is_the_formula_in_numpy():
    rng = np.random.default_rng(0)
    m, Tx, n_a, n_s = 3, 7, 4, 5
    a, s = rng.normal(size=(m, Tx, 2 * n_a)), rng.normal(size=(m, n_s))
    W1, b1, W2, b2 = rng.normal(size=(10, 2 * n_a + n_s)), rng.normal(size=10), rng.normal(size=(1, 10)), [0.3]
    densor1, densor2 = nn.Linear(2 * n_a + n_s, 10).double(), nn.Linear(10, 1).double()
    with torch.no_grad():
        for p, v in zip([*densor1.parameters(), *densor2.parameters()], [W1, b1, W2, b2], strict=True):
            p.copy_(torch.as_tensor(np.asarray(v)))
    context, alphas = one_step_attention(torch.as_tensor(a), torch.as_tensor(s), densor1, densor2)
    for i in range(m):
        energies = np.array([max(0.0, (W2 @ np.tanh(W1 @ np.concatenate([a[i, t], s[i]]) + b1))[0] + 0.3)
                             for t in range(Tx)])  # fmt: skip
        weights = np.exp(energies) / np.exp(energies).sum()
        np.testing.assert_allclose(alphas[i, :, 0].detach().numpy(), weights, rtol=1e-10)
        np.testing.assert_allclose(context[i, 0].detach().numpy(), weights @ a[i], rtol=1e-10)


def test_the_model_reads_both_ways_and_shares_its_layers_over_the_steps():
    torch.manual_seed(0)
    model = NMTModel(6, 4, 3, 5, 8, 11)
    X = nn.functional.one_hot(torch.randint(0, 8, (2, 6)), 8).float()
    zeros = torch.zeros(2, 5)
    outputs, attention = model(X, zeros, zeros)
    assert outputs.shape == (4, 2, 11) and attention.shape == (4, 2, 6)
    torch.testing.assert_close(attention.sum(-1), torch.ones(4, 2))
    # the first position's backward state depends on the last character: change it, and the first state changes
    a, _ = model.pre_attention_LSTM(X)
    X2 = X.clone()
    X2[:, -1] = nn.functional.one_hot(torch.tensor([0, 1]), 8).float()
    b, _ = model.pre_attention_LSTM(X2)
    assert not torch.allclose(a[:, 0, 3:], b[:, 0, 3:]) and torch.allclose(a[:, 0, :3], b[:, 0, :3])
    counts = {sum(p.numel() for p in NMTModel(30, Ty, 32, 64, 37, 11).parameters()) for Ty in (1, 10, 40)}
    assert counts == {52_960 + 512}  # Keras's count, plus the second bias vector of PyTorch's two LSTMs


@one_thread()  # small matrices: threads that wait for busy cores would make it ten times slower
def test_the_model_learns_to_copy_a_digit_to_where_it_belongs():
    # a toy translation: random strings of 5 characters, and the answer is the one at position 2, written twice;
    # the model must learn to carry it there. A second on one thread.
    torch.manual_seed(0)
    X_idx = torch.randint(0, 5, (64, 5))
    X = nn.functional.one_hot(X_idx, 5).float()
    targets = X_idx[:, 2].repeat(2, 1)  # (Ty=2, m): both outputs copy position 2
    model = NMTModel(5, 2, 8, 16, 5, 5)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
    zeros = torch.zeros(64, 16)
    for _ in range(60):
        outputs, _ = model(X, zeros, zeros)
        loss = nn.functional.cross_entropy(outputs.reshape(-1, 5), targets.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        outputs, attention = model(X, zeros, zeros)
    assert (outputs.argmax(-1) == targets).float().mean() > 0.95


def test_plot_attention_labels_the_tokens():
    ax = plot_attention(np.full((2, 3), 1 / 3), ["a", " ", "b"], ["x", "y"], title="t")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "␣", "b"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "y"] and ax.get_title() == "t"
