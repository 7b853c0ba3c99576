"""Deep Q-learning's pieces in NumPy (C6W1A1): the exploration schedule, ε-greedy actions, a replay buffer, TD
targets, the Huber loss and the Q-learning loss with their gradients, and target-network updates.

The training loop that joins them to a PyTorch Q-network and a gymnasium environment is in ``dlspec.nn.dqn_torch``;
these functions are the answer key of the graded functions and know nothing of either.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np


def linear_epsilon(step: int, start: float = 1.0, end: float = 0.05, decay_steps: int = 10_000) -> float:
    """ε at ``step``: from ``start`` down to ``end`` in a straight line over ``decay_steps`` steps, then ``end``."""
    if decay_steps <= 0:
        return float(end)
    fraction = min(step / decay_steps, 1.0)
    return float(start + fraction * (end - start))


def epsilon_greedy(q_values: np.ndarray, epsilon: float) -> np.ndarray | int:
    """For each row of ``q_values`` (..., n_actions): a uniformly random action with probability ``epsilon``, else
    the action of highest value. One state (a 1-D row) gives a Python int; a batch gives int64 actions.

    Draws from NumPy's global random state: one coin per state, then one random action per state."""
    q_values = np.asarray(q_values)
    shape, n_actions = q_values.shape[:-1], q_values.shape[-1]
    explore = np.random.rand(*shape) < epsilon
    random_actions = np.random.randint(n_actions, size=shape)
    actions = np.where(explore, random_actions, np.argmax(q_values, axis=-1)).astype(np.int64)
    return int(actions) if q_values.ndim == 1 else actions


class ReplayBuffer:
    """The last ``capacity`` transitions (obs, action, reward, next_obs, terminated), in preallocated arrays that a
    new transition overwrites oldest first (a ring), and sampled uniformly, with replacement, from the filled slots
    by the buffer's own generator seeded with ``seed``."""

    def __init__(self, capacity: int, obs_dim: int, seed: int = 0) -> None:
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.position, self.size = 0, 0
        self.rng = np.random.default_rng(seed)

    def add(self, obs: np.ndarray, action: int, reward: float, next_obs: np.ndarray, terminated: bool) -> None:
        i = self.position
        self.obs[i], self.actions[i], self.rewards[i] = obs, action, reward
        self.next_obs[i], self.terminated[i] = next_obs, terminated
        self.position = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size: int) -> dict[str, np.ndarray]:
        """``batch_size`` transitions drawn uniformly from the filled slots: obs and next_obs (batch, obs_dim)
        float32, actions int64, rewards and terminated float32 (batch,)."""
        i = self.rng.integers(0, self.size, size=batch_size)
        return {"obs": self.obs[i], "actions": self.actions[i], "rewards": self.rewards[i],
                "next_obs": self.next_obs[i], "terminated": self.terminated[i]}  # fmt: skip

    def __len__(self) -> int:
        return self.size


def td_targets(
    rewards: np.ndarray, next_q_values: np.ndarray, terminated: np.ndarray, truncated: np.ndarray, gamma: float
) -> np.ndarray:
    """y = r + γ max_a' Q_target(s', a') for each transition (batch,), with no future term after a true terminal
    state (``terminated``). An episode cut off by a time limit (``truncated``) still has a future: its target
    bootstraps like any other, so ``truncated`` changes nothing here; it is an argument to show that it must not."""
    not_terminal = 1.0 - np.asarray(terminated, dtype=np.float64)
    return rewards + gamma * not_terminal * np.max(next_q_values, axis=1)


def huber_loss(pred: np.ndarray, target: np.ndarray, delta: float = 1.0) -> tuple[float, np.ndarray]:
    """The mean Huber loss of ``pred`` against ``target`` (both (m,)) and its gradient with respect to ``pred``:
    per example e²/2 where |e| <= δ, δ(|e| - δ/2) beyond (e = pred - target), so the gradient is e clipped to
    [-δ, δ], over m."""
    error = pred - target
    small = np.abs(error) <= delta
    per_example = np.where(small, 0.5 * error**2, delta * (np.abs(error) - 0.5 * delta))
    return float(np.mean(per_example)), np.clip(error, -delta, delta) / error.size


def q_learning_loss(
    q_values: np.ndarray, actions: np.ndarray, targets: np.ndarray, delta: float = 1.0
) -> tuple[float, np.ndarray]:
    """The Huber loss of Q(s, a) for the actions taken against their TD targets, and its gradient with respect to
    every Q-value (batch, n_actions): non-zero only in the column of the action taken, since the other actions'
    values played no part in the loss."""
    rows = np.arange(len(actions))
    loss, dchosen = huber_loss(q_values[rows, actions], targets, delta)
    dq_values = np.zeros_like(q_values, dtype=np.float64)
    dq_values[rows, actions] = dchosen
    return loss, dq_values


def update_target(online: Mapping[str, Any], target: Mapping[str, Any], tau: float) -> dict[str, Any]:
    """New target parameters τ·online + (1 - τ)·target, name by name: τ = 1 copies the online network (a hard
    update), a small τ moves the target a little towards it (Polyak averaging). Works on dicts of NumPy arrays and
    on PyTorch state dicts alike; neither argument is changed."""
    return {name: tau * online[name] + (1 - tau) * target[name] for name in target}
