"""Deep Q-learning's pieces (dlspec.nn.dqn) and the training loop around them (dlspec.nn.dqn_torch)."""

import itertools
import os

import numpy as np
import pytest

from dlspec.nn.dqn import (
    ReplayBuffer,
    epsilon_greedy,
    huber_loss,
    linear_epsilon,
    q_learning_loss,
    td_targets,
    update_target,
)


def test_linear_epsilon_runs_from_start_to_end_and_stays():
    values = [linear_epsilon(s, 1.0, 0.1, 100) for s in range(0, 300, 10)]
    assert values[0] == 1.0 and values[10] == pytest.approx(0.1) and values[-1] == pytest.approx(0.1)
    assert all(a >= b for a, b in itertools.pairwise(values))
    assert linear_epsilon(50, 1.0, 0.1, 100) == pytest.approx(0.55)
    assert linear_epsilon(5, 1.0, 0.1, 0) == 0.1


def test_epsilon_greedy_is_greedy_at_zero_and_uniform_at_one():
    np.random.seed(0)
    q = np.random.default_rng(1).normal(size=(9_000, 3))
    assert np.array_equal(epsilon_greedy(q, 0.0), q.argmax(1))
    counts = np.bincount(epsilon_greedy(q, 1.0), minlength=3)
    assert np.all(np.abs(counts - 3_000) < 5 * np.sqrt(9_000 * (1 / 3) * (2 / 3)))
    assert isinstance(epsilon_greedy(np.array([0.0, 1.0]), 0.0), int)


def test_replay_buffer_overwrites_the_oldest_and_samples_only_filled_slots():
    buffer = ReplayBuffer(4, 2, seed=3)
    for i in range(1, 7):
        buffer.add(np.full(2, i), i % 2, float(i), np.full(2, i + 1), i == 6)
    assert len(buffer) == 4
    batch = buffer.sample(200)
    assert set(batch["obs"][:, 0].astype(int)) == {3, 4, 5, 6}
    assert batch["obs"].dtype == np.float32 and batch["actions"].dtype == np.int64
    assert batch["terminated"].dtype == np.float32
    assert np.array_equal(batch["rewards"], batch["obs"][:, 0])
    small = ReplayBuffer(10, 2, seed=3)
    small.add(np.ones(2), 0, 1.0, np.ones(2), False)
    assert np.all(small.sample(20)["obs"] == 1)  # never an empty slot of zeros


def test_replay_buffer_draws_are_decided_by_its_seed():
    def draws(seed):
        buffer = ReplayBuffer(50, 1, seed)
        for i in range(50):
            buffer.add(np.array([i]), 0, 0.0, np.array([i]), False)
        np.random.seed(seed + 10)  # the global state plays no part
        return buffer.sample(30)["obs"]

    assert np.array_equal(draws(1), draws(1)) and not np.array_equal(draws(1), draws(2))


def test_td_targets_bootstrap_after_a_time_limit_but_not_after_a_terminal_state():
    rewards, next_q = np.ones(3), np.array([[1.0, 4.0], [1.0, 4.0], [1.0, 4.0]])
    terminated, truncated = np.array([False, True, False]), np.array([False, False, True])
    assert np.allclose(td_targets(rewards, next_q, terminated, truncated, 0.5), [3.0, 1.0, 3.0])


def _numeric(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(*x.shape):
        bump = np.zeros_like(x)
        bump[i] = eps
        grad[i] = (f(x + bump) - f(x - bump)) / (2 * eps)
    return grad


@pytest.mark.parametrize("delta", [0.5, 1.0, 2.0])
def test_huber_loss_pieces_and_gradient(delta):
    rng = np.random.default_rng(int(delta * 10))
    pred, target = rng.normal(size=12) * 3, rng.normal(size=12)
    loss, grad = huber_loss(pred, target, delta)
    assert np.allclose(grad, _numeric(lambda p: huber_loss(p, target, delta)[0], pred), atol=1e-6)
    small = np.array([0.1 * delta])
    assert huber_loss(small, np.zeros(1), delta)[0] == pytest.approx(0.5 * small[0] ** 2)  # the squared error inside
    far = np.array([10.0 * delta])
    assert huber_loss(far, np.zeros(1), delta)[0] == pytest.approx(delta * (far[0] - delta / 2))  # linear outside


def test_q_learning_loss_gradient_reaches_only_the_chosen_actions():
    rng = np.random.default_rng(0)
    q, actions, targets = rng.normal(size=(5, 3)) * 2, np.array([0, 2, 2, 1, 0]), rng.normal(size=5) * 2
    loss, dq = q_learning_loss(q, actions, targets)
    assert np.allclose(dq, _numeric(lambda x: q_learning_loss(x, actions, targets)[0], q), atol=1e-6)
    untouched = np.ones_like(q, dtype=bool)
    untouched[np.arange(5), actions] = False
    assert np.all(dq[untouched] == 0)


def test_update_target_hard_and_soft_on_arrays_and_state_dicts():
    torch = pytest.importorskip("torch")
    online, target = {"W": np.full((2, 2), 2.0)}, {"W": np.ones((2, 2))}
    hard = update_target(online, target, 1.0)
    assert np.array_equal(hard["W"], online["W"]) and hard["W"] is not online["W"]
    assert np.allclose(update_target(online, target, 0.005)["W"], 1.005)
    assert np.array_equal(target["W"], np.ones((2, 2)))  # unchanged
    a, b = torch.nn.Linear(3, 2), torch.nn.Linear(3, 2)
    b.load_state_dict(update_target(a.state_dict(), b.state_dict(), 1.0))
    assert torch.equal(a.weight, b.weight)


def test_train_dqn_is_seeded_and_reports_its_history():
    pytest.importorskip("gymnasium")
    torch = pytest.importorskip("torch")
    from dlspec.nn.dqn_torch import greedy_returns, train_dqn

    hp = {"learning_starts": 50, "buffer_size": 300}
    net1, history = train_dqn("CartPole-v1", 300, seed=4, **hp)
    net2, _ = train_dqn("CartPole-v1", 300, seed=4, **hp)
    assert all(torch.equal(p, q) for p, q in zip(net1.parameters(), net2.parameters(), strict=True))
    assert sum(history["returns"]) <= 300 and len(history["returns"]) == len(history["episode_ends"])
    assert len(history["losses"]) == (300 - 50) // 2
    scores = greedy_returns(net1, "CartPole-v1", seeds=[1, 2])
    assert len(scores) == 2 and all(1 <= s <= 500 for s in scores)


def test_episode_frames_draw_without_a_screen(monkeypatch):
    pytest.importorskip("pygame")
    torch = pytest.importorskip("torch")
    from dlspec.nn.dqn_torch import episode_frames, q_network

    monkeypatch.setitem(os.environ, "SDL_VIDEODRIVER", "dummy")
    frames = episode_frames(q_network(4, 2), "CartPole-v1", seed=0, every=2, max_frames=4)
    assert 1 < len(frames) <= 4 and frames[0].shape == (400, 600, 3) and frames[0].dtype == np.uint8
    assert torch is not None
