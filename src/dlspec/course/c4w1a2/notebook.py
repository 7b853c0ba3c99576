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
# # Convolution model application
#
# In the last assignment you wrote a convolution and a pooling layer in NumPy, one loop at a time. PyTorch has
# both, doing the same arithmetic in fast compiled code, so now you can build whole ConvNets and train them:
#
# 1. **Happy or not.** A binary classifier that tells a smiling face from one that is not smiling, built as an
#    `nn.Sequential`: a chain of layers, each feeding the next.
# 2. **SIGNS.** A six-class classifier that reads how many fingers (0 to 5) a hand holds up, built as a subclass
#    of `nn.Module`: layers, plus a `forward` method in which you write how the data flows through them.
#
# Along the way you write what a Keras `fit()` would have hidden: turning images into PyTorch's layout, one
# epoch of training, and prediction. Five graded items, in this order: `images_to_tensor`, `happyModel`,
# `train_epoch`, `predict`, `ConvolutionalModel`.
#
# **The pictures.** The original course's photographs are not free to share, so dlspec draws both sets with its
# own seeded code: cartoon faces, and hands over photographs of brick, grass and gravel. They have the original's
# shapes: 64×64 RGB, 600 + 150 faces and 1,080 + 120 hands.
#
# **How checking works.** After each graded item a cell `check(name)` runs it on the example shown and on hidden
# inputs. The two models are judged by what they do, not how they are written: the shapes of their parameters,
# their outputs for the same injected weights as the answer key (in eval and in train mode), and one training
# step. Stuck? `dlspec hint c4w1a2 <name>` gives a ladder of hints.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from dlspec.data.happy import load_happy_dataset
from dlspec.data.signs import load_signs_dataset
from dlspec.notebook import checker, quick
from dlspec.viz.confusion import plot_confusion_matrix
from dlspec.viz.curves import show_images

check = checker("c4w1a2")
torch.set_num_threads(2)
# PyTorch notes that "same" padding with an even kernel costs a padded copy of the input: true, and harmless here
warnings.filterwarnings("ignore", message="Using padding='same' with even kernel")

# %% [markdown]
# ## Part 1: happy or not
#
# ### The data
#
# `load_happy_dataset()` returns the images as the original did: uint8 arrays of shape $(m, n_H, n_W, n_C)$,
# values 0 to 255, and the labels as a row $(1, m)$, 1 for a smile. Only the mouth tells the classes apart: hair,
# brows, glasses, skin and background vary on both sides.

# %%
X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_happy_dataset()
print("X_train_orig", X_train_orig.shape, X_train_orig.dtype, " Y_train_orig", Y_train_orig.shape)
print("X_test_orig ", X_test_orig.shape, " Y_test_orig", Y_test_orig.shape, " classes", classes)
show_images(X_train_orig[:16], ["smiling" if y else "not smiling" for y in Y_train_orig[0, :16]])
plt.show()

# %% [markdown]
# ### PyTorch's layout: channels first
#
# NumPy images, and Keras, keep each pixel's three colours together at the end: $(m, n_H, n_W, n_C)$. PyTorch's
# layers want the **channels first**: $(m, n_C, n_H, n_W)$, so that each channel is a whole $n_H \times n_W$ picture
# of its own, the way a conv layer reads it (it slides over height and width, and sums over channels). Here is one
# face as the three pictures a conv layer sees:

# %%
face = X_train_orig[0]
fig, axes = plt.subplots(1, 4, figsize=(9, 2.4))
axes[0].imshow(face)
axes[0].set_title("(64, 64, 3)")
for c, (ax, name) in enumerate(zip(axes[1:], ["red", "green", "blue"], strict=True)):
    ax.imshow(face[:, :, c], cmap="gray", vmin=0, vmax=255)
    ax.set_title(f"channel {c}: {name}")
for ax in axes:
    ax.axis("off")
plt.show()

# %% [markdown]
# ### `images_to_tensor`
#
# Turn a batch of images `X_orig` of shape $(m, n_H, n_W, n_C)$, uint8, into a float32 tensor of shape
# $(m, n_C, n_H, n_W)$ with values in $[0, 1]$. Move axes with `permute`, which changes the order in which the
# values are *read*; `reshape` keeps the order and only regroups it, so it would cut every image into strips of
# mixed colours.

# %%
# GRADED: images_to_tensor

# %%
check(images_to_tensor)

