# %% [markdown]
# # Python basics with NumPy
#
# Every network in this course is a handful of array operations. Before building one, this notebook makes you
# fluent in the NumPy you will use all the time: applying a function to a whole array at once, reshaping,
# broadcasting a column across a matrix, and summing along the right axis.
#
# You will write eight small functions. After each one, run the `check(...)` cell below it: it runs your function
# on the example shown plus a few random inputs of other shapes, and tells you what is wrong if something is.
# Stuck? `dlspec hint c1w2a1 <function>` in a terminal (or `!dlspec hint c1w2a1 <function>` in a cell) shows the
# next hint of a short ladder, from a nudge to nearly the answer.
#
# **Rule of the house:** no Python `for` loops inside the graded functions unless a cell says so. The last part
# of the notebook shows, with a stopwatch, why.

# %%
import math
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from dlspec.notebook import checker

check = checker("c1w2a1")

# %% [markdown]
# ## 1. The sigmoid, one number at a time
#
# The sigmoid (or logistic) function squashes any real number into the interval $(0, 1)$:
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}$$
#
# It is the output unit of logistic regression, the model you will build in the next assignment.
#
# **Exercise:** write `basic_sigmoid(x)` for a single number `x`, using `math.exp`.

# %%
# GRADED: basic_sigmoid

# %%
check(basic_sigmoid)

# %% [markdown]
# `math.exp` knows only single numbers. Deep learning works on whole vectors and matrices, so hand it an array and
# it gives up:

# %%
try:
    math.exp(np.array([1.0, 2.0, 3.0]))
except TypeError as err:
    print("math.exp on an array:", err)
print("np.exp on the same array:", np.exp(np.array([1.0, 2.0, 3.0])))

# %% [markdown]
# ## 2. The sigmoid on whole arrays
#
# NumPy functions such as `np.exp`, `np.log` and `np.abs` work **elementwise**: they apply to every entry and
# return an array of the same shape. Arithmetic between an array and a number does the same (`x + 3`, `1 / x`).
# So the formula above, written with `np.exp`, works for a scalar, a vector or a matrix without any change:
#
# $$\sigma\left(\begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}\right) =
#   \begin{bmatrix} \sigma(x_1) \\ \vdots \\ \sigma(x_n) \end{bmatrix}$$
#
# **Exercise:** write `sigmoid(z)` with NumPy so that it accepts a number or an array of any shape.

# %%
# GRADED: sigmoid

# %%
check(sigmoid)

# %% [markdown]
# ## 3. The slope of the sigmoid
#
# Training a network means following gradients, so you need the derivative of every function in it. The
# sigmoid's derivative can be written with the sigmoid itself:
#
# $$\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)$$
#
# **Exercise:** write `sigmoid_derivative(x)` for an array `x`. Use your `sigmoid`.

# %%
# GRADED: sigmoid_derivative

# %%
check(sigmoid_derivative)

# %% [markdown]
# Both curves together: the sigmoid is steepest at 0, where its slope is $1/4$, and flat far from 0. That flatness
# is why a saturated sigmoid learns slowly: a tiny slope means a tiny gradient.

# %%
xs = np.linspace(-8, 8, 200)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(xs, sigmoid(xs), label=r"$\sigma(x)$")
ax.plot(xs, sigmoid_derivative(xs), label=r"$\sigma'(x)$")
ax.axhline(0.25, color="grey", lw=0.5, ls="--")
ax.set_xlabel("x")
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## 4. Reshaping: an image becomes a column
#
# Two attributes and one method do most of the shape work:
#
# * `X.shape` tells you the dimensions of an array;
# * `X.reshape(...)` gives the same numbers arranged in another shape (the total count must not change; one
#   dimension may be `-1`, meaning "whatever is left").
#
# A colour image is stored as an array of shape $(\text{length}, \text{height}, 3)$. A network that takes a
# vector as input needs it unrolled into one column of shape $(\text{length} \cdot \text{height} \cdot 3, 1)$.
#
# **Exercise:** write `image2vector(image)` that turns an array of shape `(length, height, depth)` into a column
# vector of shape `(length * height * depth, 1)`, keeping NumPy's usual (row-major) order of the entries.

# %%
# GRADED: image2vector

# %%
check(image2vector)

# %% [markdown]
# Why a column `(n, 1)` and not a flat `(n,)` array? A flat "rank-1" array is neither a row nor a column, and it
# behaves surprisingly: its transpose is itself, and combining it with a column broadcasts into a full matrix.

# %%
flat = np.arange(3)
column = np.arange(3).reshape(3, 1)
print("flat.shape", flat.shape, " flat.T.shape", flat.T.shape)
print("column.shape", column.shape, " column.T.shape", column.T.shape)
print("flat + column has shape", (flat + column).shape, "- probably not what you meant")

# %% [markdown]
# ## 5. Normalising rows, and broadcasting
#
# Scaling every example (here, every row) to unit length often helps gradient descent. For a matrix $x$ of shape
# $(n, m)$, divide each row by its own Euclidean norm:
#
# $$\|x_{i}\| = \sqrt{\sum_{j} x_{ij}^2}, \qquad x_{ij} \leftarrow \frac{x_{ij}}{\|x_{i}\|}$$
#
# The norms form a column of shape $(n, 1)$. Dividing an $(n, m)$ matrix by an $(n, 1)$ column works because of
# **broadcasting**: NumPy stretches the column across the $m$ columns. `np.linalg.norm` has `axis` and
# `keepdims` arguments that give you exactly that column.
#
# For example, $\begin{bmatrix} 0 & 3 & 4 \\ 2 & 6 & 4 \end{bmatrix}$ has row norms
# $\begin{bmatrix} 5 \\ \sqrt{56} \end{bmatrix}$.
#
# **Exercise:** write `normalize_rows(x)`.

