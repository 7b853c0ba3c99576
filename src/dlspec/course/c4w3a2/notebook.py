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
# # Image segmentation with U-Net
#
# A classifier says *what* a picture shows; a detector draws a box around each object. **Semantic segmentation**
# goes further: it gives **every pixel** a class (road, car, pedestrian, sky...), so a self-driving car knows
# exactly which pixels of the road are free. The network's output has the picture's height and width, with one
# score per class at every pixel.
#
# **U-Net** (Ronneberger, Fischer and Brox, 2015, first for microscope images of cells) does this with two paths:
#
# * a **contracting** path of convolutions and max pooling, which halves the height and width and doubles the
#   channels at each level: the maps learn *what* is in the picture, at the cost of *where*;
# * an **expanding** path of transposed convolutions, which doubles the size back at each level. On its own it
#   could only paint blurry blobs; so at each level it **concatenates** the contracting path's maps of the same
#   size (the *skip connections*), which still know where the edges are.
#
# Drawn with the contracting path on the left and the expanding one on the right, the network is a U.
#
# You will build in PyTorch:
#
# 1. `ConvBlock`: one level of the contracting path;
# 2. `UpsamplingBlock`: one level of the expanding path;
# 3. `UNet`: five contracting blocks, four expanding ones and the per-pixel classifier;
#
# then train it on road scenes and look at what a trained one sees. Images are PyTorch's `(m, n_C, n_H, n_W)`,
# channels first. Each item is checked by what it does: its number of weights, the shapes it produces and its
# outputs for given weights, in eval mode and in train mode (where dropout is on). Stuck? `dlspec hint c4w3a2
# <name>` gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.colors import ListedColormap
from torch import nn

from dlspec.data import roads
from dlspec.data.pretrained import unet_roads
from dlspec.nn.unet import class_iou
from dlspec.notebook import checker, quick
from dlspec.viz.confusion import plot_confusion_matrix

check = checker("c4w3a2")
torch.set_num_threads(1)  # small convolutions: one thread is as fast as two that wait for each other
_ = torch.manual_seed(0)

# %% [markdown]
# ## 1. The data: road scenes
#
# The original course used frames of the CARLA driving simulator. dlspec draws its own scenes with a seeded
# renderer (`dlspec.data.roads`), 96×128 like CARLA's: sky, buildings, a pavement, a road in perspective with its
# lane lines, and cars, buses, trucks and pedestrians, nearer ones larger and hiding those behind them. With every
# picture comes its **mask**: the class of each pixel, a number from 0 to 8.

