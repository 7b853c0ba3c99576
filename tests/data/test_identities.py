"""The made-up people of C4W4A1: the shapes and labels promised, the same bytes on every call, and pictures of one
person that differ from each other (pose, light) while keeping that person's traits."""

import numpy as np

from dlspec.data.identities import draw_person, draw_picture, identities, load_identities


def test_shapes_labels_and_people_in_order():
    X_train, Y_train, X_test, Y_test = load_identities()
    assert X_train.shape == (800, 64, 64, 3) and X_test.shape == (120, 64, 64, 3)
    assert X_train.dtype == X_test.dtype == np.uint8
    assert Y_train.dtype == Y_test.dtype == np.int64
    assert np.bincount(Y_train).tolist() == [4] * 200 and np.bincount(Y_test).tolist() == [10] * 12
    assert np.array_equal(Y_train, np.sort(Y_train))


def test_the_same_bytes_on_every_call():
    first, second = identities(3, 2, seed=5), identities(3, 2, seed=5)
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))
    assert not np.array_equal(first[0], identities(3, 2, seed=6)[0])


def test_pictures_of_one_person_differ_but_keep_the_traits():
    rng = np.random.default_rng(0)
    person = draw_person(rng)
    a, b = draw_picture(rng, person), draw_picture(rng, person)
    assert not np.array_equal(a, b)
    other = draw_person(rng)
    assert set(person) == set(other)
    assert not np.allclose(person["skin"], other["skin"])
