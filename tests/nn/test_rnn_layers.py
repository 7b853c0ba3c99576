"""RNN and LSTM layers: equal to the course's functions (rnn.py), to PyTorch, to finite differences; trainable by fit.

The course's functions are the answer key, so the layers are compared with them in float64 to 1e-10. PyTorch keeps
a sequence as (T_x, m, n_x), stacks the LSTM's gates in the order i, f, g, o and has two biases (input and hidden,
added together); the layer stacks the course's f, i, c, o and has one. The helpers below map one onto the other.
"""

import tracemalloc

import numpy as np
import pytest
import torch

from dlspec.nn.gradcheck import numerical_gradient
from dlspec.nn.layers import Linear
from dlspec.nn.rnn import lstm_backward, lstm_forward, rnn_backward, rnn_forward
from dlspec.nn.rnn_layers import GATES, LSTM, RNN
from dlspec.nn.train import Sequential, fit

# (n_x, n_a, m, T_x): one example, one step, more features than units and the reverse
SHAPES = [(3, 5, 4, 6), (4, 2, 1, 5), (2, 3, 3, 1), (5, 4, 2, 3)]
TORCH_ORDER = [GATES.index(g) for g in ("i", "f", "c", "o")]  # PyTorch's i, f, g (the candidate), o


def _layer(kind, n_x, n_a, rng, return_sequences=True, dtype=np.float64):
    layer = kind(n_x, n_a, return_sequences=return_sequences, rng=rng, dtype=dtype)
    for p in layer.params.values():  # every parameter random, biases included, so that all of them are checked
        p[...] = rng.normal(size=p.shape)
    return layer


def _course(layer):
    """The layer's parameters as the course's functions take them, with an output layer they need but we ignore."""
    n_a = layer.n_a
    if isinstance(layer, LSTM):
        return {**{k: v.copy() for k, v in layer.course_parameters().items()},
                "Wy": np.zeros((1, n_a)), "by": np.zeros((1, 1))}
    return {**{k: v.copy() for k, v in layer.params.items()}, "Wya": np.zeros((1, n_a)), "by": np.zeros((1, 1))}


def _course_run(layer, x, da):
    """The course's states and gradients (the layer's keys: W, b for the LSTM) for the upstream gradient da."""
    p, a0 = _course(layer), np.zeros((layer.n_a, x.shape[1]))
    if isinstance(layer, LSTM):
        a, _, _, caches = lstm_forward(x, a0, p)
        g = lstm_backward(da, caches)
        grads = {"W": np.vstack([g["dW" + gate] for gate in GATES]),
                 "b": np.vstack([g["db" + gate] for gate in GATES])}
    else:
        a, _, caches = rnn_forward(x, a0, p)
        g = rnn_backward(da, caches)
        grads = {k: g["d" + k] for k in layer.params}
    return a, g["dx"], grads


# --- the course's functions -------------------------------------------------------------------------------------


@pytest.mark.parametrize("n_x, n_a, m, T_x", SHAPES)
@pytest.mark.parametrize("kind", [RNN, LSTM])
def test_layers_equal_the_course_functions(kind, n_x, n_a, m, T_x):
    rng = np.random.default_rng(0)
    layer = _layer(kind, n_x, n_a, rng)
    x, da = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m, T_x))
    a, dx, grads = _course_run(layer, x, da)
    np.testing.assert_allclose(layer.forward(x), a, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.backward(da), dx, rtol=1e-10, atol=1e-12)
    for key, expected in grads.items():
        np.testing.assert_allclose(layer.grads[key], expected, rtol=1e-10, atol=1e-12, err_msg=key)


@pytest.mark.parametrize("kind", [RNN, LSTM])
def test_the_last_state_alone_is_the_sequence_s_last_column(kind):
    """return_sequences=False: the output is a[:, :, -1], and its gradient is da with zeros at the other steps."""
    rng = np.random.default_rng(1)
    layer = _layer(kind, 3, 4, rng, return_sequences=False)
    x, da_last = rng.normal(size=(3, 5, 7)), rng.normal(size=(4, 5))
    da = np.zeros((4, 5, 7))
    da[:, :, -1] = da_last
    a, dx, grads = _course_run(layer, x, da)
    np.testing.assert_allclose(layer.forward(x), a[:, :, -1], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.backward(da_last), dx, rtol=1e-10, atol=1e-12)
    for key, expected in grads.items():
        np.testing.assert_allclose(layer.grads[key], expected, rtol=1e-10, atol=1e-12, err_msg=key)


