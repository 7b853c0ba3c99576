"""The two face networks of ``@vladmandic/face-api`` as plain PyTorch modules (Course 4 weeks 3 and 4).

* ``TinyFaceDetector``: face-api's tiny face detector, a TinyYOLOv2 whose convolutions after the first are
  depthwise-separable. A picture of side ``32k`` (416 by default) gives a ``k x k`` grid (13 x 13) of 5 anchor boxes,
  each predicted as 5 numbers (t_x, t_y, t_w, t_h, t_o): ``forward`` returns them raw, shaped ``(m, k, k, 5, 5)``.
  ``face_yolo_outputs`` turns one picture's grid into the ``(box_xy, box_wh, box_confidence, box_class_probs)`` that
  ``yolo_eval`` of Course 4 week 3 takes, with a single class, "face".
* ``FaceRecognitionNet``: dlib's face-recognition ResNet (29 convolutions) as face-api ships it: a 150 x 150 RGB
  face crop in, a 128-number face embedding out, two crops of one person closer than 0.6 (Euclidean).

Both take pictures as ``(m, 3, H, W)`` float tensors of RGB values in 0..255 and normalise them as face-api does
(subtract a mean colour, divide by 255), so a learner hands them pixels, not statistics. ``faceapi_state_dict``
renames face-api's TensorFlow.js weights (channels-last filters) into either module's ``state_dict``; loading the
shipped weights is ``dlspec.data.faceapi``'s job, since this layer reads no files.

The padding follows TensorFlow's rules, which PyTorch's layers do not spell the same way: "valid" convolutions and
pools drop what does not fit, and a 2 x 2 "same" max pool on an odd size pads one row and column at the bottom right.
"""

from __future__ import annotations

import itertools

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

DETECTOR_ANCHORS = np.array(  # (width, height) of the 5 anchors in grid cells, face-api's tinyFaceDetector/const.ts
    [[1.603231, 2.094468], [6.041143, 7.080126], [2.882459, 3.518061], [4.266906, 5.178857], [9.041765, 10.66308]]
)
DETECTOR_MEAN_RGB = (117.001, 114.697, 97.404)
RECOGNITION_MEAN_RGB = (122.782, 117.001, 104.298)
FACE_SIZE = 150  # the recognition network's input side
DETECTOR_WIDTHS = (16, 32, 64, 128, 256, 512)


def _normalise(images: torch.Tensor, mean_rgb: tuple[float, float, float]) -> torch.Tensor:
    return (images - torch.tensor(mean_rgb, dtype=images.dtype).view(1, 3, 1, 1)) / 255


