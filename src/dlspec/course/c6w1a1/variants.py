"""Correct solutions of C6W1A1 written unlike the reference: interpolation by np.interp, draws in other orders and
by other calls, a buffer of Python lists or of one structured array, masks by np.where, the Huber loss from its
clipped error, gathers by np.take_along_axis, target updates by np.add, and a training loop with its own network,
loss and schedule."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.dqn import (  # swapped for the graded ones while checking
    ReplayBuffer,
    epsilon_greedy,
    huber_loss,
    linear_epsilon,
    q_learning_loss,
    td_targets,
    update_target,
)

# --- linear_epsilon -----------------------------------------------------------------------------------------------


@variant("linear_epsilon")
def linear_epsilon_interp(step, start=1.0, end=0.05, decay_steps=10_000):
    return float(np.interp(step, [0, decay_steps], [start, end]))


@variant("linear_epsilon")
def linear_epsilon_branches(step, start=1.0, end=0.05, decay_steps=10_000):
    if step >= decay_steps:
        return end
    slope = (start - end) / decay_steps
    return start - slope * step


# --- epsilon_greedy -----------------------------------------------------------------------------------------------


@variant("epsilon_greedy")
def epsilon_greedy_loop(q_values, epsilon):
    """State by state, with Python's own comparisons; the random action drawn only when exploring."""
    q = np.asarray(q_values)
    if q.ndim == 1:
        return int(np.random.randint(len(q))) if np.random.random() < epsilon else int(np.argmax(q))
    rows = q.reshape(-1, q.shape[-1])
    out = [np.random.randint(rows.shape[1]) if np.random.random() < epsilon else int(np.argmax(r)) for r in rows]
    return np.array(out, dtype=np.int64).reshape(q.shape[:-1])


@variant("epsilon_greedy")
def epsilon_greedy_choice(q_values, epsilon):
    """Random actions first, by np.random.choice, then the coins as one Bernoulli draw each."""
    q = np.asarray(q_values)
    shape = q.shape[:-1]
    random_actions = np.random.choice(q.shape[-1], size=shape)
    explore = np.random.binomial(1, epsilon, size=shape).astype(bool)
    actions = np.where(explore, random_actions, q.argmax(-1))
    return actions.item() if q.ndim == 1 else actions


# --- ReplayBuffer -------------------------------------------------------------------------------------------------


@variant("ReplayBuffer")
class ReplayBufferLists:
    """Python lists that drop their oldest item once full; arrays built at sampling time."""

    def __init__(self, capacity, obs_dim, seed=0):
        self.capacity, self.items = capacity, []
        self.rng = np.random.default_rng(seed)

    def add(self, obs, action, reward, next_obs, terminated):
        if len(self.items) == self.capacity:
            self.items.pop(0)
        self.items.append((np.array(obs), action, reward, np.array(next_obs), terminated))

    def sample(self, batch_size):
        picked = [self.items[i] for i in self.rng.choice(len(self.items), size=batch_size)]
        obs, actions, rewards, next_obs, terminated = zip(*picked, strict=True)
        return {"obs": np.stack(obs).astype(np.float32), "actions": np.array(actions, dtype=np.int64),
                "rewards": np.array(rewards, dtype=np.float32), "next_obs": np.stack(next_obs).astype(np.float32),
                "terminated": np.array(terminated, dtype=np.float32)}  # fmt: skip

    def __len__(self):
        return len(self.items)


@variant("ReplayBuffer")
class ReplayBufferStructured:
    """One structured array of records, a counter of everything ever added, and the slot as that count mod capacity."""

    def __init__(self, capacity, obs_dim, seed=0):
        fields = [("obs", np.float32, (obs_dim,)), ("actions", np.int64), ("rewards", np.float32),
                  ("next_obs", np.float32, (obs_dim,)), ("terminated", np.float32)]  # fmt: skip
        self.data = np.zeros(capacity, dtype=fields)
        self.added = 0
        self.rng = np.random.default_rng(seed)

    def add(self, obs, action, reward, next_obs, terminated):
        self.data[self.added % len(self.data)] = (obs, action, reward, next_obs, float(terminated))
        self.added += 1

    def __len__(self):
        return min(self.added, len(self.data))

    def sample(self, batch_size):
        rows = self.data[self.rng.integers(len(self), size=batch_size)]
        return {name: rows[name].copy() for name in self.data.dtype.names}


# --- td_targets ---------------------------------------------------------------------------------------------------


@variant("td_targets")
def td_targets_where(rewards, next_q_values, terminated, truncated, gamma):
    future = gamma * next_q_values.max(axis=-1)
    return np.where(np.asarray(terminated, dtype=bool), rewards, rewards + future)


@variant("td_targets")
def td_targets_loop(rewards, next_q_values, terminated, truncated, gamma):
    targets = np.array(rewards, dtype=float)
    for i, (q_next, ended) in enumerate(zip(next_q_values, terminated, strict=True)):
        if not ended:  # truncated or going on: the future counts
            targets[i] += gamma * max(q_next)
    return targets


# --- huber_loss ---------------------------------------------------------------------------------------------------


@variant("huber_loss")
def huber_loss_clipped(pred, target, delta=1.0):
    """With c the error clipped to ±δ, the loss is c·(|e| - |c|/2): e²/2 inside, δ(|e| - δ/2) outside."""
    e = pred - target
    c = np.clip(e, -delta, delta)
    return float(np.mean(c * (e - c / 2))), c / len(e)


