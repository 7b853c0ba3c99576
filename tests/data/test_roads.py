"""The road-scene renderer: shapes and dtypes, the same bytes for the same seed, boxes that agree with the masks,
occlusion that clips or removes a box, and a perspective in which nearer objects are larger."""

import numpy as np
import pytest

from dlspec.data import roads


@pytest.fixture(scope="module")
def drawn():
    return roads.scenes(60, seed=5)


def test_shapes_and_dtypes(drawn):
    assert drawn.images.shape == (60, 96, 128, 3) and drawn.images.dtype == np.uint8
    assert drawn.masks.shape == (60, 96, 128) and drawn.masks.dtype == np.uint8
    assert len(drawn.boxes) == len(drawn.visible) == 60
    for boxes, visible in zip(drawn.boxes, drawn.visible, strict=True):
        assert boxes.dtype == np.int64 and boxes.shape[1:] == (5,) and visible.shape == (len(boxes),)
    assert drawn.masks.max() < len(roads.CLASSES)
    small = roads.scenes(3, seed=1, size=(40, 56))
    assert small.images.shape == (3, 40, 56, 3) and small.masks.shape == (3, 40, 56)


def test_every_class_occurs_and_pictures_differ(drawn):
    assert set(np.unique(drawn.masks)) == set(range(len(roads.CLASSES)))
    boxed = np.concatenate([b[:, 0] for b in drawn.boxes])
    assert set(boxed) == set(roads.OBJECTS)
    assert len(np.unique(drawn.images.reshape(60, -1), axis=0)) == 60
    assert drawn.images.min() < 20 and drawn.images.max() > 235


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_scenes():
    first, second, other = roads.scenes(4, seed=9), roads.scenes(4, seed=9), roads.scenes(4, seed=10)
    assert np.array_equal(first.images, second.images) and np.array_equal(first.masks, second.masks)
    assert all(np.array_equal(a, b) for a, b in zip(first.boxes, second.boxes, strict=True))
    assert not np.array_equal(first.images, other.images)


def test_each_box_is_tight_around_pixels_of_its_class(drawn):
    for mask, boxes in zip(drawn.masks, drawn.boxes, strict=True):
        for cls, x1, y1, x2, y2 in boxes:
            assert 0 <= x1 < x2 <= 128 and 0 <= y1 < y2 <= 96
            crop = mask[y1:y2, x1:x2] == cls
            # its object's visible pixels carry its class and reach all four sides of the box
            assert crop[0].any() and crop[-1].any() and crop[:, 0].any() and crop[:, -1].any()


def test_every_object_pixel_lies_in_a_box_of_its_class(drawn):
    for mask, boxes in zip(drawn.masks, drawn.boxes, strict=True):
        covered = np.zeros(mask.shape, bool)
        for cls, x1, y1, x2, y2 in boxes:
            covered[y1:y2, x1:x2] |= mask[y1:y2, x1:x2] == cls
        assert not (np.isin(mask, roads.OBJECTS) & ~covered).any()


def test_occlusion_leaves_part_of_an_object_or_removes_its_box(drawn):
    visible = np.concatenate(drawn.visible)
    assert ((visible > 0) & (visible <= 1)).all()
    assert (visible == 1).mean() > 0.3 and (visible < 0.5).any()  # some in full view, some half hidden
    # a scene's objects are painted far to near: a hidden object's box holds pixels of what covers it
    partly = [(m, b) for m, bs, vs in zip(drawn.masks, drawn.boxes, drawn.visible, strict=True)
              for b, v in zip(bs, vs, strict=True) if v < 0.5]  # fmt: skip
    assert any((m[b[2] : b[4], b[1] : b[3]] != b[0]).mean() > 0.2 for m, b in partly)


def test_a_wholly_hidden_object_has_no_box():
    canvas = roads._Canvas(40, 60)
    canvas.rect(10, 10, 20, 30, np.ones(3), roads.CAR, owner=1)  # far
    canvas.rect(5, 5, 25, 35, np.zeros(3), roads.BUS, owner=2)  # near, in front of all of it
    canvas.rect(30, 10, 40, 30, np.ones(3), roads.PEDESTRIAN, owner=3)
    canvas.rect(35, 5, 60, 35, np.zeros(3), roads.TRUCK, owner=4)  # covers the pedestrian's right half
    boxes, visible = roads._boxes(canvas.owner, [0, roads.CAR, roads.BUS, roads.PEDESTRIAN, roads.TRUCK],
                                  [0, 200, 600, 200, 750])  # fmt: skip
    assert boxes.tolist() == [[roads.BUS, 5, 5, 25, 35], [roads.PEDESTRIAN, 30, 10, 35, 30],
                              [roads.TRUCK, 35, 5, 60, 35]]  # fmt: skip
    assert visible.tolist() == [1.0, 0.5, 1.0]


def test_of_two_cars_in_full_view_the_nearer_one_is_wider():
    drawn, pairs = roads.scenes(200, seed=6), 0
    for boxes, visible in zip(drawn.boxes, drawn.visible, strict=True):
        inside = (boxes[:, 1] > 0) & (boxes[:, 3] < 128) & (boxes[:, 4] < 96)
        cars = boxes[(boxes[:, 0] == roads.CAR) & (visible == 1) & inside]
        for _, x1, _, x2, bottom in cars:
            for _, u1, _, u2, other in cars:
                if bottom > other + 3:  # lower in the picture: nearer
                    assert x2 - x1 >= u2 - u1
                    pairs += 1
    assert pairs >= 5


def test_the_registered_sets_are_the_loaders():
    train, test = roads.load_road_scenes()
    assert train.images.shape == (roads.N_TRAIN, 96, 128, 3) and test.masks.shape == (roads.N_TEST, 96, 128)
