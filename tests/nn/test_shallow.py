"""The one-hidden-layer network (C1W3): the original's test values, finite differences and PyTorch agree."""

import numpy as np
import pytest
import torch

from dlspec.nn.deep import compute_cost, initialize_parameters
from dlspec.nn.shallow import (
    backward_propagation,
    forward_propagation,
    layer_sizes,
    nn_model,
    predict,
    update_parameters,
)

# The original notebook's fixtures (facts: shapes and numbers).
W1_FIX = np.array([[-0.00416758, -0.00056267], [-0.02136196, 0.01640271], [-0.01793436, -0.00841747],
                   [0.00502881, -0.01245288]])
W2_FIX = np.array([[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])


def random_params(rng, n_x, n_h, n_y=1, scale=1.0):
    return {"W1": scale * rng.standard_normal((n_h, n_x)), "b1": scale * rng.standard_normal((n_h, 1)),
            "W2": scale * rng.standard_normal((n_y, n_h)), "b2": scale * rng.standard_normal((n_y, 1))}


def problem(seed, n_x=3, n_h=5, m=7):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return X, Y, random_params(rng, n_x, n_h)


def test_layer_sizes_reads_input_and_output_rows_and_fixes_the_hidden_layer():
    np.random.seed(1)
    X, Y = np.random.randn(5, 3), np.random.randn(2, 3)
    assert layer_sizes(X, Y) == (5, 4, 2)
    assert layer_sizes(np.zeros((7, 11)), np.zeros((1, 11))) == (7, 4, 1)


def test_forward_propagation_matches_the_original_example():
    np.random.seed(1)
    X = np.random.randn(2, 3)
    b1 = np.random.randn(4, 1)
    params = {"W1": W1_FIX, "b1": b1, "W2": W2_FIX, "b2": np.array([[-1.3]])}
    A2, cache = forward_propagation(X, params)
    assert set(cache) == {"Z1", "A1", "Z2", "A2"}
    np.testing.assert_allclose(A2, [[0.21292656, 0.21274673, 0.21295976]], atol=1e-7)
    np.testing.assert_allclose(cache["Z2"], [[-1.30737426, -1.30844761, -1.30717618]], atol=1e-7)
    np.testing.assert_allclose(cache["A1"][0], [0.9400694, 0.94101876, 0.94118266], atol=1e-7)
    assert cache["A2"] is A2


def test_compute_cost_matches_the_original_example_and_is_a_float():
    np.random.seed(1)
    Y = np.random.randn(1, 5) > 0
    A2 = np.array([[0.5002307, 0.49985831, 0.50023963, 0.25, 0.7]])
    cost = compute_cost(A2, Y)
    assert type(cost) is float
    assert cost == pytest.approx(0.5447066599017815, rel=1e-12)


def test_backward_propagation_matches_the_original_example():
    # The original's cache is random and inconsistent on purpose (Z1 even has the wrong shape): only A1 and A2
    # may be used, which is what the test proves.
    np.random.seed(1)
    X = np.random.randn(3, 7)
    Y = np.random.randn(1, 7) > 0
    params = {"W1": np.random.randn(9, 3), "W2": np.random.randn(1, 9), "b1": np.zeros((9, 1)), "b2": np.zeros((1, 1))}
    cache = {"A1": np.random.randn(9, 7), "A2": np.random.randn(1, 7), "Z1": np.random.randn(7, 9),
             "Z2": np.random.randn(1, 7)}
    grads = backward_propagation(params, cache, X, Y)
    np.testing.assert_allclose(grads["db2"], [[-0.78032466]], atol=1e-7)
    np.testing.assert_allclose(grads["dW1"][0], [-0.24468458, -0.24371232, 0.15959609], atol=1e-7)
    np.testing.assert_allclose(grads["db1"][:2, 0], [0.1463639, -0.33647992], atol=1e-7)
    np.testing.assert_allclose(grads["dW2"][0, :3], [-0.35768529, 0.22046323, -0.29551566], atol=1e-7)
    assert {k: v.shape for k, v in grads.items()} == {"dW1": (9, 3), "db1": (9, 1), "dW2": (1, 9), "db2": (1, 1)}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_propagation_matches_central_finite_differences(seed):
    X, Y, params = problem(seed)
    grads = backward_propagation(params, forward_propagation(X, params)[1], X, Y)
    eps = 1e-6
    for name, value in params.items():
        numeric = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][idx] += eps
            minus[name][idx] -= eps
            numeric[idx] = (compute_cost(forward_propagation(X, plus)[0], Y)
                            - compute_cost(forward_propagation(X, minus)[0], Y)) / (2 * eps)
        np.testing.assert_allclose(grads["d" + name], numeric, rtol=1e-5, atol=1e-8, err_msg=name)


