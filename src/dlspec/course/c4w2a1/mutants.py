"""Known mistakes in C4W2A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import torch
from torch import nn

from dlspec.checking.spec import mutant
from dlspec.nn.resnet import ConvolutionalBlock, IdentityBlock, ResNet50


def _main_path(in_channels, f, filters, s=1, bias=False, kernels=(1, 1), padding="same"):
    """conv1, bn1, conv2, bn2, conv3, bn3 of a block, with one thing changed as a mistake asks: the biases, the
    first and last kernel sizes, the middle convolution's padding."""
    (F1, F2, F3), (k1, k3) = filters, kernels
    return [
        nn.Conv2d(in_channels, F1, k1, stride=s, padding="same" if k1 > 1 else 0, bias=bias), nn.BatchNorm2d(F1),
        nn.Conv2d(F1, F2, f, padding=padding, bias=bias), nn.BatchNorm2d(F2),
        nn.Conv2d(F2, F3, k3, padding="same" if k3 > 1 else 0, bias=bias), nn.BatchNorm2d(F3),
    ]  # fmt: skip


class _Block(nn.Module):
    """A block whose forward a mistake rewrites; ``shortcut`` is the module the input goes through, if any."""

    def __init__(self, layers, shortcut=None):
        super().__init__()
        self.conv1, self.bn1, self.conv2, self.bn2, self.conv3, self.bn3 = layers
        self.shortcut = shortcut

    def main(self, x, last_relu=False):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(self.bn2(self.conv2(x)))
        x = self.bn3(self.conv3(x))
        return torch.relu(x) if last_relu else x

    def skip(self, x):
        return x if self.shortcut is None else self.shortcut(x)

    def forward(self, x):
        return torch.relu(self.main(x) + self.skip(x))


# --- IdentityBlock ------------------------------------------------------------------------------------------------


@mutant("IdentityBlock", "Add the shortcut before the last ReLU, then apply the ReLU to the sum: relu(main + X).")
class IdentityBlockSkipAfterRelu(_Block):
    def __init__(self, f, filters):
        super().__init__(_main_path(filters[2], f, filters))

    def forward(self, x):
        return self.main(x, last_relu=True) + x


@mutant("IdentityBlock", "The block ends with a ReLU, applied after the shortcut is added.")
class IdentityBlockNoLastRelu(_Block):
    def __init__(self, f, filters):
        super().__init__(_main_path(filters[2], f, filters))

    def forward(self, x):
        return self.main(x) + x


@mutant("IdentityBlock", "No ReLU after the third BatchNorm: the main path ends linear, and one ReLU follows the sum.")
class IdentityBlockReluTwice(_Block):
    def __init__(self, f, filters):
        super().__init__(_main_path(filters[2], f, filters))

    def forward(self, x):
        return torch.relu(self.main(x, last_relu=True) + x)


