"""Deep Q-learning on a gymnasium environment (C6W1A1): a PyTorch Q-network trained with the NumPy pieces of
``dlspec.nn.dqn`` (replay, ε-greedy, TD targets, the Q-learning loss's gradient, target updates), a greedy
evaluation, and the frames of an episode for an animation.

gymnasium and torch are imported where they are used, so that importing this module costs nothing.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from dlspec.nn.dqn import ReplayBuffer, epsilon_greedy, linear_epsilon, q_learning_loss, td_targets, update_target

# A small recipe that learns CartPole-v1 in twelve thousand steps (bench/dqn.py: greedy returns of 97-168 on seeds
# 0-2, about 6 s of CPU each): a buffer as large as the run, learning from the first episodes on, a gradient step on
# 128 transitions every second step, a hard target update every 500 steps.
DEFAULTS: dict[str, Any] = {
    "hidden": 64,
    "learning_rate": 1e-3,
    "gamma": 0.99,
    "buffer_size": 20_000,
    "batch_size": 128,
    "learning_starts": 500,
    "train_every": 2,
    "target_every": 500,
    "tau": 1.0,
    "epsilon_start": 1.0,
    "epsilon_end": 0.05,
    "epsilon_decay": 4_000,
}


def q_network(obs_dim: int, n_actions: int, hidden: int = 64) -> Any:
    """An MLP from a state (obs_dim,) to one value per action: Linear-ReLU-Linear-ReLU-Linear."""
    from torch import nn

    return nn.Sequential(nn.Linear(obs_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                         nn.Linear(hidden, n_actions))  # fmt: skip


def make_env(env_id: str, seed: int, render_mode: str | None = None) -> Any:
    """The environment, its action space seeded (ε-greedy draws its own actions, but a learner may sample it)."""
    import gymnasium as gym

    env = gym.make(env_id, render_mode=render_mode)
    env.action_space.seed(seed)
    return env


def train_dqn(
    env_id: str = "CartPole-v1", total_steps: int = 12_000, seed: int = 0, **hp: Any
) -> tuple[Any, dict[str, list[float]]]:
    """Train a Q-network on ``env_id`` for ``total_steps`` environment steps; return it and the history: the
    return of every finished episode ("returns", at the step it ended: "episode_ends") and the loss of every
    gradient step ("losses"). ``hp`` overrides DEFAULTS. Seeded: NumPy, torch, the environment's resets and its
    action space; and on one thread (for the rest of the process too), which also makes runs repeatable."""
    import torch

    hp = {**DEFAULTS, **hp}
    torch.set_num_threads(1)  # a tiny network: two threads wait for each other, and on a busy machine far longer
    np.random.seed(seed)
    torch.manual_seed(seed)
    env = make_env(env_id, seed)
    obs_dim, n_actions = env.observation_space.shape[0], env.action_space.n
    online = q_network(obs_dim, n_actions, hp["hidden"])
    target = q_network(obs_dim, n_actions, hp["hidden"])
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=hp["learning_rate"], fused=True)  # one kernel: 2x faster
    buffer = ReplayBuffer(hp["buffer_size"], obs_dim, seed)
    history: dict[str, list[float]] = {"returns": [], "episode_ends": [], "losses": []}

    obs, _ = env.reset(seed=seed)
    episode_return = 0.0
    for step in range(total_steps):
        epsilon = linear_epsilon(step, hp["epsilon_start"], hp["epsilon_end"], hp["epsilon_decay"])
        with torch.no_grad():
            q = online(torch.as_tensor(obs, dtype=torch.float32)).numpy()
        action = epsilon_greedy(q, epsilon)
        next_obs, reward, terminated, truncated, _ = env.step(action)
        # the buffer keeps `terminated` only: a time limit's cut-off is no terminal state, and bootstraps
        buffer.add(obs, action, reward, next_obs, terminated)
        obs, episode_return = next_obs, episode_return + reward
        if terminated or truncated:
            history["returns"].append(episode_return)
            history["episode_ends"].append(step + 1)
            obs, _ = env.reset()
            episode_return = 0.0

        if step >= hp["learning_starts"] and step % hp["train_every"] == 0:
            batch = buffer.sample(hp["batch_size"])
            with torch.no_grad():
                next_q = target(torch.as_tensor(batch["next_obs"])).numpy()
            y = td_targets(batch["rewards"], next_q, batch["terminated"], np.zeros_like(batch["terminated"]),
                           hp["gamma"])  # fmt: skip
            q_all = online(torch.as_tensor(batch["obs"]))
            loss, dq = q_learning_loss(q_all.detach().numpy(), batch["actions"], y)
            optimizer.zero_grad()
            q_all.backward(torch.as_tensor(dq, dtype=torch.float32))  # the chain rule from our own gradient on
            optimizer.step()
            history["losses"].append(loss)
        if step % hp["target_every"] == 0 or hp["tau"] < 1:
            target.load_state_dict(update_target(online.state_dict(), target.state_dict(), hp["tau"]))
    env.close()
    return online, history


def greedy_returns(q_net: Any, env_id: str = "CartPole-v1", seeds: range | list[int] = range(1000, 1010)
                   ) -> list[float]:  # fmt: skip
    """The return of one greedy episode (ε = 0) from each reset seed: the agent's score, without exploration."""
    import torch

    env = make_env(env_id, 0)
    returns = []
    for seed in seeds:
        obs, _ = env.reset(seed=seed)
        done, total = False, 0.0
        while not done:
            with torch.no_grad():
                action = int(torch.argmax(q_net(torch.as_tensor(obs, dtype=torch.float32))))
            obs, reward, terminated, truncated, _ = env.step(action)
            total, done = total + reward, terminated or truncated
        returns.append(total)
    env.close()
    return returns


def random_returns(env_id: str = "CartPole-v1", seeds: range | list[int] = range(1000, 1010)) -> list[float]:
    """The return of one episode of uniformly random actions from each reset seed: the score to beat."""
    env = make_env(env_id, 0)
    returns = []
    for seed in seeds:
        env.reset(seed=seed)
        done, total = False, 0.0
        while not done:
            _, reward, terminated, truncated, _ = env.step(env.action_space.sample())
            total, done = total + reward, terminated or truncated
        returns.append(total)
    env.close()
    return returns


def episode_frames(q_net: Any, env_id: str = "CartPole-v1", seed: int = 1000, every: int = 4,
                   max_frames: int = 120) -> list[np.ndarray]:  # fmt: skip
    """RGB frames (H, W, 3) of one greedy episode, every ``every``-th step, at most ``max_frames``: an animation's
    pictures. Drawing needs pygame (gymnasium's classic-control extra); set SDL_VIDEODRIVER=dummy without a screen."""
    import torch

    env = make_env(env_id, 0, render_mode="rgb_array")
    obs, _ = env.reset(seed=seed)
    frames, step, done = [env.render()], 0, False
    while not done and len(frames) < max_frames:
        with torch.no_grad():
            action = int(torch.argmax(q_net(torch.as_tensor(obs, dtype=torch.float32))))
        obs, _, terminated, truncated, _ = env.step(action)
        step, done = step + 1, terminated or truncated
        if step % every == 0 or done:
            frames.append(env.render())
    env.close()
    return frames


def timed_training(env_id: str, total_steps: int, seed: int, **hp: Any) -> tuple[Any, dict[str, list[float]], float]:
    """train_dqn and its wall time in seconds (the benchmark's and the notebook's figure)."""
    start = time.perf_counter()
    q_net, history = train_dqn(env_id, total_steps, seed, **hp)
    return q_net, history, time.perf_counter() - start
