"""The script that cuts the shipped Fashion-MNIST subset: it refuses source files other than Debian's, picks a
balanced shuffled subset, and writes the same bytes every time."""

import gzip
import hashlib

import numpy as np
import pytest

from dlspec.data import ASSETS, assets, build_fashion, digest


def idx(values: np.ndarray, magic: int) -> bytes:
    header = magic.to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in values.shape)
    return gzip.compress(header + values.astype(np.uint8).tobytes(), mtime=0)


@pytest.fixture
def source(tmp_path, monkeypatch):
    """Four small idx files in Debian's names, with their checksums standing in for Debian's."""
    rng = np.random.default_rng(5)
    files = {}
    for stem, m in (("train", 50), ("t10k", 30)):
        files[f"{stem}-images-idx3-ubyte.gz"] = idx(rng.integers(0, 256, (m, 28, 28)), 2051)
        files[f"{stem}-labels-idx1-ubyte.gz"] = idx(np.arange(m) % 10, 2049)
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    monkeypatch.setattr(build_fashion, "SOURCES", {n: hashlib.sha256(raw).hexdigest() for n, raw in files.items()})
    monkeypatch.setattr(build_fashion, "PER_CLASS", {"train": 4, "test": 2})
    return tmp_path


def test_the_subset_is_balanced_shuffled_and_cut_from_the_source(source):
    arrays = build_fashion.build(source)
    assert [a.shape for a in arrays.values()] == [(40, 28, 28), (40,), (20, 28, 28), (20,)]
    assert np.bincount(arrays["train_labels"]).tolist() == [4] * 10
    assert np.bincount(arrays["test_labels"]).tolist() == [2] * 10
    assert not np.array_equal(arrays["train_labels"], np.sort(arrays["train_labels"]))
    originals = build_fashion.read_idx(source / "train-images-idx3-ubyte.gz")
    assert all(any(np.array_equal(x, o) for o in originals) for x in arrays["train_images"])


def test_the_file_is_the_same_bytes_every_time_and_loads_back(source, tmp_path):
    build_fashion.main([str(source), "--out", str(tmp_path / "a.npz")])
    build_fashion.main([str(source), "--out", str(tmp_path / "b.npz")])
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    loaded = dict(np.load(tmp_path / "a.npz"))
    assert digest(loaded) == digest(build_fashion.build(source))


def test_a_source_file_other_than_debians_is_refused_by_name(source):
    (source / "t10k-labels-idx1-ubyte.gz").write_bytes(idx(np.zeros(30), 2049))
    with pytest.raises(ValueError, match=r"t10k-labels-idx1-ubyte\.gz is not the file this subset is cut from"):
        build_fashion.build(source)


@pytest.mark.skipif(not build_fashion.DEBIAN_DIR.is_dir(), reason="Debian's dataset-fashion-mnist is not installed")
def test_debians_files_rebuild_exactly_the_shipped_file(tmp_path):
    build_fashion.main(["--out", str(tmp_path / "fashion.npz")])
    assert (tmp_path / "fashion.npz").read_bytes() == (assets.FILES / "fashion.npz").read_bytes()
    assert digest(tuple(np.load(tmp_path / "fashion.npz").values())) == ASSETS["fashion"].sha256
