"""Road scenes as a car's camera sees them, drawn by seeded NumPy code, with exact boxes and per-pixel class masks:
the data of C4W3A1 (car detection) and C4W3A2 (segmentation with U-Net).

The original course used frames of the CARLA driving simulator (segmentation) and drive.ai photographs with COCO
weights (YOLO); neither ships in a package registry, so dlspec draws its own scenes, 96x128 by default like the
CARLA frames: a sky with clouds, buildings with windows along the horizon, a pavement, a road in perspective with
edge lines and dashed lane lines, and cars, buses, trucks and pedestrians at a scale their distance decides,
painted far to near so that near ones hide far ones. Colours, lighting, the horizon, the road's width and turn, and
the number of everything vary from scene to scene.

``scenes(m, seed, size=(H, W))`` returns a ``Scenes``:

* ``images`` ``(m, H, W, 3)`` uint8 RGB;
* ``masks`` ``(m, H, W)`` uint8, each pixel's class, an index into ``CLASSES``;
* ``boxes``: per scene a ``(k, 5)`` int64 array of ``(class, x1, y1, x2, y2)``, one row per object (car, bus,
  truck, pedestrian) with at least one visible pixel: the tight box of its *visible* pixels, in pixel indices with
  ``x1, y1`` the first column and row it covers and ``x2, y2`` one past the last (so ``masks[i, y1:y2, x1:x2]`` is
  its crop, and ``x2 - x1`` its width). An object hidden behind nearer ones, or outside the frame, is clipped to
  what shows; one wholly hidden has no box.
* ``visible``: per scene a ``(k,)`` float64 array, the share of each boxed object's own pixels (inside the frame)
  that nothing nearer covers: 1.0 for an object in full view. A detector's training may skip the barely visible.

Every step is arithmetic IEEE 754 rounds exactly, or integer indexing (see ``dlspec.data.render``), so the same seed
gives the same bytes on every machine.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

CLASSES = ("sky", "building", "pavement", "road", "lane marking", "car", "bus", "truck", "pedestrian")
SKY, BUILDING, PAVEMENT, ROAD, LANE, CAR, BUS, TRUCK, PEDESTRIAN = range(len(CLASSES))
OBJECTS = (CAR, BUS, TRUCK, PEDESTRIAN)
SIZE = (96, 128)
CAMERA_HEIGHT = 1.5  # metres above the road
LANE_WIDTH = 3.5  # metres
DASH, GAP = 3.0, 6.0  # a lane line's dashes and the gaps between them, metres along the road
# width and height in metres of each object seen from behind
DIMENSIONS = {CAR: (1.8, 1.45), BUS: (2.5, 3.1), TRUCK: (2.5, 3.6), PEDESTRIAN: (0.5, 1.75)}
# the sets the notebooks load: scenes for training and for testing, from different seeds
N_TRAIN, N_TEST, SEED_TRAIN, SEED_TEST = 600, 100, 41, 42


class Scenes(NamedTuple):
    images: np.ndarray
    masks: np.ndarray
    boxes: list[np.ndarray]
    visible: list[np.ndarray]


class _Canvas:
    """One scene being painted: its colours, its class per pixel, and which object (1, 2, ...; 0 none) each pixel
    shows. Pixel centres are at ``index + 0.5``."""

    def __init__(self, height: int, width: int) -> None:
        self.image = np.zeros((height, width, 3))
        self.mask = np.zeros((height, width), np.uint8)
        self.owner = np.zeros((height, width), np.int32)
        self.y, self.x = np.arange(height) + 0.5, np.arange(width) + 0.5

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: np.ndarray, cls: int, owner: int = 0) -> None:
        """Paint the pixels whose centres lie in ``[x0, x1) x [y0, y1)``."""
        rows, cols = self.span(y0, y1, self.y), self.span(x0, x1, self.x)
        self.image[rows, cols] = colour
        self.mask[rows, cols] = cls
        self.owner[rows, cols] = owner

    def disc(self, cx: float, cy: float, r: float, colour: np.ndarray, cls: int, owner: int = 0) -> None:
        rows, cols = self.span(cy - r, cy + r, self.y), self.span(cx - r, cx + r, self.x)
        dy, dx = self.y[rows, None] - cy, self.x[None, cols] - cx
        self.where((rows, cols), dx * dx + dy * dy <= r * r, colour, cls, owner)

    def where(self, window: tuple[slice, slice], inside: np.ndarray, colour: np.ndarray, cls: int,
              owner: int = 0) -> None:  # fmt: skip
        """Paint the pixels of ``window`` where ``inside`` holds; ``colour`` is a triple or a field over the window."""
        np.copyto(self.image[window], colour, where=inside[..., None])
        np.copyto(self.mask[window], cls, where=inside)
        np.copyto(self.owner[window], owner, where=inside)

    @staticmethod
    def span(lo: float, hi: float, centres: np.ndarray) -> slice:
        """The indices whose pixel centres lie in ``[lo, hi)``, clipped to the image."""
        n = len(centres)
        return slice(min(max(math.ceil(lo - 0.5), 0), n), min(max(math.ceil(hi - 0.5), 0), n))


def _colour(rng: np.random.Generator, lo: float, hi: float) -> np.ndarray:
    return rng.uniform(lo, hi, 3)


def _grey(rng: np.random.Generator, lo: float, hi: float) -> np.ndarray:
    return np.full(3, rng.uniform(lo, hi)) + rng.uniform(-0.03, 0.03, 3)


def _sky(rng: np.random.Generator, canvas: _Canvas, horizon: float) -> None:
    """A sky from deep at the top to pale at the horizon, with a few clouds."""
    top, low = rng.uniform([0.15, 0.3, 0.55], [0.45, 0.6, 0.95]), rng.uniform([0.6, 0.7, 0.8], [0.85, 0.9, 1.0])
    if rng.random() < 0.25:  # overcast
        top = low = _grey(rng, 0.55, 0.85)
    t = np.clip(canvas.y / max(horizon, 1.0), 0.0, 1.0)[:, None, None]
    canvas.image[:] = top * (1 - t) + low * t
    for _ in range(rng.integers(0, 4)):
        cx, cy, r = rng.uniform(0, len(canvas.x)), rng.uniform(0, horizon * 0.7), rng.uniform(3, 9)
        white = _grey(rng, 0.85, 1.0)
        for k in range(3):
            canvas.disc(cx + (k - 1) * r, cy + (k % 2) * r * 0.3, r * (1.1 - 0.25 * (k % 2)), white, SKY)


def _buildings(rng: np.random.Generator, canvas: _Canvas, horizon: float) -> None:
    """Blocks standing along the horizon, some with a gap of sky between them, each with rows of windows."""
    width = len(canvas.x)
    x = rng.uniform(-10, 0)
    base = horizon + rng.uniform(0.5, 2.5)
    while x < width:
        w = rng.uniform(8, 34)
        if rng.random() < 0.8:
            top = base - rng.uniform(0.15, 0.95) * horizon
            wall = _colour(rng, 0.3, 0.85) * rng.uniform(0.6, 1.0)
            canvas.rect(x, top, x + w, base, wall, BUILDING)
            rows, cols = canvas.span(top + 2, base - 2, canvas.y), canvas.span(x + 2, x + w - 1, canvas.x)
            ys, xs = np.arange(rows.start, rows.stop), np.arange(cols.start, cols.stop)
            row_step, col_step = int(rng.integers(3, 6)), int(rng.integers(3, 6))
            window = ((ys - rows.start) % row_step < row_step // 2)[:, None] & ((xs - cols.start) % col_step < 2)
            glass = _grey(rng, 0.1, 0.4) + rng.uniform(0.0, 0.2) * np.array([0.6, 0.8, 1.0])
            canvas.where((rows, cols), window, glass, BUILDING)
        x += w + (rng.uniform(2, 10) if rng.random() < 0.3 else 0)


class _Road:
    """The ground plane seen from ``CAMERA_HEIGHT``: a row ``y`` below the horizon is at distance
    ``focal * CAMERA_HEIGHT / (y - horizon)`` and shows ``(y - horizon) / CAMERA_HEIGHT`` pixels per metre; the
    road's centre line drifts sideways with distance (a bend), its lanes are ``LANE_WIDTH`` wide."""

    def __init__(self, rng: np.random.Generator, height: int, width: int, horizon: float) -> None:
        self.horizon, self.vanish = horizon, width * rng.uniform(0.35, 0.65)
        self.focal = float(width)
        self.lanes = int(rng.integers(2, 5))
        self.offset = rng.uniform(-0.5, 0.5) * LANE_WIDTH  # where the camera's car drives, metres off the centre
        self.bend = rng.uniform(-0.02, 0.02)  # metres sideways per metre ahead, squared: the road turns
        self.kerb = rng.uniform(2.0, 5.0)  # pavement width, metres

    def scale(self, y: float | np.ndarray) -> float | np.ndarray:
        """Pixels per metre on the ground at row ``y`` (its centre)."""
        return (y - self.horizon) / CAMERA_HEIGHT

    def centre(self, y: float | np.ndarray) -> float | np.ndarray:
        """The column of the road's centre at row ``y``: the camera's offset, and the bend growing with distance."""
        distance = self.focal * CAMERA_HEIGHT / (y - self.horizon)
        return self.vanish + (self.bend * distance * distance / self.focal - self.offset) * self.scale(y)

    def column(self, y: float, metres: float) -> float:
        """The column of the point ``metres`` right of the road's centre at row ``y``."""
        return self.centre(y) + metres * self.scale(y)