# %%
# GRADED: normalize_rows

# %%
check(normalize_rows)

# %% [markdown]
# ## 6. Softmax
#
# When a model must choose among $n$ classes, softmax turns a row of $n$ scores into $n$ probabilities: positive
# numbers that add up to 1, the largest score getting the largest share. Here each **row** of $x$, of shape
# $(m, n)$, is one example:
#
# $$\text{softmax}(x)_{ij} = \frac{e^{x_{ij}}}{\sum_{k} e^{x_{ik}}}$$
#
# This is broadcasting again: the row sums form an $(m, 1)$ column.
#
# **Exercise:** write `softmax(x)` for an array of shape `(m, n)`.

# %%
# GRADED: softmax

# %%
check(softmax)

# %% [markdown]
# A warning for later. $e^{x}$ overflows for $x$ above about 709, and the formula then divides infinity by
# infinity. Subtracting each row's maximum first changes nothing mathematically (the factor $e^{-\max}$ cancels)
# but keeps every exponent at or below 0. Library implementations always do this.

# %%
big = np.array([[1000.0, 1001.0, 1002.0]])
with np.errstate(over="ignore", invalid="ignore"):
    print("plain formula:   ", softmax(big))
shifted = np.exp(big - big.max(axis=1, keepdims=True))
print("max subtracted:  ", shifted / shifted.sum(axis=1, keepdims=True))

# %% [markdown]
# ## 7. Loops against vectorised code, measured
#
# Why insist on whole-array operations? Because a Python loop pays the interpreter's overhead for every single
# number, while NumPy runs one compiled loop over contiguous memory (often using several numbers per CPU
# instruction). Let us time three products both ways: the dot product of two vectors, their outer product, and
# their elementwise product. The loops get the best chance Python offers: plain lists, no NumPy indexing.

# %%
rng = np.random.default_rng(0)
n = 200_000
a, b = rng.random(n), rng.random(n)
a_list, b_list = a.tolist(), b.tolist()
u, v = a[:500], b[:500]  # the outer product of two 500-vectors has 250,000 entries
u_list, v_list = u.tolist(), v.tolist()


def loop_dot(x, y):
    total = 0.0
    for xi, yi in zip(x, y, strict=True):
        total += xi * yi
    return total


def loop_outer(x, y):
    return [[xi * yj for yj in y] for xi in x]


def loop_multiply(x, y):
    return [xi * yi for xi, yi in zip(x, y, strict=True)]


def best_time(fn, *args, repeat=7):
    """The fastest of a few runs, in milliseconds: the least disturbed by whatever else the machine does.
    A first, untimed call lets NumPy and the CPU caches warm up."""
    fn(*args)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


# One core each: the loop cannot use more, so NumPy's linear-algebra library may not either. The gap below is
# vectorisation alone, not parallelism (and a busy machine cannot slow NumPy down by keeping its threads waiting).
with threadpool_limits(limits=1):
    timings = {
        "dot": (best_time(loop_dot, a_list, b_list), best_time(np.dot, a, b)),
        "outer": (best_time(loop_outer, u_list, v_list), best_time(np.outer, u, v)),
        "elementwise": (best_time(loop_multiply, a_list, b_list), best_time(np.multiply, a, b)),
    }
assert np.isclose(loop_dot(a_list, b_list), np.dot(a, b))
assert np.allclose(loop_outer(u_list, v_list), np.outer(u, v))
for name, (loop_ms, numpy_ms) in timings.items():
    print(f"{name:12s} loop {loop_ms:8.2f} ms   numpy {numpy_ms:7.3f} ms   speed-up {loop_ms / numpy_ms:6.0f}x")

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
positions = np.arange(len(timings))
ax.bar(positions - 0.2, [t[0] for t in timings.values()], width=0.4, label="Python loop")
ax.bar(positions + 0.2, [t[1] for t in timings.values()], width=0.4, label="NumPy")
ax.set_xticks(positions, list(timings))
ax.set_yscale("log")
ax.set_ylabel("milliseconds (log scale)")
ax.set_title(f"Products of vectors with {n:,} entries (outer: 500 x 500)")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()

# %% [markdown]
# Your numbers depend on your machine, but the gap is typically between one and three orders of magnitude. On
# the millions of numbers a network touches per step, that is the difference between seconds and hours.
#
# ## 8. Two losses
#
# A loss measures how far predictions $\hat{y}$ are from labels $y$; training makes it small. Two classics, for
# vectors of length $m$:
#
# $$L_1(\hat{y}, y) = \sum_{i=1}^{m} \lvert y_i - \hat{y}_i \rvert
#   \qquad\qquad L_2(\hat{y}, y) = \sum_{i=1}^{m} (y_i - \hat{y}_i)^2$$
#
# For $L_2$, remember that $\sum_i v_i^2$ is the dot product of $v$ with itself.
#
# **Exercise:** write `L1(yhat, y)` and `L2(yhat, y)`. Each returns one number.

# %%
# GRADED: L1

# %%
check(L1)

# %%
# GRADED: L2

# %%
check(L2)

# %% [markdown]
# ## What you now know
#
# * `np.exp`, `np.log`, arithmetic and comparisons act on every element of an array at once;
# * `shape` and `reshape` move between images, columns and matrices; prefer explicit `(n, 1)` columns to
#   rank-1 `(n,)` arrays;
# * `axis=` picks the direction of a sum or a norm, and `keepdims=True` keeps the result ready to broadcast;
# * vectorised code is both shorter and orders of magnitude faster than loops.
#
# Next: the same tools, put together into logistic regression.
