"""Trained networks as dlspec ships them: the package's ImageNet weights fill every layer of dlspec's own
EfficientNet-Lite0 base, which then tells a bag from a shoe without any training on them; the ResNet-20 trained on
SIGNS is small and reads the test pictures as the training script reported. Nothing here trains."""

import numpy as np
import torch

from dlspec.data import ASSETS
from dlspec.data.fashion import load_bags
from dlspec.data.pretrained import efficientnet_lite0_base, efficientnet_lite0_weights, resnet20_signs
from dlspec.data.signs import load_signs_dataset
from dlspec.nn.efficientnet import efficientnet_lite, preprocess_input


def test_every_layer_gets_a_weight_of_its_shape_and_the_classifier_is_left_out():
    weights = efficientnet_lite0_weights()
    state = efficientnet_lite().state_dict()
    expected = {k: tuple(v.shape) for k, v in state.items() if not k.endswith("num_batches_tracked")}
    assert {k: v.shape for k, v in weights.items()} == expected


def test_the_pretrained_features_already_separate_bags_from_other_clothes():
    """The nearest class mean of the pooled features, from 20 pictures, on 40 others: far above chance."""
    train_x, train_y, test_x, test_y = load_bags(n_train=20, n_test=40, size=64)
    base = efficientnet_lite0_base()
    assert not base.training

    def features(images):
        x = torch.tensor(images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
        with torch.no_grad():
            return base(preprocess_input(x)).mean(dim=(2, 3)).numpy()

    train_f, test_f = features(train_x), features(test_x)
    means = np.stack([train_f[train_y == k].mean(axis=0) for k in (0, 1)])
    guess = np.linalg.norm(test_f[:, None] - means[None], axis=2).argmin(axis=1)
    assert (guess == test_y).mean() >= 0.85


def test_the_shipped_resnet20_is_under_a_megabyte_and_reads_the_signs_test_set():
    assert ASSETS["resnet20-signs"].file.stat().st_size < 2**20
    _, _, test_x, test_y, _ = load_signs_dataset()
    model = resnet20_signs()
    assert not model.training and sum(p.numel() for p in model.parameters()) == 221_270
    x = torch.tensor(test_x, dtype=torch.float32).permute(0, 3, 1, 2) / 255
    with torch.no_grad():
        accuracy = (model(x).argmax(dim=1).numpy() == test_y.ravel()).mean()
    assert accuracy >= 0.97  # the training script reported 1.000 (120 of 120)
