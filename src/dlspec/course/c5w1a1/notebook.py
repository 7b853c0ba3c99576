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
# # Recurrent neural networks, step by step
#
# A sentence, a piece of music, a sensor's readings: the data of this course come as **sequences**, whose order
# matters and whose length varies. A dense network wants a fixed number of inputs and has no notion of "before".
# A **recurrent neural network** (RNN) reads a sequence one step at a time and carries a **hidden state** from
# each step to the next: a summary, in a vector of fixed size, of everything it has read so far. The same
# weights process every step, so a network trained on sentences of 10 words also reads sentences of 50.
#
# This week you write, in plain NumPy:
#
# 1. the **basic RNN**: one step (`rnn_cell_forward`), then a whole sequence (`rnn_forward`);
# 2. the **LSTM**, a cell with a separate memory and gates that decide what it keeps: `lstm_cell_forward`,
#    `lstm_forward`;
# 3. **backpropagation through time** for both: `rnn_cell_backward`, `rnn_backward`, `lstm_cell_backward`,
#    `lstm_backward`.
#
# Then you check your gradients against finite differences and watch the reason the LSTM exists: through many
# steps, the basic RNN's gradient fades to nothing, the LSTM's does not.
#
# **Shapes.** A batch of sequences is an array `x` of shape $(n_x, m, T_x)$: $n_x$ features per step (the size
# of a one-hot word, say), $m$ examples, $T_x$ time steps. `x[:, :, t]` is the batch at step $t$, an $(n_x, m)$
# matrix with one column per example, exactly like the inputs of Course 1. A hidden state is $(n_a, m)$ at one
# step and $(n_a, m, T_x)$ over the whole sequence; predictions are $(n_y, m)$ and $(n_y, m, T_x)$. This is the
# layout of the original course, so code you wrote there runs here unchanged.
#
# After each function, `check(function_name)` runs it on the example and on hidden inputs chosen to isolate one
# term at a time (a gate held shut, a single time step, a gradient that arrives only at the end). Stuck?
# `dlspec hint c5w1a1 <function>` in a terminal gives a ladder of hints, one at a time.

# %%
import matplotlib.pyplot as plt
import numpy as np

from dlspec.nn.activations import sigmoid  # noqa: F401  (the LSTM cell you write uses it)
from dlspec.nn.gradcheck import numerical_gradient
from dlspec.nn.softmax import softmax  # noqa: F401  (both cells you write use it)
from dlspec.notebook import checker, quick
from dlspec.viz.sequences import unrolled

check = checker("c5w1a1")
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. One step of a basic RNN
#
# At step $t$ the cell reads the input $x^{\langle t \rangle}$ and the previous hidden state
# $a^{\langle t-1 \rangle}$, mixes them into the new state, and reads a prediction off that new state:
#
# $$a^{\langle t \rangle} = \tanh\left(W_{aa}\, a^{\langle t-1 \rangle} + W_{ax}\, x^{\langle t \rangle} + b_a\right)
# \qquad \hat{y}^{\langle t \rangle} = \mathrm{softmax}\left(W_{ya}\, a^{\langle t \rangle} + b_y\right)$$
#
# | parameter | shape | role |
# |---|---|---|
# | `Wax` | $(n_a, n_x)$ | input to state |
# | `Waa` | $(n_a, n_a)$ | previous state to state: the recurrence |
# | `ba` | $(n_a, 1)$ | bias of the state |
# | `Wya` | $(n_y, n_a)$ | state to prediction |
# | `by` | $(n_y, 1)$ | bias of the prediction |
#
# The $\tanh$ keeps every entry of the state between $-1$ and $1$, however long the sequence. The softmax (given,
# as `softmax`) turns each column of scores into probabilities over the $n_y$ classes, one column per example.
#
# ### Exercise 1: `rnn_cell_forward`
#
# Return `a_next`, `yt_pred` and the cache `(a_next, a_prev, xt, parameters)`, which the backward pass will need.
# The biases are single columns; NumPy's broadcasting adds them to every example.

# %%
# GRADED: rnn_cell_forward

# %%
check(rnn_cell_forward)

