"""The probe of models built around layers they are given (C5W1A3): a layer held twice counts once, a new layer
per step counts again, and an output of the wrong shape is reported without a training step."""

import numpy as np
import torch
from torch import nn

from dlspec.checking.probes import COUNT, OUTPUT, STEPPED, shared_layers_report


class Twice(nn.Module):
    """The same linear layer applied twice, optionally through a copy made per application."""

    def __init__(self, layer, copies=False):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(3, 3) if copies else layer, layer])

    def forward(self, x, scale):
        for layer in self.layers:
            x = layer(x) * scale
        return x


def test_a_shared_layer_counts_once_and_a_new_one_again():
    torch.manual_seed(0)
    layer = nn.Linear(3, 3)
    x, scale = np.ones((2, 3)), np.full((2, 1), 2.0)
    with torch.no_grad():
        expected = layer(layer(torch.ones(2, 3)) * 2) * 2  # before the probe's step changes the layer
    shared = shared_layers_report(Twice(layer), [x, scale], target=np.zeros((2, 3)))
    assert shared[COUNT] == 12
    assert shared_layers_report(Twice(layer, copies=True), [x, scale])[COUNT] == 24
    np.testing.assert_allclose(shared[OUTPUT], expected.numpy(), rtol=1e-6)
    assert not np.allclose(shared[STEPPED], shared[OUTPUT])  # the step changed the shared layer


def test_an_output_of_another_shape_takes_no_step():
    report = shared_layers_report(Twice(nn.Linear(3, 3)), [np.ones((2, 3)), np.ones((2, 1))], np.zeros((3, 2)))
    assert report[OUTPUT].shape == (2, 3) and report[STEPPED] is None
