"""Correct solutions of C4W4A2 written unlike the reference: einsum and flatten, means scaled back to sums,
norms squared, loops by index, an explicit optimiser step."""

from __future__ import annotations

import torch

from dlspec.checking.spec import variant
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


@variant("compute_content_cost")
def content_mean(content_output, generated_output):
    """The mean of the squares is the sum over n_C n_H n_W: what is left is the 1/4."""
    return torch.mean((content_output[-1] - generated_output[-1]) ** 2) / 4


@variant("compute_content_cost")
def content_unrolled(content_output, generated_output):
    a_C, a_G = content_output[-1], generated_output[-1]
    m, n_C, n_H, n_W = a_G.shape
    unrolled_C = a_C.permute(0, 2, 3, 1).reshape(m, -1, n_C)  # the original's layout, unrolled as it did
    unrolled_G = a_G.permute(0, 2, 3, 1).reshape(m, -1, n_C)
    return torch.linalg.vector_norm(unrolled_C - unrolled_G) ** 2 / (4 * n_H * n_W * n_C)


@variant("gram_matrix")
def gram_einsum(A):
    return torch.einsum("ik,jk->ij", A, A)


@variant("gram_matrix")
def gram_matmul(A):
    return torch.matmul(A, torch.transpose(A, 0, 1))


@variant("compute_layer_style_cost")
def layer_flatten(a_S, a_G):
    n = a_G.shape[2] * a_G.shape[3]
    GS, GG = gram_matrix(a_S[0].flatten(1)), gram_matrix(a_G[0].flatten(1))
    return torch.mean((GS - GG) ** 2) / (4 * n**2)  # the mean over n_C^2 entries does the rest


@variant("compute_layer_style_cost")
def layer_from_original_layout(a_S, a_G):
    _, n_C, n_H, n_W = a_G.shape
    S = a_S.permute(0, 2, 3, 1).reshape(n_H * n_W, n_C).T  # TensorFlow's recipe, from its layout
    G = a_G.permute(0, 2, 3, 1).reshape(n_H * n_W, n_C).T
    return torch.sum(torch.square(gram_matrix(S) - gram_matrix(G))) / (4 * (n_C * n_H * n_W) ** 2)


@variant("compute_style_cost")
def style_by_index(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    J_style = torch.zeros(())
    for i in range(len(STYLE_LAYERS)):
        J_style = J_style + STYLE_LAYERS[i][1] * compute_layer_style_cost(style_image_output[i],
                                                                          generated_image_output[i])
    return J_style


@variant("compute_style_cost")
def style_stacked(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    costs = torch.stack([compute_layer_style_cost(s, g)
                         for s, g in zip(style_image_output[:-1], generated_image_output[:-1], strict=True)])
    weights = torch.tensor([w for _, w in STYLE_LAYERS], dtype=costs.dtype)
    return (weights * costs).sum()


@variant("total_cost")
def total_dot(J_content, J_style, alpha=10, beta=40):
    J = beta * J_style
    return J + alpha * J_content


@variant("total_cost")
def total_sum(J_content, J_style, alpha=10, beta=40):
    return sum((alpha * J_content, beta * J_style))


@variant("train_step")
def step_grad_none(generated_image):
    """The gradient by torch.autograd.grad, written into .grad by hand; clipping by copy_."""
    a_G = vgg_model_outputs(generated_image)
    J = total_cost(compute_content_cost(a_C, a_G), compute_style_cost(a_S, a_G), 10, 40)
    (grad,) = torch.autograd.grad(J, [generated_image])
    generated_image.grad = grad
    optimizer.step()
    with torch.no_grad():
        generated_image.copy_(torch.clip(generated_image, 0.0, 1.0))
    return J


@variant("train_step")
def step_data(generated_image):
    """zero_grad after the step instead of before (the case's image may hold a stale gradient: cleared first)."""
    generated_image.grad = None
    a_G = vgg_model_outputs(generated_image)
    J_content = compute_content_cost(a_C, a_G)
    J_style = compute_style_cost(a_S, a_G)
    J = total_cost(J_content, J_style)
    J.backward()
    optimizer.step()
    optimizer.zero_grad()
    generated_image.data.clamp_(min=0, max=1)
    return J.detach()
