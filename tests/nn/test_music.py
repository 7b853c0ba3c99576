"""The melody LSTM of C5W1A3: the training model equals PyTorch's own nn.LSTM run over the whole sequence with the
same weights, the inference model feeds back its argmax, and predict_and_sample reads the choices off the scores."""

import numpy as np
import torch
from torch import nn

from dlspec.nn.music import DJModel, MusicInferenceModel, predict_and_sample

N_VALUES, N_A = 11, 7


def layers(seed):
    torch.manual_seed(seed)
    return nn.LSTMCell(N_VALUES, N_A), nn.Linear(N_A, N_VALUES)


def one_hot(rng, shape):
    return torch.as_tensor(np.eye(N_VALUES, dtype=np.float32)[rng.integers(0, N_VALUES, shape)])


def test_the_training_model_is_nn_lstm_with_the_cells_weights():
    rng = np.random.default_rng(0)
    cell, densor = layers(0)
    lstm = nn.LSTM(N_VALUES, N_A, batch_first=True)
    with torch.no_grad():
        for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            getattr(lstm, f"{name}_l0").copy_(getattr(cell, name))
    X, a0, c0 = one_hot(rng, (4, 9)), torch.randn(4, N_A), torch.randn(4, N_A)
    hidden, _ = lstm(X, (a0[None], c0[None]))
    expected = densor(hidden).transpose(0, 1)  # (Tx, m, n_values)
    got = DJModel(9, cell, densor)(X, a0, c0)
    assert got.shape == (9, 4, N_VALUES)
    torch.testing.assert_close(got, expected)


def test_the_training_model_shares_one_cell_whatever_its_length():
    cell, densor = layers(1)
    counts = {sum(p.numel() for p in DJModel(Tx, cell, densor).parameters()) for Tx in (1, 5, 50)}
    assert counts == {sum(p.numel() for p in [*cell.parameters(), *densor.parameters()])}
    model = DJModel(3, cell, densor)
    loss = model(one_hot(np.random.default_rng(1), (2, 3)), torch.zeros(2, N_A), torch.zeros(2, N_A)).sum()
    loss.backward()
    assert cell.weight_ih.grad is not None and densor.weight.grad is not None  # training reaches the given layers


def test_the_inference_model_feeds_its_argmax_back_as_a_one_hot_input():
    cell, densor = layers(2)
    rng = np.random.default_rng(2)
    x0, a0, c0 = one_hot(rng, (3,)), torch.randn(3, N_A), torch.randn(3, N_A)
    with torch.no_grad():
        out = MusicInferenceModel(cell, densor, Ty=6)(x0, a0, c0)
        assert out.shape == (6, 3, N_VALUES)
        chosen = out.argmax(-1)
        # the training model, reading x0 and then the chosen values, computes the same scores
        X = torch.cat([x0[:, None], nn.functional.one_hot(chosen[:-1].T, N_VALUES).float()], dim=1)
        torch.testing.assert_close(DJModel(6, cell, densor)(X, a0, c0), out)


def test_predict_and_sample_returns_one_hot_choices_and_their_indices():
    cell, densor = layers(3)
    model = MusicInferenceModel(cell, densor, Ty=5)
    results, indices = predict_and_sample(model, torch.zeros(2, N_VALUES), torch.zeros(2, N_A), torch.zeros(2, N_A))
    assert isinstance(results, np.ndarray) and isinstance(indices, np.ndarray)
    assert results.shape == (5, 2, N_VALUES) and results.dtype == np.float32
    assert indices.shape == (5, 2) and indices.dtype == np.int64
    assert (results.sum(-1) == 1).all() and (results.argmax(-1) == indices).all()