# %%
rng = np.random.default_rng(1)
parameters_rnn = {"Wax": rng.normal(size=(5, 3)), "Waa": rng.normal(size=(5, 5)), "ba": rng.normal(size=(5, 1)),
                  "Wya": rng.normal(size=(2, 5)), "by": rng.normal(size=(2, 1))}
xt, a_prev = rng.normal(size=(3, 10)), rng.normal(size=(5, 10))
a_next, yt_pred, cache = rnn_cell_forward(xt, a_prev, parameters_rnn)
print("a_next.shape =", a_next.shape, "  yt_pred.shape =", yt_pred.shape)
print("every column of yt_pred sums to 1:", np.allclose(yt_pred.sum(axis=0), 1))

# %% [markdown]
# ## 2. A whole sequence
#
# The network over a sequence is the cell applied once per step, each step starting from the state the step
# before it produced; the first starts from a given $a^{\langle 0 \rangle}$ (often zeros). Drawn **unrolled** in
# time, it looks like a deep network with one layer per step, except that every "layer" shares the same
# parameters:

# %%
unrolled(4)
plt.show()

# %% [markdown]
# ### Exercise 2: `rnn_forward`
#
# Make arrays for all the states, $(n_a, m, T_x)$, and all the predictions, $(n_y, m, T_x)$ ($n_y$ comes from the
# shape of `Wya`). Loop over the steps: step $t$ reads `x[:, :, t]` and the previous state, and writes slice $t$
# of both arrays. Collect every step's cache in a list and return `caches = (list of caches, x)`.

# %%
# GRADED: rnn_forward

# %%
check(rnn_forward)

# %%
x = rng.normal(size=(3, 10, 4))
a, y_pred, caches = rnn_forward(x, rng.normal(size=(5, 10)), parameters_rnn)
print("a.shape =", a.shape, "  y_pred.shape =", y_pred.shape, "  caches hold", len(caches[0]), "steps")

# %% [markdown]
# ## 3. The LSTM
#
# The basic RNN overwrites its whole state at every step, so what it read twenty steps ago survives only as a
# faint trace (section 6 measures how faint). A **long short-term memory** cell (LSTM) keeps a second vector, the
# **memory** $c^{\langle t \rangle}$, and changes it only where **gates** let it. A gate is a vector of numbers
# between 0 and 1 (a sigmoid), multiplied entry by entry with what it controls: 0 blocks, 1 lets through.
#
# Every gate looks at the same column $s = [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, the previous state
# stacked on the input ($n_a + n_x$ numbers per example), through weights of shape $(n_a, n_a + n_x)$:
#
# | | formula | what it decides |
# |---|---|---|
# | forget gate | $\Gamma_f = \sigma(W_f\, s + b_f)$ | how much of the old memory to keep |
# | update gate | $\Gamma_u = \sigma(W_i\, s + b_i)$ | how much of the candidate to write |
# | candidate | $\tilde{c}^{\langle t \rangle} = \tanh(W_c\, s + b_c)$ | what could be written |
# | output gate | $\Gamma_o = \sigma(W_o\, s + b_o)$ | how much of the memory to show |
#
# Then the memory and the hidden state:
#
# $$c^{\langle t \rangle} = \Gamma_f \odot c^{\langle t-1 \rangle} + \Gamma_u \odot \tilde{c}^{\langle t \rangle}
# \qquad a^{\langle t \rangle} = \Gamma_o \odot \tanh\left(c^{\langle t \rangle}\right)
# \qquad \hat{y}^{\langle t \rangle} = \mathrm{softmax}\left(W_y\, a^{\langle t \rangle} + b_y\right)$$
#
# The memory's update is a **sum**, not a squashing: with $\Gamma_f \approx 1$ and $\Gamma_u \approx 0$ a value
# passes from one step to the next unchanged, for as many steps as the gates stay that way. In the code the
# gates are `ft`, `it` (the update gate keeps the original's name `i`), `ot`, and the candidate is `cct`.
#
# ### Exercise 3: `lstm_cell_forward`
#
# Stack `a_prev` above `xt` with `np.concatenate(..., axis=0)` (in that order: the first $n_a$ columns of each
# weight matrix belong to the state), compute the three gates and the candidate, then `c_next`, `a_next` and
# `yt_pred`. `sigmoid` is given. Return them with the cache
# `(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)`, in that order.

