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
# # Tuning hyper-parameters, and batch normalisation
#
# A network has more knobs than weights: the learning rate $\alpha$, the momentum or Adam coefficient $\beta$,
# the number of units, the mini-batch size. Gradient descent does not set them; you do, by trying values. This
# lesson is about trying them well, and about one layer, **batch normalisation**, that makes a network far less
# fussy about them.
#
# You will write:
#
# 1. `sample_log_uniform` and `sample_beta`: random samples on the right scale for $\alpha$ and $\beta$;
# 2. `softmax` and `softmax_cross_entropy`: the output layer and cost for $C$ classes;
# 3. `batchnorm_forward` and `batchnorm_backward`: batch norm in NumPy, training and inference modes.
#
# Then you use them: a coarse-to-fine random search for $\alpha$ and $\beta$ on handwritten digits, and the same
# small network trained with and without batch norm.
#
# As in the earlier courses, examples are **columns**: a batch of $m$ examples with $n$ features is $(n, m)$.
# After each function a cell `check(function_name)` runs it on the example shown and on hidden inputs.
# The samplers draw random numbers, so for them the check tests *properties* (range, spread on a log scale,
# random order). Stuck? `dlspec hint c2w3a2 <function>` in a terminal gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from dlspec.notebook import checker

check = checker("c2w3a2")
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. Random search beats a grid
#
# Say you can afford 25 training runs to tune two hyper-parameters, and (you don't know it yet) only the first
# one really matters. A $5 \times 5$ grid tries just **5** distinct values of the one that matters; the other 20
# runs repeat them. 25 random points try **25** distinct values of each. Below, the background shade is the
# validation score of an imaginary model that depends almost only on the horizontal axis.

# %%
def imaginary_score(h1, h2):
    return np.exp(-((h1 - 0.63) ** 2) / 0.01) + 0.05 * h2


np.random.seed(0)
grid = np.array(np.meshgrid(np.linspace(0.1, 0.9, 5), np.linspace(0.1, 0.9, 5))).reshape(2, -1)
rand = np.random.rand(2, 25)
h1, h2 = np.meshgrid(np.linspace(0, 1, 200), np.linspace(0, 1, 200))
fig, axes = plt.subplots(1, 2, figsize=(9, 4), sharey=True)
for ax, points, title in zip(axes, [grid, rand], ["grid", "random"], strict=True):
    ax.contourf(h1, h2, imaginary_score(h1, h2), levels=20, cmap="Greens")
    ax.scatter(points[0], points[1], c="k", s=20)
    best = points[:, np.argmax(imaginary_score(*points))]
    ax.scatter(*best, marker="*", s=250, c="red")
    ax.set_title(f"{title}: {len(np.unique(points[0].round(6)))} distinct values of the hyper-parameter that "
                 "matters", fontsize=9)
    ax.set_xlabel("important hyper-parameter")
axes[0].set_ylabel("unimportant hyper-parameter")
plt.show()

# %% [markdown]
# ## 2. Sampling on the right scale
#
# Random does not mean uniform. Suppose $\alpha$ may lie anywhere in $[10^{-4}, 1]$. Drawn uniformly, 90% of the
# samples fall in $[0.1, 1]$ and the four decades below share the other 10%, although each decade matters
# as much as any other. Draw the **exponent** uniformly instead:
#
# $$r \sim \mathcal{U}\big[\log_{10}(\text{low}),\ \log_{10}(\text{high})\big], \qquad \alpha = 10^{r}.$$
#
# **Exercise: `sample_log_uniform(low, high, n)`.** Return an array of shape `(n,)` of such samples, drawn with
# NumPy's global random state (`np.random`), so a seeded run can be repeated.

# %%
# GRADED: sample_log_uniform

# %%
check(sample_log_uniform)

# %%
np.random.seed(1)
print(sample_log_uniform(1e-4, 1.0, 5))
uniform = np.random.uniform(1e-4, 1.0, 2000)
log_uniform = sample_log_uniform(1e-4, 1.0, 2000)
fig, axes = plt.subplots(1, 2, figsize=(9, 3), sharey=True)
for ax, values, title in zip(axes, [uniform, log_uniform], ["uniform in α", "uniform in log10 α"], strict=True):
    ax.hist(np.log10(values), bins=np.arange(-4, 0.01, 0.25), color="tab:blue")
    ax.set_title(title)
    ax.set_xlabel("log10 α")
axes[0].set_ylabel("samples out of 2000")
plt.show()

