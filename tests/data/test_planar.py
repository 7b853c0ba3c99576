"""The planar data are the shapes the lesson expects, the same on every call, and hard for a straight line."""

import numpy as np
from sklearn.linear_model import LogisticRegression

from dlspec.data.planar import load_extra_datasets, load_planar_dataset


def test_flower_has_the_course_shapes_and_balanced_classes():
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.uint8
    assert np.bincount(Y.ravel()).tolist() == [200, 200]
    assert np.abs(X).max() < 6  # radius 4 plus noise


def test_flower_is_seeded():
    X1, Y1 = load_planar_dataset()
    X2, Y2 = load_planar_dataset(seed=1)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.allclose(X1, load_planar_dataset(seed=2)[0])


def test_flower_defeats_a_linear_classifier_but_not_a_nearest_neighbour_one():
    from sklearn.neighbors import KNeighborsClassifier

    X, Y = load_planar_dataset()
    linear = LogisticRegression().fit(X.T, Y.ravel()).score(X.T, Y.ravel())
    local = KNeighborsClassifier(5).fit(X.T, Y.ravel()).score(X.T, Y.ravel())
    assert linear < 0.6
    assert local > 0.85


def test_extra_datasets_are_five_sklearn_pairs_of_200_points():
    sets = load_extra_datasets()
    assert len(sets) == 5
    for X, y in sets:
        assert X.shape == (200, 2)
        assert y.shape == (200,)
    circles, moons, blobs, quantiles, noise = sets
    for _, y in (circles, moons, quantiles, noise):
        assert set(np.unique(y)) == {0, 1}
    assert set(np.unique(blobs[1])) == set(range(6))
    np.testing.assert_array_equal(load_extra_datasets()[0][0], circles[0])

