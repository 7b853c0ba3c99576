"""C4W2A2, transfer learning in PyTorch, as learners write it."""

import math

import torch
import torch.nn.functional as F
from torch import nn

from . import correct, mistake

# The notebook's preprocess_input is used by name.
# ruff: noqa: F821

# --- RandomFlip -------------------------------------------------------------------------------------------------


@correct("RandomFlip")
class FlipMaskedAssignment(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        out = images.clone()
        coins = torch.rand(images.shape[0]) < 0.5
        out[coins] = torch.flip(images[coins], dims=[3])
        return out


@correct("RandomFlip")
class FlipBernoulliBlend(nn.Module):
    def forward(self, images):
        if self.training:
            coin = torch.bernoulli(torch.full((images.size(0), 1, 1, 1), 0.5))
            return coin * images.flip(-1) + (1 - coin) * images
        return images


@mistake("RandomFlip")
class FlipOneCoinPerBatch(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        return images.flip(-1) if torch.rand(1).item() < 0.5 else images


@mistake("RandomFlip")
class FlipUpsideDown(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        flip = torch.rand(images.shape[0], 1, 1, 1) < 0.5
        return torch.where(flip, images.flip(2), images)


@mistake("RandomFlip")
class FlipAlsoInEval(nn.Module):
    def forward(self, images):
        flip = torch.rand(images.shape[0], 1, 1, 1) < 0.5
        return torch.where(flip, images.flip(-1), images)


@mistake("RandomFlip")
class FlipAlways(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        return torch.flip(images, dims=(3,))


@mistake("RandomFlip")
class FlipCoinsOverColumns(nn.Module):
    def forward(self, images):
        if not self.training:
            return images
        flip = torch.rand(1, 1, 1, images.shape[3]) < 0.5
        return torch.where(flip, images.flip(-1), images)


# --- RandomRotation ---------------------------------------------------------------------------------------------


@correct("RandomRotation")
class RotationThetaFilledIn(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        m = images.shape[0]
        limit = math.radians(self.factor * 360)
        a = torch.empty(m).uniform_(-limit, limit)
        theta = torch.zeros(m, 2, 3)
        theta[:, 0, 0], theta[:, 0, 1] = torch.cos(a), -torch.sin(a)
        theta[:, 1, 0], theta[:, 1, 1] = torch.sin(a), torch.cos(a)
        grid = F.affine_grid(theta, images.size(), align_corners=False)
        return F.grid_sample(images, grid, align_corners=False)


@correct("RandomRotation")
class RotationOtherWayNearest(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        degrees = (2 * torch.rand(len(images)) - 1) * self.factor * 360
        a = torch.deg2rad(degrees)
        rows = [torch.stack([torch.cos(a), torch.sin(a), torch.zeros_like(a)], 1),
                torch.stack([-torch.sin(a), torch.cos(a), torch.zeros_like(a)], 1)]
        grid = F.affine_grid(torch.stack(rows, 1), list(images.shape), align_corners=True)
        return F.grid_sample(images, grid, mode="nearest", align_corners=True)


@mistake("RandomRotation")
class RotationHalfTheRange(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        a = (torch.rand(images.shape[0]) * 2 - 1) * self.factor * math.pi
        cos, sin, zero = torch.cos(a), torch.sin(a), torch.zeros_like(a)
        theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
        return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False),
                             align_corners=False)


@mistake("RandomRotation")
class RotationDegreesIntoCosine(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        a = (torch.rand(images.shape[0]) * 2 - 1) * self.factor * 360
        cos, sin, zero = torch.cos(a), torch.sin(a), torch.zeros_like(a)
        theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
        return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False),
                             align_corners=False)


@mistake("RandomRotation")
class RotationOneAnglePerBatch(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        a = ((torch.rand(1) * 2 - 1) * self.factor * 2 * math.pi).expand(images.shape[0])
        cos, sin, zero = torch.cos(a), torch.sin(a), torch.zeros_like(a)
        theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
        return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False),
                             align_corners=False)


@mistake("RandomRotation")
class RotationCounterClockwiseOnly(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        a = torch.rand(images.shape[0]) * self.factor * 2 * math.pi
        cos, sin, zero = torch.cos(a), torch.sin(a), torch.zeros_like(a)
        theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
        return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False),
                             align_corners=False)


@mistake("RandomRotation")
class RotationShiftColumnOnes(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        if not self.training:
            return images
        a = (torch.rand(images.shape[0]) * 2 - 1) * self.factor * 2 * math.pi
        cos, sin, one = torch.cos(a), torch.sin(a), torch.ones_like(a)
        theta = torch.stack([torch.stack([cos, -sin, one], 1), torch.stack([sin, cos, one], 1)], 1)
        return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False),
                             align_corners=False)


@mistake("RandomRotation")
class RotationAlsoInEval(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        a = (torch.rand(images.shape[0]) * 2 - 1) * self.factor * 2 * math.pi
        cos, sin, zero = torch.cos(a), torch.sin(a), torch.zeros_like(a)
        theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
        return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False),
                             align_corners=False)


# --- TransferClassifier -----------------------------------------------------------------------------------------