@mutant("IdentityBlock", "padding=f // 2 keeps the size only for an odd f: padding=\"same\" keeps it for any f.")
class IdentityBlockHalfPadding(_Block):
    def __init__(self, f, filters):
        super().__init__(_main_path(filters[2], f, filters, padding=f // 2))


@mutant("IdentityBlock", "A convolution followed by BatchNorm needs no bias (BatchNorm subtracts the mean, which "
        "cancels it): pass bias=False.")  # fmt: skip
class IdentityBlockBias(_Block):
    def __init__(self, f, filters):
        super().__init__(_main_path(filters[2], f, filters, bias=True))


@mutant("IdentityBlock", "Only the middle convolution is f x f; the first and the last are 1x1.")
class IdentityBlockAllKernelsF(_Block):
    def __init__(self, f, filters):
        super().__init__(_main_path(filters[2], f, filters, kernels=(f, f)))


@mutant("IdentityBlock", "The shortcut is the block's input X itself, kept before the first convolution; added to "
        "the main path's end, then the ReLU.")  # fmt: skip
class IdentityBlockShortcutTooLate(_Block):
    def __init__(self, f, filters):
        super().__init__(_main_path(filters[2], f, filters))

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        shortcut = x
        x = self.bn3(self.conv3(torch.relu(self.bn2(self.conv2(x)))))
        return torch.relu(x + shortcut) if x.shape == shortcut.shape else torch.relu(x)


# --- ConvolutionalBlock -------------------------------------------------------------------------------------------


@mutant("ConvolutionalBlock", "The shortcut is a 1x1 convolution followed by its own BatchNorm.")
def ConvolutionalBlockShortcutNoBatchNorm(in_channels, f, filters, s=2):
    return _Block(_main_path(in_channels, f, filters, s), nn.Conv2d(in_channels, filters[2], 1, stride=s, bias=False))


@mutant("ConvolutionalBlock", "The shortcut must bring X to the output's shape: a 1x1 convolution to F3 channels "
        "with stride s, then BatchNorm.")  # fmt: skip
def ConvolutionalBlockIdentityShortcut(in_channels, f, filters, s=2):
    return _Block(_main_path(in_channels, f, filters, s))


@mutant("ConvolutionalBlock", "The stride goes on the first 1x1 convolution of the main path (as in the original "
        "ResNet-50), not on the f x f one.")  # fmt: skip
def ConvolutionalBlockStrideInTheMiddle(in_channels, f, filters, s=2):
    layers = _main_path(in_channels, f, filters)
    layers[2] = nn.Conv2d(filters[0], filters[1], f, stride=s, padding=f // 2, bias=False)
    shortcut = nn.Sequential(nn.Conv2d(in_channels, filters[2], 1, stride=s, bias=False), nn.BatchNorm2d(filters[2]))
    return _Block(layers, shortcut)


@mutant("ConvolutionalBlock", "The shortcut must shrink the picture as much as the main path: give its 1x1 "
        "convolution the stride s too.")  # fmt: skip
def ConvolutionalBlockShortcutStride1(in_channels, f, filters, s=2):
    shortcut = nn.Sequential(nn.Conv2d(in_channels, filters[2], 1, bias=False), nn.BatchNorm2d(filters[2]))
    return _Block(_main_path(in_channels, f, filters, s), shortcut)


@mutant("ConvolutionalBlock", "Add the shortcut before the last ReLU, then apply the ReLU to the sum.")
class ConvolutionalBlockSkipAfterRelu(_Block):
    def __init__(self, in_channels, f, filters, s=2):
        shortcut = nn.Sequential(nn.Conv2d(in_channels, filters[2], 1, stride=s, bias=False),
                                 nn.BatchNorm2d(filters[2]))  # fmt: skip
        super().__init__(_main_path(in_channels, f, filters, s), shortcut)

    def forward(self, x):
        return self.main(x, last_relu=True) + self.skip(x)


@mutant("ConvolutionalBlock", "The shortcut's convolution is 1x1, whatever f is.")
def ConvolutionalBlockShortcutKernelF(in_channels, f, filters, s=2):
    conv = nn.Conv2d(in_channels, filters[2], f, stride=s, padding=f // 2, bias=False)
    return _Block(_main_path(in_channels, f, filters, s), nn.Sequential(conv, nn.BatchNorm2d(filters[2])))


def _shortcut(in_channels, F3, s):
    return nn.Sequential(nn.Conv2d(in_channels, F3, 1, stride=s, bias=False), nn.BatchNorm2d(F3))


@mutant("ConvolutionalBlock", "The stride goes on the first 1x1 convolution of the main path (as in the original "
        "ResNet-50), not on the f x f one.")  # fmt: skip
def ConvolutionalBlockStrideInTheMiddleEvenPadding(in_channels, f, filters, s=2):
    layers = _main_path(in_channels, f, filters)
    layers[2] = nn.Conv2d(filters[0], filters[1], f, stride=s, padding=(f - 1) // 2, bias=False)
    return _Block(layers, _shortcut(in_channels, filters[2], s))


@mutant("ConvolutionalBlock", "The shortcut is a 1x1 convolution and its BatchNorm, no ReLU: the block's one ReLU "
        "comes after the sum.")  # fmt: skip
class ConvolutionalBlockReluOnShortcut(_Block):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__(_main_path(in_channels, f, filters, s), _shortcut(in_channels, filters[2], s))

    def forward(self, x):
        return torch.relu(self.main(x) + torch.relu(self.skip(x)))


@mutant("ConvolutionalBlock", "The shortcut's convolution is 1x1, whatever f is.")
def ConvolutionalBlockShortcutKernelFEvenPadding(in_channels, f, filters, s=2):
    conv = nn.Conv2d(in_channels, filters[2], f, stride=s, padding=(f - 1) // 2, bias=False)
    return _Block(_main_path(in_channels, f, filters, s), nn.Sequential(conv, nn.BatchNorm2d(filters[2])))


@mutant("ConvolutionalBlock", "Normalise the main path before the sum: bn3(conv3(...)) + shortcut, then the ReLU; "
        "BatchNorm after the sum normalises the shortcut again.")  # fmt: skip
class ConvolutionalBlockBatchNormAfterSum(_Block):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__(_main_path(in_channels, f, filters, s), _shortcut(in_channels, filters[2], s))

    def forward(self, x):
        y = torch.relu(self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x))))))
        return torch.relu(self.bn3(self.conv3(y) + self.skip(x)))


# --- ResNet50 -----------------------------------------------------------------------------------------------------


def _resnet(in_channels=3, classes=6, stem=None, stages=None, head=None):
    """ResNet-50 with one part replaced: the stem's layers, the (filters, s, identity blocks) of the stages, or
    the layers after the last stage."""
    layers = stem or [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64),
                      nn.ReLU(), nn.MaxPool2d(3, stride=2)]  # fmt: skip
    channels = 64
    for filters, s, identities in stages or [([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3),
                                             ([256, 256, 1024], 2, 5), ([512, 512, 2048], 2, 2)]:  # fmt: skip
        layers.append(ConvolutionalBlock(channels, 3, filters, s=s))
        layers += [IdentityBlock(3, filters) for _ in range(identities)]
        channels = filters[2]
    return nn.Sequential(*layers, *(head or [nn.AvgPool2d(2), nn.Flatten(), nn.Linear(channels, classes)]))


@mutant("ResNet50", "After the stem's ReLU comes a 3x3 max pool with stride 2: without it every stage works on "
        "maps twice as large.")  # fmt: skip
def ResNet50NoMaxPool(in_channels=3, classes=6):
    stem = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64), nn.ReLU()]
    return _resnet(in_channels, classes, stem=stem)


