"""Known mistakes in C4W4A2, each with the hint a learner who made it should read."""

from __future__ import annotations

import torch

from dlspec.checking.spec import mutant
from dlspec.nn.style import (  # train_step's globals: a case swaps in its own
    a_C,
    a_S,
    compute_content_cost,
    compute_layer_style_cost,
    compute_style_cost,
    gram_matrix,
    optimizer,
    total_cost,
    vgg_model_outputs,
)
from dlspec.nn.vgg import STYLE_LAYERS

# --- compute_content_cost -----------------------------------------------------------------------------------------


def _content(a_C, a_G, scale=4.0, power=2):
    _, n_C, n_H, n_W = a_G.shape
    return torch.sum(torch.abs(a_C - a_G) ** power) / (scale * n_H * n_W * n_C)


@mutant("compute_content_cost", "The normalisation is 1 / (4 n_H n_W n_C): the 4 is part of it.")
def content_no_four(content_output, generated_output):
    return _content(content_output[-1], generated_output[-1], scale=1.0)


@mutant("compute_content_cost", "Divide by 4 n_H n_W n_C, all three sizes: the number of channels counts too.")
def content_no_channels(content_output, generated_output):
    a_C, a_G = content_output[-1], generated_output[-1]
    return _content(a_C, a_G) * a_G.shape[1]


@mutant("compute_content_cost", "The content layer is the *last* output of the list (the style layers come "
        "first): use content_output[-1] and generated_output[-1].")  # fmt: skip
def content_first_layer(content_output, generated_output):
    return _content(content_output[0], generated_output[0])


@mutant("compute_content_cost", "Square the differences before summing them: sum((a_C - a_G)^2).")
def content_not_squared(content_output, generated_output):
    return _content(content_output[-1], generated_output[-1], power=1)


@mutant("compute_content_cost", "Keep the cost a tensor that autograd can follow: no .item(), no .detach(), no "
        "NumPy, or the optimiser gets no gradient.")  # fmt: skip
def content_detached(content_output, generated_output):
    return compute_content_cost(content_output, generated_output).detach()


@mutant("compute_content_cost", "The cost is the sum of squares, not its square root (a norm): no torch.sqrt, "
        "no torch.norm without squaring it.")  # fmt: skip
def content_norm(content_output, generated_output):
    a_C, a_G = content_output[-1], generated_output[-1]
    return torch.norm(a_C - a_G) / (4 * a_G.numel())


# --- gram_matrix --------------------------------------------------------------------------------------------------


@mutant("gram_matrix", "Rows of A are channels: the Gram matrix A A^T is (n_C, n_C). A^T A compares positions "
        "with positions instead.")  # fmt: skip
def gram_transposed(A):
    return A.T @ A


@mutant("gram_matrix", "The Gram matrix is a plain A A^T: the normalisation belongs to the style cost, not here.")
def gram_averaged(A):
    return A @ A.T / A.shape[1]


@mutant("gram_matrix", "Use a matrix product, A @ A.T: A * A multiplies element by element and keeps only each "
        "channel with itself.")  # fmt: skip
def gram_elementwise(A):
    return torch.diag(torch.sum(A * A, dim=1))


@mutant("gram_matrix", "Do not subtract the channels' means: the Gram matrix is A A^T of the activations as "
        "they are (that would be a covariance).")  # fmt: skip
def gram_centred(A):
    centred = A - A.mean(dim=1, keepdim=True)
    return centred @ centred.T


@mutant("gram_matrix", "Keep the Gram matrix a tensor autograd can follow: no .detach(), no NumPy.")
def gram_detached(A):
    return (A @ A.T).detach()


# --- compute_layer_style_cost -------------------------------------------------------------------------------------


def _layer(GS, GG, n_C, n, scale=None):
    return torch.sum((GS - GG) ** 2) / (scale if scale is not None else 4 * n_C**2 * n**2)


