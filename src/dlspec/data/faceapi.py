"""face-api's face detector and face-recognition network with their shipped weights (C4W3A1's face section, C4W4A1).

``files/faceapi-detector.npz`` and ``files/faceapi-recognition.npz`` hold the weights of ``@vladmandic/face-api``
1.7.15 (MIT; the recognition weights derive from dlib's CC0 model) as ``python -m dlspec.data.convert_faceapi`` read
them from the npm package: one array per tensor, named as in face-api's manifests. A tensor face-api stores
quantised stays so here, to keep the wheel small: its uint8 codes under its name, its ``.scale`` and ``.min`` beside
them; ``dequantised`` turns them into float32 the way TensorFlow.js does (``code * scale + min``).
"""

from __future__ import annotations

import functools

import numpy as np
import torch

from dlspec.data.assets import load
from dlspec.nn.faces import FaceRecognitionNet, TinyFaceDetector, face_yolo_outputs, faceapi_state_dict, square_pixels

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


@functools.cache
def _shared_detector() -> TinyFaceDetector:
    return load_face_detector()


def face_detector_outputs(
    image: np.ndarray, size: int = 416
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], tuple[int, int]]:
    """Run the face detector on a uint8 (H, W, 3) picture: ``(yolo_outputs, image_shape)``, ready for
    ``yolo_eval(yolo_outputs, image_shape, ...)`` to give boxes in the picture's pixels.

    The picture is padded with black at the bottom and right to a square of side max(H, W), then resized to
    ``size`` (a multiple of 32); so a box in fractions of that square, scaled by ``image_shape`` = (side, side),
    lands on the picture itself. ``yolo_outputs`` is (box_xy, box_wh, box_confidence, box_class_probs) of the
    ``size / 32`` square grid, one class (face)."""
    with torch.no_grad():
        raw = _shared_detector()(square_pixels(np.asarray(image), size, centre=False))[0]
    side = max(image.shape[:2])
    return face_yolo_outputs(raw), (side, side)
