"""Correct solutions of C4W3A2 written unlike the reference: layers in containers or as bare parameters, padding
by name, pooling and dropout as functions, the U-Net's blocks in lists walked by loops."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import variant
from dlspec.nn.unet import ConvBlock, UpsamplingBlock  # swapped for the graded ones while checking


@variant("ConvBlock")
class ConvBlockSequential(nn.Module):
    """One nn.Sequential for the convolutions, a dropout module always there (p may be 0), pooling as a function."""

    def __init__(self, in_channels, n_filters=32, dropout_prob=0.0, max_pooling=True):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(in_channels, n_filters, 3, padding="same"), nn.ReLU(),
            nn.Conv2d(n_filters, n_filters, 3, padding="same"), nn.ReLU(),
            nn.Dropout(dropout_prob),
        )  # fmt: skip
        self.max_pooling = max_pooling

    def forward(self, inputs):
        skip = self.body(inputs)
        return (F.max_pool2d(skip, kernel_size=2, stride=2) if self.max_pooling else skip), skip


@variant("ConvBlock")
class ConvBlockParameters(nn.Module):
    """Kernels and biases as bare parameters run through F.conv2d; the biases registered first (their names end in
    "bias", as the probe that fills weights by shape expects of a bias)."""

    def __init__(self, in_channels, n_filters=32, dropout_prob=0.0, max_pooling=True):
        super().__init__()
        self.first_bias, self.second_bias = nn.Parameter(torch.zeros(n_filters)), nn.Parameter(torch.zeros(n_filters))
        self.w1 = nn.Parameter(torch.empty(n_filters, in_channels, 3, 3))
        self.w2 = nn.Parameter(torch.empty(n_filters, n_filters, 3, 3))
        self.p, self.max_pooling = dropout_prob, max_pooling

    def forward(self, inputs):
        x = F.conv2d(inputs, self.w1, self.first_bias, padding=1).clamp(min=0)
        x = F.conv2d(x, self.w2, self.second_bias, padding=1).clamp(min=0)
        if self.p:
            x = F.dropout(x, self.p, training=self.training)
        return (nn.functional.max_pool2d(x, 2) if self.max_pooling else x), x


@variant("UpsamplingBlock")
class UpsamplingBlockSequential(nn.Module):
    def __init__(self, expansive_channels, contractive_channels, n_filters=32):
        super().__init__()
        self.convs = nn.Sequential(
            nn.Conv2d(n_filters + contractive_channels, n_filters, (3, 3), padding="same"), nn.ReLU(inplace=True),
            nn.Conv2d(n_filters, n_filters, (3, 3), padding="same"), nn.ReLU(inplace=True),
        )  # fmt: skip
        self.upsample = nn.ConvTranspose2d(expansive_channels, n_filters, (3, 3), (2, 2), (1, 1), (1, 1))

    def forward(self, expansive_input, contractive_input):
        return self.convs(torch.concat((self.upsample(expansive_input), contractive_input), 1))


@variant("UpsamplingBlock")
class UpsamplingBlockParameters(nn.Module):
    """The transposed convolution by F.conv_transpose2d on a bare kernel, the first convolution split in two: one
    kernel for the upsampled maps, one for the skip connection, summed (the same as concatenating)."""

    def __init__(self, expansive_channels, contractive_channels, n_filters=32):
        super().__init__()
        self.k_up = nn.Parameter(torch.empty(expansive_channels, n_filters, 3, 3))
        self.up_bias = nn.Parameter(torch.zeros(n_filters))
        self.conv1 = nn.Conv2d(n_filters + contractive_channels, n_filters, 3, padding=1)
        self.conv2 = nn.Conv2d(n_filters, n_filters, 3, padding=1)
        self.n = n_filters

    def forward(self, expansive_input, contractive_input):
        up = F.conv_transpose2d(expansive_input, self.k_up, self.up_bias, stride=2, padding=1, output_padding=1)
        w = self.conv1.weight
        x = F.conv2d(up, w[:, : self.n], self.conv1.bias, padding=1) + F.conv2d(contractive_input, w[:, self.n :],
                                                                                padding=1)  # fmt: skip
        return F.relu(self.conv2(F.relu(x)))


@variant("UNet")
class UNetLoops(nn.Module):
    """The blocks in two lists built by loops, the skip connections kept on a stack."""

    def __init__(self, in_channels=3, n_filters=32, n_classes=23):
        super().__init__()
        widths = [n_filters * 2**k for k in range(5)]
        self.down = nn.ModuleList(
            ConvBlock(widths[k - 1] if k else in_channels, w, dropout_prob=0.3 if k >= 3 else 0.0, max_pooling=k < 4)
            for k, w in enumerate(widths)
        )
        self.up = nn.ModuleList(UpsamplingBlock(widths[k + 1], widths[k], widths[k]) for k in (3, 2, 1, 0))
        self.head = nn.Sequential(nn.Conv2d(n_filters, n_filters, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(n_filters, n_classes, 1))  # fmt: skip

    def forward(self, x):
        stack = []
        for block in self.down:
            x, skip = block(x)
            stack.append(skip)
        stack.pop()  # the deepest block's output is x itself
        for block in self.up:
            x = block(x, stack.pop())
        return self.head(x)


@variant("UNet")
def UNet_by_hand(in_channels=3, n_filters=32, n_classes=23):
    """A nested builder: the expanding blocks registered before the contracting ones, the head's layers as
    attributes of a plain module, the U traversed by recursion."""
    n = n_filters

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.ups = nn.ModuleList([UpsamplingBlock(16 * n, 8 * n, 8 * n), UpsamplingBlock(8 * n, 4 * n, 4 * n),
                                      UpsamplingBlock(4 * n, 2 * n, 2 * n), UpsamplingBlock(2 * n, n, n)])  # fmt: skip
            self.downs = nn.ModuleList([ConvBlock(in_channels, n), ConvBlock(n, 2 * n), ConvBlock(2 * n, 4 * n),
                                        ConvBlock(4 * n, 8 * n, 0.3)])  # fmt: skip
            self.bottom = ConvBlock(8 * n, 16 * n, 0.3, False)
            self.last = nn.Conv2d(n, n_classes, 1)
            self.before = nn.Conv2d(n, n, 3, padding=1)

        def level(self, x, depth):
            if depth == 4:
                return self.bottom(x)[0]
            pooled, skip = self.downs[depth](x)
            return self.ups[3 - depth](self.level(pooled, depth + 1), skip)

        def forward(self, x):
            return self.last(F.relu(self.before(self.level(x, 0))))

    return Net()
