"""Trained networks as dlspec ships them: the package's ImageNet weights fill every layer of dlspec's own
EfficientNet-Lite0 base, which then tells a bag from a shoe without any training on them."""

import numpy as np
import torch

from dlspec.data.fashion import load_bags
from dlspec.data.pretrained import efficientnet_lite0_base, efficientnet_lite0_weights
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
