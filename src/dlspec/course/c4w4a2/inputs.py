"""The PyTorch inputs of C4W4A2's cases (checks.py names them through Case.make): made in the process that runs
the case, so that only the grading child imports PyTorch. Each draws from ``np.random.default_rng(seed)``.

``train_step`` reads four globals, as the original's did. A case swaps in the ones below before its inputs are
made, so they are stand-ins that ``train_step_inputs`` fills: two lists it refills in place, and a trunk that
passes every call on to the one it made last, and an Adam optimiser it points at the new image.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from dlspec.checking.run import swapped
from dlspec.nn import style
from dlspec.nn.vgg import CONTENT_LAYER, STYLE_LAYERS, VGG16Trunk, layer_outputs

WIDTHS = (4, 6, 8, 8, 8)  # a VGG16 a few channels wide: the same layers and poolings, milliseconds a step
LEARNING_RATE = 0.01  # the original's Adam rate

a_S: list[torch.Tensor] = []
a_C: list[torch.Tensor] = []
_made: dict[str, Any] = {}


def vgg_model_outputs(image: torch.Tensor) -> list[torch.Tensor]:
    """The last made trunk's outputs: the five style layers, then the content layer."""
    return _made["outputs"](image)


class _Adam:
    """Adam as torch.optim.Adam computes it (defaults betas 0.9, 0.999, eps 1e-8), over the image the last case
    made: the same steps, without importing PyTorch's optimisers (the first import costs seconds of a grade)."""

    def reset(self, image: torch.Tensor, lr: float) -> None:
        self.image, self.lr, self.t = image, lr, 0
        self.m, self.v = torch.zeros_like(image), torch.zeros_like(image)

    def zero_grad(self, set_to_none: bool = True) -> None:
        self.image.grad = None

    @torch.no_grad()
    def step(self) -> None:
        if self.image.grad is None:
            return
        g, self.t = self.image.grad, self.t + 1
        self.m.mul_(0.9).add_(g, alpha=0.1)
        self.v.mul_(0.999).addcmul_(g, g, value=0.001)
        denominator = (self.v / (1 - 0.999**self.t)).sqrt_().add_(1e-8)
        self.image.addcdiv_(self.m, denominator, value=-self.lr / (1 - 0.9**self.t))


optimizer = _Adam()


def _activations(rng: np.random.Generator, shape: tuple[int, ...], grad: bool) -> torch.Tensor:
    """Post-ReLU activations (1, n_C, n_H, n_W): zeros and positive values, as a trunk's layer gives them."""
    a = torch.tensor(np.maximum(rng.normal(0.2, 1.0, shape), 0), dtype=torch.float32)
    return a.requires_grad_() if grad else a


def outputs_inputs(seed: int, shapes: list[tuple[int, ...]]) -> tuple:
    """(content_output, generated_output): a list of activations of ``shapes`` each, the generated ones recording
    gradients (so a cost cut off from autograd shows)."""
    rng = np.random.default_rng(seed)
    content = [_activations(rng, s, False) for s in shapes]
    return content, [_activations(rng, s, True) for s in shapes]


def gram_inputs(seed: int, n_C: int, n: int) -> tuple:
    """(A,): unrolled activations (n_C, n), recording gradients."""
    return (_activations(np.random.default_rng(seed), (n_C, n), True),)


def layer_style_inputs(seed: int, shape: tuple[int, ...]) -> tuple:
    """(a_S, a_G) of one layer, shape (1, n_C, n_H, n_W); a_G records gradients."""
    rng = np.random.default_rng(seed)
    return _activations(rng, shape, False), _activations(rng, shape, True)


def style_inputs(seed: int, shapes: list[tuple[int, ...]], weights: list[float] | None) -> tuple:
    """(style_image_output, generated_image_output[, STYLE_LAYERS]): one output per style layer and the content
    layer's last; STYLE_LAYERS made of ``weights`` (left out when None: the default, five layers)."""
    outputs = outputs_inputs(seed, shapes)
    if weights is None:
        return outputs
    return (*outputs, [(f"layer{i}", w) for i, w in enumerate(weights)])


def cost_inputs(J_content: float, J_style: float, extra: tuple[float, ...] = ()) -> tuple:
    """(J_content, J_style[, alpha, beta]) with the costs as 0-d tensors that record gradients."""
    return (torch.tensor(J_content, requires_grad=True), torch.tensor(J_style, requires_grad=True), *extra)


def _picture(rng: np.random.Generator, size: int) -> torch.Tensor:
    """A smooth random RGB picture (1, 3, size, size) in [0, 1]: blobs of colour, not pixel noise."""
    coarse = torch.tensor(rng.uniform(0, 1, (1, 3, 4, 4)), dtype=torch.float32)
    fine = torch.tensor(rng.uniform(-0.15, 0.15, (1, 3, size, size)), dtype=torch.float32)
    up = torch.nn.functional.interpolate(coarse, size=(size, size), mode="bilinear", align_corners=False)
    return (up + fine).clamp(0, 1)


def train_step_inputs(seed: int, size: int, steps_before: int) -> tuple:
    """(generated_image,): a leaf tensor (1, 3, size, size) in [0, 1], the content picture plus noise; with a
    random narrow trunk, the style and content pictures' outputs in ``a_S`` and ``a_C`` and an Adam optimiser over
    the image. ``steps_before`` steps of the answer key's train_step run first, so Adam has a history and the image
    a stale gradient, as at any step of a run but the first."""
    rng = np.random.default_rng(seed)
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        trunk = VGG16Trunk(WIDTHS).eval().requires_grad_(False)
    _made["outputs"] = layer_outputs(trunk, [name for name, _ in STYLE_LAYERS] + [CONTENT_LAYER[0][0]])
    content, style_picture = _picture(rng, size), _picture(rng, size)
    with torch.no_grad():
        a_C[:], a_S[:] = vgg_model_outputs(content), vgg_model_outputs(style_picture)
    noise = torch.tensor(rng.uniform(-0.25, 0.25, content.shape), dtype=torch.float32)
    image = (content + noise).clamp(0, 1).requires_grad_()
    optimizer.reset(image, LEARNING_RATE)
    state = {"vgg_model_outputs": vgg_model_outputs, "a_S": a_S, "a_C": a_C, "optimizer": optimizer}
    with swapped(style.train_step.__globals__, state):
        for _ in range(steps_before):
            style.train_step(image)
    return (image,)
