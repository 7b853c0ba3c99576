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
# # Convolutional neural networks, step by step
#
# A dense layer connects every input to every unit. For a photo that is hopeless: a 200 × 200 colour image has
# 120,000 inputs, so a single dense unit already needs 120,000 weights, and what it learns about the top-left
# corner tells it nothing about the bottom-right. A **convolution layer** does something much more economical: it
# slides a small filter, say 3 × 3, across the whole image and computes the same weighted sum at every position.
# The filter's few weights are **shared** by every position, and each output looks only at a small **window** of
# the input. A filter that responds to a vertical edge responds to it wherever it is.
#
# This week you write a convolution layer and a pooling layer in plain NumPy, forward and backward, with the loops
# spelt out so that every index is visible:
#
# 1. **convolution, forward**: `zero_pad` (a border of zeros), `conv_single_step` (one filter on one window),
#    `conv_forward` (every filter on every window of every image);
# 2. **pooling, forward**: `pool_forward`, max and average;
# 3. **convolution, backward**: `conv_backward`;
# 4. **pooling, backward**: `create_mask_from_window`, `distribute_value` and `pool_backward`.
#
# Along the way you will run your filters on a real photograph, check your gradients against finite differences,
# race your loops against a vectorised version, and let gradient descent rediscover an edge detector.
#
# **Shapes.** A batch of images is `(m, n_H, n_W, n_C)`: examples first, then height, width and channels (3 for a
# colour image; for a hidden layer, one channel per filter of the layer before). This is the layout of the
# original course, so code you wrote there runs here unchanged.
#
# After each function, `check(function_name)` runs it on the example shown and on hidden inputs with other
# strides, paddings, filter sizes and image shapes. Stuck? `dlspec hint c4w1a1 <function>` in a terminal gives a
# ladder of hints, one at a time.

# %%
import timeit
from functools import partial

import matplotlib.pyplot as plt
import numpy as np
from skimage import data, transform
from threadpoolctl import threadpool_limits

from dlspec.nn.conv import conv2d_backward, conv2d_forward
from dlspec.nn.gradcheck import numerical_gradient
from dlspec.nn.optim import initialize_adam, update_parameters_with_adam
from dlspec.notebook import checker, quick

check = checker("c4w1a1")
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. Padding
#
# A 3 × 3 filter fits $n - 2$ times across an image $n$ pixels wide, so each convolution shrinks the image, and a
# deep network would shrink it to nothing. The pixels at the border also take part in fewer windows than those in
# the middle, so what happens at the edge counts for less. **Zero-padding** fixes both: surround the image with
# `pad` rows and columns of zeros before sliding the filter. With $p = (f - 1)/2$ the output keeps the input's
# height and width (a "same" convolution); with $p = 0$ there is no padding (a "valid" convolution).
#
# ### Exercise 1: `zero_pad`
#
# Pad every image of the batch `X`, `(m, n_H, n_W, n_C)`, with `pad` zeros on each side of the height and the
# width. The examples and the channels get no border. `np.pad` does it in one call; you tell it, axis by axis, how
# many entries go before and after.

# %%
# GRADED: zero_pad

# %%
check(zero_pad)

# %%
np.random.seed(1)
x = np.random.randn(4, 3, 3, 2)
x_pad = zero_pad(x, 3)
print("x.shape     =", x.shape)
print("x_pad.shape =", x_pad.shape)
fig, (ax_x, ax_pad) = plt.subplots(1, 2, figsize=(6, 3))
ax_x.imshow(x[0, :, :, 0], vmin=-2, vmax=2)
ax_x.set_title("x[0, :, :, 0]")
ax_pad.imshow(x_pad[0, :, :, 0], vmin=-2, vmax=2)
ax_pad.set_title("x_pad[0, :, :, 0]")
plt.show()

# %% [markdown]
# ## 2. One step of a convolution
#
# At one position the filter covers a window of the input, `a_slice_prev`, with the same shape as the filter,
# $(f, f, n_{C,prev})$: it spans all the input's channels. The output there is one number: multiply window and
# filter entry by entry, add everything up, add the filter's bias $b$:
#
# $$z = \sum_{i,j,k} a_{ijk} \, W_{ijk} + b$$
#
# ### Exercise 2: `conv_single_step`
#
# Return $z$ as a float. `b` holds one number in an array of shape `(1, 1, 1)`; take it out with `b.item()` (NumPy
# 2 no longer converts an array with dimensions using `float(b)`).

