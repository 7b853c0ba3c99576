"""Correct solutions of C4W2A2 written unlike the reference: other random calls, interpolation and fill, the base
kept in eval mode by forward, parameters frozen one by one, parameter groups from a generator or split in two."""

from __future__ import annotations

import math
import random

import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import variant
from dlspec.nn.efficientnet import preprocess_input


@variant("RandomFlip")
class RandomFlipMask(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        mask = torch.bernoulli(torch.full((images.shape[0], 1, 1, 1), 0.5))
        return mask * torch.flip(images, dims=[3]) + (1 - mask) * images


@variant("RandomFlip")
class RandomFlipLoop(nn.Module):
    """Python's own coin, picture by picture."""

    def forward(self, images):
        out = images.clone()
        if self.training:
            for i in range(len(images)):
                if random.random() < 0.5:
                    out[i] = images[i].flip(-1)
        return out


@variant("RandomRotation")
class RandomRotationGrid(nn.Module):
    """The sampling grid built by hand; corners filled by reflection, as Keras fills them."""

    def __init__(self, factor):
        super().__init__()
        self.max_angle = factor * 2 * math.pi

    def forward(self, images):
        if not self.training:
            return images
        m, n = images.shape[0], images.shape[-1]
        angle = torch.empty(m, 1, 1).uniform_(-self.max_angle, self.max_angle)
        ys, xs = torch.meshgrid(torch.linspace(-1, 1, n), torch.linspace(-1, 1, n), indexing="ij")
        x = torch.cos(angle) * xs - torch.sin(angle) * ys
        y = torch.sin(angle) * xs + torch.cos(angle) * ys
        grid = torch.stack([x, y], dim=-1)
        return F.grid_sample(images, grid, padding_mode="reflection", align_corners=True)


@variant("RandomRotation")
class RandomRotationDegrees(nn.Module):
    """Angles drawn in degrees, the other way round, and the nearest pixel taken."""

    def __init__(self, factor):
        super().__init__()
        self.degrees = 360 * factor

    def forward(self, images):
        if not self.training:
            return images
        angle = torch.deg2rad((torch.rand(len(images)) - 0.5) * 2 * self.degrees)
        cos, sin, zero = angle.cos(), angle.sin(), 0 * angle
        theta = torch.stack([torch.stack([cos, sin, zero], 1), torch.stack([-sin, cos, zero], 1)], 1)
        grid = F.affine_grid(theta, images.size(), align_corners=False)
        return F.grid_sample(images, grid, mode="nearest", align_corners=False)


@variant("TransferClassifier")
class TransferClassifierEvalInForward(nn.Module):
    """The classifier registered first, the base put in eval mode by every forward call."""

    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.fc = nn.Linear(n_features, 1)
        self.p = p
        self.features = base
        for param in base.parameters():
            param.requires_grad = False
        self.augmentation = data_augmentation

    def forward(self, images):
        self.features.eval()
        x = self.features(preprocess_input(self.augmentation(images)))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(F.dropout(x, self.p, training=self.training))


@variant("TransferClassifier")
class TransferClassifierHead(nn.Module):
    """The base put in eval mode once, and train() that leaves it alone."""

    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment, self.base = data_augmentation, base.requires_grad_(False).eval()
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(p), nn.Linear(n_features, 1))

    def train(self, mode=True):
        for module in (self.augment, self.head):
            module.train(mode)
        self.training = mode
        return self

    def forward(self, images):
        return self.head(self.base((self.augment(images) - 0.5) / 0.5))


@variant("fine_tuning_param_groups")
def fine_tuning_enumerate(model, fine_tune_at, base_learning_rate):
    for i, layer in enumerate(model.base):
        if i >= fine_tune_at:
            for p in layer.parameters():
                p.requires_grad = True
    return [dict(params=filter(lambda p: p.requires_grad, model.parameters()), lr=0.1 * base_learning_rate)]


@variant("fine_tuning_param_groups")
def fine_tuning_two_groups(model, fine_tune_at, base_learning_rate):
    """The unfrozen layers and the classifier in groups of their own, at the same rate."""
    top = nn.ModuleList(list(model.base.children())[fine_tune_at:]).requires_grad_(True)
    rate = base_learning_rate / 10
    return ({"params": list(top.parameters()), "lr": rate}, {"params": list(model.classifier.parameters()), "lr": rate})
