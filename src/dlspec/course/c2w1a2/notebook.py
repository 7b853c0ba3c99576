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
# # Regularisation: a network that learns the rule, not the noise
#
# A network with enough units can fit every training point, including the ones that are there by accident. It then
# does worse on new data than a simpler fit would: it **overfits**. This lesson trains one small network three
# times on the same data and compares what it learns:
#
# 1. **without regularisation**, to see overfitting happen;
# 2. with an **L2 penalty** on the weights ($\lambda = 0.7$);
# 3. with **dropout** on the hidden layers (`keep_prob = 0.86`).
#
# You write the four pieces that change: the regularised cost and its backward pass, and dropout's forward and
# backward passes. The network, the training loop and the plots are given.
#
# **How checking works.** After each function a cell `check(function_name)` runs it on the example shown plus
# hidden inputs of other sizes. Dropout is random, so its check looks at what your masks *do* (0/1 entries, about
# `keep_prob` of them kept, the rest of the pass consistent with them), not at which random numbers you drew.
# Stuck? `dlspec hint c2w1a2 <function>` in a terminal gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np

from dlspec.data.field import load_field
from dlspec.nn.activations import relu, sigmoid  # noqa: F401  (the dropout forward pass you write uses them)
from dlspec.nn.deep import compute_cost
from dlspec.nn.regularization import backward_propagation, forward_propagation
from dlspec.notebook import checker
from dlspec.viz.boundary import plot_decision_boundaries
from dlspec.viz.curves import plot_costs

check = checker("c2w1a2")
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. The data: who headed the ball where
#
# Picture a football field seen from above. Each point is a spot where a player headed the ball: blue (label 1)
# if one of our players got there, red (label 0) if an opponent did. The coach wants to know where on the field
# our team tends to win the ball, so the goalkeeper can kick it there.
#
# The two teams' regions are separated by a winding frontier, but matches are messy: some points sit on the
# wrong side of it. A good model follows the frontier and ignores those strays. 211 training points and 200 test
# points; as always, examples are **columns**: `train_X` is $(2, 211)$, `train_Y` is $(1, 211)$.

# %%
train_X, train_Y, test_X, test_Y = load_field()
print("train_X", train_X.shape, " train_Y", train_Y.shape, " test_X", test_X.shape, " test_Y", test_Y.shape)

fig, ax = plt.subplots(figsize=(4.5, 4.5))
ax.scatter(train_X[0], train_X[1], c=train_Y[0], cmap=plt.cm.Spectral, s=18, edgecolors="k", linewidths=0.3)
ax.set_title("training set: where each team won the ball")
plt.show()

# %% [markdown]
# ## 2. The network and its training loop (given)
#
# `layers_dims = [2, 20, 3, 1]`: LINEAR → ReLU → LINEAR → ReLU → LINEAR → sigmoid, written out layer by layer in
# `dlspec.nn.regularization`. `forward_propagation(X, parameters)` returns `A3` and the cache
# `(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`; `backward_propagation(X, Y, cache)` returns the gradients
# `dZ3, dW3, db3, dA2, ...`. Look at both before you start: your functions are small edits of them.
#
# `model` picks the regularised pieces when `lambd > 0` or `keep_prob < 1` (one at a time) and runs gradient
# descent. The original trained 30 000 iterations; this network and this data are small, so that takes a few
# seconds here.

# %%
LAYERS = [2, 20, 3, 1]
CLIP = 1e-15


