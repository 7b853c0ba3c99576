"""What C6W1A1's checks measure of a replay buffer and of a trained agent, run in the grading process on what the
learner's code returned (checks.py names them through Case.probe)."""

from __future__ import annotations

from typing import Any

import numpy as np

KEYS = ("obs", "actions", "rewards", "next_obs", "terminated")


def transitions(n: int, obs_dim: int) -> list[tuple]:
    """n transitions that say who they are: transition i (from 1, so an empty slot of zeros is no transition) has
    obs[0] = i, action i % 3, reward i / 2, next_obs = obs + 0.5 and terminated on every fifth."""
    out = []
    for i in range(1, n + 1):
        obs = np.concatenate([[i], np.sin(i + np.arange(obs_dim - 1))]).astype(np.float32)
        out.append((obs, i % 3, i / 2, obs + 0.5, i % 5 == 0))
    return out


def _filled(buffer: Any, n: int, obs_dim: int) -> Any:
    for t in transitions(n, obs_dim):
        buffer.add(*t)
    return buffer


def _sample(buffer: Any, batch_size: int) -> dict[str, Any]:
    batch = buffer.sample(batch_size)
    return {key: np.asarray(batch[key]) for key in KEYS} if isinstance(batch, dict) else {}


def buffer_report(buffer: Any, capacity: int, obs_dim: int, seed: int, n_add: int, batch_size: int) -> dict:
    """Add ``n_add`` transitions to the learner's buffer, then report its length, one sample with the dtype of each
    field, and the first observations of a sample from a new buffer of the same seed and of another seed."""
    length = len(_filled(buffer, n_add, obs_dim))
    batch = _sample(buffer, batch_size)
    same = _sample(_filled(type(buffer)(capacity, obs_dim, seed), n_add, obs_dim), batch_size)
    other = _sample(_filled(type(buffer)(capacity, obs_dim, seed + 1), n_add, obs_dim), batch_size)
    return {
        "len": int(length),
        "batch": {key: value.astype(np.float64) for key, value in batch.items()},
        "dtypes": {key: str(value.dtype) for key, value in batch.items()},
        "same_seed": same.get("obs", np.zeros(0)).astype(np.float64),
        "other_seed": other.get("obs", np.zeros(0)).astype(np.float64),
    }


def learning_report(returned: Any, env_id: str, seeds: list[int]) -> dict:
    """The greedy return of the trained Q-network (the first thing ``train_dqn`` returned) from each reset seed,
    and the returns of the episodes it trained on."""
    import torch

    from dlspec.nn.dqn_torch import greedy_returns

    q_net, history = returned
    with torch.no_grad():
        greedy = greedy_returns(q_net, env_id, seeds)
    returns = history.get("returns", []) if isinstance(history, dict) else []
    return {"greedy": np.array(greedy, dtype=np.float64), "training": np.array(returns, dtype=np.float64)}
