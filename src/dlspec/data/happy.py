"""Happy or not: pictures of a face, smiling (1) or not (0), 64x64 RGB, 600 for training and 150 for testing.

The original course's "Happy House" photographs ship in no package registry, so dlspec draws cartoon faces with
the same seeded painter as SIGNS (``dlspec.data.render``): a head and shoulders with a random skin tone, hair,
eyes, brows, sometimes glasses, lit from a random side, slightly varied in size, place and tilt, in front of a textured
background. Only the mouth carries the label: a smile curves up (closed, or open with teeth); a face that does
not smile has a straight mouth, a frown, or a small "o". Brows, glasses and hair are drawn independently of it.
The loader keeps the original's contract (``load_happy_dataset``).
"""

from __future__ import annotations

import itertools

import numpy as np

from dlspec.data.render import Frame, background, capsule, drawn_set, ellipse, finish, lighting, paint, ring, skin

N_TRAIN, N_TEST = 600, 150
SEED = 3
N_CLASSES = 2  # not smiling, smiling

# black, dark brown, brown, auburn, blond, grey
HAIR = np.array([
    [0.08, 0.07, 0.06], [0.25, 0.15, 0.08], [0.45, 0.30, 0.15], [0.55, 0.22, 0.10], [0.85, 0.70, 0.40],
    [0.70, 0.70, 0.70],
])  # fmt: skip
MOUTH_Y = -0.5  # where the mouth sits in head units (the head is 0.75 wide and 0.95 tall, half-axes)
DARK = np.array([0.2, 0.05, 0.05])
TEETH = np.array([0.95, 0.95, 0.9])


def _curve(face: Frame, half_width: float, bend: float, thickness: float) -> list:
    """A mouth line through ``(0, MOUTH_Y)`` whose corners rise by ``bend`` (negative: droop), as four strokes
    along the parabola."""
    u = np.linspace(-half_width, half_width, 5)
    v = MOUTH_Y + bend * (u / half_width) ** 2
    points = [face.point(float(a), float(b)) for a, b in zip(u, v, strict=True)]
    return [capsule(p, q, thickness * face.scale) for p, q in itertools.pairwise(points)]


def _open_smile(face: Frame, image: np.ndarray, half_width: float, depth: float) -> None:
    """A grin: the lower half of an ellipse below the mouth line, dark, with a band of teeth at its top."""
    window = face.window(0.0, MOUTH_Y, half_width)
    u, v = face.local(window)
    inside = np.sqrt((u / half_width) ** 2 + ((v - MOUTH_Y) / depth) ** 2) - 1.0
    mouth = np.maximum(inside * depth * face.scale, (v - MOUTH_Y) * face.scale)
    paint(image, (window, mouth), DARK, outline=0.0)
    teeth = np.maximum(mouth, (MOUTH_Y - 0.35 * depth - v) * face.scale)
    paint(image, (window, teeth), TEETH, outline=0.1)


def _mouth(rng: np.random.Generator, face: Frame, image: np.ndarray, smiling: bool) -> None:
    half_width, lips = rng.uniform(0.22, 0.36), rng.uniform(0.04, 0.06)
    if smiling and rng.random() < 0.6:
        _open_smile(face, image, half_width + 0.04, rng.uniform(0.14, 0.22))
        return
    if not smiling and rng.random() < 0.2:  # surprised: a small open "o"
        paint(image, ring(ellipse(face, 0.0, MOUTH_Y, 0.08, rng.uniform(0.08, 0.13)), lips * face.scale), DARK)
        return
    bend = rng.uniform(0.1, 0.2) if smiling else rng.uniform(-0.12, 0.02)
    for stroke in _curve(face, half_width, bend, lips):
        paint(image, stroke, DARK, outline=0.0)


def _eyes(rng: np.random.Generator, face: Frame, image: np.ndarray, hair: np.ndarray) -> None:
    apart, height, size = rng.uniform(0.25, 0.34), rng.uniform(0.08, 0.18), rng.uniform(0.07, 0.11)
    iris = rng.uniform(0.0, 0.5, 3)
    tilt = rng.uniform(-0.06, 0.06)  # brows: raised at the middle or at the ends, whatever the mouth does
    glasses = rng.random() < 0.25
    for side in (-1.0, 1.0):
        paint(image, ellipse(face, side * apart, height, 1.4 * size, size), TEETH, outline=0.3)
        paint(image, ellipse(face, side * apart, height, 0.6 * size, 0.6 * size), iris, outline=0.5)
        inner, outer = face.point(side * (apart - 0.12), height + 0.14 + tilt), face.point(side * (apart + 0.12),
                                                                                            height + 0.14 - tilt)
        paint(image, capsule(inner, outer, 0.035 * face.scale), hair, outline=0.0)
        if glasses:
            paint(image, ring(ellipse(face, side * apart, height, 2.2 * size, 1.8 * size), 0.5), DARK * 2)


def draw_face(rng: np.random.Generator, label: int) -> np.ndarray:
    """One picture of a face, ``(64, 64, 3)`` uint8: smiling where ``label`` is 1."""
    image = background(rng)
    face = Frame(rng.uniform(30, 34), rng.uniform(26, 30), rng.uniform(17, 19), rng.uniform(-0.06, 0.06))
    colour, hair = lighting(rng, skin(rng)), HAIR[rng.integers(len(HAIR))] + rng.uniform(-0.05, 0.05, 3)
    style = rng.integers(3)  # 0 short hair, 1 long hair, 2 none
    paint(image, ellipse(face, 0.0, -2.0, 1.6, 0.85), rng.uniform(0.0, 1.0, 3), outline=0.2)  # shoulders
    paint(image, capsule(face.point(0.0, -0.6), face.point(0.0, -1.4), 0.28 * face.scale), colour, outline=0.2)
    if style == 1:
        paint(image, ellipse(face, 0.0, 0.2, 0.92, 0.98), hair, outline=0.2)
    for side in (-1.0, 1.0):
        paint(image, ellipse(face, side * 0.74, 0.0, 0.12, 0.2), colour, outline=0.3)
    paint(image, ellipse(face, 0.0, 0.0, 0.75, 0.95), colour, outline=0.2)
    if style < 2:
        paint(image, ellipse(face, 0.0, 0.72, 0.74, 0.35), hair, outline=0.2)
    _eyes(rng, face, image, hair)
    paint(image, capsule(face.point(0.0, 0.05), face.point(0.04, -0.2), 0.05 * face.scale), colour * 0.8, 0.3)
    _mouth(rng, face, image, smiling=label == 1)
    return finish(rng, image)


def load_happy_dataset() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The original's ``load_happy_dataset()``: ``X_train_orig (600, 64, 64, 3) uint8, Y_train_orig (1, 600),
    X_test_orig (150, 64, 64, 3), Y_test_orig (1, 150), classes [0 1]``; 1 means smiling. Labels are int64, half
    of each set smiling. The same on every call and every machine (seeded)."""
    return drawn_set(draw_face, N_CLASSES, N_TRAIN, N_TEST, SEED)
