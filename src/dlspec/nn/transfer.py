"""Transfer learning (Course 4 week 2): data augmentation written with tensor operations, a binary classifier on a
frozen pretrained base, and the parameter groups that fine-tune the base's top layers.

Images are ``(m, n_C, n_H, n_W)`` floats with pixels in [0, 1] (NCHW). The classifier returns one score (a logit)
per image; ``nn.BCEWithLogitsLoss`` applies the sigmoid. The original course used Keras's ``RandomFlip``,
``RandomRotation`` and MobileNetV2; here the two random layers are written by hand (PyTorch has them only in
torchvision) and the base is EfficientNet-Lite0 (dlspec.nn.efficientnet), of MobileNetV2's family.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from dlspec.nn.efficientnet import preprocess_input


class RandomFlip(nn.Module):
    """Random left-right mirror, for data augmentation: in train mode each image of the batch is flipped along its
    width with probability 1/2, on its own coin toss; in eval mode the images pass unchanged."""

    def forward(self, images):
        """images (m, n_C, n_H, n_W) -> a tensor of the same shape."""
        if not self.training:
            return images
        flip = torch.rand(images.shape[0], 1, 1, 1) < 0.5
        return torch.where(flip, images.flip(-1), images)


class RandomRotation(nn.Module):
    """Random rotation, for data augmentation: in train mode each image turns about its centre by its own angle,
    drawn uniformly from [-factor * 360°, factor * 360°] (Keras's convention: factor 0.2 means up to 72° either
    way); pixels that come from outside the image are 0. In eval mode the images pass unchanged. Images are
    square."""

    def __init__(self, factor):
        """Keep the largest turn, as a fraction of a full turn."""
        super().__init__()
        self.factor = factor

    def forward(self, images):
        """images (m, n_C, n, n) -> a tensor of the same shape."""
        if not self.training:
            return images
        angles = (torch.rand(images.shape[0]) * 2 - 1) * self.factor * 2 * math.pi
        cos, sin, zero = torch.cos(angles), torch.sin(angles), torch.zeros_like(angles)
        # affine_grid maps each output pixel to where it samples the input: a rotation matrix per image
        theta = torch.stack([torch.stack([cos, -sin, zero], dim=1), torch.stack([sin, cos, zero], dim=1)], dim=1)
        grid = F.affine_grid(theta, list(images.shape), align_corners=False)
        return F.grid_sample(images, grid, align_corners=False)


class TransferClassifier(nn.Module):
    """A binary classifier on a frozen pretrained base.

    forward: data_augmentation (random only in train mode) -> preprocess_input (pixels to [-1, 1]) -> base ->
    global average pooling over height and width -> dropout with probability p -> Linear(n_features, 1), a score
    per image. The base (kept as self.base) is frozen: none of its parameters trains, and it stays in eval mode
    even when the classifier trains, so its BatchNorm layers keep the statistics they learnt on ImageNet.
    """

    def __init__(self, base, n_features, data_augmentation, p=0.2):
        """Register the augmentation, the frozen base, dropout and the linear classifier; n_features is the number
        of channels the base outputs."""
        super().__init__()
        self.augment = data_augmentation
        self.base = base
        self.base.requires_grad_(False)
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        """Set train (or eval) mode everywhere but in the base, which stays in eval mode."""
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        """images (m, 3, n_H, n_W) with pixels in [0, 1] -> scores (m, 1)."""
        features = self.base(preprocess_input(self.augment(images)))
        pooled = features.mean(dim=(2, 3))
        return self.classifier(self.dropout(pooled))


def fine_tuning_param_groups(model, fine_tune_at, base_learning_rate):
    """Prepare a TransferClassifier for fine-tuning: unfreeze the layers model.base[fine_tune_at:] (model.base is an
    nn.Sequential; the layers before fine_tune_at stay frozen) and return the parameter groups for the optimiser:
    one group, a dict of every trainable parameter of the model (the classifier's included) under "params" and a
    learning rate ten times smaller than base_learning_rate under "lr"."""
    for layer in model.base[fine_tune_at:]:
        layer.requires_grad_(True)
    trainable = [p for p in model.parameters() if p.requires_grad]
    return [{"params": trainable, "lr": base_learning_rate / 10}]