def test_course_parameters_are_views_of_the_stacked_gates():
    layer = LSTM(3, 2, rng=np.random.default_rng(0))
    views = layer.course_parameters()
    assert set(views) == {k + g for g in GATES for k in ("W", "b")}
    assert views["Wc"].shape == (2, 5) and views["bo"].shape == (2, 1)
    views["Wi"][...] = 7
    np.testing.assert_array_equal(layer.params["W"][2:4], 7)
    np.testing.assert_array_equal(views["bf"], 1)  # the forget gate starts open: bias 1


@pytest.mark.parametrize("shape", [(7, 3, 4), (3, 4)])  # PyTorch's (T_x, m, n_x); one step without its axis
def test_a_batch_in_another_layout_is_refused_with_the_course_s(shape):
    with pytest.raises(ValueError, match=r"\(n_x, m, T_x\) = \(4, m, T_x\); X has shape"):
        LSTM(4, 3).forward(np.zeros(shape))


# --- finite differences -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("return_sequences", [True, False])
@pytest.mark.parametrize("kind", [RNN, LSTM])
def test_gradients_match_finite_differences(kind, return_sequences):
    rng = np.random.default_rng(2)
    layer = _layer(kind, 3, 4, rng, return_sequences=return_sequences)
    x = rng.normal(size=(3, 2, 5))
    R = rng.normal(size=layer.forward(x).shape)

    def cost():
        return float(np.sum(R * layer.forward(x)))

    layer.forward(x)
    dx = layer.backward(R).copy()
    for name, value, analytic in [("dx", x, dx)] + [(k, layer.params[k], layer.grads[k]) for k in layer.params]:
        numeric = numerical_gradient(cost, value)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8, err_msg=name)


# --- PyTorch ----------------------------------------------------------------------------------------------------


def _torch_twin(layer):
    """torch.nn.LSTM or torch.nn.RNN holding the layer's weights; PyTorch adds its two biases, so the course's b is
    split into a random bias_hh and bias_ih = b - bias_hh."""
    n_a, n_x = layer.n_a, layer.n_x
    dtype = torch.from_numpy(np.zeros(1, layer.dtype)).dtype
    if isinstance(layer, LSTM):
        module = torch.nn.LSTM(n_x, n_a, dtype=dtype)
        order = np.concatenate([np.arange(k * n_a, (k + 1) * n_a) for k in TORCH_ORDER])
        W, b = layer.params["W"][order], layer.params["b"][order]
        Wa, Wx = W[:, :n_a], W[:, n_a:]
    else:
        module = torch.nn.RNN(n_x, n_a, dtype=dtype)
        Wa, Wx, b = layer.params["Waa"], layer.params["Wax"], layer.params["ba"]
    bias_hh = np.random.default_rng(0).normal(size=b.size).astype(b.dtype)
    with torch.no_grad():
        module.weight_hh_l0.copy_(torch.from_numpy(Wa.copy()))
        module.weight_ih_l0.copy_(torch.from_numpy(Wx.copy()))
        module.bias_ih_l0.copy_(torch.from_numpy(b.ravel() - bias_hh))
        module.bias_hh_l0.copy_(torch.from_numpy(bias_hh))
    return module, order if isinstance(layer, LSTM) else None


@pytest.mark.parametrize("dtype, rtol", [(np.float64, 1e-10), (np.float32, 2e-4)])
@pytest.mark.parametrize("n_x, n_a, m, T_x", SHAPES)
@pytest.mark.parametrize("kind", [RNN, LSTM])
def test_layers_equal_torch(kind, n_x, n_a, m, T_x, dtype, rtol):
    rng = np.random.default_rng(3)
    layer = _layer(kind, n_x, n_a, rng, dtype=dtype)
    x, da = rng.normal(size=(n_x, m, T_x)).astype(dtype), rng.normal(size=(n_a, m, T_x)).astype(dtype)
    module, order = _torch_twin(layer)
    xs = torch.from_numpy(x.transpose(2, 1, 0).copy()).requires_grad_(True)
    out, _ = module(xs)
    (out * torch.from_numpy(da.transpose(2, 1, 0).copy())).sum().backward()

    def close(got, expected, what):
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=rtol * max(1.0, np.abs(expected).max()),
                                   err_msg=what)
    close(layer.forward(x), out.detach().numpy().transpose(2, 1, 0), "output")
    close(layer.backward(da), xs.grad.numpy().transpose(2, 1, 0), "dx")
    dWa, dWx = module.weight_hh_l0.grad.numpy(), module.weight_ih_l0.grad.numpy()
    db = module.bias_ih_l0.grad.numpy()
    close(module.bias_hh_l0.grad.numpy(), db, "the two biases get the same gradient")
    if isinstance(layer, LSTM):
        back = np.argsort(order)  # PyTorch's gate order back to the course's
        close(layer.grads["W"], np.hstack([dWa, dWx])[back], "dW")
        close(layer.grads["b"][:, 0], db[back], "db")
    else:
        for key, expected in (("Waa", dWa), ("Wax", dWx), ("ba", db[:, None])):
            close(layer.grads[key], expected, "d" + key)


