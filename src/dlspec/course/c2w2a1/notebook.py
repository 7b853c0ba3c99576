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
# # Optimization methods: mini-batches, momentum, Adam and learning-rate decay
#
# Until now every network was trained the same way: compute the gradient on **all** the examples, take one step
# of size $\alpha$ against it, repeat. That works, but it is slow when the data are large and it stalls in long
# narrow valleys of the cost, where the gradient points mostly across the valley rather than along it. This week
# you write the tools that fix both problems, and then race them against each other on the same data:
#
# 1. **mini-batch gradient descent**: `update_parameters_with_gd` and `random_mini_batches`;
# 2. **momentum**: `initialize_velocity`, `update_parameters_with_momentum`;
# 3. **Adam**: `initialize_adam`, `update_parameters_with_adam`;
# 4. **learning-rate decay**: `update_lr` and `schedule_lr_decay`.
#
# The parameters are the dictionaries of Course 1: `parameters` holds `W1, b1, ..., WL, bL` and `grads` holds
# `dW1, db1, ..., dWL, dbL`, each gradient shaped like its parameter. Straight from `L_model_backward`, `grads`
# also holds `dA0, dA1, ...`, which no update uses: loop over the layers, not over the keys of `grads`. The
# optimisers' state uses the gradient names as keys.
#
# After each function, `check(function_name)` runs it on the example shown and on hidden inputs of other shapes.
# Stuck? `dlspec hint c2w2a1 <function>` in a terminal gives a ladder of hints, one at a time.

# %%
import math  # noqa: F401 (the graded functions use it)

import matplotlib.pyplot as plt
import numpy as np

from dlspec.data.moons import load_dataset
from dlspec.nn.deep import L_model_backward, L_model_forward, compute_cost
from dlspec.notebook import checker, quick
from dlspec.viz.boundary import plot_decision_boundary
from dlspec.viz.curves import plot_costs

check = checker("c2w2a1")
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. Gradient descent, one batch at a time
#
# A step of gradient descent moves every parameter against its gradient, for each layer $l = 1, \dots, L$:
#
# $$W^{[l]} := W^{[l]} - \alpha \, dW^{[l]}, \qquad b^{[l]} := b^{[l]} - \alpha \, db^{[l]}$$
#
# The rule is the same whether the gradient came from all $m$ examples (batch gradient descent), from one example
# (stochastic gradient descent) or from a mini-batch of, say, 64: only the data the gradient was computed on
# change.
#
# ### Exercise 1: `update_parameters_with_gd`
#
# Return the updated parameters. There are $L$ = `len(parameters) // 2` layers.

# %%
# GRADED: update_parameters_with_gd

# %%
check(update_parameters_with_gd)

# %% [markdown]
# ### Exercise 2: `random_mini_batches`
#
# Mini-batches are made in two steps.
#
# * **Shuffle.** Draw one random permutation of the $m$ example indices and reorder the columns of `X` *and* of
#   `Y` with it, so every example keeps its label. Call `np.random.seed(seed)` first: then the same seed gives
#   the same batches, and a new seed each epoch gives new ones.
# * **Partition.** Cut the shuffled columns into $\lfloor m / \text{mini\_batch\_size} \rfloor$ full batches; if
#   $m$ is not a multiple of the size, the examples left over form one last, smaller batch.
#
# Return a list of `(mini_batch_X, mini_batch_Y)` tuples, with shapes $(n_x, k)$ and $(1, k)$. With $m = 148$ and
# a size of 64 that is three batches of 64, 64 and 20 examples. Sizes that are powers of two (32, 64, 128, ...)
# are the usual choice, because they fit the way memory is laid out.
#
# The check accepts any correct shuffle, not only the one the seed gives.

# %%
# GRADED: random_mini_batches

# %%
check(random_mini_batches)