@pytest.mark.parametrize("seed", [3, 4])
def test_forward_and_backward_agree_with_pytorch_autograd(seed):
    X, Y, params = problem(seed, n_x=4, n_h=6, m=9)
    A2, cache = forward_propagation(X, params)
    grads = backward_propagation(params, cache, X, Y)

    t = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    tX, tY = torch.tensor(X), torch.tensor(Y)
    tA1 = torch.tanh(t["W1"] @ tX + t["b1"])
    tA2 = torch.sigmoid(t["W2"] @ tA1 + t["b2"])
    loss = torch.nn.functional.binary_cross_entropy(tA2, tY)
    loss.backward()

    np.testing.assert_allclose(cache["A1"], tA1.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(A2, tA2.detach().numpy(), rtol=1e-12)
    assert compute_cost(A2, Y) == pytest.approx(loss.item(), rel=1e-10)
    for name in params:
        np.testing.assert_allclose(grads["d" + name], t[name].grad.numpy(), rtol=1e-10, atol=1e-14)


def test_update_parameters_matches_the_original_example_with_the_default_rate():
    params = {"W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121], [-0.0169217, -0.01752545],
                              [0.00935436, -0.05018221]]),
              "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
              "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
              "b2": np.array([[9.14954378e-05]])}
    grads = {"dW1": np.array([[0.00023322, -0.00205423], [0.00082222, -0.00700776], [-0.00031831, 0.0028636],
                              [-0.00092857, 0.00809933]]),
             "dW2": np.array([[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03]]),
             "db1": np.array([[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07], [5.46467802e-07]]),
             "db2": np.array([[-1.08923140e-05]])}
    before = {k: v.copy() for k, v in params.items()}
    new = update_parameters(params, grads)
    np.testing.assert_allclose(new["W1"][0], [-0.00643025, 0.01936718], atol=1e-8)
    np.testing.assert_allclose(new["W2"], [[-0.01041081, -0.04463285, 0.01758031, 0.04747113]], atol=1e-8)
    np.testing.assert_allclose(new["b2"], [[0.00010457]], atol=1e-8)
    for k in params:
        np.testing.assert_array_equal(params[k], before[k], err_msg=f"{k} was modified in place")


def test_update_parameters_is_a_pytorch_sgd_step():
    X, Y, params = problem(5)
    grads = backward_propagation(params, forward_propagation(X, params)[1], X, Y)
    t = [torch.tensor(params[k]) for k in ("W1", "b1", "W2", "b2")]
    for p, k in zip(t, ("dW1", "db1", "dW2", "db2"), strict=True):
        p.grad = torch.tensor(grads[k])
    torch.optim.SGD(t, lr=0.3).step()
    new = update_parameters(params, grads, learning_rate=0.3)
    for p, k in zip(t, ("W1", "b1", "W2", "b2"), strict=True):
        np.testing.assert_allclose(new[k], p.numpy(), rtol=1e-12)


def test_nn_model_reproduces_the_original_trained_parameters():
    np.random.seed(1)
    X = np.random.randn(2, 3)
    Y = np.random.randn(1, 3) > 0
    np.random.seed(2)
    params = nn_model(X, Y, 4)
    np.testing.assert_allclose(params["W1"][:, 0], [-0.65848169, -0.76204273, 0.5792005, 0.76773391], atol=1e-7)
    np.testing.assert_allclose(params["W2"], [[-2.45566237, -3.27042274, 2.00784958, 3.36773273]], atol=1e-7)
    np.testing.assert_allclose(params["b1"].ravel(), [0.287592, 0.3511264, -0.2431246, -0.35772805], atol=1e-7)
    np.testing.assert_allclose(params["b2"], [[0.20459656]], atol=1e-7)


def test_nn_model_lowers_the_cost_and_prints_every_thousand_steps(capsys):
    X, Y, _ = problem(6, n_x=2, m=30)
    np.random.seed(0)
    start = initialize_parameters(2, 5, 1)
    np.random.seed(0)
    trained = nn_model(X, Y, 5, num_iterations=2001, print_cost=True)
    assert compute_cost(forward_propagation(X, trained)[0], Y) < compute_cost(forward_propagation(X, start)[0], Y)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [f"Cost after iteration {i}" for i in (0, 1000, 2000)]


def test_predict_thresholds_the_output_at_one_half():
    np.random.seed(1)
    X = np.random.randn(2, 3)
    params = {"W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121], [-0.0169217, -0.01752545],
                              [0.00935436, -0.05018221]]),
              "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
              "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
              "b2": np.array([[9.14954378e-05]])}
    out = predict(params, X)
    assert out.dtype == bool
    np.testing.assert_array_equal(out, [[True, False, True]])
    # exactly one half (all-zero output layer) is not above the threshold
    flat = {**params, "W2": np.zeros((1, 4)), "b2": np.zeros((1, 1))}
    np.testing.assert_array_equal(predict(flat, X), [[False, False, False]])


def test_nn_model_learns_the_flower():
    from dlspec.data.planar import load_planar_dataset

    X, Y = load_planar_dataset()
    np.random.seed(3)
    params = nn_model(X, Y, 4, num_iterations=3000)
    assert np.mean(predict(params, X) == Y) > 0.85
