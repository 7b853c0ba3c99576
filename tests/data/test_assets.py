"""The registry of datasets and weights: every asset loads and matches its checksum, the checksum sees what matters
(values, dtype, shape, names) and not how a file was compressed, and a missing or changed asset gets a clear error."""

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest

from dlspec import data
from dlspec.data import assets
from dlspec.data.build_fashion import write_npz


@pytest.mark.parametrize("name", list(data.ASSETS))
def test_every_asset_loads_and_matches_its_checksum(name):
    asset = data.ASSETS[name]
    assert asset.name == name and asset.kind in ("dataset", "weights")
    assert re.fullmatch(r"[0-9a-f]{64}", asset.sha256) and asset.licence and asset.what and asset.rebuild
    data.verify(name)


def test_the_package_data_folder_holds_exactly_the_registered_files():
    shipped = {a.file.name for a in data.ASSETS.values() if a.file is not None}
    assert shipped == {p.name for p in assets.FILES.iterdir()}


def test_the_checksum_ignores_compression_and_key_order_but_sees_values_dtype_shape_and_names(tmp_path):
    a = {"W": np.arange(6.0).reshape(2, 3), "b": np.zeros((2, 1), np.float32)}
    np.savez(tmp_path / "plain.npz", **a)
    write_npz({"b": a["b"], "W": a["W"]}, tmp_path / "lzma.npz")
    assert data.digest(np.load(tmp_path / "plain.npz")) == data.digest(np.load(tmp_path / "lzma.npz"))
    assert data.digest(a) == data.digest(dict(reversed(a.items())))
    for changed in (
        {**a, "W": a["W"] + 1e-12},
        {**a, "W": a["W"].astype(np.float32)},
        {**a, "W": a["W"].reshape(3, 2)},
        {"W2": a["W"], "b": a["b"]},
    ):
        assert data.digest(changed) != data.digest(a)
    assert data.digest((a["W"], a["b"])) != data.digest((a["b"], a["W"]))


@pytest.fixture
def weights(tmp_path, monkeypatch):
    """A weights file registered the way a shipped one is: files/<name>.npz and an Asset with its checksum."""
    arrays = {"W1": np.arange(12.0).reshape(3, 4), "b1": np.ones((3, 1))}
    monkeypatch.setattr(assets, "FILES", tmp_path)
    write_npz(arrays, tmp_path / "tiny-net.npz")
    asset = data.Asset(
        "tiny-net", "weights", "package data", "a tiny network for this test", "MIT", data.digest(arrays),
        "python train_tiny_net.py",
    )  # fmt: skip
    monkeypatch.setitem(data.ASSETS, "tiny-net", asset)
    return arrays, tmp_path / "tiny-net.npz"


def test_an_asset_that_is_neither_a_file_nor_has_a_loader_is_refused_at_once():
    with pytest.raises(ValueError, match="asset 'net': only package data loads without a loader"):
        data.Asset("net", "weights", "PyPI", "a network", "MIT", "0" * 64, "pip install net")


def test_a_registered_weights_file_loads_as_a_dict_of_arrays_and_verifies(weights):
    arrays, _ = weights
    loaded = data.load("tiny-net")
    assert isinstance(loaded, dict) and loaded.keys() == arrays.keys()
    assert all(np.array_equal(loaded[k], arrays[k]) for k in arrays)
    data.verify("tiny-net")


def test_a_changed_weights_file_names_the_file_and_how_to_restore_it(weights):
    arrays, path = weights
    write_npz({**arrays, "b1": arrays["b1"] * 2}, path)
    with pytest.raises(data.ChecksumError, match=r"tiny-net: checksum \w+…, expected \w+…: .*tiny-net\.npz differs "
                       r"from the file dlspec ships; reinstall dlspec .*, or rebuild it: python train_tiny_net\.py"):
        data.verify("tiny-net")


def test_a_damaged_or_missing_weights_file_is_reported_not_loaded(weights):
    _, path = weights
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(data.ChecksumError, match=r"tiny-net\.npz cannot be read .*: this copy of dlspec is damaged"):
        data.load("tiny-net")
    path.unlink()
    with pytest.raises(data.MissingAssetError, match=r"tiny-net\.npz is missing: this copy of dlspec is incomplete"):
        data.verify("tiny-net")


def test_generated_data_that_changed_names_the_generator_and_the_package_version(monkeypatch):
    import sklearn

    monkeypatch.setitem(data.ASSETS, "moons", dataclasses.replace(data.ASSETS["moons"], sha256="0" * 64))
    with pytest.raises(data.ChecksumError, match=rf"moons: .*dlspec\.data\.moons:load_dataset produced other data "
                       rf"with scikit-learn {re.escape(sklearn.__version__)} than the course was checked with"):
        data.verify("moons")


def test_an_unknown_name_lists_the_assets():
    with pytest.raises(LookupError, match=r"no asset named 'cats'; the assets are faces, photos, .*fashion"):
        data.load("cats")


def test_the_architecture_page_lists_every_asset_with_its_licence():
    page = (Path(__file__).parents[2] / "docs" / "architecture.md").read_text()
    # only what dlspec ships: a test fixture registers an asset of its own (fx2's weights) in the same process
    shipped = {n: a for n, a in data.ASSETS.items() if a.file or a.loader.startswith("dlspec.")}
    for name, asset in shipped.items():
        assert f"| `{name}` | {asset.kind} | {asset.source}" in page and asset.licence in page, name
