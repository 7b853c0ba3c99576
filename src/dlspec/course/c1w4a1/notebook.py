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
# # Building a deep neural network, one block at a time
#
# Last week's network had exactly one hidden layer, and its forward and backward passes were written out by hand,
# line by line. That does not scale: a network with five or fifty layers would need five or fifty copies of the
# same lines. This week you write each piece **once**, as a small function that handles *one* layer, and then
# chain the pieces into a network of any depth.
#
# The network you will build has $L$ layers: $L-1$ hidden layers that compute LINEAR then ReLU, and an output
# layer that computes LINEAR then SIGMOID, for binary classification:
#
# $$X \;\to\; [\text{LINEAR} \to \text{ReLU}] \times (L-1) \;\to\; \text{LINEAR} \to \text{SIGMOID} \;\to\; \hat{Y}$$
#
# The plan, and the ten functions you will write:
#
# 1. **initialise** the parameters: `initialize_parameters` (two layers), `initialize_parameters_deep` (any depth);
# 2. **forward**: `linear_forward` (one layer's linear part), `linear_activation_forward` (a whole layer),
#    `L_model_forward` (the whole network);
# 3. **cost**: `compute_cost`;
# 4. **backward**: `linear_backward`, `linear_activation_backward`, `L_model_backward`, mirroring the forward ones;
# 5. **update**: `update_parameters`, one step of gradient descent.
#
# At the end you will check your gradients against numerical ones, and train a 3-layer network with your own
# functions.
#
# **How checking works.** After each function there is a cell `check(function_name)`. It runs your function on
# the example shown plus several hidden inputs of other shapes, compares with the reference, and says precisely
# what differs. Stuck? `dlspec hint c1w4a1 <function>` in a terminal gives a ladder of hints, one at a time.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons

from dlspec.nn.activations import relu_backward, sigmoid_backward
from dlspec.nn.activations import relu_forward as relu
from dlspec.nn.activations import sigmoid_forward as sigmoid
from dlspec.notebook import checker
from dlspec.viz.boundary import plot_decision_boundary
from dlspec.viz.curves import plot_costs

check = checker("c1w4a1")
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ### The four helpers you are given
#
# The activations come in **cached** form, the way the rest of this lesson works:
#
# * `A, cache = sigmoid(Z)` and `A, cache = relu(Z)` return the activation *and* a cache, which is simply `Z`;
# * `dZ = sigmoid_backward(dA, cache)` and `dZ = relu_backward(dA, cache)` take the gradient with respect to the
#   layer's output `A` and that cache, and return the gradient with respect to `Z`.
#
# Note that `sigmoid` and `relu` here are *not* the plain functions of week 2: they return a pair. (In `dlspec.nn`
# they are called `sigmoid_forward` and `relu_forward`; the import above renames them to the names the original
# course used.)

# %%
Z_demo = np.array([[-2.0, 0.0, 3.0]])
A_demo, cache_demo = relu(Z_demo)
print("relu:   A =", A_demo, " cache is Z:", cache_demo is Z_demo)
print("relu_backward(ones, cache)    =", relu_backward(np.ones((1, 3)), cache_demo))
print("sigmoid_backward(ones, cache) =", sigmoid_backward(np.ones((1, 3)), sigmoid(Z_demo)[1]))

# %% [markdown]
# ## 1. Notation and shapes
#
# * A superscript in square brackets is the **layer**: $W^{[l]}$, $b^{[l]}$ are layer $l$'s parameters and
#   $A^{[l]}$ its output. Layer 0 is the input: $A^{[0]} = X$. The output layer is $L$, and $A^{[L]} = \hat{Y}$.
# * `layer_dims = [n_x, n_1, ..., n_L]` lists the number of units per layer, input first. Its length is $L+1$.
# * Examples are **columns**: with $m$ examples, $X$ is $(n_x, m)$ and every $Z^{[l]}$, $A^{[l]}$ is $(n_l, m)$.
#
# Every layer computes
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}\big(Z^{[l]}\big)$$
#
# and the shapes follow from the matrix product: $W^{[l]}$ must turn $n_{l-1}$ rows into $n_l$ rows, so it is
# $(n_l, n_{l-1})$, and $b^{[l]}$ is a column $(n_l, 1)$ that NumPy broadcasts across the $m$ columns.
# For `layer_dims = [5, 4, 3, 1]` (a 3-layer network with 5 input features):
#
# | layer $l$ | $n_l$ | $W^{[l]}$ | $b^{[l]}$ | $Z^{[l]}$ and $A^{[l]}$ | activation |
# |---|---|---|---|---|---|
# | 0 (input) | 5 | – | – | $A^{[0]} = X$: $(5, m)$ | – |
# | 1 | 4 | $(4, 5)$ | $(4, 1)$ | $(4, m)$ | ReLU |
# | 2 | 3 | $(3, 4)$ | $(3, 1)$ | $(3, m)$ | ReLU |
# | 3 | 1 | $(1, 3)$ | $(1, 1)$ | $(1, m)$ | sigmoid |
# | any $l$ | $n_l$ | $(n_l, n_{l-1})$ | $(n_l, 1)$ | $(n_l, m)$ | |
#
# When a shape is wrong later on, come back to this table: almost every bug in this assignment shows up as a
# shape that disagrees with it.