# %%
train_set = roads.scenes(quick(roads.N_TRAIN, 32), roads.SEED_TRAIN)
test_set = roads.scenes(quick(roads.N_TEST, 16), roads.SEED_TEST)
X_train = torch.tensor(train_set.images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
Y_train = torch.tensor(train_set.masks, dtype=torch.int64)
X_test = torch.tensor(test_set.images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
Y_test = torch.tensor(test_set.masks, dtype=torch.int64)
n_classes = len(roads.CLASSES)
print("X_train", tuple(X_train.shape), " Y_train", tuple(Y_train.shape), " X_test", tuple(X_test.shape))
print("classes:", ", ".join(f"{k} {name}" for k, name in enumerate(roads.CLASSES)))

palette = ListedColormap(["#87ceeb", "#b07030", "#b0b0b0", "#404040", "#ffffff", "#e02020", "#f0c000", "#2060e0",
                          "#20c020"])  # fmt: skip


def show_masks(images, *masks, titles=()):
    """Each image beside its masks, one row per image, classes in the palette's colours."""
    fig, axes = plt.subplots(len(images), 1 + len(masks), figsize=(3 * (1 + len(masks)), 2.3 * len(images)),
                             squeeze=False)  # fmt: skip
    for row, image, *maps in zip(axes, images, *masks, strict=True):
        row[0].imshow(image)
        for ax, mask in zip(row[1:], maps, strict=True):
            ax.imshow(mask, cmap=palette, vmin=-0.5, vmax=n_classes - 0.5, interpolation="nearest")
    for ax, title in zip(axes[0], titles, strict=False):
        ax.set_title(title, fontsize=9)
    for ax in axes.flat:
        ax.axis("off")
    handles = [plt.Rectangle((0, 0), 1, 1, color=palette(k)) for k in range(n_classes)]
    fig.legend(handles, roads.CLASSES, loc="lower center", ncol=5, fontsize=8, frameon=False)
    plt.subplots_adjust(bottom=0.12)
    plt.show()


show_masks(train_set.images[:3], train_set.masks[:3], titles=("scene", "mask"))

# %% [markdown]
# ## 2. The contracting block
#
# One level of the contracting path: two 3×3 convolutions that keep the height and width (`padding=1`), each
# followed by a ReLU; dropout at the deepest levels; then a 2×2 max pool that halves the height and width.
#
# ```
# inputs ─► conv 3×3 ─► ReLU ─► conv 3×3 ─► ReLU ─► [dropout] ─┬─► [max pool 2×2] ─► next_layer
#                                                              └──────────────────► skip_connection
# ```
#
# It returns **two** tensors: `next_layer` goes down to the next level, `skip_connection` (the maps *before*
# pooling, at full size) goes across to the expanding path.
#
# **Why classes, and why these names.** The original's `conv_block(inputs, n_filters, dropout_prob, max_pooling)`
# was a Keras function that received a tensor and returned tensors: Keras builds a network by calling layers on
# symbolic tensors. In PyTorch a network is an `nn.Module` that *registers* its layers in `__init__` and applies
# them in `forward`, so each function became a class: what the function took as settings goes to `__init__`
# (`n_filters`, `dropout_prob`, `max_pooling`, plus `in_channels`, which Keras read from the input tensor and
# PyTorch needs up front), and the tensors it took go to `forward`. The names are the original's, in PyTorch's
# class style: `ConvBlock`, `UpsamplingBlock`, `UNet`.
#
# Dropout must act only in train mode: `nn.Dropout` does that by itself. The checks run the block in both modes.

# %%
# GRADED: ConvBlock

# %%
check(ConvBlock)

# %%
block = ConvBlock(3, 8, dropout_prob=0.3).eval()
with torch.no_grad():
    next_layer, skip_connection = block(torch.randn(2, 3, 96, 128))
print("next_layer", tuple(next_layer.shape), " skip_connection", tuple(skip_connection.shape))

# %% [markdown]
# ## 3. The expanding block
#
# One level of the expanding path. A **transposed convolution** does the opposite of a strided convolution: each
# input value spreads, weighted by the 3×3 kernel, over a patch of an output twice as large. With stride 2,
# `padding=1` and `output_padding=1`, an $n_H \times n_W$ map becomes exactly $2n_H \times 2n_W$ (no activation
# follows it). The result is **concatenated** with the skip connection of the same size, along the channels, then
# two 3×3 convolutions with ReLUs mix the two.
#
# ```
# expansive_input ─► transposed conv 3×3, stride 2 ─► (concatenate, channels) ─► conv 3×3 ─► ReLU ─► conv 3×3 ─► ReLU
#                                                      ▲
# contractive_input (a skip connection) ───────────────┘
# ```
#
# **The convention**: `torch.cat([up, contractive_input], dim=1)`: the upsampled maps first, the skip connection
# second, along `dim=1`, the channels of `(m, n_C, n_H, n_W)`. (The original's `axis=3` was the channels of
# TensorFlow's `(m, n_H, n_W, n_C)`.) The first convolution therefore takes `n_filters + contractive_channels`
# channels. Concatenating is not adding, as a ResNet's shortcut does: the two stay apart, and the convolution
# learns how to weigh each.

# %%
# GRADED: UpsamplingBlock

# %%
check(UpsamplingBlock)

# %%
up = UpsamplingBlock(16, 8, 8).eval()
with torch.no_grad():
    out = up(torch.randn(2, 16, 12, 16), torch.randn(2, 8, 24, 32))
print("expansive (2, 16, 12, 16) + contractive (2, 8, 24, 32) ->", tuple(out.shape))

# %% [markdown]
# ## 4. The U-Net
#
# With $n$ = `n_filters`:
#
# | block | what | output for a 96×128 picture |
# |---|---|---|
# | `cblock1` to `cblock3` | `ConvBlock`s of $n$, $2n$, $4n$ filters | skips $n$×96×128, $2n$×48×64, $4n$×24×32 |
# | `cblock4` | `ConvBlock` of $8n$ filters, `dropout_prob=0.3` | skip $8n$×12×16, next $8n$×6×8 |
# | `cblock5` | `ConvBlock` of $16n$ filters, `dropout_prob=0.3`, `max_pooling=False` | $16n$×6×8 |
# | `ublock6` to `ublock9` | `UpsamplingBlock`s of $8n$, $4n$, $2n$, $n$, joined to skips 4, 3, 2, 1 | $n$×96×128 |
# | head | 3×3 conv of $n$ filters, ReLU, 1×1 conv to `n_classes` | `n_classes`×96×128 |
#
# The last layer returns **scores** (logits) for each class at each pixel, with no softmax:
# `nn.CrossEntropyLoss` applies it. The height and width must be multiples of 16 (four poolings). The original's
# `unet_model(input_size=(96, 128, 3), n_filters=32, n_classes=23)` read only the channels from `input_size`; a
# convolutional network works on any size, so here the first argument is `in_channels` alone. (23 was CARLA's
# number of classes; our scenes have 9.)

# %%
# GRADED: UNet

# %%
check(UNet)

# %%
model = UNet()
print(f"UNet(): {sum(p.numel() for p in model.parameters()):,} weights")
small = UNet(3, 8, n_classes)
print(f"UNet(3, 8, {n_classes}): {sum(p.numel() for p in small.parameters()):,} weights (a sixteenth: the "
      "weights of a convolution grow with the square of its filters)")
with torch.no_grad():
    print("scores for two scenes:", tuple(small.eval()(X_train[:2]).shape))

# %% [markdown]
# ## 5. Training
#
# The loss is the cross-entropy of every pixel, averaged: `nn.CrossEntropyLoss` takes the scores `(m, n_classes,
# n_H, n_W)` and the masks `(m, n_H, n_W)` of class indices as they are. Here a small U-Net of **your** blocks
# (8 filters in the first block) trains for a few dozen steps, to see the loss fall:

# %%
optimizer = torch.optim.Adam(small.parameters(), lr=3e-3)
loss_fn = nn.CrossEntropyLoss()
losses = []
small.train()
for _ in range(quick(30, 2)):
    batch = torch.randint(len(X_train), (8,))
    optimizer.zero_grad()
    loss = loss_fn(small(X_train[batch]), Y_train[batch])
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
plt.plot(losses)
plt.xlabel("step (8 scenes)")
plt.ylabel("cross-entropy per pixel")
plt.title("Your U-Net, first steps")
plt.show()

# %% [markdown]
# Training it to a good segmentation takes a few thousand such steps: `python -m dlspec.data.train_unet` did that
# for a U-Net of 6 filters in its first block (60 epochs over the 600 training scenes in batches of 8, every second
# batch mirrored left to right, about eight minutes on two CPU cores), and `unet_roads()` loads its weights into the
# same architecture built from dlspec's blocks, in eval mode. One change to the loss helped: lane lines cover about
# 1% of the pixels and the road a third, so a network that never predicts lane lines loses little, and learns them
# last. The script weights each class's pixels by the square root of (the median class's share / its own share): a
# lane-line pixel counts about six times a road pixel.
#
# ## 6. The trained U-Net
#
# The predicted class of a pixel is the one with the highest score. How good a segmentation is, class by class, is
# measured by the **intersection over union** (IoU): of the pixels that are class $k$ in the truth *or* in the
# prediction, the share that are class $k$ in both. 1 is perfect; a class the network never predicts scores 0.

# %%
trained = unet_roads()
with torch.no_grad():
    predicted = torch.cat([trained(part).argmax(dim=1) for part in X_test.split(25)])
ious = class_iou(predicted, Y_test, n_classes)
print(f"{len(X_test)} test scenes, pixel accuracy {(predicted == Y_test).float().mean():.1%}")
for name, iou in zip(roads.CLASSES, ious, strict=True):
    print(f"  {name:>12}: IoU {iou:.2f}")
print(f"mean IoU over the classes: {np.nanmean(ious):.2f}")

# %%
show_masks(test_set.images[:4], test_set.masks[:4], predicted[:4].numpy(),
           titles=("scene", "true mask", "predicted mask"))  # fmt: skip

# %% [markdown]
# Where do the wrong pixels go? Each row below is a true class, split by what the network predicted for its
# pixels (a row sums to 1):

# %%
plot_confusion_matrix(Y_test.numpy(), predicted.numpy(), roads.CLASSES, title="pixels", shares=True)
plt.show()

# %% [markdown]
# The large regions (sky, road, buildings) come out nearly right, and so do the cars and the lane lines, thin as
# they are. Pedestrians are the hardest: they are narrow, often far and small, and the boundary of a figure a few
# pixels wide is a large share of it. Their IoU is lower than the share of their pixels found (the diagonal above),
# because the weighted loss also makes the network claim pedestrian pixels where there are none. Buses come next:
# the rarest vehicle, a tall box from behind like a truck. Everywhere, the skip connections are what place the
# edges: without them the expanding path would have only the 6×8 maps at the bottom of the U to go on.
#
# ## What to remember
#
# * Semantic segmentation gives every pixel a class; the network's output has the input's height and width, with a
#   score per class.
# * U-Net's contracting path learns what is in the picture; its expanding path brings back the size with transposed
#   convolutions, and the skip connections (concatenated, not added) bring back where the edges are.
# * Per-class IoU tells which classes a segmentation gets right; the thin and the small ones are the hard ones.
