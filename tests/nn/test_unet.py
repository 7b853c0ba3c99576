"""The U-Net's blocks and the network: the shapes at each level, the skip connection taken before pooling and
concatenated after the upsampled maps, the original's number of weights, and per-class IoU."""

import math

import pytest
import torch

from dlspec.nn.unet import ConvBlock, UNet, UpsamplingBlock, class_iou


def test_a_conv_block_pools_what_it_passes_down_and_keeps_the_skip_at_full_size():
    block = ConvBlock(3, 8).eval()
    x = torch.randn(2, 3, 96, 128)
    next_layer, skip = block(x)
    assert next_layer.shape == (2, 8, 48, 64) and skip.shape == (2, 8, 96, 128)
    assert torch.equal(next_layer, torch.nn.functional.max_pool2d(skip, 2))
    assert (skip >= 0).all()
    same, kept = ConvBlock(3, 8, max_pooling=False).eval()(x)
    assert same.shape == kept.shape == (2, 8, 96, 128)


def test_dropout_acts_in_train_mode_only():
    block = ConvBlock(2, 4, dropout_prob=0.5)
    x = torch.randn(1, 2, 8, 8)
    with torch.no_grad():
        assert torch.equal(block.eval()(x)[1], block.eval()(x)[1])
        assert (block.train()(x)[1] == 0).float().mean() > (block.eval()(x)[1] == 0).float().mean()


def test_an_upsampling_block_doubles_the_size_and_concatenates_upsampled_maps_first():
    block = UpsamplingBlock(16, 4, 8).eval()
    assert block.conv1.in_channels == 8 + 4
    expansive, contractive = torch.randn(1, 16, 6, 8), torch.randn(1, 4, 12, 16)
    with torch.no_grad():
        assert block(expansive, contractive).shape == (1, 8, 12, 16)
        block.conv1.weight[:, 8:] = 0  # the skip connection's channels come second: zero them and it no longer counts
        assert torch.allclose(block(expansive, contractive), block(expansive, torch.randn(1, 4, 12, 16)))


def test_the_unet_has_the_originals_weights_and_returns_scores_at_the_inputs_size():
    # the original's unet_model((96, 128, 3), n_filters=32, n_classes=23) had 8,640,471 parameters
    assert sum(p.numel() for p in UNet(3, 32, 23).parameters()) == 8_640_471
    with torch.no_grad():
        assert UNet(3, 4, 9).eval()(torch.randn(2, 3, 96, 128)).shape == (2, 9, 96, 128)


def test_iou_per_class():
    true = torch.tensor([[0, 0, 1, 1], [2, 2, 2, 2]])
    predicted = torch.tensor([[0, 1, 1, 1], [2, 2, 2, 0]])
    ious = class_iou(predicted, true, 4)
    assert ious[:3] == [pytest.approx(1 / 3), pytest.approx(2 / 3), pytest.approx(3 / 4)] and math.isnan(ious[3])