# %%
rs = np.random.RandomState(1)
X_demo, Y_demo = rs.randn(3, 148), (rs.randn(1, 148) < 0.5).astype(float)
for k, (mb_X, mb_Y) in enumerate(random_mini_batches(X_demo, Y_demo, 64)):
    print(f"mini-batch {k}: X {mb_X.shape}, Y {mb_Y.shape}")

# %% [markdown]
# ## 2. Momentum
#
# A mini-batch gradient is noisy: each batch pulls in a slightly different direction, and plain gradient descent
# zig-zags. Momentum smooths the steps with an **exponentially weighted average** of the gradients, the
# *velocity* $v$, and moves the parameters with it:
#
# $$v_{dW^{[l]}} := \beta \, v_{dW^{[l]}} + (1-\beta) \, dW^{[l]}, \qquad W^{[l]} := W^{[l]} - \alpha \, v_{dW^{[l]}}$$
#
# and the same for $b^{[l]}$. Components of the gradient that keep their sign add up; components that flip sign
# from batch to batch cancel out. $\beta$ sets the memory: the average covers roughly the last $1/(1-\beta)$
# steps, so $\beta = 0.9$ (the usual choice) remembers about ten; $\beta = 0$ is plain gradient descent.
#
# ### Exercise 3: `initialize_velocity`
#
# Return a dict `v` with keys `dW1, db1, ..., dWL, dbL`, each a zero array shaped like its parameter.

# %%
# GRADED: initialize_velocity

# %%
check(initialize_velocity)

# %% [markdown]
# ### Exercise 4: `update_parameters_with_momentum`
#
# Apply the two formulas above to every `W` and `b`: update the velocity first, then step with the **new**
# velocity. Return `parameters, v`.

# %%
# GRADED: update_parameters_with_momentum

# %%
check(update_parameters_with_momentum)

# %% [markdown]
# ## 3. Adam
#
# Adam combines momentum with a per-parameter step size. Besides the average of the gradients, $v$, it keeps an
# average of their squares, $s$, and divides by its square root: parameters whose gradients are large or noisy take
# smaller steps, those with small steady gradients take larger ones. Both averages start at zero, so early on they
# are too small; dividing by $1 - \beta^t$, where $t$ counts the steps taken, corrects that bias. For each
# parameter, with gradient $g$:
#
# $$\begin{aligned}
# v &:= \beta_1 v + (1-\beta_1)\, g, & v^{\text{corrected}} &= \frac{v}{1-\beta_1^{\,t}},\\
# s &:= \beta_2 s + (1-\beta_2)\, g^2, & s^{\text{corrected}} &= \frac{s}{1-\beta_2^{\,t}},\\
# W &:= W - \alpha \, \frac{v^{\text{corrected}}}{\sqrt{s^{\text{corrected}}} + \varepsilon}
# \end{aligned}$$
#
# ($g^2$ and the square root are elementwise; $\varepsilon$ only keeps the division safe.) The defaults
# $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$ rarely need changing; $\alpha$ does.
#
# ### Exercise 5: `initialize_adam`
#
# Return `v, s`: two dicts with keys `dW1, db1, ...`, zeros shaped like the parameters.

# %%
# GRADED: initialize_adam

# %%
check(initialize_adam)

# %% [markdown]
# ### Exercise 6: `update_parameters_with_adam`
#
# Apply the formulas to every `W` and `b`. Return `parameters, v, s, v_corrected, s_corrected`, the last two
# being dicts with the same keys as `v` and `s`.

# %%
# GRADED: update_parameters_with_adam

# %%
check(update_parameters_with_adam)

# %% [markdown]
# ## 4. The race: gradient descent, momentum and Adam on the moons
#
# The data: 300 points on two interleaved half-moons, with noise. The network: the 3-layer network of Course 1,
# `[2, 5, 2, 1]` (LINEAR-ReLU, LINEAR-ReLU, LINEAR-sigmoid), built from the Course 1 functions in `dlspec.nn`.

