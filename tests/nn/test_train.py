"""The fast training path against the readable references (deep.py, optim.py) and against PyTorch."""

import numpy as np
import torch

from dlspec.nn.deep import L_model_backward, L_model_forward, initialize_parameters_deep
from dlspec.nn.layers import Linear, ReLU, Sigmoid
from dlspec.nn.optim import initialize_adam, update_parameters_with_adam
from dlspec.nn.softmax import softmax_cross_entropy
from dlspec.nn.train import Adam, Sequential, SoftmaxCrossEntropy, dense_network, fit


def mlp(dims, rng, dtype=np.float32, last=None):
    layers = []
    for i in range(1, len(dims)):
        layers.append(Linear(dims[i - 1], dims[i], rng=rng, dtype=dtype))
        if i < len(dims) - 1:
            layers.append(ReLU())
    if last is not None:
        layers.append(last)
    return Sequential(*layers)


def one_hot(labels, C):
    Y = np.zeros((C, labels.size), dtype=np.float32)
    Y[labels, np.arange(labels.size)] = 1
    return Y


def test_sequential_matches_the_L_layer_reference_on_the_same_weights():
    np.random.seed(1)
    dims = [5, 4, 3, 1]
    parameters = initialize_parameters_deep(dims)
    model = mlp(dims, np.random.default_rng(0), dtype=np.float64, last=Sigmoid())
    for l, layer in enumerate(model.layers[::2], start=1):
        layer.params["W"][...] = parameters[f"W{l}"]
        layer.params["b"][...] = parameters[f"b{l}"] + 0.1  # nonzero biases so they are checked too
        parameters[f"b{l}"] = layer.params["b"].copy()
    X = np.random.randn(5, 7)
    Y = (np.random.rand(1, 7) > 0.5).astype(float)
    AL, caches = L_model_forward(X, parameters)
    np.testing.assert_allclose(model.forward(X), AL, rtol=1e-12)
    grads = L_model_backward(AL, Y, caches)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    model.backward(dAL / X.shape[1])  # the layers take the gradient of the mean cost
    for l, layer in enumerate(model.layers[::2], start=1):
        np.testing.assert_allclose(layer.grads["W"], grads[f"dW{l}"], rtol=1e-10)
        np.testing.assert_allclose(layer.grads["b"], grads[f"db{l}"], rtol=1e-10)


def test_loss_matches_softmax_cross_entropy():
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((10, 16)) * 5
    Y = one_hot(rng.integers(0, 10, 16), 10).astype(np.float64)
    loss = SoftmaxCrossEntropy()
    cost, dZ = softmax_cross_entropy(Z, Y)
    np.testing.assert_allclose(loss.forward(Z, Y), cost, rtol=1e-12)
    np.testing.assert_allclose(loss.backward(), dZ, rtol=1e-12)


def test_in_place_adam_equals_the_reference_over_several_steps():
    rng = np.random.default_rng(0)
    parameters = {"W1": rng.standard_normal((3, 4)), "b1": rng.standard_normal((3, 1)),
                  "W2": rng.standard_normal((2, 3)), "b2": rng.standard_normal((2, 1))}
    params = {k: v.copy() for k, v in parameters.items()}
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    opt = Adam(params, grads, lr=0.01)
    v, s = initialize_adam(parameters)
    for t in range(1, 6):
        step = {k: rng.standard_normal(p.shape) for k, p in params.items()}
        for k in grads:
            grads[k][...] = step[k]
        opt.step()
        parameters, v, s, _, _ = update_parameters_with_adam(
            parameters, {"d" + k: g for k, g in step.items()}, v, s, t, learning_rate=0.01)
        for k in params:
            np.testing.assert_allclose(params[k], parameters[k], rtol=1e-12, atol=1e-14)
            # The in-place Adam stores its moments divided by (1 - beta).
            np.testing.assert_allclose((1 - 0.9) * opt.v[k], v["d" + k], rtol=1e-12)
            np.testing.assert_allclose((1 - 0.999) * opt.s[k], s["d" + k], rtol=1e-12)


def adam_steps_equal_torch(model, net, X, tx, labels, rtol, steps=3):
    """Train ``model`` on X and its PyTorch twin ``net`` on tx with Adam, checking logits and loss at each step.

    Three steps by default: past the first, where Adam's bias corrections still cancel out.
    """
    Y = one_hot(labels, net(tx).shape[1])
    loss, opt = SoftmaxCrossEntropy(), Adam(model.params, model.grads, lr=1e-2)
    topt = torch.optim.Adam(net.parameters(), lr=1e-2)
    for _ in range(steps):
        Z = model.forward(X)
        logits = net(tx)
        np.testing.assert_allclose(Z, logits.detach().numpy().T, rtol=rtol, atol=1e-5)
        cost = loss.forward(Z, Y)
        tcost = torch.nn.functional.cross_entropy(logits, torch.from_numpy(labels))
        np.testing.assert_allclose(cost, tcost.item(), rtol=1e-5)
        model.backward(loss.backward())
        opt.step()
        topt.zero_grad()
        tcost.backward()
        topt.step()


