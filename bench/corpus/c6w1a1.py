"""C6W1A1, deep Q-networks on CartPole, as learners write it (written from the blank notebook only)."""

import numpy as np
import torch
import torch.nn.functional as F

from . import correct, mistake

# ruff: noqa: F821 (the notebook's other graded functions and helpers)

# --- linear_epsilon ---------------------------------------------------------------------------------------------


@correct("linear_epsilon")
def epsilon_by_fraction(step, start=1.0, end=0.05, decay_steps=10_000):
    fraction = min(step / decay_steps, 1.0)
    return start + fraction * (end - start)


@correct("linear_epsilon")
def epsilon_by_cases(step, start=1.0, end=0.05, decay_steps=10_000):
    if step >= decay_steps:
        return float(end)
    return float(start - (start - end) * step / decay_steps)


@correct("linear_epsilon")
def epsilon_by_interp(step, start=1.0, end=0.05, decay_steps=10_000):
    return float(np.interp(step, [0, decay_steps], [start, end]))


@mistake("linear_epsilon")
def epsilon_no_floor(step, start=1.0, end=0.05, decay_steps=10_000):
    return start - (start - end) * step / decay_steps


@mistake("linear_epsilon")
def epsilon_integer_division(step, start=1.0, end=0.05, decay_steps=10_000):
    fraction = min(step // decay_steps, 1)
    return start + fraction * (end - start)


@mistake("linear_epsilon")
def epsilon_slope_ignores_end(step, start=1.0, end=0.05, decay_steps=10_000):
    return max(end, start - step / decay_steps)


@mistake("linear_epsilon")
def epsilon_min_for_max(step, start=1.0, end=0.05, decay_steps=10_000):
    return min(end, start - (start - end) * step / decay_steps)


# --- epsilon_greedy ---------------------------------------------------------------------------------------------


@correct("epsilon_greedy")
def greedy_vectorised(q_values, epsilon):
    q = np.asarray(q_values)
    explore = np.random.rand(*q.shape[:-1]) < epsilon
    random_actions = np.random.randint(q.shape[-1], size=q.shape[:-1])
    actions = np.where(explore, random_actions, np.argmax(q, axis=-1)).astype(np.int64)
    return int(actions) if q.ndim == 1 else actions


@correct("epsilon_greedy")
def greedy_row_by_row(q_values, epsilon):
    def one(row):
        if np.random.rand() < epsilon:
            return np.random.randint(len(row))
        return int(np.argmax(row))

    if q_values.ndim == 1:
        return one(q_values)
    return np.array([one(row) for row in q_values], dtype=np.int64)


@mistake("epsilon_greedy")
def greedy_argmin(q_values, epsilon):
    explore = np.random.rand(*q_values.shape[:-1]) < epsilon
    random_actions = np.random.randint(q_values.shape[-1], size=q_values.shape[:-1])
    actions = np.where(explore, random_actions, np.argmin(q_values, axis=-1)).astype(np.int64)
    return int(actions) if q_values.ndim == 1 else actions


@mistake("epsilon_greedy")
def greedy_explores_other_actions_only(q_values, epsilon):
    def one(row):
        best = int(np.argmax(row))
        if np.random.rand() < epsilon:
            others = [a for a in range(len(row)) if a != best]
            return int(others[np.random.randint(len(others))])
        return best

    if q_values.ndim == 1:
        return one(q_values)
    return np.array([one(row) for row in q_values], dtype=np.int64)


@mistake("epsilon_greedy")
def greedy_coin_inverted(q_values, epsilon):
    explore = np.random.rand(*q_values.shape[:-1]) > epsilon
    random_actions = np.random.randint(q_values.shape[-1], size=q_values.shape[:-1])
    actions = np.where(explore, random_actions, np.argmax(q_values, axis=-1)).astype(np.int64)
    return int(actions) if q_values.ndim == 1 else actions


@mistake("epsilon_greedy")
def greedy_one_coin_per_batch(q_values, epsilon):
    n = q_values.shape[-1]
    if np.random.rand() < epsilon:
        actions = np.random.randint(n, size=q_values.shape[:-1])
    else:
        actions = np.argmax(q_values, axis=-1)
    actions = np.asarray(actions, dtype=np.int64)
    return int(actions) if q_values.ndim == 1 else actions


@mistake("epsilon_greedy")
def greedy_never_last_action(q_values, epsilon):
    explore = np.random.rand(*q_values.shape[:-1]) < epsilon
    random_actions = np.random.randint(q_values.shape[-1] - 1, size=q_values.shape[:-1])
    actions = np.where(explore, random_actions, np.argmax(q_values, axis=-1)).astype(np.int64)
    return int(actions) if q_values.ndim == 1 else actions


# --- ReplayBuffer -----------------------------------------------------------------------------------------------


@correct("ReplayBuffer")
class BufferWithPointer:
    def __init__(self, capacity, obs_dim, seed=0):
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.pos = 0
        self.size = 0
        self.rng = np.random.default_rng(seed)

    def add(self, obs, action, reward, next_obs, terminated):
        i = self.pos
        self.obs[i], self.actions[i], self.rewards[i] = obs, action, reward
        self.next_obs[i], self.terminated[i] = next_obs, terminated
        self.pos = (self.pos + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        idx = self.rng.integers(0, self.size, size=batch_size)
        return {"obs": self.obs[idx], "actions": self.actions[idx], "rewards": self.rewards[idx],
                "next_obs": self.next_obs[idx], "terminated": self.terminated[idx]}

    def __len__(self):
        return self.size


@correct("ReplayBuffer")
class BufferWithCounter:
    """Counts every transition ever added; the slot is the count modulo the capacity."""

    def __init__(self, capacity, obs_dim, seed=0):
        self.capacity = capacity
        self.count = 0
        self.rng = np.random.default_rng(seed)
        self.data = {
            "obs": np.empty((capacity, obs_dim), np.float32),
            "actions": np.empty(capacity, np.int64),
            "rewards": np.empty(capacity, np.float32),
            "next_obs": np.empty((capacity, obs_dim), np.float32),
            "terminated": np.empty(capacity, np.float32),
        }

    def add(self, obs, action, reward, next_obs, terminated):
        slot = self.count % self.capacity
        for key, value in zip(self.data, (obs, action, reward, next_obs, float(terminated)), strict=False):
            self.data[key][slot] = value
        self.count += 1

    def __len__(self):
        return min(self.count, self.capacity)

    def sample(self, batch_size):
        idx = self.rng.choice(len(self), size=batch_size, replace=True)
        return {key: array[idx] for key, array in self.data.items()}


@mistake("ReplayBuffer")
class BufferSamplesEmptySlots:
    def __init__(self, capacity, obs_dim, seed=0):
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.pos = 0
        self.size = 0
        self.rng = np.random.default_rng(seed)

    def add(self, obs, action, reward, next_obs, terminated):
        i = self.pos
        self.obs[i], self.actions[i], self.rewards[i] = obs, action, reward
        self.next_obs[i], self.terminated[i] = next_obs, terminated
        self.pos = (self.pos + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        idx = self.rng.integers(0, self.capacity, size=batch_size)  # the empty slots too
        return {"obs": self.obs[idx], "actions": self.actions[idx], "rewards": self.rewards[idx],
                "next_obs": self.next_obs[idx], "terminated": self.terminated[idx]}

    def __len__(self):
        return self.size


@mistake("ReplayBuffer")
class BufferKeepsOverwritingTheNewest:
    def __init__(self, capacity, obs_dim, seed=0):
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.size = 0
        self.rng = np.random.default_rng(seed)

    def add(self, obs, action, reward, next_obs, terminated):
        i = min(self.size, self.capacity - 1)  # once full, the last slot again and again
        self.obs[i], self.actions[i], self.rewards[i] = obs, action, reward
        self.next_obs[i], self.terminated[i] = next_obs, terminated
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        idx = self.rng.integers(0, self.size, size=batch_size)
        return {"obs": self.obs[idx], "actions": self.actions[idx], "rewards": self.rewards[idx],
                "next_obs": self.next_obs[idx], "terminated": self.terminated[idx]}

    def __len__(self):
        return self.size


@mistake("ReplayBuffer")
class BufferFloatActions:
    def __init__(self, capacity, obs_dim, seed=0):
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.float32)  # cannot index Q-values
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.pos = 0
        self.size = 0
        self.rng = np.random.default_rng(seed)

    def add(self, obs, action, reward, next_obs, terminated):
        i = self.pos
        self.obs[i], self.actions[i], self.rewards[i] = obs, action, reward
        self.next_obs[i], self.terminated[i] = next_obs, terminated
        self.pos = (self.pos + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        idx = self.rng.integers(0, self.size, size=batch_size)
        return {"obs": self.obs[idx], "actions": self.actions[idx], "rewards": self.rewards[idx],
                "next_obs": self.next_obs[idx], "terminated": self.terminated[idx]}

    def __len__(self):
        return self.size


@mistake("ReplayBuffer")
class BufferGlobalRandomState:
    def __init__(self, capacity, obs_dim, seed=0):
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.pos = 0
        self.size = 0

    def add(self, obs, action, reward, next_obs, terminated):
        i = self.pos
        self.obs[i], self.actions[i], self.rewards[i] = obs, action, reward
        self.next_obs[i], self.terminated[i] = next_obs, terminated
        self.pos = (self.pos + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        idx = np.random.randint(0, self.size, size=batch_size)  # not the buffer's own generator
        return {"obs": self.obs[idx], "actions": self.actions[idx], "rewards": self.rewards[idx],
                "next_obs": self.next_obs[idx], "terminated": self.terminated[idx]}

    def __len__(self):
        return self.size


# --- td_targets -------------------------------------------------------------------------------------------------


@correct("td_targets")
def targets_by_mask(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + gamma * next_q_values.max(axis=1) * (1 - terminated)


@correct("td_targets")
def targets_by_where(rewards, next_q_values, terminated, truncated, gamma):
    future = gamma * np.max(next_q_values, axis=-1)
    return np.where(np.asarray(terminated, dtype=bool), rewards, rewards + future)


@mistake("td_targets")
def targets_stop_at_truncation(rewards, next_q_values, terminated, truncated, gamma):
    done = np.logical_or(terminated, truncated)
    return rewards + gamma * next_q_values.max(axis=1) * (1 - done)


@mistake("td_targets")
def targets_max_over_batch(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + gamma * next_q_values.max(axis=0) * (1 - terminated)


@mistake("td_targets")
def targets_no_discount(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + next_q_values.max(axis=1) * (1 - terminated)


@mistake("td_targets")
def targets_mask_inverted(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + gamma * next_q_values.max(axis=1) * terminated


@mistake("td_targets")
def targets_mean_not_max(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + gamma * next_q_values.mean(axis=1) * (1 - terminated)


# --- huber_loss -------------------------------------------------------------------------------------------------


@correct("huber_loss")
def huber_by_where(pred, target, delta=1.0):
    e = pred - target
    small = np.abs(e) <= delta
    losses = np.where(small, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    return float(np.mean(losses)), np.clip(e, -delta, delta) / len(e)


@correct("huber_loss")
def huber_by_split(pred, target, delta=1.0):
    # |e| = quadratic part (at most delta) + linear part (the rest)
    e = pred - target
    quadratic = np.minimum(np.abs(e), delta)
    linear = np.abs(e) - quadratic
    loss = np.sum(0.5 * quadratic**2 + delta * linear) / e.size
    return float(loss), np.sign(e) * quadratic / e.size


@mistake("huber_loss")
def huber_gradient_not_averaged(pred, target, delta=1.0):
    e = pred - target
    losses = np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    return float(np.mean(losses)), np.clip(e, -delta, delta)


@mistake("huber_loss")
def huber_error_reversed(pred, target, delta=1.0):
    e = target - pred
    losses = np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    return float(np.mean(losses)), np.clip(e, -delta, delta) / len(e)


@mistake("huber_loss")
def huber_linear_part_not_shifted(pred, target, delta=1.0):
    e = pred - target
    losses = np.where(np.abs(e) <= delta, 0.5 * e**2, delta * np.abs(e))
    return float(np.mean(losses)), np.clip(e, -delta, delta) / len(e)


@mistake("huber_loss")
def huber_summed(pred, target, delta=1.0):
    e = pred - target
    losses = np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    return float(np.sum(losses)), np.clip(e, -delta, delta)


@mistake("huber_loss")
def huber_threshold_without_abs(pred, target, delta=1.0):
    e = pred - target
    losses = np.where(e <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    grad = np.where(e <= delta, e, delta) / len(e)
    return float(np.mean(losses)), grad


# --- q_learning_loss --------------------------------------------------------------------------------------------


@correct("q_learning_loss")
def q_loss_by_indexing(q_values, actions, targets, delta=1.0):
    rows = np.arange(len(actions))
    loss, d_chosen = huber_loss(q_values[rows, actions], targets, delta)
    grad = np.zeros_like(q_values)
    grad[rows, actions] = d_chosen
    return loss, grad


@correct("q_learning_loss")
def q_loss_by_one_hot(q_values, actions, targets, delta=1.0):
    one_hot = np.eye(q_values.shape[1])[actions]
    chosen = np.sum(q_values * one_hot, axis=1)
    loss, d_chosen = huber_loss(chosen, targets, delta)
    return loss, one_hot * d_chosen[:, None]


@mistake("q_learning_loss")
def q_loss_gradient_in_every_column(q_values, actions, targets, delta=1.0):
    rows = np.arange(len(actions))
    loss, d_chosen = huber_loss(q_values[rows, actions], targets, delta)
    return loss, np.repeat(d_chosen[:, None], q_values.shape[1], axis=1)


@mistake("q_learning_loss")
def q_loss_of_the_best_action(q_values, actions, targets, delta=1.0):
    best = np.argmax(q_values, axis=1)
    rows = np.arange(len(actions))
    loss, d_chosen = huber_loss(q_values[rows, best], targets, delta)
    grad = np.zeros_like(q_values)
    grad[rows, best] = d_chosen
    return loss, grad


@mistake("q_learning_loss")
def q_loss_column_indexing(q_values, actions, targets, delta=1.0):
    chosen = np.diag(q_values[:, actions])
    loss, d_chosen = huber_loss(chosen, targets, delta)
    grad = np.zeros_like(q_values)
    grad[:, actions] = d_chosen  # every row gets the last row's value in each chosen column
    return loss, grad


@mistake("q_learning_loss")
def q_loss_ignores_delta(q_values, actions, targets, delta=1.0):
    rows = np.arange(len(actions))
    loss, d_chosen = huber_loss(q_values[rows, actions], targets)
    grad = np.zeros_like(q_values)
    grad[rows, actions] = d_chosen
    return loss, grad


# --- update_target ----------------------------------------------------------------------------------------------


@correct("update_target")
def update_by_comprehension(online, target, tau):
    return {name: tau * online[name] + (1 - tau) * target[name] for name in online}


@correct("update_target")
def update_by_step_towards(online, target, tau):
    new = {}
    for name, value in target.items():
        new[name] = value + tau * (online[name] - value)
    return new


@mistake("update_target")
def update_tau_swapped(online, target, tau):
    return {name: (1 - tau) * online[name] + tau * target[name] for name in online}


@mistake("update_target")
def update_in_place(online, target, tau):
    for name in target:
        target[name] *= 1 - tau
        target[name] += tau * online[name]
    return dict(target)


@mistake("update_target")
def update_always_hard(online, target, tau):
    return {name: online[name] * 1 for name in online}


# --- train_dqn --------------------------------------------------------------------------------------------------


@correct("train_dqn")
def train_as_listed(env_id="CartPole-v1", total_steps=12_000, seed=0, **hp):
    cfg = {**DEFAULTS, **hp}
    np.random.seed(seed)
    torch.manual_seed(seed)
    env = make_env(env_id, seed)
    obs, _ = env.reset(seed=seed)
    obs_dim, n_actions = env.observation_space.shape[0], env.action_space.n
    online = q_network(obs_dim, n_actions, cfg["hidden"])
    target = q_network(obs_dim, n_actions, cfg["hidden"])
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=cfg["learning_rate"])
    buffer = ReplayBuffer(cfg["buffer_size"], obs_dim, seed)
    history = {"returns": [], "episode_ends": [], "losses": []}
    episode_return = 0.0
    for step in range(total_steps):
        eps = linear_epsilon(step, cfg["epsilon_start"], cfg["epsilon_end"], cfg["epsilon_decay"])
        with torch.no_grad():
            q = online(torch.as_tensor(obs, dtype=torch.float32)).numpy()
        action = epsilon_greedy(q, eps)
        next_obs, reward, terminated, truncated, _ = env.step(action)
        buffer.add(obs, action, reward, next_obs, terminated)
        episode_return += reward
        obs = next_obs
        if terminated or truncated:
            history["returns"].append(episode_return)
            history["episode_ends"].append(step)
            episode_return = 0.0
            obs, _ = env.reset()
        if step >= cfg["learning_starts"] and step % cfg["train_every"] == 0:
            batch = buffer.sample(cfg["batch_size"])
            with torch.no_grad():
                next_q = target(torch.as_tensor(batch["next_obs"])).numpy()
            y = td_targets(batch["rewards"], next_q, batch["terminated"], np.zeros_like(batch["terminated"]),
                           cfg["gamma"])
            q_all = online(torch.as_tensor(batch["obs"]))
            loss, dq = q_learning_loss(q_all.detach().numpy(), batch["actions"], y)
            optimizer.zero_grad()
            q_all.backward(torch.as_tensor(dq, dtype=torch.float32))
            optimizer.step()
            history["losses"].append(loss)
        if cfg["tau"] < 1 or (step + 1) % cfg["target_every"] == 0:
            target.load_state_dict(update_target(online.state_dict(), target.state_dict(), cfg["tau"]))
    env.close()
    return online, history


@correct("train_dqn")
def train_with_torch_loss(env_id="CartPole-v1", total_steps=12_000, seed=0, **hp):
    # the same algorithm with PyTorch's own Huber loss (smooth L1 with beta 1 is the Huber loss with delta 1)
    hp = dict(DEFAULTS, **hp)
    np.random.seed(seed)
    torch.manual_seed(seed)
    env = make_env(env_id, seed)
    net = q_network(env.observation_space.shape[0], env.action_space.n, hp["hidden"])
    target_net = q_network(env.observation_space.shape[0], env.action_space.n, hp["hidden"])
    target_net.load_state_dict(net.state_dict())
    opt = torch.optim.Adam(net.parameters(), lr=hp["learning_rate"])
    memory = ReplayBuffer(hp["buffer_size"], env.observation_space.shape[0], seed)
    returns, ends, losses = [], [], []
    state, _ = env.reset(seed=seed)
    total = 0.0
    step = 0
    while step < total_steps:
        epsilon = linear_epsilon(step, hp["epsilon_start"], hp["epsilon_end"], hp["epsilon_decay"])
        with torch.no_grad():
            action = epsilon_greedy(net(torch.tensor(state, dtype=torch.float32)).numpy(), epsilon)
        new_state, reward, terminated, truncated, _ = env.step(action)
        memory.add(state, action, reward, new_state, terminated)
        total += reward
        state = new_state
        if terminated or truncated:
            returns.append(total)
            ends.append(step)
            total = 0.0
            state, _ = env.reset()
        if step >= hp["learning_starts"] and step % hp["train_every"] == 0:
            b = memory.sample(hp["batch_size"])
            with torch.no_grad():
                best_next = target_net(torch.from_numpy(b["next_obs"])).max(dim=1).values
                y = torch.from_numpy(b["rewards"]) + hp["gamma"] * best_next * (1 - torch.from_numpy(b["terminated"]))
            q_taken = net(torch.from_numpy(b["obs"])).gather(1, torch.from_numpy(b["actions"])[:, None]).squeeze(1)
            loss = F.smooth_l1_loss(q_taken, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        step += 1
        if hp["tau"] < 1 or step % hp["target_every"] == 0:
            target_net.load_state_dict(update_target(net.state_dict(), target_net.state_dict(), hp["tau"]))
    env.close()
    return net, {"returns": returns, "episode_ends": ends, "losses": losses}


@mistake("train_dqn")
def train_epsilon_never_decays(env_id="CartPole-v1", total_steps=12_000, seed=0, **hp):
    cfg = {**DEFAULTS, **hp}
    np.random.seed(seed)
    torch.manual_seed(seed)
    env = make_env(env_id, seed)
    obs, _ = env.reset(seed=seed)
    obs_dim, n_actions = env.observation_space.shape[0], env.action_space.n
    online = q_network(obs_dim, n_actions, cfg["hidden"])
    target = q_network(obs_dim, n_actions, cfg["hidden"])
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=cfg["learning_rate"])
    buffer = ReplayBuffer(cfg["buffer_size"], obs_dim, seed)
    history = {"returns": [], "episode_ends": [], "losses": []}
    episode_return = 0.0
    for step in range(total_steps):
        eps = linear_epsilon(0, cfg["epsilon_start"], cfg["epsilon_end"], cfg["epsilon_decay"])  # step 0 always
        with torch.no_grad():
            q = online(torch.as_tensor(obs, dtype=torch.float32)).numpy()
        action = epsilon_greedy(q, eps)
        next_obs, reward, terminated, truncated, _ = env.step(action)
        buffer.add(obs, action, reward, next_obs, terminated)
        episode_return += reward
        obs = next_obs
        if terminated or truncated:
            history["returns"].append(episode_return)
            history["episode_ends"].append(step)
            episode_return = 0.0
            obs, _ = env.reset()
        if step >= cfg["learning_starts"] and step % cfg["train_every"] == 0:
            batch = buffer.sample(cfg["batch_size"])
            with torch.no_grad():
                next_q = target(torch.as_tensor(batch["next_obs"])).numpy()
            y = td_targets(batch["rewards"], next_q, batch["terminated"], np.zeros_like(batch["terminated"]),
                           cfg["gamma"])
            q_all = online(torch.as_tensor(batch["obs"]))
            loss, dq = q_learning_loss(q_all.detach().numpy(), batch["actions"], y)
            optimizer.zero_grad()
            q_all.backward(torch.as_tensor(dq, dtype=torch.float32))
            optimizer.step()
            history["losses"].append(loss)
        if cfg["tau"] < 1 or (step + 1) % cfg["target_every"] == 0:
            target.load_state_dict(update_target(online.state_dict(), target.state_dict(), cfg["tau"]))
    env.close()
    return online, history


@mistake("train_dqn")
def train_gradient_ascent(env_id="CartPole-v1", total_steps=12_000, seed=0, **hp):
    cfg = {**DEFAULTS, **hp}
    np.random.seed(seed)
    torch.manual_seed(seed)
    env = make_env(env_id, seed)
    obs, _ = env.reset(seed=seed)
    obs_dim, n_actions = env.observation_space.shape[0], env.action_space.n
    online = q_network(obs_dim, n_actions, cfg["hidden"])
    target = q_network(obs_dim, n_actions, cfg["hidden"])
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=cfg["learning_rate"])
    buffer = ReplayBuffer(cfg["buffer_size"], obs_dim, seed)
    history = {"returns": [], "episode_ends": [], "losses": []}
    episode_return = 0.0
    for step in range(total_steps):
        eps = linear_epsilon(step, cfg["epsilon_start"], cfg["epsilon_end"], cfg["epsilon_decay"])
        with torch.no_grad():
            q = online(torch.as_tensor(obs, dtype=torch.float32)).numpy()
        action = epsilon_greedy(q, eps)
        next_obs, reward, terminated, truncated, _ = env.step(action)
        buffer.add(obs, action, reward, next_obs, terminated)
        episode_return += reward
        obs = next_obs
        if terminated or truncated:
            history["returns"].append(episode_return)
            history["episode_ends"].append(step)
            episode_return = 0.0
            obs, _ = env.reset()
        if step >= cfg["learning_starts"] and step % cfg["train_every"] == 0:
            batch = buffer.sample(cfg["batch_size"])
            with torch.no_grad():
                next_q = target(torch.as_tensor(batch["next_obs"])).numpy()
            y = td_targets(batch["rewards"], next_q, batch["terminated"], np.zeros_like(batch["terminated"]),
                           cfg["gamma"])
            q_all = online(torch.as_tensor(batch["obs"]))
            loss, dq = q_learning_loss(q_all.detach().numpy(), batch["actions"], y)
            optimizer.zero_grad()
            q_all.backward(torch.as_tensor(-dq, dtype=torch.float32))  # the sign of the chain rule lost
            optimizer.step()
            history["losses"].append(loss)
        if cfg["tau"] < 1 or (step + 1) % cfg["target_every"] == 0:
            target.load_state_dict(update_target(online.state_dict(), target.state_dict(), cfg["tau"]))
    env.close()
    return online, history


@mistake("train_dqn")
def train_targets_from_the_states(env_id="CartPole-v1", total_steps=12_000, seed=0, **hp):
    cfg = {**DEFAULTS, **hp}
    np.random.seed(seed)
    torch.manual_seed(seed)
    env = make_env(env_id, seed)
    obs, _ = env.reset(seed=seed)
    obs_dim, n_actions = env.observation_space.shape[0], env.action_space.n
    online = q_network(obs_dim, n_actions, cfg["hidden"])
    target = q_network(obs_dim, n_actions, cfg["hidden"])
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=cfg["learning_rate"])
    buffer = ReplayBuffer(cfg["buffer_size"], obs_dim, seed)
    history = {"returns": [], "episode_ends": [], "losses": []}
    episode_return = 0.0
    for step in range(total_steps):
        eps = linear_epsilon(step, cfg["epsilon_start"], cfg["epsilon_end"], cfg["epsilon_decay"])
        with torch.no_grad():
            q = online(torch.as_tensor(obs, dtype=torch.float32)).numpy()
        action = epsilon_greedy(q, eps)
        next_obs, reward, terminated, truncated, _ = env.step(action)
        buffer.add(obs, action, reward, next_obs, terminated)
        episode_return += reward
        obs = next_obs
        if terminated or truncated:
            history["returns"].append(episode_return)
            history["episode_ends"].append(step)
            episode_return = 0.0
            obs, _ = env.reset()
        if step >= cfg["learning_starts"] and step % cfg["train_every"] == 0:
            batch = buffer.sample(cfg["batch_size"])
            with torch.no_grad():
                next_q = target(torch.as_tensor(batch["obs"])).numpy()  # the states, not the next states
            y = td_targets(batch["rewards"], next_q, batch["terminated"], np.zeros_like(batch["terminated"]),
                           cfg["gamma"])
            q_all = online(torch.as_tensor(batch["obs"]))
            loss, dq = q_learning_loss(q_all.detach().numpy(), batch["actions"], y)
            optimizer.zero_grad()
            q_all.backward(torch.as_tensor(dq, dtype=torch.float32))
            optimizer.step()
            history["losses"].append(loss)
        if cfg["tau"] < 1 or (step + 1) % cfg["target_every"] == 0:
            target.load_state_dict(update_target(online.state_dict(), target.state_dict(), cfg["tau"]))
    env.close()
    return online, history
