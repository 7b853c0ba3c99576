"""The drawn image sets (SIGNS hands, happy faces): the original's shapes and labels, balanced classes, the same
bytes on every call, pictures that differ from each other, and a painter whose pieces do what they say."""

import numpy as np
import pytest

from dlspec.data import render
from dlspec.data.happy import load_happy_dataset
from dlspec.data.signs import load_signs_dataset

SETS = {
    "signs": (load_signs_dataset, 1080, 120, [0, 1, 2, 3, 4, 5]),
    "happy": (load_happy_dataset, 600, 150, [0, 1]),
}


@pytest.fixture(scope="module", params=list(SETS))
def drawn(request):
    loader, m_train, m_test, classes = SETS[request.param]
    return loader(), m_train, m_test, classes


def test_the_original_shapes_dtypes_and_balanced_labels(drawn):
    (X_train, Y_train, X_test, Y_test, classes), m_train, m_test, expected = drawn
    assert X_train.shape == (m_train, 64, 64, 3) and X_test.shape == (m_test, 64, 64, 3)
    assert X_train.dtype == X_test.dtype == np.uint8
    assert Y_train.shape == (1, m_train) and Y_test.shape == (1, m_test) and Y_train.dtype == np.int64
    assert classes.tolist() == expected
    for Y, m in ((Y_train, m_train), (Y_test, m_test)):
        assert np.bincount(Y[0]).tolist() == [m // len(expected)] * len(expected)
    assert Y_train[0, :12].tolist() != sorted(Y_train[0, :12].tolist())  # shuffled, not class by class


def test_every_picture_is_its_own_and_uses_the_whole_range(drawn):
    (X_train, _, X_test, _, _), _, _, _ = drawn
    pictures = np.concatenate([X_train, X_test]).reshape(len(X_train) + len(X_test), -1)
    assert len(np.unique(pictures, axis=0)) == len(pictures)
    assert pictures.min() < 20 and pictures.max() > 235


@pytest.mark.parametrize("name", list(SETS))
def test_a_second_load_gives_the_same_bytes(name):
    loader = SETS[name][0]
    first, second = loader(), loader()
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))


def test_a_turned_frame_maps_its_points_and_back():
    frame = render.Frame(30.0, 20.0, 10.0, 0.2)
    assert frame.point(0.0, 0.0) == (30.0, 20.0)
    x, y = frame.point(1.0, 0.5)
    window = frame.window(1.0, 0.5, 0.0)
    u, v = frame.local(window)
    at = (np.abs(render.X[window] - x) < 0.5) & (np.abs(render.Y[window] - y) < 0.5)
    assert abs(u[at][0] - 1.0) < 0.1 and abs(v[at][0] - 0.5) < 0.1
    assert frame.cos**2 + frame.sin**2 == pytest.approx(1.0)


def test_painting_a_shape_covers_its_inside_and_leaves_the_rest():
    image = np.zeros((64, 64, 3))
    render.paint(image, render.capsule((10.0, 10.2), (40.0, 10.2), 3.0), np.array([1.0, 0.5, 0.0]), outline=0.0)
    assert image[10, 25].tolist() == [1.0, 0.5, 0.0]  # inside
    assert image[30, 25].tolist() == [0.0, 0.0, 0.0]  # far outside
    assert 0 < image[13, 25, 0] < 1  # the anti-aliased edge