# %% [markdown]
# ## 2. Initialisation
#
# The weights start as small random numbers and the biases as zeros. Random weights matter: if every unit of a
# layer started with the same weights, they would all compute the same thing and receive the same gradient, and
# they would stay identical forever. The biases do not need randomness, because the weights already make the units
# differ.
#
# ### Exercise 1: `initialize_parameters`
#
# A 2-layer network (one hidden layer): return a dictionary with `W1` $(n_h, n_x)$, `b1` $(n_h, 1)$, `W2`
# $(n_y, n_h)$ and `b2` $(n_y, 1)$. Weights: `np.random.randn(...)` times 0.01; biases: zeros. Draw `W1` before
# `W2`, so that a seeded run reproduces the example exactly.

# %%
# GRADED: initialize_parameters

# %%
check(initialize_parameters)

# %%
np.random.seed(1)
print(initialize_parameters(3, 2, 1))

# %% [markdown]
# ### Exercise 2: `initialize_parameters_deep`
#
# The same for any number of layers, given `layer_dims`. For each layer $l = 1, \dots, L$ store `W` + `str(l)`
# with shape $(n_l, n_{l-1})$ (random, times 0.01) and `b` + `str(l)` with shape $(n_l, 1)$ (zeros), layer by
# layer, `W` before `b`.

# %%
# GRADED: initialize_parameters_deep

# %%
check(initialize_parameters_deep)

# %%
np.random.seed(3)
for key, value in initialize_parameters_deep([5, 4, 3, 1]).items():
    print(f"{key}: shape {value.shape}")

# %% [markdown]
# ## 3. The forward pass
#
# Each layer does two things, and you will write them as two functions: the **linear** part
# $Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$, and the **activation** $A^{[l]} = g(Z^{[l]})$. Each forward function
# returns its result *and a cache*: the values the backward pass will need later, so that nothing has to be
# recomputed. The picture below shows where every cache goes: it is made on the way forward (top row) and used,
# for the same layer, on the way back (bottom row).


# %%
def draw_building_blocks(L=3):
    """The forward row on top, the backward row below, and the cache each layer hands from one to the other."""
    fig, ax = plt.subplots(figsize=(11, 4.8))
    ax.set_xlim(-1.2, 3.2 * L + 1.6)
    ax.set_ylim(-1.6, 3.6)
    ax.axis("off")

    def box(x, y, text, color):
        frame = {"boxstyle": "round,pad=0.9", "fc": color, "ec": "0.3"}
        ax.text(x, y, text, ha="center", va="center", fontsize=9, bbox=frame, linespacing=1.6)

    def arrow(x0, y0, x1, y1, label="", dx=0.0, dy=0.18, **style):
        ax.annotate("", (x1, y1), (x0, y0), arrowprops={"arrowstyle": "-|>", "color": "0.25", **style})
        ax.text((x0 + x1) / 2 + dx, (y0 + y1) / 2 + dy, label, ha="center", fontsize=9)

    xs = [1.6 + 3.2 * i for i in range(L)]
    ax.text(-0.6, 2.4, "X = A[0]", ha="center", va="center", fontsize=10)
    ax.text(xs[-1] + 2.4, 2.4, "A[L] → cost", ha="center", va="center", fontsize=10)
    for l, x in enumerate(xs, start=1):
        activation = "SIGMOID" if l == L else "RELU"
        box(x, 2.4, f"layer {l}\nLINEAR → {activation}", "#cfe3f7")
        box(x, 0.0, f"layer {l} backward\n{activation} → LINEAR", "#f7dccf")
        arrow(x, 1.93, x, 0.47, f"cache {l}", dx=0.75, dy=0.0, linestyle="--")
        arrow(x, -0.47, x, -1.15)
        ax.text(x, -1.4, f"dW[{l}], db[{l}]", ha="center", fontsize=9)
        left = x - 2.15 if l > 1 else -0.05
        arrow(left, 2.4, x - 1.05, 2.4, f"A[{l - 1}]" if l > 1 else "")
        arrow(x - 1.05, 0.0, left, 0.0, f"dA[{l - 1}]")
    arrow(xs[-1] + 1.05, 2.4, xs[-1] + 1.7, 2.4)
    arrow(xs[-1] + 2.4, 2.05, xs[-1] + 1.05, 0.0, "dA[L]", dx=0.45, dy=0.0)
    ax.set_title("cache l = ((A[l-1], W[l], b[l]), Z[l]): the linear cache, then the activation cache", fontsize=10)
    plt.show()


