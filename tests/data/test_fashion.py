"""Fashion-MNIST as dlspec ships it: the subset C2W3A1 trains on, balanced, shuffled, and a clear error if missing."""

import numpy as np
import pytest

from dlspec.data import MissingAssetError, assets, fashion


def test_the_shipped_subset_has_600_and_100_images_of_each_class():
    train_x, train_y, test_x, test_y = fashion.load_fashion()
    assert train_x.shape == (6000, 28, 28) and test_x.shape == (1000, 28, 28) and train_x.dtype == np.uint8
    assert train_y.dtype == np.int64 and test_y.dtype == np.int64
    assert np.bincount(train_y).tolist() == [600] * 10 and np.bincount(test_y).tolist() == [100] * 10
    assert not np.array_equal(train_y, np.sort(train_y))  # shuffled, so any prefix holds every class
    assert set(train_y[:200]) == set(range(10))
    assert 60 < train_x.mean() < 90  # real photographs on a black background, not noise or a blank


def test_a_missing_file_says_the_installation_is_incomplete(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "FILES", tmp_path)
    with pytest.raises(MissingAssetError, match=r"fashion\.npz is missing: this copy of dlspec is incomplete; reinst"):
        fashion.load_fashion()


def test_bag_or_not_is_half_bags_upscaled_to_rgb_and_seeded():
    train_x, train_y, test_x, test_y = fashion.load_bags(n_train=10, n_test=6, size=32, seed=3)
    assert train_x.shape == (10, 32, 32, 3) and test_x.shape == (6, 32, 32, 3) and train_x.dtype == np.uint8
    assert train_y.sum() == 5 and test_y.sum() == 3 and set(train_y) == {0, 1}
    assert np.array_equal(train_x[..., 0], train_x[..., 2])  # grey, as RGB
    assert np.array_equal(fashion.load_bags(10, 6, 32, seed=3)[0], train_x)
    assert not np.array_equal(fashion.load_bags(10, 6, 32, seed=4)[0], train_x)
