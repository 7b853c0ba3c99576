"""YOLO's post-processing in NumPy: from a detector's raw grid of predictions to a few boxes worth drawing.

The conventions are the original assignment's. A prediction grid is (S, S, B, ·): S × S cells, B anchors per cell.
``yolo_boxes_to_corners`` turns midpoints and sizes into corners ordered (y1, x1, y2, x2), as TensorFlow's image
functions want them; ``iou`` is written for (x1, y1, x2, y2), and since it treats both axes alike it gives the same
value for either order, as long as both boxes use the same one. Non-max suppression is class-agnostic, as the
original's call of ``tf.image.non_max_suppression`` was: a box can suppress a box of another class.
"""

from __future__ import annotations

import numpy as np


def yolo_filter_boxes(
    boxes: np.ndarray, box_confidence: np.ndarray, box_class_probs: np.ndarray, threshold: float = 0.6
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep the anchor boxes whose best class score p_c · P(class) reaches ``threshold``.

    boxes (S, S, B, 4), box_confidence (S, S, B, 1), box_class_probs (S, S, B, C). Returns the kept boxes' scores
    (n,), boxes (n, 4) and classes (n,), in the grid's row-major order.
    """
    box_scores = box_confidence * box_class_probs
    box_classes = np.argmax(box_scores, axis=-1)
    box_class_scores = np.max(box_scores, axis=-1)
    keep = box_class_scores >= threshold
    return box_class_scores[keep], boxes[keep], box_classes[keep]


def iou(box1: tuple[float, float, float, float], box2: tuple[float, float, float, float]) -> float:
    """Intersection over union of two boxes given by their corners (x1, y1, x2, y2), with x1 < x2 and y1 < y2."""
    xi1, yi1 = max(box1[0], box2[0]), max(box1[1], box2[1])
    xi2, yi2 = min(box1[2], box2[2]), min(box1[3], box2[3])
    inter_area = max(xi2 - xi1, 0) * max(yi2 - yi1, 0)  # zero, not a product of negatives, for boxes apart
    box1_area = (box1[2] - box1[0]) * (box1[3] - box1[1])
    box2_area = (box2[2] - box2[0]) * (box2[3] - box2[1])
    return float(inter_area / (box1_area + box2_area - inter_area))


def pairwise_iou(boxes: np.ndarray) -> np.ndarray:
    """The (n, n) IoU of every pair of corner boxes (n, 4), vectorised: the engine's twin of ``iou``."""
    lo = np.maximum(boxes[:, None, :2], boxes[None, :, :2])
    hi = np.minimum(boxes[:, None, 2:], boxes[None, :, 2:])
    inter = np.prod(np.clip(hi - lo, 0, None), axis=-1)
    area = np.prod(boxes[:, 2:] - boxes[:, :2], axis=-1)
    return inter / (area[:, None] + area[None, :] - inter)


def yolo_non_max_suppression(
    scores: np.ndarray, boxes: np.ndarray, classes: np.ndarray, max_boxes: int = 10, iou_threshold: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """At most ``max_boxes`` boxes, best score first, none overlapping a better one by more than ``iou_threshold``.

    scores (n,), boxes (n, 4), classes (n,), as ``yolo_filter_boxes`` returns them. Greedy: take the best box left,
    keep it unless its IoU with a box already kept is above the threshold, and go on until ``max_boxes`` are kept.
    Of two equal scores either may go first; this one takes the earlier box.
    """
    order = np.argsort(-scores, kind="stable")
    kept: list[int] = []
    for i in order:
        if len(kept) == max_boxes:
            break
        if all(iou(boxes[i], boxes[j]) <= iou_threshold for j in kept):
            kept.append(int(i))
    index = np.array(kept, dtype=int)
    return scores[index], boxes[index], classes[index]


def yolo_boxes_to_corners(box_xy: np.ndarray, box_wh: np.ndarray) -> np.ndarray:
    """Midpoints (x, y) and sizes (w, h), (..., 2) each, to corners (y1, x1, y2, x2), (..., 4)."""
    mins, maxes = box_xy - box_wh / 2, box_xy + box_wh / 2
    return np.concatenate([mins[..., 1:2], mins[..., 0:1], maxes[..., 1:2], maxes[..., 0:1]], axis=-1)


def scale_boxes(boxes: np.ndarray, image_shape: tuple[float, float]) -> np.ndarray:
    """Corners (y1, x1, y2, x2) in fractions of the image to pixels of an image (height, width)."""
    height, width = image_shape
    return boxes * np.array([height, width, height, width], dtype=float)


def yolo_eval(
    yolo_outputs: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    image_shape: tuple[float, float] = (720, 1280),
    max_boxes: int = 10,
    score_threshold: float = 0.6,
    iou_threshold: float = 0.5,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The whole post-processing of one image's grid: corners, filtering by score, scaling to pixels, NMS.

    yolo_outputs is (box_xy, box_wh, box_confidence, box_class_probs), shaped (S, S, B, 2), (S, S, B, 2),
    (S, S, B, 1) and (S, S, B, C). Returns scores (k,), boxes (k, 4) in pixels as (y1, x1, y2, x2), classes (k,).
    """
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = yolo_boxes_to_corners(box_xy, box_wh)
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, score_threshold)
    boxes = scale_boxes(boxes, image_shape)
    return yolo_non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold)
