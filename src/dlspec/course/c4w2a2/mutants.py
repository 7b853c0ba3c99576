"""Known mistakes in C4W2A2, each with the hint a learner who made it should read."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import mutant
from dlspec.nn.efficientnet import preprocess_input
from dlspec.nn.transfer import TransferClassifier

# --- RandomFlip ---------------------------------------------------------------------------------------------------


def _flip(images, dim=-1, coins=None):
    coins = torch.rand(images.shape[0], 1, 1, 1) if coins is None else coins
    return torch.where(coins < 0.5, images.flip(dim), images)


@mutant("RandomFlip", "Flip only while training: in eval mode (self.training is False) return the images as they are.")
class RandomFlipAlways(nn.Module):
    def forward(self, images):
        return _flip(images)


@mutant("RandomFlip", "Mirror left-right: flip the last axis (the width) of (m, n_C, n_H, n_W), not the height.")
class RandomFlipUpsideDown(nn.Module):
    def forward(self, images):
        return _flip(images, dim=-2) if self.training else images


@mutant("RandomFlip", "Toss one coin per picture (torch.rand(m, 1, 1, 1)), not one for the whole batch.")
class RandomFlipOneCoin(nn.Module):
    def forward(self, images):
        if self.training and torch.rand(1).item() < 0.5:
            return images.flip(-1)
        return images


@mutant("RandomFlip", "Mirror each picture with probability 1/2, not every one of them.")
class RandomFlipEveryPicture(nn.Module):
    def forward(self, images):
        return images.flip(-1) if self.training else images


@mutant("RandomFlip", "Toss the coins in forward: drawn once in __init__, every call mirrors the same pictures.")
class RandomFlipCoinsOnce(nn.Module):
    def __init__(self):
        super().__init__()
        self.coins = torch.rand(64, 1, 1, 1)

    def forward(self, images):
        return _flip(images, coins=self.coins[: len(images)]) if self.training else images


# --- RandomRotation -----------------------------------------------------------------------------------------------


def _rotate(images, angles):
    cos, sin, zero = torch.cos(angles), torch.sin(angles), torch.zeros_like(angles)
    theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
    return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False), align_corners=False)


class _Rotation(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, images):
        return _rotate(images, self.angles(len(images))) if self.training else images


@mutant("RandomRotation", "Rotate only while training: in eval mode (self.training is False) return the images as "
        "they are.")  # fmt: skip
class RandomRotationAlways(_Rotation):
    def forward(self, images):
        return _rotate(images, (torch.rand(len(images)) * 2 - 1) * self.factor * 2 * math.pi)


@mutant("RandomRotation", "factor is a fraction of a full turn: the largest angle is factor x 2π radians, not factor "
        "radians.")  # fmt: skip
class RandomRotationRadians(_Rotation):
    def angles(self, m):
        return (torch.rand(m) * 2 - 1) * self.factor


@mutant("RandomRotation", "A full turn is 2π radians: the largest angle is factor x 2π.")
class RandomRotationHalfTurn(_Rotation):
    def angles(self, m):
        return (torch.rand(m) * 2 - 1) * self.factor * math.pi


@mutant("RandomRotation", "Draw one angle per picture (torch.rand(m)), not one for the whole batch.")
class RandomRotationOneAngle(_Rotation):
    def angles(self, m):
        return ((torch.rand(1) * 2 - 1) * self.factor * 2 * math.pi).expand(m)


@mutant("RandomRotation", "torch.rand draws from [0, 1): turn it into [-1, 1) (times 2, minus 1) so that pictures "
        "turn both ways.")  # fmt: skip
class RandomRotationOneWay(_Rotation):
    def angles(self, m):
        return torch.rand(m) * self.factor * 2 * math.pi


@mutant("RandomRotation", "torch.cos and torch.sin take radians: factor x 360 is in degrees.")
class RandomRotationDegrees(_Rotation):
    def angles(self, m):
        return (torch.rand(m) * 2 - 1) * self.factor * 360


@mutant("RandomRotation", "A rotation matrix is [[cos, -sin], [sin, cos]]: each row has one cosine and one sine.")
class RandomRotationShear(_Rotation):
    def forward(self, images):
        if not self.training:
            return images
        a = (torch.rand(len(images)) * 2 - 1) * self.factor * 2 * math.pi
        theta = torch.stack([torch.stack([a.cos(), -a.sin(), 0 * a], 1), torch.stack([a.cos(), a.sin(), 0 * a], 1)], 1)
        return F.grid_sample(images, F.affine_grid(theta, list(images.shape), align_corners=False), align_corners=False)


# --- TransferClassifier -------------------------------------------------------------------------------------------


class _Classifier(TransferClassifier):
    """The reference with one step of forward changed by a mistake (``features``, ``pool``, ``head``)."""

    def forward(self, images):
        return self.head(self.pool(self.features(images)))

    def features(self, images):
        return self.base(preprocess_input(self.augment(images)))

    def pool(self, x):
        return x.mean(dim=(2, 3))

    def head(self, x):
        return self.classifier(self.dropout(x))


@mutant("TransferClassifier", "Freeze the base: base.requires_grad_(False), so that only the classifier trains.")
class TransferClassifierNotFrozen(_Classifier):
    def __init__(self, base, n_features, data_augmentation, p=0.2):
        super().__init__(base, n_features, data_augmentation, p)
        self.base.requires_grad_(True)


@mutant("TransferClassifier", "model.train() puts every layer in train mode, the base's BatchNorm too, which then "
        "uses each batch's statistics instead of ImageNet's: override train() to put the base back in eval "
        "mode.")  # fmt: skip
class TransferClassifierBaseTrains(_Classifier):
    def train(self, mode=True):
        return nn.Module.train(self, mode)


@mutant("TransferClassifier", "Scale the pixels to [-1, 1] with preprocess_input before the base: it was trained on "
        "pictures in that range.")  # fmt: skip
class TransferClassifierNoPreprocessing(_Classifier):
    def features(self, images):
        return self.base(self.augment(images))


@mutant("TransferClassifier", "Run data_augmentation on the images first: it is what makes the few training "
        "pictures look new at every epoch.")  # fmt: skip
class TransferClassifierNoAugmentation(_Classifier):
    def features(self, images):
        return self.base(preprocess_input(images))


@mutant("TransferClassifier", "Global average pooling takes the mean over height and width (dims 2 and 3), one "
        "number per channel.")  # fmt: skip
class TransferClassifierMaxPool(_Classifier):
    def pool(self, x):
        return x.amax(dim=(2, 3))


@mutant("TransferClassifier", "Return the score (a logit): nn.BCEWithLogitsLoss applies the sigmoid itself.")
class TransferClassifierSigmoid(_Classifier):
    def head(self, x):
        return torch.sigmoid(self.classifier(self.dropout(x)))


@mutant("TransferClassifier", "Dropout acts on the pooled features, just before the linear layer.")
class TransferClassifierDropoutFirst(_Classifier):
    def forward(self, images):
        return self.classifier(self.pool(self.dropout(self.features(images))))


# --- fine_tuning_param_groups -------------------------------------------------------------------------------------


@mutant("TransferClassifier", "Augment the pictures as they come, pixels in [0, 1], then preprocess_input: a "
        "rotation fills the corners with 0, black before the scaling, grey after it.")  # fmt: skip
class TransferClassifierAugmentsLate(_Classifier):
    def features(self, images):
        return self.base(self.augment(preprocess_input(images)))


@mutant("TransferClassifier", "Dropout acts only while training: use nn.Dropout(p) (or F.dropout(x, p, "
        "training=self.training)); F.dropout(x, p) alone drops in eval mode too.")  # fmt: skip
class TransferClassifierDropoutInEval(_Classifier):
    def head(self, x):
        return self.classifier(F.dropout(x, self.dropout.p))


def _unfreeze(layers):
    for layer in layers:
        layer.requires_grad_(True)


def _trainable(model):
    return [p for p in model.parameters() if p.requires_grad]


@mutant("fine_tuning_param_groups", "Fine-tune with a learning rate ten times smaller than base_learning_rate: large "
        "steps would wreck the pretrained weights.")  # fmt: skip
def fine_tuning_same_rate(model, fine_tune_at, base_learning_rate):
    _unfreeze(model.base[fine_tune_at:])
    return [{"params": _trainable(model), "lr": base_learning_rate}]


@mutant("fine_tuning_param_groups", "Unfreeze only the layers from fine_tune_at on; the earlier ones stay frozen.")
def fine_tuning_whole_base(model, fine_tune_at, base_learning_rate):
    model.base.requires_grad_(True)
    return [{"params": _trainable(model), "lr": base_learning_rate / 10}]


@mutant("fine_tuning_param_groups", "Layer fine_tune_at itself is unfrozen too: the slice is "
        "model.base[fine_tune_at:].")  # fmt: skip
def fine_tuning_one_late(model, fine_tune_at, base_learning_rate):
    _unfreeze(model.base[fine_tune_at + 1 :])
    return [{"params": _trainable(model), "lr": base_learning_rate / 10}]


@mutant("fine_tuning_param_groups", "The classifier keeps training while the base is fine-tuned: the group holds "
        "every trainable parameter of the model, not only the base's.")  # fmt: skip
def fine_tuning_no_classifier(model, fine_tune_at, base_learning_rate):
    _unfreeze(model.base[fine_tune_at:])
    return [{"params": _trainable(model.base), "lr": base_learning_rate / 10}]


@mutant("fine_tuning_param_groups", "Layer fine_tune_at - 1 stays frozen: the slice model.base[fine_tune_at:] starts "
        "at fine_tune_at itself.")  # fmt: skip
def fine_tuning_one_early(model, fine_tune_at, base_learning_rate):
    _unfreeze(model.base[max(fine_tune_at - 1, 0) :])
    return [{"params": _trainable(model), "lr": base_learning_rate / 10}]


@mutant("fine_tuning_param_groups", "Ten times smaller: base_learning_rate / 10, not base_learning_rate * 10.")
def fine_tuning_rate_times_ten(model, fine_tune_at, base_learning_rate):
    _unfreeze(model.base[fine_tune_at:])
    return [{"params": _trainable(model), "lr": base_learning_rate * 10}]


@mutant("fine_tuning_param_groups", "Unfreeze the top of the base, model.base[fine_tune_at:]; the layers before "
        "fine_tune_at hold the general features and stay frozen.")  # fmt: skip
def fine_tuning_bottom(model, fine_tune_at, base_learning_rate):
    _unfreeze(model.base[:fine_tune_at])
    return [{"params": _trainable(model), "lr": base_learning_rate / 10}]


@mutant("fine_tuning_param_groups", "Return a list of parameter groups: [{\"params\": the trainable parameters, "
        "\"lr\": base_learning_rate / 10}], so that the optimiser gets the learning rate with them.")  # fmt: skip
def fine_tuning_bare_parameters(model, fine_tune_at, base_learning_rate):
    _unfreeze(model.base[fine_tune_at:])
    return _trainable(model)
