"""Correct solutions of C4W3A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant
from dlspec.nn.yolo import iou, pairwise_iou, scale_boxes, yolo_filter_boxes, yolo_non_max_suppression

# --- yolo_filter_boxes ------------------------------------------------------------------------------------------


@variant("yolo_filter_boxes")
def filter_by_flattening(boxes, box_confidence, box_class_probs, threshold=0.6):
    C = box_class_probs.shape[-1]
    box_scores = (box_confidence * box_class_probs).reshape(-1, C)
    classes = box_scores.argmax(axis=1)
    scores = box_scores[np.arange(len(box_scores)), classes]
    index = np.flatnonzero(scores >= threshold)
    return scores[index], boxes.reshape(-1, 4)[index], classes[index]


@variant("yolo_filter_boxes")
def filter_cell_by_cell(boxes, box_confidence, box_class_probs, threshold=0.6):
    scores, kept, classes = [], [], []
    for cell in np.ndindex(*boxes.shape[:-1]):
        box_scores = box_confidence[cell][0] * box_class_probs[cell]
        best = int(np.argmax(box_scores))
        if box_scores[best] >= threshold:
            scores.append(box_scores[best])
            kept.append(boxes[cell])
            classes.append(best)
    return np.array(scores), np.array(kept).reshape(-1, 4), np.array(classes, dtype=int)


# --- iou --------------------------------------------------------------------------------------------------------


@variant("iou")
def iou_from_overlaps_per_axis(box1, box2):
    def overlap(lo1, hi1, lo2, hi2):
        return max(0.0, min(hi1, hi2) - max(lo1, lo2))

    (ax1, ay1, ax2, ay2), (bx1, by1, bx2, by2) = box1, box2
    inter = overlap(ax1, ax2, bx1, bx2) * overlap(ay1, ay2, by1, by2)
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
    return inter / union


@variant("iou")
def iou_vectorised(box1, box2):
    return float(pairwise_iou(np.array([box1, box2], dtype=float))[0, 1])


# --- yolo_non_max_suppression -----------------------------------------------------------------------------------


@variant("yolo_non_max_suppression")
def nms_by_removing_neighbours(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    order = list(np.argsort(scores)[::-1])  # ties come out latest first: another right answer
    kept = []
    while order and len(kept) < max_boxes:
        best = order.pop(0)
        kept.append(best)
        order = [i for i in order if iou(boxes[best], boxes[i]) <= iou_threshold]
    kept = np.array(kept, dtype=int)
    return scores[kept], boxes[kept], classes[kept]


@variant("yolo_non_max_suppression")
def nms_with_a_matrix(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    overlaps = pairwise_iou(boxes)
    alive = np.ones(len(scores), dtype=bool)
    kept = []
    while alive.any() and len(kept) < max_boxes:
        best = int(np.flatnonzero(alive)[np.argmax(scores[alive])])
        kept.append(best)
        alive &= overlaps[best] <= iou_threshold
        alive[best] = False
    return scores[kept], boxes[kept], classes[kept]


# --- yolo_eval --------------------------------------------------------------------------------------------------


@variant("yolo_eval")
def eval_scaling_first(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6, iou_threshold=0.5):
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    height, width = image_shape
    xy, wh = box_xy * [width, height], box_wh * [width, height]  # to pixels first, then to corners
    corners = np.concatenate([xy[..., ::-1] - wh[..., ::-1] / 2, xy[..., ::-1] + wh[..., ::-1] / 2], axis=-1)
    scores, boxes, classes = yolo_filter_boxes(corners, box_confidence, box_class_probs, score_threshold)
    return yolo_non_max_suppression(scores, boxes, classes, max_boxes=max_boxes, iou_threshold=iou_threshold)


@variant("yolo_eval")
def eval_with_keywords(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6, iou_threshold=0.5):
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    corners = np.concatenate([box_xy - box_wh / 2, box_xy + box_wh / 2], axis=-1)[..., [1, 0, 3, 2]]
    scores, boxes, classes = yolo_filter_boxes(
        boxes=corners, box_confidence=box_confidence, box_class_probs=box_class_probs, threshold=score_threshold
    )
    return yolo_non_max_suppression(scores, scale_boxes(boxes, image_shape), classes, max_boxes, iou_threshold)
