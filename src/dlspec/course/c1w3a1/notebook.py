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
# # Planar data classification with one hidden layer
#
# Last week a single sigmoid unit drew one straight line through the data. This week you add a **hidden layer**
# between the input and that unit, and the line becomes a curve that can wrap around whatever shape the classes
# make.
#
# The data are points in the plane, so you can *see* what the network has learnt: we colour every spot of the
# plane by the class the model predicts there. You will
#
# * watch logistic regression fail on data that no line can split;
# * build a network with one tanh hidden layer, function by function: sizes, initialisation, the forward pass,
#   the cost, the backward pass, the update, the training loop and prediction;
# * train it, and see how the size of the hidden layer changes what it can draw.
#
# Each graded function is followed by `check(...)`, which runs it on the same cases the grader uses and tells you
# what is wrong if anything is. Stuck? `dlspec hint c1w3a1 <function>` climbs a ladder of hints, one rung at a time.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression

from dlspec.data.planar import load_extra_datasets, load_planar_dataset
from dlspec.nn.activations import sigmoid  # noqa: F401  (forward_propagation uses it)
from dlspec.notebook import checker
from dlspec.viz.boundary import plot_decision_boundaries, plot_decision_boundary

# %matplotlib inline
check = checker("c1w3a1")

# %% [markdown]
# ## 1. The data: a flower
#
# `load_planar_dataset()` returns 400 points, 200 of each class, drawn along a curve with eight petals; the two
# classes take turns, petal by petal. As everywhere in this course, **examples are columns**:
#
# * `X` has shape `(2, 400)`: row 0 holds the first coordinate $x_1$, row 1 the second, $x_2$;
# * `Y` has shape `(1, 400)`: the labels, 0 (red) or 1 (blue).

# %%
X, Y = load_planar_dataset()
print("X:", X.shape, " Y:", Y.shape, " examples:", X.shape[1])

plt.figure(figsize=(5, 5))
plt.scatter(X[0], X[1], c=Y.ravel(), s=15, cmap=plt.cm.Spectral)
plt.title("the flower: two classes, four petals each")
plt.show()

# %% [markdown]
# ## 2. A baseline: logistic regression
#
# Before building anything, try the model you already know. scikit-learn's logistic regression fits the best
# straight boundary it can. Its input convention is the transpose of ours (one example per *row*), hence the `.T`.

# %%
baseline = LogisticRegression().fit(X.T, Y.ravel())
baseline_accuracy = baseline.score(X.T, Y.ravel())

plot_decision_boundary(baseline.predict, X, Y, title=f"logistic regression: {baseline_accuracy:.0%} correct")
plt.show()

# %% [markdown]
# About half right: no better than a coin. Any straight line leaves roughly as many petals of each colour on
# either side, so the best line is nearly useless. The data are not *linearly separable*: the model needs to bend
# its boundary.
#
# ## 3. The network
#
# One hidden layer of $n_h$ tanh units, then one sigmoid unit. For a single example $x^{(i)}$ (a column of 2
# numbers):
#
# $$z^{[1](i)} = W^{[1]} x^{(i)} + b^{[1]}, \qquad a^{[1](i)} = \tanh\left(z^{[1](i)}\right)$$
# $$z^{[2](i)} = W^{[2]} a^{[1](i)} + b^{[2]}, \qquad \hat y^{(i)} = a^{[2](i)} = \sigma\left(z^{[2](i)}\right)$$
#
# and the prediction is class 1 when $a^{[2](i)} > 0.5$. Over all $m$ examples at once, the columns stack into
# matrices: $X$ is $(n_x, m)$, $A^{[1]}$ is $(n_h, m)$ and $A^{[2]}$ is $(1, m)$.
#
# Why tanh in the hidden layer? Its outputs are centred on zero (they range over $(-1, 1)$), which keeps the next
# layer's inputs balanced and tends to make learning faster than with a sigmoid there. The output keeps the
# sigmoid because it must be a probability.
#
# The cost is the cross-entropy averaged over the examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \left[ y^{(i)} \log a^{[2](i)}
#   + (1 - y^{(i)}) \log\left(1 - a^{[2](i)}\right) \right]$$
#
# Building it follows the recipe of every network in this course:
#
# 1. decide the structure (layer sizes);
# 2. initialise the parameters;
# 3. repeat: forward pass, cost, backward pass (gradients), gradient-descent update.
#
# ### 3.1 Layer sizes
#
# `layer_sizes(X, Y)` returns the tuple `(n_x, n_h, n_y)`: the input size and the output size come from the
# shapes of `X` and `Y`; the hidden layer has **4** units for now (section 5 varies it).

