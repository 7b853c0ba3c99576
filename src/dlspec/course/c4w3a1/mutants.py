"""Known mistakes in C4W3A1, each with the hint a learner who made it should read.

Where a mistake amounts to the right computation on other inputs (a threshold left at its default, boxes not scaled),
it is written that way, with the reference; where it changes the computation itself, it is spelt out.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.yolo import (
    iou,
    scale_boxes,
    yolo_eval,
    yolo_filter_boxes,
    yolo_non_max_suppression,
)

# --- yolo_filter_boxes ------------------------------------------------------------------------------------------


def _filter(boxes, box_scores, box_classes, threshold, keep_equal=True):
    keep = box_scores >= threshold if keep_equal else box_scores > threshold
    return box_scores[keep], boxes[keep], box_classes[keep]


@mutant("yolo_filter_boxes", "A box is kept when its score reaches the threshold: use >=, not >.")
def filter_strictly_above(boxes, box_confidence, box_class_probs, threshold=0.6):
    box_scores = box_confidence * box_class_probs
    return _filter(boxes, box_scores.max(axis=-1), box_scores.argmax(axis=-1), threshold, keep_equal=False)


@mutant("yolo_filter_boxes", "The score is p_c times the class probability: multiply box_confidence in before "
                             "taking the maximum.")
def filter_on_probabilities(boxes, box_confidence, box_class_probs, threshold=0.6):
    return _filter(boxes, box_class_probs.max(axis=-1), box_class_probs.argmax(axis=-1), threshold)


@mutant("yolo_filter_boxes", "Take the class with the best score (confidence times probability), not the best "
                             "probability: with the example's negative confidences the two differ.")
def classes_from_probabilities(boxes, box_confidence, box_class_probs, threshold=0.6):
    box_scores = box_confidence * box_class_probs
    return _filter(boxes, box_scores.max(axis=-1), box_class_probs.argmax(axis=-1), threshold)


@mutant("yolo_filter_boxes", "Each box's class score is the largest of its scores (np.max over the last axis), "
                             "not their sum.")
def scores_summed(boxes, box_confidence, box_class_probs, threshold=0.6):
    box_scores = box_confidence * box_class_probs
    return _filter(boxes, box_scores.sum(axis=-1), box_scores.argmax(axis=-1), threshold)


@mutant("yolo_filter_boxes", "Use the argument threshold; 0.6 is only its default.")
def threshold_fixed(boxes, box_confidence, box_class_probs, threshold=0.6):
    return yolo_filter_boxes(boxes, box_confidence, box_class_probs)


@mutant("yolo_filter_boxes", "Return the values in the order scores, boxes, classes.")
def filter_returns_swapped(boxes, box_confidence, box_class_probs, threshold=0.6):
    scores, kept, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold)
    return kept, scores, classes


# --- iou --------------------------------------------------------------------------------------------------------


def _areas(box1, box2):
    return (box1[2] - box1[0]) * (box1[3] - box1[1]), (box2[2] - box2[0]) * (box2[3] - box2[1])


@mutant("iou", "Clamp the intersection's width and height at zero, each on its own, with max(0, ·): for boxes "
               "apart both are negative, and their product looks like an overlap.")
def iou_without_clamp(box1, box2):
    w = min(box1[2], box2[2]) - max(box1[0], box2[0])
    h = min(box1[3], box2[3]) - max(box1[1], box2[1])
    a1, a2 = _areas(box1, box2)
    return w * h / (a1 + a2 - w * h)


@mutant("iou", "Clamp the width and the height separately: max(0, w * h) still lets two negatives make a "
               "positive area.")
def iou_clamps_product(box1, box2):
    w = min(box1[2], box2[2]) - max(box1[0], box2[0])
    h = min(box1[3], box2[3]) - max(box1[1], box2[1])
    inter = max(0, w * h)
    a1, a2 = _areas(box1, box2)
    return inter / (a1 + a2 - inter)


@mutant("iou", "The union counts the overlap once: subtract the intersection from the sum of the two areas.")
def union_without_subtracting(box1, box2):
    w = max(0, min(box1[2], box2[2]) - max(box1[0], box2[0]))
    h = max(0, min(box1[3], box2[3]) - max(box1[1], box2[1]))
    a1, a2 = _areas(box1, box2)
    return w * h / (a1 + a2)


@mutant("iou", "The intersection's corners: its top-left is the larger of the two top-lefts (max), its "
               "bottom-right the smaller of the two bottom-rights (min).")
def intersection_corners_swapped(box1, box2):
    w = max(0, max(box1[2], box2[2]) - min(box1[0], box2[0]))
    h = max(0, max(box1[3], box2[3]) - min(box1[1], box2[1]))
    a1, a2 = _areas(box1, box2)
    return w * h / (a1 + a2 - w * h)


@mutant("iou", "Brackets: a box's area is (x2 - x1) * (y2 - y1); without them the product binds first.")
def area_without_brackets(box1, box2):
    w = max(0, min(box1[2], box2[2]) - max(box1[0], box2[0]))
    h = max(0, min(box1[3], box2[3]) - max(box1[1], box2[1]))
    a1 = box1[2] - box1[0] * box1[3] - box1[1]
    a2 = box2[2] - box2[0] * box2[3] - box2[1]
    return w * h / (a1 + a2 - w * h)


@mutant("iou", "Divide the intersection by the union; the intersection alone is an area, not a ratio.")
def iou_returns_intersection(box1, box2):
    w = max(0, min(box1[2], box2[2]) - max(box1[0], box2[0]))
    h = max(0, min(box1[3], box2[3]) - max(box1[1], box2[1]))
    return w * h


# --- yolo_non_max_suppression -----------------------------------------------------------------------------------


def _greedy(order, boxes, max_boxes, suppress):
    kept = []
    for i in order:
        if len(kept) < max_boxes and not any(suppress(iou(boxes[i], boxes[j])) for j in kept):
            kept.append(int(i))
    return np.array(kept, dtype=int)


@mutant("yolo_non_max_suppression", "Visit the boxes best score first (sort by score, descending): NMS keeps "
                                    "the best box of each group, whichever comes first in the input.")
def nms_unsorted(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    kept = _greedy(range(len(scores)), boxes, max_boxes, lambda o: o > iou_threshold)
    return scores[kept], boxes[kept], classes[kept]


@mutant("yolo_non_max_suppression", "np.argsort sorts upwards: reverse it (or sort -scores) to start from the "
                                    "best box.")
def nms_worst_first(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    kept = _greedy(np.argsort(scores), boxes, max_boxes, lambda o: o > iou_threshold)
    return scores[kept], boxes[kept], classes[kept]


@mutant("yolo_non_max_suppression", "Suppress a box when its IoU with a kept box is above the threshold: large "
                                    "overlap means a duplicate. With < the duplicates stay and the others go.")
def nms_suppresses_below(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    kept = _greedy(np.argsort(-scores, kind="stable"), boxes, max_boxes, lambda o: o < iou_threshold)
    return scores[kept], boxes[kept], classes[kept]


@mutant("yolo_non_max_suppression", "A box with an IoU exactly at the threshold stays: suppress only when the "
                                    "IoU is strictly above it (>, not >=).")
def nms_suppresses_at_threshold(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    kept = _greedy(np.argsort(-scores, kind="stable"), boxes, max_boxes, lambda o: o >= iou_threshold)
    return scores[kept], boxes[kept], classes[kept]


@mutant("yolo_non_max_suppression", "Stop once max_boxes boxes are kept.")
def nms_without_max_boxes(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    return yolo_non_max_suppression(scores, boxes, classes, len(scores), iou_threshold)


@mutant("yolo_non_max_suppression", "As in the original, NMS here ignores the classes: a box suppresses any "
                                    "box it overlaps too much, whatever its class.")
def nms_per_class(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    order, kept = np.argsort(-scores, kind="stable"), []
    for i in order:
        same = [j for j in kept if classes[j] == classes[i]]
        if len(kept) < max_boxes and all(iou(boxes[i], boxes[j]) <= iou_threshold for j in same):
            kept.append(int(i))
    kept = np.array(kept, dtype=int)
    return scores[kept], boxes[kept], classes[kept]


@mutant("yolo_non_max_suppression", "Return the kept boxes best first, in the order NMS picks them, not in "
                                    "their input order.")
def nms_in_input_order(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    kept = _greedy(np.argsort(-scores, kind="stable"), boxes, max_boxes, lambda o: o > iou_threshold)
    kept = np.sort(kept)
    return scores[kept], boxes[kept], classes[kept]


# --- yolo_eval --------------------------------------------------------------------------------------------------


# Each signature spells out the original's defaults, as a learner's does.
@mutant("yolo_eval", "Scale the boxes to the image with scale_boxes(boxes, image_shape) before NMS: the boxes "
                     "come out in pixels.")
def eval_without_scaling(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6,
                         iou_threshold=0.5):
    return yolo_eval(yolo_outputs, (1, 1), max_boxes, score_threshold, iou_threshold)


@mutant("yolo_eval", "image_shape is (height, width), the order scale_boxes expects; don't swap it.")
def eval_shape_swapped(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6,
                       iou_threshold=0.5):
    return yolo_eval(yolo_outputs, image_shape[::-1], max_boxes, score_threshold, iou_threshold)


@mutant("yolo_eval", "Pass score_threshold on to yolo_filter_boxes, instead of leaving its default.")
def eval_default_threshold(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6,
                           iou_threshold=0.5):
    return yolo_eval(yolo_outputs, image_shape, max_boxes, 0.6, iou_threshold)


@mutant("yolo_eval", "yolo_non_max_suppression takes max_boxes before iou_threshold; passed the other way "
                     "round, both are wrong.")
def eval_nms_arguments_swapped(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6,
                               iou_threshold=0.5):
    return yolo_eval(yolo_outputs, image_shape, iou_threshold, score_threshold, max_boxes)


@mutant("yolo_eval", "Filter by score before NMS: without it, NMS spends max_boxes on boxes nobody believes in.")
def eval_without_filter(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6,
                        iou_threshold=0.5):
    return yolo_eval(yolo_outputs, image_shape, max_boxes, 0.0, iou_threshold)


@mutant("yolo_eval", "Turn midpoints and sizes into corners with yolo_boxes_to_corners first: the filter and NMS "
                     "work on corners.")
def eval_without_corners(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6,
                         iou_threshold=0.5):
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = np.concatenate([box_xy, box_wh], axis=-1)
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, score_threshold)
    return yolo_non_max_suppression(scores, scale_boxes(boxes, image_shape), classes, max_boxes, iou_threshold)
