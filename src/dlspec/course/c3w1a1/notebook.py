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
# # Metrics, splits and the first diagnosis
#
# The first two courses were about *how* to train a network. This one is about *what to do next*: given a model
# that is not good enough yet, which of the dozen things you could try is worth a week of your time? Most teams
# guess. This lesson replaces the guess with a few numbers, computed on real classifiers of clothing photographs
# that you train here.
#
# You will write six small functions:
#
# 1. `split_sizes`: how much data goes to train, dev and test;
# 2. `f1_score` and `macro_f1`: one number to rank models by;
# 3. `choose_model`: the best model that also meets a speed constraint;
# 4. `bias_variance` and `diagnose`: where the remaining error comes from, and so what to work on.
#
# None of them is long. The point is the reasoning each one encodes, and the mistakes each one prevents.
# After each function, a cell `check(function_name)` runs it on the example shown and on hidden cases. Stuck?
# `dlspec hint c3w1a1 <function>` in a terminal gives a ladder of hints.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from dlspec.data.fashion import CLASSES, load_fashion
from dlspec.nn.train import dense_network, fit
from dlspec.notebook import checker, quick

check = checker("c3w1a1")
# These networks multiply small matrices; one BLAS thread does that faster than two that get in each other's way.
threadpool_limits(limits=1)
EPOCHS = quick(20, 2)

# %% [markdown]
# ## 1. Train, dev and test
#
# The **dev set** is the one you look at all day: you compare ideas on it and keep the best. The **test set** is
# looked at once, at the end, to say how good the chosen model really is. Both must come from the data the system
# will meet in use, and from the same distribution as each other: aiming at one target and being graded on
# another wastes months.
#
# How big? With a few thousand examples, the old rule of 60% / 20% / 20% is fine. With millions, 20% is absurdly
# more than needed: ten thousand dev examples already tell a 0.1% difference from noise, and every example moved
# out of training is one the model cannot learn from. The rule you will implement:
#
# * dev and test each get 20% of $m$, **capped** at the larger of 10,000 and 1% of $m$;
# * sizes are whole examples, rounded down;
# * the training set takes everything else.
#
# **Exercise: `split_sizes(m)`** returns `(train, dev, test)`.

# %%
# GRADED: split_sizes

# %%
check(split_sizes)

# %%
for m in [7_000, 100_000, 1_000_000, 10_000_000]:
    train, dev, test = split_sizes(m)
    print(f"m = {m:>10,}: train {train:>9,} ({train / m:.1%}), dev {dev:>7,} ({dev / m:.1%}), test {test:>7,}")

# %% [markdown]
# Our data: 7,000 photographs of clothes from Fashion-MNIST, 28 × 28 grey pixels, ten classes. We shuffle them
# once and split them with your function. Out of the training part we also keep 600 images the model never trains
# on, a **train-dev** set: it comes from the training distribution, so the gap between it and the training error
# is pure variance. (Here train, train-dev, dev and test all come from one distribution; in the next lesson they
# will not, and the train-dev set earns its keep.)

# %%
train_images, train_labels, test_images, test_labels = load_fashion()
images = np.concatenate([train_images, test_images]).astype(np.float32) / 255
labels = np.concatenate([train_labels, test_labels])
order = np.random.default_rng(0).permutation(len(labels))
images, labels = images[order], labels[order]
n_train, n_dev, n_test = split_sizes(len(labels))

X = images.reshape(len(labels), -1).T  # examples as columns: (784, m)
X_train, y_train = X[:, 600:n_train], labels[600:n_train]
X_train_dev, y_train_dev = X[:, :600], labels[:600]
X_dev, y_dev = X[:, n_train:n_train + n_dev], labels[n_train:n_train + n_dev]
X_test, y_test = X[:, n_train + n_dev:], labels[n_train + n_dev:]
print("train", X_train.shape, " train-dev", X_train_dev.shape, " dev", X_dev.shape, " test", X_test.shape)