@mutant("ResNet50", "Stage 2's convolutional block has s=1: the max pool has already halved the maps.")
def ResNet50Stage2Stride2(in_channels=3, classes=6):
    return _resnet(in_channels, classes, stages=[([64, 64, 256], 2, 2), ([128, 128, 512], 2, 3),
                                                 ([256, 256, 1024], 2, 5), ([512, 512, 2048], 2, 2)])  # fmt: skip


@mutant("ResNet50", "Count the identity blocks after each convolutional block: 2, 3, 5 and 2 in stages 2 to 5.")
def ResNet50FewerBlocks(in_channels=3, classes=6):
    return _resnet(in_channels, classes, stages=[([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3),
                                                 ([256, 256, 1024], 2, 3), ([512, 512, 2048], 2, 2)])  # fmt: skip


@mutant("ResNet50", "Return the class scores: nn.CrossEntropyLoss applies the softmax itself, so one here would be "
        "applied twice.")  # fmt: skip
def ResNet50Softmax(in_channels=3, classes=6):
    return nn.Sequential(ResNet50(in_channels, classes), nn.Softmax(dim=1))


@mutant("ResNet50", "The stem pads the image with 3 rows and columns of zeros (nn.ZeroPad2d(3)) before its 7x7 "
        "convolution.")  # fmt: skip
def ResNet50NoPadding(in_channels=3, classes=6):
    stem = [nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2)]
    return _resnet(in_channels, classes, stem=stem)


@mutant("ResNet50", "The stem's BatchNorm is followed by a ReLU.")
def ResNet50NoStemRelu(in_channels=3, classes=6):
    stem = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64),
            nn.MaxPool2d(3, stride=2)]
    return _resnet(in_channels, classes, stem=stem)


# the same mistakes where the head pools with nn.AdaptiveAvgPool2d(1): the network still runs, to another end


def _resnet_adaptive(in_channels, classes, stem=None, stages=None):
    return _resnet(in_channels, classes, stem=stem, stages=stages,
                   head=[nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2048, classes)])  # fmt: skip


@mutant("ResNet50", "After the stem's ReLU comes a 3x3 max pool with stride 2: without it every stage works on "
        "maps twice as large.")  # fmt: skip
def ResNet50NoMaxPoolAdaptive(in_channels=3, classes=6):
    stem = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64), nn.ReLU()]
    return _resnet_adaptive(in_channels, classes, stem=stem)


@mutant("ResNet50", "Stage 2's convolutional block has s=1: the max pool has already halved the maps.")
def ResNet50Stage2Stride2Adaptive(in_channels=3, classes=6):
    return _resnet_adaptive(in_channels, classes, stages=[([64, 64, 256], 2, 2), ([128, 128, 512], 2, 3),
                                                          ([256, 256, 1024], 2, 5), ([512, 512, 2048], 2, 2)])


@mutant("ResNet50", "Count the identity blocks after each convolutional block: 2, 3, 5 and 2 in stages 2 to 5.")
def ResNet50FourInStage4(in_channels=3, classes=6):
    return _resnet(in_channels, classes, stages=[([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3),
                                                 ([256, 256, 1024], 2, 4), ([512, 512, 2048], 2, 2)])  # fmt: skip