@mutant("compute_layer_style_cost", "In PyTorch's (1, n_C, n_H, n_W) a channel's values are already together: "
        "a_S.reshape(n_C, n_H * n_W). Reshaping to (n_H * n_W, n_C) and transposing (the TensorFlow layout's "
        "recipe) mixes channels with positions.")  # fmt: skip
def layer_scrambled(a_S, a_G):
    _, n_C, n_H, n_W = a_G.shape
    GS = gram_matrix(a_S.reshape(n_H * n_W, n_C).T)
    GG = gram_matrix(a_G.reshape(n_H * n_W, n_C).T)
    return _layer(GS, GG, n_C, n_H * n_W)


def _grams(a_S, a_G):
    _, n_C, n_H, n_W = a_G.shape
    return gram_matrix(a_S.reshape(n_C, -1)), gram_matrix(a_G.reshape(n_C, -1)), n_C, n_H * n_W


@mutant("compute_layer_style_cost", "The normalisation is 1 / (4 n_C^2 (n_H n_W)^2): square n_C and the number "
        "of positions n_H n_W.")  # fmt: skip
def layer_not_squared_sizes(a_S, a_G):
    GS, GG, n_C, n = _grams(a_S, a_G)
    return _layer(GS, GG, n_C, n, scale=4 * n_C * n)


@mutant("compute_layer_style_cost", "The normalisation has a 4: 1 / (4 n_C^2 (n_H n_W)^2).")
def layer_no_four(a_S, a_G):
    GS, GG, n_C, n = _grams(a_S, a_G)
    return _layer(GS, GG, n_C, n, scale=n_C**2 * n**2)


@mutant("compute_layer_style_cost", "Square the differences of the Gram matrices before summing them.")
def layer_differences_not_squared(a_S, a_G):
    GS, GG, n_C, n = _grams(a_S, a_G)
    return torch.sum(torch.abs(GS - GG)) / (4 * n_C**2 * n**2)


@mutant("compute_layer_style_cost", "Compare Gram matrices (which channels fire together), not the activations "
        "themselves: that would be a content cost.")  # fmt: skip
def layer_no_gram(a_S, a_G):
    _, n_C, n_H, n_W = a_G.shape
    return torch.sum((a_S - a_G) ** 2) / (4 * n_C**2 * (n_H * n_W) ** 2)


@mutant("compute_layer_style_cost", "Keep the cost a tensor autograd can follow: no .item(), no .detach().")
def layer_detached(a_S, a_G):
    return compute_layer_style_cost(a_S, a_G).detach()


# --- compute_style_cost -------------------------------------------------------------------------------------------


@mutant("compute_style_cost", "Weight each layer's cost by its weight in STYLE_LAYERS: J_style += weight * "
        "compute_layer_style_cost(...).")  # fmt: skip