# %%
# GRADED: conv_single_step

# %%
check(conv_single_step)

# %%
np.random.seed(1)
a_slice_prev = np.random.randn(4, 4, 3)
W = np.random.randn(4, 4, 3)
b = np.random.randn(1, 1, 1)
print("z =", conv_single_step(a_slice_prev, W, b))

# %% [markdown]
# ## 3. The convolution layer, forward
#
# A layer has $n_C$ filters, stacked in `W` of shape $(f, f, n_{C,prev}, n_C)$, each with its own bias: `b` is
# $(1, 1, 1, n_C)$. Filter $c$ slides over the padded input with a **stride** $s$, jumping $s$ pixels between
# neighbouring outputs; its outputs form channel $c$ of the result. Output position $(h, w)$ sees the window
# whose top-left corner is at row $h \cdot s$ and column $w \cdot s$ of the padded input:
#
# ```
# vert_start = h * stride      vert_end = vert_start + f
# horiz_start = w * stride     horiz_end = horiz_start + f
# ```
#
# The last window must still fit inside the padded input, which fixes the output's size:
#
# $$n_H = \left\lfloor \frac{n_{H,prev} + 2p - f}{s} \right\rfloor + 1, \qquad
#   n_W = \left\lfloor \frac{n_{W,prev} + 2p - f}{s} \right\rfloor + 1$$
#
# For example, a 5 × 7 input, padded by 1, under a 3 × 3 filter with stride 2: $n_H = \lfloor 4/2 \rfloor + 1 = 3$
# and $n_W = \lfloor 6/2 \rfloor + 1 = 4$.
#
# ### Exercise 3: `conv_forward`
#
# Read `stride` and `pad` from `hparameters`, pad `A_prev`, then loop over the examples `i`, the output rows `h`,
# the output columns `w` and the filters `c`, and fill `Z[i, h, w, c]` with `conv_single_step` on the right window,
# filter and bias. Return `Z` and the cache `(A_prev, W, b, hparameters)`, which the backward pass will need.
# Images are rarely square and strides are not always 1: keep heights with heights and widths with widths.

# %%
# GRADED: conv_forward

# %%
check(conv_forward)

# %%
np.random.seed(1)
A_prev = np.random.randn(2, 5, 7, 4)
W = np.random.randn(3, 3, 4, 8)
b = np.random.randn(1, 1, 1, 8)
Z, cache_conv = conv_forward(A_prev, W, b, {"pad": 1, "stride": 2})
print("Z.shape =", Z.shape)
print("mean of Z =", np.mean(Z))
print("Z[0, 2, 1] =", Z[0, 2, 1])

# %% [markdown]
# ### What filters see
#
# Your `conv_forward` works on any image. Below it runs four hand-made 3 × 3 filters over a photograph that ships
# with scikit-image. A filter whose left column is positive and right column negative gives a large output where
# the brightness changes from left to right, that is, along **vertical edges**; its transpose finds horizontal
# edges; a diagonal version finds diagonal ones; a filter of equal weights just **blurs**. Each filter's output is
# one channel of `Z`, a **feature map**: bright where the input looks like the filter, dark where it looks like
# its negative.
#
# A learned network works the same way, except that gradient descent chooses the weights. The first layers of
# image networks do end up with edge and colour detectors much like these; deeper layers combine them into
# textures, parts and objects.

# %%
SIZE = quick(128, 48)
photo = transform.resize(data.camera() / 255.0, (SIZE, SIZE), anti_aliasing=True)
filters = {
    "vertical edges": np.array([[1.0, 0, -1], [2, 0, -2], [1, 0, -1]]),
    "horizontal edges": np.array([[1.0, 2, 1], [0, 0, 0], [-1, -2, -1]]),
    "diagonal edges": np.array([[0.0, 1, 2], [-1, 0, 1], [-2, -1, 0]]),
    "blur": np.full((3, 3), 1 / 9),
}
W_hand = np.stack(list(filters.values()), axis=-1)[:, :, None, :]  # (3, 3, 1, 4): one input channel, four filters
b_hand = np.zeros((1, 1, 1, 4))
feature_maps, _ = conv_forward(photo[None, :, :, None], W_hand, b_hand, {"pad": 1, "stride": 1})
print("photo:", photo.shape, "  filters:", W_hand.shape, "  feature maps:", feature_maps.shape)

