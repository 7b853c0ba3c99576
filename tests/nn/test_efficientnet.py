"""EfficientNet-Lite0's layers: TensorFlow's "same" padding, inverted residual blocks, the base's shapes."""

import pytest
import torch
import torch.nn.functional as F

from dlspec.nn.efficientnet import MBConv, SameConv, efficientnet_lite, preprocess_input


@pytest.mark.parametrize(("size", "kernel", "stride", "pads"), [(8, 3, 2, (0, 1)), (7, 3, 2, (1, 1)),
                                                                (8, 5, 2, (1, 2)), (6, 3, 1, (1, 1))])  # fmt: skip
def test_same_padding_puts_the_odd_pixel_at_the_bottom_right_as_tensorflow_does(size, kernel, stride, pads):
    conv = SameConv(1, 1, kernel, stride, bias=False)
    x = torch.randn(1, 1, size, size)
    out = conv(x)
    assert out.shape[-1] == -(-size // stride)
    by_hand = F.conv2d(F.pad(x, [*pads, *pads]), conv.weight, stride=stride)
    torch.testing.assert_close(out, by_hand)


def test_a_block_adds_its_input_only_when_the_shapes_allow():
    assert MBConv(16, 16, 6, 3, 1).residual and not MBConv(16, 24, 6, 3, 1).residual
    assert not MBConv(16, 16, 6, 3, 2).residual


def test_the_base_is_18_layers_to_1280_maps_at_a_32nd_of_the_size():
    base = efficientnet_lite().eval()
    assert len(base) == 18 and sum(p.numel() for p in base.parameters()) == 3_371_008
    with torch.no_grad():
        assert base(preprocess_input(torch.rand(2, 3, 64, 64))).shape == (2, 1280, 2, 2)
    assert preprocess_input(torch.tensor([0.0, 0.5, 1.0])).tolist() == [-1.0, 0.0, 1.0]
