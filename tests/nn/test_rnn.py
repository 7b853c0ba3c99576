"""The basic RNN and the LSTM: the course's functions agree with finite differences, with PyTorch and with the
numbers the original course printed.

PyTorch keeps a sequence as (T_x, m, n_x) and stacks the LSTM's gates in the order i, f, g, o in one matrix for the
input and one for the hidden state; the course keeps (n_x, m, T_x) and one matrix per gate acting on [a_prev; xt].
The helpers below move between the two.
"""

import numpy as np
import pytest
import torch

from dlspec.nn.gradcheck import numerical_gradient
from dlspec.nn.rnn import (
    lstm_backward,
    lstm_cell_backward,
    lstm_cell_forward,
    lstm_forward,
    rnn_backward,
    rnn_cell_backward,
    rnn_cell_forward,
    rnn_forward,
)

# (n_x, n_a, n_y, m, T_x): one example, one step, more features than units and the reverse
SHAPES = [(3, 5, 2, 4, 6), (4, 2, 3, 1, 5), (2, 3, 4, 3, 1), (5, 4, 2, 2, 3)]
GATES = ["f", "i", "c", "o"]


def rnn_parameters(rng, n_x, n_a, n_y, scale=1.0):
    return {
        "Wax": scale * rng.normal(size=(n_a, n_x)),
        "Waa": scale * rng.normal(size=(n_a, n_a)),
        "ba": rng.normal(size=(n_a, 1)),
        "Wya": rng.normal(size=(n_y, n_a)),
        "by": rng.normal(size=(n_y, 1)),
    }


def lstm_parameters(rng, n_x, n_a, n_y):
    parameters = {}
    for g in GATES:
        parameters["W" + g] = rng.normal(size=(n_a, n_a + n_x))
        parameters["b" + g] = rng.normal(size=(n_a, 1))
    parameters["Wy"] = rng.normal(size=(n_y, n_a))
    parameters["by"] = rng.normal(size=(n_y, 1))
    return parameters


def relative_difference(g, g_num):
    scale = np.linalg.norm(g) + np.linalg.norm(g_num)
    return np.linalg.norm(g - g_num) / scale if scale else 0.0  # both zero (dWf when c_prev is 0) agree


def assert_gradient(analytic, cost, x, name):
    difference = relative_difference(analytic, numerical_gradient(cost, x))
    assert difference < 1e-7, f"{name}: relative difference {difference:.2e}"


# --- forward ----------------------------------------------------------------------------------------------------


def test_rnn_cell_forward_computes_the_state_then_the_prediction():
    rng = np.random.default_rng(0)
    p = rnn_parameters(rng, 3, 4, 2)
    xt, a_prev = rng.normal(size=(3, 5)), rng.normal(size=(4, 5))
    a_next, yt_pred, cache = rnn_cell_forward(xt, a_prev, p)
    np.testing.assert_allclose(a_next, np.tanh(p["Waa"] @ a_prev + p["Wax"] @ xt + p["ba"]))
    z = p["Wya"] @ a_next + p["by"]
    np.testing.assert_allclose(yt_pred, np.exp(z) / np.exp(z).sum(axis=0))
    assert cache[0] is a_next and cache[1] is a_prev and cache[2] is xt and cache[3] is p


def test_lstm_cell_forward_caches_the_gates_in_the_original_order():
    rng = np.random.default_rng(1)
    p = lstm_parameters(rng, 3, 4, 2)
    xt, a_prev, c_prev = rng.normal(size=(3, 5)), rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    a_next, c_next, yt_pred, cache = lstm_cell_forward(xt, a_prev, c_prev, p)
    assert len(cache) == 10
    cached_a, cached_c, cached_a_prev, cached_c_prev, ft, it, cct, ot, cached_xt, cached_p = cache
    assert cached_a is a_next and cached_c is c_next and cached_a_prev is a_prev and cached_c_prev is c_prev
    assert cached_xt is xt and cached_p is p
    np.testing.assert_allclose(c_next, ft * c_prev + it * cct)
    np.testing.assert_allclose(a_next, ot * np.tanh(c_next))
    assert np.all((0 < ft) & (ft < 1)) and np.all((-1 < cct) & (cct < 1))
    np.testing.assert_allclose(yt_pred.sum(axis=0), 1.0)


