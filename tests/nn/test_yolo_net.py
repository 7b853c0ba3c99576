"""The YOLOv2-style detector: its decoding of known raw numbers into known boxes, its k-means anchors, and its loss,
near zero for a grid that predicts the true boxes exactly and larger for one that is off by a little."""

import numpy as np
import pytest
import torch

from dlspec.nn.yolo_net import TinyYolo, kmeans_anchors, shape_iou, yolo_head, yolo_loss, yolo_targets


def test_the_network_maps_an_image_to_a_grid_of_cells_eight_pixels_on_a_side():
    model = TinyYolo(np.ones((5, 2)), 4).eval()
    with torch.no_grad():
        assert model(torch.rand(2, 3, 96, 128)).shape == (2, 12, 16, 5, 9)
    assert sum(p.numel() for p in model.parameters()) == 100_605


def test_yolo_head_decodes_raw_numbers_as_yolov2_does():
    """A 2 x 3 grid, anchors (1, 2) and (3, 1) in cells. Raw zeros put every box at its cell's centre with its
    anchor's size; t_x = log 3 moves the midpoint to 3/4 of the cell (sigmoid(log 3) = 3/4), t_w = log 2 doubles the
    width."""
    anchors = torch.tensor([[1.0, 2.0], [3.0, 1.0]])
    raw = torch.zeros(2, 3, 2, 5 + 3)
    raw[1, 2, 0, 0] = np.log(3.0)
    raw[1, 2, 0, 2] = np.log(2.0)
    raw[0, 0, 1, 4] = 2.0
    raw[0, 0, 1, 5:] = torch.tensor([0.0, np.log(2.0), 0.0])
    box_xy, box_wh, box_confidence, box_class_probs = yolo_head(raw, anchors)
    assert box_xy.shape == box_wh.shape == (2, 3, 2, 2)
    assert box_confidence.shape == (2, 3, 2, 1) and box_class_probs.shape == (2, 3, 2, 3)
    assert torch.allclose(box_xy[0, 1, 1], torch.tensor([1.5 / 3, 0.5 / 2]))  # column 1, row 0
    assert torch.allclose(box_wh[0, 1, 1], torch.tensor([3 / 3, 1 / 2]))
    assert torch.allclose(box_xy[1, 2, 0], torch.tensor([2.75 / 3, 1.5 / 2]))  # column 2, row 1, x moved
    assert torch.allclose(box_wh[1, 2, 0], torch.tensor([2 / 3, 2 / 2]))
    assert torch.allclose(box_confidence[0, 0, 1, 0], torch.sigmoid(torch.tensor(2.0)))
    assert torch.allclose(box_confidence[1, 1, 1, 0], torch.tensor(0.5))
    assert torch.allclose(box_class_probs[0, 0, 1], torch.tensor([0.25, 0.5, 0.25]))


def test_kmeans_finds_the_shapes_of_two_clusters_and_sorts_them_by_area():
    rng = np.random.default_rng(0)
    tall = np.array([1.0, 4.0]) * rng.uniform(0.95, 1.05, (50, 2))
    wide = np.array([6.0, 3.0]) * rng.uniform(0.95, 1.05, (30, 2))
    anchors = kmeans_anchors(np.concatenate([wide, tall]), k=2)
    assert np.allclose(anchors, [tall.mean(axis=0), wide.mean(axis=0)])
    # (2, 2) and (1, 4) centred: 1 x 2 in common, of 4 + 4 - 2
    assert np.allclose(shape_iou(np.array([[2.0, 2.0]]), np.array([[2.0, 2.0], [1.0, 4.0]])), [[1.0, 1 / 3]])


def _perfect(targets, n_classes, confident=12.0):
    """The raw grid whose decoding is exactly the targets' boxes, confident where an anchor owns a box and
    nowhere else."""
    owner = targets.owner
    raw = torch.zeros(*owner.shape, 5 + n_classes)
    raw[..., 4] = -confident
    xy = targets.xy.clamp(1e-6, 1 - 1e-6)
    raw[..., 0:2] = torch.log(xy / (1 - xy))
    raw[..., 2:4] = targets.twh
    raw[owner, 4] = confident
    raw[owner, 5 + targets.cls[owner]] = confident
    return raw


