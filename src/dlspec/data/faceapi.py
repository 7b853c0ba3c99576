"""face-api's face detector and face-recognition network with their shipped weights (C4W3A1's face section, C4W4A1).

``files/faceapi-detector.npz`` and ``files/faceapi-recognition.npz`` hold the weights of ``@vladmandic/face-api``
1.7.15 (MIT; the recognition weights derive from dlib's CC0 model) as ``python -m dlspec.data.convert_faceapi`` read
them from the npm package: one array per tensor, named as in face-api's manifests. A tensor face-api stores
quantised stays so here, to keep the wheel small: its uint8 codes under its name, its ``.scale`` and ``.min`` beside
them; ``dequantised`` turns them into float32 the way TensorFlow.js does (``code * scale + min``).
"""

from __future__ import annotations

import numpy as np
import torch

from dlspec.data.assets import load
from dlspec.nn.faces import FaceRecognitionNet, TinyFaceDetector, faceapi_state_dict

DETECTOR, RECOGNITION = "faceapi-detector", "faceapi-recognition"
_QUANTISATION = (".scale", ".min")


def dequantised(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """face-api's tensors as float32: a uint8 tensor with ``.scale`` and ``.min`` beside it becomes
    ``code * scale + min``, computed in double precision and rounded once, as TensorFlow.js's decoder does."""
    out = {}
    for name, a in arrays.items():
        if name.endswith(_QUANTISATION):
            continue
        if a.dtype == np.uint8:
            a = a.astype(np.float64) * float(arrays[name + ".scale"]) + float(arrays[name + ".min"])
        out[name] = a.astype(np.float32)
    return out


def _loaded(model: torch.nn.Module, asset: str) -> torch.nn.Module:
    model.load_state_dict(faceapi_state_dict(model, dequantised(load(asset))))
    return model.eval()


def load_face_detector() -> TinyFaceDetector:
    """face-api's tiny face detector with its weights, in eval mode (193 k weights)."""
    return _loaded(TinyFaceDetector(), DETECTOR)


def load_face_encoder() -> FaceRecognitionNet:
    """face-api's face-recognition ResNet with its weights, in eval mode (5.6 M weights)."""
    return _loaded(FaceRecognitionNet(), RECOGNITION)
