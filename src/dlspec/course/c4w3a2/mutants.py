"""Known mistakes in C4W3A2, each with the hint a learner who made it should read."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import mutant
from dlspec.nn.unet import ConvBlock, UNet, UpsamplingBlock


class _Convs(nn.Module):
    """A ConvBlock's two 3x3 convolutions, its dropout probability and pooling, whose forward a mistake rewrites."""

    def __init__(self, in_channels, n_filters=32, dropout_prob=0.0, max_pooling=True, padding=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, n_filters, 3, padding=padding)
        self.conv2 = nn.Conv2d(n_filters, n_filters, 3, padding=padding)
        self.p, self.max_pooling = dropout_prob, max_pooling

    def convs(self, x, last_relu=True):
        x = self.conv2(torch.relu(self.conv1(x)))
        return torch.relu(x) if last_relu else x

    def dropout(self, x, always=False):
        return F.dropout(x, self.p, training=self.training or always) if self.p > 0 else x

    def pool(self, x):
        return F.max_pool2d(x, 2) if self.max_pooling else x

    def forward(self, x):
        conv = self.dropout(self.convs(x))
        return self.pool(conv), conv


# --- ConvBlock ----------------------------------------------------------------------------------------------------


@mutant("ConvBlock", "The skip connection is the block's maps *before* pooling: the expanding path joins it at "
        "the size it had, twice that of the pooled maps.")  # fmt: skip
class ConvBlockSkipAfterPooling(_Convs):
    def forward(self, x):
        pooled = self.pool(self.dropout(self.convs(x)))
        return pooled, pooled


@mutant("ConvBlock", "Each of the two convolutions is followed by a ReLU, the second one too.")
class ConvBlockNoSecondRelu(_Convs):
    def forward(self, x):
        conv = self.dropout(self.convs(x, last_relu=False))
        return self.pool(conv), conv


@mutant("ConvBlock", "When dropout_prob > 0, apply dropout with that probability after the two convolutions "
        "(nn.Dropout(dropout_prob)): in train mode it zeroes some activations.")  # fmt: skip
class ConvBlockNoDropout(_Convs):
    def forward(self, x):
        conv = self.convs(x)
        return self.pool(conv), conv


@mutant("ConvBlock", "Dropout acts only while training: use nn.Dropout (or F.dropout with training=self.training), "
        "which does nothing in eval mode.")  # fmt: skip
class ConvBlockDropoutInEval(_Convs):
    def forward(self, x):
        conv = self.dropout(self.convs(x), always=True)
        return self.pool(conv), conv


@mutant("ConvBlock", "The convolutions keep the height and width (\"same\" padding): give the 3x3 kernels "
        "padding=1.")  # fmt: skip
def ConvBlockNoPadding(in_channels, n_filters=32, dropout_prob=0.0, max_pooling=True):
    return _Convs(in_channels, n_filters, dropout_prob, max_pooling, padding=0)


@mutant("ConvBlock", "Dropout comes before the pooling, so the skip connection carries it too.")
class ConvBlockDropoutAfterPooling(_Convs):
    def forward(self, x):
        conv = self.convs(x)
        return self.dropout(self.pool(conv)), conv


# --- UpsamplingBlock ----------------------------------------------------------------------------------------------


class _Up(nn.Module):
    """An UpsamplingBlock with one thing changed as a mistake asks: the transposed convolution, the channels its
    first convolution expects, or how forward joins the two paths."""

    def __init__(self, expansive_channels, contractive_channels, n_filters=32, up=None, merged=None):
        super().__init__()
        self.up = up or nn.ConvTranspose2d(expansive_channels, n_filters, 3, stride=2, padding=1, output_padding=1)
        self.conv1 = nn.Conv2d(merged or n_filters + contractive_channels, n_filters, 3, padding=1)
        self.conv2 = nn.Conv2d(n_filters, n_filters, 3, padding=1)

    def convs(self, merge, last_relu=True):
        x = self.conv2(torch.relu(self.conv1(merge)))
        return torch.relu(x) if last_relu else x

    def forward(self, expansive_input, contractive_input):
        return self.convs(torch.cat([self.up(expansive_input), contractive_input], dim=1))


@mutant("UpsamplingBlock", "Concatenate the upsampled maps first and the skip connection second: "
        "torch.cat([up, contractive_input], dim=1); the first convolution's weights expect that order.")  # fmt: skip
class UpsamplingBlockSkipFirst(_Up):
    def forward(self, expansive_input, contractive_input):
        return self.convs(torch.cat([contractive_input, self.up(expansive_input)], dim=1))


@mutant("UpsamplingBlock", "Join along the channels: dim=1 in PyTorch's (m, n_C, n_H, n_W). The original's axis=3 "
        "was the channels of TensorFlow's (m, n_H, n_W, n_C).")  # fmt: skip
class UpsamplingBlockConcatenateOnAxis3(_Up):
    def forward(self, expansive_input, contractive_input):
        return self.convs(torch.cat([self.up(expansive_input), contractive_input], dim=3))