@pytest.mark.parametrize("forward, make", [(rnn_forward, rnn_parameters), (lstm_forward, lstm_parameters)])
def test_a_sequence_is_the_cell_applied_step_after_step(forward, make):
    rng = np.random.default_rng(2)
    n_x, n_a, n_y, m, T_x = 3, 4, 2, 5, 6
    p = make(rng, n_x, n_a, n_y)
    x, a0 = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m))
    out = forward(x, a0, p)
    caches, cached_x = out[-1]
    assert cached_x is x and len(caches) == T_x
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        if forward is rnn_forward:
            a_next, yt, _ = rnn_cell_forward(x[:, :, t], a_next, p)
        else:
            a_next, c_next, yt, _ = lstm_cell_forward(x[:, :, t], a_next, c_next, p)
            np.testing.assert_allclose(out[2][:, :, t], c_next)
        np.testing.assert_allclose(out[0][:, :, t], a_next)
        np.testing.assert_allclose(out[1][:, :, t], yt)


# --- backward against finite differences ------------------------------------------------------------------------


@pytest.mark.parametrize("n_x, n_a, n_y, m, T_x", SHAPES)
def test_rnn_cell_backward_matches_finite_differences(n_x, n_a, n_y, m, T_x):
    rng = np.random.default_rng(3)
    p = rnn_parameters(rng, n_x, n_a, n_y)
    xt, a_prev, R = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))

    def cost():
        return np.sum(R * rnn_cell_forward(xt, a_prev, p)[0])

    g = rnn_cell_backward(R, rnn_cell_forward(xt, a_prev, p)[2])
    assert set(g) == {"dxt", "da_prev", "dWax", "dWaa", "dba"}
    for key, value in [("dxt", xt), ("da_prev", a_prev), ("dWax", p["Wax"]), ("dWaa", p["Waa"]), ("dba", p["ba"])]:
        assert_gradient(g[key], cost, value, key)


@pytest.mark.parametrize("n_x, n_a, n_y, m, T_x", SHAPES)
def test_lstm_cell_backward_matches_finite_differences(n_x, n_a, n_y, m, T_x):
    rng = np.random.default_rng(4)
    p = lstm_parameters(rng, n_x, n_a, n_y)
    xt, a_prev, c_prev = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))
    Ra, Rc = rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))

    def cost():
        a_next, c_next, _, _ = lstm_cell_forward(xt, a_prev, c_prev, p)
        return np.sum(Ra * a_next) + np.sum(Rc * c_next)

    g = lstm_cell_backward(Ra, Rc, lstm_cell_forward(xt, a_prev, c_prev, p)[3])
    checked = [("dxt", xt), ("da_prev", a_prev), ("dc_prev", c_prev)]
    checked += [(f"d{kind}{gate}", p[kind + gate]) for gate in GATES for kind in ("W", "b")]
    assert set(g) == {key for key, _ in checked}
    for key, value in checked:
        assert_gradient(g[key], cost, value, key)


# the parameters the hidden states depend on: everything but the output layer, whose gradient is the caller's
OUTPUT_LAYER = {"Wya", "Wy", "by"}


@pytest.mark.parametrize("n_x, n_a, n_y, m, T_x", SHAPES)
@pytest.mark.parametrize(
    "forward, backward, make",
    [(rnn_forward, rnn_backward, rnn_parameters), (lstm_forward, lstm_backward, lstm_parameters)],
)
def test_backpropagation_through_time_matches_finite_differences(forward, backward, make, n_x, n_a, n_y, m, T_x):
    rng = np.random.default_rng(5)
    p = make(rng, n_x, n_a, n_y)
    x, a0, da = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m, T_x))

    def cost():
        return np.sum(da * forward(x, a0, p)[0])

    g = backward(da, forward(x, a0, p)[-1])
    checked = [("dx", x), ("da0", a0)] + [("d" + key, value) for key, value in p.items() if key not in OUTPUT_LAYER]
    assert set(g) == {key for key, _ in checked}
    for key, value in checked:
        assert_gradient(g[key], cost, value, key)


def test_the_backward_passes_take_the_number_of_steps_from_da():
    """As in the original: a da covering the first steps only backpropagates through those steps (the original's
    LSTM example passed a 4-step da for a 7-step sequence)."""
    rng = np.random.default_rng(7)
    p = lstm_parameters(rng, 3, 5, 2)
    x, a0 = rng.normal(size=(3, 4, 7)), rng.normal(size=(5, 4))
    da = rng.normal(size=(5, 4, 4))
    g = lstm_backward(da, lstm_forward(x, a0, p)[3])
    short = lstm_backward(da, lstm_forward(x[:, :, :4], a0, p)[3])
    assert g["dx"].shape == (3, 4, 4)
    for key in g:
        np.testing.assert_allclose(g[key], short[key])


# --- against PyTorch --------------------------------------------------------------------------------------------


