"""YOLO's post-processing: IoU against areas counted pixel by pixel, NMS against the properties that define it, and
the helpers' box conventions (corners (y1, x1, y2, x2), scaled by (height, width))."""

import numpy as np
import pytest

from dlspec.course.c4w3a1.checks import judge_nms
from dlspec.nn.yolo import (
    iou,
    pairwise_iou,
    scale_boxes,
    yolo_boxes_to_corners,
    yolo_eval,
    yolo_filter_boxes,
    yolo_non_max_suppression,
)


def _random_boxes(rng, n, size=12):
    corner = rng.integers(0, size, size=(n, 2))
    return np.concatenate([corner, corner + rng.integers(1, 6, size=(n, 2))], axis=1)


def _raster(box, size=20):
    x1, y1, x2, y2 = box
    grid = np.zeros((size, size), dtype=bool)
    grid[y1:y2, x1:x2] = True
    return grid


def test_iou_is_the_ratio_of_counted_pixels():
    rng = np.random.default_rng(0)
    for b1, b2 in zip(_random_boxes(rng, 300), _random_boxes(rng, 300), strict=True):
        r1, r2 = _raster(b1), _raster(b2)
        assert iou(tuple(b1), tuple(b2)) == pytest.approx((r1 & r2).sum() / (r1 | r2).sum())


def test_iou_ignores_which_axis_comes_first_and_matches_the_vectorised_form():
    rng = np.random.default_rng(1)
    boxes = rng.uniform(0, 1, size=(30, 4))
    boxes[:, 2:] += boxes[:, :2]
    table = pairwise_iou(boxes)
    for i in range(30):
        for j in range(30):
            assert iou(boxes[i], boxes[j]) == pytest.approx(table[i, j])
            assert iou(boxes[i][[1, 0, 3, 2]], boxes[j][[1, 0, 3, 2]]) == pytest.approx(table[i, j])
    assert np.allclose(np.diag(table), 1)


@pytest.mark.parametrize("seed", range(20))
def test_nms_keeps_no_overlaps_and_drops_only_overlapped_boxes(seed):
    rng = np.random.default_rng(seed)
    n, threshold = 40, rng.choice([0.2, 0.5, 0.7])
    boxes = _random_boxes(rng, n).astype(float)
    scores = rng.choice([0.6, 0.7, 0.8, 0.9, 0.95], size=n)  # ties on purpose
    classes = rng.integers(0, 3, size=n)
    got = yolo_non_max_suppression(scores, boxes, classes, n, threshold)
    kept_scores, kept_boxes, _ = got
    assert np.all(np.diff(kept_scores) <= 0)
    overlaps = pairwise_iou(kept_boxes)
    assert np.all(overlaps[np.triu_indices(len(kept_boxes), 1)] <= threshold)
    for s, b in zip(scores, boxes, strict=True):
        if not np.any(np.all(kept_boxes == b, axis=1)):
            assert any(iou(b, k) > threshold and ks >= s for k, ks in zip(kept_boxes, kept_scores, strict=True))
    assert judge_nms(got, None, (scores, boxes, classes, n, threshold)) is None
    few = yolo_non_max_suppression(scores, boxes, classes, 3, threshold)
    assert all(np.array_equal(a, b[:3]) for a, b in zip(few, got, strict=True))


def test_the_nms_judge_accepts_either_order_of_a_tie_and_rejects_a_duplicate():
    boxes = np.array([[0, 0, 2, 2], [0, 0, 2, 2.1], [5, 5, 6, 6]], dtype=float)
    scores, classes = np.array([0.9, 0.9, 0.7]), np.array([0, 1, 0])
    args = (scores, boxes, classes, 10, 0.5)
    assert judge_nms((scores[[0, 2]], boxes[[0, 2]], classes[[0, 2]]), None, args) is None
    assert judge_nms((scores[[1, 2]], boxes[[1, 2]], classes[[1, 2]]), None, args) is None
    assert "suppressed" in judge_nms((scores, boxes, classes), None, args)


def test_filter_keeps_scores_at_the_threshold():
    boxes = np.arange(2 * 2 * 1 * 4, dtype=float).reshape(2, 2, 1, 4)
    confidence = np.full((2, 2, 1, 1), 0.5)
    probs = np.array([[0.2, 0.8], [1.0, 0.0], [0.5, 0.5], [0.9, 0.1]]).reshape(2, 2, 1, 2)
    scores, kept, classes = yolo_filter_boxes(boxes, confidence, probs, 0.45)
    assert scores.tolist() == [0.5, 0.45] and classes.tolist() == [0, 0]
    assert kept.tolist() == [boxes[0, 1, 0].tolist(), boxes[1, 1, 0].tolist()]


def test_corners_are_y_first_and_scaled_by_height_then_width():
    corners = yolo_boxes_to_corners(np.array([0.5, 0.25]), np.array([0.2, 0.1]))  # x, y and w, h
    assert np.allclose(corners, [0.2, 0.4, 0.3, 0.6])
    assert np.allclose(scale_boxes(corners, (100, 200)), [20, 80, 30, 120])


def test_eval_with_nothing_above_the_threshold_returns_empty_arrays():
    S, B, C = 3, 2, 4
    outputs = (np.full((S, S, B, 2), 0.5), np.full((S, S, B, 2), 0.1), np.full((S, S, B, 1), 0.1),
               np.full((S, S, B, C), 1 / C))
    scores, boxes, classes = yolo_eval(outputs)
    assert scores.shape == (0,) and boxes.shape == (0, 4) and classes.shape == (0,)