def style_unweighted(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    pairs = zip(style_image_output[:-1], generated_image_output[:-1], strict=True)
    return sum(compute_layer_style_cost(s, g) for s, g in pairs)


@mutant("compute_style_cost", "Add each layer's weighted cost to the total (J_style += ...): as written, only "
        "the last layer counts.")  # fmt: skip
def style_overwritten(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    J_style = 0
    for s, g, (_, weight) in zip(style_image_output[:-1], generated_image_output[:-1], STYLE_LAYERS, strict=True):
        J_style = weight * compute_layer_style_cost(s, g)
    return J_style


@mutant("compute_style_cost", "The last output of each list is the content layer: the style layers are all "
        "the others, output[:-1], in STYLE_LAYERS' order, not output[1:].")  # fmt: skip
def style_skips_first(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    pairs = zip(style_image_output[1:], generated_image_output[1:], STYLE_LAYERS, strict=True)
    return sum(w * compute_layer_style_cost(s, g) for s, g, (_, w) in pairs)


@mutant("compute_style_cost", "The weights already say how much each layer counts: sum the weighted costs, do "
        "not average them over the layers.")  # fmt: skip
def style_averaged(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    return compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS) / len(STYLE_LAYERS)


@mutant("compute_style_cost", "Compare the style image's outputs with the generated image's, layer by layer: "
        "a_S from style_image_output, a_G from generated_image_output.")  # fmt: skip
def style_generated_twice(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    return compute_style_cost(style_image_output, style_image_output, STYLE_LAYERS)


# --- total_cost ---------------------------------------------------------------------------------------------------


@mutant("total_cost", "alpha weighs the content cost and beta the style cost: J = alpha J_content + beta J_style.")
def total_swapped(J_content, J_style, alpha=10, beta=40):
    return alpha * J_style + beta * J_content


@mutant("total_cost", "Use the alpha and beta you are given, not 10 and 40 written in.")
def total_hard_coded(J_content, J_style, alpha=10, beta=40):
    return 10 * J_content + 40 * J_style


@mutant("total_cost", "Both costs are weighted: J = alpha J_content + beta J_style.")
def total_no_alpha(J_content, J_style, alpha=10, beta=40):
    return J_content + beta * J_style


@mutant("total_cost", "The two costs are added, each with its weight; nothing is subtracted.")
def total_difference(J_content, J_style, alpha=10, beta=40):
    return alpha * J_content - beta * J_style


@mutant("total_cost", "Return one number, the weighted sum, not the two weighted costs.")
def total_tuple(J_content, J_style, alpha=10, beta=40):
    return alpha * J_content, beta * J_style


# --- train_step ---------------------------------------------------------------------------------------------------


def _cost(image, swap_costs=False):
    a_G = vgg_model_outputs(image)
    J_content, J_style = compute_content_cost(a_C, a_G), compute_style_cost(a_S, a_G)
    if swap_costs:
        J_content, J_style = J_style, J_content
    return total_cost(J_content, J_style, alpha=10, beta=40)


def _step(J, image, zero_grad=True, clip=True):
    """The rest of a step, as the answer key takes it unless told otherwise."""
    if zero_grad:
        optimizer.zero_grad()
    J.backward()
    optimizer.step()
    if clip:
        with torch.no_grad():
            image.clamp_(0, 1)


@mutant("train_step", "After the step, clip the pixels back into [0, 1], in place: with torch.no_grad(): "
        "generated_image.clamp_(0, 1).")  # fmt: skip
def step_no_clip(generated_image):
    J = _cost(generated_image)
    _step(J, generated_image, clip=False)
    return J


@mutant("train_step", "Clear the old gradient first (optimizer.zero_grad()): backward() adds to .grad, so the "
        "last step's gradient would be counted again.")  # fmt: skip
def step_no_zero_grad(generated_image):
    J = _cost(generated_image)
    _step(J, generated_image, zero_grad=False)
    return J


@mutant("train_step", "Clip in place (generated_image.clamp_(0, 1), or .copy_(...)): generated_image = "
        "generated_image.clamp(0, 1) makes a new tensor and leaves the optimised image as it was.")  # fmt: skip
def step_rebinds(generated_image):
    J = _cost(generated_image)
    _step(J, generated_image, clip=False)
    generated_image = generated_image.clamp(0, 1)
    return J


@mutant("train_step", "Clip after the step, not before it: the step is what moves pixels out of [0, 1].")
def step_clips_first(generated_image):
    with torch.no_grad():
        generated_image.clamp_(0, 1)
    J = _cost(generated_image)
    _step(J, generated_image, clip=False)
    return J


@mutant("train_step", "Return the cost computed before the step, the one whose gradient moved the image.")
def step_returns_cost_after(generated_image):
    _step(_cost(generated_image), generated_image)
    with torch.no_grad():
        return _cost(generated_image)


@mutant("train_step", "Keep alpha = 10 for the content cost and beta = 40 for the style cost: pass "
        "total_cost(J_content, J_style, ...) in that order.")  # fmt: skip
def step_costs_swapped(generated_image):
    J = _cost(generated_image, swap_costs=True)
    _step(J, generated_image)
    return J