# %%
# GRADED: lstm_cell_forward

# %%
check(lstm_cell_forward)

# %% [markdown]
# ### Exercise 4: `lstm_forward`
#
# As `rnn_forward`, with the memory handed from step to step beside the hidden state. The hidden state starts at
# `a0`; the memory starts empty, at zeros of shape $(n_a, m)$. Return the states `a`, the predictions `y`, the
# memories `c` (each over every step) and `caches = (list of caches, x)`, in the order `a, y, c, caches`.

# %%
unrolled(4, lstm=True)
plt.show()

# %%
# GRADED: lstm_forward

# %%
check(lstm_forward)

# %%
def lstm_parameters(rng, n_x, n_a, n_y, forget_bias=0.0):
    """Random LSTM parameters, scaled so that a product with a stacked input has about unit variance."""
    p = {}
    for g in "fico":
        p["W" + g] = rng.normal(size=(n_a, n_a + n_x)) / np.sqrt(n_a + n_x)
        p["b" + g] = np.zeros((n_a, 1))
    p["bf"] += forget_bias
    p["Wy"], p["by"] = rng.normal(size=(n_y, n_a)) / np.sqrt(n_a), np.zeros((n_y, 1))
    return p


parameters_lstm = lstm_parameters(rng, 3, 5, 2)
a, y, c, caches = lstm_forward(x, rng.normal(size=(5, 10)), parameters_lstm)
print("a.shape =", a.shape, "  y.shape =", y.shape, "  c.shape =", c.shape)

# %% [markdown]
# ## 4. Backpropagation through time
#
# Training needs the gradient of the cost with respect to every parameter. The cost adds up one loss per
# prediction, and each prediction depends on the hidden state of its step, which depends on the states before
# it. So the gradient flows backwards along the same wires as the forward pass, from the last step to the first:
# **backpropagation through time**.
#
# The exercises leave out the output layer: its backward pass is the softmax and dense layer of Course 2.
# What reaches the hidden states from the predictions is given to you as `da`, of shape $(n_a, m, T_x)$:
# `da[:, :, t]` is the gradient that the loss at step $t$ sends into $a^{\langle t \rangle}$.
#
# One thing is new. The state $a^{\langle t \rangle}$ went to **two** places, its own prediction and the next
# step, so its gradient is the **sum** of what comes back from each, the ⊕ below. Nothing comes back from beyond
# the last step. For the LSTM, the memory also hands a gradient back (`dc_prev`), and it fed no prediction,
# so it takes only that one:

# %%
unrolled(4, lstm=True, backward=True)
plt.show()

# %% [markdown]
# ### 4.1 The basic RNN, one step back
#
# Write $z = W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b_a$, so that
# $a^{\langle t \rangle} = \tanh(z)$. Given `da_next`, the gradient of the cost with respect to
# $a^{\langle t \rangle}$, go back through the tanh, then through the sum:
#
# $$dz = da_{next} \odot \left(1 - \tanh(z)^2\right) = da_{next} \odot \left(1 - (a^{\langle t \rangle})^2\right)$$
#
# $$dW_{ax} = dz\, x^{\langle t \rangle T} \qquad dW_{aa} = dz\, a^{\langle t-1 \rangle T} \qquad
#   db_a = \textstyle\sum_{\text{examples}} dz$$
#
# $$dx^{\langle t \rangle} = W_{ax}^T\, dz \qquad da_{prev} = W_{aa}^T\, dz$$
#
# The cache holds $a^{\langle t \rangle}$, which already is $\tanh(z)$: no need to take the tanh again. A weight's
# gradient adds up one outer product per example, which is what the matrix product with the transposed input
# does; the bias's is the sum over the examples, kept as a column (`keepdims=True`). The cost is assumed to be
# averaged over the examples already, inside `da`: no $1/m$ here.
#
# ### Exercise 5: `rnn_cell_backward`
#
# Return the dict `{"dxt": ..., "da_prev": ..., "dWax": ..., "dWaa": ..., "dba": ...}` (the original's keys).

# %%
# GRADED: rnn_cell_backward

# %%
check(rnn_cell_backward)