draw_building_blocks()

# %% [markdown]
# ### Exercise 3: `linear_forward`
#
# $$Z = W A + b$$
#
# with `A` of shape $(n_{l-1}, m)$, `W` $(n_l, n_{l-1})$, `b` $(n_l, 1)$, so `Z` is $(n_l, m)$. Return `Z` and
# the cache `(A, W, b)`, in that order: the backward pass unpacks it that way.

# %%
# GRADED: linear_forward

# %%
check(linear_forward)

# %% [markdown]
# ### Exercise 4: `linear_activation_forward`
#
# A whole layer: the linear part, then the activation named by the string `activation` (`"sigmoid"` or
# `"relu"`), using the helpers `sigmoid(Z)` / `relu(Z)` from the top of the notebook. Return the layer's output
# `A` and the cache `(linear_cache, activation_cache)`, where the first comes from `linear_forward` and the second
# from the activation helper.

# %%
# GRADED: linear_activation_forward

# %%
check(linear_activation_forward)

# %% [markdown]
# ### Exercise 5: `L_model_forward`
#
# The whole network. The dictionary `parameters` holds `W1, b1, ..., WL, bL`, so $L$ is half its length.
# Layers $1, \dots, L-1$ are LINEAR → RELU and layer $L$ is LINEAR → SIGMOID; each layer's output is the next
# layer's input. Return $A^{[L]}$, shape $(1, m)$, and the list of the $L$ caches, **first layer first**.

# %%
# GRADED: L_model_forward

# %%
check(L_model_forward)

# %%
np.random.seed(3)
X_demo = np.random.randn(5, 7)
AL_demo, caches_demo = L_model_forward(X_demo, initialize_parameters_deep([5, 4, 3, 1]))
print("AL shape:", AL_demo.shape, " number of caches:", len(caches_demo))
for l, ((A_prev, W, b), Z) in enumerate(caches_demo, start=1):
    print(f"cache {l}: A_prev {A_prev.shape}, W {W.shape}, b {b.shape}, Z {Z.shape}")

# %% [markdown]
# The printed shapes should match the table of section 1, row by row. (With weights this small every
# probability is close to 0.5: the network has not learned anything yet.)
#
# ## 4. The cost
#
# ### Exercise 6: `compute_cost`
#
# The cross-entropy cost, averaged over the $m$ examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Big( y^{(i)} \log a^{[L](i)}
#     + \big(1 - y^{(i)}\big)\log\big(1 - a^{[L](i)}\big) \Big)$$
#
# `AL` and `Y` are both $(1, m)$. Return the cost as a single number (a Python `float`), not as a $(1, 1)$ array.

# %%
# GRADED: compute_cost

# %%
check(compute_cost)

