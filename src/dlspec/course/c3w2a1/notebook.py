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
# # Error analysis and mismatched data
#
# A shop wants an app that names a piece of clothing from a photo taken with a cheap phone camera. You have plenty
# of clean catalogue photographs to train on (Fashion-MNIST) but the app will see phone pictures: **blurred and
# washed out**. So the dev and test sets, which must look like what the app will meet, are phone pictures, and the
# training set mostly is not. That is the situation of this lesson, and it is a common one.
#
# You will write six functions and use them on a real classifier:
#
# 1. `lower_contrast` and `blur`: what the phone does to a picture;
# 2. `train_dev_split`: a training-dev set, to tell variance from data mismatch;
# 3. `error_table` and `ceilings`: error analysis, and what each fix could gain at most;
# 4. `cleaning_effect`: what wrong dev labels do to the measured error.
#
# Then you close part of the mismatch with synthetic phone pictures and measure it, and see transfer learning and
# multi-task learning at work with the engine. After each function, `check(function_name)` runs it on the example
# shown and on hidden cases. Stuck? `dlspec hint c3w2a1 <function>` gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from dlspec.data.fashion import CLASSES, load_fashion
from dlspec.nn.strategy import diagnose, split_sizes
from dlspec.nn.train import Adam, dense_network, fit
from dlspec.notebook import checker, quick

check = checker("c3w2a1")
# These networks multiply small matrices; one BLAS thread does that faster than two that get in each other's way.
threadpool_limits(limits=1)
EPOCHS = quick(20, 2)

# %% [markdown]
# ## 1. What the phone does to a picture
#
# Two things, in this story. The lens is soft, which **blurs**, and the sensor **washes the contrast out**. Both
# are easy to write down, so we can make phone-like pictures ourselves.
#
# Lower contrast first: pull every pixel of an image towards that image's own mean brightness,
#
# $$\text{faded} = \mu + f\,(\text{image} - \mu), \qquad \mu = \text{mean of the image's pixels},$$
#
# with $f = 1$ leaving the picture as it is and $f = 0$ making it a flat grey. Images are arrays of shape
# $(m, H, W)$, one image per entry of axis 0.
#
# **Exercise: `lower_contrast(images, factor)`**, a new array (leave `images` unchanged).

# %%
# GRADED: lower_contrast

# %%
check(lower_contrast)

# %% [markdown]
# A Gaussian blur replaces each pixel with a weighted average of its neighbours, the weights falling off as a bell
# curve $e^{-x^2 / (2\sigma^2)}$ of the distance $x$. Because that weight factors into a row part and a column
# part, the blur can be done along every row and then along every column with a 1-D kernel:
#
# * the kernel holds $e^{-x^2 / (2\sigma^2)}$ for $x = -r, \dots, r$ with $r$ = `int(3 * sigma + 0.5)`, divided by
#   its sum so the picture keeps its brightness;
# * beyond the border, repeat the edge pixel (`np.pad(..., mode="edge")`);
# * each image is blurred on its own: nothing crosses axis 0.
#
# **Exercise: `blur(images, sigma)`**, a float array of the same shape.

# %%
# GRADED: blur

# %%
check(blur)

# %% [markdown]
# ## 2. The data: catalogue photos to train, phone photos to test
#
# The same 7,000 Fashion-MNIST images as last week, shuffled and split in the same proportions. The dev and test
# images go through the phone (blur with $\sigma = 1$, contrast factor 0.65); the training images stay clean.

# %%
def phone(images):
    """What the app's camera makes of a catalogue picture."""
    return lower_contrast(blur(images, 1.0), 0.65)


train_images, train_labels, test_images, test_labels = load_fashion()
images = np.concatenate([train_images, test_images]) / 255
labels = np.concatenate([train_labels, test_labels])
order = np.random.default_rng(0).permutation(len(labels))
images, labels = images[order], labels[order]
n_train, n_dev, n_test = split_sizes(len(labels))
clean_train, y_clean_train = images[:n_train], labels[:n_train]
dev_images, y_dev_true = phone(images[n_train:n_train + n_dev]), labels[n_train:n_train + n_dev]
test_images, y_test = phone(images[n_train + n_dev:]), labels[n_train + n_dev:]