# %% [markdown]
# ### 4.2 The basic RNN, through time
#
# Walk the steps backwards. Keep `da_prevt`, the gradient the step after sent back (zero before the last step).
# Step $t$'s hidden state gets `da[:, :, t] + da_prevt`; its cell's backward pass returns a new `da_prev` for the
# step before, a `dxt` to store in `dx[:, :, t]`, and its share of the weights' gradients. The weights are the
# same at every step, so their gradients **add up** over the steps. What comes out of the first step is `da0`,
# the gradient of the initial state.
#
# ### Exercise 6: `rnn_backward`
#
# Unpack `(caches, x) = caches`; take the sizes from `da` and from the first step's input. Return
# `{"dx": ..., "da0": ..., "dWax": ..., "dWaa": ..., "dba": ...}`.

# %%
# GRADED: rnn_backward

# %%
check(rnn_backward)

# %% [markdown]
# ### 4.3 The LSTM, one step back
#
# Two gradients arrive: `da_next` for the hidden state and `dc_next` for the memory, from the step after. The
# memory $c^{\langle t \rangle}$ also reached the cost through $a^{\langle t \rangle} = \Gamma_o \odot
# \tanh(c^{\langle t \rangle})$, so its total gradient is
#
# $$dc = dc_{next} + da_{next} \odot \Gamma_o \odot \left(1 - \tanh(c^{\langle t \rangle})^2\right)$$
#
# Each gate's gradient, taken before its activation (what the weights produced), is what it multiplied times the
# slope of its activation: $\sigma' = \Gamma(1 - \Gamma)$ for the gates, $1 - \tilde{c}^2$ for the candidate:
#
# $$d\gamma_o = da_{next} \odot \tanh(c^{\langle t \rangle}) \odot \Gamma_o (1 - \Gamma_o) \qquad
#   d\tilde{c} = dc \odot \Gamma_u \odot (1 - \tilde{c}^2)$$
#
# $$d\gamma_u = dc \odot \tilde{c} \odot \Gamma_u (1 - \Gamma_u) \qquad
#   d\gamma_f = dc \odot c^{\langle t-1 \rangle} \odot \Gamma_f (1 - \Gamma_f)$$
#
# From there, as for any dense layer with input $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$:
# $dW_f = d\gamma_f\, [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]^T$, $db_f$ the sum of $d\gamma_f$ over the
# examples, and the same for the other three. The stacked input's gradient is
# $W_f^T d\gamma_f + W_i^T d\gamma_u + W_c^T d\tilde{c} + W_o^T d\gamma_o$: its first $n_a$ rows are `da_prev`,
# the rest `dxt`. Finally the old memory was multiplied by the forget gate:
# $dc_{prev} = dc \odot \Gamma_f$.
#
# ### Exercise 7: `lstm_cell_backward`
#
# In the code: `dot`, `dcct`, `dit`, `dft` for the four gate gradients. Return the dict with keys `dxt`,
# `da_prev`, `dc_prev`, `dWf`, `dbf`, `dWi`, `dbi`, `dWc`, `dbc`, `dWo`, `dbo`.

# %%
# GRADED: lstm_cell_backward

# %%
check(lstm_cell_backward)

# %% [markdown]
# ### 4.4 The LSTM, through time
#
# ### Exercise 8: `lstm_backward`
#
# As `rnn_backward`, handing two gradients back from step to step, `da_prevt` and `dc_prevt`, both zero before
# the last step. The hidden state at step $t$ also fed its prediction, so it gets `da[:, :, t] + da_prevt`; the
# memory fed only the next step, so it gets `dc_prevt` alone. Return the dict with keys `dx`, `da0`, `dWf`,
# `dbf`, `dWi`, `dbi`, `dWc`, `dbc`, `dWo`, `dbo`.

# %%
# GRADED: lstm_backward

# %%
check(lstm_backward)

# %% [markdown]
# ## 5. Checking the gradients against finite differences
#
# `check` compares your functions with a reference. You can also convince yourself directly, as in Course 2:
# nudge one number by $\pm\varepsilon$, watch a cost move, and compare the slope with your gradient. Take the
# cost $J = \sum R \odot a$ for a fixed random $R$ of the states' shape (plus $\sum R_c \odot c$ for the LSTM
# cell): its gradient with respect to the states is $R$ itself, so your backward functions, fed $R$, must return
# exactly the slopes that `numerical_gradient` measures. Every relative difference below should be around
# $10^{-9}$ or smaller.


