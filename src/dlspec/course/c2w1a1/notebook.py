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
# # Initialisation: where training starts decides where it ends
#
# Gradient descent starts from the weights you give it. Those first numbers decide whether the units of a layer
# can ever learn different things, whether the signal survives the trip through the layers, and how many steps
# are spent just recovering from a bad start.
#
# In this lesson you train the **same** 3-layer network on the **same** data three times, changing only how
# the weights are initialised:
#
# 1. **zeros**: every weight and bias 0;
# 2. **large random**: weights drawn from a normal distribution and multiplied by 10;
# 3. **He**: weights drawn from a normal distribution and multiplied by $\sqrt{2 / n^{[l-1]}}$.
#
# You write the three initialisers; the network, the training loop and the plots are given. At the end the three
# cost curves and the three decision boundaries sit side by side.
#
# **How checking works.** After each function there is a cell `check(function_name)`. It runs your function on
# the example shown plus hidden inputs of other shapes and says precisely what differs. Random weights have no
# single right answer, so for those the check tests the *properties*: shapes, zero biases, weights centred on
# zero with the right spread. Stuck? `dlspec hint c2w1a1 <function>` in a terminal gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np

from dlspec.data.circles import load_circles
from dlspec.nn.deep import L_model_forward, compute_cost, linear_activation_backward, linear_backward, update_parameters
from dlspec.notebook import checker
from dlspec.viz.boundary import plot_decision_boundaries
from dlspec.viz.curves import plot_costs

check = checker("c2w1a1")
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. The data: two rings
#
# 300 training points and 100 test points on two noisy concentric circles: label 1 (blue) on the inner ring,
# label 0 (red) on the outer one. No straight line separates them; a network with a few ReLU layers can draw a
# closed boundary between the rings. As in Course 1, examples are **columns**: `train_X` is $(2, 300)$ and
# `train_Y` is $(1, 300)$.

# %%
train_X, train_Y, test_X, test_Y = load_circles()
print("train_X", train_X.shape, " train_Y", train_Y.shape, " test_X", test_X.shape, " test_Y", test_Y.shape)

fig, ax = plt.subplots(figsize=(4, 4))
ax.scatter(train_X[0], train_X[1], c=train_Y[0], cmap=plt.cm.Spectral, s=15, edgecolors="k", linewidths=0.3)
ax.set_aspect("equal")
ax.set_title("training set")
plt.show()

# %% [markdown]
# ## 2. The network and its training loop (given)
#
# A 3-layer network, `layers_dims = [2, 10, 5, 1]`: LINEAR → ReLU → LINEAR → ReLU → LINEAR → sigmoid, built from
# the Course 1 blocks in `dlspec.nn.deep` (`L_model_forward`, `compute_cost`, `update_parameters`). `model` takes
# the name of an initialisation, builds the parameters with the matching function you are about to write, and
# runs plain gradient descent.
#
# Two details you would not need with a good initialisation, and need here because of the bad ones:
#
# * **The backward pass starts from $dZ^{[3]} = A^{[3]} - Y$.** With weights ten times too large, $Z^{[3]}$ runs
#   into the thousands and the sigmoid returns *exactly* 0.0 or 1.0 in floating point. Course 1's
#   `L_model_backward` divides by $A^{[3]}$ and $1 - A^{[3]}$ and would produce `inf` and `nan` there. Sigmoid and
#   cross-entropy together have the simple derivative $A - Y$ (you derived it in Course 1), which stays finite
#   however saturated the output is. The hidden layers then use Course 1's `linear_activation_backward`.
# * **The reported cost is clipped.** A confidently wrong prediction of exactly 0.0 has a loss of
#   $-\log 0 = \infty$. For the curves the predictions are clipped to $[10^{-15}, 1 - 10^{-15}]$ first, so one such
#   example costs about 34.5 instead of infinity. Training is not affected: it only uses the gradient.
#
# The seed is set once, just before the initialisation, so your run matches the numbers in the text.

# %%
INITIALIZERS = ("zeros", "random", "he")
CLIP = 1e-15


