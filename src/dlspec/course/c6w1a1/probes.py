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
    """Add ``n_add`` transitions to the learner's buffer, then report its length and, of one sample: the dtype and
    shape of each field, the number of each sampled transition (obs[0]), whether every row is one transition's
    fields, and whether a new buffer of the same seed draws the same sample and one of another seed another. A
    summary, not the sample: the grading process sends it back through a pipe, and small is fast."""
    length = len(_filled(buffer, n_add, obs_dim))
    batch = _sample(buffer, batch_size)
    if not batch:
        return {"len": int(length), "batch": False}
    same = _sample(_filled(type(buffer)(capacity, obs_dim, seed), n_add, obs_dim), batch_size)
    other = _sample(_filled(type(buffer)(capacity, obs_dim, seed + 1), n_add, obs_dim), batch_size)
    ids = batch["obs"][:, 0].astype(np.int64) if batch["obs"].ndim == 2 else np.zeros(0, np.int64)
    whole = ids.size > 0 and batch["actions"].shape == ids.shape and bool(
        np.allclose(batch["actions"], ids % 3) and np.allclose(batch["rewards"], ids / 2)
        and np.allclose(batch["next_obs"], batch["obs"] + 0.5) and np.allclose(batch["terminated"], ids % 5 == 0))
    return {
        "len": int(length),
        "batch": True,
        "dtypes": {key: str(value.dtype) for key, value in batch.items()},
        "shapes": {key: list(value.shape) for key, value in batch.items()},
        "ids": ids,
        "whole": whole,
        "same_seed": bool(same and np.array_equal(same["obs"], batch["obs"])),
        "other_seed": bool(other and np.array_equal(other["obs"], batch["obs"])),
    }


def actions_report(actions: Any, q_values: np.ndarray) -> dict:
    """What ε-greedy actions for ``q_values`` look like, summed up (thousands of actions would travel back through
    the grading process's pipe): their shape and type, whether they are whole numbers in range, how many differ from
    the greedy action, and how often each action was taken."""
    got = np.asarray(actions)
    n_actions = q_values.shape[-1]
    whole = got.dtype.kind in "iub" or (got.dtype.kind == "f" and bool(np.all(np.mod(got, 1) == 0)))
    valid = whole and got.size > 0 and got.min() >= 0 and got.max() < n_actions
    report = {"type": type(actions).__name__, "shape": list(got.shape), "whole": bool(whole),
              "low": float(got.min()) if got.size else 0.0, "high": float(got.max()) if got.size else 0.0}  # fmt: skip
    if got.shape != q_values.shape[:-1] or not valid:
        return {**report, "off_greedy": -1.0, "counts": [0] * n_actions}
    counts = np.bincount(got.ravel().astype(np.int64), minlength=n_actions)
    off = float(np.mean(got != np.argmax(q_values, axis=-1)))
    return {**report, "off_greedy": off, "counts": counts.tolist()}


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