# %% [markdown]
# Channel 0 of the same face, moved into place by `permute` (your function) and by a `reshape` to the same shape:

# %%
permuted = images_to_tensor(X_train_orig[:1])[0]
reshaped = torch.as_tensor(X_train_orig[:1], dtype=torch.float32).reshape(1, 3, 64, 64)[0] / 255
fig, axes = plt.subplots(1, 2, figsize=(5, 2.6))
for ax, tensor, title in zip(axes, [permuted, reshaped], ["permute: the red picture", "reshape: scrambled"],
                             strict=True):
    ax.imshow(tensor[0], cmap="gray", vmin=0, vmax=1)
    ax.set_title(title)
    ax.axis("off")
plt.show()

# %% [markdown]
# The training labels become a float32 column $(m, 1)$, the shape of the model's output, as the loss below wants.
# To keep the automatic tests fast, `quick(...)` picks a small share of the data when they run; you get all of it.

# %%
n_happy = quick(len(X_train_orig), 64)
X_train, X_test = images_to_tensor(X_train_orig[:n_happy]), images_to_tensor(X_test_orig)
Y_train = torch.tensor(Y_train_orig[0, :n_happy], dtype=torch.float32).reshape(-1, 1)
y_test = torch.tensor(Y_test_orig[0])
print("X_train", tuple(X_train.shape), X_train.dtype, " Y_train", tuple(Y_train.shape), " X_test", tuple(X_test.shape))

# %% [markdown]
# ### `happyModel`: an `nn.Sequential`
#
# When every layer feeds the next and nothing else, the model is a plain list of layers: `nn.Sequential(layer1,
# layer2, ...)` calls them in order. Build this one:
#
# | layer | output shape (one image) | parameters |
# |---|---|---|
# | input | (3, 64, 64) | |
# | `nn.ZeroPad2d(3)`: 3 pixels of zeros on every side | (3, 70, 70) | 0 |
# | `nn.Conv2d(3, 32, kernel_size=7)`: 32 filters of 7×7×3, stride 1 | (32, 64, 64) | 32 × 3 × 7 × 7 + 32 = 4,736 |
# | `nn.BatchNorm2d(32)`: normalise each channel | (32, 64, 64) | 32 scales + 32 shifts = 64 |
# | `nn.ReLU()` | (32, 64, 64) | 0 |
# | `nn.MaxPool2d(2)`: the largest of each 2×2 block | (32, 32, 32) | 0 |
# | `nn.Flatten()`: one row of numbers per image | (32768,) | 0 |
# | `nn.Linear(32768, 1)` | (1,) | 32,768 + 1 = 32,769 |
#
# **Logits, not probabilities.** The original ended with a sigmoid and a binary cross-entropy. Here the model
# stops at the `Linear` layer and returns the **logit** $z$; the loss `nn.BCEWithLogitsLoss` applies the sigmoid
# itself, with the formula rearranged so that it never takes the log of a number that has rounded to 0. When you
# want a probability, it is `torch.sigmoid(z)`; a probability above 0.5 is a logit above 0.

# %%
z, y = torch.tensor([20.0]), torch.tensor([0.0])  # a confident, wrong prediction
print("sigmoid(20) in float32:", torch.sigmoid(z).item(), "(exactly 1: the information is gone)")
print("BCELoss on the sigmoid:", nn.BCELoss()(torch.sigmoid(z), y).item(), "(PyTorch clips log(0) to -100)")
print("BCEWithLogitsLoss     :", nn.BCEWithLogitsLoss()(z, y).item(), "(the true loss, log(1 + e^20))")

# %%
# GRADED: happyModel

# %%
check(happyModel)

# %% [markdown]
# Printing a module lists its layers; its parameters can be counted from `parameters()`. BatchNorm also keeps a
# running mean and variance per channel: **buffers**, saved with the model but never trained (Keras counted these
# 64 numbers as "non-trainable parameters").

# %%
model = happyModel()
print(model)
print("trainable parameters:", sum(p.numel() for p in model.parameters()))
print("buffers:", {name: tuple(b.shape) for name, b in model.named_buffers()})