fig, axes = plt.subplots(2, 5, figsize=(14, 5), gridspec_kw={"height_ratios": [1, 2.5]})
axes[0, 0].axis("off")
axes[1, 0].imshow(photo, cmap="gray")
axes[1, 0].set_title("input")
for k, name in enumerate(filters):
    axes[0, k + 1].imshow(W_hand[:, :, 0, k], cmap="RdBu_r", vmin=-2, vmax=2)
    axes[0, k + 1].set_title(f"filter: {name}", fontsize=9)
    fmap = feature_maps[0, :, :, k]
    if name == "blur":
        axes[1, k + 1].imshow(fmap, cmap="gray")
    else:  # red for positive responses, blue for negative, white for none
        limit = np.abs(fmap).max()
        axes[1, k + 1].imshow(fmap, cmap="RdBu_r", vmin=-limit, vmax=limit)
    axes[1, k + 1].set_title(f"feature map {k}")
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()

# %% [markdown]
# Padding by 1 kept the feature maps at the photo's size. With stride 2 each map would be half as tall and half as
# wide, a quarter of the work, at the price of skipping every other position:

# %%
for stride in (1, 2, 3):
    Z_strided, _ = conv_forward(photo[None, :24, :32, None], W_hand, b_hand, {"pad": 1, "stride": stride})
    print(f"24 x 32 crop, 3 x 3 filters, pad 1, stride {stride} -> feature maps {Z_strided.shape}")

# %% [markdown]
# ## 4. Pooling
#
# A **pooling** layer shrinks each feature map by summarising small windows, each channel on its own. **Max
# pooling** keeps the largest value of each window: whether a feature is present somewhere in the window matters,
# exactly where matters less. **Average pooling** keeps the mean. A pooling layer has no weights at all, only two
# hyper-parameters, the window size $f$ and the stride $s$ (usually no padding), and the output has the input's
# number of channels:
#
# $$n_H = \left\lfloor \frac{n_{H,prev} - f}{s} \right\rfloor + 1, \qquad
#   n_W = \left\lfloor \frac{n_{W,prev} - f}{s} \right\rfloor + 1, \qquad n_C = n_{C,prev}$$
#
# ### Exercise 4: `pool_forward`
#
# Read `f` and `stride` from `hparameters`, then loop over examples, output rows, output columns and channels; the
# window is `A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]` (one channel). For `mode="max"` keep its
# maximum, for `mode="average"` its mean. Return `A` and the cache `(A_prev, hparameters)`.

# %%
# GRADED: pool_forward

# %%
check(pool_forward)

# %%
np.random.seed(1)
A_prev = np.random.randn(2, 5, 5, 3)
for mode in ("max", "average"):
    A, _ = pool_forward(A_prev, {"stride": 1, "f": 3}, mode=mode)
    print(f"mode = {mode}: A.shape = {A.shape}\nA[1, 1] =\n{A[1, 1]}\n")

# %% [markdown]
# A typical block of a convolutional network is convolution, ReLU, max pooling. Here it is on the vertical-edge
# and horizontal-edge maps: the ReLU keeps the positive responses (edges where the image gets darker from left to
# right, or from top to bottom), and max pooling with $f = s = 2$ halves each side while keeping every strong
# response.

# %%
relu_maps = np.maximum(feature_maps[:, :, :, :2], 0)
pooled, _ = pool_forward(relu_maps, {"f": 2, "stride": 2}, mode="max")
print("after ReLU:", relu_maps.shape, "  after 2 x 2 max pooling:", pooled.shape)
fig, axes = plt.subplots(1, 4, figsize=(13, 3.5))
for k, name in enumerate(list(filters)[:2]):
    axes[2 * k].imshow(relu_maps[0, :, :, k], cmap="gray")
    axes[2 * k].set_title(f"{name}, ReLU")
    axes[2 * k + 1].imshow(pooled[0, :, :, k], cmap="gray")
    axes[2 * k + 1].set_title(f"{name}, max pooled")
