"""Drawing primitives for dlspec's generated image sets (SIGNS hands, happy faces): shapes as signed distance
fields, painted with anti-aliased, outlined edges over textured backgrounds.

A generated set is registered with a checksum of its bytes, so those bytes must be the same on every machine.
Every per-pixel step is therefore arithmetic that IEEE 754 rounds exactly (+, -, *, /, sqrt, min, max, clip) or
integer indexing, never a library sine or exponential whose last bit may differ between CPUs; a rotation is made
from ``t = tan(angle / 2)`` as ``cos = (1 - t^2) / (1 + t^2)``, ``sin = 2t / (1 + t^2)``.

Coordinates are pixels: ``x`` to the right, ``y`` downwards, pixel centres at 0.5, 1.5, ...
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np

SIZE = 64
# pixel centres, as a (SIZE, SIZE) grid each
X, Y = np.meshgrid(np.arange(SIZE) + 0.5, np.arange(SIZE) + 0.5)

# skin from pale to dark brown (RGB in [0, 1]); a tone is drawn between neighbours of this ramp
SKIN = np.array([
    [0.96, 0.84, 0.74], [0.92, 0.74, 0.60], [0.80, 0.60, 0.45], [0.62, 0.43, 0.30], [0.42, 0.28, 0.19],
])  # fmt: skip
TEXTURES = ("brick", "grass", "gravel")
# a shape: the part of the image it may touch, and its signed distance in pixels there (negative inside)
Shape = tuple[tuple[slice, slice], np.ndarray]


class Frame:
    """A shape's own coordinates (``u`` to its right, ``v`` up it) placed in the image: centred at ``(cx, cy)``,
    ``scale`` pixels per unit, turned by the angle whose half-angle tangent is ``t`` (positive: anticlockwise)."""

    def __init__(self, cx: float, cy: float, scale: float, t: float) -> None:
        self.cx, self.cy, self.scale = cx, cy, scale
        self.cos, self.sin = (1 - t * t) / (1 + t * t), 2 * t / (1 + t * t)

    def point(self, u: float, v: float) -> tuple[float, float]:
        """Where the shape's point ``(u, v)`` lands in the image."""
        x, y = u * self.scale, v * self.scale
        return self.cx + x * self.cos - y * self.sin, self.cy - (x * self.sin + y * self.cos)

    def local(self, window: tuple[slice, slice]) -> tuple[np.ndarray, np.ndarray]:
        """The shape's own coordinates ``(u, v)`` of the pixels in ``window``: the inverse of ``point``."""
        px, py = (X[window] - self.cx) / self.scale, (Y[window] - self.cy) / self.scale
        return px * self.cos - py * self.sin, -px * self.sin - py * self.cos

    def window(self, u: float, v: float, reach: float) -> tuple[slice, slice]:
        """The pixels within ``reach`` frame units of the point ``(u, v)``."""
        x, y = self.point(u, v)
        r = reach * self.scale
        return _window(x - r, x + r, y - r, y + r)


def turn(u: float, v: float, t: float) -> tuple[float, float]:
    """The vector ``(u, v)`` turned by the angle whose half-angle tangent is ``t``, anticlockwise."""
    cos, sin = (1 - t * t) / (1 + t * t), 2 * t / (1 + t * t)
    return u * cos - v * sin, u * sin + v * cos


def _window(x0: float, x1: float, y0: float, y1: float) -> tuple[slice, slice]:
    """The rows and columns of the image that the box ``[x0, x1] x [y0, y1]`` (pixels, plus a margin) touches."""
    rows = slice(min(max(math.floor(y0) - 2, 0), SIZE), max(min(math.ceil(y1) + 2, SIZE), 0))
    cols = slice(min(max(math.floor(x0) - 2, 0), SIZE), max(min(math.ceil(x1) + 2, SIZE), 0))
    return rows, cols


def capsule(a: tuple[float, float], b: tuple[float, float], radius: float) -> Shape:
    """The segment ``a``-``b`` thickened by ``radius``: a finger, an arm, a stroke of a mouth."""
    (ax, ay), (bx, by) = a, b
    window = _window(min(ax, bx) - radius, max(ax, bx) + radius, min(ay, by) - radius, max(ay, by) + radius)
    px, py, dx, dy = X[window] - ax, Y[window] - ay, bx - ax, by - ay
    h = np.clip((px * dx + py * dy) / max(dx * dx + dy * dy, 1e-9), 0.0, 1.0)
    return window, np.sqrt((px - dx * h) ** 2 + (py - dy * h) ** 2) - radius


def ellipse(frame: Frame, u: float, v: float, a: float, b: float) -> Shape:
    """The ellipse centred at ``(u, v)`` of ``frame``, half-axes ``a`` along ``u`` and ``b`` along ``v`` (frame
    units). Its distance is exact on the axes and close enough elsewhere for a one-pixel anti-aliased edge."""
    window = frame.window(u, v, max(a, b))
    fu, fv = frame.local(window)
    along, across = (fu - u) / a, (fv - v) / b
    return window, (np.sqrt(along * along + across * across) - 1.0) * (min(a, b) * frame.scale)