# %% [markdown]
# ### What PyTorch does when it trains
#
# Keras hid training in `model.fit()`. In PyTorch you write the loop, and every line of it is something you have
# already done by hand in NumPy:
#
# * **Parameters.** Each layer keeps its weights as `nn.Parameter`s: tensors with `requires_grad=True`. A module
#   registers every parameter and every sub-module assigned to it, so `model.parameters()` finds them all.
# * **Forward.** `model(X)` runs the layers. Because the weights require gradients, autograd records every
#   operation on them in a graph, with what each needs for its derivative: your NumPy caches, kept for you.
# * **`loss.backward()`** walks that graph backwards, applying the chain rule, and **adds** each gradient to the
#   parameter's `.grad`. Adds: so the gradients of the previous batch must be cleared first, with
#   `optimizer.zero_grad()`.
# * **`optimizer.step()`** reads every `.grad` and updates the parameters in place (Adam keeps its two moving
#   averages per parameter inside the optimiser).
# * **`model.train()` and `model.eval()`** only set a flag, `training`, on every sub-module. Two kinds of layer
#   read it. Dropout drops units only in training. BatchNorm, in training, normalises with the mean and variance
#   of the current batch and updates its running averages; in evaluation it uses the running averages, so a
#   picture's prediction does not depend on the other pictures in its batch.
# * **`torch.no_grad()`** stops the recording: no graph is built, which saves memory and time whenever no
#   `backward()` will follow.
#
# Gradients add up, as promised:

# %%
w = torch.tensor(3.0, requires_grad=True)
(w * w).backward()
print("after one backward:", w.grad.item())
(w * w).backward()
print("after two, no zero_grad:", w.grad.item())

# %% [markdown]
# ### `train_epoch`
#
# One pass over the mini-batches. Put the model in training mode, then for each batch `(X, Y)`: clear the
# gradients, compute the output and the loss `loss_fn(output, Y)`, backpropagate, step. Return the list of the
# batches' losses as Python floats (`loss.item()`: keeping the tensors would keep their graphs alive).

# %%
# GRADED: train_epoch

# %%
check(train_epoch)

# %% [markdown]
# ### `predict`
#
# Switch the model to evaluation mode and compute its outputs without recording gradients. A model with one
# output predicts 1 where its logit is positive; a model with several predicts the index of the largest. Return
# an int64 tensor of shape $(m,)$.

# %%
# GRADED: predict

# %%
check(predict)

# %% [markdown]
# ### Training the smile detector
#
# Adam, a learning rate of 0.001 and mini-batches of 16, as the original. A `DataLoader` serves the training set
# in a new random order every epoch. After each epoch we measure the accuracy on the training and the test set.

# %%
def accuracy(model, X, y):
    return (predict(model, X) == y).float().mean().item()


def fit(model, loss_fn, optimizer, epochs, train, test, batch_size):
    """Train on train = (X, Y) for some epochs; after each, record the mean loss and both accuracies."""
    X, Y = train
    loader = DataLoader(TensorDataset(X, Y), batch_size=batch_size, shuffle=True)
    labels = Y.reshape(-1).long()  # class indices (m,), whether Y is a column of 0/1 floats or already indices
    history = {"loss": [], "train accuracy": [], "test accuracy": []}
    for _ in range(epochs):
        losses = train_epoch(model, loader, loss_fn, optimizer)
        history["loss"].append(np.mean(losses))
        history["train accuracy"].append(accuracy(model, X, labels))
        history["test accuracy"].append(accuracy(model, *test))
    print(f"after {epochs} epochs: loss {history['loss'][-1]:.3f}, train accuracy "
          f"{history['train accuracy'][-1]:.3f}, test accuracy {history['test accuracy'][-1]:.3f}")
    return history


def plot_history(history, title):
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.2))
    epochs = np.arange(1, len(history["loss"]) + 1)
    left.plot(epochs, history["loss"], marker="o" if len(epochs) < 20 else None)
    left.set_title(f"{title}: training loss")
    right.plot(epochs, history["train accuracy"], label="train")
    right.plot(epochs, history["test accuracy"], label="test")
    right.set_ylim(0, 1.02)
    right.set_title(f"{title}: accuracy")
    right.legend()
    for ax in (left, right):
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
    plt.show()


torch.manual_seed(1)
happy_model = happyModel()
happy_history = fit(happy_model, nn.BCEWithLogitsLoss(), torch.optim.Adam(happy_model.parameters(), lr=0.001),
                    quick(10, 1), (X_train, Y_train), (X_test, y_test), batch_size=16)
plot_history(happy_history, "happy or not")

