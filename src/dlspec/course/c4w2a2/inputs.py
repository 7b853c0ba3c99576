"""The PyTorch inputs of C4W2A2's cases (checks.py names them through Case.make): made in the process that runs
the case, so that only the grading child imports PyTorch."""

from __future__ import annotations

import torch
from torch import nn

from dlspec.nn.efficientnet import efficientnet_lite
from dlspec.nn.transfer import RandomFlip, RandomRotation, TransferClassifier


def stand_in_base(head: int = 16) -> nn.Sequential:
    """A base of EfficientNet-Lite0's layers a few channels wide: stem, four blocks, head (6 layers), seeded."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        return efficientnet_lite([(1, 3, 1, 8, 1), (6, 3, 2, 12, 2), (6, 5, 2, 16, 1)], stem=8, head=head)


def transfer_classifier_inputs(head: int, augment: bool, p: float) -> tuple:
    """(base, head, data_augmentation, dropout): the stand-in base, and the lesson's augmenter or none."""
    augmenter = nn.Sequential(RandomFlip(), RandomRotation(0.2)) if augment else nn.Identity()
    return stand_in_base(head), head, augmenter, p


def param_groups_inputs(fine_tune_at: int, base_learning_rate: float) -> tuple:
    """(model, fine_tune_at, base_learning_rate): a classifier on the stand-in base, seeded."""
    with torch.random.fork_rng():
        torch.manual_seed(1)
        model = TransferClassifier(stand_in_base(), 16, nn.Identity())
    return model, fine_tune_at, base_learning_rate