# %%
def relative_difference(g, g_num):
    return np.linalg.norm(g - g_num) / (np.linalg.norm(g) + np.linalg.norm(g_num))


rng = np.random.default_rng(2)
n_x, n_a, n_y, m, T_x = 3, 4, 2, 3, 5
p_rnn = {"Wax": rng.normal(size=(n_a, n_x)), "Waa": rng.normal(size=(n_a, n_a)), "ba": rng.normal(size=(n_a, 1)),
         "Wya": rng.normal(size=(n_y, n_a)), "by": rng.normal(size=(n_y, 1))}
p_lstm = lstm_parameters(rng, n_x, n_a, n_y, forget_bias=1.0)
x_gc, a0_gc = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m))
xt_gc, c_gc = x_gc[:, :, 0], rng.normal(size=(n_a, m))
R, R_c = rng.normal(size=(n_a, m, T_x)), rng.normal(size=(n_a, m))


def cost_rnn_cell():
    return np.sum(R[:, :, 0] * rnn_cell_forward(xt_gc, a0_gc, p_rnn)[0])


def cost_rnn():
    return np.sum(R * rnn_forward(x_gc, a0_gc, p_rnn)[0])


def cost_lstm_cell():
    a_next, c_next, _, _ = lstm_cell_forward(xt_gc, a0_gc, c_gc, p_lstm)
    return np.sum(R[:, :, 0] * a_next) + np.sum(R_c * c_next)


def cost_lstm():
    return np.sum(R * lstm_forward(x_gc, a0_gc, p_lstm)[0])


checks = {
    "rnn_cell_backward": (cost_rnn_cell, rnn_cell_backward(R[:, :, 0], rnn_cell_forward(xt_gc, a0_gc, p_rnn)[2]),
                          {"dxt": xt_gc, "da_prev": a0_gc, "dWax": p_rnn["Wax"], "dWaa": p_rnn["Waa"]}),
    "rnn_backward": (cost_rnn, rnn_backward(R, rnn_forward(x_gc, a0_gc, p_rnn)[2]),
                     {"dx": x_gc, "da0": a0_gc, "dWaa": p_rnn["Waa"], "dba": p_rnn["ba"]}),
    "lstm_cell_backward": (cost_lstm_cell,
                           lstm_cell_backward(R[:, :, 0], R_c, lstm_cell_forward(xt_gc, a0_gc, c_gc, p_lstm)[3]),
                           {"dxt": xt_gc, "da_prev": a0_gc, "dc_prev": c_gc, "dWf": p_lstm["Wf"],
                            "dWo": p_lstm["Wo"]}),
    "lstm_backward": (cost_lstm, lstm_backward(R, lstm_forward(x_gc, a0_gc, p_lstm)[3]),
                      {"dx": x_gc, "da0": a0_gc, "dWi": p_lstm["Wi"], "dWc": p_lstm["Wc"], "dbf": p_lstm["bf"]}),
}
for function, (cost, gradients, nudged) in checks.items():
    shown = [f"{key} {relative_difference(gradients[key], numerical_gradient(cost, value)):.0e}"
             for key, value in nudged.items()]
    print(f"{function:19s}", "   ".join(shown))

# %% [markdown]
# ## 6. Why the LSTM: gradients through time
#
# How much does the loss at the **last** step depend on the input from $k$ steps earlier? Backpropagation through
# time answers it: send a gradient into the last state only (`da` zero elsewhere) and look at the size of
# `dx[:, :, t]` at every step.
#
# In the basic RNN, the gradient goes from one step to the one before through
# $da_{prev} = W_{aa}^T \left(da \odot (1 - a^2)\right)$: one multiplication by $W_{aa}^T$ and by the tanh's slope,
# which is at most 1, **per step**. Unless those factors balance exactly, the product over many steps shrinks
# geometrically: the gradient **vanishes**, and the network cannot learn that an early input matters for a late
# output. (If the factors are larger than 1 it grows geometrically instead and **explodes**; clipping the
# gradient, as in the next assignment, is the usual cure for that.)
#
# In the LSTM, the memory hands its gradient back through $dc_{prev} = dc \odot \Gamma_f$: one multiplication by
# the forget gate, entry by entry, and nothing else. While the forget gate stays near 1 the gradient survives
# many steps. A common practice is to start the forget gate's bias at 1 or more so that the memory starts out
# keeping what it has; below, the LSTM is drawn with a forget bias of 0 and of 2, the RNN with weights of the same
# scale.