# %% [markdown]
# ## 5. The backward pass
#
# Backpropagation runs the same chain in reverse. For one layer, given $dA^{[l]}$ (short for
# $\partial \mathcal{L} / \partial A^{[l]}$), it first goes back through the activation,
#
# $$dZ^{[l]} = dA^{[l]} * g'\big(Z^{[l]}\big) \quad\text{(elementwise; this is what the helpers compute)}$$
#
# and then through the linear part, using the cache $(A^{[l-1]}, W^{[l]}, b^{[l]})$:
#
# $$dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]\,T}, \qquad
#   db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)}, \qquad
#   dA^{[l-1]} = W^{[l]\,T} dZ^{[l]}$$
#
# Why is there a $\frac{1}{m}$ in $dW$ and $db$ but not in $dA$? Each column of $dA$ and $dZ$ belongs to one
# example and holds the gradient of *that example's* loss. The parameters are shared by all examples, so their
# gradient sums the $m$ columns, and the average over examples (the cost is a mean) puts the $\frac{1}{m}$ there,
# once. A useful sanity check: every gradient has the shape of the thing it is the gradient of.
#
# ### Exercise 7: `linear_backward`
#
# Given `dZ` $(n_l, m)$ and the linear cache `(A_prev, W, b)`, return `dA_prev` $(n_{l-1}, m)$, `dW`
# $(n_l, n_{l-1})$ and `db` $(n_l, 1)$, using the three formulas above.

# %%
# GRADED: linear_backward

# %%
check(linear_backward)

# %% [markdown]
# ### Exercise 8: `linear_activation_backward`
#
# One whole layer backwards: split the cache into its linear and activation parts, use `relu_backward` or
# `sigmoid_backward` (whichever `activation` names) to get $dZ$, then `linear_backward`. Return
# `dA_prev, dW, db`.

# %%
# GRADED: linear_activation_backward

# %%
check(linear_activation_backward)

# %% [markdown]
# ### Exercise 9: `L_model_backward`
#
# The whole network backwards. Everything starts from the derivative of the loss with respect to the network's
# output:
#
# $$dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right) \quad\text{(elementwise)}$$
#
# Then walk the layers from $L$ down to 1: layer $L$ goes back through the sigmoid, the others through ReLU, and
# the step for layer $l$ uses `caches[l - 1]` (the list is numbered from 0) and produces $dA^{[l-1]}$, which is
# the input of the next step down. Store the results in a dictionary with keys `"dA" + str(l - 1)`,
# `"dW" + str(l)` and `"db" + str(l)`; `dA0` is the gradient with respect to the input $X$.
#
# (Reshape `Y` to the shape of `AL` first, in case it arrives as a flat array.)

# %%
# GRADED: L_model_backward

# %%
check(L_model_backward)

# %% [markdown]
# ## 6. Gradient descent
#
# ### Exercise 10: `update_parameters`
#
# One step of gradient descent on every layer, with learning rate $\alpha$:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]}$$
#
# Return the updated parameters in a dictionary with the same keys. Work on a copy (`{k: v.copy() for ...}` or
# `copy.deepcopy`) so that the caller's `params` keep their old values: code that compares parameters before and
# after a step, like the gradient check below, relies on that.

# %%
# GRADED: update_parameters

# %%
check(update_parameters)

# %% [markdown]
# ## 7. Are your gradients right? A numerical check
#
# The checks above compare your functions with a reference. Here is a way to convince yourself without one, which
# you can use on any network you ever write: nudge one parameter by a tiny $\varepsilon$ in each direction and
# watch the cost,
#
# $$\frac{\partial J}{\partial \theta} \approx \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}.$$
#
# Doing this for every parameter is slow (two forward passes per number), so it is only for tiny networks, but it
# relies on nothing but your forward pass and your cost. Below: a 3-layer network with 4 examples; the table
# compares your `L_model_backward` with the numerical gradients by their relative difference
# $\frac{\lVert g - g_{\text{num}}\rVert}{\lVert g\rVert + \lVert g_{\text{num}}\rVert}$, which should be
# around $10^{-7}$ or smaller. Course 2 returns to this idea in depth.


# %%
def numerical_gradients(X, Y, parameters, epsilon=1e-7):
    """Central-difference estimate of dJ/dtheta for every entry of every parameter."""
    grads = {}
    for key, value in parameters.items():
        grads["d" + key] = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            shifted = {k: v.copy() for k, v in parameters.items()}
            shifted[key][idx] = value[idx] + epsilon
            cost_plus = compute_cost(L_model_forward(X, shifted)[0], Y)
            shifted[key][idx] = value[idx] - epsilon
            cost_minus = compute_cost(L_model_forward(X, shifted)[0], Y)
            grads["d" + key][idx] = (cost_plus - cost_minus) / (2 * epsilon)
    return grads


rng = np.random.default_rng(0)
gc_dims = [3, 4, 2, 1]
X_gc, Y_gc = rng.standard_normal((3, 4)), np.array([[1.0, 0.0, 1.0, 0.0]])
params_gc = {}
for l in range(1, len(gc_dims)):
    params_gc[f"W{l}"] = rng.standard_normal((gc_dims[l], gc_dims[l - 1]))
    params_gc[f"b{l}"] = rng.standard_normal((gc_dims[l], 1))