fig, axes = plt.subplots(1, 10, figsize=(12, 1.6))
for c, ax in enumerate(axes):
    ax.imshow(images[np.argmax(labels == c)], cmap="gray_r")
    ax.set_title(CLASSES[c], fontsize=8)
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 2. One number to rank models by
#
# Suppose model A has higher precision and model B higher recall. Which is better? Two numbers that disagree stall
# every decision. A **single-number evaluation metric** settles it. For a class, *precision* is the share of the
# images predicted to be that class that really are, and *recall* the share of the images of that class that are
# found. **F1** combines them by their harmonic mean,
#
# $$F_1 = \frac{2}{\frac{1}{P} + \frac{1}{R}} = \frac{2PR}{P + R},$$
#
# which stays low unless both are high: precision 0.9 with recall 0.1 gives 0.18, not the 0.5 an average would.
#
# **Exercise: `f1_score(precision, recall)`**, a float, and 0.0 when both are 0.

# %%
# GRADED: f1_score

# %%
check(f1_score)

# %% [markdown]
# With ten classes, score each class against the other nine and average the ten F1 scores with equal weight:
# the **macro F1**. Unlike accuracy, it does not let the large classes hide a class the model ignores. For class
# $c$, with $tp$ the images of class $c$ predicted as $c$, $fp$ the other images predicted as $c$, and $fn$ the
# images of class $c$ predicted as something else,
#
# $$F_1^{(c)} = \frac{2\,tp}{2\,tp + fp + fn},$$
#
# which is the harmonic mean of that class's precision and recall, written so that it is simply 0 when the class
# is never predicted correctly. Average over all `n_classes` classes, also one that happens to be absent from
# `y_true`.
#
# **Exercise: `macro_f1(y_true, y_pred, n_classes)`**, a float.

# %%
# GRADED: macro_f1

# %%
check(macro_f1)

# %% [markdown]
# ## 3. Models of four sizes
#
# Now real models: softmax regression (no hidden layer) and networks with one hidden layer of 16 or 64 ReLU units
# or two of 256, all trained the same way with the engine you built in the earlier courses (Adam, mini-batches of
# 64). For each we record the error on every set, the macro F1 on the dev set, and the time it takes to classify
# 1,000 images on this computer.

# %%
def build(sizes, seed=1):
    """Linear layers of the given sizes with ReLU between them."""
    return dense_network(sizes, np.random.default_rng(seed))


def one_hot(y):
    return np.eye(10, dtype=np.float32)[:, y]


def predict(model, X):
    model.train(False)
    y = model.forward(X).argmax(axis=0)
    model.train(True)
    return y


def error(model, X, y):
    return float(np.mean(predict(model, X) != y))