def backward(AL, Y, caches):
    """Gradients of the 3-layer network, starting from dZ of the sigmoid output (finite even when AL is 0 or 1)."""
    grads = {}
    L = len(caches)
    linear_cache, _ = caches[L - 1]
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - Y, linear_cache)
    for l in reversed(range(L - 1)):
        grads[f"dA{l}"], grads[f"dW{l + 1}"], grads[f"db{l + 1}"] = linear_activation_backward(
            grads[f"dA{l + 1}"], caches[l], "relu"
        )
    return grads


def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he"):
    """Train [2, 10, 5, 1] with gradient descent; return the parameters and the cost every 1000 iterations."""
    layers_dims = [X.shape[0], 10, 5, 1]
    np.random.seed(3)
    if initialization == "zeros":
        parameters = initialize_parameters_zeros(layers_dims)
    elif initialization == "random":
        parameters = initialize_parameters_random(layers_dims)
    elif initialization == "he":
        parameters = initialize_parameters_he(layers_dims)
    else:
        raise ValueError(f"initialization must be one of {INITIALIZERS}, not {initialization!r}")
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        grads = backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 1000 == 0:
            costs.append(compute_cost(np.clip(AL, CLIP, 1 - CLIP), Y))
            if print_cost:
                print(f"cost after iteration {i:5d}: {costs[-1]:.4f}")
    return parameters, costs


def predict(X, parameters):
    """0/1 predictions, shape (1, m): 1 where the network's output is above 0.5."""
    return (L_model_forward(X, parameters)[0] > 0.5).astype(int)


def accuracy(X, Y, parameters):
    return float(np.mean(predict(X, parameters) == Y))


def scores(parameters):
    return f"train {accuracy(train_X, train_Y, parameters):.0%}, test {accuracy(test_X, test_Y, parameters):.0%}"


results = {}  # initialisation name -> (parameters, costs)


def experiment(initialization):
    """Train once with this initialisation and keep the result; later calls (the final plots) reuse it."""
    if initialization not in results:
        results[initialization] = model(train_X, train_Y, initialization=initialization)
    return results[initialization]

# %% [markdown]
# ## 3. Zeros
#
# ### Exercise 1: `initialize_parameters_zeros`
#
# Return a dictionary with, for each layer $l = 1, \dots, L$ (where `len(layers_dims)` is $L + 1$):
#
# * `"W" + str(l)`: zeros of shape `(layers_dims[l], layers_dims[l-1])`;
# * `"b" + str(l)`: zeros of shape `(layers_dims[l], 1)`.

# %%
# GRADED: initialize_parameters_zeros

# %%
check(initialize_parameters_zeros)

# %%
print(initialize_parameters_zeros([3, 2, 1]))

# %% [markdown]
# Now train with it. Watch the cost, and the weights after training.

# %%
trained, _ = experiment("zeros")
print("accuracy:", scores(trained))
for key in ("W1", "W2", "W3", "b3"):
    print(key, np.round(trained[key], 4).tolist())
print("predictions on the first 10 test points:", predict(test_X, trained)[0, :10])

# %% [markdown]
# The cost never moves from $\log 2 \approx 0.693$, the accuracy is a coin toss, and training changed nothing
# at all. With zero weights every hidden unit outputs ReLU(0) = 0, so every weight gradient is
# zero too. The only parameter that could move is $b^{[3]}$, and its gradient, the mean of $0.5 - Y$, is zero as
# well because the two classes are equally common: the network outputs 0.5 for every point, forever (and 0.5 is
# not above the threshold, so every prediction is 0). Even if ReLU let some gradient through, the trouble remains:
# units that start identical receive identical gradients and stay identical, so a layer of ten units behaves like
# one unit. This is **symmetry**, and random weights are how we break it. (The biases may start at zero: once the
# weights differ, the units differ.)
#
# ## 4. Large random weights
#
# ### Exercise 2: `initialize_parameters_random`
#
# Same dictionary, but every `W` is drawn with `np.random.randn(layers_dims[l], layers_dims[l-1])` and
# multiplied by **10**; the biases stay zeros. Drawing `W1`, `W2`, ... in order reproduces the example after
# `np.random.seed(3)` (any correct draw passes).

