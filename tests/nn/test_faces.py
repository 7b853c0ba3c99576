"""face-api's two networks as dlspec's PyTorch modules, checked against the ORIGINAL face-api: the raw outputs in
tests/fixtures/faceapi/reference.json are what @vladmandic/face-api 1.7.15 computed in node (TensorFlow.js 4.22.0,
CPU backend) on the same inputs; reference.py there regenerates them.

Tolerances: the embeddings agree to 1e-5 (they measure 0.3-0.4, and differ by about 2e-7); the detector's raw grid
to 1e-3 absolute on values up to about 55 (it differs by about 5e-5: float32 sums in another order over 512
channels). Either is far below what changes a detection or a verification (distances of 0.25 vs 0.6)."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from dlspec.data.faceapi import load_face_detector, load_face_encoder
from dlspec.nn.faces import (
    DETECTOR_ANCHORS,
    FaceRecognitionNet,
    TinyFaceDetector,
    face_yolo_outputs,
    img_to_encoding,
    square_pixels,
)
from dlspec.nn.yolo import yolo_eval

FIXTURE = Path(__file__).parents[1] / "fixtures" / "faceapi"
REFERENCE = json.loads((FIXTURE / "reference.json").read_text())


def _reference_module():
    spec = importlib.util.spec_from_file_location("faceapi_reference", FIXTURE / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def inputs():
    ref = _reference_module()
    made = ref.reference_inputs()
    for name, (_, image) in made.items():  # a failure here is a changed input (a new JPEG decoder), not the network
        assert ref.sha256(image) == REFERENCE["inputs"][name]["sha256"], name
    return made


@pytest.fixture(scope="module")
def detector():
    return load_face_detector()


@pytest.fixture(scope="module")
def encoder():
    return load_face_encoder()


def pixels(image: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(image.astype(np.float32)).permute(2, 0, 1)[None]


def test_the_shapes_of_both_networks_without_weights():
    with torch.no_grad():
        assert TinyFaceDetector()(torch.zeros(2, 3, 416, 416)).shape == (2, 13, 13, 5, 5)
        assert TinyFaceDetector()(torch.zeros(1, 3, 320, 320)).shape == (1, 10, 10, 5, 5)
        assert FaceRecognitionNet()(torch.zeros(2, 3, 150, 150)).shape == (2, 128)
    assert sum(p.numel() for p in FaceRecognitionNet().parameters()) == 5_614_592  # face-api's manifest, in full


@pytest.mark.parametrize("name", ["astronaut416", "hopper320"])
def test_the_detector_gives_the_original_raw_grid(inputs, detector, name):
    with torch.no_grad():
        got = detector(pixels(inputs[name][1])).numpy().ravel()
    want = np.array(REFERENCE["detector"][name])
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-3)


@pytest.mark.parametrize("name", ["astronaut_face", "hopper_face", "noise"])
def test_the_recognition_network_gives_the_original_embedding(inputs, encoder, name):
    got = img_to_encoding(inputs[name][1], encoder)
    assert got.shape == (1, 128) and got.dtype == np.float32
    np.testing.assert_allclose(got[0], np.array(REFERENCE["recognition"][name]), rtol=0, atol=1e-5)


def test_the_detector_finds_the_astronauts_face_through_yolo_eval(detector):
    from skimage import data

    image = data.astronaut()
    with torch.no_grad():
        raw = detector(square_pixels(image, 416, centre=False))[0]
    scores, boxes, classes = yolo_eval(face_yolo_outputs(raw), image.shape[:2], 10, 0.5, 0.4)
    assert len(scores) == 1 and scores[0] > 0.9 and classes[0] == 0
    y1, x1, y2, x2 = boxes[0]
    assert abs(x1 - 164) < 8 and abs(x2 - 279) < 8 and abs(y1 - 75) < 8 and abs(y2 - 186) < 8


def test_the_grid_becomes_midpoints_sizes_and_confidences():
    raw = np.zeros((13, 13, 5, 5))
    raw[2, 7, 3] = [0.0, 0.0, np.log(2), 0.0, 10.0]  # row 2, column 7, anchor 3: twice the anchor's width
    box_xy, box_wh, box_confidence, box_class_probs = face_yolo_outputs(raw)
    assert box_xy.shape == box_wh.shape == (13, 13, 5, 2) and box_confidence.shape == (13, 13, 5, 1)
    np.testing.assert_allclose(box_xy[2, 7, 3], [7.5 / 13, 2.5 / 13])  # x is the column
    np.testing.assert_allclose(box_wh[2, 7, 3], DETECTOR_ANCHORS[3] * [2, 1] / 13)
    assert box_confidence[2, 7, 3, 0] > 0.9999 and box_confidence[0, 0, 0, 0] == 0.5
    assert (box_class_probs == 1).all()


def test_a_crop_of_another_size_is_squared_and_resized(encoder):
    face = np.full((200, 120, 3), 128, dtype=np.uint8)
    square = square_pixels(face, 150, centre=True)
    assert square.shape == (1, 3, 150, 150) and square[0, :, :, 0].max() == 0  # black bands left and right
    assert img_to_encoding(face, encoder).shape == (1, 128)