@mutant("UpsamplingBlock", "The transposed convolution is 3x3 with stride 2, padding=1 and output_padding=1: "
        "exactly twice the height and width.")  # fmt: skip
def UpsamplingBlockKernel2(expansive_channels, contractive_channels, n_filters=32):
    up = nn.ConvTranspose2d(expansive_channels, n_filters, 2, stride=2)
    return _Up(expansive_channels, contractive_channels, n_filters, up=up)


@mutant("UpsamplingBlock", "The transposed convolution has no activation: the ReLUs follow the two convolutions "
        "after the concatenation.")  # fmt: skip
class UpsamplingBlockReluOnUp(_Up):
    def forward(self, expansive_input, contractive_input):
        return self.convs(torch.cat([torch.relu(self.up(expansive_input)), contractive_input], dim=1))


@mutant("UpsamplingBlock", "Each of the two convolutions is followed by a ReLU, the second one too.")
class UpsamplingBlockNoSecondRelu(_Up):
    def forward(self, expansive_input, contractive_input):
        return self.convs(torch.cat([self.up(expansive_input), contractive_input], dim=1), last_relu=False)


@mutant("UpsamplingBlock", "U-Net concatenates the skip connection (its channels add up: n_filters + "
        "contractive_channels into the first convolution); it does not add it as a ResNet would.")  # fmt: skip
class UpsamplingBlockAdds(_Up):
    def __init__(self, expansive_channels, contractive_channels, n_filters=32):
        super().__init__(expansive_channels, contractive_channels, n_filters, merged=n_filters)

    def forward(self, expansive_input, contractive_input):
        return self.convs(self.up(expansive_input) + contractive_input)


# --- UNet ---------------------------------------------------------------------------------------------------------


class _UNet(nn.Module):
    """A U-Net of ``levels`` pooling blocks (the course's has four) of ``widths`` filters (doubling from
    ``n_filters`` unless given), with the last layers ``head`` after the expanding path; the dropout of the two
    deepest blocks is ``dropout``."""

    def __init__(self, in_channels=3, n_filters=32, n_classes=23, levels=4, dropout=0.3, head=None, widths=None):
        super().__init__()
        widths = widths or [n_filters * 2**k for k in range(levels + 1)]
        self.down = nn.ModuleList()
        for k, width in enumerate(widths):
            p = dropout if k >= levels - 1 else 0.0
            self.down.append(ConvBlock(widths[k - 1] if k else in_channels, width, p, max_pooling=k < levels))
        self.up = nn.ModuleList(UpsamplingBlock(widths[k + 1], widths[k], widths[k]) for k in reversed(range(levels)))
        self.head = head or nn.Sequential(nn.Conv2d(n_filters, n_filters, 3, padding=1), nn.ReLU(),
                                          nn.Conv2d(n_filters, n_classes, 1))  # fmt: skip

    def forward(self, x):
        skips = []
        for block in self.down:
            x, skip = block(x)
            skips.append(skip)
        for block, skip in zip(self.up, reversed(skips[:-1]), strict=True):
            x = block(x, skip)
        return self.head(x)


@mutant("UNet", "Four ConvBlocks that pool (n, 2n, 4n, 8n filters), a fifth of 16n that does not, and four "
        "UpsamplingBlocks back up.")  # fmt: skip
def UNetThreeLevels(in_channels=3, n_filters=32, n_classes=23):
    return _UNet(in_channels, n_filters, n_classes, levels=3)


@mutant("UNet", "The last 1x1 convolution has one output channel per class: n_classes, no more.")
def UNetOneClassTooMany(in_channels=3, n_filters=32, n_classes=23):
    return _UNet(in_channels, n_filters, n_classes + 1)


@mutant("UNet", "Return the class scores: nn.CrossEntropyLoss applies the softmax over the classes itself.")
def UNetSoftmax(in_channels=3, n_filters=32, n_classes=23):
    return nn.Sequential(UNet(in_channels, n_filters, n_classes), nn.Softmax(dim=1))


@mutant("UNet", "The fourth and fifth ConvBlocks have dropout_prob=0.3; the first three none.")
def UNetNoDropout(in_channels=3, n_filters=32, n_classes=23):
    return _UNet(in_channels, n_filters, n_classes, dropout=0.0)


@mutant("UNet", "The 3x3 convolution after the last UpsamplingBlock is followed by a ReLU, then the 1x1 one.")
def UNetNoReluBeforeScores(in_channels=3, n_filters=32, n_classes=23):
    head = nn.Sequential(nn.Conv2d(n_filters, n_filters, 3, padding=1), nn.Conv2d(n_filters, n_classes, 1))
    return _UNet(in_channels, n_filters, n_classes, head=head)


@mutant("UNet", "The filters double at each level down: n, 2n, 4n, 8n, 16n, and halve on the way up.")
def UNetSameWidth(in_channels=3, n_filters=32, n_classes=23):
    return _UNet(in_channels, n_filters, n_classes, widths=[n_filters] * 5)
