"""Transfer learning's references: random layers only in train mode, a frozen base that stays in eval mode, and the
fine-tuning parameter groups. (The course's checks prove them further, on pictures of blobs and a stand-in base.)"""

import torch
from torch import nn

from dlspec.nn.efficientnet import efficientnet_lite
from dlspec.nn.transfer import RandomFlip, RandomRotation, TransferClassifier, fine_tuning_param_groups

SMALL = [(1, 3, 1, 8, 1), (6, 3, 2, 12, 1)]


def test_random_layers_change_pictures_in_train_mode_only():
    x = torch.rand(16, 3, 9, 9)
    for layer in (RandomFlip(), RandomRotation(0.2)):
        assert torch.equal(layer.eval()(x), x)
        assert not torch.equal(layer.train()(x), x)


def test_a_quarter_turn_takes_the_pixel_right_of_the_centre_to_the_top(monkeypatch):
    x = torch.zeros(1, 1, 5, 5)
    x[0, 0, 2, 4] = 1.0
    monkeypatch.setattr(torch, "rand", lambda *shape: torch.ones(*shape))  # the largest angle: 0.25 turn, 90°
    out = RandomRotation(0.25).train()(x)[0, 0]
    assert out[0, 2] == 1.0 and out.sum() == 1.0


def test_the_frozen_base_stays_in_eval_mode_and_only_the_classifier_trains():
    model = TransferClassifier(efficientnet_lite(SMALL, stem=8, head=16), 16, nn.Identity()).train()
    assert model.training and model.dropout.training and not any(m.training for m in model.base.modules())
    assert [p.shape for p in model.parameters() if p.requires_grad] == [(1, 16), (1,)]
    assert model(torch.rand(3, 3, 16, 16)).shape == (3, 1)


def test_fine_tuning_unfreezes_the_top_layers_and_steps_ten_times_smaller():
    model = TransferClassifier(efficientnet_lite(SMALL, stem=8, head=16), 16, nn.Identity())
    [group] = fine_tuning_param_groups(model, 2, 1e-3)
    assert group["lr"] == 1e-4
    assert all(p.requires_grad for p in model.base[2:].parameters())
    assert not any(p.requires_grad for p in model.base[:2].parameters())
    held = {id(p) for p in group["params"]}
    assert {id(p) for p in model.classifier.parameters()} <= held
