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
# # Residual networks
#
# A deeper network can represent more complicated functions, but past a few dozen layers a plain stack of
# convolutions gets *harder to train*: its gradients shrink (or blow up) on their way back to the first layers,
# and its training error goes **up** as layers are added, although the extra layers could in principle just copy
# their input. He et al.'s **residual networks** (ResNets, 2015) fix this with **skip connections**: a block adds
# its input to its output,
#
# $$a^{[l+2]} = g\big(z^{[l+2]} + a^{[l]}\big),$$
#
# so a block whose weights are near zero passes its input on unchanged (an identity is easy to learn), and the
# gradient has a short way back through every shortcut. With them, networks of 50, 152, even 1,000 layers train.
#
# You will build, in PyTorch, the two blocks of ResNet-50 and then ResNet-50 itself, for the hand signs of SIGNS
# (pictures of a hand showing 0 to 5 fingers, 64×64):
#
# 1. `IdentityBlock`: the block whose input and output have the same shape;
# 2. `ConvolutionalBlock`: the block that changes the shape, with a convolution on its shortcut;
# 3. `ResNet50`: the stem, four stages of blocks and the classifier.
#
# Images are PyTorch's `(m, n_C, n_H, n_W)`, channels first. Each item is checked by what it does: its number of
# weights, the shapes it produces and its outputs for given weights, in eval mode and in train mode. Stuck?
# `dlspec hint c4w2a1 <name>` gives a ladder of hints.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from dlspec.data.pretrained import resnet20_signs
from dlspec.data.signs import load_signs_dataset
from dlspec.nn.resnet import resnet20
from dlspec.notebook import checker, quick
from dlspec.viz.confusion import plot_confusion_matrix

check = checker("c4w2a1")
torch.set_num_threads(2)
_ = torch.manual_seed(0)

# %% [markdown]
# ## 1. The data: SIGNS
#
# 1,080 training and 120 test pictures of a hand showing 0 to 5 fingers (dlspec draws them with a seeded renderer:
# the original's photographs are not free to share). The network's input is floats in $[0, 1]$, channels first.

