"""dlspec.data.train_robust: the epochs and attacks each shipped network was trained with."""

import numpy as np
import torch

from dlspec.data.train_robust import EPS, as_tensors, schedule
from dlspec.nn.adversarial import SmallCNN


def test_digits_become_floats_in_the_unit_range_with_a_channel():
    x, y = as_tensors(np.array([[[0, 255]]], dtype=np.uint8), np.array([7]))
    assert x.shape == (1, 1, 1, 2) and x.dtype == torch.float32 and x.max() == 1 and y.dtype == torch.int64


def test_each_network_has_its_epochs_and_every_attack_stays_in_the_ball():
    g = torch.Generator().manual_seed(0)
    plans = {name: schedule(name, g) for name in ("standard", "fast-fgsm", "pgd")}
    assert [len(p) for p in plans.values()] == [5, 12, 12]
    torch.manual_seed(0)
    model, x = SmallCNN(), torch.rand(4, 1, 28, 28, generator=g)
    y = torch.tensor([0, 1, 2, 3])
    assert torch.equal(plans["standard"][0](model, x, y), x)
    for attack in (plans["fast-fgsm"][0], plans["pgd"][0], plans["pgd"][-1]):
        x_adv = attack(model, x, y)
        assert (x_adv - x).abs().max() <= EPS + 1e-6 and not torch.equal(x_adv, x)