fig, axes = plt.subplots(2, 8, figsize=(11, 3))
for k in range(8):
    axes[0, k].imshow(images[n_train + k], cmap="gray_r", vmin=0, vmax=1)
    axes[1, k].imshow(dev_images[k], cmap="gray_r", vmin=0, vmax=1)
    axes[0, k].set_title(CLASSES[y_dev_true[k]], fontsize=8)
    axes[0, k].axis("off")
    axes[1, k].axis("off")
axes[0, 0].text(-8, 14, "catalogue", rotation=90, va="center")
axes[1, 0].text(-8, 14, "phone", rotation=90, va="center")
plt.show()

# %% [markdown]
# The dev labels came from a hurried labelling session, and some are wrong. We simulate that with a seed: 6% of
# the dev labels are replaced by another class. A team sees only `y_dev` (the labels as given); we keep
# `y_dev_true` aside to measure, in section 5, what cleaning them would change.

# %%
rng = np.random.default_rng(1)
wrong = rng.random(n_dev) < 0.06
y_dev = np.where(wrong, (y_dev_true + rng.integers(1, 10, n_dev)) % 10, y_dev_true)
print(f"{wrong.sum()} of {n_dev} dev labels are wrong")

# %% [markdown]
# ## 3. A training-dev set
#
# Train on clean pictures, test on phone pictures, and the dev error is high. But why? It could be **variance**
# (the model does badly on any picture it has not seen) or **data mismatch** (it does badly on phone pictures in
# particular). The dev error alone cannot tell. A **training-dev set** can: set aside part of the training data at
# random, do not train on it, and measure the error there. It has the training distribution and is unseen, so
#
# * train-dev − train is variance,
# * dev − train-dev is data mismatch.
#
# **Exercise: `train_dev_split(X, y, n_train_dev, seed)`** draws `n_train_dev` examples at random with
# `np.random.default_rng(seed)` and returns `X_train, y_train, X_train_dev, y_train_dev`; no example is in both.

# %%
# GRADED: train_dev_split

# %%
check(train_dev_split)

# %%
X_train_img, y_train, X_train_dev_img, y_train_dev = train_dev_split(clean_train, y_clean_train, 600, seed=1)
print("train", X_train_img.shape, " train-dev", X_train_dev_img.shape)


def flat(images):
    """Images (m, 28, 28) as the network's columns (784, m)."""
    return images.reshape(len(images), -1).T.astype(np.float32)


def one_hot(y):
    return np.eye(10, dtype=np.float32)[:, y]


def build(sizes, seed=1):
    """Linear layers of the given sizes with ReLU between them."""
    return dense_network(sizes, np.random.default_rng(seed))


def predict(model, images):
    model.train(False)
    y = model.forward(flat(images)).argmax(axis=0)
    model.train(True)
    return y


def train(images, y, seed=2):
    model = build([784, 128, 10])
    fit(model, flat(images), one_hot(y), EPOCHS, batch_size=64, rng=np.random.default_rng(seed), progress=False)
    return model


HUMAN_ERROR = 0.05  # assumed, as last week: nobody labelled these thumbnails by hand for this lesson


def five_figures(model, train_images, train_y):
    return (HUMAN_ERROR, float(np.mean(predict(model, train_images) != train_y)),
            float(np.mean(predict(model, X_train_dev_img) != y_train_dev)),
            float(np.mean(predict(model, dev_images) != y_dev)), float(np.mean(predict(model, test_images) != y_test)))


def show(name, figures):
    print(f"{name:>28}: human {figures[0]:.3f}, train {figures[1]:.3f}, train-dev {figures[2]:.3f}, "
          f"dev {figures[3]:.3f}, test {figures[4]:.3f}  ->  {diagnose(*figures)}")


