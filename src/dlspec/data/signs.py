"""SIGNS: pictures of a hand showing 0 to 5 fingers, 64x64 RGB, 1,080 for training and 120 for testing.

The original course's SIGNS photographs ship in no package registry, so dlspec draws its own with seeded code: a
palm, an arm (bare or in a sleeve) and five fingers, each finger up or folded, with a random skin tone, lighting,
size, position, tilt, left or right hand, and a background cut from a texture photograph (brick, grass, gravel),
smooth noise or a plain wall. A count is not always shown the same way (three may be index-middle-ring or
thumb-index-middle), so a classifier has to count fingers rather than match one silhouette: a linear model on the
pixels does badly, a small ConvNet well. The loader keeps the original's contract (``load_signs_dataset``).
"""

from __future__ import annotations

import numpy as np

from dlspec.data.render import SIZE, Frame, background, capsule, ellipse, finish, lighting, paint, skin, \
    split_labels, turn

N_TRAIN, N_TEST = 1080, 120
SEED = 6
CLASSES = np.arange(6)

INDEX, MIDDLE, RING, LITTLE, THUMB = range(5)
# the four fingers from the thumb's side: where each leaves the palm (across it, in palm half-widths) and its length
FINGERS = ((0.32, 0.80), (0.11, 0.92), (-0.11, 0.86), (-0.32, 0.66))
# the fingers up for each count: the usual way, then other ways people count on a hand
POSES: dict[int, list[tuple[int, ...]]] = {
    0: [()],
    1: [(INDEX,), (THUMB,), (LITTLE,)],
    2: [(INDEX, MIDDLE), (THUMB, INDEX), (INDEX, LITTLE)],
    3: [(INDEX, MIDDLE, RING), (THUMB, INDEX, MIDDLE), (MIDDLE, RING, LITTLE)],
    4: [(INDEX, MIDDLE, RING, LITTLE), (THUMB, INDEX, MIDDLE, RING)],
    5: [(INDEX, MIDDLE, RING, LITTLE, THUMB)],
}
OTHER_WAY = 0.2  # how often a count is shown another way than the usual
FINGER_RADIUS, THUMB_RADIUS = 0.11, 0.13


def draw_hand(rng: np.random.Generator, count: int) -> np.ndarray:
    """One picture of a hand holding up ``count`` fingers, ``(64, 64, 3)`` uint8."""
    poses = POSES[count]
    other = len(poses) > 1 and rng.random() < OTHER_WAY
    up = set(poses[1 + rng.integers(len(poses) - 1)] if other else poses[0])
    image = background(rng)
    side = 1.0 if rng.random() < 0.5 else -1.0  # which side the thumb is on: a left or a right hand
    hand = Frame(rng.uniform(28, 36), rng.uniform(37, 42), rng.uniform(21, 26), rng.uniform(-0.14, 0.14))
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


def render_signs(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Pictures ``(m, 64, 64, 3)`` uint8 of hands showing ``labels[i]`` fingers."""
    images = np.empty((len(labels), SIZE, SIZE, 3), np.uint8)
    for i, count in enumerate(labels):
        images[i] = draw_hand(rng, int(count))
    return images


def load_signs_dataset() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The original's ``load_signs_dataset()``: ``X_train_orig (1080, 64, 64, 3) uint8, Y_train_orig (1, 1080),
    X_test_orig (120, 64, 64, 3), Y_test_orig (1, 120), classes [0 1 2 3 4 5]``. Labels are int64, 180 of each
    count in the training set and 20 in the test set. The same on every call and every machine (seeded)."""
    rng = np.random.default_rng(SEED)
    y_train, y_test = split_labels(rng, len(CLASSES), N_TRAIN, N_TEST)
    X_train, X_test = render_signs(y_train, rng), render_signs(y_test, rng)
    return X_train, y_train.reshape(1, -1), X_test, y_test.reshape(1, -1), CLASSES.copy()
