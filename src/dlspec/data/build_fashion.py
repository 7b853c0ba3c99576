"""Cut the Fashion-MNIST subset that dlspec ships (``files/fashion.npz``) from Debian's ``dataset-fashion-mnist``.

    sudo apt-get install dataset-fashion-mnist
    python -m dlspec.data.build_fashion [/usr/share/datasets/fashion-mnist] [--out FILE]

A learner never runs this: the subset is package data. It exists so that the shipped file can be rebuilt and
checked. The four original files are checked against their sha256 first, so the subset is always cut from the same
bytes; then 600 training and 100 test images of each class are chosen by a seeded generator and shuffled. The file
is written byte for byte the same on every run (fixed zip timestamps), and its checksum is printed: it must equal
``ASSETS["fashion"].sha256``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np

from dlspec.data.assets import FILES, digest

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
# sha256 of the files in Debian's dataset-fashion-mnist 0.0~git20200523.55506a9-1 (Zalando's release of 2017)
SOURCES = {
    "train-images-idx3-ubyte.gz": "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
    "train-labels-idx1-ubyte.gz": "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
    "t10k-images-idx3-ubyte.gz": "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
    "t10k-labels-idx1-ubyte.gz": "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
}
PER_CLASS = {"train": 600, "test": 100}  # enough for C2W3A1's training run and confusion matrix; ~2.5 MB
SEED = 0
_IMAGES_MAGIC, _LABELS_MAGIC = 2051, 2049  # the idx format's headers: 0x00000803 and 0x00000801


def read_idx(path: Path) -> np.ndarray:
    """One of the four gzipped idx files, checked against ``SOURCES`` first: a big-endian header (magic, then a
    4-byte size per dimension), then uint8 values."""
    data = path.read_bytes()
    got, expected = hashlib.sha256(data).hexdigest(), SOURCES[path.name]
    if got != expected:
        raise ValueError(f"{path} is not the file this subset is cut from (sha256 {got[:12]}…, expected "
                         f"{expected[:12]}…)")
    raw = gzip.decompress(data)
    magic = int.from_bytes(raw[:4], "big")
    ndim = {_IMAGES_MAGIC: 3, _LABELS_MAGIC: 1}.get(magic)
    if ndim is None:
        raise ValueError(f"{path} is not an idx file of images or labels (magic {magic})")
    shape = tuple(int(n) for n in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    if len(raw) != 4 * (1 + ndim) + int(np.prod(shape)):
        raise ValueError(f"{path}: the header announces {shape}, the file holds {len(raw)} bytes")
    return np.frombuffer(raw, np.uint8, offset=4 * (1 + ndim)).reshape(shape)


def subset(images: np.ndarray, labels: np.ndarray, per_class: int, rng: np.random.Generator):
    """``per_class`` examples of each of the ten classes, in a seeded random order."""
    chosen = np.concatenate([rng.permutation(np.flatnonzero(labels == k))[:per_class] for k in range(10)])
    chosen = rng.permutation(chosen)
    return images[chosen], labels[chosen].astype(np.int64)


def build(source: Path) -> dict[str, np.ndarray]:
    """The subset's arrays, cut from the four files in ``source``."""
    rng = np.random.default_rng(SEED)
    arrays = {}
    for split, stem in (("train", "train"), ("test", "t10k")):
        images = read_idx(source / f"{stem}-images-idx3-ubyte.gz")
        labels = read_idx(source / f"{stem}-labels-idx1-ubyte.gz")
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = subset(images, labels, PER_CLASS[split], rng)
    return arrays


def write_npz(arrays: dict[str, np.ndarray], path: Path) -> None:
    """An ``.npz`` that ``np.load`` reads, LZMA-compressed (a fifth smaller than ``savez_compressed``) and with
    fixed timestamps, so the same arrays always give the same bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as zf:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_LZMA
            zf.writestr(info, buffer.getvalue())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dlspec.data.build_fashion", description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEBIAN_DIR, help="folder of the four .gz files")
    parser.add_argument("--out", type=Path, default=FILES / "fashion.npz")
    args = parser.parse_args(argv)
    arrays = build(args.source)
    write_npz(arrays, args.out)
    print(f"{args.out}: {args.out.stat().st_size} bytes, checksum {digest(tuple(arrays.values()))}")


if __name__ == "__main__":
    main()