baseline = train(X_train_img, y_train)
baseline_figures = five_figures(baseline, X_train_img, y_train)
show("trained on catalogue photos", baseline_figures)

# %% [markdown]
# The jump from train-dev to dev is the largest gap: the model does much worse on phone pictures than on unseen
# catalogue pictures. (Variance is large too, and would be next.) More catalogue data would not touch the
# mismatch; the training data must become more like the phone's. The test error sits *below* the dev error
# because the test labels are all correct and the dev labels are not: section 5 measures that. Before fixing
# anything, though, look at the mistakes.
#
# ## 4. Error analysis
#
# Take the dev images the model gets wrong, look at them, and note for each what it shows: a category of mistake.
# Then count. In a real project you would look at a hundred or so by hand and tag them in a spreadsheet; here
# the tags come from rules that stand in for your eye:
#
# * **tops mixed up**: a T-shirt, pullover, coat or shirt taken for another of those four;
# * **footwear mixed up**: sandal, sneaker and ankle boot confused with each other;
# * **faint**: a picture in the faintest quarter of the dev set (lowest spread of pixel values);
# * **mislabelled**: the given label is wrong (your eye would see it; here we know which labels we changed).
#
# A mistake may have several tags, or none.
#
# **Exercise: `error_table(tags, categories)`** returns a dict: for each category, the share of the misclassified
# examples tagged with it.

# %%
# GRADED: error_table

# %%
check(error_table)

# %%
TOPS, FOOTWEAR = [0, 2, 4, 6], [5, 7, 9]
CATEGORIES = ["tops mixed up", "footwear mixed up", "faint", "mislabelled"]
y_hat = predict(baseline, dev_images)
spread = dev_images.reshape(n_dev, -1).std(axis=1)
faint = spread < np.quantile(spread, 0.25)
mistakes = np.flatnonzero(y_hat != y_dev)
tags = []
for i in mistakes:
    found = []
    if y_dev[i] in TOPS and y_hat[i] in TOPS:
        found.append("tops mixed up")
    if y_dev[i] in FOOTWEAR and y_hat[i] in FOOTWEAR:
        found.append("footwear mixed up")
    if faint[i]:
        found.append("faint")
    if wrong[i]:
        found.append("mislabelled")
    tags.append(found)
fig, axes = plt.subplots(2, 8, figsize=(13, 4.2), layout="constrained")
for ax, i, found in zip(axes.ravel(), mistakes, tags, strict=False):
    ax.imshow(dev_images[i], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"label {CLASSES[y_dev[i]]}\nsaid {CLASSES[y_hat[i]]}\n" + ", ".join(found), fontsize=7)
    ax.axis("off")
fig.suptitle("the first 16 dev mistakes, with their tags: what your eye would note")
plt.show()

shares = error_table(tags, CATEGORIES)
dev_error = float(np.mean(y_hat != y_dev))
print(f"{len(mistakes)} mistakes out of {n_dev}: dev error {dev_error:.3f}")
for category, share in shares.items():
    print(f"{category:>18}: {share:.1%} of the mistakes")

# %% [markdown]
# A category's share is a **ceiling**: even a perfect fix for it removes that share of the mistakes and no more.
# If a quarter of the errors are faint pictures, a brilliant faint-picture fix takes a 25% dev error to 18.75%,
# not to 0%. That is what tells you which ideas are worth weeks of work and which are not worth an afternoon.
#
# **Exercise: `ceilings(dev_error, shares)`** returns, for each category, the dev error left if every mistake of
# that category (and only those) were fixed.

# %%
# GRADED: ceilings

# %%
check(ceilings)

# %%
best = ceilings(dev_error, shares)
fig, ax = plt.subplots(figsize=(8, 3), layout="constrained")
ax.barh(list(best), [dev_error - b for b in best.values()], color="tab:green")
ax.set_xlabel("the most the dev error could drop, fixing only this category")
ax.set_title(f"dev error now {dev_error:.3f}")
plt.show()

