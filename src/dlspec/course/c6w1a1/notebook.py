# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Deep Q-networks on CartPole
#
# Every network so far learned from examples with answers. In **reinforcement learning** nobody gives answers:
# an **agent** acts in an **environment**, sees a new **state** and a **reward**, and must find out by trying which
# actions pay off in the long run. Here the environment is *CartPole*: a pole stands on a cart, and the agent pushes
# the cart left or right (2 actions) to keep the pole up. The state is 4 numbers (cart position and velocity, pole
# angle and angular velocity); every step the pole stays up earns +1; an episode ends when the pole falls or the
# cart leaves the track (**terminated**), or after 500 steps (**truncated** by a time limit). So the return of an
# episode is the number of steps survived, at most 500.
#
# **Q-learning** estimates Q(s, a), the return to expect after taking action a in state s and acting well from then
# on. It satisfies the Bellman equation Q(s, a) = r + γ max_a' Q(s', a'): the reward now plus the discounted value
# of the best action in the next state. A **deep Q-network (DQN)** is a neural network that outputs Q(s, ·) for all
# actions at once, trained to move Q(s, a) towards that right-hand side, the **TD target**.
#
# Done naively this is unstable: consecutive states are nearly the same (so minibatches are not independent), and
# the target moves with every gradient step (the network chases its own tail). Mnih et al. (2015, *Nature* 518,
# "Human-level control through deep reinforcement learning") made it work on 49 Atari games with two stabilisers
# and one loss:
#
# * **experience replay**: keep the last transitions in a buffer and learn from random minibatches of them;
# * a **target network**: a copy of the Q-network, updated only now and then, that computes the TD targets;
# * the TD error clipped to [-1, 1], which amounts to the **Huber loss**.
#
# You will build each piece in NumPy, then a training loop that joins them to a small PyTorch network:
#
# 1. `linear_epsilon` and `epsilon_greedy`: how the agent explores;
# 2. `ReplayBuffer`: experience replay;
# 3. `td_targets`: the Bellman targets, and the difference between *terminated* and *truncated*;
# 4. `huber_loss` and `q_learning_loss`: the loss and its gradient, which flows only through the action taken;
# 5. `update_target`: hard and soft (Polyak) target updates;
# 6. `train_dqn`: the whole algorithm, graded by what it learns.
#
# Stuck? `dlspec hint c6w1a1 <name>` gives a ladder of hints.

# %%
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # gymnasium draws its frames with pygame; no screen is needed

import io
import time
from collections.abc import Mapping  # noqa: F401 (the graded functions' type hints)
from typing import Any  # noqa: F401 (the graded functions' type hints)

import gymnasium as gym
import matplotlib.pyplot as plt
import numpy as np
import torch
from IPython.display import Image, display
from PIL import Image as PILImage

# DEFAULTS, make_env and q_network are train_dqn's helpers (section 7)
from dlspec.nn.dqn_torch import DEFAULTS, episode_frames, greedy_returns, make_env, q_network, random_returns  # noqa: F401
from dlspec.notebook import checker, quick

check = checker("c6w1a1")
torch.set_num_threads(1)  # a tiny network: one thread is as fast as two that wait for each other

# %% [markdown]
# ## 1. The environment
#
# gymnasium's API: `env.reset(seed=...)` returns the first state; `env.step(action)` returns the next state, the
# reward, `terminated`, `truncated` and a dict of extras. Here is how long a **random agent** keeps the pole up, over
# ten fixed episodes: the score to beat.

# %%
env = gym.make("CartPole-v1", render_mode="rgb_array")
state, _ = env.reset(seed=0)
print("state:", state.round(3), " actions:", env.action_space)
plt.figure(figsize=(4, 2.7))
plt.imshow(env.render())
plt.axis("off")
plt.title("CartPole-v1, first state")
plt.show()
env.close()

random_scores = random_returns("CartPole-v1")
print(f"random agent: mean return {np.mean(random_scores):.1f} over {len(random_scores)} episodes "
      f"(min {min(random_scores):.0f}, max {max(random_scores):.0f})")  # fmt: skip

# %% [markdown]
# ## 2. Exploration: the ε schedule and ε-greedy actions
#
# An agent that always takes the action it currently thinks best never learns what the others do. **ε-greedy**
# explores: with probability ε it takes a uniformly random action (which may happen to be the best one), otherwise
# the greedy action argmax_a Q(s, a). Early on Q is nonsense, so ε starts at 1 (all random); it falls in a straight
# line to a small floor (0.05) over the first few thousand steps and stays there.
#
# `linear_epsilon(step, start, end, decay_steps)` returns ε at `step`.

# %%
# GRADED: linear_epsilon

