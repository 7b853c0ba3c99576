"""Cases for C4W2A2, transfer learning: random layers judged by what they do to test pictures, a classifier on a
small stand-in base, and the parameter groups that fine-tune it.

The random layers run on pictures of three blobs, one per channel, 5 pixels from the centre at three different
angles. Where each blob's centre of mass lands tells what happened to the picture: left and right swapped (a
mirror turns the three blobs the other way round), turned (all three by the same angle), or moved otherwise. So
any correct flip or rotation passes, whatever its random calls, interpolation or fill, and the judges say which
property failed: changed in eval mode, a wrong axis, one coin or angle for the whole batch, angles out of range.

The classifier and the parameter groups run on a stand-in base: EfficientNet-Lite0's own layers
(dlspec.nn.efficientnet), a few channels wide, so a case takes milliseconds; and no optimiser is made (PyTorch's
first one imports its compiler: seconds of waiting). What the checks need of a base holds for the stand-in as for
the real one: BatchNorm layers whose mode matters, and an nn.Sequential of layers to freeze and unfreeze.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.probes import DRAWS, EVAL
from dlspec.checking.spec import Case

SIZE, RADIUS, SPREAD = 17, 5.0, 1.2  # the pictures' side, the blobs' distance from the centre and width (pixels)
OFFSETS = (0.0, 100.0, 220.0)  # the blobs' angles in a picture, from a random start (degrees)
BATCH, DRAWS_PER_CASE = 64, 2
# a share of 1/2 over 128 fair coins lies within 0.5 ± 0.2 but once in some 10^5 learners
SHARE_LOW, SHARE_HIGH = 0.3, 0.7
AUGMENT = "dlspec.checking.probes:augmentation_report"
MODULE = "dlspec.checking.probes:module_report"
GROUPS = "dlspec.checking.probes:param_groups_report"
INPUTS = "dlspec.course.c4w2a2.inputs"  # the PyTorch inputs, made in the grading process
TOL = {"rtol": 1e-4, "atol": 1e-5}

_grid = np.arange(SIZE) - SIZE // 2  # pixel coordinates from the centre


def blobs(seed: int, m: int = BATCH) -> np.ndarray:
    """m pictures (m, 3, SIZE, SIZE): one blob per channel, at a random start angle plus OFFSETS."""
    start = np.random.default_rng(seed).uniform(0, 360, m)
    images = np.empty((m, 3, SIZE, SIZE), dtype=np.float32)
    for c, offset in enumerate(OFFSETS):
        angle = np.radians(start + offset)
        x, y = RADIUS * np.cos(angle), -RADIUS * np.sin(angle)  # rows grow downwards
        dx = _grid[None, None, :] - x[:, None, None]
        dy = _grid[None, :, None] - y[:, None, None]
        images[:, c] = np.exp(-(dx**2 + dy**2) / (2 * SPREAD**2))
    return images


# only the disc inside the picture counts: a turn fills it from itself, whatever a layer fills the corners with
_DISC = np.hypot(_grid[:, None], _grid[None, :]) <= SIZE // 2


def _angles(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each blob's angle (degrees, counter-clockwise) and distance from the centre, from its centre of mass."""
    weights = np.clip(images, 0, None) * _DISC + 1e-12
    total = weights.sum(axis=(-2, -1))
    x = (weights * _grid[None, :]).sum(axis=(-2, -1)) / total
    y = -(weights * _grid[:, None]).sum(axis=(-2, -1)) / total
    return np.degrees(np.arctan2(y, x)), np.hypot(x, y)


def _wrapped(degrees: np.ndarray) -> np.ndarray:
    return (degrees + 180) % 360 - 180


def _unchanged_in_eval(got: dict, images: np.ndarray) -> str | None:
    changed = ~np.isclose(got[EVAL], images, atol=1e-5).reshape(len(images), -1).all(axis=1)
    if changed.any():
        return (f"in eval mode {changed.sum()} of {len(images)} pictures changed: augmentation is for training "
                "only, so return the images as they are when self.training is False")  # fmt: skip
    return None


def _same_shape(got: dict, images: np.ndarray) -> str | None:
    if not isinstance(got, dict) or got[DRAWS].shape[1:] != images.shape:
        shape = got[DRAWS].shape[1:] if isinstance(got, dict) else None
        return f"the output should have the input's shape {images.shape}, not {shape}"
    return None


def _random_enough(per_picture: np.ndarray, what: str) -> str | None:
    """``per_picture`` (draws, m): what each picture got, a coin or an angle. Each picture its own, each call anew."""
    if np.ptp(per_picture[0]) < 1e-3:
        return f"every picture of a batch got the same {what}: draw one per picture (a tensor of m values)"
    if np.allclose(per_picture[0], per_picture[1], atol=1e-3):
        return f"two calls gave every picture the same {what}: draw new ones in forward, on every call"
    return None