# %%
X_train, Y_train = load_dataset()
plt.figure(figsize=(5, 3.5))
plt.scatter(X_train[0], X_train[1], c=Y_train.ravel(), cmap=plt.cm.Spectral, s=15, edgecolors="k", linewidths=0.3)
plt.title("the moons: 300 points, two classes")
plt.show()

# %% [markdown]
# The training loop below is given. Each epoch reshuffles the data into new mini-batches (a new seed per
# epoch), and for each mini-batch runs the forward pass, the cost, the backward pass and one update with the
# chosen optimiser. The cost recorded for an epoch is the average over all its examples. Read it: it uses every
# function you wrote. `decay`, used in section 5, is a function that gives the learning rate of each epoch.

# %%
def initialize_parameters_he(layers_dims):
    """Weights scaled by sqrt(2 / fan-in), which suits ReLU layers (next lesson's topic); biases zero."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def model(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9, beta1=0.9,
          beta2=0.999, epsilon=1e-8, num_epochs=5000, print_cost=True, decay=None, decay_rate=1):
    """Train with optimizer "gd", "momentum" or "adam"; return the parameters and the cost every 100 epochs."""
    np.random.seed(3)
    parameters = initialize_parameters_he(layers_dims)
    if optimizer == "momentum":
        v = initialize_velocity(parameters)
    elif optimizer == "adam":
        v, s = initialize_adam(parameters)
    learning_rate0, t, m = learning_rate, 0, X.shape[1]
    costs = []
    for epoch in range(num_epochs):
        epoch_cost = 0.0
        for mb_X, mb_Y in random_mini_batches(X, Y, mini_batch_size, seed=10 + epoch):
            AL, caches = L_model_forward(mb_X, parameters)
            epoch_cost += compute_cost(AL, mb_Y) * mb_X.shape[1]
            grads = L_model_backward(AL, mb_Y, caches)
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            else:
                t += 1
                parameters, v, s, _, _ = update_parameters_with_adam(
                    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
                )
        if decay is not None:
            learning_rate = decay(learning_rate0, epoch, decay_rate)
        if epoch % 100 == 0:
            costs.append(epoch_cost / m)
        if print_cost and epoch % 1000 == 0:
            print(f"cost after epoch {epoch}: {epoch_cost / m:.4f}, learning rate {learning_rate:.6f}")
    return parameters, costs


def predict(X, parameters):
    return (L_model_forward(X, parameters)[0] > 0.5).astype(int)


def accuracy(parameters, X, Y):
    return float(np.mean(predict(X, parameters) == Y))


def show_race(runs, title):
    """The cost curves on the left, then each run's decision boundary."""
    fig, axes = plt.subplots(1, len(runs) + 1, figsize=(4.2 * (len(runs) + 1), 3.6))
    plot_costs({name: run[1] for name, run in runs.items()}, every=100, ax=axes[0], title=title)
    axes[0].set_xlabel("epoch")
    for ax, (name, run) in zip(axes[1:], runs.items(), strict=True):
        plot_decision_boundary(lambda P, p=run[0]: predict(P.T, p), X_train, Y_train, ax=ax, steps=150,
                               title=f"{name}: {accuracy(run[0], X_train, Y_train):.0%}")
    fig.tight_layout()
    plt.show()


# %% [markdown]
# Three runs with the same small learning rate, $\alpha = 0.0007$, and mini-batches of 64 (3000 epochs each; the
# original ran 5000, which changes nothing in the picture). Each run takes a few seconds.

# %%
LAYERS, EPOCHS = [2, 5, 2, 1], quick(3000, 300)
runs = {}
for name in ("gd", "momentum", "adam"):
    runs[name] = model(X_train, Y_train, LAYERS, name, num_epochs=EPOCHS, print_cost=False)
    print(f"{name:>8}: training accuracy {accuracy(runs[name][0], X_train, Y_train):.1%}")


show_race(runs, "cost per epoch, alpha = 0.0007")