def initialize_parameters(layers_dims):
    """Random weights scaled by 1 / sqrt(n_prev) and zero biases, drawn after seeding 3 so every run matches."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) / np.sqrt(layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def model(X, Y, learning_rate=0.3, num_iterations=30000, print_cost=True, lambd=0, keep_prob=1):
    """Train LAYERS with gradient descent; return the parameters and the cost every 1000 iterations."""
    if lambd and keep_prob < 1:
        raise ValueError("use L2 or dropout, one at a time")
    parameters = initialize_parameters(LAYERS)
    costs = []
    for i in range(num_iterations):
        if keep_prob == 1:
            A3, cache = forward_propagation(X, parameters)
        else:
            A3, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
        if i % 1000 == 0:
            # An overfitted network predicts some points as exactly 0.0 or 1.0 in floating point; clipping keeps
            # the reported cost finite (log 0 would be -inf). Training only uses the gradients, so it is unaffected.
            A3c = np.clip(A3, CLIP, 1 - CLIP)
            cost = compute_cost_with_regularization(A3c, Y, parameters, lambd) if lambd else compute_cost(A3c, Y)
            costs.append(cost)
            if print_cost and i % 10000 == 0:
                print(f"cost after iteration {i:5d}: {cost:.4f}")
        if lambd:
            grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        elif keep_prob < 1:
            grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        else:
            grads = backward_propagation(X, Y, cache)
        for key in parameters:
            parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters, costs


def predict(X, parameters):
    """0/1 predictions, shape (1, m). No dropout here: at test time every unit takes part."""
    return (forward_propagation(X, parameters)[0] > 0.5).astype(int)


def accuracy(X, Y, parameters):
    return float(np.mean(predict(X, parameters) == Y))


results = {}  # name -> (parameters, costs)


def report(name):
    parameters = results[name][0]
    print(f"{name}: train accuracy {accuracy(train_X, train_Y, parameters):.1%}, "
          f"test accuracy {accuracy(test_X, test_Y, parameters):.1%}")


# %% [markdown]
# ## 3. No regularisation: watch it overfit
#
# First the baseline. The training accuracy will be high; compare it with the test accuracy, then look at the
# boundary: it bends around individual stray points, which is the network memorising the training set.

# %%
results["no regularisation"] = model(train_X, train_Y)
report("no regularisation")
plot_decision_boundaries({"no regularisation": lambda P: predict(P.T, results["no regularisation"][0])},
                         train_X, train_Y, ncols=1, size=4.5)
plt.show()

# %% [markdown]
# ## 4. L2 regularisation
#
# L2 regularisation adds to the cost a penalty on the size of the weights:
#
# $$J_{\text{reg}} = \underbrace{-\frac{1}{m} \sum_{i=1}^{m} \Big(y^{(i)} \log a^{[3](i)}
#   + (1 - y^{(i)}) \log\big(1 - a^{[3](i)}\big)\Big)}_{\text{cross-entropy}}
#   + \underbrace{\frac{\lambda}{2m} \sum_{l=1}^{3} \sum_{k,j} \big(W^{[l]}_{k,j}\big)^2}_{\text{L2 penalty}}$$
#
# Large weights let a network draw sharp, twisting boundaries; the penalty makes them expensive, so training
# settles on smaller weights and a smoother function. The biases are not penalised.
#
# **Your task:** `compute_cost_with_regularization(A3, Y, parameters, lambd)` returns $J_{\text{reg}}$ as a Python
# float. `compute_cost(A3, Y)` (imported above) gives the cross-entropy part; `parameters` holds `W1, W2, W3`.

# %%
# GRADED: compute_cost_with_regularization

# %%
check(compute_cost_with_regularization)

# %% [markdown]
# The penalty changes the gradients too. Differentiating $\frac{\lambda}{2m} \lVert W^{[l]} \rVert^2$ with respect
# to $W^{[l]}$ gives one extra term per weight matrix:
#
# $$dW^{[l]} = \underbrace{\frac{1}{m} dZ^{[l]} A^{[l-1]T}}_{\text{as before}} + \frac{\lambda}{m} W^{[l]}$$
#
# Each step therefore shrinks every weight a little, in proportion to its size: that is why L2 regularisation is
# also called **weight decay**.
#
# **Your task:** `backward_propagation_with_regularization(X, Y, cache, lambd)` returns the same dict of gradients
# as `backward_propagation` (same keys, same shapes), with the L2 term added to `dW1`, `dW2`, `dW3`.

# %%
# GRADED: backward_propagation_with_regularization

# %%
check(backward_propagation_with_regularization)

# %%
results["L2, lambda = 0.7"] = model(train_X, train_Y, lambd=0.7)
report("L2, lambda = 0.7")

# %% [markdown]
# ## 5. Dropout
#
# Dropout switches off each hidden unit at random, independently for every example and every iteration, with
# probability $1 - \text{keep\_prob}$. Each step trains a different thinned network, so no unit can count on a
# particular neighbour: the network has to spread what it knows over many units, which acts like averaging many
# smaller models.
#
# For a hidden layer with activations $A^{[l]}$ of shape $(n^{[l]}, m)$, **inverted dropout** is:
#
# 1. draw a mask $D^{[l]}$ of the same shape, 1 with probability `keep_prob` and 0 otherwise
#    (uniform random numbers below `keep_prob`, as 0/1 integers);
# 2. $A^{[l]} \leftarrow A^{[l]} \odot D^{[l]}$: drop the units;
# 3. $A^{[l]} \leftarrow A^{[l]} / \text{keep\_prob}$: scale the survivors up so the expected value of each
#    activation is unchanged, and nothing needs rescaling at test time.
#
# Apply it to layers 1 and 2 only, never to the input or the output.
#
# **Your task:** `forward_propagation_with_dropout(X, parameters, keep_prob=0.5)` returns `A3` and the cache
# `(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)`, with `A1`, `A2` stored *after* dropout. Drawing
# `D1` before `D2` with `np.random.rand` reproduces the reference's masks, but any correct draw passes: one random
# number per unit *and per example*. Do not call `np.random.seed` inside the function (the original did): the
# caller seeds, and a seed inside would drop the same units on every call.

# %%
# GRADED: forward_propagation_with_dropout

# %%
check(forward_propagation_with_dropout)

# %% [markdown]
# Backward, the dropped units passed nothing forward, so they receive no gradient; the kept ones were scaled by
# $1 / \text{keep\_prob}$, so their gradient is scaled the same way. With the masks from the cache:
#
# $$dA^{[l]} \leftarrow dA^{[l]} \odot D^{[l]} / \text{keep\_prob} \qquad (l = 2, 1)$$
#
# and the rest is the plain backward pass.
#
# **Your task:** `backward_propagation_with_dropout(X, Y, cache, keep_prob)` returns the gradients dict, with
# the same keys as `backward_propagation`; its `dA2` and `dA1` are the values *after* the mask and the division.

# %%
# GRADED: backward_propagation_with_dropout

# %%
check(backward_propagation_with_dropout)

# %%
results["dropout, keep_prob = 0.86"] = model(train_X, train_Y, keep_prob=0.86)
report("dropout, keep_prob = 0.86")

# %% [markdown]
# ## 6. Side by side
#
# The three cost curves, the three boundaries, and a table of accuracies. Note that the regularised models have a
# *higher* training cost: fitting the training set perfectly is no longer the only goal. (The dropout curve is
# noisy because every iteration trains a different thinned network.)

# %%
# Only the models trained so far are shown, so this cell also runs before all your functions are written.
fig, axes = plt.subplots(1, len(results), figsize=(4.3 * len(results), 3.5), sharey=True, squeeze=False)
for ax, (name, (_, costs)) in zip(axes[0], results.items(), strict=True):
    plot_costs({name: costs}, every=1000, ax=ax, title=name)
plt.show()

plot_decision_boundaries({name: (lambda P, p=parameters: predict(P.T, p)) for name, (parameters, _) in results.items()},
                         train_X, train_Y, ncols=len(results), size=4.2)
plt.show()

print(f"{'model':28s} {'train':>8s} {'test':>8s}")
for name, (parameters, _) in results.items():
    print(f"{name:28s} {accuracy(train_X, train_Y, parameters):8.1%} {accuracy(test_X, test_Y, parameters):8.1%}")

# %% [markdown]
# ## 7. What to take away
#
# * Regularisation trades a little training accuracy for better accuracy on data the network has not seen.
# * L2 is one extra term in the cost and in each $dW$; $\lambda$ is a hyperparameter you tune on a dev set.
# * Dropout is used only while training. At test time (`predict` above) every unit takes part, and inverted
#   dropout's division by `keep_prob` is what keeps the two consistent.
# * When you check gradients numerically (next lesson), turn dropout off: the cost changes from one draw to the
#   next, so finite differences would compare different networks.
