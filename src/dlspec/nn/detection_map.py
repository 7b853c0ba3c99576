"""Mean average precision of a detector, as PASCAL VOC scores it (2010 onwards): per class, every detection on
every image ranked by score, a detection correct when it overlaps a true box of its class by more than the IoU
threshold and that box was not already claimed by a better detection; the area under the precision-recall curve
with all-point interpolation (precision at each recall replaced by the best precision at that recall or beyond);
the mean over the classes.

A true box may be marked *difficult*: it counts neither as found nor as missed, and a detection that would claim
it is neither right nor wrong. Boxes are corners, in the same order for detections and truth.
"""

from __future__ import annotations

import numpy as np

from dlspec.nn.yolo import iou


def average_precision(scores: np.ndarray, correct: np.ndarray, n_true: int) -> float:
    """The all-point interpolated AP of detections with ``scores`` (n,), each ``correct`` or not, for a class with
    ``n_true`` true boxes (0.0 when there are none to find)."""
    if n_true == 0:
        return 0.0
    hits = np.asarray(correct, bool)[np.argsort(-np.asarray(scores), kind="stable")]
    tp, fp = np.cumsum(hits), np.cumsum(~hits)
    recall = np.concatenate([[0.0], tp / n_true, [1.0]])
    precision = np.concatenate([[0.0], tp / np.maximum(tp + fp, 1), [0.0]])
    precision = np.maximum.accumulate(precision[::-1])[::-1]  # the best precision at this recall or beyond
    step = np.nonzero(recall[1:] != recall[:-1])[0]
    return float(np.sum((recall[step + 1] - recall[step]) * precision[step + 1]))


def match(scores: np.ndarray, boxes: np.ndarray, truth: np.ndarray, difficult: np.ndarray,
          iou_threshold: float = 0.5) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """One image and one class: which detections (scores (n,), boxes (n, 4)) are correct against true boxes
    ``truth`` (k, 4), best score first claiming, and which count at all (not claiming a difficult box). Returns
    (correct, counted), bool (n,) each, in the detections' order."""
    correct, counted = np.zeros(len(scores), bool), np.ones(len(scores), bool)
    claimed = np.zeros(len(truth), bool)
    for i in np.argsort(-scores, kind="stable"):
        overlaps = [iou(boxes[i], t) for t in truth]
        if not overlaps or max(overlaps) <= iou_threshold:
            continue
        j = int(np.argmax(overlaps))
        if difficult[j]:
            counted[i] = False
        elif not claimed[j]:
            correct[i] = claimed[j] = True
    return correct, counted


def mean_average_precision(detections: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
                           truth: list[tuple[np.ndarray, np.ndarray, np.ndarray]], n_classes: int,
                           iou_threshold: float = 0.5) -> tuple[np.ndarray, float]:  # fmt: skip
    """Per-class AP (n_classes,) and their mean, over images whose ``detections`` are (scores (n,), boxes (n, 4),
    classes (n,)) as ``yolo_eval`` returns them, and whose ``truth`` is (boxes (k, 4), classes (k,), difficult (k,)
    bool)."""
    aps = np.zeros(n_classes)
    for c in range(n_classes):
        scores, correct, n_true = [], [], 0
        for (s, b, k), (t, tk, hard) in zip(detections, truth, strict=True):
            mine, theirs = k == c, tk == c
            hit, counted = match(s[mine], b[mine], t[theirs], hard[theirs], iou_threshold)
            scores.append(s[mine][counted])
            correct.append(hit[counted])
            n_true += int((~hard[theirs]).sum())
        aps[c] = average_precision(np.concatenate(scores), np.concatenate(correct), n_true)
    return aps, float(aps.mean())
