"""ResNet references: the original's shapes and parameter count, the skip joined before the last ReLU, the stride
on the first convolution, and the small ResNet of the same blocks."""

import torch
from torch import nn

from dlspec.nn.resnet import ConvolutionalBlock, IdentityBlock, ResNet50, resnet20


def test_the_identity_block_keeps_the_shape_and_adds_its_input_before_the_last_relu():
    block = IdentityBlock(3, [2, 3, 4]).eval()
    for conv in (block.conv1, block.conv2, block.conv3):
        nn.init.zeros_(conv.weight)  # the main path gives 0 (BatchNorm's shift is 0): the block is ReLU(X)
    X = torch.randn(2, 4, 5, 6)
    with torch.no_grad():
        assert torch.equal(block(X), torch.relu(X))


def test_the_convolutional_block_halves_rounding_up_and_projects_the_shortcut():
    block = ConvolutionalBlock(3, 3, [2, 4, 6], s=2)
    assert block(torch.randn(2, 3, 7, 7)).shape == (2, 6, 4, 4)
    assert block.conv1.stride == (2, 2) and block.conv2.stride == (1, 1) and block.shortcut_conv.stride == (2, 2)
    assert ConvolutionalBlock(3, 2, [2, 4, 6], s=4)(torch.randn(3, 3, 4, 4)).shape == (3, 6, 1, 1)


def test_resnet50_has_the_original_stages_and_23_5_million_weights():
    model = ResNet50().eval()
    assert sum(p.numel() for p in model.parameters()) == 23_520_326
    shapes, x = [], torch.zeros(1, 3, 64, 64)
    with torch.no_grad():
        for layer in model:
            x = layer(x)
            if isinstance(layer, ConvolutionalBlock):
                shapes.append(tuple(x.shape[1:]))
    assert shapes == [(256, 15, 15), (512, 8, 8), (1024, 4, 4), (2048, 2, 2)] and x.shape == (1, 6)
    assert not any(m.bias is not None for m in model.modules() if isinstance(m, nn.Conv2d))


def test_resnet20_is_made_of_the_blocks_it_is_given():
    model = resnet20()
    assert sum(p.numel() for p in model.parameters()) == 221_270 and model(torch.zeros(2, 3, 64, 64)).shape == (2, 6)

    class Counted(IdentityBlock):
        made = 0

        def __init__(self, f, filters):
            super().__init__(f, filters)
            Counted.made += 1

    resnet20(identity_block=Counted, classes=3)
    assert Counted.made == 3