# %% [markdown]
# **The averaging coefficient $\beta$.** Momentum and Adam average over roughly the last $1/(1-\beta)$ steps:
# $\beta = 0.9$ is about 10 steps, $0.99$ about 100, $0.999$ about 1000. Moving $\beta$ from 0.9 to 0.9005 changes
# almost nothing; from 0.999 to 0.9995 it doubles the window. So sample $1-\beta$ on a log scale: for
# $\beta \in [\text{low}, \text{high}]$,
#
# $$r \sim \mathcal{U}\big[\log_{10}(1-\text{high}),\ \log_{10}(1-\text{low})\big], \qquad \beta = 1 - 10^{r}.$$
#
# **Exercise: `sample_beta(low, high, n)`**, shape `(n,)`, again with `np.random`.

# %%
# GRADED: sample_beta

# %%
check(sample_beta)

# %%
np.random.seed(2)
print(sample_beta(0.9, 0.999, 5))
windows = {"uniform in β": 1 / (1 - np.random.uniform(0.9, 0.999, 2000)),
           "uniform in log10(1 - β)": 1 / (1 - sample_beta(0.9, 0.999, 2000))}
fig, axes = plt.subplots(1, 2, figsize=(9, 3), sharey=True)
for ax, (title, window) in zip(axes, windows.items(), strict=True):
    ax.hist(np.log10(window), bins=np.linspace(1, 3, 9), color="tab:orange")
    ax.set_title(title)
    ax.set_xlabel("log10 of the averaging window 1 / (1 - β)")
plt.show()

# %% [markdown]
# ## 3. Softmax regression
#
# The search below tunes a model with ten classes, the digits 0 to 9. Its output layer turns a column of $C$ scores
# $z$ into probabilities with the **softmax**:
#
# $$a_i = \frac{e^{z_i}}{\sum_{j=1}^{C} e^{z_j}}.$$
#
# `np.exp` overflows to `inf` beyond about 709, and `inf / inf` is `nan`. Subtracting the same number from every
# score of a column leaves its softmax unchanged, so subtract the column's maximum first: the largest exponent is
# then $e^0 = 1$.
#
# **Exercise: `softmax(Z)`**, `Z` of shape $(C, m)$, one softmax per column.

# %%
# GRADED: softmax

# %%
check(softmax)

# %% [markdown]
# With one-hot labels $Y$ of shape $(C, m)$ the cost is the mean cross-entropy, and its gradient with respect to
# the scores is as simple as in the two-class case:
#
# $$J = -\frac{1}{m} \sum_{k=1}^{m} \sum_{i=1}^{C} Y_{ik} \log A_{ik}, \qquad \frac{\partial J}{\partial Z} =
# \frac{1}{m}(A - Y), \qquad A = \operatorname{softmax}(Z).$$
#
# One trap: when a score is far below its column's maximum, its probability underflows to exactly 0 and
# $\log 0 = -\infty$. Compute $\log A$ from the shifted scores instead:
# $\log A_{ik} = \tilde z_{ik} - \log \sum_j e^{\tilde z_{jk}}$ with $\tilde z$ the shifted scores.
#
# **Exercise: `softmax_cross_entropy(Z, Y)`** returns `(cost, dZ)`, `cost` a Python float.

# %%
# GRADED: softmax_cross_entropy

# %%
check(softmax_cross_entropy)

# %% [markdown]
# ## 4. Coarse to fine: tuning α and β on handwritten digits
#
# scikit-learn ships 1,797 images of handwritten digits, $8 \times 8$ pixels with values 0 to 16. We keep 1,200 to
# train on and 597 to judge each setting by. The model is softmax regression ($Z = WX + b$, pixels scaled to
# $[0, 1]$) trained by gradient descent with momentum for 60 full-batch steps. `validation_cost(alpha, beta)`
# trains one and returns its cross-entropy on the validation set: lower is better. (The cost, not the accuracy:
# a learning rate far too large still gets most digits right but is wildly over-confident about the rest, and
# only the cost shows it.)

# %%
digits = load_digits()
order = np.random.default_rng(0).permutation(len(digits.target))
X_all, labels = digits.data.T[:, order], digits.target[order]
Y_all = np.eye(10)[:, labels]
X_train, Y_train, X_val, Y_val = X_all[:, :1200], Y_all[:, :1200], X_all[:, 1200:], Y_all[:, 1200:]
print("X_train", X_train.shape, " Y_train", Y_train.shape, " X_val", X_val.shape)

fig, axes = plt.subplots(1, 8, figsize=(8, 1.3))
for ax, k in zip(axes, range(8), strict=True):
    ax.imshow(X_train[:, k].reshape(8, 8), cmap="gray_r")
    ax.set_title(int(Y_train[:, k].argmax()))
    ax.axis("off")
plt.show()


