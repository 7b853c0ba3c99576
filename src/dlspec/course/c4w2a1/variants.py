"""Correct solutions of C4W2A1 written unlike the reference: layers in other orders and containers, weights held
as bare parameters, padding done by hand, pooling as functions."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import variant
from dlspec.nn.resnet import ConvolutionalBlock, IdentityBlock  # swapped for the graded ones while checking


def _same(x, f):
    """Pad for an f x f convolution of stride 1 that keeps the size: the odd pixel goes right and bottom."""
    return F.pad(x, [(f - 1) // 2, f // 2, (f - 1) // 2, f // 2])


@variant("IdentityBlock")
class IdentityBlockSequential(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.main = nn.Sequential(
            nn.Conv2d(F3, F1, 1, bias=False), nn.BatchNorm2d(F1), nn.ReLU(),
            nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2), nn.ReLU(),
            nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3),
        )  # fmt: skip

    def forward(self, x):
        return F.relu(self.main(x) + x)


@variant("IdentityBlock")
class IdentityBlockByHand(nn.Module):
    """Convolutions first, BatchNorms after, and the padding done by hand."""

    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.f = f
        self.convs = nn.ModuleList([nn.Conv2d(F3, F1, 1, bias=False), nn.Conv2d(F1, F2, f, bias=False),
                                    nn.Conv2d(F2, F3, 1, bias=False)])  # fmt: skip
        self.norms = nn.ModuleList([nn.BatchNorm2d(n) for n in filters])

    def forward(self, x):
        out = x
        for i, (conv, norm) in enumerate(zip(self.convs, self.norms, strict=True)):
            out = norm(conv(_same(out, self.f) if i == 1 else out))
            if i < 2:
                out = out.clamp(min=0)
        return (out + x).clamp(min=0)


@variant("ConvolutionalBlock")
class ConvolutionalBlockShortcutFirst(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.shortcut = nn.Sequential(nn.Conv2d(in_channels, F3, 1, stride=s, bias=False), nn.BatchNorm2d(F3))
        self.main = nn.Sequential(
            nn.Conv2d(in_channels, F1, 1, stride=s, bias=False), nn.BatchNorm2d(F1), nn.ReLU(),
            nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2), nn.ReLU(),
            nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3),
        )  # fmt: skip

    def forward(self, x):
        return torch.relu(self.main(x) + self.shortcut(x))


@variant("ConvolutionalBlock")
class ConvolutionalBlockParameters(nn.Module):
    """Kernels as bare parameters run through F.conv2d; a 1x1 convolution of stride s as slicing then a product."""

    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.f, self.s = f, s
        self.k1 = nn.Parameter(torch.empty(F1, in_channels, 1, 1))
        self.k2 = nn.Parameter(torch.empty(F2, F1, f, f))
        self.k3 = nn.Parameter(torch.empty(F3, F2, 1, 1))
        self.ks = nn.Parameter(torch.empty(F3, in_channels, 1, 1))
        self.bn = nn.ModuleList([nn.BatchNorm2d(n) for n in (F1, F2, F3, F3)])

    def forward(self, x):
        strided = x[:, :, :: self.s, :: self.s]
        out = F.relu(self.bn[0](torch.einsum("oi,bihw->bohw", self.k1[:, :, 0, 0], strided)))
        out = F.relu(self.bn[1](F.conv2d(_same(out, self.f), self.k2)))
        out = self.bn[2](F.conv2d(out, self.k3))
        return F.relu(out + self.bn[3](F.conv2d(strided, self.ks)))


@variant("ResNet50")
def ResNet50_class(in_channels=3, classes=6):
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(in_channels, 64, 7, stride=2, padding=3, bias=False)
            self.bn = nn.BatchNorm2d(64)
            self.stages = nn.ModuleList()
            channels = 64
            for filters, s, n in [([64, 64, 256], 1, 3), ([128, 128, 512], 2, 4), ([256, 256, 1024], 2, 6),
                                  ([512, 512, 2048], 2, 3)]:  # fmt: skip
                blocks = [ConvolutionalBlock(channels, 3, filters, s)]
                blocks += [IdentityBlock(3, filters) for _ in range(n - 1)]
                self.stages.append(nn.Sequential(*blocks))
                channels = filters[2]
            self.fc = nn.Linear(channels, classes)

        def forward(self, x):
            x = F.max_pool2d(F.relu(self.bn(self.conv(x))), 3, stride=2)
            for stage in self.stages:
                x = stage(x)
            return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))

    return Net()


@variant("ResNet50")
def ResNet50_from_a_table(in_channels=3, classes=6):
    def stage(channels, width, s, identities):
        filters = [width, width, 4 * width]
        return [ConvolutionalBlock(channels, 3, filters, s=s), *(IdentityBlock(3, filters) for _ in range(identities))]

    return nn.Sequential(
        nn.ZeroPad2d((3, 3, 3, 3)), nn.Conv2d(in_channels, 64, (7, 7), (2, 2), bias=False), nn.BatchNorm2d(64),
        nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        *stage(64, 64, 1, 2), *stage(256, 128, 2, 3), *stage(512, 256, 2, 5), *stage(1024, 512, 2, 2),
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(2048, classes),
    )  # fmt: skip