# %% [markdown]
# ## 5. Cleaning mislabelled dev examples
#
# Wrong labels in the **training** set are mostly harmless when they are few and random: deep networks average
# them out. In the **dev** set they matter in another way: they distort the number you use to choose between
# models. Three figures say whether cleaning them is worth it: the dev error as measured, the share of the counted
# errors that are due to a wrong label, and the dev error once every label is right. When you clean, clean the
# test set the same way (the two must stay one distribution), and look at the examples the model got *right* as
# well: a model that agrees with a wrong label is counted right but is wrong.
#
# **Exercise: `cleaning_effect(y_pred, y_given, y_true)`** returns a dict with the floats `"dev error"`,
# `"share of errors from labels"` and `"clean dev error"`.

# %%
# GRADED: cleaning_effect

# %%
check(cleaning_effect)

# %%
effect = cleaning_effect(y_hat, y_dev, y_dev_true)
for k, v in effect.items():
    print(f"{k:>28}: {v:.3f}")

# %% [markdown]
# ## 6. Closing the mismatch with synthetic data
#
# The analysis said: make the training data look like the phone's. We cannot buy phone pictures, but we can make
# them, with your `blur` and `lower_contrast`: half of the training images (chosen at random) go through `phone`.
# The train-dev set stays as it was, so variance is still measured on the training distribution. Two warnings from
# the course: synthetic data must cover what the real data varies in (a handful of synthetic cars all from the
# same video game teaches a network that game), and it must imitate the *right* change. Below, three versions of
# the training set, each trained the same way.

