"""dlspec.nn.char_lm: the original's numbers, gradients against finite differences, and what sampling and training
promise."""

import numpy as np
import pytest

from dlspec.nn.char_lm import (
    clip,
    get_initial_loss,
    model,
    optimize,
    rnn_backward,
    rnn_forward,
    rnn_step_forward,
    sample,
    smooth,
)
from dlspec.nn.gradcheck import numerical_gradient
from dlspec.nn.rnn import rnn_cell_forward

CHAR_TO_IX = {c: i for i, c in enumerate("\nabcdefghijklmnopqrstuvwxyz")}


def parameters(r, n_a, vocab):
    return {"Wax": r.randn(n_a, vocab), "Waa": r.randn(n_a, n_a), "Wya": r.randn(vocab, n_a), "b": r.randn(n_a, 1),
            "by": r.randn(vocab, 1)}


def test_step_is_the_rnn_cell_under_the_original_key_names():
    p = parameters(np.random.RandomState(0), 4, 6)
    x, a = np.eye(6)[:, [2]], np.random.RandomState(1).randn(4, 1)
    a_next, y, _ = rnn_cell_forward(x, a, {**p, "ba": p["b"]})
    got = rnn_step_forward(p, a, x)
    assert np.allclose(got[0], a_next) and np.allclose(got[1], y)


def test_backward_matches_finite_differences():
    r = np.random.RandomState(2)
    p, a0 = parameters(r, 5, 7), r.randn(5, 1)
    X, Y = [None, 3, 1, 4], [3, 1, 4, 0]
    _, cache = rnn_forward(X, Y, a0, p)
    gradients, _ = rnn_backward(X, Y, p, cache)
    for k in p:
        numeric = numerical_gradient(lambda: rnn_forward(X, Y, a0, p)[0], p[k])
        assert np.allclose(gradients["d" + k], numeric, atol=1e-6), k


def test_optimize_gives_the_original_examples_numbers():
    r = np.random.RandomState(1)
    a_prev = r.randn(100, 1)
    p = parameters(r, 100, 27)
    loss, gradients, a_last = optimize([12, 3, 5, 11, 22, 3], [4, 14, 11, 22, 25, 26], a_prev, p, 0.01)
    assert loss == pytest.approx(126.5039757) and gradients["dWaa"][1, 2] == pytest.approx(0.1947093)
    assert a_last.shape == (100, 1) and all(np.abs(g).max() <= 5 for g in gradients.values())


def test_clip_works_in_place_and_leaves_small_entries():
    g = {k: np.array([[-7.0, 0.5, 12.0]]) for k in ("dWaa", "dWax", "dWya", "db", "dby")}
    out = clip(g, 5)
    assert out["db"] is g["db"] and np.array_equal(g["dWax"], [[-5.0, 0.5, 5.0]])


def test_sample_draws_the_originals_first_indices_and_ends_with_a_newline():
    p = parameters(np.random.RandomState(24), 100, 27)
    indices = sample(p, CHAR_TO_IX, 0)
    assert indices[:6] == [23, 16, 26, 26, 24, 3] and indices[-1] == 0 and 0 not in indices[:-1]


def test_sample_appends_the_newline_after_fifty_draws():
    p = parameters(np.random.RandomState(0), 3, 27)
    p["by"][0] = -50  # the newline is never drawn
    indices = sample(p, CHAR_TO_IX, 1)
    assert len(indices) == 51 and indices[-1] == 0 and 0 not in indices[:-1]


def test_smoothing_starts_from_the_uniform_guess():
    assert get_initial_loss(27, 7) == pytest.approx(7 * np.log(27))
    assert smooth(10.0, 20.0) == pytest.approx(10.01)


def test_model_lowers_the_loss_and_returns_a_sampled_name(capsys):
    names = ["anna", "emma", "ella", "ada"] * 5
    p, name = model(names, dict(enumerate(CHAR_TO_IX)), CHAR_TO_IX, num_iterations=300, n_a=8)
    X = [None, 1, 14, 14, 1]
    trained = rnn_forward(X, [1, 14, 14, 1, 0], np.zeros((8, 1)), p)[0]
    assert trained < get_initial_loss(27, 5)
    assert name[0].isupper() and name.endswith("\n") and "Iteration: 0" in capsys.readouterr().out
