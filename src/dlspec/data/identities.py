"""Made-up people for training a face embedding with the triplet loss (C4W4A1): many pictures of each of many
cartoon faces, 64x64 RGB, drawn by the same seeded painter as the happy faces (``dlspec.data.render``).

A person is a set of traits drawn once: skin tone, hair colour and cut, the shape of the head, where the eyes sit,
how big they are and their colour, brows, glasses, nose, mouth width. Each picture of that person then varies
what a camera and a day vary: the clothes, where the head is, its size and tilt, the light, the background, the
expression (the mouth's curve), contrast and sensor noise. An embedding that works has to ignore the second list
and keep the first. Nothing here is a real person.
"""

from __future__ import annotations

import itertools

import numpy as np

from dlspec.data.render import Frame, background, capsule, ellipse, finish, lighting, paint, ring, skin

SEED_TRAIN, SEED_TEST = 41, 42
N_TRAIN_PEOPLE, N_TEST_PEOPLE = 200, 12
TRAIN_PICTURES, TEST_PICTURES = 4, 10  # more people rather than more pictures: it is people an encoder must tell apart
HAIR = np.array([
    [0.08, 0.07, 0.06], [0.25, 0.15, 0.08], [0.45, 0.30, 0.15], [0.55, 0.22, 0.10], [0.85, 0.70, 0.40],
    [0.70, 0.70, 0.70], [0.60, 0.10, 0.50], [0.15, 0.30, 0.60],
])  # fmt: skip
DARK = np.array([0.2, 0.05, 0.05])
WHITE = np.array([0.95, 0.95, 0.9])


def draw_person(rng: np.random.Generator) -> dict:
    """The traits of one made-up person: what stays the same from picture to picture."""
    return {
        "skin": skin(rng), "hair": HAIR[rng.integers(len(HAIR))] + rng.uniform(-0.05, 0.05, 3),
        "cut": int(rng.integers(4)),  # 0 short, 1 long, 2 none, 3 a high crown
        "head": rng.uniform(0.62, 0.85), "chin": rng.uniform(0.82, 1.05),
        "apart": rng.uniform(0.22, 0.36), "eye_height": rng.uniform(0.05, 0.2), "eye": rng.uniform(0.06, 0.12),
        "iris": rng.uniform(0.0, 0.6, 3), "brow": rng.uniform(0.02, 0.06), "glasses": bool(rng.random() < 0.3),
        "nose": rng.uniform(0.15, 0.35), "mouth": rng.uniform(0.18, 0.38),
    }  # fmt: skip


def _mouth(face: Frame, image: np.ndarray, half_width: float, bend: float) -> None:
    """The mouth as four strokes along a parabola through (0, -0.5) whose corners rise by ``bend``."""
    u = np.linspace(-half_width, half_width, 5)
    v = -0.5 + bend * (u / half_width) ** 2
    points = [face.point(float(a), float(b)) for a, b in zip(u, v, strict=True)]
    for p, q in itertools.pairwise(points):
        paint(image, capsule(p, q, 0.05 * face.scale), DARK, outline=0.0)


def draw_picture(rng: np.random.Generator, person: dict) -> np.ndarray:
    """One picture of ``person``, ``(64, 64, 3)`` uint8: the traits of the person, the pose and light of the
    moment."""
    p = person
    image = background(rng)
    face = Frame(rng.uniform(28, 36), rng.uniform(25, 31), rng.uniform(15.5, 19.5), rng.uniform(-0.1, 0.1))
    colour = lighting(rng, p["skin"])
    paint(image, ellipse(face, 0.0, -2.0, 1.6, 0.85), rng.uniform(0.0, 1.0, 3), outline=0.2)  # clothes change
    paint(image, capsule(face.point(0.0, -0.6), face.point(0.0, -1.4), 0.28 * face.scale), colour, outline=0.2)
    if p["cut"] == 1:
        paint(image, ellipse(face, 0.0, 0.2, p["head"] + 0.17, 0.98), p["hair"], outline=0.2)
    for side in (-1.0, 1.0):
        paint(image, ellipse(face, side * (p["head"] - 0.01), 0.0, 0.12, 0.2), colour, outline=0.3)
    paint(image, ellipse(face, 0.0, 0.0, p["head"], p["chin"]), colour, outline=0.2)
    if p["cut"] in (0, 1):
        paint(image, ellipse(face, 0.0, 0.72, p["head"] - 0.01, 0.35), p["hair"], outline=0.2)
    elif p["cut"] == 3:
        paint(image, ellipse(face, 0.0, 0.9, 0.5 * p["head"], 0.4), p["hair"], outline=0.2)
    apart, height, size = p["apart"], p["eye_height"], p["eye"]
    for side in (-1.0, 1.0):
        paint(image, ellipse(face, side * apart, height, 1.4 * size, size), WHITE, outline=0.3)
        paint(image, ellipse(face, side * apart, height, 0.6 * size, 0.6 * size), p["iris"], outline=0.5)
        inner, outer = (face.point(side * (apart + dx), height + 0.14) for dx in (-0.12, 0.12))
        paint(image, capsule(inner, outer, p["brow"] * face.scale), p["hair"], outline=0.0)
        if p["glasses"]:
            paint(image, ring(ellipse(face, side * apart, height, 2.2 * size, 1.8 * size), 0.5), DARK * 2)
    nose = capsule(face.point(0.0, 0.05), face.point(0.04, 0.05 - p["nose"]), 0.05 * face.scale)
    paint(image, nose, colour * 0.8, 0.3)
    _mouth(face, image, p["mouth"], rng.uniform(-0.08, 0.18))  # the expression changes, the width does not
    return finish(rng, image)


def identities(n_people: int = N_TRAIN_PEOPLE, pictures: int = TRAIN_PICTURES, seed: int = SEED_TRAIN
               ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """``pictures`` pictures of each of ``n_people`` made-up people: ``X (n_people * pictures, 64, 64, 3)`` uint8
    and ``Y (n_people * pictures,)`` int64, the person's number, people in order. Seeded: the same everywhere."""
    rng = np.random.default_rng(seed)
    people = [draw_person(rng) for _ in range(n_people)]
    X = np.stack([draw_picture(rng, person) for person in people for _ in range(pictures)])
    return X, np.repeat(np.arange(n_people), pictures)


def load_identities() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The training people and the test people (nobody in both): ``X_train (800, 64, 64, 3), Y_train (800,),
    X_test (120, 64, 64, 3), Y_test (120,)``: 4 pictures of each of 200 people, 10 of each of 12 others."""
    return (*identities(N_TRAIN_PEOPLE, TRAIN_PICTURES, SEED_TRAIN),
            *identities(N_TEST_PEOPLE, TEST_PICTURES, SEED_TEST))  # fmt: skip