AL_gc, caches_gc = L_model_forward(X_gc, params_gc)
analytic = L_model_backward(AL_gc, Y_gc, caches_gc)
numeric = numerical_gradients(X_gc, Y_gc, params_gc)
print(f"{'gradient':>8}  {'shape':>7}  relative difference")
for key in params_gc:
    g, g_num = analytic["d" + key], numeric["d" + key]
    difference = np.linalg.norm(g - g_num) / (np.linalg.norm(g) + np.linalg.norm(g_num) + 1e-12)
    print(f"{'d' + key:>8}  {g.shape!s:>7}  {difference:.1e}")

# %% [markdown]
# ## 8. All together: training a 3-layer network
#
# The blocks are all there; training is a loop around them: forward, cost, backward, update. Below a 3-layer
# network (`layer_dims = [2, 10, 5, 1]`) learns to separate two interleaving half-moons, 300 points in the plane.


# %%
def train(X, Y, layer_dims, learning_rate=0.3, num_iterations=2500, weight_scale=None, seed=1):
    """Gradient descent with your functions; returns the parameters and the cost every 100 iterations.

    weight_scale=None keeps your initialisation (randn * 0.01); "sqrt" rescales layer l's weights to
    randn / sqrt(n_{l-1}) (see the note after the plot).
    """
    np.random.seed(seed)
    parameters = initialize_parameters_deep(layer_dims)
    if weight_scale == "sqrt":
        for l in range(1, len(layer_dims)):
            parameters[f"W{l}"] = parameters[f"W{l}"] * 100 / np.sqrt(layer_dims[l - 1])
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(AL, Y))
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


points, labels = make_moons(n_samples=300, noise=0.25, random_state=0)
X_moons, Y_moons = points.T, labels.reshape(1, -1).astype(float)
print("X:", X_moons.shape, " Y:", Y_moons.shape)

params_small, costs_small = train(X_moons, Y_moons, [2, 10, 5, 1])
params_sqrt, costs_sqrt = train(X_moons, Y_moons, [2, 10, 5, 1], weight_scale="sqrt")


def accuracy(parameters, X, Y):
    return float(np.mean((L_model_forward(X, parameters)[0] > 0.5) == Y))


print(
    f"training accuracy: {accuracy(params_small, X_moons, Y_moons):.1%} (0.01 init), "
    f"{accuracy(params_sqrt, X_moons, Y_moons):.1%} (1/sqrt(n) init)"
)
fig, (ax_cost, ax_plane) = plt.subplots(1, 2, figsize=(12, 4.5))
plot_costs({"weights randn * 0.01": costs_small, "weights randn / sqrt(n_prev)": costs_sqrt}, every=100, ax=ax_cost)
plot_decision_boundary(
    lambda P: L_model_forward(P.T, params_sqrt)[0] > 0.5,
    X_moons,
    Y_moons,
    ax=ax_plane,
    title="what the trained network predicts, everywhere in the plane",
)
plt.show()

# %% [markdown]
# Both runs reach the same cost, but look at the start of the blue curve. With weights of size 0.01, each unit
# adds up a handful of inputs times 0.01, so the signal shrinks at every layer, on the way forward and on the way
# back; the gradients of a 3-layer network are tiny, and the cost sits on a plateau at $\log 2 \approx 0.693$ (a
# coin flip) for hundreds of iterations. Scaling each layer's weights by $1/\sqrt{n_{l-1}}$ keeps the signal's
# size roughly constant from layer to layer, and the plateau disappears. The deeper the network, the more this
# matters; Course 2 explains how to choose the scale.
#
# On the right, the colours show the class the trained network predicts at every point of the plane: a curved
# boundary that follows the two moons, which no single sigmoid unit (a straight line) could draw.
#
# ## What you built
#
# * Ten small functions that together train a fully connected network of **any depth**: the depth is just the
#   length of `layer_dims`.
# * The forward/backward pairs with caches are how real frameworks are organised too: every layer knows how to
#   compute its output and how to pass gradients back, given what it remembered on the way forward.
# * A numerical gradient check, which tells you whether a backward pass is right without any reference answer.
#
# Next, in the application assignment, these same functions classify cat pictures.
