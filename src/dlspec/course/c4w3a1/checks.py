"""Cases for C4W3A1, YOLO's post-processing.

The first case of every function is the visible example. The original drew its examples from TensorFlow's random
generator, which NumPy cannot replay, so ours are new draws from the same distributions (normal with mean 1 and
standard deviation 4 for yolo_filter_boxes, whose negative "confidences" make the class with the best score differ
from the class with the best probability) or, for iou, the original's own boxes. The rest vary what a hard-coded
value would hide: grid sizes, anchor and class counts, thresholds given and left at their defaults, scores that
sit exactly on the threshold, boxes that touch, boxes apart diagonally, identical boxes, tied scores, an IoU exactly
at the NMS threshold, boxes of different classes on one object, and max_boxes cutting the list short.

Non-max suppression with tied scores has more than one right answer (which of two equal boxes goes first is a
matter of sorting), so its cases are judged by ``judge_nms``: the boxes returned must be what greedy NMS keeps
under some order of the ties.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.nn.yolo import pairwise_iou


def _note(**values) -> str:
    """The inputs in words: arrays by their shape, the rest as they are ("boxes (19, 19, 5, 4), threshold 0.5")."""
    return ", ".join(f"{k} {v.shape}" if isinstance(v, np.ndarray) else f"{k} {v}" for k, v in values.items())


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _grid(rng: np.random.Generator, S: int, B: int, C: int) -> tuple[np.ndarray, ...]:
    """A detector-like grid: midpoints in [0, 1], sizes up to half the image, sigmoid confidences, softmax classes."""
    box_xy = rng.uniform(0, 1, size=(S, S, B, 2))
    box_wh = rng.uniform(0.02, 0.5, size=(S, S, B, 2))
    box_confidence = 1 / (1 + np.exp(-rng.normal(0, 2.5, size=(S, S, B, 1))))
    box_class_probs = _softmax(rng.normal(0, 3, size=(S, S, B, C)))
    return box_xy, box_wh, box_confidence, box_class_probs


# --- yolo_filter_boxes ------------------------------------------------------------------------------------------


def yolo_filter_boxes_cases() -> list[Case]:
    r = np.random.RandomState(1)
    boxes, conf, probs = (r.normal(1, 4, size=(19, 19, 5, k)) for k in (4, 1, 80))
    cases = [Case("example: a 19x19 grid, 5 anchors, 80 classes, threshold 0.5", args=(boxes, conf, probs, 0.5),
                  note=_note(boxes=boxes, box_confidence=conf, box_class_probs=probs, threshold=0.5))]
    for seed, (S, B, C, threshold) in enumerate([(7, 3, 4, 0.3), (5, 2, 6, None), (13, 5, 3, 0.45)], start=10):
        rng = np.random.default_rng(seed)
        xy, wh, conf, probs = _grid(rng, S, B, C)
        boxes = np.concatenate([xy - wh / 2, xy + wh / 2], axis=-1)
        args = (boxes, conf, probs) if threshold is None else (boxes, conf, probs, threshold)
        name = f"{S}x{S} grid, {B} anchors, {C} classes, " + ("default threshold" if threshold is None
                                                             else f"threshold {threshold}")
        cases.append(Case(name, args=args, note=_note(boxes=boxes, box_confidence=conf, box_class_probs=probs,
                                                      threshold=threshold or "default (0.6)")))
    # Scores exactly on the threshold: confidence 1 and probabilities in halves and quarters, exact in binary.
    rng = np.random.default_rng(20)
    probs = rng.choice([0.25, 0.5, 0.75], size=(3, 3, 2, 1))
    probs = np.concatenate([probs, 1 - probs], axis=-1)
    conf, boxes = np.ones((3, 3, 2, 1)), rng.uniform(0, 1, size=(3, 3, 2, 4))
    cases.append(Case("scores exactly at the threshold 0.75", args=(boxes, conf, probs, 0.75),
                      note=_note(boxes=boxes, box_confidence=conf, box_class_probs=probs, threshold=0.75)))
    return cases


# --- iou --------------------------------------------------------------------------------------------------------

IOU_BOXES = [
    ("the example", (2, 1, 4, 3), (1, 2, 3, 4)),
    ("boxes far apart", (1, 2, 3, 4), (5, 6, 7, 8)),
    ("boxes apart diagonally, close by", (0.0, 0.0, 1.0, 1.0), (1.5, 1.25, 2.5, 3.0)),
    ("boxes touching at a corner", (1, 1, 2, 2), (2, 2, 3, 3)),
    ("boxes sharing an edge", (1, 1, 3, 3), (2, 3, 3, 4)),
    ("one box inside the other", (0.5, 0.5, 4.5, 3.5), (1.0, 1.5, 2.0, 2.0)),
    ("identical boxes", (0.2, 0.3, 0.9, 1.7), (0.2, 0.3, 0.9, 1.7)),
    ("overlapping in width, apart in height", (0, 0, 4, 1), (1, 2, 3, 5)),
    ("a cross: wide box over a tall one", (0.0, 1.0, 6.0, 2.0), (2.0, 0.0, 3.0, 5.0)),
]


def iou_cases() -> list[Case]:
    cases = [Case(name, args=(b1, b2), note=f"box1 {b1}, box2 {b2}") for name, b1, b2 in IOU_BOXES]
    rng = np.random.default_rng(30)
    for k in range(4):
        lo = rng.uniform(0, 10, size=(2, 2))
        b1, b2 = (tuple(np.round(np.concatenate([p, p + rng.uniform(0.5, 5, 2)]), 3).tolist()) for p in lo)
        cases.append(Case(f"random boxes {k + 1}", args=(b1, b2), note=f"box1 {b1}, box2 {b2}"))
    return cases


# --- yolo_non_max_suppression -----------------------------------------------------------------------------------


def _scene(rng: np.random.Generator, objects: int, copies: int, C: int, jitter: float = 0.08):
    """Noisy duplicate predictions around a few objects, as a detector gives them: (scores, boxes, classes)."""
    centres = rng.uniform(0.2, 0.8, size=(objects, 2))
    sizes = rng.uniform(0.1, 0.4, size=(objects, 2))
    which = np.repeat(np.arange(objects), copies)
    mid = centres[which] + rng.normal(0, jitter, size=(len(which), 2)) * sizes[which]
    size = sizes[which] * np.exp(rng.normal(0, jitter, size=(len(which), 2)))
    boxes = np.concatenate([mid - size / 2, mid + size / 2], axis=1)
    classes = rng.integers(0, C, size=objects)[which]
    order = rng.permutation(len(which))
    return rng.uniform(0.6, 1.0, size=len(which))[order], boxes[order], classes[order]


def _nms_case(name: str, scores, boxes, classes, max_boxes: int = 10, iou_threshold: float = 0.5) -> Case:
    note = _note(scores=scores, boxes=boxes, classes=classes, max_boxes=max_boxes, iou_threshold=iou_threshold)
    return Case(name, args=(scores, boxes, classes, max_boxes, iou_threshold), note=note, judge=judge_nms)


def yolo_non_max_suppression_cases() -> list[Case]:
    cases = [_nms_case("example: 6 objects, 5 guesses each", *_scene(np.random.default_rng(1), 6, 5, 3))]
    for seed, (objects, copies, max_boxes, threshold) in enumerate(
        [(4, 8, 10, 0.5), (12, 3, 5, 0.5), (3, 10, 10, 0.3), (8, 4, 20, 0.7), (15, 2, 3, 0.5)], start=40
    ):
        scene = _scene(np.random.default_rng(seed), objects, copies, 4)
        name = f"{objects} objects, {copies} guesses each, max_boxes {max_boxes}, iou_threshold {threshold}"
        cases.append(_nms_case(name, *scene, max_boxes, threshold))
    # Boxes on an integer grid with scores in tenths: ties, identical boxes and touching boxes all occur.
    rng = np.random.default_rng(50)
    corner = rng.integers(0, 6, size=(40, 2))
    boxes = np.concatenate([corner, corner + rng.integers(1, 4, size=(40, 2))], axis=1).astype(float)
    scores = rng.choice([0.6, 0.7, 0.8, 0.9], size=40)
    cases.append(_nms_case("40 boxes on a grid: tied scores, identical and touching boxes", scores, boxes,
                           rng.integers(0, 3, size=40), 12, 0.4))
    # Many boxes in half-units over a wide field: every kind of overlap at once, ties in most clusters.
    rng = np.random.default_rng(52)
    corner = rng.integers(0, 40, size=(150, 2)) / 2
    boxes = np.concatenate([corner, corner + rng.integers(2, 16, size=(150, 2)) / 2], axis=1)
    scores = rng.choice(np.round(np.arange(0.6, 1.0, 0.05), 2), size=150)
    cases.append(_nms_case("150 random boxes, scores in steps of 0.05, max_boxes 30", scores, boxes,
                           rng.integers(0, 5, size=150), 30, 0.45))
    # A tiling of touching squares: every IoU is 0, so all survive up to max_boxes.
    xs, ys = np.meshgrid(np.arange(4.0), np.arange(3.0))
    tiles = np.stack([xs.ravel(), ys.ravel(), xs.ravel() + 1, ys.ravel() + 1], axis=1)
    scores = np.round(np.random.default_rng(51).uniform(0.6, 1, size=12), 3)
    cases.append(_nms_case("12 touching squares (IoU 0), max_boxes 8", scores, tiles, np.zeros(12, int), 8))
    # IoU exactly 0.5 (a box and its left half) must not suppress; two classes on one object must.
    boxes = np.array([[0, 0, 2, 1], [0, 0, 1, 1], [4, 4, 6, 6], [4.1, 4, 6.1, 6], [8, 0, 9, 3]], dtype=float)
    cases.append(_nms_case("an IoU exactly at the threshold, and two classes on one object",
                           np.array([0.9, 0.8, 0.85, 0.95, 0.7]), boxes, np.array([0, 0, 1, 2, 1]), 10, 0.5))
    return cases


def _kept_indices(got, args) -> tuple[list[int], str | None]:
    """Which input each returned box is, matched by score, corners and class; or why the output cannot be read."""
    scores, boxes, classes = (np.asarray(a) for a in args[:3])
    if not isinstance(got, tuple | list) or len(got) != 3:
        return [], "return three arrays: scores, boxes, classes (in that order), for the boxes kept"
    g_scores, g_boxes, g_classes = (np.asarray(a) for a in got)
    if g_boxes.ndim != 2 or g_boxes.shape[1:] != (4,) or not len(g_scores) == len(g_boxes) == len(g_classes):
        return [], (f"expected scores (k,), boxes (k, 4), classes (k,) for the k boxes kept; got shapes "
                    f"{g_scores.shape}, {g_boxes.shape}, {g_classes.shape}")
    used: list[int] = []
    for s, b, c in zip(g_scores, g_boxes, g_classes, strict=True):
        same = (scores == s) & np.all(boxes == b, axis=1) & (classes == c)
        free = [i for i in np.flatnonzero(same) if i not in used]
        if not free:
            return [], (f"the box {b.tolist()} with score {s} and class {c} is not one of the inputs, or is "
                        "returned twice; keep each box's score, corners and class together")
        used.append(int(free[0]))
    return used, None


def judge_nms(got, expected, args) -> str | None:
    """Whether ``got`` is what greedy NMS keeps under some order of tied scores: best first, each box kept unless
    a kept box overlaps it by more than the threshold, until max_boxes are kept or no box is left."""
    kept, problem = _kept_indices(got, args)
    if problem:
        return problem
    scores, boxes, _, max_boxes, threshold = args
    overlaps = pairwise_iou(np.asarray(boxes, dtype=float))
    if len(kept) > max_boxes:
        return f"{len(kept)} boxes returned; max_boxes is {max_boxes}"
    left = set(range(len(scores)))
    for n, k in enumerate(kept):
        if any(overlaps[k, j] > threshold for j in kept[:n]):
            j = next(j for j in kept[:n] if overlaps[k, j] > threshold)
            return (f"the box with score {scores[k]} overlaps the better box with score {scores[j]} by an IoU of "
                    f"{overlaps[k, j]:.3f}, above iou_threshold {threshold}; it should have been suppressed")
        best = max(scores[i] for i in left)
        if scores[k] < best:
            return (f"box {n + 1} of your answer has score {scores[k]}, but a box with score {best} was still in "
                    "play: take the boxes in order of their scores, best first")
        left -= {k} | {i for i in left if overlaps[k, i] > threshold}
    if len(kept) < max_boxes and left:
        i = max(left, key=lambda i: scores[i])
        return (f"{len(kept)} boxes returned, but the box with score {scores[i]} overlaps none of them by more than "
                f"iou_threshold {threshold}, and max_boxes {max_boxes} leaves room for it")
    return None


# --- yolo_eval --------------------------------------------------------------------------------------------------


def yolo_eval_cases() -> list[Case]:
    outputs = _grid(np.random.default_rng(1), 19, 5, 80)
    note = _note(box_xy=outputs[0], box_wh=outputs[1], box_confidence=outputs[2], box_class_probs=outputs[3])
    cases = [Case("example: a 19x19 grid, 5 anchors, 80 classes, defaults", args=(outputs,), note=note)]
    shapes = [(9, 3, 5, (480, 640), 5, 0.5, 0.4), (13, 5, 4, (300, 1000), 10, 0.6, 0.5),
              (6, 2, 3, (1024, 256), 20, 0.3, 0.6), (11, 4, 8, (720, 1280), 3, 0.4, 0.5),
              (8, 3, 6, (600, 800), 25, 0.85, 0.5)]
    for seed, (S, B, C, image_shape, max_boxes, score_threshold, iou_threshold) in enumerate(shapes, start=60):
        outputs = _grid(np.random.default_rng(seed), S, B, C)
        name = (f"{S}x{S} grid, {B} anchors, {C} classes, image {image_shape}, max_boxes {max_boxes}, "
                f"score_threshold {score_threshold}, iou_threshold {iou_threshold}")
        args = (outputs, image_shape, max_boxes, score_threshold, iou_threshold)
        cases.append(Case(name, args=args, note=_note(box_xy=outputs[0], image_shape=image_shape)))
    return cases


CHECKS = {
    "yolo_filter_boxes": yolo_filter_boxes_cases,
    "iou": iou_cases,
    "yolo_non_max_suppression": yolo_non_max_suppression_cases,
    "yolo_eval": yolo_eval_cases,
}