def _ground(rng: np.random.Generator, canvas: _Canvas, road: _Road) -> None:
    """Pavement either side, the road, its solid edge lines and dashed lane lines."""
    first = canvas.span(road.horizon + 0.5, len(canvas.y), canvas.y).start
    rows = slice(first, len(canvas.y))
    y = canvas.y[rows, None]
    scale = road.scale(y)
    across = (canvas.x[None, :] - road.centre(y)) / scale  # metres right of the road's centre
    distance = road.focal * CAMERA_HEIGHT / (y - road.horizon)
    half = road.lanes * LANE_WIDTH / 2
    pavement, tarmac = _grey(rng, 0.45, 0.75) * rng.uniform([0.9, 0.9, 0.8], 1.0), _grey(rng, 0.2, 0.45)
    shade = (0.85 + 0.15 * np.clip(distance / 60, 0.0, 1.0))[..., None]  # the road pales into the distance
    canvas.where((rows, slice(None)), np.ones(across.shape, bool), pavement * shade, PAVEMENT)
    canvas.where((rows, slice(None)), np.abs(across) < half, tarmac * shade, ROAD)
    line = np.maximum(0.08, 0.6 / scale)  # half a line's width in metres, at least half a pixel or so
    paint = _grey(rng, 0.8, 0.95) if rng.random() < 0.7 else np.array([0.95, 0.8, 0.2])
    edges = np.abs(np.abs(across) - (half - 0.3)) < line
    phase = rng.uniform(0, DASH + GAP)
    dashed = (distance + phase) % (DASH + GAP) < DASH
    lanes = np.zeros(across.shape, bool)
    for k in range(1, road.lanes):
        lanes |= np.abs(across + half - k * LANE_WIDTH) < line
    canvas.where((rows, slice(None)), edges | (lanes & dashed), paint, LANE)
    beyond = np.abs(across) > half + road.kerb  # beyond the pavement: the foot of the buildings, pavement too
    canvas.image[rows][beyond] *= 0.9