def _max_pool_same(x: torch.Tensor, stride: int) -> torch.Tensor:
    """TensorFlow's 2x2 max pool with "same" padding: pad at the bottom and right only, as much as the stride needs."""
    size = x.shape[-1]
    out = -(-size // stride)
    pad = max((out - 1) * stride + 2 - size, 0)
    return F.max_pool2d(F.pad(x, (0, pad, 0, pad), value=float("-inf")), 2, stride)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def face_yolo_outputs(raw: np.ndarray | torch.Tensor) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One picture's raw detector grid ``(S, S, 5, 5)`` as ``(box_xy, box_wh, box_confidence, box_class_probs)``,
    shaped (S, S, 5, 2), (S, S, 5, 2), (S, S, 5, 1), (S, S, 5, 1): the order ``yolo_eval`` unpacks.

    Midpoints and sizes are fractions of the (square) input: x is the column, y the row. There is one class, so its
    probability is 1 everywhere and a box's score is its confidence.
    """
    raw = np.asarray(raw.detach() if isinstance(raw, torch.Tensor) else raw, dtype=np.float64)
    size = raw.shape[0]
    cols, rows = np.meshgrid(np.arange(size), np.arange(size))
    grid = np.stack([cols, rows], axis=-1)[:, :, None, :]  # (S, S, 1, 2): (x, y) of each cell's top-left corner
    box_xy = (grid + sigmoid(raw[..., 0:2])) / size
    box_wh = np.exp(raw[..., 2:4]) * DETECTOR_ANCHORS / size
    box_confidence = sigmoid(raw[..., 4:5])
    return box_xy, box_wh, box_confidence, np.ones_like(box_confidence)


def square_pixels(image: np.ndarray, size: int, centre: bool) -> torch.Tensor:
    """A uint8 (H, W, 3) picture padded with black to a square, then resized to ``size``: a (1, 3, size, size) float
    tensor of 0..255 values. face-api pads at the bottom right for detection (``centre=False``, so a box's corner in
    the square is its corner in the picture) and on both sides for recognition."""
    from PIL import Image  # only here: the modules themselves need no imaging library

    height, width = image.shape[:2]
    side = max(height, width)
    square = np.zeros((side, side, 3), dtype=np.uint8)
    top, left = ((side - height) // 2, (side - width) // 2) if centre else (0, 0)
    square[top : top + height, left : left + width] = image[..., :3]
    if side != size:
        square = np.asarray(Image.fromarray(square).resize((size, size), Image.BILINEAR))
    return torch.from_numpy(square.astype(np.float32)).permute(2, 0, 1)[None]


class SeparableConv(nn.Module):
    """A 3x3 depthwise convolution then a 1x1 pointwise one with a bias, "same" padding, leaky ReLU (slope 0.1)."""

    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, padding=1, groups=in_channels, bias=False)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.leaky_relu(self.pointwise(self.depthwise(x)), 0.1)


class TinyFaceDetector(nn.Module):
    """face-api's tiny face detector: ``(m, 3, 32k, 32k)`` pixels (0..255) to raw predictions ``(m, k, k, 5, 5)``."""

    def __init__(self):
        super().__init__()
        self.conv0 = nn.Conv2d(3, DETECTOR_WIDTHS[0], 3)  # "valid": 416 -> 414, and the pools take it to 13
        self.convs = nn.ModuleList(SeparableConv(a, b) for a, b in itertools.pairwise(DETECTOR_WIDTHS))
        self.conv8 = nn.Conv2d(DETECTOR_WIDTHS[-1], 5 * 5, 1)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        x = F.leaky_relu(self.conv0(_normalise(images, DETECTOR_MEAN_RGB)), 0.1)
        for conv in self.convs:
            x = conv(_max_pool_same(x, 2))
        x = self.conv8(_max_pool_same(x, 1))
        m, _, height, width = x.shape
        return x.permute(0, 2, 3, 1).reshape(m, height, width, 5, 5)  # channels were anchor-major: 5 x (5 numbers)


class ScaledConv(nn.Module):
    """dlib's convolution: a convolution with a bias, then a per-channel scale and shift (its frozen batch norm)."""

    def __init__(self, in_channels: int, out_channels: int, kernel: int, stride: int = 1):
        super().__init__()
        # stride 1 keeps the size ("same"); stride 2 is "valid", as face-api runs it
        self.conv = nn.Conv2d(in_channels, out_channels, kernel, stride, padding=kernel // 2 if stride == 1 else 0)
        self.weight = nn.Parameter(torch.ones(out_channels))
        self.bias = nn.Parameter(torch.zeros(out_channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x) * self.weight.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)


class Residual(nn.Module):
    """Two 3x3 scaled convolutions and a shortcut. A ``down`` block halves the size with a stride-2 first
    convolution; its shortcut is a 2x2 average pool, padded with zero channels when the block widens."""

    def __init__(self, in_channels: int, out_channels: int, down: bool = False):
        super().__init__()
        self.down = down
        self.conv1 = ScaledConv(in_channels, out_channels, 3, 2 if down else 1)
        self.conv2 = ScaledConv(out_channels, out_channels, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.conv2(torch.relu(self.conv1(x)))
        if not self.down:
            return torch.relu(out + x)
        shortcut = F.avg_pool2d(x, 2)
        # an even size loses a row and a column to the "valid" stride-2 convolution: face-api pads them back with 0
        grow = shortcut.shape[-1] - out.shape[-1]
        out = F.pad(out, (0, grow, 0, grow))
        shortcut = F.pad(shortcut, (0, 0, 0, 0, 0, out.shape[1] - shortcut.shape[1]))
        return torch.relu(out + shortcut)


_RECOGNITION_BLOCKS = [  # (name, in, out, down) in face-api's order
    ("conv32_1", 32, 32, False), ("conv32_2", 32, 32, False), ("conv32_3", 32, 32, False),
    ("conv64_down", 32, 64, True), ("conv64_1", 64, 64, False), ("conv64_2", 64, 64, False),
    ("conv64_3", 64, 64, False),
    ("conv128_down", 64, 128, True), ("conv128_1", 128, 128, False), ("conv128_2", 128, 128, False),
    ("conv256_down", 128, 256, True), ("conv256_1", 256, 256, False), ("conv256_2", 256, 256, False),
    ("conv256_down_out", 256, 256, True),
]  # fmt: skip


class FaceRecognitionNet(nn.Module):
    """dlib's face ResNet as face-api runs it: ``(m, 3, 150, 150)`` pixels (0..255) to ``(m, 128)`` embeddings."""

    def __init__(self):
        super().__init__()
        self.conv32_down = ScaledConv(3, 32, 7, 2)
        self.blocks = nn.ModuleDict({name: Residual(a, b, down) for name, a, b, down in _RECOGNITION_BLOCKS})
        self.fc = nn.Linear(256, 128, bias=False)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv32_down(_normalise(images, RECOGNITION_MEAN_RGB)))
        x = F.max_pool2d(x, 3, 2)
        for block in self.blocks.values():
            x = block(x)
        return self.fc(x.mean(dim=(2, 3)))


def img_to_encoding(image: np.ndarray, model: FaceRecognitionNet) -> np.ndarray:
    """The (1, 128) embedding of a uint8 (H, W, 3) face crop: padded to a square and resized to 150 x 150 first, as
    face-api does, when it is not that size already."""
    with torch.no_grad():
        return model(square_pixels(np.asarray(image), FACE_SIZE, centre=True)).numpy()


def _filters(w: np.ndarray, depthwise: bool = False) -> torch.Tensor:
    """TensorFlow's (kh, kw, in, out) filters as PyTorch's (out, in, kh, kw); a depthwise (kh, kw, in, 1) becomes
    (in, 1, kh, kw)."""
    order = (2, 3, 0, 1) if depthwise else (3, 2, 0, 1)
    return torch.from_numpy(np.asarray(w, dtype=np.float32).transpose(order).copy())


def _vector(w: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.asarray(w, dtype=np.float32).copy())


def _detector_state(weights: dict[str, np.ndarray]) -> dict[str, torch.Tensor]:
    state = {"conv0.weight": _filters(weights["conv0/filters"]), "conv0.bias": _vector(weights["conv0/bias"]),
             "conv8.weight": _filters(weights["conv8/filters"]), "conv8.bias": _vector(weights["conv8/bias"])}
    for i in range(1, len(DETECTOR_WIDTHS)):
        state[f"convs.{i - 1}.depthwise.weight"] = _filters(weights[f"conv{i}/depthwise_filter"], depthwise=True)
        state[f"convs.{i - 1}.pointwise.weight"] = _filters(weights[f"conv{i}/pointwise_filter"])
        state[f"convs.{i - 1}.pointwise.bias"] = _vector(weights[f"conv{i}/bias"])
    return state


def _scaled_conv_state(weights: dict[str, np.ndarray], source: str, target: str) -> dict[str, torch.Tensor]:
    return {f"{target}.conv.weight": _filters(weights[f"{source}/conv/filters"]),
            f"{target}.conv.bias": _vector(weights[f"{source}/conv/bias"]),
            f"{target}.weight": _vector(weights[f"{source}/scale/weights"]),
            f"{target}.bias": _vector(weights[f"{source}/scale/biases"])}


def _recognition_state(weights: dict[str, np.ndarray]) -> dict[str, torch.Tensor]:
    state = _scaled_conv_state(weights, "conv32_down", "conv32_down")
    for name, *_ in _RECOGNITION_BLOCKS:
        for conv in ("conv1", "conv2"):
            state |= _scaled_conv_state(weights, f"{name}/{conv}", f"blocks.{name}.{conv}")
    state["fc.weight"] = torch.from_numpy(np.asarray(weights["fc"], dtype=np.float32).T.copy())
    return state


def faceapi_state_dict(model: nn.Module, weights: dict[str, np.ndarray]) -> dict[str, torch.Tensor]:
    """face-api's float weights, named as in its manifests (``conv1/depthwise_filter``, ``conv64_1/conv2/scale/
    weights``...), as ``model``'s state_dict."""
    return _detector_state(weights) if isinstance(model, TinyFaceDetector) else _recognition_state(weights)