def train_softmax_regression(alpha, beta, steps=60):
    X = X_train / 16
    W, b = np.zeros((10, 64)), np.zeros((10, 1))
    vW, vb = np.zeros_like(W), np.zeros_like(b)
    for _ in range(steps):
        _, dZ = softmax_cross_entropy(W @ X + b, Y_train)
        vW = beta * vW + (1 - beta) * (dZ @ X.T)
        vb = beta * vb + (1 - beta) * np.sum(dZ, axis=1, keepdims=True)
        W, b = W - alpha * vW, b - alpha * vb
    return W, b


def validation_cost(alpha, beta):
    W, b = train_softmax_regression(alpha, beta)
    return softmax_cross_entropy(W @ (X_val / 16) + b, Y_val)[0]


def search(alpha_range, beta_range, n):
    alphas, betas = sample_log_uniform(*alpha_range, n), sample_beta(*beta_range, n)
    costs = np.array([validation_cost(a, b) for a, b in zip(alphas, betas, strict=True)])
    return alphas, betas, costs


# %% [markdown]
# **Coarse.** 20 random settings over wide ranges: $\alpha \in [10^{-2}, 10^{3}]$, $\beta \in [0.5, 0.999]$.
# **Fine.** 20 more in the red box around the best coarse setting: $\alpha$ within a factor 3 either side, $1-\beta$
# within a factor 3 either side. Both axes are logarithmic, as the samples are.

# %%
np.random.seed(3)
coarse = search((1e-2, 1e3), (0.5, 0.999), 20)
best = np.argmin(coarse[2])
alpha_best, beta_best = coarse[0][best], coarse[1][best]
fine_alpha = (alpha_best / 3, alpha_best * 3)
fine_beta = (max(0.5, 1 - 3 * (1 - beta_best)), min(0.9999, 1 - (1 - beta_best) / 3))
fine = search(fine_alpha, fine_beta, 20)

fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
for ax, (alphas, betas, costs), title in zip(axes, [coarse, fine], ["coarse", "fine"], strict=True):
    points = ax.scatter(alphas, 1 - betas, c=costs, cmap="viridis_r", vmin=0, vmax=1, s=40, edgecolors="k")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_minor_formatter(plt.NullFormatter())
    ax.yaxis.set_minor_formatter(plt.NullFormatter())
    ax.set_xlabel("learning rate α")
    ax.set_ylabel("1 - β")
    ax.set_title(f"{title}: best validation cost {costs.min():.3f}")
axes[0].add_patch(plt.Rectangle((fine_alpha[0], 1 - fine_beta[1]), fine_alpha[1] - fine_alpha[0],
                                fine_beta[1] - fine_beta[0], fill=False, ec="red", lw=2))
fig.colorbar(points, ax=axes, label="validation cost (values above 1 shown as 1)")
plt.show()

best_fine = np.argmin(fine[2])
W, b = train_softmax_regression(fine[0][best_fine], fine[1][best_fine])
accuracy = np.mean(np.argmax(W @ (X_val / 16) + b, axis=0) == Y_val.argmax(axis=0))
print(f"best: alpha = {fine[0][best_fine]:.3g}, beta = {fine[1][best_fine]:.4f}, validation cost = "
      f"{fine[2][best_fine]:.3f}, validation accuracy = {accuracy:.3f}")

# %% [markdown]
# ## 5. Batch normalisation
#
# Normalising the inputs (mean 0, variance 1 per feature) makes the cost easier to descend. Batch norm does the
# same for the pre-activations of a hidden layer, on every mini-batch. For $Z$ of shape $(n, m)$, per unit (row):
#
# $$\mu = \frac{1}{m}\sum_{k} Z_{:,k}, \qquad \sigma^2 = \frac{1}{m}\sum_{k} (Z_{:,k} - \mu)^2, \qquad
# \hat Z = \frac{Z - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad \text{out} = \gamma \hat Z + \beta.$$
#
# $\gamma$ and $\beta$ ($n \times 1$; this $\beta$ is a learned shift, not Adam's) are parameters, learned like
# $W$, so the layer can still choose any mean and spread. At inference there may be a single example, so no
# batch statistics: training keeps exponential running averages
# $\text{running} \leftarrow \text{momentum} \cdot \text{running} + (1 - \text{momentum}) \cdot \text{batch value}$
# and `mode="test"` normalises with those, leaving them unchanged. The running variance averages the same biased
# $\sigma^2$ used to normalise. (PyTorch writes the rule with `momentum=0.1` meaning our $1 - 0.9$, and averages
# the unbiased variance, divided by $m - 1$, instead.)
#
# **Exercise: `batchnorm_forward`** returns `out, cache, running_mean, running_var` with
# `cache = (Z, Z_hat, mu, var, gamma, eps)`, `mu` and `var` the statistics actually used.

# %%
# GRADED: batchnorm_forward

# %%
check(batchnorm_forward)