# %%
train_images, train_labels, test_images, test_labels, classes = load_signs_dataset()
X_train = torch.tensor(train_images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
X_test = torch.tensor(test_images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
y_train = torch.tensor(train_labels.ravel(), dtype=torch.int64)
y_test = torch.tensor(test_labels.ravel(), dtype=torch.int64)
print("X_train", tuple(X_train.shape), " y_train", tuple(y_train.shape), " X_test", tuple(X_test.shape))

fig, axes = plt.subplots(2, 6, figsize=(11, 4))
for k, column in enumerate(axes.T):
    for ax, index in zip(column, np.flatnonzero(y_train.numpy() == k)[:2], strict=True):
        ax.imshow(train_images[index])
        ax.axis("off")
    column[0].set_title(f"{k} finger{'s' * (k != 1)}", fontsize=9)
plt.show()

# %% [markdown]
# ## 2. The identity block
#
# ResNet-50 uses the **bottleneck** version of the residual block: three convolutions, where the two 1×1 ones first
# shrink the channels and then restore them, so that the costly $f \times f$ convolution runs on few channels.
#
# ```
# X ──► conv 1×1, F1 ─► BN ─► ReLU ─► conv f×f, F2 ("same") ─► BN ─► ReLU ─► conv 1×1, F3 ─► BN ─►(+)─► ReLU ──►
# │                                                                                             ▲
# └───────────────────────────────────── shortcut: X itself ────────────────────────────────────┘
# ```
#
# * The input has $F_3$ channels, or it could not be added to the output: `IdentityBlock(f, filters)` needs no
#   other size.
# * The shortcut joins **before** the last ReLU, and that ReLU acts on the sum.
# * No convolution has a bias (`bias=False`): the BatchNorm right after it subtracts the mean, which would cancel a
#   bias anyway.
# * `padding="same"` keeps the height and width through the $f \times f$ convolution for any $f$, even or odd.
#
# Batch normalisation behaves differently in the two modes: in **train mode** it normalises with the statistics of
# the current batch (and updates its running averages), in **eval mode** with those running averages. The checks
# run your block in both.

# %%
# GRADED: IdentityBlock

# %%
check(IdentityBlock)

# %%
block = IdentityBlock(3, [4, 4, 6]).eval()
X = torch.randn(2, 6, 5, 5)
with torch.no_grad():
    out = block(X)
print("input", tuple(X.shape), "-> output", tuple(out.shape), f"; smallest output {out.min():.2f}: a ReLU ends it")

# %% [markdown]
# ## 3. The convolutional block
#
# Where a stage starts, the block also halves the height and width and changes the number of channels, so the input
# can no longer be added as it is. The shortcut gets its own 1×1 convolution with the same stride and $F_3$
# filters, and a BatchNorm, which bring it to the main path's shape.
#
# ```
# X ─► conv 1×1, F1, stride s ─► BN ─► ReLU ─► conv f×f, F2 ("same") ─► BN ─► ReLU ─► conv 1×1, F3 ─► BN ─►(+)─► ReLU ─►
# │                                                                                                   ▲
# └─────────────────────────── shortcut: conv 1×1, F3, stride s ─► BN ────────────────────────────────┘
# ```
#
# As in the original ResNet-50, the stride sits on the **first** 1×1 convolution. (Later versions, "ResNet v1.5",
# move it to the $f \times f$ one, which loses less information; here we keep the original.) With stride $s$ and no
# padding, a side of $n$ pixels becomes $\lfloor (n - 1)/s \rfloor + 1$.

# %%
# GRADED: ConvolutionalBlock

# %%
check(ConvolutionalBlock)

# %%
block = ConvolutionalBlock(3, 2, [2, 4, 6], s=2).eval()
with torch.no_grad():
    print("stride 2:", tuple(block(torch.randn(3, 3, 4, 4)).shape),
          " stride 4:", tuple(ConvolutionalBlock(3, 2, [2, 4, 6], s=4).eval()(torch.randn(3, 3, 4, 4)).shape))

# %% [markdown]
# ## 4. ResNet-50
#
# Fifty layers with weights: the 7×7 convolution of the stem, 16 blocks of three convolutions, and the classifier
# (the four shortcut convolutions are not counted).
#
# | part | layers | output for a 64×64 picture |
# |---|---|---|
# | stem | `nn.ZeroPad2d(3)`, 7×7 conv to 64, stride 2, BatchNorm, ReLU, 3×3 max pool, stride 2 | 64 × 15 × 15 |
# | stage 2 | `ConvolutionalBlock(64, 3, [64, 64, 256], s=1)`, 2 `IdentityBlock(3, [64, 64, 256])` | 256 × 15 × 15 |
# | stage 3 | convolutional block `[128, 128, 512]`, s = 2, then 3 identity blocks | 512 × 8 × 8 |
# | stage 4 | convolutional block `[256, 256, 1024]`, s = 2, then 5 identity blocks | 1024 × 4 × 4 |
# | stage 5 | convolutional block `[512, 512, 2048]`, s = 2, then 2 identity blocks | 2048 × 2 × 2 |
# | classifier | 2×2 average pool, flatten, `nn.Linear(2048, classes)` | classes |
#
# Every convolution is 3×3 in the blocks ($f = 3$), and none has a bias. Stage 2 has stride 1 because the max pool
# has just halved the maps. Return the class **scores** (logits), without a softmax: `nn.CrossEntropyLoss` applies
# it. An `nn.Sequential` of these layers is the simplest way; any module that does the same passes.

# %%
# GRADED: ResNet50

# %%
check(ResNet50)

# %%
model = ResNet50()
print(f"ResNet-50: {sum(p.numel() for p in model.parameters()):,} weights")
x = torch.zeros(1, 3, 64, 64)
model.eval()
with torch.no_grad():
    for name, layer in model.named_children():
        x = layer(x)
        if isinstance(layer, (nn.MaxPool2d, nn.AvgPool2d)) or type(layer).__name__ == "ConvolutionalBlock":
            print(f"after layer {name:>2} ({type(layer).__name__}): {tuple(x.shape[1:])}")
print("scores:", tuple(x.shape))

# %% [markdown]
# ## 5. What training ResNet-50 would take
#
# The original trained ResNet-50 on SIGNS for a few epochs, then loaded weights trained for longer. Time one
# training step on a batch of 16 pictures (after a first, warm-up step) and scale it up to this machine's cost:

# %%
def training_step(model, optimizer, x, y):
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    optimizer.step()


optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
model.train()
training_step(model, optimizer, X_train[:16], y_train[:16])  # the first step also sets up memory and Adam's state
start = time.perf_counter()
training_step(model, optimizer, X_train[16:32], y_train[16:32])
step = time.perf_counter() - start
epoch = step * len(X_train) / 16
print(f"one step of 16 pictures: {step:.2f} s -> one epoch of {len(X_train)} pictures: about {epoch:.0f} s; "
      f"20 epochs: about {20 * epoch / 60:.0f} min")
print(f"its weights in float32: {sum(p.numel() for p in model.parameters()) * 4 / 2**20:.0f} MB")

# %% [markdown]
# Tens of epochs at that cost, and 90 MB of weights to ship, for six classes of 64×64 pictures: ResNet-50 was
# made for ImageNet's 1.28 million photographs in 1,000 classes, trained on GPUs. dlspec ships instead a
# **ResNet-20 of the very same blocks**: the stem, three stages of one convolutional and one identity block
# ([16, 16, 64], [32, 32, 128], [64, 64, 256]), global average pooling and the classifier. It has 0.22 M weights
# (under 1 MB), and `python -m dlspec.data.train_resnet` trains it on SIGNS in minutes on two CPU cores.
#
# Here it is built from **your** blocks (`resnet20` takes the block classes), trained for one epoch to see the
# loss fall:

# %%
small = resnet20(conv_block=ConvolutionalBlock, identity_block=IdentityBlock)
print(f"ResNet-20: {sum(p.numel() for p in small.parameters()):,} weights")
optimizer = torch.optim.Adam(small.parameters(), lr=2e-3)
losses = []
n = quick(len(X_train), 64)
small.train()
for batch in torch.randperm(n).split(32):
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(small(X_train[batch]), y_train[batch])
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
plt.plot(losses)
plt.xlabel("step (32 pictures)")
plt.ylabel("cross-entropy")
plt.title("Your ResNet-20, first epoch")
plt.show()

# %% [markdown]
# ## 6. The trained network
#
# `resnet20_signs()` loads the weights that `python -m dlspec.data.train_resnet` trained (30 epochs, each batch
# mirrored and turned a little at random, as in C4W2A2) into the same architecture built from dlspec's blocks, in
# eval mode.

# %%
trained = resnet20_signs()
with torch.no_grad():
    train_scores, test_scores = trained(X_train), trained(X_test)
train_accuracy = (train_scores.argmax(dim=1) == y_train).float().mean().item()
test_accuracy = (test_scores.argmax(dim=1) == y_test).float().mean().item()
print(f"train accuracy {train_accuracy:.1%}, test accuracy {test_accuracy:.1%}")

probabilities = torch.softmax(test_scores, dim=1)
fig, axes = plt.subplots(2, 6, figsize=(11, 4.3))
for ax, k in zip(axes.flat, range(12), strict=True):
    guess = probabilities[k].argmax().item()
    ax.imshow(test_images[k])
    ax.set_title(f"{guess} finger{'s' * (guess != 1)} ({probabilities[k, guess]:.0%})", fontsize=9,
                 color="black" if guess == y_test[k] else "red")
    ax.axis("off")
plt.show()

# %% [markdown]
# The prediction and the network's confidence for the first twelve test pictures (wrong ones in red). And where
# the mistakes are, over the whole test set:

# %%
plot_confusion_matrix(y_test.numpy(), test_scores.argmax(dim=1).numpy(), [str(k) for k in range(6)], title="fingers")
plt.show()

# %% [markdown]
# What do the stages compute? For one test picture, the maps after the stem and after each stage of the trained
# network, the eight most active of each. The stem and the first stage still show the hand's outline; each stage
# after halves the maps and makes them more abstract, until the last one's 4×4 maps hold what the classifier reads.

# %%
ends = {"stem": 4, "stage 1": 6, "stage 2": 8, "stage 3": 10}  # positions in the nn.Sequential after which to look
fig, axes = plt.subplots(len(ends), 9, figsize=(12, 5.6))
with torch.no_grad():
    for row, (name, end) in zip(axes, ends.items(), strict=True):
        maps = trained[: end + 1](X_test[:1])[0]
        row[0].imshow(test_images[0])
        row[0].set_title(f"{name}: {tuple(maps.shape)}", fontsize=8, loc="left")
        for ax, k in zip(row[1:], maps.mean(dim=(1, 2)).argsort(descending=True), strict=False):
            ax.imshow(maps[k], cmap="viridis")
for ax in axes.flat:
    ax.axis("off")
plt.show()

# %% [markdown]
# ## What to remember
#
# * A residual block adds its input to its output before the last activation, so a block can learn the identity
#   and the gradient has a short way back: very deep networks become trainable.
# * The identity block keeps the shape; the convolutional block changes it and puts a strided 1×1 convolution and a
#   BatchNorm on its shortcut.
# * ResNet-50 is a stem and four stages of such blocks; a smaller network of the same blocks serves a small task.
