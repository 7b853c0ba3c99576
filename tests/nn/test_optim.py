"""The optimisers of Course 2 week 2 against known values, closed forms and torch.optim."""

import numpy as np
import pytest
import torch

from dlspec.data.moons import load_dataset
from dlspec.nn.optim import (
    initialize_adam,
    initialize_velocity,
    random_mini_batches,
    schedule_lr_decay,
    update_lr,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
)


def params_and_grads(seed=0, dims=(3, 4, 2)):
    rng = np.random.default_rng(seed)
    params, grads = {}, {}
    for l in range(1, len(dims)):
        for p, shape in (("W", (dims[l], dims[l - 1])), ("b", (dims[l], 1))):
            params[p + str(l)] = rng.normal(size=shape)
            grads["d" + p + str(l)] = rng.normal(size=shape)
    return params, grads


def test_gd_step_is_parameters_minus_rate_times_gradient_and_leaves_inputs_alone():
    params, grads = params_and_grads()
    before = {k: v.copy() for k, v in params.items()}
    new = update_parameters_with_gd(params, grads, 0.1)
    for k in params:
        np.testing.assert_allclose(new[k], before[k] - 0.1 * grads["d" + k])
        np.testing.assert_array_equal(params[k], before[k])


def test_mini_batches_original_demo_sizes_and_columns_kept_together():
    X = np.arange(3 * 148, dtype=float).reshape(3, 148)
    Y = (np.arange(148) % 2).reshape(1, 148)
    batches = random_mini_batches(X, Y, 64, seed=0)
    assert [b[0].shape for b in batches] == [(3, 64), (3, 64), (3, 20)]
    assert [b[1].shape for b in batches] == [(1, 64), (1, 64), (1, 20)]
    columns = np.concatenate([b[0][0] for b in batches])
    assert sorted(columns) == list(X[0])  # a permutation of the examples
    assert not np.array_equal(columns, X[0])  # and actually shuffled
    for bx, by in batches:
        np.testing.assert_array_equal(by[0], (bx[0] // 1 % 2))  # each label stayed with its example


def test_mini_batches_follow_the_seeded_permutation_and_exact_division():
    X, Y = np.arange(12.0).reshape(2, 6), np.arange(6).reshape(1, 6)
    batches = random_mini_batches(X, Y, 2, seed=3)
    perm = np.random.RandomState(3).permutation(6)
    assert len(batches) == 3
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches], axis=1), Y[:, perm])


def test_states_start_at_zero_with_gradient_keys():
    params, grads = params_and_grads()
    v = initialize_velocity(params)
    a, s = initialize_adam(params)
    for state in (v, a, s):
        assert set(state) == set(grads)
        for k, value in state.items():
            assert value.shape == grads[k].shape and not value.any()


def test_momentum_matches_the_closed_form_of_the_moving_average():
    # With constant gradient g and v0 = 0, after t steps v = (1 - beta^t) g and theta moved by lr * sum of v.
    params, grads = params_and_grads(1)
    beta, lr, steps = 0.9, 0.05, 4
    p, v = params, initialize_velocity(params)
    for _ in range(steps):
        p, v = update_parameters_with_momentum(p, grads, v, beta, lr)
    moved = sum(1 - beta**t for t in range(1, steps + 1))
    for k in params:
        np.testing.assert_allclose(v["d" + k], (1 - beta**steps) * grads["d" + k])
        np.testing.assert_allclose(p[k], params[k] - lr * moved * grads["d" + k])


def test_momentum_matches_torch_sgd_with_dampening():
    # torch's SGD with dampening = beta keeps buf = beta buf + (1 - beta) g, the course's velocity, except
    # that its first step sets buf = g; a zero buffer planted before the first step aligns the two.
    params, grads = params_and_grads(2)
    beta, lr = 0.8, 0.1
    rng = np.random.default_rng(5)
    grad_seq = [{k: rng.normal(size=g.shape) for k, g in grads.items()} for _ in range(3)]
    p, v = params, initialize_velocity(params)
    for g in grad_seq:
        p, v = update_parameters_with_momentum(p, g, v, beta, lr)
    for k in params:
        w = torch.tensor(params[k], requires_grad=True)
        opt = torch.optim.SGD([w], lr=lr, momentum=beta, dampening=beta)
        opt.state[w]["momentum_buffer"] = torch.zeros_like(w)
        for g in grad_seq:
            w.grad = torch.tensor(g["d" + k])
            opt.step()
        np.testing.assert_allclose(opt.state[w]["momentum_buffer"].numpy(), v["d" + k], rtol=1e-10)
        np.testing.assert_allclose(w.detach().numpy(), p[k], rtol=1e-10)
        np.testing.assert_allclose(w.detach().numpy(), p[k], rtol=1e-10)


def test_adam_matches_torch_over_several_steps():
    params, grads = params_and_grads(3)
    rng = np.random.default_rng(7)
    grad_seq = [{k: rng.normal(size=g.shape) for k, g in grads.items()} for _ in range(5)]
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    p, (v, s) = params, initialize_adam(params)
    for t, g in enumerate(grad_seq, start=1):
        p, v, s, vc, sc = update_parameters_with_adam(p, g, v, s, t, lr, b1, b2, eps)
    for k in params:
        w = torch.tensor(params[k], requires_grad=True)
        opt = torch.optim.Adam([w], lr=lr, betas=(b1, b2), eps=eps)
        for g in grad_seq:
            w.grad = torch.tensor(g["d" + k])
            opt.step()
        np.testing.assert_allclose(w.detach().numpy(), p[k], rtol=1e-9)
        np.testing.assert_allclose(opt.state[w]["exp_avg"].numpy(), v["d" + k], rtol=1e-10)
        np.testing.assert_allclose(opt.state[w]["exp_avg_sq"].numpy(), s["d" + k], rtol=1e-10)
        np.testing.assert_allclose(vc["d" + k], v["d" + k] / (1 - b1**5))
        np.testing.assert_allclose(sc["d" + k], s["d" + k] / (1 - b2**5))


def test_adam_first_step_moves_every_entry_by_about_the_learning_rate():
    params, grads = params_and_grads(4)
    v, s = initialize_adam(params)
    new = update_parameters_with_adam(params, grads, v, s, 1, learning_rate=0.01)[0]
    for k in params:
        np.testing.assert_allclose(new[k], params[k] - 0.01 * np.sign(grads["d" + k]), rtol=1e-6)


def test_update_lr_original_value_and_float():
    lr = update_lr(0.5, 2, 1)
    assert isinstance(lr, float)
    assert lr == pytest.approx(0.5 / 3) and round(lr, 4) == 0.1667


def test_schedule_lr_decay_drops_only_at_interval_boundaries():
    assert schedule_lr_decay(0.5, 100, 1) == 0.5
    assert schedule_lr_decay(0.5, 999, 1, 1000) == 0.5
    assert schedule_lr_decay(0.5, 1000, 1, 1000) == pytest.approx(0.25)
    assert schedule_lr_decay(0.3, 100, 0.25, 100) == pytest.approx(0.3 / 1.25)
    assert isinstance(schedule_lr_decay(0.5, 2500, 2.0, 1000), float)


def test_moons_are_seeded_balanced_and_column_shaped():
    X, Y = load_dataset()
    assert X.shape == (2, 300) and Y.shape == (1, 300)
    assert set(np.unique(Y)) == {0, 1} and Y.sum() == 150
    np.testing.assert_array_equal(load_dataset()[0], X)
    assert not np.array_equal(load_dataset(seed=4)[0], X)