@correct("TransferClassifier")
class ClassifierEvalInForward(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.data_augmentation = data_augmentation
        self.base = base
        for param in self.base.parameters():
            param.requires_grad = False
        self.p = p
        self.fc = nn.Linear(n_features, 1)

    def forward(self, images):
        self.base.eval()
        x = preprocess_input(self.data_augmentation(images))
        x = F.adaptive_avg_pool2d(self.base(x), 1).flatten(1)
        return self.fc(F.dropout(x, self.p, training=self.training))


@correct("TransferClassifier")
class ClassifierHeadSequential(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment = data_augmentation
        self.base = base.requires_grad_(False)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Dropout(p=p), nn.Linear(n_features, 1))

    def train(self, mode=True):
        super().train(mode)
        self.base.train(False)
        return self

    def forward(self, images):
        return self.head(self.base(preprocess_input(self.augment(images))))


@mistake("TransferClassifier")
class ClassifierBaseTrainsItsBatchNorm(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment = data_augmentation
        self.base = base
        self.base.requires_grad_(False)
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(n_features, 1)

    def forward(self, images):
        features = self.base(preprocess_input(self.augment(images)))
        return self.classifier(self.dropout(features.mean(dim=(2, 3))))


@mistake("TransferClassifier")
class ClassifierBaseNotFrozen(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment = data_augmentation
        self.base = base
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        features = self.base(preprocess_input(self.augment(images)))
        return self.classifier(self.dropout(features.mean(dim=(2, 3))))


@mistake("TransferClassifier")
class ClassifierMaxPooling(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment = data_augmentation
        self.base = base
        self.base.requires_grad_(False)
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        features = self.base(preprocess_input(self.augment(images)))
        return self.classifier(self.dropout(features.amax(dim=(2, 3))))


@mistake("TransferClassifier")
class ClassifierWithoutPreprocessing(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment = data_augmentation
        self.base = base
        self.base.requires_grad_(False)
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        features = self.base(self.augment(images))
        return self.classifier(self.dropout(features.mean(dim=(2, 3))))


@mistake("TransferClassifier")
class ClassifierAugmentsAfterPreprocessing(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment = data_augmentation
        self.base = base
        self.base.requires_grad_(False)
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        features = self.base(self.augment(preprocess_input(images)))
        return self.classifier(self.dropout(features.mean(dim=(2, 3))))


@mistake("TransferClassifier")
class ClassifierSigmoidOutput(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment = data_augmentation
        self.base = base
        self.base.requires_grad_(False)
        self.dropout = nn.Dropout(p)
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        features = self.base(preprocess_input(self.augment(images)))
        return torch.sigmoid(self.classifier(self.dropout(features.mean(dim=(2, 3)))))


@mistake("TransferClassifier")
class ClassifierDropoutAlways(nn.Module):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__()
        self.augment = data_augmentation
        self.base = base
        self.base.requires_grad_(False)
        self.p = p
        self.classifier = nn.Linear(n_features, 1)

    def train(self, mode=True):
        super().train(mode)
        self.base.eval()
        return self

    def forward(self, images):
        features = self.base(preprocess_input(self.augment(images)))
        return self.classifier(F.dropout(features.mean(dim=(2, 3)), self.p))


# --- fine_tuning_param_groups -----------------------------------------------------------------------------------


@correct("fine_tuning_param_groups")
def groups_with_filter(model, fine_tune_at, base_learning_rate):
    for p in model.base[fine_tune_at:].parameters():
        p.requires_grad = True
    return [{"params": filter(lambda p: p.requires_grad, model.parameters()), "lr": 0.1 * base_learning_rate}]


@correct("fine_tuning_param_groups")
def groups_by_index(model, fine_tune_at, base_learning_rate):
    for i, layer in enumerate(model.base):
        if i >= fine_tune_at:
            for p in layer.parameters():
                p.requires_grad_(True)
    params = [p for _, p in model.named_parameters() if p.requires_grad]
    return [dict(params=params, lr=base_learning_rate / 10)]


@mistake("fine_tuning_param_groups")
def groups_full_learning_rate(model, fine_tune_at, base_learning_rate):
    for layer in model.base[fine_tune_at:]:
        layer.requires_grad_(True)
    return [{"params": [p for p in model.parameters() if p.requires_grad], "lr": base_learning_rate}]


@mistake("fine_tuning_param_groups")
def groups_unfreezes_the_bottom(model, fine_tune_at, base_learning_rate):
    for layer in model.base[:fine_tune_at]:
        layer.requires_grad_(True)
    return [{"params": [p for p in model.parameters() if p.requires_grad], "lr": base_learning_rate / 10}]


@mistake("fine_tuning_param_groups")
def groups_without_the_classifier(model, fine_tune_at, base_learning_rate):
    for layer in model.base[fine_tune_at:]:
        layer.requires_grad_(True)
    return [{"params": [p for p in model.base.parameters() if p.requires_grad], "lr": base_learning_rate / 10}]


@mistake("fine_tuning_param_groups")
def groups_one_layer_too_many(model, fine_tune_at, base_learning_rate):
    for layer in model.base[max(fine_tune_at - 1, 0):]:
        layer.requires_grad_(True)
    return [{"params": [p for p in model.parameters() if p.requires_grad], "lr": base_learning_rate / 10}]


@mistake("fine_tuning_param_groups")
def groups_rate_times_ten(model, fine_tune_at, base_learning_rate):
    for layer in model.base[fine_tune_at:]:
        layer.requires_grad_(True)
    return [{"params": [p for p in model.parameters() if p.requires_grad], "lr": base_learning_rate * 10}]


@mistake("fine_tuning_param_groups")
def groups_whole_base_unfrozen(model, fine_tune_at, base_learning_rate):
    model.base.requires_grad_(True)
    return [{"params": [p for p in model.parameters() if p.requires_grad], "lr": base_learning_rate / 10}]
