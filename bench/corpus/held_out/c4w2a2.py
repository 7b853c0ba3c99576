"""C4W2A2, second round."""

import math

import torch
import torch.nn.functional as F
from torch import nn

from .. import correct, mistake

# ruff: noqa: F821 - the notebook's preprocess_input, used by name


@correct("RandomFlip")
class FlipIndexReversed(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        reverse = torch.arange(images.shape[-1] - 1, -1, -1)
        coins = torch.randint(0, 2, (images.shape[0], 1, 1, 1)).bool()
        return torch.where(coins, images[..., reverse], images)


@mistake("RandomFlip")
class FlipProbabilityOneTenth(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        coins = torch.rand(images.shape[0], 1, 1, 1) < 0.1
        return torch.where(coins, images.flip(-1), images)


@mistake("RandomFlip")
class FlipTransposed(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        coins = torch.rand(images.shape[0], 1, 1, 1) < 0.5
        return torch.where(coins, images.transpose(-1, -2), images)


@mistake("RandomRotation")
class RotationFactorAsDegrees(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        a = torch.deg2rad((torch.rand(images.shape[0]) * 2 - 1) * self.factor * 100)
        cos, sin, zero = torch.cos(a), torch.sin(a), torch.zeros_like(a)
        theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
        return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False),
                             align_corners=False)


@correct("RandomRotation")
class RotationRotationMatrixThenPad(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        a = torch.empty(images.shape[0]).uniform_(-1, 1) * self.factor * 2 * math.pi
        rot = torch.stack([torch.stack([a.cos(), -a.sin()], -1), torch.stack([a.sin(), a.cos()], -1)], -2)
        theta = torch.cat([rot, torch.zeros(images.shape[0], 2, 1)], dim=2)
        grid = F.affine_grid(theta, images.shape, align_corners=False)
        return F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


@mistake("TransferClassifier")
class ClassifierNoDropout(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment, self.base = data_augmentation, base.requires_grad_(False)
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        return self.classifier(self.base(preprocess_input(self.augment(images))).mean(dim=(2, 3)))


@mistake("TransferClassifier")
class ClassifierFreezesOnlyWeights(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment, self.base = data_augmentation, base
        for name, param in self.base.named_parameters():
            param.requires_grad = name.endswith("bias")
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        features = self.base(preprocess_input(self.augment(images)))
        return self.classifier(self.dropout(features.mean(dim=(2, 3))))


@mistake("fine_tuning_param_groups")
def groups_forgot_to_unfreeze(model, fine_tune_at, base_learning_rate):
    return [{"params": [p for p in model.parameters() if p.requires_grad], "lr": base_learning_rate / 10}]


@correct("fine_tuning_param_groups")
def groups_two_groups_same_rate(model, fine_tune_at, base_learning_rate):
    top = model.base[fine_tune_at:]
    top.requires_grad_(True)
    lr = base_learning_rate / 10
    head = [p for name, p in model.named_parameters() if not name.startswith("base.") and p.requires_grad]
    return [{"params": list(top.parameters()), "lr": lr}, {"params": head, "lr": lr}]