def ring(shape: Shape, width: float) -> Shape:
    """The outline of ``shape``, ``width`` pixels either side of its edge: a rim of glasses, an open "o"."""
    window, distance = shape
    return window, np.abs(distance) - width


def paint(image: np.ndarray, shape: Shape, colour: np.ndarray, outline: float = 0.35) -> None:
    """Paint ``shape`` over ``image`` in place: coverage falls from 1 to 0 across the one pixel at its edge, and
    its rim is darkened by ``outline`` so that a finger stays visible over the palm. ``colour`` is an RGB triple
    or an ``(SIZE, SIZE, 3)`` field."""
    window, distance = shape
    if colour.ndim == 3:
        colour = colour[window]
    alpha = np.clip(0.5 - distance, 0.0, 1.0)[..., None]
    rim = np.clip(1.5 + distance, 0.0, 1.0)[..., None]
    image[window] += alpha * (colour * (1.0 - outline * rim) - image[window])


def lighting(rng: np.random.Generator, colour: np.ndarray) -> np.ndarray:
    """``colour`` lit from a random side: a linear ramp of brightness across the image, as an ``(SIZE, SIZE, 3)``
    field."""
    gx, gy = rng.uniform(-1.0, 1.0, 2)
    ramp = 0.85 + 0.15 * (gx * (X - SIZE / 2) + gy * (Y - SIZE / 2)) / (SIZE / 2)
    return ramp[..., None] * colour


def skin(rng: np.random.Generator) -> np.ndarray:
    """A skin tone anywhere on the ramp from pale to dark, slightly warmer or cooler."""
    position = rng.uniform(0.0, len(SKIN) - 1.0)
    k = min(int(position), len(SKIN) - 2)
    w = position - k
    return SKIN[k] * (1 - w) + SKIN[k + 1] * w + rng.uniform(-0.03, 0.03, 3)


@functools.cache
def _texture(name: str) -> np.ndarray:
    """scikit-image's 512x512 CC0 texture photograph ``name``, grey in [0, 1]."""
    from skimage import data

    return getattr(data, name)().astype(np.float64) / 255.0


def background(rng: np.random.Generator) -> np.ndarray:
    """A ``(SIZE, SIZE, 3)`` background in [0, 1]: a crop of a texture photograph (brick, grass, gravel), smooth
    noise or a plain wall, as light and dark patches over a wall of a random colour, with a brightness ramp."""
    kind = rng.integers(len(TEXTURES) + 2)
    if kind < len(TEXTURES):
        step = int(rng.integers(1, 5))  # nearest-neighbour zoom out: coarser or finer texture
        texture = _texture(TEXTURES[kind])
        top, left = rng.integers(0, texture.shape[0] - SIZE * step, 2)
        grey = texture[top : top + SIZE * step : step, left : left + SIZE * step : step]
    elif kind == len(TEXTURES):
        grey = _smooth_noise(rng, int(rng.integers(4, 17)))
    else:
        grey = np.full((SIZE, SIZE), 0.5)
    wall, contrast = rng.uniform(0.3, 0.95, 3), rng.uniform(0.05, 0.3)
    return lighting(rng, wall + contrast * (grey[..., None] - 0.5))


def _smooth_noise(rng: np.random.Generator, cells: int) -> np.ndarray:
    """Blobs: a ``cells`` x ``cells`` grid of random values, bilinearly interpolated to ``(SIZE, SIZE)``."""
    grid = rng.uniform(0.0, 1.0, (cells + 1, cells + 1))
    position = (np.arange(SIZE) + 0.5) * (cells / SIZE)
    i = np.minimum(position.astype(int), cells - 1)
    w = position - i
    rows = grid[i] * (1 - w)[:, None] + grid[i + 1] * w[:, None]
    return rows[:, i] * (1 - w) + rows[:, i + 1] * w


def finish(rng: np.random.Generator, image: np.ndarray) -> np.ndarray:
    """The photograph: contrast and brightness jitter, sensor noise, then 8-bit RGB."""
    contrast, brightness, noise = rng.uniform(0.75, 1.15), rng.uniform(-0.1, 0.1), rng.uniform(0.02, 0.07)
    # uniform noise: drawn from the bit stream by multiplication alone (a normal draw may call the C library's log)
    image = (image - 0.5) * contrast + 0.5 + brightness + rng.uniform(-noise, noise, image.shape)
    return (np.clip(image, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def drawn_set(
    draw: Callable[[np.random.Generator, int], np.ndarray], n_classes: int, n_train: int, n_test: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A training and a test set of pictures ``draw(rng, label)``, in the layout of the original's loaders:
    ``X_train (n_train, SIZE, SIZE, 3) uint8, Y_train (1, n_train), X_test, Y_test, classes``. Each set holds as
    many pictures of every class, in a random order; everything comes from one random stream seeded with ``seed``."""
    rng = np.random.default_rng(seed)
    y_train, y_test = (rng.permutation(np.repeat(np.arange(n_classes), m // n_classes)) for m in (n_train, n_test))
    X_train, X_test = (np.stack([draw(rng, int(label)) for label in y]) for y in (y_train, y_test))
    return X_train, y_train.reshape(1, -1), X_test, y_test.reshape(1, -1), np.arange(n_classes)
