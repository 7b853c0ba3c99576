"""Mean average precision on cases worked by hand: the all-point interpolated area under precision-recall, a
duplicate detection counted as a false positive, a box claimed by the best detection first, difficult boxes
ignored, and the IoU threshold strict as VOC's."""

import numpy as np
import pytest

from dlspec.nn.detection_map import average_precision, match, mean_average_precision


def test_average_precision_of_a_ranking_worked_by_hand():
    """Three true boxes; ranked by score the detections are right, wrong, right, wrong. Precision / recall after
    each: 1/1 at 1/3, 1/2 at 1/3, 2/3 at 2/3, 2/4 at 2/3; interpolated, precision is 1 up to recall 1/3 and 2/3 up
    to 2/3, then 0: AP = 1/3 + 1/3 * 2/3 = 5/9."""
    scores = np.array([0.6, 0.9, 0.7, 0.8])  # given out of order: the function ranks them
    correct = np.array([False, True, True, False])
    assert average_precision(scores, correct, 3) == pytest.approx(5 / 9)


def test_interpolation_takes_the_best_precision_at_or_beyond_each_recall():
    """Wrong, right, right with two true boxes: raw precision 0, 1/2, 2/3 at recall 0, 1/2, 1; interpolated it is
    2/3 everywhere, so AP = 2/3 (not the 1/2 * 1/2 + 1/2 * 2/3 of the raw curve)."""
    assert average_precision(np.array([3.0, 2.0, 1.0]), np.array([False, True, True]), 2) == pytest.approx(2 / 3)
    assert average_precision(np.array([1.0, 0.5]), np.array([True, True]), 2) == 1.0
    assert average_precision(np.array([]), np.array([], bool), 2) == 0.0
    assert average_precision(np.array([0.5]), np.array([True]), 0) == 0.0


def test_the_best_detection_claims_a_box_and_a_duplicate_is_wrong():
    truth = np.array([[0.0, 0.0, 10.0, 10.0], [20.0, 20.0, 30.0, 30.0]])
    boxes = np.array([[0.0, 0.0, 10.0, 9.0], [1.0, 0.0, 10.0, 10.0], [20.0, 20.0, 30.0, 30.0], [50, 50, 60, 60]])
    correct, counted = match(np.array([0.5, 0.9, 0.3, 0.8]), boxes, truth, np.zeros(2, bool))
    assert correct.tolist() == [False, True, True, False] and counted.all()


def test_a_detection_of_a_difficult_box_neither_counts_nor_claims_and_iou_at_the_threshold_misses():
    truth = np.array([[0.0, 0.0, 10.0, 10.0], [20.0, 20.0, 30.0, 30.0]])
    boxes = np.array([[20.0, 20.0, 30.0, 30.0], [0.0, 0.0, 10.0, 20.0], [0.0, 0.0, 10.0, 10.0]])  # IoU 1, 1/2, 1
    correct, counted = match(np.array([0.9, 0.8, 0.1]), boxes, truth, np.array([False, True]))
    # the first claims the difficult box (not counted); the second misses at IoU 1/2; the third finds the other
    assert correct.tolist() == [False, False, True] and counted.tolist() == [False, True, True]


def test_mean_average_precision_over_images_and_classes():
    """Class 0: one box in each of two images, found in the first only, after a wrong detection that outscores it:
    precision 1/2 at recall 1/2, AP 1/4. Class 1: its only box found by the only detection, AP 1. A detection of
    the wrong class does not find a box."""
    truth = [
        (np.array([[0.0, 0.0, 4.0, 4.0], [5.0, 5.0, 9.0, 9.0]]), np.array([0, 1]), np.zeros(2, bool)),
        (np.array([[0.0, 0.0, 4.0, 4.0]]), np.array([0]), np.zeros(1, bool)),
    ]
    detections = [
        (np.array([0.7, 0.9, 0.8]), np.array([[0.0, 0.0, 4.0, 4.0], [5.0, 5.0, 9.0, 9.0], [5.0, 5.0, 9, 9]]),
         np.array([0, 1, 0])),
        (np.array([0.6]), np.array([[0.0, 0.0, 4.0, 4.0]]), np.array([1])),
    ]
    aps, mean = mean_average_precision(detections, truth, 2)
    assert aps == pytest.approx([1 / 4, 1.0]) and mean == pytest.approx(5 / 8)
