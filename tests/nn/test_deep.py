"""The L-layer building blocks (C1W4): the original's test values, PyTorch autograd and finite differences agree.

A convention to keep in mind when comparing with autograd: the course averages dW and db over the m examples
(they are gradients of the mean cost) but not dA, whose entries are gradients of the per-example losses, i.e. of
m times the cost.
"""

import numpy as np
import pytest
import torch

from dlspec.nn.deep import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    update_parameters,
)

T = torch.from_numpy


def random_params(rng, layer_dims, scale=0.7):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.normal(0, scale, (layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = rng.normal(0, scale, (layer_dims[l], 1))
    return params


def problem(seed, layer_dims, m):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m))
    Y = rng.integers(0, 2, (1, m)).astype(float)
    return X, Y, random_params(rng, layer_dims)


def torch_network(X, Y, params):
    """The same network in PyTorch: Linear+ReLU layers, a Linear+Sigmoid output, mean binary cross-entropy."""
    L = len(params) // 2
    tensors = {k: T(v.copy()).requires_grad_() for k, v in params.items()}
    Xt = T(X.copy()).requires_grad_()
    A, activations = Xt, [Xt]
    for l in range(1, L + 1):
        Z = tensors[f"W{l}"] @ A + tensors[f"b{l}"]
        A = torch.sigmoid(Z) if l == L else torch.relu(Z)
        A.retain_grad()
        activations.append(A)
    cost = torch.nn.functional.binary_cross_entropy(A, T(Y))
    cost.backward()
    return A, cost, tensors, activations


# --- initialisation -------------------------------------------------------------------------------------------


def test_initialize_parameters_matches_the_original_seeded_example():
    np.random.seed(1)
    p = initialize_parameters(3, 2, 1)
    np.testing.assert_allclose(
        p["W1"], [[0.01624345, -0.00611756, -0.00528172], [-0.01072969, 0.00865408, -0.02301539]], atol=1e-8
    )
    np.testing.assert_allclose(p["W2"], [[0.01744812, -0.00761207]], atol=1e-8)
    np.testing.assert_array_equal(p["b1"], np.zeros((2, 1)))
    np.testing.assert_array_equal(p["b2"], np.zeros((1, 1)))


def test_initialize_parameters_deep_matches_the_original_seeded_example():
    np.random.seed(3)
    p = initialize_parameters_deep([5, 4, 3])
    assert list(p) == ["W1", "b1", "W2", "b2"]
    np.testing.assert_allclose(p["W1"][0], [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388], atol=1e-8)
    np.testing.assert_allclose(p["W2"][2], [-0.00768836, -0.00230031, 0.00745056, 0.01976111], atol=1e-8)
    assert p["b1"].shape == (4, 1) and p["b2"].shape == (3, 1)


@pytest.mark.parametrize("layer_dims", [[2, 1], [6, 5, 4, 1], [10, 7, 5, 3, 2]])
def test_initialize_parameters_deep_shapes_and_scale(layer_dims):
    np.random.seed(0)
    p = initialize_parameters_deep(layer_dims)
    assert len(p) == 2 * (len(layer_dims) - 1)
    for l in range(1, len(layer_dims)):
        assert p[f"W{l}"].shape == (layer_dims[l], layer_dims[l - 1])
        np.testing.assert_array_equal(p[f"b{l}"], np.zeros((layer_dims[l], 1)))
    weights = np.concatenate([p[k].ravel() for k in p if k[0] == "W"])
    assert 0.004 < weights.std() < 0.02


def test_two_layer_initialisation_is_the_deep_one_with_three_sizes():
    np.random.seed(5)
    two = initialize_parameters(4, 3, 2)
    np.random.seed(5)
    deep = initialize_parameters_deep([4, 3, 2])
    for key in two:
        np.testing.assert_array_equal(two[key], deep[key])


# --- forward --------------------------------------------------------------------------------------------------


def test_linear_forward_matches_the_original_example():
    r = np.random.RandomState(1)
    A, W, b = r.randn(3, 2), r.randn(1, 3), r.randn(1, 1)
    Z, cache = linear_forward(A, W, b)
    np.testing.assert_allclose(Z, [[3.26295337, -1.23429987]], atol=1e-8)
    assert cache[0] is A and cache[1] is W and cache[2] is b


