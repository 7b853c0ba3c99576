"""U-Net (Course 4 week 3): semantic segmentation, a class for every pixel, in PyTorch with images as
``(m, n_C, n_H, n_W)`` (NCHW).

The architecture is the original course's (Ronneberger et al.'s U-Net with "same" padding): four contracting
blocks halve the height and width and double the channels, a fifth widens without pooling, and four expanding
blocks each double the size back with a transposed convolution and concatenate the contracting block's output of
the same size (its *skip connection*) before two more convolutions. The network returns class scores per pixel
(logits, ``(m, n_classes, n_H, n_W)``); the loss applies the softmax.

Concatenation is along the channels (``dim=1``), the upsampled maps first and the skip connection second, as the
original's ``concatenate([up, contractive_input], axis=3)`` did in its channels-last layout. The height and width
of the input must be multiples of 16.
"""

from __future__ import annotations

import torch
from torch import nn


class ConvBlock(nn.Module):
    """A contracting block: two 3x3 convolutions ("same" padding), each followed by a ReLU, then dropout if
    ``dropout_prob > 0``, then a 2x2 max pool if ``max_pooling``. ``forward`` returns ``(next_layer,
    skip_connection)``: the pooled maps for the next block, and the maps before pooling for the expanding path."""

    def __init__(self, in_channels, n_filters=32, dropout_prob=0.0, max_pooling=True):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, n_filters, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(n_filters, n_filters, kernel_size=3, padding=1)
        for conv in (self.conv1, self.conv2):  # He initialisation, as the original's he_normal
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
        self.dropout = nn.Dropout(dropout_prob) if dropout_prob > 0 else None
        self.pool = nn.MaxPool2d(2) if max_pooling else None

    def forward(self, inputs):
        """(next_layer, skip_connection) for inputs of shape (m, in_channels, n_H, n_W)."""
        conv = torch.relu(self.conv1(inputs))
        conv = torch.relu(self.conv2(conv))
        if self.dropout is not None:
            conv = self.dropout(conv)
        next_layer = self.pool(conv) if self.pool is not None else conv
        return next_layer, conv


class UpsamplingBlock(nn.Module):
    """An expanding block: a 3x3 transposed convolution of stride 2 doubles the height and width of
    ``expansive_input`` (no activation), the result is concatenated with ``contractive_input`` along the channels,
    then two 3x3 convolutions ("same" padding), each followed by a ReLU."""

    def __init__(self, expansive_channels, contractive_channels, n_filters=32):
        super().__init__()
        self.up = nn.ConvTranspose2d(expansive_channels, n_filters, kernel_size=3, stride=2, padding=1,
                                     output_padding=1)  # fmt: skip
        self.conv1 = nn.Conv2d(n_filters + contractive_channels, n_filters, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(n_filters, n_filters, kernel_size=3, padding=1)
        for conv in (self.conv1, self.conv2):
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")

    def forward(self, expansive_input, contractive_input):
        """The block's output, (m, n_filters, 2 n_H, 2 n_W), for expansive_input of (m, expansive_channels, n_H,
        n_W) and contractive_input of (m, contractive_channels, 2 n_H, 2 n_W)."""
        up = self.up(expansive_input)
        merge = torch.cat([up, contractive_input], dim=1)
        conv = torch.relu(self.conv1(merge))
        return torch.relu(self.conv2(conv))


class UNet(nn.Module):
    """The U-Net: ConvBlocks of n, 2n, 4n, 8n filters (the fourth with dropout 0.3), a fifth of 16n with dropout
    0.3 and no pooling, UpsamplingBlocks of 8n, 4n, 2n, n filters each joined to the contracting block of its size,
    a 3x3 convolution of n filters with a ReLU, and a 1x1 convolution to ``n_classes`` scores per pixel."""

    def __init__(self, in_channels=3, n_filters=32, n_classes=23):
        super().__init__()
        n = n_filters
        self.cblock1 = ConvBlock(in_channels, n)
        self.cblock2 = ConvBlock(n, 2 * n)
        self.cblock3 = ConvBlock(2 * n, 4 * n)
        self.cblock4 = ConvBlock(4 * n, 8 * n, dropout_prob=0.3)
        self.cblock5 = ConvBlock(8 * n, 16 * n, dropout_prob=0.3, max_pooling=False)
        self.ublock6 = UpsamplingBlock(16 * n, 8 * n, 8 * n)
        self.ublock7 = UpsamplingBlock(8 * n, 4 * n, 4 * n)
        self.ublock8 = UpsamplingBlock(4 * n, 2 * n, 2 * n)
        self.ublock9 = UpsamplingBlock(2 * n, n, n)
        self.conv9 = nn.Conv2d(n, n, kernel_size=3, padding=1)
        nn.init.kaiming_normal_(self.conv9.weight, nonlinearity="relu")
        self.conv10 = nn.Conv2d(n, n_classes, kernel_size=1)

    def forward(self, inputs):
        """Class scores (m, n_classes, n_H, n_W) for images (m, in_channels, n_H, n_W), n_H and n_W multiples
        of 16."""
        x1, skip1 = self.cblock1(inputs)
        x2, skip2 = self.cblock2(x1)
        x3, skip3 = self.cblock3(x2)
        x4, skip4 = self.cblock4(x3)
        x5, _ = self.cblock5(x4)
        x = self.ublock6(x5, skip4)
        x = self.ublock7(x, skip3)
        x = self.ublock8(x, skip2)
        x = self.ublock9(x, skip1)
        return self.conv10(torch.relu(self.conv9(x)))


def class_iou(predicted, true, n_classes):
    """Intersection over union of each class between two label maps of the same shape (any integer arrays or
    tensors): ``|predicted == k and true == k| / |predicted == k or true == k|``, a list of ``n_classes`` floats,
    NaN for a class that occurs in neither."""
    predicted, true = torch.as_tensor(predicted).flatten(), torch.as_tensor(true).flatten()
    ious = []
    for k in range(n_classes):
        p, t = predicted == k, true == k
        union = (p | t).sum().item()
        ious.append((p & t).sum().item() / union if union else float("nan"))
    return ious
