"""Fashion-MNIST from Debian's package: shapes, a balanced seeded subset, and clear errors when absent or damaged."""

import gzip

import numpy as np
import pytest

from dlspec.data import fashion


def test_the_whole_set_has_the_published_shapes_and_ten_balanced_classes():
    train_x, train_y, test_x, test_y = fashion.load_fashion()
    assert train_x.shape == (60_000, 28, 28) and test_x.shape == (10_000, 28, 28) and train_x.dtype == np.uint8
    assert np.bincount(train_y).tolist() == [6000] * 10 and np.bincount(test_y).tolist() == [1000] * 10


def test_a_subset_is_balanced_seeded_and_shuffled():
    a = fashion.load_fashion(n_train=1005, n_test=30, seed=3)
    b = fashion.load_fashion(n_train=1005, n_test=30, seed=3)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert np.bincount(a[1]).tolist() == [101] * 5 + [100] * 5 and np.bincount(a[3]).tolist() == [3] * 10
    assert not np.array_equal(a[1], np.sort(a[1]))
    assert not np.array_equal(a[1], fashion.load_fashion(n_train=1005, n_test=30, seed=4)[1])


def test_a_missing_folder_says_how_to_install_the_data(tmp_path, monkeypatch):
    monkeypatch.setenv(fashion.ENV, str(tmp_path))
    with pytest.raises(fashion.MissingDataError, match=r"make data.*dataset-fashion-mnist.*DLSPEC_FASHION_MNIST"):
        fashion.load_fashion(n_train=10)


def test_a_damaged_file_is_named(tmp_path, monkeypatch):
    for name in (*fashion.FILES["train"], *fashion.FILES["test"]):
        (tmp_path / name).write_bytes((fashion.DEBIAN_DIR / name).read_bytes())
    (tmp_path / fashion.FILES["test"][1]).write_bytes(gzip.compress(b"\x00\x00\x08\x01\x00\x00\x00\x05abc"))
    monkeypatch.setenv(fashion.ENV, str(tmp_path))
    with pytest.raises(ValueError, match=r"t10k-labels-idx1-ubyte\.gz is not a Fashion-MNIST idx file"):
        fashion.load_fashion(n_train=10)