@pytest.mark.parametrize("n_prev, n, m", [(4, 3, 5), (1, 6, 2), (7, 1, 9)])
def test_linear_forward_matches_torch_linear(n_prev, n, m):
    rng = np.random.default_rng(n_prev * 100 + n * 10 + m)
    A, W, b = rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1))
    expected = torch.nn.functional.linear(T(A.T), T(W), T(b.ravel())).numpy().T
    np.testing.assert_allclose(linear_forward(A, W, b)[0], expected, rtol=1e-12, atol=1e-12)


def test_linear_activation_forward_matches_the_original_example():
    r = np.random.RandomState(2)
    A_prev, W, b = r.randn(3, 2), r.randn(1, 3), r.randn(1, 1)
    A, ((A0, W0, b0), Z) = linear_activation_forward(A_prev, W, b, "sigmoid")
    np.testing.assert_allclose(A, [[0.96890023, 0.11013289]], atol=1e-8)
    np.testing.assert_allclose(Z, W @ A_prev + b)
    assert A0 is A_prev and W0 is W and b0 is b
    A, _ = linear_activation_forward(A_prev, W, b, "relu")
    np.testing.assert_allclose(A, [[3.43896131, 0.0]], atol=1e-8)


@pytest.mark.parametrize("activation, torch_fn", [("sigmoid", torch.sigmoid), ("relu", torch.relu)])
def test_linear_activation_forward_matches_torch(activation, torch_fn):
    rng = np.random.default_rng(11)
    A_prev, W, b = rng.standard_normal((4, 6)), rng.standard_normal((3, 4)), rng.standard_normal((3, 1))
    A, _ = linear_activation_forward(A_prev, W, b, activation)
    np.testing.assert_allclose(A, torch_fn(T(W) @ T(A_prev) + T(b)).numpy(), rtol=1e-12, atol=1e-12)


def test_linear_activation_forward_rejects_an_unknown_activation():
    with pytest.raises(ValueError, match="tanh"):
        linear_activation_forward(np.ones((2, 3)), np.ones((1, 2)), np.ones((1, 1)), "tanh")


def test_L_model_forward_matches_the_original_example():
    r = np.random.RandomState(6)
    X = r.randn(5, 4)
    params = {}
    for l, (n, n_prev) in enumerate([(4, 5), (3, 4), (1, 3)], start=1):
        params[f"W{l}"], params[f"b{l}"] = r.randn(n, n_prev), r.randn(n, 1)
    AL, caches = L_model_forward(X, params)
    np.testing.assert_allclose(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]], atol=1e-8)
    assert len(caches) == 3
    assert caches[0][0][0] is X  # the first layer's linear cache holds the input itself


@pytest.mark.parametrize("layer_dims, m", [([3, 1], 4), ([4, 5, 3, 1], 6), ([6, 4, 4, 3, 1], 3)])
def test_L_model_forward_matches_torch(layer_dims, m):
    X, Y, params = problem(len(layer_dims) + m, layer_dims, m)
    AL, caches = L_model_forward(X, params)
    AL_t, _, _, activations = torch_network(X, Y, params)
    np.testing.assert_allclose(AL, AL_t.detach().numpy(), rtol=1e-12)
    assert len(caches) == len(layer_dims) - 1
    for l, cache in enumerate(caches):
        np.testing.assert_allclose(cache[0][0], activations[l].detach().numpy(), rtol=1e-12, atol=1e-15)


# --- cost -----------------------------------------------------------------------------------------------------


def test_compute_cost_matches_the_original_example_and_is_a_float():
    cost = compute_cost(np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]]))
    assert type(cost) is float
    assert cost == pytest.approx(0.2797765635793423, rel=1e-12)


@pytest.mark.parametrize("m", [1, 5, 40])
def test_compute_cost_matches_torch_bce(m):
    rng = np.random.default_rng(m)
    AL, Y = rng.uniform(0.01, 0.99, (1, m)), rng.integers(0, 2, (1, m)).astype(float)
    expected = torch.nn.functional.binary_cross_entropy(T(AL), T(Y)).item()
    assert compute_cost(AL, Y) == pytest.approx(expected, rel=1e-12)


# --- backward -------------------------------------------------------------------------------------------------