def _torch_sequence(x):
    """(n_x, m, T_x) as PyTorch's (T_x, m, n_x), a leaf that collects its gradient."""
    return torch.tensor(np.ascontiguousarray(x.transpose(2, 1, 0)), requires_grad=True)


def _course_layout(t):
    """PyTorch's (T_x, m, n) as the course's (n, m, T_x)."""
    return t.detach().numpy().transpose(2, 1, 0)


def _run_torch(module, x, a0, da, c0=None):
    """``module`` on the course's x from a0 (and c0 for an LSTM), then sum(da * a) backpropagated.
    Returns the hidden states, the input and initial-state leaves holding their gradients, and the last state."""
    xs, h0 = _torch_sequence(x), torch.tensor(a0.T[None].copy(), requires_grad=True)
    out, last = module(xs, h0 if c0 is None else (h0, torch.tensor(c0.T[None].copy())))
    (out * torch.tensor(da.transpose(2, 1, 0).copy())).sum().backward()
    return out, xs, h0, last


def _assert_same_states_and_input_gradients(a, y, g, Wy, by, out, xs, h0):
    np.testing.assert_allclose(a, _course_layout(out), rtol=1e-10, atol=1e-12)
    logits = out @ torch.tensor(Wy.T) + torch.tensor(by.ravel())
    np.testing.assert_allclose(y, _course_layout(torch.softmax(logits, dim=-1)), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(g["dx"], _course_layout(xs.grad), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(g["da0"], h0.grad[0].numpy().T, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("n_x, n_a, n_y, m, T_x", SHAPES)
def test_rnn_matches_torch(n_x, n_a, n_y, m, T_x):
    rng = np.random.default_rng(8)
    p = rnn_parameters(rng, n_x, n_a, n_y)
    x, a0, da = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m, T_x))
    a, y_pred, caches = rnn_forward(x, a0, p)
    g = rnn_backward(da, caches)

    rnn = torch.nn.RNN(n_x, n_a, nonlinearity="tanh", dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.tensor(p["Wax"]))
        rnn.weight_hh_l0.copy_(torch.tensor(p["Waa"]))
        rnn.bias_ih_l0.copy_(torch.tensor(p["ba"].ravel()))
        rnn.bias_hh_l0.zero_()
    out, xs, h0, _ = _run_torch(rnn, x, a0, da)

    _assert_same_states_and_input_gradients(a, y_pred, g, p["Wya"], p["by"], out, xs, h0)
    np.testing.assert_allclose(g["dWax"], rnn.weight_ih_l0.grad.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(g["dWaa"], rnn.weight_hh_l0.grad.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(g["dba"].ravel(), rnn.bias_ih_l0.grad.numpy(), rtol=1e-9, atol=1e-12)


# PyTorch's order of the gates in its stacked matrices: input (update), forget, cell (candidate), output
TORCH_GATES = ["i", "f", "c", "o"]


@pytest.mark.parametrize("n_x, n_a, n_y, m, T_x", SHAPES)
def test_lstm_matches_torch(n_x, n_a, n_y, m, T_x):
    rng = np.random.default_rng(9)
    p = lstm_parameters(rng, n_x, n_a, n_y)
    x, a0, da = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m, T_x))
    a, y, c, caches = lstm_forward(x, a0, p)
    g = lstm_backward(da, caches)

    lstm = torch.nn.LSTM(n_x, n_a, dtype=torch.float64)
    with torch.no_grad():
        # the course's W acts on [a_prev; xt]: its first n_a columns are PyTorch's hidden-to-hidden weights
        lstm.weight_hh_l0.copy_(torch.tensor(np.vstack([p["W" + g][:, :n_a] for g in TORCH_GATES])))
        lstm.weight_ih_l0.copy_(torch.tensor(np.vstack([p["W" + g][:, n_a:] for g in TORCH_GATES])))
        lstm.bias_ih_l0.copy_(torch.tensor(np.concatenate([p["b" + g].ravel() for g in TORCH_GATES])))
        lstm.bias_hh_l0.zero_()
    out, xs, h0, (_, c_last) = _run_torch(lstm, x, a0, da, c0=np.zeros((n_a, m)))

    _assert_same_states_and_input_gradients(a, y, g, p["Wy"], p["by"], out, xs, h0)
    w_hh, w_ih = lstm.weight_hh_l0.grad.numpy(), lstm.weight_ih_l0.grad.numpy()
    b = lstm.bias_ih_l0.grad.numpy()
    for k, gate in enumerate(TORCH_GATES):
        rows = slice(k * n_a, (k + 1) * n_a)
        np.testing.assert_allclose(g["dW" + gate], np.hstack([w_hh[rows], w_ih[rows]]), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(g["db" + gate].ravel(), b[rows], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(c[:, :, -1], c_last[0].detach().numpy().T, rtol=1e-10, atol=1e-12)


# --- the original course's printed numbers ----------------------------------------------------------------------


def _original_rnn_parameters(n_x, n_a, n_y):
    return {"Waa": np.random.randn(n_a, n_a), "Wax": np.random.randn(n_a, n_x), "Wya": np.random.randn(n_y, n_a),
            "ba": np.random.randn(n_a, 1), "by": np.random.randn(n_y, 1)}


def _original_lstm_parameters(n_x, n_a, n_y):
    p = {}
    for g in ["f", "i", "o", "c"]:
        p["W" + g], p["b" + g] = np.random.randn(n_a, n_a + n_x), np.random.randn(n_a, 1)
    p["Wy"], p["by"] = np.random.randn(n_y, n_a), np.random.randn(n_y, 1)
    return p


@pytest.fixture
def global_seed():
    state = np.random.get_state()
    yield np.random.seed
    np.random.set_state(state)


def test_the_original_course_forward_examples(global_seed):
    global_seed(17)
    x, a0 = np.random.randn(4, 8, 13), np.random.randn(7, 8)
    a, y_pred, _ = rnn_forward(x, a0, _original_rnn_parameters(4, 7, 3))
    np.testing.assert_allclose(a[5, 2, 2:6], [0.99999291, 0.99332189, 0.9921928, 0.99503445], rtol=1e-6)
    np.testing.assert_allclose(y_pred[2, 1, 1:5], [0.19428, 0.14292, 0.24993, 0.00119], atol=1e-4)

    global_seed(212)
    xt, a_prev, c_prev = np.random.randn(4, 8), np.random.randn(7, 8), np.random.randn(7, 8)
    a_next, c_next, yt, cache = lstm_cell_forward(xt, a_prev, c_prev, _original_lstm_parameters(4, 7, 3))
    np.testing.assert_allclose(cache[4][0, :2], [0.32969833, 0.0574555], rtol=1e-6)  # ft
    np.testing.assert_allclose(c_next[0, :2], [0.1352798, 0.39884899], rtol=1e-6)
    np.testing.assert_allclose(a_next[0, :2], [0.10053951, 0.27129536], rtol=1e-6)

    global_seed(45)
    x, a0 = np.random.randn(4, 13, 16), np.random.randn(3, 13)
    a, y, c, _ = lstm_forward(x, a0, _original_lstm_parameters(4, 3, 2))
    np.testing.assert_allclose(a[2, 1, 4:6], [-0.01606022, 0.0243569], rtol=1e-6)
    np.testing.assert_allclose(c[2, 1, 4:6], [-0.02753855, 0.05668358], rtol=1e-6)


def test_the_original_course_backward_examples(global_seed):
    global_seed(1)
    xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)
    _, _, cache = rnn_cell_forward(xt, a_prev, _original_rnn_parameters(3, 5, 2))
    g = rnn_cell_backward(np.random.randn(5, 10), cache)
    assert g["dxt"][1][2] == pytest.approx(1.3653821219712918)
    assert g["dWaa"][1][2] == pytest.approx(1.1441951795389382)

    global_seed(1)
    x, a0 = np.random.randn(3, 10, 4), np.random.randn(5, 10)
    _, _, caches = rnn_forward(x, a0, _original_rnn_parameters(3, 5, 2))
    g = rnn_backward(np.random.randn(5, 10, 4), caches)
    assert g["da0"][2][3] == pytest.approx(0.005796914346531524)
    assert g["dba"][4, 0] == pytest.approx(-3.51296232)

    global_seed(1)
    xt, a_prev, c_prev = np.random.randn(3, 10), np.random.randn(5, 10), np.random.randn(5, 10)
    _, _, _, cache = lstm_cell_forward(xt, a_prev, c_prev, _original_lstm_parameters(3, 5, 2))
    g = lstm_cell_backward(np.random.randn(5, 10), np.random.randn(5, 10), cache)
    assert g["dxt"][1][2] == pytest.approx(3.23055911511)
    assert g["dc_prev"][2][3] == pytest.approx(0.797522038797)

    global_seed(1)
    x, a0 = np.random.randn(3, 10, 4), np.random.randn(5, 10)
    _, _, _, caches = lstm_forward(x, a0, _original_lstm_parameters(3, 5, 2))
    g = lstm_backward(np.random.randn(5, 10, 4), caches)
    assert g["da0"][2][3] == pytest.approx(0.11016775923614325)
    assert g["dWc"][3][1] == pytest.approx(-0.5988565152522395)
