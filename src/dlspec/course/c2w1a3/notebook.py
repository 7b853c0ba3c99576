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
# # Gradient checking: do not trust backprop, test it
#
# Backpropagation is a long chain of small formulas, and one wrong factor anywhere still gives a program that
# runs, returns arrays of the right shapes and even makes the cost go down a little. Nothing crashes; the model
# just learns worse than it should, and you may never find out why.
#
# Picture a team shipping a fraud-detection model: before it goes live they want proof that its gradients are
# right. Gradient checking gives that proof. It recomputes every gradient the slow, obvious way, straight from
# the definition of a derivative, and compares it with what backprop says.
#
# You build it in two steps:
#
# 1. a **1-D** check on the smallest possible function, $J(\theta) = \theta x$;
# 2. an **n-D** check over every weight and bias of a 3-layer network whose backward pass, handed to you, has
#    two planted bugs. You find them by looking at *which* coordinates disagree.
#
# **How checking works.** After each function there is a cell `check(function_name)`. It runs your function on
# the example shown plus hidden inputs and says what differs. Stuck? `dlspec hint c2w1a3 <function>` in a
# terminal gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np

from dlspec.nn.gradcheck import (
    backward_propagation_n,
    backward_propagation_n_fixed,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)
from dlspec.notebook import checker

check = checker("c2w1a3")

# %% [markdown]
# ## 1. The idea: a derivative is a limit you can approximate
#
# By definition
#
# $$\frac{\partial J}{\partial \theta} =
# \lim_{\varepsilon \to 0} \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2 \varepsilon}.$$
#
# Take a small $\varepsilon$ (say $10^{-7}$) instead of the limit and you get an estimate, `gradapprox`, that
# needs nothing but the forward pass. The **two-sided** difference above is much more accurate than the one-sided
# $(J(\theta + \varepsilon) - J(\theta)) / \varepsilon$: its error shrinks like $\varepsilon^2$ instead of
# $\varepsilon$.
#
# The forward pass is easy to get right, so if backprop's `grad` and `gradapprox` agree, backprop is right too.
# "Agree" is measured without units, relative to the size of the gradients:
#
# $$\text{difference} = \frac{\lVert \text{grad} - \text{gradapprox} \rVert_2}
# {\lVert \text{grad} \rVert_2 + \lVert \text{gradapprox} \rVert_2}.$$
#
# Around $10^{-7}$ or below: fine. Much larger (say $10^{-3}$ and up): there is a bug.
#
# ## 2. The 1-D case
#
# The "network" is $J(\theta) = \theta x$ for a real input $x$ and a single real parameter $\theta$.
# First its forward pass: return $J$.

# %%
# GRADED: forward_propagation

# %%
check(forward_propagation)

# %%
print("J(theta = 4, x = 2) =", forward_propagation(2, 4))

# %% [markdown]
# Now its backward pass, the derivative $\frac{\partial J}{\partial \theta}$, worked out by hand.

# %%
# GRADED: backward_propagation

# %%
check(backward_propagation)

# %%
print("dtheta at theta = 4, x = 3:", backward_propagation(3, 4))

# %% [markdown]
# ### The 1-D gradient check
#
# Write `gradient_check(x, theta, epsilon=1e-7, print_msg=False)`:
#
# * $\theta^+ = \theta + \varepsilon$, $\theta^- = \theta - \varepsilon$, their costs with `forward_propagation`,
#   and `gradapprox` from the two-sided difference;
# * `grad` from `backward_propagation`;
# * the relative `difference` above, computed with `np.linalg.norm`, returned as a Python `float`.
#
# When `print_msg` is true, print a line saying whether the gradient looks right (threshold $2 \times 10^{-7}$).

# %%
# GRADED: gradient_check

# %%
check(gradient_check)

# %%
difference = gradient_check(3, 4, print_msg=True)

# %% [markdown]
# You should see a difference near $8 \times 10^{-11}$: not zero, because floating-point numbers round, but far
# below the threshold. This is what "correct" looks like.
#
# ## 3. The n-D case: a whole network
#
# The network below is LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID with a cross-entropy cost. Its forward
# pass `forward_propagation_n(X, Y, parameters)` returns `(cost, cache)`; its backward pass
# `backward_propagation_n(X, Y, cache)` returns a dict of gradients `dW1, db1, ..., db3`. Both are given, and
# **the backward pass was written in a hurry**.
#
# To check all parameters at once, flatten them into one long column vector $\theta$:
#
# * `dictionary_to_vector(parameters)` → `(theta, keys)`: `W1, b1, W2, b2, W3, b3` stacked into shape
#   `(n_params, 1)`, and the name of the array each coordinate came from;
# * `vector_to_dictionary(theta, parameters)` → the dict back, with the shapes of the arrays in `parameters`;
# * `gradients_to_vector(gradients)` → the gradients stacked in the same order.
#
# Then, for every coordinate $i$ of $\theta$, nudge **only that coordinate**:
#
# $$\text{gradapprox}_i = \frac{J(\theta_1, \ldots, \theta_i + \varepsilon, \ldots)
# - J(\theta_1, \ldots, \theta_i - \varepsilon, \ldots)}{2 \varepsilon}$$
#
# and finally compare the whole `gradapprox` vector with the flattened `grad` using the same relative difference
# as before.
#
# Write `gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False)`. Shapes: `X` is
# $(n_x, m)$, `Y` is $(1, m)$; the layer sizes vary, so never assume them. Copy the vector before each nudge
# (`np.copy`): changing it in place would move the point you are measuring at. Return a `float`.