def test_mlp_forward_loss_and_adam_steps_equal_torch():
    rng = np.random.default_rng(0)
    dims = [20, 16, 8, 5]
    model = mlp(dims, rng)
    X = rng.standard_normal((20, 32)).astype(np.float32)
    labels = rng.integers(0, 5, 32)
    linears = [layer for layer in model.layers if isinstance(layer, Linear)]
    net = torch.nn.Sequential(torch.nn.Linear(20, 16), torch.nn.ReLU(), torch.nn.Linear(16, 8), torch.nn.ReLU(),
                              torch.nn.Linear(8, 5))
    torch_linears = [net[0], net[2], net[4]]
    with torch.no_grad():
        for tl, layer in zip(torch_linears, linears, strict=True):
            tl.weight.copy_(torch.from_numpy(layer.params["W"]))
            tl.bias.copy_(torch.from_numpy(layer.params["b"][:, 0]))
    adam_steps_equal_torch(model, net, X, torch.from_numpy(X.T), labels, rtol=1e-5)
    for tl, layer in zip(torch_linears, linears, strict=True):
        np.testing.assert_allclose(layer.params["W"], tl.weight.detach().numpy(), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(layer.params["b"][:, 0], tl.bias.detach().numpy(), rtol=1e-5, atol=1e-6)


def test_fit_trains_on_the_shuffled_columns_as_the_course_slices_them():
    # fit gathers each batch from a row-per-example copy of X; the course shuffles columns and slices them.
    rng = np.random.default_rng(0)
    X = rng.standard_normal((6, 50))
    Y = one_hot(rng.integers(0, 3, 50), 3).astype(np.float64)
    model, twin = (mlp([6, 5, 3], np.random.default_rng(1), dtype=np.float64) for _ in range(2))
    history = fit(model, X, Y, epochs=2, batch_size=16, lr=0.01, rng=np.random.default_rng(2), progress=False)
    loss, opt = SoftmaxCrossEntropy(), Adam({"all": twin.flat_params}, {"all": twin.flat_grads}, lr=0.01)
    shuffle = np.random.default_rng(2)
    for _ in range(2):
        perm = shuffle.permutation(50)
        Xs, Ys = X[:, perm], Y[:, perm]
        total = 0.0
        for i in range(0, 50, 16):  # the last batch holds 2 examples
            total += loss.forward(twin.forward(Xs[:, i:i + 16]), Ys[:, i:i + 16]) * Xs[:, i:i + 16].shape[1]
            twin.backward(loss.backward())
            opt.step()
    np.testing.assert_allclose(model.flat_params, twin.flat_params, rtol=1e-12)
    np.testing.assert_allclose(history["loss"][-1], total / 50, rtol=1e-12)


def test_fit_learns_records_history_and_stops_early():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((10, 200)).astype(np.float32)
    labels = (X[0] + X[1] > 0).astype(int)
    Y = one_hot(labels, 2)
    model = mlp([10, 32, 2], rng)
    history = fit(model, X, Y, epochs=5, batch_size=32, lr=1e-2, rng=rng, progress=False)
    assert len(history["loss"]) == 5 and history["loss"][-1] < history["loss"][0]
    assert history["stopped_epoch"] == 5
    # Validation labels that are pure noise: validation loss stops improving, so patience must end training.
    X_val = rng.standard_normal((10, 100)).astype(np.float32)
    Y_val = one_hot(rng.integers(0, 2, 100), 2)
    history = fit(model, X, Y, epochs=200, batch_size=32, lr=1e-2, X_val=X_val, Y_val=Y_val, patience=2,
                  rng=rng, progress=False)
    assert history["stopped_epoch"] < 200
    assert len(history["val_loss"]) == history["stopped_epoch"] == len(history["loss"])
    best = int(np.argmin(history["val_loss"]))
    assert history["stopped_epoch"] == best + 1 + 2
    # The best weights are put back: evaluating now gives the best validation loss.
    assert np.isclose(SoftmaxCrossEntropy().forward(model.train(False).forward(X_val), Y_val),
                      history["val_loss"][best], rtol=1e-5)


def test_sequential_shares_one_flat_buffer_so_a_flat_adam_step_equals_the_per_array_one():
    rng = np.random.default_rng(0)
    model, twin = mlp([6, 5, 3], np.random.default_rng(1)), mlp([6, 5, 3], np.random.default_rng(1))
    assert np.shares_memory(model.layers[0].params["W"], model.flat_params)
    flat_opt = Adam({"all": model.flat_params}, {"all": model.flat_grads}, lr=0.01)
    per_array_opt = Adam(twin.params, twin.grads, lr=0.01)
    X, Y = rng.standard_normal((6, 9)).astype(np.float32), one_hot(rng.integers(0, 3, 9), 3)
    for net, opt in ((model, flat_opt), (twin, per_array_opt)):
        loss = SoftmaxCrossEntropy()
        for _ in range(3):
            loss.forward(net.forward(X), Y)
            net.backward(loss.backward())
            opt.step()
    assert model.flat_params.dtype == np.float32
    np.testing.assert_allclose(model.flat_params, twin.flat_params, rtol=1e-6)
    assert not np.allclose(model.flat_params, mlp([6, 5, 3], np.random.default_rng(1)).flat_params)


def test_dense_network_stacks_linear_layers_with_relu_between_and_none_after():
    net = dense_network([6, 5, 4, 3], np.random.default_rng(0))
    assert [type(layer).__name__ for layer in net.layers] == ["Linear", "ReLU", "Linear", "ReLU", "Linear"]
    assert [net.params[f"{i}.W"].shape for i in (0, 2, 4)] == [(5, 6), (4, 5), (3, 4)]
    same = mlp([6, 5, 4, 3], np.random.default_rng(0))
    X = np.random.default_rng(1).normal(size=(6, 7)).astype(np.float32)
    np.testing.assert_array_equal(net.forward(X), same.forward(X))
    assert len(dense_network([4, 2], np.random.default_rng(0)).layers) == 1