# %%
check(linear_epsilon)

# %% [markdown]
# `epsilon_greedy(q_values, epsilon)` takes the Q-values of one state `(n_actions,)` and returns an `int`, or of a
# batch of states `(m, n_actions)` and returns `m` actions (int64). Draw from NumPy's global random state
# (`np.random.rand`, `np.random.randint`): the checks seed it, and they judge your actions by their statistics, so any
# order of draws is fine.

# %%
# GRADED: epsilon_greedy

# %%
check(epsilon_greedy)

# %%
steps = np.arange(0, 8_000, 50)
plt.figure(figsize=(5, 2.5))
plt.plot(steps, [linear_epsilon(s, 1.0, 0.05, 4_000) for s in steps])
plt.xlabel("step")
plt.ylabel("ε")
plt.title("linear_epsilon(step, 1.0, 0.05, 4000)")
plt.show()
np.random.seed(0)
demo_q = np.tile([0.1, 0.7, 0.2], (10_000, 1))
for eps in (0.0, 0.3, 1.0):
    counts = np.bincount(epsilon_greedy(demo_q, eps), minlength=3)
    print(f"ε = {eps}: actions chosen {counts.tolist()} (the greedy one is action 1)")

# %% [markdown]
# ## 3. Experience replay
#
# The agent's own experience is a stream of highly correlated transitions (s, a, r, s', terminated). The replay
# buffer keeps the last `capacity` of them and hands out **uniformly random minibatches**: each gradient step sees
# transitions from many episodes, and each transition is used many times.
#
# Implement it with preallocated arrays (fast, fixed memory) used as a **ring**: the position of the next write goes
# round, so once full each new transition overwrites the oldest one. Store `obs` and `next_obs` as float32
# `(capacity, obs_dim)`, `actions` as int64 (they index Q-values), `rewards` and `terminated` as float32. `sample`
# draws indices, with replacement, from the **filled** slots only, using the buffer's own generator
# `np.random.default_rng(seed)`: two buffers made with the same seed and fed the same transitions give the same
# samples.

# %%
# GRADED: ReplayBuffer

# %%
check(ReplayBuffer)

# %%
demo = ReplayBuffer(capacity=3, obs_dim=2, seed=0)
for i in range(1, 6):
    demo.add(np.array([i, i]), i % 2, 1.0, np.array([i + 1, i + 1]), i == 5)
kept = sorted(set(demo.sample(20)["obs"][:, 0].astype(int).tolist()))
print("len:", len(demo), " transitions it samples from:", kept)

# %% [markdown]
# ## 4. TD targets: terminated is not truncated
#
# For a minibatch, the target of transition i is y_i = r_i + γ max_a' Q_target(s'_i, a'), computed with the
# **target network** (section 6). After a true terminal state (the pole fell) there is no future: y_i = r_i.
#
# A time limit is different. CartPole stops after 500 steps, but the state at step 500 is not an end: the pole is
# still up, and the cart could go on. Treating it as terminal tells the agent that staying up leads to a value of
# zero, which is wrong, and such targets make the values sag near the limit. So the future term is removed only where
# `terminated` is true, **never for `truncated`** (gymnasium ≥ 0.26 separates the two for exactly this reason).
# `td_targets` takes `truncated` as an argument to make the point: a correct version ignores it.

# %%
# GRADED: td_targets

# %%
check(td_targets)

# %%
rewards = np.array([1.0, 1.0, 1.0])
next_q = np.array([[10.0, 12.0], [10.0, 12.0], [10.0, 12.0]])
print("going on, terminated, truncated:",
      td_targets(rewards, next_q, np.array([False, True, False]), np.array([False, False, True]), 0.99))

# %% [markdown]
# ## 5. The Huber loss, and a gradient that flows through one action only
#
# The squared error's gradient grows with the error, and early TD errors can be huge (the targets are guesses). The
# **Huber loss** is the squared error for small errors and the absolute error beyond δ:
#
# $$h_\delta(e) = \begin{cases} \tfrac12 e^2 & |e| \le \delta \\ \delta\,(|e| - \tfrac12\delta) & |e| > \delta
# \end{cases} \qquad h_\delta'(e) = \operatorname{clip}(e, -\delta, \delta)$$
#
# so no single transition can pull harder than δ. Mnih et al. clipped the TD error to [-1, 1] in the gradient: the
# same thing with δ = 1. `huber_loss(pred, target, delta)` returns the mean over the m examples and its gradient
# with respect to `pred`.

# %%
# GRADED: huber_loss

# %%
check(huber_loss)

