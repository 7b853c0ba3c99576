"""Known mistakes in C6W1A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn import dqn
from dlspec.nn.dqn import huber_loss, q_learning_loss  # swapped for the graded ones while checking

# --- linear_epsilon -----------------------------------------------------------------------------------------------


@mutant("linear_epsilon", "After decay_steps, ε stays at end: clamp the fraction with min(step / decay_steps, 1).")
def linear_epsilon_unclamped(step, start=1.0, end=0.05, decay_steps=10_000):
    return start + step / decay_steps * (end - start)


@mutant("linear_epsilon", "step // decay_steps is 0 until the very end: divide with /, a fraction between 0 and 1.")
def linear_epsilon_floor_division(step, start=1.0, end=0.05, decay_steps=10_000):
    return start + min(step // decay_steps, 1) * (end - start)


@mutant("linear_epsilon", "ε starts at start and falls to end: start + fraction * (end - start), not the other way.")
def linear_epsilon_reversed(step, start=1.0, end=0.05, decay_steps=10_000):
    return end + min(step / decay_steps, 1) * (start - end)


@mutant("linear_epsilon", "The line runs from start to end, not from start to 0: halfway, ε is (start + end) / 2.")
def linear_epsilon_to_zero(step, start=1.0, end=0.05, decay_steps=10_000):
    return max(start * (1 - step / decay_steps), end)


@mutant("linear_epsilon", "A straight line, not an exponential decay: ε falls by the same amount every step.")
def linear_epsilon_exponential(step, start=1.0, end=0.05, decay_steps=10_000):
    return start * (end / start) ** min(step / decay_steps, 1)


# --- epsilon_greedy -----------------------------------------------------------------------------------------------


def _greedy_where(q, explore):
    q = np.asarray(q)
    actions = np.where(explore, np.random.randint(q.shape[-1], size=q.shape[:-1]), np.argmax(q, axis=-1))
    return int(actions) if q.ndim == 1 else actions


@mutant("epsilon_greedy", "Explore with probability ε: compare a uniform draw with epsilon (draw < epsilon).")
def epsilon_greedy_never_explores(q_values, epsilon):
    return _greedy_where(q_values, np.zeros(np.shape(q_values)[:-1], dtype=bool))


@mutant("epsilon_greedy", "rand() < epsilon explores with probability ε; rand() > epsilon explores with 1 - ε.")
def epsilon_greedy_inverted(q_values, epsilon):
    return _greedy_where(q_values, np.random.rand(*np.shape(q_values)[:-1]) > epsilon)


@mutant("epsilon_greedy", "Toss one coin per state (np.random.rand(m)), not one for the whole batch.")
def epsilon_greedy_one_coin(q_values, epsilon):
    return _greedy_where(q_values, np.full(np.shape(q_values)[:-1], np.random.rand() < epsilon))


@mutant("epsilon_greedy", "The greedy action is the one of highest value: argmax, not argmin.")
def epsilon_greedy_argmin(q_values, epsilon):
    q = np.asarray(q_values)
    explore = np.random.rand(*q.shape[:-1]) < epsilon
    actions = np.where(explore, np.random.randint(q.shape[-1], size=q.shape[:-1]), np.argmin(q, axis=-1))
    return int(actions) if q.ndim == 1 else actions


@mutant("epsilon_greedy", "np.random.randint(n) draws from 0 to n - 1 already: randint(n - 1) never picks the last "
        "action.")  # fmt: skip
def epsilon_greedy_misses_last(q_values, epsilon):
    q = np.asarray(q_values)
    explore = np.random.rand(*q.shape[:-1]) < epsilon
    actions = np.where(explore, np.random.randint(max(q.shape[-1] - 1, 1), size=q.shape[:-1]), np.argmax(q, axis=-1))
    return int(actions) if q.ndim == 1 else actions


@mutant("epsilon_greedy", "Exploring means a uniformly random action among all of them, the greedy one included: ε "
        "is not the share of non-greedy actions.")  # fmt: skip
def epsilon_greedy_only_others(q_values, epsilon):
    q = np.asarray(q_values)
    n, greedy = q.shape[-1], np.argmax(q, axis=-1)
    explore = np.random.rand(*q.shape[:-1]) < epsilon
    others = (greedy + 1 + np.random.randint(n - 1, size=q.shape[:-1])) % n
    actions = np.where(explore, others, greedy)
    return int(actions) if q.ndim == 1 else actions


# --- ReplayBuffer -------------------------------------------------------------------------------------------------


@mutant("ReplayBuffer", "When the buffer is full, wrap round: position = (position + 1) % capacity.")
class ReplayBufferNoWrap(dqn.ReplayBuffer):
    def add(self, obs, action, reward, next_obs, terminated):
        i = self.position
        self.obs[i], self.actions[i], self.rewards[i] = obs, action, reward
        self.next_obs[i], self.terminated[i] = next_obs, terminated
        self.position = i + 1
        self.size = min(self.size + 1, self.capacity)


@mutant("ReplayBuffer", "Sample from the filled slots only (0 to len - 1): the others still hold zeros.")
class ReplayBufferSamplesEmptySlots(dqn.ReplayBuffer):
    def sample(self, batch_size):
        i = self.rng.integers(0, self.capacity, size=batch_size)
        return {"obs": self.obs[i], "actions": self.actions[i], "rewards": self.rewards[i],
                "next_obs": self.next_obs[i], "terminated": self.terminated[i]}  # fmt: skip


@mutant("ReplayBuffer", "len is the number of transitions kept, at most capacity, not the number ever added.")
class ReplayBufferCountsAdds(dqn.ReplayBuffer):
    def add(self, obs, action, reward, next_obs, terminated):
        super().add(obs, action, reward, next_obs, terminated)
        self.added = getattr(self, "added", 0) + 1

    def __len__(self):
        return getattr(self, "added", 0)


@mutant("ReplayBuffer", "Draw from the buffer's own generator, np.random.default_rng(seed): NumPy's global state "
        "gives other samples to two buffers of the same seed.")  # fmt: skip
class ReplayBufferGlobalRandom(dqn.ReplayBuffer):
    def sample(self, batch_size):
        i = np.random.randint(0, self.size, size=batch_size)
        return {"obs": self.obs[i], "actions": self.actions[i], "rewards": self.rewards[i],
                "next_obs": self.next_obs[i], "terminated": self.terminated[i]}  # fmt: skip


@mutant("ReplayBuffer", "Actions index Q-values: store them as integers (np.int64), not floats.")
class ReplayBufferFloatActions(dqn.ReplayBuffer):
    def __init__(self, capacity, obs_dim, seed=0):
        super().__init__(capacity, obs_dim, seed)
        self.actions = np.zeros(capacity, dtype=np.float32)


@mutant("ReplayBuffer", "A full buffer replaces its oldest transition, not its newest: keep the position moving "
        "round the ring.")  # fmt: skip
class ReplayBufferOverwritesNewest(dqn.ReplayBuffer):
    def add(self, obs, action, reward, next_obs, terminated):
        super().add(obs, action, reward, next_obs, terminated)
        if self.size == self.capacity:
            self.position = self.capacity - 1


# --- td_targets ---------------------------------------------------------------------------------------------------


@mutant("td_targets", "A time limit's cut-off (truncated) is not an end: the cart could have gone on, so bootstrap. "
        "Only terminated removes the future term.")  # fmt: skip
def td_targets_stops_on_truncated(rewards, next_q_values, terminated, truncated, gamma):
    done = np.logical_or(terminated, truncated)
    return rewards + gamma * (1 - done) * np.max(next_q_values, axis=1)


@mutant("td_targets", "After a terminal state there is no future: multiply the future term by (1 - terminated).")
def td_targets_always_bootstraps(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + gamma * np.max(next_q_values, axis=1)


@mutant("td_targets", "(1 - terminated) keeps the future of the states that go on; terminated alone keeps only the "
        "ended ones'.")  # fmt: skip
def td_targets_inverted_mask(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + gamma * np.asarray(terminated, dtype=float) * np.max(next_q_values, axis=1)


@mutant("td_targets", "The target uses the best next action: max over the actions (axis 1), not the mean.")
def td_targets_mean(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + gamma * (1 - np.asarray(terminated, dtype=float)) * np.mean(next_q_values, axis=1)


@mutant("td_targets", "Discount the future: multiply max Q(s', a') by gamma.")
def td_targets_no_gamma(rewards, next_q_values, terminated, truncated, gamma):
    return rewards + (1 - np.asarray(terminated, dtype=float)) * np.max(next_q_values, axis=1)


@mutant("td_targets", "The max is over each transition's actions (axis=1, one number per row), not over the batch.")
def td_targets_max_over_batch(rewards, next_q_values, terminated, truncated, gamma):
    best = np.max(next_q_values, axis=0)
    return rewards + gamma * (1 - np.asarray(terminated, dtype=float)) * best[np.arange(len(rewards)) % len(best)]


# --- huber_loss ---------------------------------------------------------------------------------------------------


def _huber_value(error, delta):
    return np.where(np.abs(error) <= delta, 0.5 * error**2, delta * (np.abs(error) - 0.5 * delta))


@mutant("huber_loss", "The loss is a mean over m examples, so its gradient carries 1/m too.")
def huber_loss_gradient_not_averaged(pred, target, delta=1.0):
    error = pred - target
    return float(np.mean(_huber_value(error, delta))), np.clip(error, -delta, delta)


@mutant("huber_loss", "Beyond δ the loss is δ(|e| - δ/2), so the two pieces meet at |e| = δ: subtract δ/2.")
def huber_loss_no_offset(pred, target, delta=1.0):
    error = pred - target
    per = np.where(np.abs(error) <= delta, 0.5 * error**2, delta * np.abs(error))
    return float(np.mean(per)), np.clip(error, -delta, delta) / error.size


@mutant("huber_loss", "Average the loss over the m examples (np.mean), do not sum it.")
def huber_loss_summed(pred, target, delta=1.0):
    error = pred - target
    return float(np.sum(_huber_value(error, delta))), np.clip(error, -delta, delta)


@mutant("huber_loss", "The gradient is with respect to pred: e = pred - target, so its sign is e's, not -e's.")
def huber_loss_gradient_sign(pred, target, delta=1.0):
    error = pred - target
    return float(np.mean(_huber_value(error, delta))), -np.clip(error, -delta, delta) / error.size


@mutant("huber_loss", "Inside ±δ the Huber loss is e²/2, whose gradient is e itself: only beyond δ is it ±δ.")
def huber_loss_sign_gradient(pred, target, delta=1.0):
    error = pred - target
    return float(np.mean(_huber_value(error, delta))), delta * np.sign(error) / error.size


@mutant("huber_loss", "Beyond ±δ the loss grows linearly, not as e²/2: that is what keeps large TD errors from "
        "blowing up the gradient.")  # fmt: skip
def huber_loss_squared(pred, target, delta=1.0):
    error = pred - target
    return float(np.mean(0.5 * error**2)), error / error.size


# --- q_learning_loss ----------------------------------------------------------------------------------------------


@mutant("q_learning_loss", "Only the action taken has a target: every other column of dq_values stays 0.")
def q_learning_loss_every_action(q_values, actions, targets, delta=1.0):
    rows = np.arange(len(actions))
    loss, dchosen = huber_loss(q_values[rows, actions], targets, delta)
    return loss, np.repeat(dchosen[:, None], q_values.shape[1], axis=1)


@mutant("q_learning_loss", "Compare Q(s, a) for the action a that was taken (q_values[rows, actions]), not the best "
        "action's value.")  # fmt: skip
def q_learning_loss_max_q(q_values, actions, targets, delta=1.0):
    rows, best = np.arange(len(actions)), np.argmax(q_values, axis=1)
    loss, dchosen = huber_loss(q_values[rows, best], targets, delta)
    dq = np.zeros_like(q_values)
    dq[rows, best] = dchosen
    return loss, dq


@mutant("q_learning_loss", "Use huber_loss on the chosen Q-values, not the squared error: large TD errors must not "
        "blow up the gradient.")  # fmt: skip
def q_learning_loss_squared(q_values, actions, targets, delta=1.0):
    rows = np.arange(len(actions))
    error = q_values[rows, actions] - targets
    dq = np.zeros_like(q_values)
    dq[rows, actions] = error / len(actions)
    return float(np.mean(0.5 * error**2)), dq


@mutant("q_learning_loss", "The gradient goes into the chosen action's column (dq[rows, actions]); the other "
        "columns get none, not the first one.")  # fmt: skip
def q_learning_loss_first_column(q_values, actions, targets, delta=1.0):
    rows = np.arange(len(actions))
    loss, dchosen = huber_loss(q_values[rows, actions], targets, delta)
    dq = np.zeros_like(q_values)
    dq[:, 0] = dchosen
    return loss, dq


@mutant("q_learning_loss", "The loss compares the chosen Q-values with the targets; the gradient keeps huber_loss's "
        "sign (pred - target), it does not flip it.")  # fmt: skip
def q_learning_loss_gradient_sign(q_values, actions, targets, delta=1.0):
    rows = np.arange(len(actions))
    loss, dchosen = huber_loss(q_values[rows, actions], targets, delta)
    dq = np.zeros_like(q_values)
    dq[rows, actions] = -dchosen
    return loss, dq


# --- update_target ------------------------------------------------------------------------------------------------


@mutant("update_target", "τ weighs the online network: τ·online + (1 - τ)·target, so τ = 1 copies it.")
def update_target_swapped(online, target, tau):
    return {k: (1 - tau) * online[k] + tau * target[k] for k in target}


@mutant("update_target", "Return new arrays and leave target as it was: target[k] *= ... changes the caller's dict.")
def update_target_in_place(online, target, tau):
    for k in target:
        target[k] *= 1 - tau
        target[k] += tau * online[k]
    return target


@mutant("update_target", "Every parameter moves, the biases too: loop over all the names, not only the weights.")
def update_target_weights_only(online, target, tau):
    return {k: tau * online[k] + (1 - tau) * target[k] if k.startswith("W") else target[k].copy() for k in target}


@mutant("update_target", "The target keeps 1 - τ of itself: τ·online + (1 - τ)·target, not τ·online + target.")
def update_target_no_decay(online, target, tau):
    return {k: tau * online[k] + target[k] for k in target}


@mutant("update_target", "A hard update copies the values, not the arrays: with τ = 1 the target must not share "
        "arrays with the online network, or training one would move the other.")  # fmt: skip
def update_target_shares_arrays(online, target, tau):
    if tau == 1:
        return dict(online)
    return {k: tau * online[k] + (1 - tau) * target[k] for k in target}


# --- train_dqn ----------------------------------------------------------------------------------------------------
# Each trains the agent in full; each breaks a step that learning cannot do without.


def _train(env_id, total_steps, seed, **change):
    from dlspec.nn.dqn_torch import train_dqn as reference

    return reference(env_id, total_steps, seed, **change)


@mutant("train_dqn", "Descend the loss: backpropagate dq as q_learning_loss returns it (q_all.backward(dq)); its "
        "negative climbs the loss and pushes Q(s, a) away from its target.")  # fmt: skip
def train_dqn_gradient_ascent(env_id="CartPole-v1", total_steps=12_000, seed=0):
    from dlspec.nn import dqn_torch

    def ascent(q_values, actions, targets, delta=1.0):
        loss, dq_values = q_learning_loss(q_values, actions, targets, delta)
        return loss, -dq_values

    dqn_torch.q_learning_loss = ascent
    try:
        return dqn_torch.train_dqn(env_id, total_steps, seed)
    finally:
        dqn_torch.q_learning_loss = q_learning_loss


@mutant("train_dqn", "The target is r + γ max Q(s', a'): without the future term (γ = 0) the agent sees only the "
        "next reward, which CartPole pays every step.")  # fmt: skip
def train_dqn_no_future(env_id="CartPole-v1", total_steps=12_000, seed=0):
    return _train(env_id, total_steps, seed, gamma=0.0)


@mutant("train_dqn", "Copy the online network into the target network every target_every steps: a target that "
        "never moves teaches the values of a random network.")  # fmt: skip
def train_dqn_frozen_target(env_id="CartPole-v1", total_steps=12_000, seed=0):
    return _train(env_id, total_steps, seed, target_every=10**9)


@mutant("train_dqn", "Start learning once the buffer holds learning_starts transitions, not after the run is over.")
def train_dqn_never_learns(env_id="CartPole-v1", total_steps=12_000, seed=0):
    return _train(env_id, total_steps, seed, learning_starts=10**9)


@mutant("train_dqn", "Sample a minibatch of batch_size transitions: one transition a step is too noisy to learn from.")
def train_dqn_batch_of_one(env_id="CartPole-v1", total_steps=12_000, seed=0):
    return _train(env_id, total_steps, seed, batch_size=1)


# --- more known mistakes, from the learners' corpus (bench/corpus/c6w1a1.py) -------------------------------------


@mutant("linear_epsilon", "ε never goes below end: the floor is max(end, ...); min(end, ...) gives end at every step.")
def linear_epsilon_min_for_max(step, start=1.0, end=0.05, decay_steps=10_000):
    return min(end, start - (start - end) * step / decay_steps)


@mutant("huber_loss", "Compare the size of the error with δ, |e| <= δ: a large negative error is beyond δ too.")
def huber_loss_threshold_without_abs(pred, target, delta=1.0):
    e = pred - target
    losses = np.where(e <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    return float(np.mean(losses)), np.where(e <= delta, e, delta) / len(e)


@mutant("q_learning_loss", "Pass delta on to huber_loss: its default of 1 is not the δ you were given.")
def q_learning_loss_ignores_delta(q_values, actions, targets, delta=1.0):
    rows = np.arange(len(actions))
    loss, d_chosen = huber_loss(q_values[rows, actions], targets)
    grad = np.zeros_like(q_values)
    grad[rows, actions] = d_chosen
    return loss, grad


@mutant("update_target", "tau weighs the two: tau * online + (1 - tau) * target. A copy of online is the hard update "
        "of tau = 1 only.")
def update_target_always_hard(online, target, tau):
    return {name: online[name] * 1 for name in online}