@variant("huber_loss")
def huber_loss_pieces(pred, target, delta=1.0):
    e = np.asarray(pred - target, dtype=float)
    a = np.abs(e)
    quadratic = np.minimum(a, delta)
    linear = a - quadratic
    loss = np.sum(0.5 * quadratic**2 + delta * linear) / e.shape[0]
    grad = np.where(a <= delta, e, delta * np.sign(e)) / e.shape[0]
    return float(loss), grad


# --- q_learning_loss ----------------------------------------------------------------------------------------------


@variant("q_learning_loss")
def q_learning_loss_take(q_values, actions, targets, delta=1.0):
    chosen = np.take_along_axis(q_values, actions[:, None], axis=1)[:, 0]
    loss, dchosen = huber_loss(chosen, targets, delta)
    return loss, dchosen[:, None] * (np.arange(q_values.shape[1]) == actions[:, None])


@variant("q_learning_loss")
def q_learning_loss_one_hot(q_values, actions, targets, delta=1.0):
    one_hot = np.eye(q_values.shape[1])[actions]
    loss, dchosen = huber_loss((q_values * one_hot).sum(axis=1), targets, delta)
    return loss, one_hot * dchosen.reshape(-1, 1)


# --- update_target ------------------------------------------------------------------------------------------------


@variant("update_target")
def update_target_lerp(online, target, tau):
    new = {}
    for name, value in target.items():
        new[name] = value + tau * (online[name] - value)
    return new


@variant("update_target")
def update_target_add(online, target, tau):
    return {k: np.add(np.multiply(online[k], tau), np.multiply(target[k], 1.0 - tau)) for k in online}


# --- train_dqn ----------------------------------------------------------------------------------------------------


@variant("train_dqn")
def train_dqn_smooth_l1(env_id="CartPole-v1", total_steps=12_000, seed=0):
    """PyTorch's own Huber loss (smooth_l1) and autograd in place of q_learning_loss's gradient; the target network
    a deep copy; the buffer from the graded class; ε by the graded schedule."""
    import copy

    import gymnasium as gym
    import torch
    from torch import nn

    torch.manual_seed(seed)
    np.random.seed(seed)
    env = gym.make(env_id)
    env.action_space.seed(seed)
    n_obs, n_act = env.observation_space.shape[0], int(env.action_space.n)
    net = nn.Sequential(nn.Linear(n_obs, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, n_act))
    target_net = copy.deepcopy(net)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    memory = ReplayBuffer(20_000, n_obs, seed)
    returns, losses, total = [], [], 0.0
    obs, _ = env.reset(seed=seed)
    for t in range(total_steps):
        with torch.no_grad():
            q = net(torch.tensor(obs, dtype=torch.float32)).numpy()
        action = epsilon_greedy(q, linear_epsilon(t, 1.0, 0.05, 5_000))
        nxt, r, term, trunc, _ = env.step(action)
        memory.add(obs, action, r, nxt, term)
        total += r
        obs = nxt
        if term or trunc:
            returns.append(total)
            total = 0.0
            obs, _ = env.reset()
        if t >= 500:
            b = memory.sample(64)
            with torch.no_grad():
                best_next = target_net(torch.from_numpy(b["next_obs"])).max(dim=1).values
                y = torch.from_numpy(b["rewards"]) + 0.99 * (1 - torch.from_numpy(b["terminated"])) * best_next
            q_taken = net(torch.from_numpy(b["obs"])).gather(1, torch.from_numpy(b["actions"])[:, None])[:, 0]
            loss = nn.functional.smooth_l1_loss(q_taken, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        if t % 250 == 0:
            target_net.load_state_dict(net.state_dict())
    return net, {"returns": returns, "losses": losses}


@variant("train_dqn")
def train_dqn_soft_updates(env_id="CartPole-v1", total_steps=12_000, seed=0):
    """The graded NumPy pieces throughout, a wider network, a Polyak-averaged target (τ = 0.01 every step) and
    episodes counted in a while loop."""
    import gymnasium as gym
    import torch

    torch.manual_seed(seed)
    np.random.seed(seed)
    env = gym.make(env_id)
    env.action_space.seed(seed)
    n_obs = env.observation_space.shape[0]

    def network():
        return torch.nn.Sequential(torch.nn.Linear(n_obs, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128),
                                   torch.nn.ReLU(), torch.nn.Linear(128, env.action_space.n))  # fmt: skip

    online, target = network(), network()
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=1e-3)
    buffer = ReplayBuffer(total_steps, n_obs, seed)
    history = {"returns": [], "losses": []}
    step, first = 0, True
    while step < total_steps:
        obs, _ = env.reset(seed=seed if first else None)
        first, done, episode = False, False, 0.0
        while not done and step < total_steps:
            q = online(torch.as_tensor(obs, dtype=torch.float32)).detach().numpy()
            action = epsilon_greedy(q, linear_epsilon(step, 1.0, 0.05, 5_000))
            next_obs, reward, terminated, truncated, _ = env.step(action)
            buffer.add(obs, action, reward, next_obs, terminated)
            obs, episode, done, step = next_obs, episode + reward, terminated or truncated, step + 1
            if len(buffer) >= 500:
                batch = buffer.sample(64)
                next_q = target(torch.as_tensor(batch["next_obs"])).detach().numpy()
                y = td_targets(batch["rewards"], next_q, batch["terminated"], np.zeros(64), 0.99)
                q_all = online(torch.as_tensor(batch["obs"]))
                loss, dq = q_learning_loss(q_all.detach().numpy(), batch["actions"], y)
                optimizer.zero_grad()
                q_all.backward(torch.as_tensor(dq, dtype=torch.float32))
                optimizer.step()
                history["losses"].append(loss)
                target.load_state_dict(update_target(online.state_dict(), target.state_dict(), 0.01))
        history["returns"].append(episode)
    return online, history
