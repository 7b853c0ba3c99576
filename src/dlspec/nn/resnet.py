"""Residual networks (Course 4 week 2): the identity block, the convolutional block, ResNet-50 and a small ResNet
of the same blocks, in PyTorch with images as ``(m, n_C, n_H, n_W)`` (NCHW).

The architecture is the original course's (He et al.'s ResNet-50 v1 for 64x64 inputs): the stride of a
convolutional block sits on its first 1x1 convolution, every convolution is followed by batch normalisation, and
the shortcut is added before the block's last ReLU. Convolutions carry no bias: the BatchNorm after each one
subtracts the mean, which would cancel any bias. ``ResNet50`` returns class scores (logits); the loss applies the
softmax.
"""

from __future__ import annotations

import torch
from torch import nn


class IdentityBlock(nn.Module):
    """The identity block: three convolutions on the main path, the input itself as the shortcut.

    Main path: 1x1 conv to F1 channels -> BatchNorm -> ReLU -> f x f conv to F2 ("same" padding) -> BatchNorm ->
    ReLU -> 1x1 conv to F3 -> BatchNorm. Then add the input and apply a ReLU. The input has F3 channels (else it
    could not be added), so the block needs no other size. No convolution has a bias.
    """

    def __init__(self, f, filters):
        """Register the layers for kernel size f (the middle convolution) and filters = [F1, F2, F3]."""
        super().__init__()
        F1, F2, F3 = filters
        self.conv1 = nn.Conv2d(F3, F1, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(F1)
        self.conv2 = nn.Conv2d(F1, F2, kernel_size=f, padding="same", bias=False)
        self.bn2 = nn.BatchNorm2d(F2)
        self.conv3 = nn.Conv2d(F2, F3, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(F3)

    def forward(self, X):
        """The block's output for X of shape (m, F3, n_H, n_W); same shape."""
        X_shortcut = X
        X = torch.relu(self.bn1(self.conv1(X)))
        X = torch.relu(self.bn2(self.conv2(X)))
        X = self.bn3(self.conv3(X))
        return torch.relu(X + X_shortcut)


class ConvolutionalBlock(nn.Module):
    """The convolutional block: the identity block's main path with stride s on its first 1x1 convolution, and a
    shortcut that matches the new shape: 1x1 conv to F3 channels with stride s -> BatchNorm.

    Main path: 1x1 conv to F1, stride s -> BatchNorm -> ReLU -> f x f conv to F2 ("same") -> BatchNorm -> ReLU ->
    1x1 conv to F3 -> BatchNorm. Add the shortcut, then a ReLU. No convolution has a bias.
    """

    def __init__(self, in_channels, f, filters, s=2):
        """Register the layers for in_channels input channels, kernel size f, filters = [F1, F2, F3], stride s."""
        super().__init__()
        F1, F2, F3 = filters
        self.conv1 = nn.Conv2d(in_channels, F1, kernel_size=1, stride=s, bias=False)
        self.bn1 = nn.BatchNorm2d(F1)
        self.conv2 = nn.Conv2d(F1, F2, kernel_size=f, padding="same", bias=False)
        self.bn2 = nn.BatchNorm2d(F2)
        self.conv3 = nn.Conv2d(F2, F3, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(F3)
        self.shortcut_conv = nn.Conv2d(in_channels, F3, kernel_size=1, stride=s, bias=False)
        self.shortcut_bn = nn.BatchNorm2d(F3)

    def forward(self, X):
        """The block's output for X of shape (m, in_channels, n_H, n_W): shape (m, F3, ceil(n_H / s), ceil(n_W / s))."""
        X_shortcut = self.shortcut_bn(self.shortcut_conv(X))
        X = torch.relu(self.bn1(self.conv1(X)))
        X = torch.relu(self.bn2(self.conv2(X)))
        X = self.bn3(self.conv3(X))
        return torch.relu(X + X_shortcut)


def ResNet50(in_channels=3, classes=6):
    """ResNet-50 for 64x64 images, as an nn.Sequential that returns class scores (logits).

    ZeroPad2d(3) -> 7x7 conv to 64, stride 2 (no bias) -> BatchNorm -> ReLU -> 3x3 max pool, stride 2 ->
    stage 2: ConvolutionalBlock(f=3, [64, 64, 256], s=1), 2 IdentityBlocks ->
    stage 3: ConvolutionalBlock(f=3, [128, 128, 512], s=2), 3 IdentityBlocks ->
    stage 4: ConvolutionalBlock(f=3, [256, 256, 1024], s=2), 5 IdentityBlocks ->
    stage 5: ConvolutionalBlock(f=3, [512, 512, 2048], s=2), 2 IdentityBlocks ->
    2x2 average pool -> flatten -> Linear(2048, classes).
    """
    layers = [
        nn.ZeroPad2d(3),
        nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, bias=False),
        nn.BatchNorm2d(64),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
    ]
    channels = 64
    for filters, s, identities in [([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3),
                                   ([256, 256, 1024], 2, 5), ([512, 512, 2048], 2, 2)]:  # fmt: skip
        layers.append(ConvolutionalBlock(channels, 3, filters, s=s))
        layers += [IdentityBlock(3, filters) for _ in range(identities)]
        channels = filters[2]
    layers += [nn.AvgPool2d(2), nn.Flatten(), nn.Linear(channels, classes)]
    return nn.Sequential(*layers)


def resnet20(in_channels: int = 3, classes: int = 6, conv_block: type[nn.Module] = ConvolutionalBlock,
             identity_block: type[nn.Module] = IdentityBlock) -> nn.Sequential:
    """A small ResNet of ResNet-50's blocks for 64x64 images: 20 layers with weights (the stem, three stages of one
    convolutional and one identity block of three convolutions each, the classifier), 0.22 M weights where
    ResNet-50 has 23.5 M. Stem: 7x7 conv to 16, stride 2, BatchNorm, ReLU, 3x3 max pool, stride 2; stages of
    [16, 16, 64], [32, 32, 128], [64, 64, 256] with strides 1, 2, 2; global average pool; Linear(256, classes).
    The blocks are these of this module unless others are given (a learner's own, in C4W2A1)."""
    # the stem as ResNet50 writes it: ResNet50's source is the learner's answer key and stands alone
    layers: list[nn.Module] = [
        nn.ZeroPad2d(3),
        nn.Conv2d(in_channels, 16, kernel_size=7, stride=2, bias=False),
        nn.BatchNorm2d(16),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
    ]
    channels = 16
    for filters, s in [([16, 16, 64], 1), ([32, 32, 128], 2), ([64, 64, 256], 2)]:
        layers += [conv_block(channels, 3, filters, s=s), identity_block(3, filters)]
        channels = filters[2]
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, classes)]
    return nn.Sequential(*layers)