def judge_flip(got: dict, expected: dict, args: tuple) -> str | None:
    """Unchanged in eval mode; in train mode each picture unchanged or mirrored left-right, about half of them
    mirrored, each picture on its own coin, new coins on every call."""
    images = expected[EVAL]
    problem = _unchanged_in_eval(got, images) or _same_shape(got, images)
    if problem:
        return problem
    out = got[DRAWS]
    same = np.isclose(out, images, atol=1e-5).all(axis=(-3, -2, -1))
    mirrored = np.isclose(out, images[..., ::-1], atol=1e-5).all(axis=(-3, -2, -1))
    if not (same | mirrored).all():
        d, i = np.argwhere(~(same | mirrored))[0]
        for view, name in ((images[i, :, ::-1, :], "upside down: flip the last axis, the width"),
                           (images[i, ::-1], "with its channels reversed: flip the last axis, the width")):  # fmt: skip
            if np.allclose(out[d, i], view, atol=1e-5):
                return f"a picture came out {name}"
        return "each picture must come out either unchanged or mirrored left-right; some came out otherwise"
    share = mirrored.mean()
    wrong_share = f"{share:.0%} of the pictures were mirrored: each should be, with probability 1/2"
    if share in (0, 1):
        return wrong_share
    problem = _random_enough(mirrored.astype(float), "coin toss")
    return problem or (None if SHARE_LOW <= share <= SHARE_HIGH else wrong_share)


def judge_rotation(got: dict, expected: dict, args: tuple) -> str | None:
    """Unchanged in eval mode; in train mode each picture turned about its centre by one angle, the angles spread
    over [-limit, limit] (limit = factor x 360°) on both sides, each picture its own angle, new on every call."""
    images, limit = expected[EVAL], args[0] * 360
    problem = _unchanged_in_eval(got, images) or _same_shape(got, images)
    if problem:
        return problem
    before, radius_before = _angles(images)
    after, radius_after = _angles(got[DRAWS])
    turns = _wrapped(after - before)  # (draws, m, 3): the same for the three blobs of a turned picture
    if np.abs(_wrapped(turns - turns[..., :1])).max() > 8 or np.abs(radius_after / radius_before - 1).max() > 0.2:
        return ("some pictures were not just turned about their centre: the three test blobs moved by different "
                "angles or distances (a mirror, a shift or a zoom?)")  # fmt: skip
    turn = turns[..., 0]
    problem = _random_enough(turn, "angle")
    if problem:
        return problem
    largest = np.abs(turn).max()
    if largest > limit + 4:
        return (f"a picture turned by {largest:.0f}°, more than factor x 360° = {limit:.0f}°: factor is a fraction "
                "of a full turn, and the angle in radians is factor x 2π at most")  # fmt: skip
    if largest < 0.75 * limit:
        return (f"the turns reach only {largest:.0f}°; they should spread over ±factor x 360° = ±{limit:.0f}° "
                "(the angle in radians: factor x 2π times a uniform draw in [-1, 1])")  # fmt: skip
    share = (turn > 0).mean()
    if not SHARE_LOW <= share <= SHARE_HIGH:
        return f"{share:.0%} of the turns were counter-clockwise: draw angles from -limit to +limit, not 0 to limit"
    return None


def _augment_case(name: str, args: tuple, seed: int, judge) -> Case:
    images = blobs(seed)
    note = f"{args[0] if args else ''} pictures {images.shape}, {DRAWS_PER_CASE} calls in train mode".lstrip()
    kwargs = {"x": images, "draws": DRAWS_PER_CASE}
    return Case(name, args, seed=seed, probe=AUGMENT, probe_kwargs=kwargs, judge=judge, note=note)


def random_flip_cases() -> list[Case]:
    names = [("example", 1), ("random 1", 2), ("random 2", 3), ("random 3", 8)]
    return [_augment_case(n, (), s, judge_flip) for n, s in names]


def random_rotation_cases() -> list[Case]:
    factors = [("example", 0.2, 4), ("factor 0.1", 0.1, 5), ("factor 0.05", 0.05, 6), ("factor 0.3", 0.3, 7)]
    return [_augment_case(n, (f,), s, judge_rotation) for n, f, s in factors]


def transfer_classifier_cases() -> list[Case]:
    cases = []
    for name, head, augment, p, m, size, seed in [("example", 16, True, 0.2, 6, 16, 11),
                                                  ("no augmentation", 24, False, 0.5, 5, 24, 12),
                                                  ("random 1", 16, True, 0.3, 8, 32, 13),
                                                  ("random 2", 24, True, 0.1, 4, 20, 14)]:  # fmt: skip
        x = np.random.default_rng(seed).uniform(size=(m, 3, size, size)).astype(np.float32)
        note = f"a stand-in base with {head} output channels, p = {p}, images {x.shape}"
        made = {"head": head, "augment": augment, "p": p}
        cases.append(Case(name, make=f"{INPUTS}:transfer_classifier_inputs", make_kwargs=made, seed=seed,
                          probe=MODULE, probe_kwargs={"x": x, "weights": seed}, note=note, **TOL))  # fmt: skip
    return cases


def fine_tuning_param_groups_cases() -> list[Case]:
    cases = []
    for name, at, rate in [("example", 3, 1e-3), ("only the head", 5, 1e-2), ("from layer 1", 1, 3e-4),
                           ("the whole base", 0, 5e-3)]:
        note = f"a classifier on a stand-in base of 6 layers, fine_tune_at = {at}, base_learning_rate = {rate}"
        made = {"fine_tune_at": at, "base_learning_rate": rate}
        cases.append(Case(name, make=f"{INPUTS}:param_groups_inputs", make_kwargs=made, probe=GROUPS, note=note))
    return cases


CHECKS = {
    "RandomFlip": random_flip_cases,
    "RandomRotation": random_rotation_cases,
    "TransferClassifier": transfer_classifier_cases,
    "fine_tuning_param_groups": fine_tuning_param_groups_cases,
}