BOXES = [np.array([[0, 0.10, 0.20, 0.30, 0.70], [2, 0.55, 0.40, 0.95, 0.90]]), np.array([[1, 0.40, 0.45, 0.50, 0.55]])]
ANCHORS = np.array([[1.0, 3.0], [4.0, 4.0]])


def test_each_box_is_owned_by_its_midpoint_cell_and_the_anchor_of_the_closest_shape():
    targets = yolo_targets(BOXES, ANCHORS, (6, 8))
    assert targets.owner.sum() == 3
    # the first box: midpoint (0.2, 0.45) -> column 1, row 2; 1.6 x 3 cells, closest to the tall anchor
    assert targets.owner[0, 2, 1, 0] and targets.cls[0, 2, 1, 0] == 0
    assert torch.allclose(targets.xy[0, 2, 1, 0], torch.tensor([0.6, 0.7]))
    assert torch.allclose(targets.twh[0, 2, 1, 0], torch.log(torch.tensor([1.6, 1.0])))
    assert targets.owner[0, 3, 6, 1] and targets.cls[0, 3, 6, 1] == 2  # midpoint (0.75, 0.65), 3.2 x 3 cells
    assert targets.truth.shape == (2, 2, 4) and not targets.truth[1, 1].any()


def test_the_loss_is_near_zero_for_a_perfect_grid_and_grows_as_it_drifts():
    targets = yolo_targets(BOXES, ANCHORS, (6, 8))
    anchors = torch.tensor(ANCHORS, dtype=torch.float32)
    raw = _perfect(targets, 3)
    assert yolo_loss(raw, targets, anchors).item() < 1e-3
    shifted = raw.clone()
    shifted[targets.owner, 0] += 1.0  # every owned midpoint off by a fraction of a cell
    wider = raw.clone()
    wider[targets.owner, 2] += 0.5
    wrong_class = raw.clone()
    wrong_class[targets.owner, 5:] = wrong_class[targets.owner, 5:].roll(1, dims=-1)
    unsure = raw.clone()
    unsure[targets.owner, 4] = 0.0
    for worse in (shifted, wider, wrong_class, unsure):
        assert yolo_loss(worse, targets, anchors).item() > 0.05
    assert yolo_loss(wrong_class, targets, anchors).item() > 5  # three confident wrong classes


def test_the_loss_ignores_a_confident_anchor_whose_box_already_overlaps_a_true_one():
    """Darknet leaves alone an anchor that does not own a box but predicts it well: it is not an error. The same
    confident anchor predicting a box elsewhere is."""
    targets = yolo_targets(BOXES[1:], ANCHORS, (6, 8))  # one box, owned by anchor 0 of row 3, column 3
    assert targets.owner[0, 3, 3, 0]
    anchors = torch.tensor(ANCHORS, dtype=torch.float32)
    raw = _perfect(targets, 3)
    base = yolo_loss(raw, targets, anchors).item()
    twin = raw.clone()
    twin[0, 3, 3, 1] = raw[0, 3, 3, 0]  # anchor 1 of the same cell decodes to the same box
    twin[0, 3, 3, 1, 2:4] = raw[0, 3, 3, 0, 2:4] + torch.log(anchors[0] / anchors[1])
    assert torch.allclose(yolo_head(twin, anchors)[1][0, 3, 3, 1], yolo_head(twin, anchors)[1][0, 3, 3, 0])
    assert yolo_loss(twin, targets, anchors).item() == pytest.approx(base, abs=1e-4)
    elsewhere = twin.clone()
    elsewhere[0, 3, 3, 1, 2:4] -= 3.0  # the same confidence, a box a twentieth the size
    assert yolo_loss(elsewhere, targets, anchors).item() > base + 0.9