# %%
STEPS = quick(60, 30)
n_x, n_a, n_y, m = 8, 32, 2, 16
rng = np.random.default_rng(0)
x_long, a0_long = rng.normal(size=(n_x, m, STEPS)), np.zeros((n_a, m))
da_last = np.zeros((n_a, m, STEPS))
da_last[:, :, -1] = rng.normal(size=(n_a, m))
p_rnn = {"Wax": rng.normal(size=(n_a, n_x)) / np.sqrt(n_x), "Waa": rng.normal(size=(n_a, n_a)) / np.sqrt(n_a),
         "ba": np.zeros((n_a, 1)), "Wya": rng.normal(size=(n_y, n_a)) / np.sqrt(n_a), "by": np.zeros((n_y, 1))}
reach = {"basic RNN": rnn_backward(da_last, rnn_forward(x_long, a0_long, p_rnn)[2])["dx"]}
for forget_bias in (0.0, 2.0):
    p_lstm = lstm_parameters(np.random.default_rng(3), n_x, n_a, n_y, forget_bias)  # the same weights for both
    dx = lstm_backward(da_last, lstm_forward(x_long, a0_long, p_lstm)[3])["dx"]
    reach[f"LSTM, forget bias {forget_bias:g}"] = dx

fig, ax = plt.subplots(figsize=(8, 4))
steps_back = np.arange(STEPS)[::-1]  # dx[:, :, t] lies STEPS - 1 - t steps before the loss
for label, dx in reach.items():
    size = np.linalg.norm(dx, axis=(0, 1))
    ax.semilogy(steps_back, size / size[-1], label=label)
ax.set(xlabel="steps between the input and the loss", ylabel="size of dx, relative to the last step",
       title="How far back the gradient of the last step's loss reaches")
ax.legend()
ax.grid(alpha=0.3)
plt.show()
for label, dx in reach.items():
    size = np.linalg.norm(dx, axis=(0, 1))
    print(f"{label:22s} {STEPS - 1} steps back the gradient is {size[0] / size[-1]:.1e} of its size at the end")

# %% [markdown]
# The basic RNN's gradient falls by orders of magnitude within a few dozen steps; whatever it should have learned
# from early inputs is drowned by the noise of the late ones. The LSTM with its forget gate open keeps the
# gradient within the same order of magnitude over the whole sequence. With the gate half shut (bias 0,
# $\Gamma_f \approx 0.5$) the same LSTM forgets about as fast as the RNN: the memory is only as long as the forget
# gate lets it be, and training can open or close that gate unit by unit. That is why gated cells (the LSTM and its
# lighter cousin, the GRU) made long sequences trainable, and why the rest of this course uses them.
#
# ## Summary
#
# * An RNN applies one cell at every step, with the same parameters, and carries a hidden state from step to
#   step; sequences are $(n_x, m, T_x)$ and each step is an $(n_x, m)$ slice.
# * The LSTM adds a memory that changes by a gated sum, $c^{\langle t \rangle} = \Gamma_f \odot
#   c^{\langle t-1 \rangle} + \Gamma_u \odot \tilde{c}^{\langle t \rangle}$, and shows it through the output gate.
# * Backpropagation through time walks the steps in reverse; a hidden state's gradient is the sum of what its
#   prediction and the next step send back, and the shared weights' gradients add up over the steps.
# * Through the basic RNN's recurrence the gradient shrinks (or grows) geometrically with the number of steps;
#   through the LSTM's memory it is multiplied only by the forget gate, and survives while that gate is open.
#
# Next: a character-level language model that writes dinosaur names, trained with exactly these functions.