# %%
# GRADED: layer_sizes

# %%
check(layer_sizes)

# %% [markdown]
# ### 3.2 Initialisation
#
# `initialize_parameters(n_x, n_h, n_y)` returns a dict with
#
# | key | shape | value |
# |---|---|---|
# | `W1` | $(n_h, n_x)$ | small random numbers: a standard normal draw times 0.01 |
# | `b1` | $(n_h, 1)$ | zeros |
# | `W2` | $(n_y, n_h)$ | small random numbers, drawn after `W1` |
# | `b2` | $(n_y, 1)$ | zeros |
#
# The weights must be random: if every hidden unit started with the same weights, each would compute the same
# thing and receive the same gradient, and they would stay identical however long you trained. They must be small
# because tanh and sigmoid are nearly flat for large inputs, where gradients vanish. Zero biases are fine: the
# random weights already break the symmetry.
#
# Use NumPy's global random generator (`np.random.randn`); the checks seed it before calling you, and accept any
# correct draw.

# %%
# GRADED: initialize_parameters

# %%
check(initialize_parameters)

# %% [markdown]
# ### 3.3 Forward propagation
#
# `forward_propagation(X, parameters)` computes, for all examples at once,
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}, \quad A^{[1]} = \tanh(Z^{[1]})$$
# $$Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \quad A^{[2]} = \sigma(Z^{[2]})$$
#
# and returns `A2` together with a `cache` dict holding `"Z1"`, `"A1"`, `"Z2"` and `"A2"`: the backward pass
# needs them. The bias columns broadcast across the $m$ examples. `np.tanh` is in NumPy; `sigmoid` was imported
# at the top.

# %%
# GRADED: forward_propagation

# %%
check(forward_propagation)

# %% [markdown]
# ### 3.4 The cost
#
# `compute_cost(AL, Y)` returns $J$ above as a Python `float`, where `AL` is the output layer's activations: `A2`
# for this network (next week the same function serves networks of any depth, hence the name). An elementwise
# product and `np.sum` do it without a loop; `np.log` is the natural logarithm.

# %%
# GRADED: compute_cost

# %%
check(compute_cost)

# %% [markdown]
# ### 3.5 Backward propagation
#
# This is the step that takes calculus; the lecture derives it, and here are the results, vectorised over the
# $m$ examples ($*$ is the elementwise product):
#
# $$dZ^{[2]} = A^{[2]} - Y$$
# $$dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}, \qquad db^{[2]} = \frac{1}{m} \sum_{\text{examples}} dZ^{[2]}$$
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} * \left(1 - (A^{[1]})^2\right)$$
# $$dW^{[1]} = \frac{1}{m} dZ^{[1]} X^T, \qquad db^{[1]} = \frac{1}{m} \sum_{\text{examples}} dZ^{[1]}$$
#
# The factor $1 - (A^{[1]})^2$ is the derivative of tanh written with its output: if $a = \tanh(z)$ then
# $\tanh'(z) = 1 - a^2$, so you need `A1` from the cache and never `Z1`. Every gradient has the shape of the
# parameter it belongs to; the sums over examples run along axis 1 and keep a column.
#
# `backward_propagation(parameters, cache, X, Y)` returns a dict with `"dW1"`, `"db1"`, `"dW2"`, `"db2"`.

# %%
# GRADED: backward_propagation

# %%
check(backward_propagation)

# %% [markdown]
# ### 3.6 The update
#
# Gradient descent moves every parameter against its gradient: $\theta \leftarrow \theta - \alpha \, d\theta$,
# with learning rate $\alpha$. `update_parameters(parameters, grads, learning_rate=1.2)` returns the updated dict
# (a new one: leave the input as it is).
#
# The learning rate decides whether training works at all. Too small and it crawls; too large and each step
# overshoots, so the cost bounces around or blows up. 1.2 suits this network and data.

# %%
# GRADED: update_parameters

# %%
check(update_parameters)

# %% [markdown]
# ### 3.7 The model
#
# `nn_model(X, Y, n_h, num_iterations=10000, print_cost=False)` puts it all together and returns the trained
# parameters. The input and output sizes come from `layer_sizes`; the hidden size is the argument `n_h`.
# Initialise once, then run `num_iterations` steps of forward pass, cost, backward pass and update (with
# `update_parameters`' default learning rate). With `print_cost`, print the cost every 1000 steps.

# %%
# GRADED: nn_model

# %%
check(nn_model)

