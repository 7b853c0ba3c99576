"""SIGNS: pictures of a hand showing 0 to 5 fingers, 64x64 RGB, 1,080 for training and 120 for testing.

The original course's SIGNS photographs ship in no package registry, so dlspec draws its own with seeded code: a
palm, an arm (bare or in a sleeve) and five fingers, each finger up or folded, with a random skin tone, lighting,
size, position, tilt, left or right hand, and a background cut from a texture photograph (brick, grass, gravel),
smooth noise or a plain wall. No pixel is reliably part of a finger, so a linear model on the pixels gets about
half of the test set right, and the course's small ConvNet about nine in ten (C4W1A2's notebook). The loader keeps
the original's contract (``load_signs_dataset``).
"""

from __future__ import annotations

import numpy as np

from dlspec.data.render import Frame, background, capsule, drawn_set, ellipse, finish, lighting, paint, skin, turn

N_TRAIN, N_TEST = 1080, 120
SEED = 6
N_CLASSES = 6  # 0 to 5 fingers

INDEX, MIDDLE, RING, LITTLE, THUMB = range(5)
# the four fingers from the thumb's side: where each leaves the top of the palm (across it, in hand units; the palm
# is 0.96 wide and 1.1 tall) and its length
FINGERS = ((0.32, 0.80), (0.11, 0.92), (-0.11, 0.86), (-0.32, 0.66))
# the fingers up for each count
FINGERS_UP = {0: (), 1: (INDEX,), 2: (INDEX, MIDDLE), 3: (INDEX, MIDDLE, RING), 4: (INDEX, MIDDLE, RING, LITTLE),
              5: (INDEX, MIDDLE, RING, LITTLE, THUMB)}  # fmt: skip
FINGER_RADIUS, THUMB_RADIUS = 0.11, 0.13


def draw_hand(rng: np.random.Generator, count: int) -> np.ndarray:
    """One picture of a hand holding up ``count`` fingers, ``(64, 64, 3)`` uint8."""
    up = FINGERS_UP[count]
    image = background(rng)
    side = 1.0 if rng.random() < 0.5 else -1.0  # which side the thumb is on: a left or a right hand
    hand = Frame(rng.uniform(30, 34), rng.uniform(38, 41), rng.uniform(22, 25), rng.uniform(-0.07, 0.07))
    colour = lighting(rng, skin(rng))

    def at(u: float, v: float) -> tuple[float, float]:
        return hand.point(side * u, v)

    r = hand.scale
    paint(image, capsule(at(0, -0.3), at(0, -5), rng.uniform(0.34, 0.4) * r), colour, outline=0.2)
    if rng.random() < 0.6:
        sleeve = rng.uniform(0.0, 1.0, 3)
        paint(image, capsule(at(0, -rng.uniform(1.1, 1.6)), at(0, -5), 0.45 * r), sleeve, outline=0.3)
    thumb_base = (0.40, -0.15)
    if THUMB in up:
        du, dv = turn(1.0, 0.0, rng.uniform(0.22, 0.55))
        tip = (thumb_base[0] + 0.62 * du, thumb_base[1] + 0.62 * dv)
        paint(image, capsule(at(*thumb_base), at(*tip), THUMB_RADIUS * r), colour)
    paint(image, ellipse(hand, 0.0, 0.0, 0.48, 0.55), colour, outline=0.25)
    spread, length = rng.uniform(0.02, 0.12), rng.uniform(0.9, 1.1)
    for finger, (u, finger_length) in enumerate(FINGERS):
        if finger in up:
            du, dv = turn(0.0, 1.0, spread * (finger - 1.5) + rng.uniform(-0.03, 0.03))
            tip = (u + length * finger_length * du, 0.32 + length * finger_length * dv)
            paint(image, capsule(at(u, 0.32), at(*tip), FINGER_RADIUS * r), colour)
        else:  # folded: only the knuckle shows above the palm
            paint(image, capsule(at(u, 0.30), at(u, 0.52), FINGER_RADIUS * 1.1 * r), colour)
    if THUMB not in up:  # folded across the palm
        paint(image, capsule(at(*thumb_base), at(-0.02, 0.08), THUMB_RADIUS * r), colour)
    return finish(rng, image)


def load_signs_dataset() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The original's ``load_signs_dataset()``: ``X_train_orig (1080, 64, 64, 3) uint8, Y_train_orig (1, 1080),
    X_test_orig (120, 64, 64, 3), Y_test_orig (1, 120), classes [0 1 2 3 4 5]``. Labels are int64, 180 of each
    count in the training set and 20 in the test set. The same on every call and every machine (seeded)."""
    return drawn_set(draw_hand, N_CLASSES, N_TRAIN, N_TEST, SEED)