def _vehicle(rng: np.random.Generator, canvas: _Canvas, cls: int, cx: float, bottom: float, s: float,
             owner: int) -> None:  # fmt: skip
    """A car, bus or truck seen from behind, ``s`` pixels per metre, its wheels on row ``bottom``."""
    w, h = DIMENSIONS[cls]
    left, right = cx - w * s / 2, cx + w * s / 2
    body = _colour(rng, 0.05, 0.95) if cls == CAR else _colour(rng, 0.3, 0.95)
    dark, glass = _grey(rng, 0.05, 0.15), _grey(rng, 0.1, 0.3) + np.array([0.0, 0.05, 0.1])
    wheel = 0.3 * s
    canvas.rect(left, bottom - 0.4 * s, left + wheel, bottom, dark, cls, owner)
    canvas.rect(right - wheel, bottom - 0.4 * s, right, bottom, dark, cls, owner)
    if cls == CAR:
        canvas.rect(left, bottom - 0.95 * s, right, bottom - 0.25 * s, body, cls, owner)
        canvas.rect(left + 0.12 * w * s, bottom - h * s, right - 0.12 * w * s, bottom - 0.95 * s, body, cls, owner)
        canvas.rect(left + 0.2 * w * s, bottom - (h - 0.08) * s, right - 0.2 * w * s, bottom - 1.0 * s, glass, cls,
                    owner)  # fmt: skip
    elif cls == BUS:
        canvas.rect(left, bottom - h * s, right, bottom - 0.25 * s, body, cls, owner)
        canvas.rect(left + 0.15 * s, bottom - (h - 0.3) * s, right - 0.15 * s, bottom - 1.6 * s, glass, cls, owner)
    else:  # truck: a pale box on a dark chassis
        canvas.rect(left + 0.2 * s, bottom - 0.9 * s, right - 0.2 * s, bottom - 0.3 * s, dark, cls, owner)
        canvas.rect(left, bottom - h * s, right, bottom - 0.9 * s, _grey(rng, 0.6, 0.95), cls, owner)
        canvas.rect(cx - 0.03 * s, bottom - h * s, cx + 0.03 * s, bottom - 0.9 * s, dark, cls, owner)
    red = np.array([0.8, 0.05, 0.05])
    lights = bottom - 0.75 * s
    canvas.rect(left + 0.05 * s, lights, left + 0.3 * s, lights + 0.15 * s, red, cls, owner)
    canvas.rect(right - 0.3 * s, lights, right - 0.05 * s, lights + 0.15 * s, red, cls, owner)