# %%
rng = np.random.default_rng(5)
half = rng.permutation(len(y_train))[:len(y_train) // 2]
versions = {
    "half through the phone": phone,
    "half blurred only": lambda im: blur(im, 1.0),
    "half faded only": lambda im: lower_contrast(im, 0.65),
}
results = {"catalogue only": baseline_figures}
for name, make in versions.items():
    synthetic = X_train_img.copy()
    synthetic[half] = make(X_train_img[half])
    results[name] = five_figures(train(synthetic, y_train), synthetic, y_train)
for name, figures in results.items():
    show(name, figures)

fig, ax = plt.subplots(figsize=(8, 3.5))
labels_x = ["human", "train", "train-dev", "dev", "test"]
for name, figures in results.items():
    ax.plot(labels_x, figures, "o-", label=name)
ax.set_ylabel("error")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Passing half the training pictures through the phone shrinks the dev − train-dev gap, the data mismatch, to a
# fraction of what it was, at the price of a higher training error (faded pictures are harder to fit). Which part
# of the phone matters? The blur alone does not help, and the fading alone does about as well as both: this
# network reads raw pixel intensities, so the contrast was the mismatch. Error analysis and these measurements
# together tell you what to synthesise; guessing would have spent a week on blur.
#
# ## 7. Transfer learning
#
# Suppose the shop finally collects 200 real phone pictures with labels. Trained from scratch on them alone, a
# network sees far too few examples. **Transfer learning**: start from the network trained on the 3,600 catalogue
# pictures (whose first layer has learnt what clothes look like) and continue training all its weights on the
# 200 phone pictures with a smaller learning rate. It pays off when the source task has much more data than the
# target task, both have the same kind of input, and low-level features of the one help the other.

# %%
rng = np.random.default_rng(8)
few = rng.choice(len(y_train), 200, replace=False)
few_images, few_y = phone(X_train_img[few]), y_train[few]


def dev_error_of(model):
    return float(np.mean(predict(model, dev_images) != y_dev))


scratch = build([784, 128, 10], seed=3)
fit(scratch, flat(few_images), one_hot(few_y), quick(30, 2), batch_size=32, rng=np.random.default_rng(2),
    progress=False)
transferred = build([784, 128, 10], seed=3)
transferred.flat_params[...] = baseline.flat_params  # every weight of the catalogue model, as a starting point
fit(transferred, flat(few_images), one_hot(few_y), quick(30, 2), batch_size=32, lr=3e-4,
    rng=np.random.default_rng(2), progress=False)
print(f"catalogue model, no further training: dev error {dev_error_of(baseline):.3f}")
print(f"from scratch on 200 phone pictures:   dev error {dev_error_of(scratch):.3f}")
print(f"catalogue model fine-tuned on them:   dev error {dev_error_of(transferred):.3f}")

# %% [markdown]
# ## 8. Multi-task learning
#
# One network can learn several tasks at once when they share low-level features: a car's camera network that
# finds pedestrians, cars, signs and lights has four sigmoid outputs, not four networks. Here the tasks are four
# yes/no questions about a picture: *is it footwear? a top? a bag? does it cover the legs?* And labels are scarce
# and patchy: each picture has an answer for each question with probability only 5%. The cost sums the logistic
# losses of the answers that **are** given and skips the missing ones, so every labelled answer trains the shared
# hidden layer. We compare one four-output network with four one-output networks, each trained on its own
# question's labels.

# %%
QUESTIONS = {"footwear": [5, 7, 9], "top": [0, 2, 4, 6], "bag": [8], "covers the legs": [1, 3]}
answers = np.array([np.isin(y_train, v) for v in QUESTIONS.values()], dtype=np.float32)
dev_answers = np.array([np.isin(y_dev_true, v) for v in QUESTIONS.values()])
given = (np.random.default_rng(9).random(answers.shape) < 0.05).astype(np.float32)  # 1 where an answer exists
X_clean = flat(X_train_img)
X_dev_catalogue = flat(images[n_train:n_train + n_dev])


def train_masked(Y, mask, epochs, seed=3):
    """A network with one sigmoid output per row of Y, trained on the entries where mask is 1."""
    model = build([784, 64, Y.shape[0]], seed=seed)
    adam = Adam({"all": model.flat_params}, {"all": model.flat_grads})
    rng = np.random.default_rng(2)
    labelled = np.flatnonzero(mask.sum(axis=0) > 0)
    for _ in range(epochs):
        order = rng.permutation(labelled)
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            A = 1 / (1 + np.exp(-model.forward(X_clean[:, batch])))
            # gradient of the mean logistic loss over the given answers only: missing ones contribute nothing
            dZ = (A - Y[:, batch]) * mask[:, batch] / max(mask[:, batch].sum(), 1.0)
            model.backward(dZ.astype(np.float32))
            adam.step()
    return model


def answer_accuracy(model):
    model.train(False)
    said_yes = model.forward(X_dev_catalogue) > 0
    model.train(True)
    return said_yes


multi = train_masked(answers, given, EPOCHS)
multi_acc = (answer_accuracy(multi) == dev_answers).mean(axis=1)
print(f"{'question':>16} {'answers given':>14} {'one network':>12} {'own network':>12}")
for t, question in enumerate(QUESTIONS):
    single = train_masked(answers[t:t + 1], given[t:t + 1], EPOCHS)
    single_acc = float((answer_accuracy(single) == dev_answers[t:t + 1]).mean())
    print(f"{question:>16} {int(given[t].sum()):>14} {multi_acc[t]:>12.3f} {single_acc:>12.3f}")

# %% [markdown]
# On the easy questions the two do about as well; on the hardest one (*a top?*) the shared network is clearly
# better, because each question's few labels also teach the hidden layer features that the other questions use.
# When the tasks share little, or one task has far more data than the rest, separate networks (or transfer) are
# the better choice.
#
# **What you have.** An error table that says which fix could pay and how much at most, the cost of wrong dev
# labels in numbers, a train-dev set that separated variance from mismatch, and synthetic data that closed most
# of the mismatch once the analysis said which part of the phone mattered.
