"""A small YOLOv2-style detector in PyTorch: the network whose raw grid C4W3A1's post-processing (``dlspec.nn.yolo``)
turns into boxes.

The original assignment ran a YOLOv2 trained on COCO (a 19 x 19 grid, 5 anchors, 80 classes, 50 M weights). This
one is the same design at the scale of dlspec's road scenes: five 3x3 convolutions with batch norm and leaky ReLU,
the first of stride 2 (a convolution at full size costs most and sees least), then two 2x2 max pools, so a 96 x 128
image gives a 12 x 16 grid of cells, 8 pixels on a side; the last convolution is dilated so that a cell sees 69
pixels around it, enough for most of a near bus. A 1x1 convolution gives each cell, for each
of its B anchors, the YOLOv2 vector ``(t_x, t_y, t_w, t_h, t_o, class scores...)``.

* ``kmeans_anchors``: YOLOv2's "dimension clusters", k-means on the training boxes' widths and heights with the
  distance 1 - IoU of two boxes sharing a centre, so a big box is not worth more than a small one.
* ``yolo_head``: the decoding, exactly YOLOv2's: the midpoint is the cell's corner plus ``sigmoid(t_x, t_y)``, the
  size is the anchor times ``exp(t_w, t_h)``, both divided by the grid's size to be fractions of the image; the box
  confidence is ``sigmoid(t_o)`` and the class probabilities a softmax. Its four arrays are what ``yolo_eval``
  takes, one image's (S_h, S_w, B, .) at a time.
* ``yolo_targets`` and ``yolo_loss``: YOLOv2's loss. Each true box is owned by the cell of its midpoint and, in
  that cell, by the anchor whose shape overlaps it best (IoU with both centred). That anchor learns the box's
  offsets and log size ratio (squared errors, weighted by ``2 - w h`` so small boxes count more), an objectness of
  1 (squared error, weight 5) and the class (cross-entropy, weight 1: darknet's is a squared error on the
  probabilities; cross-entropy learns the same argmax faster). Every other anchor learns an objectness of 0
  (weight 1), unless its predicted box already overlaps a true box by more than 0.6: darknet leaves those alone.

Anchors are in cells (a width of 1 is a cell's width); box coordinates elsewhere are fractions of the image.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
from torch import nn

N_ANCHORS = 5
COORD, OBJECT, NO_OBJECT, CLASS = 1.0, 5.0, 1.0, 1.0  # darknet's yolo-voc.cfg scales
IGNORE_IOU = 0.6  # a non-owning anchor whose box overlaps a true box this much is not pushed towards "no object"


def shape_iou(wh: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """The IoU of boxes (n, 2) and anchors (k, 2), given by width and height, as if they shared a centre: (n, k)."""
    inter = np.minimum(wh[:, None, 0], anchors[None, :, 0]) * np.minimum(wh[:, None, 1], anchors[None, :, 1])
    return inter / (wh[:, None].prod(axis=-1) + anchors[None].prod(axis=-1) - inter)


def kmeans_anchors(wh: np.ndarray, k: int = N_ANCHORS, seed: int = 0, iterations: int = 100) -> np.ndarray:
    """``k`` anchor shapes (k, 2) for boxes of widths and heights ``wh`` (n, 2): k-means with the distance
    ``1 - shape_iou``, started from ``k`` boxes drawn with ``seed``, each centre the mean of its cluster; sorted by
    area."""
    rng = np.random.default_rng(seed)
    centres = wh[rng.choice(len(wh), k, replace=False)].astype(float)
    for _ in range(iterations):
        nearest = shape_iou(wh, centres).argmax(axis=1)
        moved = np.array([wh[nearest == j].mean(axis=0) if (nearest == j).any() else centres[j] for j in range(k)])
        if np.allclose(moved, centres):
            break
        centres = moved
    return centres[np.argsort(centres.prod(axis=1))]


def _conv(n_in: int, n_out: int, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(n_in, n_out, 3, stride, padding=dilation, dilation=dilation, bias=False),
                         nn.BatchNorm2d(n_out), nn.LeakyReLU(0.1))  # fmt: skip


class TinyYolo(nn.Module):
    """Images (m, 3, H, W) with pixels in [0, 1] (H, W multiples of 8) to the raw grid (m, H/8, W/8, B, 5 + C).
    The anchors (B, 2), in cells, are a buffer: they travel with the weights."""

    def __init__(self, anchors: np.ndarray, n_classes: int) -> None:
        super().__init__()
        self.register_buffer("anchors", torch.tensor(anchors, dtype=torch.float32))
        self.n_classes = n_classes
        self.trunk = nn.Sequential(
            _conv(3, 16, stride=2), _conv(16, 32), nn.MaxPool2d(2), _conv(32, 64), nn.MaxPool2d(2),
            _conv(64, 64), _conv(64, 64, dilation=2),
        )  # fmt: skip
        self.head = nn.Conv2d(64, len(anchors) * (5 + n_classes), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raw = self.head(self.trunk(x))  # (m, B (5 + C), S_h, S_w)
        m, _, s_h, s_w = raw.shape
        return raw.view(m, len(self.anchors), 5 + self.n_classes, s_h, s_w).permute(0, 3, 4, 1, 2)


def _cells(s_h: int, s_w: int) -> torch.Tensor:
    """Each cell's top-left corner (x, y) in cells, shaped (S_h, S_w, 1, 2) to broadcast over the anchors."""
    rows, cols = torch.meshgrid(torch.arange(s_h), torch.arange(s_w), indexing="ij")
    return torch.stack([cols, rows], dim=-1)[:, :, None, :].float()