def test_linear_backward_matches_the_original_example():
    r = np.random.RandomState(1)
    dZ, A, W, b = r.randn(3, 4), r.randn(5, 4), r.randn(3, 5), r.randn(3, 1)
    dA_prev, dW, db = linear_backward(dZ, (A, W, b))
    np.testing.assert_allclose(dA_prev[0], [-1.15171336, 0.06718465, -0.3204696, 2.09812712], atol=1e-8)
    np.testing.assert_allclose(dW[0], [0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716], atol=1e-8)
    np.testing.assert_allclose(db, [[-0.14713786], [-0.11313155], [-0.13209101]], atol=1e-8)


@pytest.mark.parametrize("n_prev, n, m", [(5, 3, 4), (2, 6, 7), (4, 1, 1)])
def test_linear_backward_matches_torch_autograd(n_prev, n, m):
    rng = np.random.default_rng(n_prev + 10 * n + 100 * m)
    A, W, b = rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1))
    dZ = rng.standard_normal((n, m))
    At, Wt, bt = (T(x.copy()).requires_grad_() for x in (A, W, b))
    (Wt @ At + bt).backward(T(dZ))
    dA_prev, dW, db = linear_backward(dZ, linear_forward(A, W, b)[1])
    np.testing.assert_allclose(dA_prev, At.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dW, Wt.grad.numpy() / m, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(db, bt.grad.numpy() / m, rtol=1e-10, atol=1e-12)


def test_linear_activation_backward_matches_the_original_example():
    r = np.random.RandomState(2)
    dA, A, W, b, Z = r.randn(1, 2), r.randn(3, 2), r.randn(1, 3), r.randn(1, 1), r.randn(1, 2)
    dA_prev, dW, db = linear_activation_backward(dA, ((A, W, b), Z), "sigmoid")
    np.testing.assert_allclose(dA_prev[:, 0], [0.11017994, 0.09466817, -0.05743092], atol=1e-8)
    np.testing.assert_allclose(dW, [[0.10266786, 0.09778551, -0.01968084]], atol=1e-8)
    np.testing.assert_allclose(db, [[-0.05729622]], atol=1e-8)
    dA_prev, dW, db = linear_activation_backward(dA, ((A, W, b), Z), "relu")
    np.testing.assert_allclose(dA_prev[:, 0], [0.44090989, 0.37883606, -0.2298228], atol=1e-8)
    np.testing.assert_allclose(dW, [[0.44513824, 0.37371418, -0.10478989]], atol=1e-8)
    np.testing.assert_allclose(db, [[-0.20837892]], atol=1e-8)


@pytest.mark.parametrize("activation, torch_fn", [("sigmoid", torch.sigmoid), ("relu", torch.relu)])
def test_linear_activation_backward_matches_torch_autograd(activation, torch_fn):
    rng = np.random.default_rng(21)
    A, W, b = rng.standard_normal((4, 6)), rng.standard_normal((3, 4)), rng.standard_normal((3, 1))
    _, cache = linear_activation_forward(A, W, b, activation)
    dA = rng.standard_normal((3, 6))
    At, Wt, bt = (T(x.copy()).requires_grad_() for x in (A, W, b))
    torch_fn(Wt @ At + bt).backward(T(dA))
    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)
    np.testing.assert_allclose(dA_prev, At.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dW, Wt.grad.numpy() / 6, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(db, bt.grad.numpy() / 6, rtol=1e-10, atol=1e-12)


def test_L_model_backward_matches_the_original_example():
    r = np.random.RandomState(3)
    AL, Y = r.randn(1, 2), np.array([[1, 0]])
    A1, W1, b1, Z1 = r.randn(4, 2), r.randn(3, 4), r.randn(3, 1), r.randn(3, 2)
    A2, W2, b2, Z2 = r.randn(3, 2), r.randn(1, 3), r.randn(1, 1), r.randn(1, 2)
    grads = L_model_backward(AL, Y, [((A1, W1, b1), Z1), ((A2, W2, b2), Z2)])
    assert set(grads) == {"dA0", "dA1", "dW1", "dW2", "db1", "db2"}
    dW1 = [[0.41010002, 0.07807203, 0.13798444, 0.10502167], [0] * 4, [0.05283652, 0.01005865, 0.01777766, 0.0135308]]
    np.testing.assert_allclose(grads["dW1"], dW1, atol=1e-8)
    np.testing.assert_allclose(grads["db1"], [[-0.22007063], [0.0], [-0.02835349]], atol=1e-8)
    np.testing.assert_allclose(grads["dA1"][:, 0], [0.12913162, -0.14175655, 0.01663708], atol=1e-8)


@pytest.mark.parametrize("layer_dims, m", [([3, 1], 5), ([3, 4, 1], 5), ([5, 4, 3, 1], 4), ([4, 6, 5, 2, 1], 3)])
def test_L_model_backward_matches_torch_autograd(layer_dims, m):
    X, Y, params = problem(10 * len(layer_dims) + m, layer_dims, m)
    AL, caches = L_model_forward(X, params)
    grads = L_model_backward(AL, Y, caches)
    _, cost_t, tensors, activations = torch_network(X, Y, params)
    assert compute_cost(AL, Y) == pytest.approx(cost_t.item(), rel=1e-12)
    L = len(layer_dims) - 1
    assert set(grads) == {f"d{p}{l}" for l in range(1, L + 1) for p in "Wb"} | {f"dA{l}" for l in range(L)}
    for l in range(1, L + 1):
        np.testing.assert_allclose(grads[f"dW{l}"], tensors[f"W{l}"].grad.numpy(), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(grads[f"db{l}"], tensors[f"b{l}"].grad.numpy(), rtol=1e-9, atol=1e-12)
        # dA is not averaged over the examples (see the module docstring), autograd's is.
        np.testing.assert_allclose(grads[f"dA{l - 1}"], m * activations[l - 1].grad.numpy(), rtol=1e-9, atol=1e-12)


def test_L_model_backward_matches_finite_differences_of_the_cost():
    X, Y, params = problem(3, [3, 4, 2, 1], 5)
    AL, caches = L_model_forward(X, params)
    grads = L_model_backward(AL, Y, caches)
    eps = 1e-6
    for key, value in params.items():
        numeric = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[key][idx] += eps
            minus[key][idx] -= eps
            cost_plus = compute_cost(L_model_forward(X, plus)[0], Y)
            cost_minus = compute_cost(L_model_forward(X, minus)[0], Y)
            numeric[idx] = (cost_plus - cost_minus) / (2 * eps)
        np.testing.assert_allclose(grads["d" + key], numeric, rtol=1e-5, atol=1e-8, err_msg=key)


def test_backward_leaves_the_caches_untouched():
    X, Y, params = problem(8, [4, 3, 1], 6)
    AL, caches = L_model_forward(X, params)
    snapshot = [(lc[0].copy(), lc[1].copy(), lc[2].copy(), z.copy()) for lc, z in caches]
    L_model_backward(AL, Y, caches)
    for (lc, z), saved in zip(caches, snapshot, strict=True):
        for now, before in zip((*lc, z), saved, strict=True):
            np.testing.assert_array_equal(now, before)


# --- update ---------------------------------------------------------------------------------------------------


def test_update_parameters_matches_the_original_example_and_leaves_params_untouched():
    r = np.random.RandomState(2)
    params = {"W1": r.randn(3, 4), "b1": r.randn(3, 1), "W2": r.randn(1, 3), "b2": r.randn(1, 1)}
    r = np.random.RandomState(3)
    grads = {"dW1": r.randn(3, 4), "db1": r.randn(3, 1), "dW2": r.randn(1, 3), "db2": r.randn(1, 1)}
    before = {k: v.copy() for k, v in params.items()}
    new = update_parameters(params, grads, 0.1)
    np.testing.assert_allclose(new["W1"][0], [-0.59562069, -0.09991781, -2.14584584, 1.82662008], atol=1e-8)
    np.testing.assert_allclose(new["b1"], [[-0.04659241], [-1.28888275], [0.53405496]], atol=1e-8)
    np.testing.assert_allclose(new["W2"], [[-0.55569196, 0.0354055, 1.32964895]], atol=1e-8)
    np.testing.assert_allclose(new["b2"], [[-0.84610769]], atol=1e-8)
    for key, value in before.items():
        np.testing.assert_array_equal(params[key], value)


def test_update_parameters_matches_a_torch_sgd_step():
    X, Y, params = problem(4, [4, 5, 3, 1], 6)
    AL, caches = L_model_forward(X, params)
    new = update_parameters(params, L_model_backward(AL, Y, caches), 0.3)
    _, _, tensors, _ = torch_network(X, Y, params)
    torch.optim.SGD(tensors.values(), lr=0.3).step()
    assert set(new) == set(params)
    for key, tensor in tensors.items():
        np.testing.assert_allclose(new[key], tensor.detach().numpy(), rtol=1e-10, atol=1e-12)