def _pedestrian(rng: np.random.Generator, canvas: _Canvas, cx: float, bottom: float, s: float, owner: int) -> None:
    """A person: legs, a torso, arms and a head, ``s`` pixels per metre, feet on row ``bottom``."""
    trousers, shirt = _colour(rng, 0.05, 0.6), _colour(rng, 0.1, 0.95)
    skin = np.array([0.9, 0.72, 0.6]) * rng.uniform(0.45, 1.0)
    stride = rng.uniform(0.0, 0.12) * s
    for side in (-1, 1):
        canvas.rect(cx + side * stride - 0.1 * s + side * 0.06 * s, bottom - 0.85 * s,
                    cx + side * stride + 0.06 * s * side + 0.1 * s, bottom, trousers, PEDESTRIAN, owner)  # fmt: skip
        canvas.rect(cx + side * 0.22 * s - 0.05 * s, bottom - 1.45 * s, cx + side * 0.22 * s + 0.05 * s,
                    bottom - 0.9 * s, shirt * 0.9, PEDESTRIAN, owner)  # fmt: skip
    canvas.rect(cx - 0.18 * s, bottom - 1.5 * s, cx + 0.18 * s, bottom - 0.8 * s, shirt, PEDESTRIAN, owner)
    canvas.disc(cx, bottom - 1.62 * s, 0.12 * s, skin, PEDESTRIAN, owner)


def _objects(rng: np.random.Generator, canvas: _Canvas, road: _Road) -> tuple[list[int], list[int]]:
    """Vehicles in the lanes and pedestrians on the pavements, painted far to near. Returns, by owner (object
    ``k`` at index ``k``; 0 is nothing), each object's class and how many pixels of the frame it covered when it
    was painted: all of it that is in the frame, as nothing nearer had been painted yet."""
    height = len(canvas.y)
    placed = []
    vehicles = [CAR] * 5 + [BUS, TRUCK]
    n_vehicles, n_people = int(rng.integers(1, 8)), int(rng.integers(1, 6))
    half = road.lanes * LANE_WIDTH / 2
    for k in range(n_vehicles + n_people):
        cls = vehicles[rng.integers(len(vehicles))] if k < n_vehicles else PEDESTRIAN
        # people are drawn nearer on the whole: far away they are a few pixels, too small to learn from
        bottom = road.horizon + (height - road.horizon) * rng.uniform(0.25 if cls == PEDESTRIAN else 0.08, 1.1)
        if cls == PEDESTRIAN and rng.random() < 0.3:  # crossing the road
            metres = rng.uniform(-half, half)
        elif cls == PEDESTRIAN:  # on a pavement
            side = 1 if rng.random() < 0.5 else -1
            metres = side * (half + rng.uniform(0.4, road.kerb - 0.3))
        else:
            metres = -half + (rng.integers(road.lanes) + 0.5) * LANE_WIDTH + rng.uniform(-0.4, 0.4)
        placed.append((bottom, cls, metres))
    classes, drawn = [0], [0]
    for bottom, cls, metres in sorted(placed):  # far (small row) first: the near ones cover them
        cx, s = road.column(bottom, metres), road.scale(bottom)
        owner = len(classes)
        if cls == PEDESTRIAN:
            _pedestrian(rng, canvas, cx, bottom, s, owner)
        else:
            _vehicle(rng, canvas, cls, cx, bottom, s, owner)
        classes.append(cls)
        drawn.append(int((canvas.owner == owner).sum()))
    return classes, drawn


