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
# # Echo-state networks
#
# In Course 5 you trained recurrent networks by backpropagation through time: every weight, the recurrent ones
# included, moved a little at each step of gradient descent, for many epochs. **Reservoir computing** asks a
# cheeky question: what if the recurrent part were never trained at all?
#
# An **echo-state network** (ESN, Jaeger 2001) is a large recurrent layer with **random, fixed** weights, the
# *reservoir*. Driven by a time series, its hundreds of units respond in hundreds of different ways, each mixing
# the recent past of the input in its own nonlinear fashion. Only the **readout**, a linear map from the
# reservoir's state to the output, is trained, and a linear map is fitted in closed form, with one call of a linear
# solver. No gradients, no epochs, no learning rate.
#
# For that to work the reservoir must be tuned, not trained: its weights are scaled so that it remembers the
# recent input for a while and then forgets where it started. You will write, in plain NumPy:
#
# 1. `init_reservoir`: a sparse random reservoir scaled to a chosen **spectral radius**, and its input weights;
# 2. `reservoir_states`: the **leaky** reservoir driven by a series; then you will see the **echo-state
#    property** (two reservoirs started apart end up in the same state) and where it breaks;
# 3. `ridge_readout`: the readout by **ridge regression**, in closed form;
# 4. `nrmse`: the normalised error every reservoir paper reports, and which normalisation it uses;
# 5. `generate`: the network running **on its own**, each prediction fed back as the next input.
#
# The test bed is the **Mackey-Glass** series, a chaotic signal and the classic benchmark of the field. At the end
# you compare your ESN with an LSTM of Course 5 on the same series and the same split: accuracy one step and 84
# steps ahead, and training time.
#
# **Layout.** Here time runs down the rows: a series of $T$ steps with $n$ values per step is an array
# `(T, n)`, the reservoir's states are `(T, N)` for $N$ units. (Course 5 put time last, `(n_x, m, T_x)`, for
# batches of many sequences; an ESN reads one long series, and rows make its readout a single matrix product.)
#
# After each function, `check(function_name)` runs it on the cases the grader uses; `dlspec hint c6w2a1
# <function>` in a terminal gives hints one at a time.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from dlspec.data.mackey_glass import mackey_glass
from dlspec.nn import forecast
from dlspec.nn.esn import readout, state_distance
from dlspec.notebook import checker, quick

check = checker("c6w2a1")
np.set_printoptions(precision=5, suppress=True)

# %% [markdown]
# ## 1. The data: a chaotic series
#
# The Mackey-Glass equation models the number of blood cells $x$ whose production responds to the count $\tau$
# days earlier:
#
# $$\frac{dx}{dt} = \beta \frac{x(t-\tau)}{1 + x(t-\tau)^{10}} - \gamma\, x(t), \qquad \beta = 0.2,\ \gamma = 0.1$$
#
# With a delay $\tau = 17$ the solution never settles and never repeats: it is **chaotic**. Two starting points a
# hair apart drift apart exponentially fast, so predicting far ahead is genuinely hard, yet the series is smooth
# and fully determined by its past, which is what a good predictor exploits.
#
# Chaos also has a practical consequence: two correct numerical integrators of this equation, or one integrator
# with a different step, produce series that agree for a few hundred time units and then part ways. So the series
# here is one integrator's, pinned (`dlspec.data.mackey_glass`: Runge-Kutta 4 with step 0.1, one sample per time
# unit), and the project checks it against stored values. We drop the first 1000 samples, where the series still
# remembers its flat starting history, and scale it so that the training part spans $[-1, 1]$.
#
# The split, used by every model below: steps 0 to 2999 train, and forecasts are made from each of the next
# 2000 steps.

