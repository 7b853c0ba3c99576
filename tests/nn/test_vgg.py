"""VGG16's trunk as dlspec builds it: the Keras layer names, the sizes after each pooling, the layers returned in
the order asked for, the two kinds of pooling, and Caffe's input (BGR, 0-255, minus the mean pixel)."""

import pytest
import torch

from dlspec.nn.vgg import LAYERS, MEAN_BGR, VGG16Trunk, layer_outputs, to_bgr_input


def test_the_thirteen_layers_have_vgg16s_names_channels_and_sizes():
    torch.manual_seed(0)
    trunk = VGG16Trunk()
    assert list(trunk.convs) == list(LAYERS) and len(LAYERS) == 13
    assert sum(p.numel() for p in trunk.parameters()) == 14_714_688  # VGG16 without its classifier
    outputs = trunk(torch.rand(1, 3, 32, 48))
    shapes = {name: tuple(a.shape[1:]) for name, a in zip(LAYERS, outputs, strict=True)}
    assert shapes["block1_conv2"] == (64, 32, 48) and shapes["block2_conv1"] == (128, 16, 24)
    assert shapes["block3_conv3"] == (256, 8, 12) and shapes["block5_conv3"] == (512, 2, 3)
    assert all((a >= 0).all() for a in outputs)  # after the ReLU


def test_layers_come_back_in_the_order_asked_for_and_unknown_ones_are_named():
    torch.manual_seed(1)
    trunk = VGG16Trunk(widths=(3, 4, 5, 6, 7))
    x = torch.rand(1, 3, 16, 16)
    deep, shallow = trunk(x, ["block4_conv1", "block1_conv1"])
    assert deep.shape[1] == 6 and shallow.shape[1] == 3
    assert torch.equal(shallow, trunk(x)[0])
    with pytest.raises(KeyError, match="block5_conv4"):
        trunk(x, ["block5_conv4"])


def test_average_pooling_gives_other_deep_activations_and_a_bad_name_is_refused():
    torch.manual_seed(2)
    max_trunk = VGG16Trunk(widths=(3, 4, 5, 6, 7))
    avg_trunk = VGG16Trunk(widths=(3, 4, 5, 6, 7), pool="avg")
    avg_trunk.load_state_dict(max_trunk.state_dict())
    x = torch.rand(1, 3, 16, 16)
    assert torch.equal(max_trunk(x, ["block1_conv2"])[0], avg_trunk(x, ["block1_conv2"])[0])
    assert not torch.allclose(max_trunk(x, ["block2_conv1"])[0], avg_trunk(x, ["block2_conv1"])[0])
    with pytest.raises(ValueError, match="pool"):
        VGG16Trunk(pool="min")


def test_the_input_is_bgr_in_0_255_minus_the_mean_pixel():
    image = torch.zeros(1, 3, 2, 2)
    image[:, 0] = 1.0  # pure red
    x = to_bgr_input(image)
    assert torch.allclose(x[0, :, 0, 0], torch.tensor([-MEAN_BGR[0], -MEAN_BGR[1], 255 - MEAN_BGR[2]]))


def test_layer_outputs_feeds_rgb_pictures_through_the_conversion():
    torch.manual_seed(3)
    trunk = VGG16Trunk(widths=(3, 4, 5, 6, 7))
    image = torch.rand(1, 3, 8, 8)
    (a,) = layer_outputs(trunk, ["block1_conv1"])(image)
    assert torch.equal(a, trunk(to_bgr_input(image), ["block1_conv1"])[0])