# %%
# GRADED: initialize_parameters_random

# %%
check(initialize_parameters_random)

# %%
np.random.seed(3)
print(initialize_parameters_random([3, 2, 1]))

# %%
print("accuracy:", scores(experiment("random")[0]))

# %% [markdown]
# The symmetry is broken, and the network does learn, but it starts with a huge cost (and without the clipping
# above, an infinite one): the weights are so large that the output is saturated at exactly 0 or 1 for nearly
# every point, and about half of those answers are confidently wrong. Most of the 15,000 steps are spent shrinking
# the weights back to a sensible size, and the result after all that work is mediocre. Larger initial weights make
# this worse, not better.
#
# ## 5. He initialisation
#
# How large should the weights be? A unit of layer $l$ adds up $n^{[l-1]}$ terms $W_{ij} a_j$. If each weight has
# variance $\sigma^2$, the sum has variance roughly $n^{[l-1]} \sigma^2$ times that of the inputs, and ReLU throws
# away half of it. To keep the signal at the same size from layer to layer, choose
#
# $$\sigma^2 = \frac{2}{n^{[l-1]}} \qquad\text{so}\qquad W^{[l]} = \text{randn}\big(n^{[l]}, n^{[l-1]}\big)
# \cdot \sqrt{\frac{2}{n^{[l-1]}}}$$
#
# This is **He initialisation** (He et al., 2015), made for ReLU networks. (Xavier initialisation uses
# $1 / n^{[l-1]}$ instead, which suits tanh.)
#
# ### Exercise 3: `initialize_parameters_he`
#
# Same dictionary again: `W` for layer $l$ is a standard normal draw of shape `(layers_dims[l], layers_dims[l-1])`
# multiplied by $\sqrt{2 / \texttt{layers\_dims[l-1]}}$; biases zeros; `W1`, `W2`, ... drawn in order.

# %%
# GRADED: initialize_parameters_he

# %%
check(initialize_parameters_he)

# %%
np.random.seed(3)
print(initialize_parameters_he([3, 2, 1]))

# %%
print("accuracy:", scores(experiment("he")[0]))

# %% [markdown]
# ## 6. Side by side
#
# Same network, same data, same learning rate, same number of steps. Only the first values of the weights differ.
# (The random start's first cost, about 17, is above the middle plot's range. The zeros panel below is one flat
# colour because that network gives the same answer everywhere.)

# %%
fig, axes = plt.subplots(1, 3, figsize=(14, 3.6))
for ax, name in zip(axes, INITIALIZERS, strict=True):
    plot_costs({name: experiment(name)[1]}, every=1000, ax=ax, title=f"cost, {name} initialisation")
axes[1].set_ylim(0, 2)  # the first recorded cost of the random start is far above the rest
fig.tight_layout()
plt.show()

boundaries = {
    f"{name}: {scores(experiment(name)[0])}": lambda P, name=name: predict(P.T, experiment(name)[0])
    for name in INITIALIZERS
}
plot_decision_boundaries(boundaries, train_X, train_Y, ncols=3, size=4.0)
plt.show()

# %% [markdown]
# | initialisation | what happens | accuracy (train / test) |
# |---|---|---|
# | zeros | symmetry is never broken; the network predicts one class everywhere | 50% / 50% |
# | random × 10 | saturated outputs, a huge starting cost, slow recovery | about 83% / 86% |
# | He | the signal keeps its size through the layers; fast, clean training | about 99% / 96% |
#
# ## What to take away
#
# * Units of a layer must start **different**, or they stay copies of each other: initialise weights randomly.
#   Biases can start at zero.
# * Random is not enough: the **scale** matters. Too large saturates the output and wastes training; too small
#   makes the signal (and the gradients) fade with depth.
# * For ReLU layers, draw $W^{[l]}$ from a normal distribution with variance $2 / n^{[l-1]}$ (He); for tanh,
#   $1 / n^{[l-1]}$ (Xavier).
