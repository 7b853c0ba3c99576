"""Probes report what a model, a random layer or an optimiser does, never how it is written: seeded weights reach
each parameter by shape whatever order the layers were registered in, layer shapes do not depend on whether
pooling is a module or a function, frozen parameters are named, and random layers are reported draw by draw."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.compare import compare
from dlspec.checking.probes import (
    COUNT,
    DRAWS,
    EVAL,
    FROZEN,
    LAYERS,
    RATES,
    RUNNING,
    SHAPES,
    SHAPES_ANY,
    TRAIN,
    TRAINED,
    TRAINS,
    augmentation_report,
    module_report,
    param_groups_report,
)

X = np.random.default_rng(0).normal(size=(2, 3, 8, 8))


class Block(nn.Module):
    """A conv layer, a BatchNorm and a shortcut conv; ``shortcut_first`` registers them in another order."""

    def __init__(self, shortcut_first: bool, pool_module: bool):
        super().__init__()
        if shortcut_first:
            self.shortcut = nn.Conv2d(3, 4, 1)
        self.main, self.bn = nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4)
        if not shortcut_first:
            self.shortcut = nn.Conv2d(3, 4, 1)
        self.pool = nn.MaxPool2d(2) if pool_module else None
        self.out = nn.Linear(4 * 4 * 4, 2)

    def forward(self, x):
        y = torch.relu(self.bn(self.main(x)) + self.shortcut(x))
        y = self.pool(y) if self.pool is not None else F.max_pool2d(y, 2)
        return self.out(y.flatten(1))


def test_seeded_weights_do_not_depend_on_the_order_of_the_layers_or_how_pooling_is_written():
    one = module_report(Block(False, True), X, weights=3, layers=True)
    other = module_report(Block(True, False), X, weights=3, layers=True)
    assert compare(one, other, 1e-6, 1e-6) is None
    assert one[COUNT] == 3 * 4 * 9 + 4 + 2 * 4 + 3 * 4 + 4 + 64 * 2 + 2 and SHAPES not in one
    assert one[SHAPES_ANY] == sorted(one[SHAPES_ANY])
    assert one[LAYERS] == ["4x8x8", "2"]
    assert not np.allclose(one[EVAL], one[TRAIN])  # BatchNorm uses the batch's statistics in train mode


def test_seeded_weights_differ_between_seeds_and_are_he_scaled():
    net = nn.Linear(400, 300)
    module_report(net, np.zeros((1, 400)), weights=1)
    first = net.weight.detach().clone()
    assert abs(first.std().item() - (2 / 400) ** 0.5) < 0.002 and abs(net.bias).max() < 0.6
    module_report(net, np.zeros((1, 400)), weights=2)
    assert not torch.equal(first, net.weight)


def test_a_step_needs_weights_in_an_order():
    with pytest.raises(ValueError, match="by name or order"):
        module_report(nn.Linear(2, 1), np.zeros((1, 2)), weights=1, target=np.zeros((1, 1)))


def test_frozen_parameters_are_reported_only_when_there_are_some():
    net = nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 1))
    assert FROZEN not in module_report(net, X)
    net[0].requires_grad_(False)
    assert module_report(net, np.zeros((1, 2)))[FROZEN] == [[3, 2], [3]]
    assert module_report(net, np.zeros((1, 2)), weights=0)[FROZEN] == [[3], [3, 2]]


def test_shapes_only_runs_no_forward_pass():
    class Broken(nn.Linear):
        def forward(self, x):
            raise AssertionError("no forward pass was due")

    assert module_report(Broken(2, 1), np.zeros((1, 2)))[SHAPES] == [[1, 2], [1]]


class TwoWays(nn.Module):
    """Two inputs in, two outputs out: a U-Net block's signature."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 2, 1)

    def forward(self, a, b):
        return self.conv(a), torch.cat([self.conv(a), b], dim=1)


def test_several_inputs_go_to_forward_in_order_and_several_outputs_come_back_as_a_tuple():
    b = np.ones((2, 1, 8, 8))
    report = module_report(TwoWays(), (X, b), weights=1)
    first, joined = report[EVAL]
    assert first.shape == (2, 2, 8, 8) and joined.shape == (2, 3, 8, 8)
    assert np.array_equal(joined[:, :2], first) and (joined[:, 2] == 1).all()
    assert isinstance(report[TRAIN], tuple)


def test_a_random_layer_is_reported_in_eval_mode_and_draw_by_draw_in_train_mode():
    class Noise(nn.Module):
        def forward(self, x):
            return x + torch.rand(x.shape[0], 1, 1, 1) if self.training else x

    torch.manual_seed(0)
    report = augmentation_report(Noise(), X, draws=3)
    assert np.allclose(report[EVAL], X, atol=1e-6)
    assert report[DRAWS].shape == (3, *X.shape)
    shifts = report[DRAWS][:, :, 0, 0, 0] - X[:, 0, 0, 0]
    assert len(np.unique(shifts.round(5))) == 6  # each draw and each image its own