# %%
# GRADED: gradient_check_n

# %%
check(gradient_check_n)

# %% [markdown]
# ### Running it on the hurried backward pass
#
# A small network (4 inputs, then 5, 3 and 1 units) and three examples, all seeded:

# %%
np.random.seed(1)
X = np.random.randn(4, 3)
Y = np.array([[1, 1, 0]])
shapes = [("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))]
parameters = {key: np.random.randn(*shape) for key, shape in shapes}

cost, cache = forward_propagation_n(X, Y, parameters)
gradients = backward_propagation_n(X, Y, cache)
difference = gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=True)

# %% [markdown]
# About $0.285$: far above $2 \times 10^{-7}$. Something is wrong, but *where*? One number for 47 parameters does
# not say. Look at the coordinates one by one: for each, the relative difference
# $\lvert g_i - \hat g_i \rvert / (\lvert g_i \rvert + \lvert \hat g_i \rvert)$, coloured by the array it
# belongs to. (The loop below is the same as yours, kept per coordinate.)

# %%
def per_coordinate(parameters, gradients, X, Y, epsilon=1e-7):
    """Backprop's gradient, the two-sided estimate and the name of each coordinate, as flat arrays."""
    theta, keys = dictionary_to_vector(parameters)
    approx = np.zeros(theta.shape[0])
    for i in range(theta.shape[0]):
        plus, minus = np.copy(theta), np.copy(theta)
        plus[i] += epsilon
        minus[i] -= epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(plus, parameters))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(minus, parameters))[0]
        approx[i] = (J_plus - J_minus) / (2 * epsilon)
    return gradients_to_vector(gradients).ravel(), approx, np.array(keys)


def plot_per_coordinate(grad, approx, keys, title):
    # Coordinates where both are 0 (a ReLU unit that never fired) agree trivially: show them as 0.
    scale = np.abs(grad) + np.abs(approx)
    relative = np.divide(np.abs(grad - approx), scale, out=np.zeros_like(scale), where=scale > 1e-12)
    fig, ax = plt.subplots(figsize=(10, 3))
    colours = plt.cm.tab10(np.arange(6))
    for colour, key in zip(colours, ["W1", "b1", "W2", "b2", "W3", "b3"], strict=True):
        index = np.flatnonzero(keys == key)
        ax.bar(index, relative[index], color=colour, label="d" + key)
    ax.set_yscale("symlog", linthresh=1e-8)
    ax.set_xlabel("coordinate of theta")
    ax.set_ylabel("relative difference")
    ax.set_title(title)
    ax.set_ylim(0, 10)  # the same scale for both runs
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    plt.show()


grad, approx, keys = per_coordinate(parameters, gradients, X, Y)
plot_per_coordinate(grad, approx, keys, "hurried backprop: which coordinates disagree?")

# %% [markdown]
# Two colours stick out and the rest sit at rounding level. The bars point at the lines of the backward pass to
# read. Better still, the *ratio* backprop / estimate on those coordinates says what kind of mistake it is:

# %%
for key in ["W1", "b1", "W2", "b2", "W3", "b3"]:
    index = (keys == key) & (np.abs(approx) > 1e-8)
    ratio = grad[index] / approx[index]
    print(f"d{key}: backprop / estimate = {np.round(ratio, 4)}")

# %% [markdown]
# Both bad gradients are a constant multiple of the right one: a stray factor, $2$ on `dW2` and $4$ on `db1`,
# where the formulas have $\frac{1}{m}$. (A wrong ratio that changes from coordinate to coordinate would point to a
# wrong term instead, such as a missing derivative of an activation.)
#
# `backward_propagation_n_fixed` is the same backward pass with those two factors removed. Check it:

# %%
gradients = backward_propagation_n_fixed(X, Y, cache)
difference = gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=True)

grad, approx, keys = per_coordinate(parameters, gradients, X, Y)
plot_per_coordinate(grad, approx, keys, "fixed backprop: rounding noise everywhere")

# %% [markdown]
# About $1.2 \times 10^{-7}$, under the threshold, and no coordinate stands out.
#
# ## 4. In practice
#
# * Gradient checking is slow (two forward passes per parameter), so use it to **debug**, on a small network or a
#   few coordinates, never inside the training loop.
# * If the check fails, look at *which* coordinates disagree, as you did here, to find the faulty line.
# * Include the regularisation term in $J$ when the network has one, or the check will flag a correct gradient.
# * Dropout makes $J$ random; switch it off (keep probability 1) while checking, then turn it back on.
# * Run the check at the start and again after some training: a bug can hide while the weights are near zero.