# %% [markdown]
# ### 3.8 Predictions
#
# `predict(parameters, X)` runs the forward pass and answers class 1 where the output is above one half: a
# `(1, m)` array of booleans.

# %%
# GRADED: predict

# %%
check(predict)

# %% [markdown]
# ## 4. Train it on the flower
#
# Four hidden units, 10 000 steps (a second or so). The seed only fixes which random start you get.

# %%
np.random.seed(3)
parameters = nn_model(X, Y, n_h=4, num_iterations=10000, print_cost=True)
accuracy = float(np.mean(predict(parameters, X) == Y))

plot_decision_boundary(lambda P: predict(parameters, P.T), X, Y,
                       title=f"4 hidden units: {accuracy:.0%} correct")
plt.show()

# %% [markdown]
# From about half to more than nine in ten: the hidden layer has bent the boundary around the petals. A logistic
# regression can only split the plane in two with a line; each tanh unit contributes one soft line, and the output
# unit combines them into a curved region.
#
# `nn_model` only returns the final parameters. To see *how* the cost falls, run the same steps yourself and write
# the cost down as you go. (This reuses your functions, so it works once they do.)

# %%
np.random.seed(3)
params = initialize_parameters(2, 4, 1)
costs = []
for _ in range(3000):
    A2, cache = forward_propagation(X, params)
    costs.append(compute_cost(A2, Y))
    params = update_parameters(params, backward_propagation(params, cache, X, Y))

plt.plot(costs)
plt.xlabel("gradient-descent step")
plt.ylabel("cost J")
plt.title("learning curve, 4 hidden units")
plt.show()

# %% [markdown]
# Notice the shelf near the start. With tiny initial weights every tanh unit works in its nearly linear middle,
# so at first the network behaves much like logistic regression and gets stuck where it did; once the hidden
# units have grown apart, the cost drops quickly.
#
# ## 5. How many hidden units?
#
# The number of hidden units is a **hyper-parameter**: you choose it, training doesn't. Below, the same data and
# the same 5000 steps for several sizes, each panel titled with its training accuracy.

# %%
hidden_sizes = [1, 2, 3, 4, 5, 20, 50]
models = {}
for n_h in hidden_sizes:
    np.random.seed(3)
    trained = nn_model(X, Y, n_h, num_iterations=5000)
    acc = float(np.mean(predict(trained, X) == Y))
    models[f"n_h = {n_h}: {acc:.0%}"] = lambda P, p=trained: predict(p, P.T)

plot_decision_boundaries(models, X, Y, ncols=4)
plt.show()

# %% [markdown]
# What to notice:
#
# * with one or two units the boundary is still nearly straight: too few bends for eight petals;
# * from three or four units on, the flower is captured;
# * much larger layers score a little higher *on the training points*, but their boundaries start to grow thin
#   tongues that reach for individual points. That is **overfitting**: the extra accuracy would not carry over to new
#   points from the same flower. Course 2 shows how regularisation lets a big network keep a smooth boundary.
#
# ## 6. Other shapes
#
# The same code, untouched, on four more data sets from scikit-learn (200 points each). `blobs` has six classes;
# folding them with `y % 2` turns it into a two-class problem with several islands per class.

# %%
noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure = load_extra_datasets()
shapes = {"noisy circles": noisy_circles, "noisy moons": noisy_moons, "blobs": blobs,
          "gaussian quantiles": gaussian_quantiles}

fig, axes = plt.subplots(1, 4, figsize=(16, 4))
for ax, (name, (points, labels)) in zip(axes, shapes.items(), strict=True):
    Xs, Ys = points.T, (labels % 2).reshape(1, -1)
    np.random.seed(3)
    trained = nn_model(Xs, Ys, 4, num_iterations=5000)
    acc = float(np.mean(predict(trained, Xs) == Ys))
    plot_decision_boundary(lambda P, p=trained: predict(p, P.T), Xs, Ys, ax=ax, title=f"{name}: {acc:.0%}")
fig.tight_layout()
plt.show()

# %% [markdown]
# The fifth set, `no_structure`, is uniform noise with labels that have nothing to do with the points. Try it
# (and other hidden sizes or learning rates) yourself: what accuracy should you expect, and what happens to the
# boundary as $n_h$ grows?
#
# ## What you built
#
# * a network with one hidden layer, from parameters to predictions, in plain NumPy;
# * the backward pass of a two-layer network, written out by hand;
# * evidence that one hidden layer turns a linear classifier into one that can draw curved boundaries, and that
#   more units is not automatically better.
#
# Next week the same ideas stretch to any number of layers.