def test_parameter_groups_are_reported_by_their_rates_and_what_they_will_train():
    net = nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 1))
    net[0].requires_grad_(False)
    groups = [{"params": net.parameters(), "lr": 1e-4}, {"params": net[1].bias, "lr": 0.5}]
    assert param_groups_report(groups) == {RATES: [1e-4, 0.5], TRAINED: 5, TRAINS: ["1", "1", "1x3"]}
    optimizer = torch.optim.SGD([{"params": net.parameters()}], lr=0.1)
    assert param_groups_report(optimizer) == {RATES: [0.1], TRAINED: 4, TRAINS: ["1", "1x3"]}
    with pytest.raises(TypeError, match=r"a list of parameter groups is due .*, not generator"):
        param_groups_report(net.parameters())
    with pytest.raises(ValueError, match=r"needs 'params' and 'lr'; this one has \['params'\]"):
        param_groups_report([{"params": []}])


class TwoLayers(nn.Module):
    """Conv then Linear; ``linear_first`` creates the Linear first, so its parameters are registered first."""

    def __init__(self, linear_first: bool):
        super().__init__()
        if linear_first:
            self.fc = nn.Linear(4 * 8 * 8, 2)
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        if not linear_first:
            self.fc = nn.Linear(4 * 8 * 8, 2)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).flatten(1))


def test_weights_given_in_order_reach_a_model_that_registers_its_layers_in_another():
    rng = np.random.default_rng(1)
    weights = [rng.normal(size=s) * 0.1 for s in [(4, 3, 3, 3), (4,), (2, 256), (2,)]]
    target = rng.normal(size=(2, 2))
    one = module_report(TwoLayers(False), X, weights=weights, target=target)
    other = module_report(TwoLayers(True), X, weights=weights, target=target)
    assert compare(one, other, 1e-6, 1e-6) is None  # the shapes, outputs and the step in the weights' order
    with pytest.raises(ValueError, match="check the layers' sizes"):
        module_report(TwoLayers(False), X, weights=[*weights[:2], weights[2][:, :4], weights[3]])


class TwoNorms(nn.Module):
    """A conv and a shortcut conv, each with its BatchNorm; ``reuse`` normalises the shortcut with the main one."""

    def __init__(self, reuse: bool):
        super().__init__()
        self.reuse = reuse
        self.main, self.bn = nn.Conv2d(3, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4)
        self.short, self.short_bn = nn.Conv2d(3, 4, 1, bias=False), nn.BatchNorm2d(4)

    def forward(self, x):
        return self.bn(self.main(x)) + (self.bn if self.reuse else self.short_bn)(self.short(x))


def test_a_batchnorm_used_in_place_of_another_of_its_shape_shows_in_its_running_statistics():
    right, wrong = module_report(TwoNorms(False), X, weights=5), module_report(TwoNorms(True), X, weights=5)
    assert compare(wrong[EVAL], right[EVAL], 1e-6, 1e-6) is None  # the same weights, drawn by shape
    assert compare(wrong[TRAIN], right[TRAIN], 1e-6, 1e-6) is None
    assert compare(wrong[RUNNING], right[RUNNING], 1e-6, 1e-6) is not None
    assert RUNNING not in module_report(TwoLayers(False), X, weights=5)  # no BatchNorm, no second eval pass


def test_a_model_built_without_default_weights_gets_the_same_report():
    from dlspec.checking.probes import skipped_init
    from dlspec.checking.run import call
    from dlspec.checking.spec import Call

    def model():
        return nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Linear(144, 2),
                             nn.LSTM(2, 3))  # fmt: skip

    def built(probe_kwargs):
        return call(lambda: model()[:5], Call(probe="dlspec.checking.probes:module_report", probe_kwargs=probe_kwargs))

    kaiming = nn.init.kaiming_uniform_
    seen = []
    call(lambda: seen.append(nn.init.kaiming_uniform_) or model(), Call(probe="dlspec.checking.probes:module_report",
                                                                        probe_kwargs={"x": X}))  # fmt: skip
    assert seen[0] is not kaiming  # the model was built with default initialisation skipped
    with skipped_init():
        skipped = nn.Linear(500, 500).weight
    assert nn.init.kaiming_uniform_ is kaiming  # put back
    assert not torch.equal(nn.Linear(500, 500).weight, skipped)  # drawn again outside
    for kwargs in ({"x": X, "weights": 7, "layers": True}, {"x": X}):
        with torch.random.fork_rng():
            fresh = module_report(model()[:5], **kwargs)
        assert compare(built(kwargs), fresh, 0, 0) is None
