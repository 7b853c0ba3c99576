"""C4W4A1's answer key and helpers: the triplet loss against a NumPy loop and its gradient against finite
differences, the door's distances to a person's nearest photograph, and the equal-error threshold."""

import numpy as np
import pytest
import torch

from dlspec.nn import facerec


def test_triplet_loss_is_the_sum_of_hinges():
    rng = np.random.default_rng(0)
    a, p, n = (rng.normal(size=(6, 5)) for _ in range(3))
    expected = sum(max(np.sum((a[i] - p[i]) ** 2) - np.sum((a[i] - n[i]) ** 2) + 0.3, 0.0) for i in range(6))
    got = facerec.triplet_loss(None, tuple(torch.tensor(v) for v in (a, p, n)), alpha=0.3)
    assert got.item() == pytest.approx(expected)
    hinges = np.sum((a - p) ** 2, axis=1) - np.sum((a - n) ** 2, axis=1) + 0.3
    assert hinges.min() < 0 < hinges.max()  # both kinds of triplet are in the batch


def test_triplet_loss_gradient_matches_finite_differences():
    rng = np.random.default_rng(1)
    y_pred = tuple(torch.tensor(rng.normal(size=(4, 3)), dtype=torch.float64, requires_grad=True) for _ in range(3))
    assert torch.autograd.gradcheck(lambda a, p, n: facerec.triplet_loss(None, (a, p, n), 0.5), y_pred)


class MeanColour(torch.nn.Module):
    """An 'encoder' whose encoding of a picture is its mean colour, (1, 3)."""

    def forward(self, x):
        return x.mean(dim=(2, 3))


def test_the_door_compares_with_the_nearest_photograph():
    picture = np.zeros((4, 4, 3), dtype=np.uint8)
    picture[..., 0] = 10  # one colour: resized to 150 x 150 it stays (10, 0, 0)
    near = np.array([10 + 0.5 * facerec.THRESHOLD, 0, 0], dtype=np.float32)
    database = {"ana": np.stack([near + 5, near]), "bo": np.zeros((1, 3), dtype=np.float32)}
    dist, door_open = facerec.verify(picture, "ana", database, MeanColour())
    assert dist == pytest.approx(0.5 * facerec.THRESHOLD, rel=1e-5) and door_open
    assert facerec.verify(picture, "bo", database, MeanColour())[1] is False
    min_dist, identity = facerec.who_is_it(picture, database, MeanColour())
    assert identity == "ana" and min_dist == pytest.approx(dist)


def test_pair_distances_split_same_and_different():
    same, different = facerec.pair_distances(np.array([[0.0, 0.0], [3.0, 4.0], [0.0, 1.0]]), ["a", "b", "a"])
    assert same.tolist() == [1.0]
    assert sorted(different.tolist()) == pytest.approx([np.sqrt(18.0), 5.0])
    same, different = facerec.pair_distances(np.array([[0.0, 0.0], [3.0, 4.0], [0.0, 1.0]]), ["a", "b", "a"],
                                             sources=["x", "y", "x"])  # fmt: skip
    assert same.tolist() == [] and sorted(different.tolist()) == pytest.approx([np.sqrt(18.0), 5.0])


def test_equal_error_threshold_separates_what_can_be_separated():
    threshold, accuracy = facerec.equal_error_threshold(np.array([0.1, 0.2, 0.3]), np.array([0.5, 0.6, 0.9, 1.0]))
    assert threshold == pytest.approx(0.4) and accuracy == 1.0
    threshold, accuracy = facerec.equal_error_threshold(np.array([0.1, 0.2, 0.6, 0.3]), np.array([0.5, 0.7, 0.9, 1.0]))
    assert 0.3 < threshold < 0.7 and accuracy == pytest.approx(0.75)
