"""Neural style transfer (C4W4A2): the answer key of the graded functions, in PyTorch.

Activations are PyTorch's (1, n_C, n_H, n_W), where the original had TensorFlow's (1, n_H, n_W, n_C): a channel's
map is already contiguous, so "unrolling" to (n_C, n_H * n_W) is a plain reshape here, where the original had to
transpose first. The costs keep the original's normalisations.

Outputs of the trunk come as lists, as the original's ``vgg_model_outputs`` returned them: the style layers' in
STYLE_LAYERS' order, then the content layer's last. ``compute_content_cost`` reads the last one,
``compute_style_cost`` all but the last.

``train_step`` reads the run's state from globals as the original's did: ``vgg_model_outputs`` (the trunk, images in
[0, 1] in, that list out), ``a_S`` and ``a_C`` (the list for the style image and for the content image) and
``optimizer`` (over the generated image alone). The notebook sets them; the grader's cases swap in their own.
"""

from __future__ import annotations

from typing import Any

import torch

from dlspec.nn.vgg import STYLE_LAYERS

# The run's state, which train_step reads (set by the notebook, or swapped in by the grader's cases).
vgg_model_outputs: Any = None
a_S: list[torch.Tensor] = []
a_C: list[torch.Tensor] = []
optimizer: Any = None


def compute_content_cost(content_output: list[torch.Tensor], generated_output: list[torch.Tensor]) -> torch.Tensor:
    """J_content = sum((a_C - a_G)^2) / (4 n_H n_W n_C), on the last of each list (the content layer)."""
    a_C, a_G = content_output[-1], generated_output[-1]
    _, n_C, n_H, n_W = a_G.shape
    return torch.sum((a_C - a_G) ** 2) / (4 * n_H * n_W * n_C)


def gram_matrix(A: torch.Tensor) -> torch.Tensor:
    """The Gram matrix A A^T of A (n_C, n_H * n_W): (n_C, n_C), the dot products of every pair of channels."""
    return A @ A.T


def compute_layer_style_cost(a_S: torch.Tensor, a_G: torch.Tensor) -> torch.Tensor:
    """J = sum((G_S - G_G)^2) / (4 n_C^2 (n_H n_W)^2), for a_S, a_G (1, n_C, n_H, n_W)."""
    _, n_C, n_H, n_W = a_G.shape
    GS = gram_matrix(a_S.reshape(n_C, n_H * n_W))
    GG = gram_matrix(a_G.reshape(n_C, n_H * n_W))
    return torch.sum((GS - GG) ** 2) / (4 * n_C**2 * (n_H * n_W) ** 2)


def compute_style_cost(
    style_image_output: list[torch.Tensor],
    generated_image_output: list[torch.Tensor],
    STYLE_LAYERS: list[tuple[str, float]] = STYLE_LAYERS,
) -> torch.Tensor:
    """The sum over the style layers of weight x compute_layer_style_cost; the last output (content) is skipped."""
    J_style = 0
    for a_S, a_G, (_, weight) in zip(style_image_output[:-1], generated_image_output[:-1], STYLE_LAYERS, strict=True):
        J_style = J_style + weight * compute_layer_style_cost(a_S, a_G)
    return J_style


def total_cost(
    J_content: torch.Tensor | float, J_style: torch.Tensor | float, alpha: float = 10, beta: float = 40
) -> torch.Tensor | float:
    """J = alpha J_content + beta J_style."""
    return alpha * J_content + beta * J_style


def train_step(generated_image: torch.Tensor) -> torch.Tensor:
    """One optimiser step on the generated image (a leaf tensor, pixels in [0, 1]): the total cost of the image as
    it was, its gradient, the step, then the pixels clipped back into [0, 1] in place. Returns the cost."""
    a_G = vgg_model_outputs(generated_image)
    J_style = compute_style_cost(a_S, a_G)
    J_content = compute_content_cost(a_C, a_G)
    J = total_cost(J_content, J_style, alpha=10, beta=40)
    optimizer.zero_grad()
    J.backward()
    optimizer.step()
    with torch.no_grad():
        generated_image.clamp_(0, 1)
    return J