for ax in axes:
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 5. The convolution layer, backward
#
# Every output $Z_{ihwc}$ was computed from one window of the padded input and one filter, so its gradient
# $dZ_{ihwc}$ flows back to exactly those, and nowhere else. Since $Z_{ihwc} = \sum a \cdot W_c + b_c$:
#
# * the **window** of the padded input receives $W_c \cdot dZ_{ihwc}$ (the filter, scaled by the gradient);
# * the **filter** receives $a_{window} \cdot dZ_{ihwc}$ (the window, scaled by the gradient);
# * the **bias** receives $dZ_{ihwc}$.
#
# Windows overlap when the stride is smaller than the filter, and one filter is used at every position, so all
# three must be **added up** over every output, never overwritten:
#
# ```
# da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
# dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
# db[:, :, :, c] += dZ[i, h, w, c]
# ```
#
# ### Exercise 5: `conv_backward`
#
# Unpack the cache, pad `A_prev`, and build the gradient of the *padded* input (the windows reach into the padding).
# Loop over the same windows as the forward pass and accumulate the three gradients. At the end, cut the padding
# off: `dA_prev` has the shape of `A_prev`. (Slicing `pad : pad + n_H_prev` works for every `pad`; the tempting
# `[pad:-pad]` is empty when `pad` is 0.) Return `dA_prev, dW, db`.

# %%
# GRADED: conv_backward

# %%
check(conv_backward)

# %%
np.random.seed(1)
A_prev = np.random.randn(10, 4, 4, 3)
W = np.random.randn(2, 2, 3, 8)
b = np.random.randn(1, 1, 1, 8)
Z, cache_conv = conv_forward(A_prev, W, b, {"pad": 2, "stride": 2})
dA, dW, db = conv_backward(Z, cache_conv)
print("mean of dA =", np.mean(dA))
print("mean of dW =", np.mean(dW))
print("mean of db =", np.mean(db))

# %% [markdown]
# ### Checking the gradients without a reference
#
# `check` compares your function with a reference, but you can also convince yourself directly, as in Course 2:
# nudge one input entry by $\pm\varepsilon$, watch a cost move, and compare the slope with your gradient. With
# the cost $J = \sum R \odot Z$ for a fixed random $R$, the gradient of $J$ with respect to $Z$ is $R$ itself, so
# `conv_backward(R, cache)` should return exactly the slopes that `numerical_gradient` measures. The relative
# differences below should be around $10^{-9}$ or smaller.


# %%
def relative_difference(g, g_num):
    return np.linalg.norm(g - g_num) / (np.linalg.norm(g) + np.linalg.norm(g_num))


rng = np.random.default_rng(0)
A_gc, W_gc, b_gc = rng.normal(size=(2, 5, 4, 2)), rng.normal(size=(3, 3, 2, 3)), rng.normal(size=(1, 1, 1, 3))
hp_gc = {"stride": 2, "pad": 1}
Z_gc, cache_gc = conv_forward(A_gc, W_gc, b_gc, hp_gc)
R = rng.normal(size=Z_gc.shape)
grads = dict(zip(["A_prev", "W", "b"], conv_backward(R, cache_gc), strict=True))


def cost():
    return np.sum(R * conv_forward(A_gc, W_gc, b_gc, hp_gc)[0])


for name, value in [("A_prev", A_gc), ("W", W_gc), ("b", b_gc)]:
    print(f"d{name:6s} relative difference {relative_difference(grads[name], numerical_gradient(cost, value)):.1e}")

# %% [markdown]
# ## 6. The pooling layer, backward
#
# Pooling has no weights, but the gradient still has to travel through it to reach the layers before.
#
# **Max pooling.** Each output copied one entry of its window, so only that entry influenced the cost: it gets
# the whole gradient, the others get nothing. A **mask** of the window records which entry it was. If several
# entries tie for the maximum (common after a ReLU, where many values are exactly 0), the output still copied just
# one of them, so mark only one; marking all of them would send the same gradient back several times.
#
# ### Exercise 6: `create_mask_from_window`
#
# Return a boolean array of the shape of `x`, `True` at its maximum and `False` elsewhere; where entries tie, mark
# only the first (the one `np.argmax` finds; `np.unravel_index` turns its flat position into a row and a column).