# --- buffers, Sequential and fit --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [RNN, LSTM])
def test_buffers_are_reused_for_a_shape_seen_before_and_results_stay_right(kind):
    rng = np.random.default_rng(4)
    layer = _layer(kind, 3, 4, rng)
    outs = []
    for m, T_x in [(5, 6), (3, 6), (5, 2), (5, 6)]:
        x, da = rng.normal(size=(3, m, T_x)), rng.normal(size=(4, m, T_x))
        a, dx, grads = _course_run(layer, x, da)
        out = layer.forward(x)
        np.testing.assert_allclose(out, a, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(layer.backward(da), dx, rtol=1e-10, atol=1e-12)
        for key, expected in grads.items():
            np.testing.assert_allclose(layer.grads[key], expected, rtol=1e-10, atol=1e-12, err_msg=key)
        outs.append(out)
    assert np.shares_memory(outs[0], outs[3]) and not np.shares_memory(outs[0], outs[1])


@pytest.mark.parametrize("return_sequences", [True, False])
@pytest.mark.parametrize("kind", [RNN, LSTM])
def test_a_second_batch_of_the_same_shape_allocates_no_arrays(kind, return_sequences):
    """The first call makes the buffers; after it, forward and backward only write into them. tracemalloc sees
    NumPy's array memory: the peak of a whole second call stays below the size of one step's state (n_a, m)."""
    rng = np.random.default_rng(7)
    layer = kind(16, 64, return_sequences=return_sequences, rng=rng)
    x = rng.standard_normal((16, 32, 20), dtype=np.float32)
    dout = np.ones_like(layer.forward(x))
    layer.backward(dout)
    tracemalloc.start()
    try:
        layer.forward(x)
        layer.backward(dout)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 32 * 4, f"{peak} bytes allocated at the peak of a second call"


def test_a_stack_in_sequential_matches_finite_differences():
    """LSTM (every step) -> RNN (last state) -> Linear: the layers hand each other the course's layouts."""
    rng = np.random.default_rng(5)
    model = Sequential(_layer(LSTM, 3, 4, rng), _layer(RNN, 4, 3, rng, return_sequences=False),
                       Linear(3, 2, rng=rng, dtype=np.float64))
    assert model.examples_axis == 1 and model.layers[0].input_grad is False
    x = rng.normal(size=(3, 2, 4))
    R = rng.normal(size=(2, 2))

    def cost():
        return float(np.sum(R * model.forward(x)))

    model.forward(x)
    model.backward(R)
    np.testing.assert_allclose(model.flat_grads, numerical_gradient(cost, model.flat_params), rtol=1e-6, atol=1e-8)


def _first_symbol_task(m, rng, n_symbols=4, T_x=10):
    """Sequences of one-hot symbols (n_symbols, m, T_x); the label is the first symbol, which the layer must keep
    in its state through T_x - 1 random ones."""
    symbols = rng.integers(0, n_symbols, (m, T_x))
    X = np.eye(n_symbols, dtype=np.float32)[symbols].transpose(2, 0, 1)
    labels = symbols[:, 0]
    return X, np.eye(n_symbols, dtype=np.float32)[labels].T, labels


@pytest.mark.parametrize("kind", [RNN, LSTM])
def test_fit_trains_a_layer_to_remember_the_first_symbol(kind):
    rng = np.random.default_rng(6)
    X, Y, _ = _first_symbol_task(512, rng)
    model = Sequential(kind(4, 16, rng=rng), Linear(16, 4, rng=rng))
    history = fit(model, X, Y, epochs=10, batch_size=32, lr=1e-2, rng=rng, progress=False)
    assert history["loss"][-1] < 0.1 * history["loss"][0]
    X_test, _, labels_test = _first_symbol_task(200, rng)
    assert np.mean(model.train(False).forward(X_test).argmax(axis=0) == labels_test) > 0.95
