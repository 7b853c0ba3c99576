"""The office-door database: real photographs, several crops per person, and face-api's embeddings of them tell
people apart. Figures (dlspec's FaceRecognitionNet, L2 distances between 128-d embeddings): two photographs of one
person 0.43-0.46, two people 0.71-0.89 (the 15 pairs of the six photographs' own crops); over all 24 crops, copies
of one photograph 0.05-0.53, one person in other photographs 0.42-0.64, two people 0.59-0.93."""

import numpy as np
import pytest

from dlspec.data import verify
from dlspec.data.faceapi import load_face_encoder
from dlspec.data.office import SOURCES, load_office
from dlspec.nn.faces import img_to_encoding


@pytest.fixture(scope="module")
def office():
    return load_office()


@pytest.fixture(scope="module")
def encodings(office):
    return np.concatenate([img_to_encoding(image, load_face_encoder()) for image in office.images])


def test_the_crops_match_their_checksum_and_say_where_they_come_from(office):
    verify("office")
    assert office.images.shape == (24, 150, 150, 3) and office.images.dtype == np.uint8
    assert set(office.photos) == set(SOURCES)
    for name in set(office.names):
        assert (office.names == name).sum() >= 4  # several pictures of everyone
    photos = office.photos[office.variants == "photo"]
    assert len(photos) == len(set(photos)) == 6  # one original crop per photograph, the rest marked as copies
    assert len(set(office.photos[office.names == "obama"])) == 3


def test_two_photographs_of_one_person_are_closer_than_any_two_people(office, encodings):
    keep = office.variants == "photo"
    e, names = encodings[keep], office.names[keep]
    d = np.linalg.norm(e[:, None] - e[None], axis=-1)
    same, upper = names[:, None] == names[None], np.triu(np.ones_like(d, dtype=bool), 1)
    assert d[same & upper].max() < 0.6 < d[~same & upper].min()  # face-api's (dlib's) threshold, 0.6


def test_over_every_crop_the_same_person_is_closer_on_average(office, encodings):
    d = np.linalg.norm(encodings[:, None] - encodings[None], axis=-1)
    same = office.names[:, None] == office.names[None]
    other_photo = office.photos[:, None] != office.photos[None]
    assert np.median(d[same & other_photo]) + 0.2 < np.median(d[~same])


def test_each_photograph_gives_its_crop_and_three_altered_copies():
    from dlspec.data.build_office import crop, crops_of

    photo = np.full((100, 80, 3), 200, dtype=np.uint8)
    assert crop(photo, 10, 10, 40)[:30, :30].max() == 0  # a quarter of each side is outside the photograph: black
    copies = crops_of(photo, (40.0, 50.0, 60.0), k=1)
    assert [v for v, _ in copies] == ["photo", "mirrored", "shifted", "darker"]
    assert all(image.shape == (150, 150, 3) and image.dtype == np.uint8 for _, image in copies)
    assert copies[3][1].max() == 160