# %% [markdown]
# With this small learning rate, plain mini-batch gradient descent and momentum crawl: after 3000 epochs their
# cost has only crept from about 0.70 to 0.60 (the two curves lie on top of each other) and the boundary is still
# almost a straight line. Momentum's average of the gradients is no bigger than the gradients themselves, so it
# cannot go much faster here; it helps most when the gradients oscillate, and with a larger $\alpha$. Adam
# rescales every parameter's step by the size of its own gradients, so the same nominal $\alpha$ moves it much
# further: its cost falls steadily and its boundary follows the moons.
#
# Adam needs little memory (two arrays per parameter) and works well with its default $\beta$'s on most problems,
# which is why it is the usual first choice.

# %% [markdown]
# ## 5. Learning-rate decay
#
# Gradient descent and momentum were simply too slow with $\alpha = 0.0007$. A larger $\alpha$ makes fast progress
# early on but keeps bouncing around the minimum later, because the mini-batch noise never goes away. The fix is
# to start large and shrink $\alpha$ as training goes on. The simplest schedule divides by a growing number:
#
# $$\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \times \text{epoch\_num}}$$
#
# ### Exercise 7: `update_lr`
#
# Return the learning rate of epoch `epoch_num`, a plain float.

# %%
# GRADED: update_lr

# %%
check(update_lr)

# %%
print(f"update_lr(0.5, 2, 1) = {update_lr(0.5, 2, 1):.4f}")

# %% [markdown]
# With decay_rate 1, that formula halves the rate after one epoch and divides it by a hundred after 99: it
# shrinks much too fast when there are thousands of epochs. A gentler version changes the rate only every
# `time_interval` epochs, in steps:
#
# $$\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \times \lfloor \text{epoch\_num} / \text{time\_interval} \rfloor}$$
#
# ### Exercise 8: `schedule_lr_decay`
#
# Return the learning rate of epoch `epoch_num` under that step schedule (`time_interval` defaults to 1000).

# %%
# GRADED: schedule_lr_decay

# %%
check(schedule_lr_decay)

# %%
epochs = np.arange(EPOCHS)
plt.figure(figsize=(6, 3.5))
plt.plot(epochs, [update_lr(0.1, e, 1) for e in epochs], label="update_lr, every epoch")
plt.plot(epochs, [schedule_lr_decay(0.1, e, 1) for e in epochs], label="schedule_lr_decay, every 1000 epochs")
plt.yscale("log")
plt.xlabel("epoch")
plt.ylabel("learning rate")
plt.title("two schedules starting from 0.1")
plt.legend()
plt.show()

# %% [markdown]
# Now the race again, this time each optimiser starting from $\alpha_0 = 0.1$, more than a hundred times larger,
# and decaying on the step schedule. Watch the accuracy of gradient descent and momentum.

# %%
decayed = {}
for name in ("gd", "momentum", "adam"):
    decayed[name] = model(X_train, Y_train, LAYERS, name, learning_rate=0.1, num_epochs=EPOCHS, print_cost=False,
                          decay=schedule_lr_decay)
    print(f"{name:>8} with decay: training accuracy {accuracy(decayed[name][0], X_train, Y_train):.1%}")
show_race(decayed, "cost per epoch, alpha0 = 0.1, stepped decay")

# %% [markdown]
# With a large rate that shrinks on schedule, plain gradient descent and momentum now do as well as Adam did: the
# big early steps cover the distance, the smaller later ones settle into the minimum. The learning rate mattered
# more than the choice of optimiser, which is the lesson of next week's hyperparameter tuning: $\alpha$ is the
# first knob to turn.
#
# ## What you built
#
# * Mini-batches: many cheap, noisy steps per pass over the data instead of one exact one.
# * Momentum and Adam: exponentially weighted averages of the gradients (and of their squares) that smooth and
#   rescale every step; bias correction makes the first steps right.
# * Learning-rate decay, per epoch and in steps: large steps early, small steps late.
#
# Every one of these is a line or two of arithmetic, and they are exactly what `torch.optim.SGD(momentum=...)`,
# `torch.optim.Adam` and the learning-rate schedulers do in the framework you meet next week.