# %%
# GRADED: create_mask_from_window

# %%
check(create_mask_from_window)

# %%
np.random.seed(1)
x = np.random.randn(2, 3)
print("x =\n", x, "\nmask =\n", create_mask_from_window(x))
print("with ties:\n", create_mask_from_window(np.array([[0.0, 3.0], [3.0, 1.0]])))

# %% [markdown]
# **Average pooling.** Each output is the mean of its $f \times f$ window, so every entry of the window had the
# same weight, $1/f^2$, and receives the same share of the gradient.
#
# ### Exercise 7: `distribute_value`
#
# Given one gradient `dz` and the window's `shape` $(n_H, n_W)$, return an array of that shape whose entries all
# equal $dz / (n_H \cdot n_W)$; they add back up to `dz`.

# %%
# GRADED: distribute_value

# %%
check(distribute_value)

# %%
print("distribute_value(2, (2, 2)) =\n", distribute_value(2, (2, 2)))

# %% [markdown]
# ### Exercise 8: `pool_backward`
#
# Walk the windows of the forward pass once more, for every example, output row, output column and channel. For
# `mode="max"`, build the mask of the input window and add `mask * dA[i, h, w, c]` to the same window of
# `dA_prev`; for `mode="average"`, add `distribute_value(dA[i, h, w, c], (f, f))`. Windows overlap when the stride
# is smaller than `f`, so add, never assign.

# %%
# GRADED: pool_backward

# %%
check(pool_backward)

# %%
np.random.seed(1)
A_prev = np.random.randn(5, 5, 3, 2)
A, cache_pool = pool_forward(A_prev, {"stride": 1, "f": 2})
dA = np.random.randn(5, 4, 2, 2)
for mode in ("max", "average"):
    print(f"mode = {mode}: dA_prev[1, 1] =\n{pool_backward(dA, cache_pool, mode=mode)[1, 1]}\n")

# %% [markdown]
# The same finite-difference check works for pooling. Max pooling is not differentiable where two entries tie, so
# the check uses continuous random inputs, where ties do not happen.

# %%
def pool_cost(mode, R):
    return np.sum(R * pool_forward(A_gc, {"f": 3, "stride": 1}, mode=mode)[0])


A_gc = rng.normal(size=(2, 5, 6, 2))
for mode in ("max", "average"):
    A_out, cache_gc = pool_forward(A_gc, {"f": 3, "stride": 1}, mode=mode)
    R = rng.normal(size=A_out.shape)
    numerical = numerical_gradient(partial(pool_cost, mode, R), A_gc)
    difference = relative_difference(pool_backward(R, cache_gc, mode=mode), numerical)
    print(f"{mode:7s} pooling: relative difference {difference:.1e}")

# %% [markdown]
# ## 7. Loops against vectorised code
#
# Your functions are correct, and slow: Python runs the body of the innermost loop once per example, output
# position and filter. `dlspec.nn.conv` has the same layer written without those loops. It views every window of
# the padded input at once (`np.lib.stride_tricks.sliding_window_view`, no copy), copies the windows into the
# rows of one matrix (a trick called *im2col*), and multiplies that matrix by the filters reshaped into
# $(f \cdot f \cdot n_{C,prev}, n_C)$: the whole layer becomes one matrix product. Its backward pass adds each of
# the $f^2$ filter positions back with one strided slice. Same numbers, very different speed, measured here on one
# core for both, so that the gap is vectorisation alone:


# %%
def best_time(fn, *args):
    """The fastest of three runs, in milliseconds: the one least disturbed by whatever else the machine does."""
    return 1000 * min(timeit.repeat(lambda: fn(*args), number=1, repeat=3))