# %%
e = np.linspace(-3, 3, 121)
loss_curve = [huber_loss(np.array([x]), np.array([0.0]))[0] for x in e]
grad_curve = [huber_loss(np.array([x]), np.array([0.0]))[1][0] for x in e]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 2.8))
ax1.plot(e, loss_curve, label="Huber, δ = 1")
ax1.plot(e, 0.5 * e**2, "--", label="e²/2")
ax1.set_title("loss")
ax1.legend()
ax2.plot(e, grad_curve, label="Huber")
ax2.plot(e, e, "--", label="e")
ax2.set_title("gradient")
ax2.legend()
for ax in (ax1, ax2):
    ax.set_xlabel("error e = pred - target")
plt.show()

# %% [markdown]
# The network outputs Q(s, ·) for every action, but a transition tells something about **one** action only, the one
# taken. So the loss uses Q(s_i, a_i), and its gradient with respect to the network's output `(m, n_actions)` is zero
# in every other column: the values of actions not taken are left alone by this step. (In PyTorch this is
# `q.gather(1, actions)`; the training loop below uses your NumPy gradient instead, through
# `q_all.backward(dq_values)`.)

# %%
# GRADED: q_learning_loss

# %%
check(q_learning_loss)

# %%
rng = np.random.default_rng(0)
q_demo, a_demo, y_demo = rng.normal(size=(4, 3)), np.array([0, 2, 1, 2]), rng.normal(size=4) * 3
loss, dq = q_learning_loss(q_demo, a_demo, y_demo)
numeric = np.zeros_like(q_demo)
for idx in np.ndindex(*q_demo.shape):  # a finite-difference check of the gradient, entry by entry
    bump = np.zeros_like(q_demo)
    bump[idx] = 1e-6
    numeric[idx] = (q_learning_loss(q_demo + bump, a_demo, y_demo)[0]
                    - q_learning_loss(q_demo - bump, a_demo, y_demo)[0]) / 2e-6  # fmt: skip
print("dq_values:\n", dq.round(4))
print("largest difference from finite differences:", np.abs(dq - numeric).max())

# %% [markdown]
# ## 6. The target network
#
# The TD target uses Q_target, a copy of the online network that changes slowly, so the target does not move with
# every gradient step. Two ways to keep it close:
#
# * **hard update**: copy the online network every C steps (Mnih et al. used C = 10,000; CartPole needs far fewer);
# * **soft (Polyak) update**: every step, θ_target ← τ θ_online + (1 - τ) θ_target with a small τ such as 0.005.
#
# Both are `update_target(online, target, tau)` on dicts of parameters: τ = 1 is the hard copy. Return new values
# and leave both arguments unchanged. Written with `*` and `+` only, it works on NumPy arrays and on a PyTorch
# `state_dict()` alike, which is how the training loop uses it.

# %%
# GRADED: update_target

# %%
check(update_target)

# %% [markdown]
# ## 7. Training
#
# `train_dqn(env_id, total_steps, seed, **hp)` puts it all together. The helpers `make_env(env_id, seed)` and
# `q_network(obs_dim, n_actions, hidden)` are given, and `DEFAULTS` holds the hyperparameters (`hp` overrides them).
# For each step:
#
# 1. ε = `linear_epsilon(step, ...)`; the online network's Q-values for the state (under `torch.no_grad()`); the
#    action by `epsilon_greedy`;
# 2. `env.step(action)`; store (obs, action, reward, next_obs, **terminated**) in the buffer; at the end of an episode
#    (terminated or truncated) record its return and reset;
# 3. from `learning_starts` on, every `train_every` steps: sample a minibatch; the target network's Q-values of the
#    next states; `td_targets`; the online network's Q-values `q_all` for the states; `q_learning_loss` on them; then
#    `optimizer.zero_grad()`, `q_all.backward(torch.as_tensor(dq, dtype=torch.float32))` (the chain rule from your
#    gradient on), `optimizer.step()` (Adam);
# 4. every `target_every` steps (or every step when τ < 1): the target's new `state_dict` from `update_target`.
#
# Seed everything: `np.random.seed(seed)`, `torch.manual_seed(seed)`, `make_env` seeds the action space, and the
# first `env.reset(seed=seed)`. Return the online network and a history dict with at least `"returns"`, the return
# of each finished episode (the reference also keeps `"episode_ends"` and `"losses"`).
#
# It is graded by its outcome: trained for 12,000 steps with seed 0 and with seed 1, the greedy agent (ε = 0) must
# average at least 75 over ten fixed episodes, more than three times a random agent. Each seed is its own check, so
# one unlucky run costs half of this function's points, not the grade.

# %%
# GRADED: train_dqn

# %%
if quick(True, False):  # trains two agents as the grader does: a minute or so (DLSPEC_QUICK, for the tests, skips it)
    check(train_dqn)

