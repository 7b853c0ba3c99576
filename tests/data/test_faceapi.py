"""face-api's weights as dlspec ships them: the files match their checksums, every tensor the networks need is
there, dequantisation is TensorFlow.js's, and the converter reads a manifest exactly (no byte left over)."""

import json

import numpy as np
import pytest

from dlspec.data import ASSETS, verify
from dlspec.data.assets import arrays
from dlspec.data.convert_faceapi import read_model
from dlspec.data.faceapi import DETECTOR, RECOGNITION, dequantised


@pytest.mark.parametrize("name", [DETECTOR, RECOGNITION])
def test_the_weights_match_their_checksums_and_are_small(name):
    verify(name)
    assert ASSETS[name].file.stat().st_size < 4.5e6


def test_the_recognition_weights_stay_quantised_and_dequantise_as_tfjs_does():
    stored = arrays(RECOGNITION)
    codes = stored["fc"]
    assert codes.dtype == np.uint8 and codes.shape == (256, 128)
    want = (codes.astype(np.float64) * float(stored["fc.scale"]) + float(stored["fc.min"])).astype(np.float32)
    floats = dequantised(stored)
    np.testing.assert_array_equal(floats["fc"], want)
    assert floats["conv64_1/conv1/conv/filters"].dtype == np.float32  # stored unquantised by face-api: kept as is
    assert not any(k.endswith((".scale", ".min")) for k in floats)


def test_read_model_takes_uint8_and_float32_tensors_in_manifest_order():
    manifest = [{"paths": ["x.bin"], "weights": [
        {"name": "a", "shape": [2], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
        {"name": "b", "shape": [1, 2], "dtype": "float32"},
    ]}]  # fmt: skip
    data = bytes([0, 4]) + np.array([1.5, -2.0], dtype="<f4").tobytes()
    out = read_model(json.loads(json.dumps(manifest)), data)
    np.testing.assert_array_equal(dequantised(out)["a"], [-1.0, 1.0])
    np.testing.assert_array_equal(out["b"], [[1.5, -2.0]])
    with pytest.raises(ValueError, match="accounts for"):
        read_model(manifest, data + b"\0")


def test_the_detector_outputs_land_on_a_picture_that_is_not_square():
    """A face pasted into a wide grey picture: the best box, through yolo_eval, is where the face was put."""
    from skimage import data

    from dlspec.data.faceapi import face_detector_outputs
    from dlspec.nn.yolo import yolo_eval

    picture = np.full((300, 700, 3), 120, dtype=np.uint8)
    picture[60:260, 420:620] = data.astronaut()[40:240, 120:320]  # the face is at about x 164-279, y 75-186 there
    outputs, shape = face_detector_outputs(picture)
    assert shape == (700, 700) and outputs[0].shape == (13, 13, 5, 2)
    scores, boxes, _ = yolo_eval(outputs, shape, 5, 0.5, 0.4)
    y1, x1, y2, x2 = boxes[0]
    assert scores[0] > 0.6 and abs(x1 - 464) < 15 and abs(x2 - 579) < 15 and abs(y1 - 95) < 15 and abs(y2 - 206) < 15