rng = np.random.default_rng(1)
A_race, W_race, b_race = rng.normal(size=(8, 16, 16, 3)), rng.normal(size=(3, 3, 3, 8)), rng.normal(size=(1, 1, 1, 8))
Z_loops, cache_loops = conv_forward(A_race, W_race, b_race, {"stride": 1, "pad": 1})
Z_fast, cache_fast = conv2d_forward(A_race, W_race, b_race, stride=1, pad=1)
gradients = zip(conv_backward(Z_loops, cache_loops), conv2d_backward(Z_loops, cache_fast), strict=True)
print("same output:", np.allclose(Z_loops, Z_fast), "  same gradients:", all(np.allclose(g, h) for g, h in gradients))
with threadpool_limits(limits=1):
    race = {
        "forward": (best_time(conv_forward, A_race, W_race, b_race, {"stride": 1, "pad": 1}),
                    best_time(conv2d_forward, A_race, W_race, b_race, 1, 1)),
        "backward": (best_time(conv_backward, Z_loops, cache_loops), best_time(conv2d_backward, Z_loops, cache_fast)),
    }
for direction, (loops_ms, fast_ms) in race.items():
    print(f"{direction:8s} loops {loops_ms:7.1f} ms   vectorised {fast_ms:6.2f} ms   {loops_ms / fast_ms:5.0f}x faster")

# %% [markdown]
# ## 8. Learning a filter
#
# The edge detectors above were made by hand. Can gradient descent find one on its own? Take the photograph as
# the input and the vertical-edge and horizontal-edge maps as the targets, start from two random 3 × 3 filters,
# and minimise the mean squared difference between their output and the targets. Each step needs a forward and a
# backward pass, so this uses the vectorised layer (your loops would give the same numbers, slowly), and Adam
# from Course 2 for the updates.

# %%
STEPS = quick(300, 60)
X_learn = ((photo - photo.mean()) / photo.std())[None, :, :, None]
targets, _ = conv2d_forward(X_learn, W_hand[..., :2], np.zeros((1, 1, 1, 2)), stride=1, pad=1)
rng = np.random.default_rng(2)
params = {"W1": rng.normal(0.0, 0.1, size=(3, 3, 1, 2)), "b1": np.zeros((1, 1, 1, 2))}
v, s = initialize_adam(params)
losses = []
for step in range(1, STEPS + 1):
    out, learn_cache = conv2d_forward(X_learn, params["W1"], params["b1"], stride=1, pad=1)
    error = out - targets
    losses.append(np.mean(error**2))
    _, dW_learn, db_learn = conv2d_backward(2 * error / error.size, learn_cache)
    params, v, s, *_ = update_parameters_with_adam(params, {"dW1": dW_learn, "db1": db_learn}, v, s, step, 0.1)

fig, axes = plt.subplots(1, 5, figsize=(15, 3))
axes[0].semilogy(losses)
axes[0].set(xlabel="step", ylabel="mean squared error", title="learning two filters")
for k, name in enumerate(list(filters)[:2]):
    for col, (kernel, kind) in enumerate([(W_hand[:, :, 0, k], "hand-made"), (params["W1"][:, :, 0, k], "learned")]):
        ax = axes[1 + 2 * k + col]
        ax.imshow(kernel, cmap="RdBu_r", vmin=-2.5, vmax=2.5)
        ax.set_title(f"{name}: {kind}", fontsize=9)
        ax.axis("off")
plt.show()
print("learned vertical-edge filter:\n", params["W1"][:, :, 0, 0].round(1) + 0.0)  # + 0.0 turns -0.0 into 0.0

# %% [markdown]
# The learned filters match the hand-made ones to the first decimal: gradient descent found the edge detectors
# without being told what an edge is, only what the output should look like. A convolutional network trained on a
# classification task gets no such target for its first layer, only the final labels, and still ends up with
# filters of this kind, because edges are what the later layers need to recognise anything.
#
# ## Summary
#
# * A convolution slides $n_C$ small filters over a padded input with a stride; each filter's weights are shared
#   by every position, and the output is $(m, n_H, n_W, n_C)$ with
#   $n_H = \lfloor (n_{H,prev} + 2p - f)/s \rfloor + 1$.
# * Pooling summarises each window of each channel by its maximum or its mean; it has no weights.
# * Backward, each output's gradient goes back to the window and the filter it came from, added up over every
#   position; through max pooling it goes to the one entry that won, through average pooling it is shared equally.
# * The loops show what happens; a vectorised layer does the same arithmetic as a few large matrix products, and
#   that is what a network trains with. Next: building and training a whole convolutional network.