def runtime_ms(model, X, repeats=5):
    """Best-of-repeats time to classify the columns of X, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        predict(model, X)
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


SIZES = {"softmax": [784, 10], "16 units": [784, 16, 10], "64 units": [784, 64, 10],
         "2 x 256 units": [784, 256, 256, 10]}
models, results = {}, {}
for name, sizes in SIZES.items():
    model = build(sizes)
    fit(model, X_train, one_hot(y_train), EPOCHS, batch_size=64, rng=np.random.default_rng(2), progress=False)
    models[name] = model
    results[name] = {
        "train": error(model, X_train, y_train), "train-dev": error(model, X_train_dev, y_train_dev),
        "dev": error(model, X_dev, y_dev), "test": error(model, X_test, y_test),
        "dev macro F1": macro_f1(y_dev, predict(model, X_dev), 10),
        "ms per 1000": runtime_ms(model, X_dev[:, :1000]),
    }
print(f"{'model':>14}" + "".join(f"{k:>14}" for k in results["softmax"]))
for name, r in results.items():
    print(f"{name:>14}" + "".join(f"{v:>14.3f}" for v in r.values()))

# %% [markdown]
# Macro F1 and accuracy usually rank these models alike, but not always; per class, F1 shows where the trouble
# is. The shirt class is the hard one: shirts look like T-shirts, pullovers and coats.

# %%
best_name = max(results, key=lambda k: results[k]["dev macro F1"])
y_hat = predict(models[best_name], X_dev)
# each class's precision (of the images predicted c, the share that are c) and recall (of the c images, the
# share predicted c), combined by your f1_score
own = [f1_score(np.mean(y_dev[y_hat == c] == c) if np.any(y_hat == c) else 0.0, np.mean(y_hat[y_dev == c] == c))
       for c in range(10)]
fig, ax = plt.subplots(figsize=(9, 3), layout="constrained")
ax.bar(CLASSES, own, color="tab:blue")
ax.set_ylim(0, 1)
ax.set_ylabel("F1 on the dev set")
ax.set_title(f"{best_name}: F1 of each class")
ax.tick_params(axis="x", labelsize=8)
plt.show()

# %% [markdown]
# ## 4. Optimising and satisficing
#
# Accuracy is not all a team cares about. Say the app that will run this model may spend at most some number of
# milliseconds per 1,000 images. Then runtime is a **satisficing** metric: it only has to be good enough, and a
# model twice as fast as needed earns nothing for it. Accuracy is the **optimising** metric: among the models that
# satisfy every constraint, take the most accurate. With $N$ metrics, choose one to optimise and put thresholds
# on the other $N - 1$.
#
# **Exercise: `choose_model(accuracy, runtime_ms, max_runtime_ms)`** returns the index of the chosen model (the
# first, if several are equally accurate), or `None` when no model is fast enough. A model that takes exactly
# `max_runtime_ms` is fast enough.

# %%
# GRADED: choose_model

# %%
check(choose_model)

# %% [markdown]
# The budget below sits between the fastest and the slowest of our models as measured on this computer, so the
# answer depends on your machine's timings; the reasoning does not.

# %%
names = list(results)
accuracy = [1 - results[k]["dev"] for k in names]
runtimes = [results[k]["ms per 1000"] for k in names]
budget = float(np.median(runtimes))
chosen = choose_model(accuracy, runtimes, budget)
for k, a, r in zip(names, accuracy, runtimes, strict=True):
    print(f"{k:>14}: dev accuracy {a:.3f}, {r:6.2f} ms per 1000 images{'  <- chosen' if k == names[chosen] else ''}")
print(f"budget {budget:.2f} ms")

# %% [markdown]
# ## 5. Learning curves
#
# How does the 64-unit network do with less data? Trained on growing shares of the training set, its training
# error rises (more examples are harder to fit) while its dev error falls (more examples generalise better). The
# gap between the two curves is the variance; more data narrows it. The training error is a floor that more data
# never pushes down: only a bigger model or better features do that.

# %%
sizes_m = quick([300, 600, 1200, 2400, X_train.shape[1]], [300, X_train.shape[1]])
curve = {"train": [], "dev": []}
for m in sizes_m:
    model = build(SIZES["64 units"])
    fit(model, X_train[:, :m], one_hot(y_train[:m]), EPOCHS, batch_size=64, rng=np.random.default_rng(3),
        progress=False)
    curve["train"].append(error(model, X_train[:, :m], y_train[:m]))
    curve["dev"].append(error(model, X_dev, y_dev))
fig, ax = plt.subplots(figsize=(6, 3.5))
for k, style in [("train", "o-"), ("dev", "s-")]:
    ax.plot(sizes_m, curve[k], style, label=f"{k} error")
ax.set_xlabel("training examples")
ax.set_ylabel("error")
ax.set_title("64 hidden units")
ax.legend()
plt.show()

# %% [markdown]
# ## 6. Human level, avoidable bias and variance
#
# How low could the error go? The lowest possible error, the **Bayes error**, is unknown, but human-level error
# is a good stand-in on perception tasks: people are very good at them. For a medical image, "human level" means
# the best a team of experts achieves, because that is the closest to Bayes.
#
# Nobody labelled these thumbnails by hand for this lesson, so we **assume** a figure: say shop staff looking at
# 28 × 28 grey thumbnails disagree with the label on 1 image in 20. Then:
#
# * **avoidable bias** = training error − human-level error: what a bigger model or longer training could remove;
# * **variance** = dev error − training error: what more data or regularisation could remove.
#
# Whichever is larger is what to work on first. Keep the sign: a training error *below* human level gives a
# negative avoidable bias, which tells you the human figure is no longer a good proxy for Bayes error.
#
# **Exercise: `bias_variance(human_error, train_error, dev_error)`** returns `(avoidable_bias, variance)`.

# %%
# GRADED: bias_variance

# %%
check(bias_variance)

# %%
HUMAN_ERROR = 0.05
fig, ax = plt.subplots(figsize=(7, 3.5))
for i, r in enumerate(results.values()):
    bias, variance = bias_variance(HUMAN_ERROR, r["train"], r["dev"])
    ax.bar(i, HUMAN_ERROR, color="lightgrey", label="human level" if i == 0 else None)
    ax.bar(i, bias, bottom=HUMAN_ERROR, color="tab:red", label="avoidable bias" if i == 0 else None)
    ax.bar(i, variance, bottom=HUMAN_ERROR + bias, color="tab:blue", label="variance" if i == 0 else None)
ax.set_xticks(range(len(results)), list(results))
ax.set_ylabel("dev error, split into parts")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# ## 7. The diagnosis from five figures
#
# With a train-dev set and a test set, five figures line up, and each step between neighbours is one kind of
# problem, with its own remedies:
#
# | gap | name | what helps |
# |---|---|---|
# | train − human | avoidable bias | a bigger network, longer or better optimisation, another architecture |
# | train-dev − train | variance | more data, regularisation (L2, dropout, augmentation) |
# | dev − train-dev | data mismatch | make training data more like dev data (next lesson) |
# | test − dev | overfitting the dev set | a bigger dev set |
#
# **Exercise: `diagnose(human_error, train_error, train_dev_error, dev_error, test_error)`** returns the name of
# the largest gap: one of `"avoidable bias"`, `"variance"`, `"data mismatch"`, `"overfitting the dev set"`; a tie
# goes to the one listed first.

# %%
# GRADED: diagnose

# %%
check(diagnose)

# %%
for name, r in results.items():
    figures = (HUMAN_ERROR, r["train"], r["train-dev"], r["dev"], r["test"])
    print(f"{name:>14}: " + ", ".join(f"{x:.3f}" for x in figures) + f"  ->  {diagnose(*figures)}")

# %% [markdown]
# With enough epochs, the small models are limited by bias, the larger ones by variance. The diagnosis also
# depends on the human-level figure: were it 12% instead of 5%, the small models would already be close to the
# best possible, and more data or regularisation, not more capacity, would be the next step.

# %%
for name, r in results.items():
    print(f"{name:>14}, human level 12%: {diagnose(0.12, r['train'], r['train-dev'], r['dev'], r['test'])}")

# %% [markdown]
# ## 8. Overfitting the dev set, made visible
#
# Every time you keep the idea that scored best on the dev set, you fit the dev set a little. With a large dev set
# that bias is tiny; with a small one it is not. Below, 20 runs of the same 32-unit network, differing only in
# their random start and shuffling (so all about equally good), are compared on a dev set of only 100 images; the
# winner is then scored on the 1,400 test images. The 100 images happen to be easier or harder than the test set
# for *every* model, so compare the winner's gap with the average gap.

# %%
rng = np.random.default_rng(4)
small_dev = slice(0, 100)
tried = []
for seed in range(quick(20, 3)):
    model = build([784, 32, 10], seed=seed)
    fit(model, X_train, one_hot(y_train), quick(3, 1), batch_size=64, rng=np.random.default_rng(seed),
        progress=False)
    tried.append((error(model, X_dev[:, small_dev], y_dev[small_dev]), error(model, X_test, y_test)))
tried = np.array(tried)
winner = int(np.argmin(tried[:, 0]))
gap = tried[:, 0] - tried[:, 1]
print(f"winner: error {tried[winner, 0]:.3f} on the 100 dev images, {tried[winner, 1]:.3f} on the test set")
print(f"dev-100 error minus test error: {gap.mean():+.3f} on average, {gap[winner]:+.3f} for the winner")
print(f"test error of the winner {tried[winner, 1]:.3f}, of the average run {tried[:, 1].mean():.3f}")

# %% [markdown]
# The winner looks better on the small dev set than it is: it was chosen *because* it was lucky there. When the
# test error is well above the dev error, the cure is a bigger dev set, not a new model.
#
# **What you have.** A split that grows sensibly with the data, one metric to optimise with the others as
# thresholds, and the five figures that point at the next thing to try. The next lesson adds the tools for when
# the training data and the target data differ: error analysis, label cleaning, the train-dev set in earnest,
# and synthetic data.