def _finish(rng: np.random.Generator, image: np.ndarray) -> np.ndarray:
    """Light (a tint, a brightness, a ramp from one side), sensor noise, then 8-bit RGB."""
    height, width, _ = image.shape
    tint = rng.uniform(0.85, 1.1, 3) * rng.uniform(0.6, 1.2)
    ramp = 1 + rng.uniform(-0.2, 0.2) * ((np.arange(width) + 0.5) / width - 0.5)
    noise = rng.uniform(0.01, 0.05)
    image = image * tint * ramp[None, :, None] + rng.uniform(-noise, noise, image.shape)
    return (np.clip(image, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def _boxes(owner: np.ndarray, classes: list[int], drawn: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The tight box ``(class, x1, y1, x2, y2)`` of each object's visible pixels, and the share of its drawn
    pixels that show; objects with no visible pixel are left out."""
    counts = np.bincount(owner.ravel(), minlength=len(classes))
    rows, shares = [], []
    for k in range(1, len(classes)):
        if counts[k] == 0:
            continue
        ys, xs = np.nonzero(owner == k)
        rows.append([classes[k], xs.min(), ys.min(), xs.max() + 1, ys.max() + 1])
        shares.append(counts[k] / drawn[k])
    return np.array(rows, np.int64).reshape(-1, 5), np.array(shares, np.float64)


def scene(rng: np.random.Generator, size: tuple[int, int] = SIZE) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                            np.ndarray]:  # fmt: skip
    """One scene: its image ``(H, W, 3)`` uint8, mask ``(H, W)`` uint8, boxes ``(k, 5)`` and visible shares."""
    height, width = size
    canvas = _Canvas(height, width)
    horizon = height * rng.uniform(0.3, 0.5)
    _sky(rng, canvas, horizon)
    _buildings(rng, canvas, horizon)
    road = _Road(rng, height, width, horizon)
    _ground(rng, canvas, road)
    classes, drawn = _objects(rng, canvas, road)
    boxes, visible = _boxes(canvas.owner, classes, drawn)
    return _finish(rng, canvas.image), canvas.mask, boxes, visible


def scenes(m: int, seed: int, size: tuple[int, int] = SIZE) -> Scenes:
    """``m`` road scenes of ``size = (H, W)`` pixels from one random stream seeded with ``seed`` (see the module's
    docstring for what each field holds). The same arguments give the same bytes."""
    rng = np.random.default_rng(seed)
    drawn = [scene(rng, size) for _ in range(m)]
    images = np.stack([d[0] for d in drawn]) if drawn else np.zeros((0, *size, 3), np.uint8)
    masks = np.stack([d[1] for d in drawn]) if drawn else np.zeros((0, *size), np.uint8)
    return Scenes(images, masks, [d[2] for d in drawn], [d[3] for d in drawn])


def load_road_scenes() -> tuple[Scenes, Scenes]:
    """The course's road scenes: ``N_TRAIN`` for training and ``N_TEST`` for testing, 96x128, each set from its own
    seed, the same on every call and every machine."""
    return scenes(N_TRAIN, SEED_TRAIN), scenes(N_TEST, SEED_TEST)