# %% [markdown]
# **Backward.** The shift and scale are easy: $d\beta = \sum_k \text{dout}_{:,k}$ and
# $d\gamma = \sum_k \text{dout}_{:,k} \hat Z_{:,k}$. For $dZ$, remember that each $Z_{ik}$ moves its row's $\mu$ and
# $\sigma^2$ too. Working through the chain rule with $d\hat Z = \gamma \cdot \text{dout}$ gives
#
# $$dZ = \frac{1}{m\sqrt{\sigma^2 + \varepsilon}} \Big( m\, d\hat Z - \sum_k d\hat Z_{:,k}
# - \hat Z \sum_k d\hat Z_{:,k} \hat Z_{:,k} \Big).$$
#
# **Exercise: `batchnorm_backward(dout, cache)`** returns `dZ, dgamma, dbeta` (for a forward pass in train mode).

# %%
# GRADED: batchnorm_backward

# %%
check(batchnorm_backward)

# %% [markdown]
# ## 6. With and without batch norm
#
# A network with one hidden layer of 64 ReLU units and a softmax output, trained on the raw pixels (0 to 16,
# deliberately not rescaled) with mini-batches of 64 for 15 epochs. With batch norm, the hidden layer is
# LINEAR → BATCHNORM → ReLU (its bias $b^{[1]}$ is dropped: $\beta$ plays its part). Both nets start from the same
# weights; each is trained with a small learning rate and with a large one.

# %%
def train_net(alpha, use_bn, epochs=15, batch_size=64, seed=1):
    rng = np.random.default_rng(seed)
    W1, b1 = rng.normal(0, np.sqrt(2 / 64), (64, 64)), np.zeros((64, 1))
    W2, b2 = rng.normal(0, np.sqrt(2 / 64), (10, 64)), np.zeros((10, 1))
    gamma, shift = np.ones((64, 1)), np.zeros((64, 1))
    running_mean, running_var = np.zeros((64, 1)), np.ones((64, 1))
    costs = []
    with np.errstate(all="ignore"):  # the large learning rate may blow the plain net up; its curve shows it
        for _ in range(epochs):
            batches = rng.permutation(X_train.shape[1])
            for start in range(0, len(batches), batch_size):
                idx = batches[start:start + batch_size]
                X, Y = X_train[:, idx], Y_train[:, idx]
                Z1 = W1 @ X
                if use_bn:
                    Z1, cache, running_mean, running_var = batchnorm_forward(Z1, gamma, shift, running_mean,
                                                                             running_var)
                else:
                    Z1 = Z1 + b1
                A1 = np.maximum(Z1, 0)
                cost, dZ2 = softmax_cross_entropy(W2 @ A1 + b2, Y)
                costs.append(cost)
                dZ1 = (W2.T @ dZ2) * (Z1 > 0)
                W2, b2 = W2 - alpha * dZ2 @ A1.T, b2 - alpha * np.sum(dZ2, axis=1, keepdims=True)
                if use_bn:
                    dZ1, dgamma, dshift = batchnorm_backward(dZ1, cache)
                    gamma, shift = gamma - alpha * dgamma, shift - alpha * dshift
                else:
                    b1 = b1 - alpha * np.sum(dZ1, axis=1, keepdims=True)
                W1 = W1 - alpha * dZ1 @ X.T
        Z1 = W1 @ X_val
        if use_bn:
            Z1 = batchnorm_forward(Z1, gamma, shift, running_mean, running_var, mode="test")[0]
        else:
            Z1 = Z1 + b1
        accuracy = np.mean(np.argmax(W2 @ np.maximum(Z1, 0) + b2, axis=0) == Y_val.argmax(axis=0))
    return costs, accuracy


fig, ax = plt.subplots(figsize=(8, 4))
for alpha, style in [(0.01, "-"), (0.3, "--")]:
    for use_bn, colour in [(False, "tab:red"), (True, "tab:blue")]:
        costs, accuracy = train_net(alpha, use_bn)
        label = f"{'batch norm' if use_bn else 'plain'}, α = {alpha}: validation accuracy {accuracy:.3f}"
        ax.plot(costs, style, color=colour, label=label, lw=1)
ax.set_xlabel("mini-batch step")
ax.set_ylabel("cost")
ax.set_ylim(0, 3)
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# With $\alpha = 0.01$ both nets learn, and at that rate the plain net is ahead. At $\alpha = 0.3$ the plain net's
# large, unnormalised pre-activations make its first steps so big that it breaks and stops learning, while the
# batch-norm net trains faster than either slow run: normalising each layer's input per batch widens the range of
# learning rates that work, which is exactly the range your search in section 4 had to find.
#
# **What you built.** Log-scale sampling for random search, a stable softmax and cross-entropy, and batch
# normalisation forward and backward with running averages for inference: the same pieces as
# `torch.nn.BatchNorm1d` and `torch.nn.functional.cross_entropy`, which the next lesson uses.
