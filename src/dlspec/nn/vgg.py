"""VGG16's convolutional trunk in PyTorch (C4W4A2, neural style transfer): the 13 3x3 convolutions with their
ReLUs and the four poolings between the five blocks, returning the activations of the layers asked for by their
Keras names (``block1_conv1`` ... ``block5_conv3``).

The weights come from ``dlspec.data.pretrained.vgg16_hed()``: HED's edge detector, a fine-tune of ImageNet VGG16.
Images go in as the trunk was trained: RGB in [0, 1], turned by ``to_bgr_input`` into Caffe's BGR, 0-255, minus
the mean pixel of ImageNet.

``widths`` makes narrower trunks of the same shape (the grader's cases run on random ones a few channels wide).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F
from torch import nn

WIDTHS = (64, 128, 256, 512, 512)  # VGG16's channels in blocks 1 to 5
DEPTHS = (2, 2, 3, 3, 3)  # convolutions per block
LAYERS = tuple(f"block{b + 1}_conv{c + 1}" for b, depth in enumerate(DEPTHS) for c in range(depth))
MEAN_BGR = (104.00699, 116.66877, 122.67892)  # Caffe's ImageNet mean pixel, which HED's trunk expects subtracted

# The lesson's choice of layers (VGG16 names; the original used VGG19's block5_conv4 for content): the first conv
# of every block for style, from fine strokes to large shapes, each weighted 0.2; a deep layer for content, where
# the picture's arrangement survives and its textures do not.
CONTENT_LAYER = [("block5_conv2", 1)]
STYLE_LAYERS = [("block1_conv1", 0.2), ("block2_conv1", 0.2), ("block3_conv1", 0.2), ("block4_conv1", 0.2),
                ("block5_conv1", 0.2)]  # fmt: skip


def to_bgr_input(image: torch.Tensor) -> torch.Tensor:
    """(m, 3, n_H, n_W) RGB in [0, 1] -> the trunk's input: BGR in 0-255 minus the mean pixel."""
    mean = torch.tensor(MEAN_BGR, dtype=image.dtype, device=image.device).view(1, 3, 1, 1)
    return image.flip(1) * 255.0 - mean


class VGG16Trunk(nn.Module):
    """The 13 convolutions of VGG16, named after Keras's layers; ``pool`` "max" (VGG's own) or "avg" (smoother
    gradients into the image, which style transfer often prefers)."""

    def __init__(self, widths: Sequence[int] = WIDTHS, pool: str = "max") -> None:
        super().__init__()
        if pool not in ("max", "avg"):
            raise ValueError(f"pool must be 'max' or 'avg', not {pool!r}")
        self.pool = pool
        self.convs = nn.ModuleDict()
        channels = 3
        for block, (width, depth) in enumerate(zip(widths, DEPTHS, strict=True)):
            for conv in range(depth):
                self.convs[f"block{block + 1}_conv{conv + 1}"] = nn.Conv2d(channels, width, 3, padding=1)
                channels = width

    def forward(self, x: torch.Tensor, layers: Sequence[str] = LAYERS) -> list[torch.Tensor]:
        """The activations (after ReLU) of ``layers``, in the order asked for; stops after the deepest one."""
        unknown = set(layers) - set(self.convs)
        if unknown:
            raise KeyError(f"no layers {sorted(unknown)} in VGG16; its layers are {', '.join(self.convs)}")
        wanted, found = set(layers), {}
        for name, conv in self.convs.items():
            if name.endswith("_conv1") and name != "block1_conv1":
                x = F.max_pool2d(x, 2) if self.pool == "max" else F.avg_pool2d(x, 2)
            x = torch.relu(conv(x))
            if name in wanted:
                found[name] = x
                if len(found) == len(wanted):
                    break
        return [found[name] for name in layers]


def layer_outputs(trunk: nn.Module, layers: Sequence[str]) -> Callable[[torch.Tensor], list[torch.Tensor]]:
    """The original's ``vgg_model_outputs``: a function from RGB images in [0, 1] to the list of ``layers``'
    activations (for the lesson: the style layers, then the content layer last)."""
    return lambda image: trunk(to_bgr_input(image), layers)