# %% [markdown]
# Some test faces with the model's verdict, in red where it is wrong. Which mouths fool it?

# %%
predicted = predict(happy_model, X_test)
shown = list(dict.fromkeys([*np.flatnonzero(predicted.numpy() != y_test.numpy())[:8], *range(16)]))[:16]
names = ["not smiling", "smiling"]
show_images(X_test_orig[shown], [f"says {names[predicted[k]]}" for k in shown],
            colors=["red" if predicted[k] != y_test[k] else "black" for k in shown])
plt.show()

# %% [markdown]
# ## Part 2: SIGNS
#
# ### The data
#
# Each picture shows a hand holding up 0 to 5 fingers: 1,080 for training, 120 for testing, 180 and 20 of each
# count. A count is not always made with the same fingers (three can be index, middle and ring, or thumb, index
# and middle), and the hands differ in skin, size, position, tilt, side and background.

# %%
X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_signs_dataset()
print("X_train_orig", X_train_orig.shape, " Y_train_orig", Y_train_orig.shape, " classes", classes)
examples = np.concatenate([np.flatnonzero(Y_train_orig[0] == k)[:3] for k in classes])
show_images(X_train_orig[examples], [f"{Y_train_orig[0, k]} fingers" for k in examples], ncols=9)
plt.show()

# %%
n_signs = quick(len(X_train_orig), 128)
X_train, X_test = images_to_tensor(X_train_orig[:n_signs]), images_to_tensor(X_test_orig)
y_train, y_test = torch.tensor(Y_train_orig[0, :n_signs]), torch.tensor(Y_test_orig[0])

# %% [markdown]
# Two more steps before training.
#
# **Standardise.** The happy model normalises its activations right after its conv (BatchNorm). This model has
# no BatchNorm, and on inputs in $[0, 1]$, all positive, it spends a dozen epochs barely moving before it starts
# to learn. So we standardise each channel ourselves: subtract the training set's mean, divide by its standard
# deviation. The test set is transformed with the *same* two numbers per channel: a model must see new pictures
# prepared exactly like the ones it learned from.
#
# **Augment.** A left hand seen in a mirror is a right hand with the same number of fingers. Adding every
# training picture flipped left to right doubles the training set for free, and tells the model that the side
# does not matter.

# %%
mean, std = X_train.mean(dim=(0, 2, 3), keepdim=True), X_train.std(dim=(0, 2, 3), keepdim=True)
X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
X_train, y_train = torch.cat([X_train, X_train.flip(dims=[3])]), torch.cat([y_train, y_train])
print("training set", tuple(X_train.shape), " channel means", mean.flatten().numpy().round(3),
      " standard deviations", std.flatten().numpy().round(3))

# %% [markdown]
# ### Could a linear model do it?
#
# A softmax regression gives every pixel a fixed weight per class. But the hands move, tilt, change size and
# spread their fingers, so no pixel is reliably part of a finger: the model can learn the training pictures by
# heart and still have little to carry over to new ones. Try it:

# %%
torch.manual_seed(2)
linear_model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 64 * 64, 6))
linear_history = fit(linear_model, nn.CrossEntropyLoss(), torch.optim.Adam(linear_model.parameters(), lr=0.001),
                     quick(10, 1), (X_train, y_train), (X_test, y_test), batch_size=32)

# %% [markdown]
# A convolution reads every position with the **same** small filter, so a finger is recognised wherever it is,
# and pooling keeps *whether* a pattern is present in a region rather than exactly where. That is what this task
# needs.
#
# ### Two ways to write a model
#
# Keras has a Sequential API for plain chains and a Functional API for the rest: branches, skips, several inputs
# or outputs. PyTorch has the same two styles:
#
# * `nn.Sequential(...)`, as in Part 1: a list of layers called in order;
# * a **subclass of `nn.Module`**: `__init__` creates the layers that hold weights, and `forward(self, x)` is
#   ordinary Python that says how data flows through them. Layers without weights (ReLU, pooling, flattening)
#   can be called as functions from `torch.nn.functional`, imported as `F`. Anything a Functional model can do,
#   `forward` can do: next week's residual networks add a block's input to its output, one line of `forward`.
#
# Call `super().__init__()` before creating any layer: it sets up the registries in which the module records its
# parameters. And create the layers in the order the data meets them, so that `parameters()` lists them in that
# order (the grader loads its weights in that order).
#
# ### `ConvolutionalModel`
#
# | step | output shape (one image) | parameters |
# |---|---|---|
# | input | (3, 64, 64) | |
# | `Conv2d(3, 8, kernel_size=4, padding="same")`, ReLU | (8, 64, 64) | 8 × 3 × 4 × 4 + 8 = 392 |
# | max pool 8×8, stride 8 | (8, 8, 8) | 0 |
# | `Conv2d(8, 16, kernel_size=2, padding="same")`, ReLU | (16, 8, 8) | 16 × 8 × 2 × 2 + 16 = 528 |
# | max pool 4×4, stride 4 | (16, 2, 2) | 0 |
# | flatten | (64,) | 0 |
# | `Linear(64, 6)` | (6,) | 64 × 6 + 6 = 390 |
#
# `padding="same"` pads so that the output keeps the input's height and width. For an even kernel the padding
# cannot be equal on both sides: PyTorch, like TensorFlow, puts the extra pixel after (right and bottom). Return
# the six logits: `nn.CrossEntropyLoss` applies the softmax.