# %%
# train 3000, test 2000, washout 100, free run scored over 200 steps; the quick setting (the tests') is smaller
split = quick(forecast.Split(), forecast.Split(train=800, test=300, free_run=100))
LONGEST = 84  # the longest horizon forecast below: the series must reach 84 steps past the test part
x = mackey_glass(1000 + split.train + split.test + LONGEST)[1000:]
u = forecast.scaled(x, split.train)
print("series", u.shape, f"from {u.min():.3f} to {u.max():.3f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 3.5), gridspec_kw={"width_ratios": [3, 1]})
ax1.plot(u[:1000, 0])
ax1.set(xlabel="t", ylabel="u(t)", title="Mackey-Glass, τ = 17 (the first 1000 training steps)")
ax2.plot(u[17:split.train, 0], u[:split.train - 17, 0], lw=0.3)
ax2.set(xlabel="u(t)", ylabel="u(t - 17)", title="the attractor")
plt.tight_layout()
plt.show()

# %% [markdown]
# On the right, each value against the value 17 steps earlier: the points stay on a tangled but thin band, the
# *attractor*. The series is not noise; a model that has learned the band can predict.
#
# ## 2. The reservoir
#
# The reservoir's state $\mathbf{x}(t)$ holds the $N$ units' activations. Its weights are:
#
# | weights | shape | drawn as |
# |---|---|---|
# | `W`, unit to unit | $(N, N)$ | uniform in $[-1, 1]$, then most entries set to 0: only a fraction `density` stays |
# | `W_in`, input to unit | $(N, 1 + n)$ | uniform in $[-s, s]$, $s$ = `input_scaling`; column 0 acts on a constant 1 |
#
# Then `W` is rescaled so that its **spectral radius**, the largest absolute value of its eigenvalues
# $\rho(W) = \max_i |\lambda_i|$, is exactly the value you ask for. Multiplying a matrix by $c$ multiplies every
# eigenvalue by $c$, so one division and one multiplication do it; do it **after** zeroing entries, which changes
# the eigenvalues.
#
# Why the spectral radius? Roughly, each step of the reservoir multiplies small differences in its state by $W$:
# with $\rho < 1$ they shrink and the reservoir forgets its past, with $\rho > 1$ they can grow. It is the main
# knob between short and long memory. Note that the spectral radius is not the largest singular value
# (`np.linalg.norm(W, 2)`): for a non-symmetric matrix that one is larger.
#
# Sparse reservoirs (a few percent of the connections) were the rule in the early papers, mostly for speed; the
# density matters less than the radius.
#
# ### Exercise 1: `init_reservoir`
#
# Draw with NumPy's global random state (`np.random.uniform`, `np.random.rand`), as the graded initialisers of the
# course do, so that `np.random.seed` makes your reservoir reproducible. Return `(W, W_in)`. Any draw with the right
# properties passes: the check measures the radius (to 1e-6), the share of non-zero entries and the range of
# `W_in`.

# %%
# GRADED: init_reservoir

# %%
check(init_reservoir)

# %%
np.random.seed(0)
W, W_in = init_reservoir(300, 1, spectral_radius=1.25, density=0.1, input_scaling=1.0)
eigenvalues = np.linalg.eigvals(W)
print(f"W {W.shape}, {np.mean(W != 0):.1%} non-zero, spectral radius {np.abs(eigenvalues).max():.6f}; "
      f"W_in {W_in.shape}; largest singular value {np.linalg.norm(W, 2):.3f}")
fig, ax = plt.subplots(figsize=(4.5, 4.5))
ax.scatter(eigenvalues.real, eigenvalues.imag, s=4)
circle = np.exp(1j * np.linspace(0, 2 * np.pi, 200))
ax.plot(1.25 * circle.real, 1.25 * circle.imag, "r", lw=1, label="radius 1.25")
ax.plot(circle.real, circle.imag, "k--", lw=0.8, label="unit circle")
ax.set(aspect="equal", xlabel="Re λ", ylabel="Im λ", title="eigenvalues of W")
ax.legend(loc="lower left")
plt.show()

# %% [markdown]
# The eigenvalues of a large random matrix fill a disc (the *circular law*); the scaling puts its rim exactly on
# the radius asked for.
#
# ## 3. Driving the reservoir
#
# At each step the reservoir reads the input $\mathbf{u}(t)$ and updates every unit at once. A **leaky** reservoir
# moves only part of the way towards the new value:
#
# $$\tilde{\mathbf{x}}(t) = \tanh\left(W_{in} \begin{bmatrix} 1 \\ \mathbf{u}(t) \end{bmatrix}
# + W\, \mathbf{x}(t-1)\right), \qquad \mathbf{x}(t) = (1 - a)\, \mathbf{x}(t-1) + a\, \tilde{\mathbf{x}}(t)$$
#
# The **leak rate** $a \in (0, 1]$ sets the reservoir's own speed: with $a = 1$ each state is recomputed from
# scratch, with a small $a$ the state changes slowly, an average of the recent values. It should match the time
# scale of the data; Mackey-Glass changes slowly from one step to the next, and $a = 0.3$ works well.
#
# ### Exercise 2: `reservoir_states`
#
# Start from `x0`, or from zeros when `x0` is None; for each of the $T$ steps compute the new state and store it.
# Return the states `(T, N)`, row $t$ holding $\mathbf{x}(t)$, the state *after* reading $\mathbf{u}(t)$ (so `x0`
# itself is not a row). `W_in[:, 0] + W_in[:, 1:] @ u[t]` is $W_{in} [1; \mathbf{u}(t)]$ without building the
# stacked vector. Leave `x0` as it is (build new arrays, do not update it in place).

# %%
# GRADED: reservoir_states

# %%
check(reservoir_states)

# %%
leak_rate = 0.3
states = reservoir_states(W, W_in, u[:split.train + split.test], leak_rate)
print("states", states.shape)
fig, ax = plt.subplots(figsize=(12, 3.5))
ax.plot(u[:400, 0], "k", lw=2, label="input u(t)")
for i in range(6):
    ax.plot(states[:400, i], lw=1, label=f"unit {i}")
ax.set(xlabel="t", title="the input and six of the 300 units")
ax.legend(ncol=7, fontsize=8, loc="lower right")
plt.show()

# %% [markdown]
# Each unit echoes the input in its own way: delayed, smoothed, sharpened, inverted, mixed with its neighbours'
# echoes. The readout will look for a linear combination of these 300 curves (and a constant) that equals the
# input's future.
#
# ## 4. The echo-state property
#
# A reservoir is useful only if its state depends on the *input's* recent history, not on where it started. That
# is the **echo-state property**: run two copies of the same reservoir on the same input from two different
# starting states, and the distance between their states should fall to zero. Once it has, the state is a function
# of the input alone (an "echo" of it), and the first steps, still marked by the start, are what the **washout**
# leaves out of the fit.
#
# Below: the distance between two copies started from two random states, for several spectral radii, driven by
# the Mackey-Glass input (left) and with no input at all (right).

# %%
UNITS = quick(300, 100)


def distances(radius: float, inputs: np.ndarray, seed: int = 1) -> np.ndarray:
    """||x_a(t) - x_b(t)|| for one reservoir of this spectral radius started from two random states."""
    np.random.seed(seed)
    W_r, W_in_r = init_reservoir(UNITS, 1, radius, 0.1, 1.0)
    starts = np.random.default_rng(seed).uniform(-1, 1, (2, UNITS))
    return state_distance(W_r, W_in_r, inputs, leak_rate, starts[0], starts[1])


radii = (0.5, 0.9, 1.25, 2.0, 3.0)
STEPS = quick(600, 150)
quiet = np.zeros((STEPS, 1))
fig, axes = plt.subplots(1, 2, figsize=(12, 3.8), sharey=True)
for radius in radii:
    driven, undriven = distances(radius, u[:STEPS]), distances(radius, quiet)
    axes[0].semilogy(driven + 1e-17, label=f"ρ = {radius}")
    axes[1].semilogy(undriven + 1e-17, label=f"ρ = {radius}")
    print(f"radius {radius}: distance after {STEPS} steps {driven[-1]:.1e} driven, {undriven[-1]:.1e} without input")
axes[0].set(xlabel="t", ylabel="||x_a(t) - x_b(t)||", title="driven by Mackey-Glass")
axes[1].set(xlabel="t", title="no input (bias only)")
axes[0].legend()
plt.show()

# %% [markdown]
# Below $\rho = 1$ the distance falls geometrically, down to the rounding error of float64 within a few hundred
# steps: the reservoir forgets its start. At $\rho = 1.25$, the setting used below (that of ReservoirPy's Mackey-Glass
# tutorial), they still merge, only more slowly. The reason is the tanh: the input and the bias column keep the
# units away from 0, where the tanh is steep, so a small difference in the state is multiplied by $W$ *and* by
# slopes below 1, and the reservoir's effective gain is smaller than $\rho$ says. At $\rho = 2$ and $3$ that is no
# longer enough: over the 600 steps shown the copies never meet, the state keeps a memory of its start, and a
# readout fitted on such states would depend on how the reservoir happened to start. (At $\rho = 2$ the driven
# copies stay much closer than the undriven ones: the drive saturates more units.) So "$\rho < 1$" is a rule of
# thumb, neither necessary nor sufficient (the classic sufficient condition asks the largest *singular value* of
# $W$ to be below 1, which is stricter): the echo-state property belongs to a reservoir *and the input that drives
# it*. A washout of 100 steps leaves the
# start behind at $\rho = 1.25$.
#
# ## 5. The readout: ridge regression
#
# To predict $h$ steps ahead, the readout maps each state to the input $h$ steps later:
#
# $$\hat{\mathbf{y}}(t) = W_{out}^\top \begin{bmatrix} 1 \\ \mathbf{x}(t) \end{bmatrix} \approx \mathbf{u}(t + h)$$
#
# Stack the states after the washout as rows, with a column of ones in front, into $X$ ($(T - \text{washout})
# \times (N + 1)$), and the targets likewise into $Y$. The least-squares $W_{out}$ minimises $\|X W_{out} -
# Y\|^2$; with 300 correlated units it would fit noise with huge weights of opposite signs, so **ridge
# regression** adds a penalty $\beta \|W_{out}\|^2$ (here on every row, the bias's too). Setting the gradient to zero
# gives the closed form:
#
# $$W_{out} = \left(X^\top X + \beta I\right)^{-1} X^\top Y$$
#
# This is the whole training of an ESN. Solve it with `np.linalg.solve(A, B)`, which solves $A\,W = B$, rather
# than by inverting $A$: it is faster and more accurate.
#
# ### Exercise 3: `ridge_readout`
#
# Given `states (T, N)` and `targets (T, n_out)` aligned row by row, drop the first `washout` rows of both, add the
# column of ones in front, and return `W_out (N + 1, n_out)`, its row 0 the bias. `readout(states, W_out)`
# (given) applies it: `W_out[0] + states @ W_out[1:]`.

# %%
# GRADED: ridge_readout

# %%
check(ridge_readout)

# %%
ridge = 1e-8
W_out1 = ridge_readout(states[:split.train - 1], u[1:split.train], ridge, split.washout)  # one step ahead
test = slice(split.train, split.train + split.test)
pred1 = readout(states[test], W_out1)
truth1 = u[split.train + 1:split.train + split.test + 1]
print("W_out", W_out1.shape, f"largest |weight| {np.abs(W_out1).max():.3g}")

# %% [markdown]
# Note the alignment: the state at $t$ (which has read $u(t)$) is paired with $u(t+1)$, and the training pairs
# stop before the test part, so no target the readout learned from lies in the test part.
#
# ## 6. Measuring the error: NRMSE
#
# Reservoir papers report the **normalised root-mean-square error**:
#
# $$\text{NRMSE} = \frac{\sqrt{\frac{1}{T}\sum_t \left(y(t) - \hat{y}(t)\right)^2}}{\text{spread of } y}$$
#
# Dividing by the target's spread makes it independent of the units: predicting the mean always scores 1 when the
# spread is the standard deviation. The catch is that "spread" has two common meanings: the **standard
# deviation** of $y$ (Jaeger's papers, and every figure of this notebook) or its **range** $\max y - \min y$
# (ReservoirPy's default). On this Mackey-Glass test part the range is about 4 standard deviations, so the same
# prediction scores about 4 times lower with the range. Always say which one a number uses.
#
# ### Exercise 4: `nrmse`
#
# `norm="std"` divides by `np.std(y)`, `norm="range"` by `y.max() - y.min()`, always the target's (`y`), never the
# prediction's. Average over every entry, whatever the shape. Return a Python float.

# %%
# GRADED: nrmse

# %%
check(nrmse)

# %%
print(f"one step ahead: NRMSE {nrmse(truth1, pred1):.2e} (std), {nrmse(truth1, pred1, 'range'):.2e} (range)")

W_out84 = ridge_readout(states[:split.train - LONGEST], u[LONGEST:split.train], ridge, split.washout)
pred84 = readout(states[test], W_out84)
truth84 = u[split.train + LONGEST:split.train + split.test + LONGEST]
print(f"84 steps ahead: NRMSE {nrmse(truth84, pred84):.2e} (std)")

fig, axes = plt.subplots(2, 1, figsize=(12, 5), sharex=True)
for ax, truth, pred, h in ((axes[0], truth1, pred1, 1), (axes[1], truth84, pred84, LONGEST)):
    ax.plot(truth[:500, 0], "k", lw=2, label="true")
    ax.plot(pred[:500, 0], "r--", lw=1, label=f"ESN, {h} step(s) ahead")
    ax.set(ylabel="u")
    ax.legend(loc="lower right")
axes[1].set(xlabel="test step")
plt.show()

# %% [markdown]
# One step ahead the prediction is indistinguishable from the truth at this scale. Eighty-four steps ahead,
# roughly five "humps" of the series, the readout has to map the present state to a value the chaos has not
# decided yet in any obvious way, and it still follows the curve closely: Jaeger and Haas made this 84-step task
# famous in 2004.
#
# ## 7. Running free
#
# So far the true input was fed in at every step (*teacher forcing*): the ESN predicted only one (or 84) steps
# past what it had seen. Can it continue the series on its own? Take the state at the end of the training part,
# read a prediction, feed that prediction back in as the next input, read the next prediction, and so on: a
# **closed loop**. Errors now compound, and because the series is chaotic, any error eventually grows until the
# forecast has nothing to do with the truth; the question is how long that takes.
#
# ### Exercise 5: `generate`
#
# From the state `x (N,)`, return `(n_steps, n_out)` outputs: the first is `readout(x, W_out)` (so it equals the
# teacher-forced one-step prediction of that state); after each output, update the state with that output as the
# input, one leaky step exactly as in `reservoir_states` (calling it on a one-row series is fine), and read the
# next. The outputs are fed back as inputs, so `n_out` equals the number of inputs. Do not change `x` in place.

# %%
# GRADED: generate

# %%
check(generate)

# %%
last_state = states[split.train - 1]  # the state after reading the last training step
FREE = quick(500, 200)
free = generate(W, W_in, W_out1, last_state, FREE, leak_rate)
assert np.allclose(free[0], readout(last_state, W_out1)), "the first free step is the teacher-forced prediction"
truth_free = u[split.train:split.train + FREE]
for n in (100, 200, 300, 500)[:quick(4, 2)]:
    print(f"free-running, first {n} steps: NRMSE {nrmse(truth_free[:n], free[:n]):.2e}")
fig, ax = plt.subplots(figsize=(12, 3.5))
ax.plot(truth_free[:, 0], "k", lw=2, label="true")
ax.plot(free[:, 0], "r--", lw=1, label="ESN on its own outputs")
ax.set(xlabel="steps after the training part", ylabel="u", title="free-running forecast")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# For a while the free-running network traces the series as if it knew the equation; then its small errors, fed
# back and amplified by the chaos, take over. How long "a while" lasts varies from one reservoir to another:
# larger reservoirs usually run true for longer.
#
# ## 8. How good, measured
#
# One reservoir is one random draw; ReservoirPy's tutorial recommends averaging any figure over many. Below, the
# mean over 3 reservoirs (seeds 0, 1, 2) of 300 units of the NRMSE (std-normalised) one step and 84 steps ahead on
# the 2000 test steps, and of the free-running forecast over its first 200 steps, with the time to draw the
# reservoir, run it over the 5000 steps and fit both readouts. `forecast.esn_scores` runs exactly the steps above,
# with the answer key's functions. Timings use one CPU thread (`threadpool_limits`), for the ESN and the LSTM
# alike: on a small machine, several threads only fight over products this size. docs/benchmarks.md ("X2
# echo-state networks") has the same figures for 1000 units, which take longer to run.

# %%
horizons = (1, LONGEST)
with threadpool_limits(limits=1):
    runs = [forecast.esn_scores(u, split, horizons, forecast.Reservoir(n_units=300), seed)
            for seed in range(quick(3, 1))]
esn_rows = {"ESN, 300 units": forecast.mean_scores(runs)}


def show(rows: dict) -> None:
    print(f"{'':22s} {'1 step':>9s} {'84 steps':>9s} {f'free, {split.free_run}':>10s} {'fit, s':>8s}")
    for name, r in rows.items():
        print(f"{name:22s} {r['h1']:9.2e} {r['h84']:9.2e} {r['free']:10.2e} {r['fit s']:8.2f}")


show(esn_rows)

# %% [markdown]
# ## 9. Against an LSTM
#
# How does a trained recurrent network do on the same task? The LSTM is Course 5's (`dlspec.nn.rnn_layers.LSTM`,
# the NumPy layer of the Course 5 labs), 32 units reading a window of the last 48 steps, then a `Linear` layer;
# trained with Adam (learning rate 3e-3, batches of 32) on the mean squared error for 60 epochs over the ~2950
# training windows, one network per horizon (as the ESN has one readout per horizon), on the same split: its
# training windows end before step 3000 - h, its test windows end at each of the 2000 test steps.
# Free-running, it slides its window over its own predictions. In this notebook's quick setting (the tests') it
# trains for one epoch only, so only the full run's figures mean anything.
#
# Is that a fair budget? It is the largest that keeps this notebook within its few minutes on two CPU cores: a
# minute or so of training against the ESN's fraction of a second. docs/benchmarks.md ("X2 echo-state networks")
# gives the figures measured at this budget and at four times more epochs.

# %%
network = forecast.Network(epochs=quick(60, 1))
start = time.perf_counter()
with threadpool_limits(limits=1):
    lstm_rows = {"LSTM, 32 units": forecast.lstm_scores(u, split, horizons, network, seed=0)}
print(f"LSTM trained and scored in {time.perf_counter() - start:.1f} s")
show({**esn_rows, **lstm_rows})

# %% [markdown]
# The table above is this run's. In the runs measured for docs/benchmarks.md (3 seeds each, one thread, two CPU
# cores), the 300-unit ESN was about 50 times more accurate one step ahead (NRMSE 2.8e-4 against 1.5e-2), better 84
# steps ahead by less than a factor of two (2.9e-2 against 5.1e-2), ran free far longer (7e-3 against 0.5 over
# 200 steps), and was ready in well under a second against one to two minutes of training: its training is one
# linear solve. The free-running figure varies most from one reservoir to the next (5e-4 to 2e-2 over the three).
#
# Three caveats keep the comparison honest. First, the budget: trained four times longer (240 epochs, a few
# minutes), the LSTM did better 84 steps ahead than the 300-unit ESN (2.3e-2 against 2.9e-2), though not than a
# 1000-unit one (1.9e-2, fitted in seconds), and stayed well behind one step ahead (1.7e-3) and free-running
# (0.17). Second, the sizes: the LSTM trains about 4,400 parameters; the ESN trains the readout's 301 numbers on top
# of 9,600 fixed random ones, and its reservoir's memory fades gradually where the LSTM sees a window of 48 steps.
# Third, Mackey-Glass is the ESN's home ground: a smooth, low-dimensional, noise-free signal. On tasks with long
# discrete dependencies or large vocabularies (language, Course 5's main subject) trained gated networks and
# Transformers are far ahead; reservoirs shine where data are scarce, training must be cheap, or the hardware
# itself is the reservoir (photonic and physical reservoir computing).
#
# ## Summary
#
# * An ESN keeps a random recurrent layer fixed and trains only a linear readout, in closed form: training is one
#   linear solve.
# * The spectral radius of the reservoir (its largest |eigenvalue|) sets how long it remembers; the leak rate sets
#   its speed; the input scaling how hard the input drives it.
# * The echo-state property (the state forgets where it started) holds for a reservoir *and its input*: a radius
#   below 1 is the rule of thumb (the classic guarantee asks the largest singular value to be below 1), and a
#   driven reservoir may keep it above 1.
# * NRMSE divides the RMSE by the target's standard deviation or range: a factor of about 4 apart on this series.
#   Say which.
# * Teacher-forced forecasts use the true input at every step; a free-running network feeds back its own output,
#   and on a chaotic series its error eventually grows.
#
# When every check passes, grade the notebook from a terminal: `dlspec submit c6w2a1`.