def yolo_head(raw: torch.Tensor, anchors: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor,
                                                                  torch.Tensor]:  # fmt: skip
    """The raw grid (..., S_h, S_w, B, 5 + C) decoded as YOLOv2 does: ``box_xy`` and ``box_wh`` (..., 2), the
    midpoint and size as fractions of the image, ``box_confidence`` (..., 1) and ``box_class_probs`` (..., C)."""
    s_h, s_w = raw.shape[-4], raw.shape[-3]
    grid = torch.tensor([s_w, s_h], dtype=raw.dtype)
    box_xy = (torch.sigmoid(raw[..., 0:2]) + _cells(s_h, s_w)) / grid
    box_wh = torch.exp(raw[..., 2:4]) * anchors / grid
    return box_xy, box_wh, torch.sigmoid(raw[..., 4:5]), torch.softmax(raw[..., 5:], dim=-1)


def detect(model: TinyYolo, images: np.ndarray) -> list[tuple[np.ndarray, ...]]:
    """Each image's decoded grid as NumPy arrays ``(box_xy, box_wh, box_confidence, box_class_probs)``, what
    ``yolo_eval`` takes, for uint8 images (m, H, W, 3)."""
    x = torch.tensor(images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
    model.eval()
    with torch.no_grad():
        decoded = [a.double().numpy() for a in yolo_head(model(x), model.anchors)]
    return [tuple(a[i] for a in decoded) for i in range(len(images))]


class Targets(NamedTuple):
    """What the loss compares a batch's raw grid with; every field but ``truth`` is (m, S_h, S_w, B, ...)."""

    owner: torch.Tensor  # bool: this anchor of this cell owns a true box
    xy: torch.Tensor  # (..., 2) the owned box's midpoint within its cell, in [0, 1)
    twh: torch.Tensor  # (..., 2) log(box size / anchor size)
    scale: torch.Tensor  # 2 - w h, w and h fractions of the image
    cls: torch.Tensor  # int64 class
    truth: torch.Tensor  # (m, K, 4) every true box as corners (x1, y1, x2, y2) in fractions, zeros past the last


def yolo_targets(boxes: list[np.ndarray], anchors: np.ndarray, grid: tuple[int, int]) -> Targets:
    """The targets of images whose true boxes are ``boxes``, per image a (k, 5) array of (class, x1, y1, x2, y2)
    in fractions of the image, for a grid (S_h, S_w) and anchors (B, 2) in cells. When two boxes fall to the same
    anchor of the same cell, the later one wins (as in darknet)."""
    s_h, s_w = grid
    m, b = len(boxes), len(anchors)
    owner = np.zeros((m, s_h, s_w, b), bool)
    xy, twh = np.zeros((m, s_h, s_w, b, 2)), np.zeros((m, s_h, s_w, b, 2))
    scale, cls = np.zeros((m, s_h, s_w, b)), np.zeros((m, s_h, s_w, b), np.int64)
    truth = np.zeros((m, max([len(k) for k in boxes] + [1]), 4))
    for i, image_boxes in enumerate(boxes):
        if not len(image_boxes):
            continue
        corners = image_boxes[:, 1:].astype(float)
        truth[i, : len(corners)] = corners
        centre = (corners[:, :2] + corners[:, 2:]) / 2 * (s_w, s_h)  # in cells
        size = (corners[:, 2:] - corners[:, :2]) * (s_w, s_h)
        col, row = np.minimum(centre.astype(int).T, [[s_w - 1], [s_h - 1]])
        best = shape_iou(size, anchors).argmax(axis=1)
        owner[i, row, col, best] = True
        xy[i, row, col, best] = centre - np.stack([col, row], axis=1)
        twh[i, row, col, best] = np.log(size / anchors[best])
        scale[i, row, col, best] = 2 - (size / (s_w, s_h)).prod(axis=1)
        cls[i, row, col, best] = image_boxes[:, 0]
    as_tensor = [torch.tensor(a, dtype=torch.float32) for a in (xy, twh, scale)]
    return Targets(torch.tensor(owner), *as_tensor, torch.tensor(cls), torch.tensor(truth, dtype=torch.float32))


def _corners(box_xy: torch.Tensor, box_wh: torch.Tensor) -> torch.Tensor:
    return torch.cat([box_xy - box_wh / 2, box_xy + box_wh / 2], dim=-1)


def _best_overlap(predicted: torch.Tensor, truth: torch.Tensor) -> torch.Tensor:
    """Each predicted box's highest IoU with any true box of its image: (m, S_h, S_w, B) from corners (m, S_h,
    S_w, B, 4) and (m, K, 4); padding rows of zeros have no area and overlap nothing."""
    p, t = predicted[:, :, :, :, None, :], truth[:, None, None, None, :, :]
    wh = (torch.minimum(p[..., 2:], t[..., 2:]) - torch.maximum(p[..., :2], t[..., :2])).clamp(min=0)
    inter = wh.prod(dim=-1)
    area = (p[..., 2:] - p[..., :2]).prod(dim=-1) + (t[..., 2:] - t[..., :2]).prod(dim=-1)
    return (inter / (area - inter).clamp(min=1e-9)).amax(dim=-1)


def yolo_loss(raw: torch.Tensor, targets: Targets, anchors: torch.Tensor) -> torch.Tensor:
    """YOLOv2's loss of a raw grid (m, S_h, S_w, B, 5 + C) against ``targets``, summed over the grid and averaged
    over the images (the module's docstring says which terms and weights)."""
    owner = targets.owner
    confidence = torch.sigmoid(raw[..., 4])
    with torch.no_grad():  # which anchors to leave alone is a choice, not something to learn through
        box_xy, box_wh, _, _ = yolo_head(raw, anchors)
        ignored = _best_overlap(_corners(box_xy, box_wh), targets.truth) > IGNORE_IOU
    offsets = (torch.sigmoid(raw[..., 0:2]) - targets.xy).square().sum(dim=-1)
    sizes = (raw[..., 2:4] - targets.twh).square().sum(dim=-1)
    coord = (targets.scale * (offsets + sizes))[owner].sum()
    objects = (confidence[owner] - 1).square().sum()
    empty = confidence[~owner & ~ignored].square().sum()
    classes = nn.functional.cross_entropy(raw[..., 5:][owner], targets.cls[owner], reduction="sum")
    return (COORD * coord + OBJECT * objects + NO_OBJECT * empty + CLASS * classes) / len(raw)