# %%
# GRADED: ConvolutionalModel

# %%
check(ConvolutionalModel)

# %% [markdown]
# ### Training it
#
# Adam with a learning rate of 0.003, mini-batches of 32. About 1,300 weights in all, against the linear
# model's 74,000.

# %%
torch.manual_seed(3)
conv_model = ConvolutionalModel()
print("parameters:", sum(p.numel() for p in conv_model.parameters()))
conv_history = fit(conv_model, nn.CrossEntropyLoss(), torch.optim.Adam(conv_model.parameters(), lr=0.003),
                   quick(20, 1), (X_train, y_train), (X_test, y_test), batch_size=32)
plot_history(conv_history, "SIGNS ConvNet")
print(f"test accuracy: ConvNet {conv_history['test accuracy'][-1]:.3f}, "
      f"linear model {linear_history['test accuracy'][-1]:.3f}")

# %% [markdown]
# Row $i$, column $j$ of the **confusion matrix** counts the test pictures showing $i$ fingers that the model
# read as $j$. Mistakes between neighbouring counts are the ones to expect.

# %%
predicted = predict(conv_model, X_test)
plot_confusion_matrix(y_test.numpy(), predicted.numpy(), [str(k) for k in range(6)], title="fingers")
plt.show()

shown = list(dict.fromkeys([*np.flatnonzero(predicted.numpy() != y_test.numpy())[:6], *range(12)]))[:12]
show_images(X_test_orig[shown], [f"reads {predicted[k]}, is {y_test[k]}" for k in shown], ncols=6,
            colors=["red" if predicted[k] != y_test[k] else "black" for k in shown])
plt.show()

# %% [markdown]
# ### What the first layer looks at
#
# The first conv layer's 8 filters, and what each makes of one picture after the ReLU: bright where the filter
# finds its pattern. These 64×64 maps are what the 8×8 pooling then summarises.

# %%
image = X_test[:1]
with torch.no_grad():
    maps = F.relu(conv_model.conv1(image))[0]
filters = conv_model.conv1.weight.detach()
filters = (filters - filters.min()) / (filters.max() - filters.min())
fig, axes = plt.subplots(2, 9, figsize=(13, 3.2))
axes[0, 0].imshow(X_test_orig[0])
axes[0, 0].set_title("input")
for k in range(8):
    axes[0, k + 1].imshow(filters[k].permute(1, 2, 0).numpy())
    axes[0, k + 1].set_title(f"filter {k}")
    axes[1, k + 1].imshow(maps[k].numpy(), cmap="magma")
for ax in axes.flat:
    ax.axis("off")
plt.show()

# %% [markdown]
# ## What to remember
#
# - PyTorch's conv layers read images channels first, $(m, n_C, n_H, n_W)$: convert with `permute`, never
#   `reshape`.
# - `nn.Sequential` is a chain of layers; a subclass of `nn.Module` (layers in `__init__`, flow in `forward`) can
#   express any network.
# - Models return logits; `BCEWithLogitsLoss` and `CrossEntropyLoss` apply the sigmoid or softmax themselves.
# - A training step is: `zero_grad`, forward, loss, `backward`, `step`; `backward` adds to `.grad`, which is why
#   the first move clears it.
# - `model.train()` before training and `model.eval()` (with `torch.no_grad()`) before predicting: BatchNorm and
#   Dropout behave differently in the two modes.