# %%
STEPS = quick(12_000, 600)
start = time.perf_counter()
agent, history = train_dqn("CartPole-v1", STEPS, seed=0)
seconds = time.perf_counter() - start
scores = greedy_returns(agent, "CartPole-v1")
print(f"{STEPS} steps in {seconds:.1f} s; greedy return {np.mean(scores):.1f} over {len(scores)} episodes "
      f"(min {min(scores):.0f}); random agent {np.mean(random_scores):.1f}")  # fmt: skip

# %%
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3))
ax1.plot(history["episode_ends"], history["returns"], ".", alpha=0.4, label="episode")
if len(history["returns"]) >= 10:
    smooth = np.convolve(history["returns"], np.ones(10) / 10, mode="valid")
    ax1.plot(history["episode_ends"][9:], smooth, label="mean of 10")
ax1.axhline(np.mean(random_scores), color="grey", ls=":", label="random")
ax1.set_xlabel("environment step")
ax1.set_ylabel("return")
ax1.set_title("returns while training (with exploration)")
ax1.legend()
ax2.plot(history["losses"], lw=0.5)
ax2.set_yscale("log")
ax2.set_xlabel("gradient step")
ax2.set_title("Huber loss")
plt.show()

# %% [markdown]
# The loss does not fall as in supervised learning: the targets move as the agent improves (and as the target
# network is refreshed), and longer episodes bring larger values. The returns are what to watch.
#
# ## 8. Watch the agent
#
# The frames of one greedy episode (every 4th step), drawn by gymnasium and shown as an animated GIF.

# %%
def animation(frames, scale=0.5, ms=80):
    """An animated GIF of RGB frames, shrunk by ``scale``, ``ms`` milliseconds a frame, shown inline."""
    pictures = [PILImage.fromarray(f).resize((int(f.shape[1] * scale), int(f.shape[0] * scale))) for f in frames]
    gif = io.BytesIO()
    pictures[0].save(gif, format="GIF", save_all=True, append_images=pictures[1:], duration=ms, loop=0)
    return Image(data=gif.getvalue(), format="gif")


frames = episode_frames(agent, "CartPole-v1", seed=1000, every=4, max_frames=quick(120, 5))
print(f"{len(frames)} frames")
display(animation(frames))

# %% [markdown]
# ## 9. Ablation: why a target network?
#
# Train again with the target refreshed **every step** (`target_every=1`): the TD target is then computed by the
# very network being trained. Compare its greedy return with the agent above (target every 500 steps, same seed).
# One seed each: reinforcement learning is noisy, so take this as an illustration, not a measurement; try others.

# %%
chasing, _ = train_dqn("CartPole-v1", STEPS, seed=0, target_every=1)
print(f"target every 500 steps: greedy return {np.mean(scores):.1f}")
print(f"target every step:      greedy return {np.mean(greedy_returns(chasing, 'CartPole-v1')):.1f}")

# %% [markdown]
# ## 10. Stretch: MountainCar's sparse reward
#
# In *MountainCar-v0* an underpowered car must rock back and forth to climb a hill. Every step costs -1 until the
# flag is reached, and an episode is truncated after 200 steps. A random agent almost never reaches the flag, so
# every episode returns -200 and every TD target says the same: there is nothing to learn from. ε-greedy exploration
# alone rarely gets out of this; remedies are a much longer exploration schedule, **reward shaping** (for instance a
# bonus for speed or height: with care, since a shaped reward changes what is optimal unless it is a difference of
# potentials), or smarter exploration. Run the cell to see what plain DQN does in 5,000 steps (25 episodes); then try a
# gymnasium `RewardWrapper` that adds a shaping term, and a longer `epsilon_decay`.

# %%
car, car_history = train_dqn("MountainCar-v0", quick(5_000, 400), seed=0)
print("training returns:", np.unique(car_history["returns"]).tolist()[:10])
print("greedy returns:", greedy_returns(car, "MountainCar-v0", seeds=range(1000, 1003)))

# %% [markdown]
# ## What you built
#
# The pieces of DQN, each checked: exploration (`linear_epsilon`, `epsilon_greedy`), experience replay
# (`ReplayBuffer`), Bellman targets that respect time limits (`td_targets`), the Huber loss and a gradient through
# the chosen action only (`huber_loss`, `q_learning_loss`), target networks (`update_target`), and a training loop
# that learns CartPole in 12,000 steps. Submit with `dlspec submit c6w1a1`.
#
# Further: Double DQN (pick the next action with the online network, value it with the target network), prioritised
# replay, dueling heads, and the Atari setting of the paper (frame stacks and a convolutional Q-network).
