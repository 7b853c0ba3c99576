"""Cases for C5W3A2, trigger-word data synthesis.

The clips are stand-ins made here from seeds (a rising tone for "activate", a steady one for another word, quiet
noise for the background), at the course's rate and with the real clips' lengths: the checks do not need the
shipped recordings, and what they test (where a clip goes, which label steps turn to 1) does not depend on what the
clip says. ``insert_audio_clip`` and ``create_training_example`` draw from NumPy's global random state through
``get_random_time_segment``, in the original's order: each case seeds it, so the learner's draws are the answer
key's. ``insert_audio_clip`` must also record the new segment in ``previous_segments`` (updates=(2,)), as the next
insertion depends on it.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.nn.trigger import RATE

SPECTROGRAM = {"rtol": 1e-6, "atol": 1e-3}  # power of 16-bit samples: up to about 1e7; sums in another order differ


def _clip(rng: np.random.Generator, seconds: float, rising: bool) -> np.ndarray:
    """A word stand-in: a tone (rising for "activate") under a rise-and-fade envelope, float32 at RATE."""
    t = np.arange(int(seconds * RATE)) / RATE
    f0 = rng.uniform(150, 400)
    phase = 2 * np.pi * (f0 * t + (rng.uniform(200, 600) * t**2 if rising else 0))
    return (rng.uniform(0.2, 0.6) * np.sin(phase) * np.sin(np.pi * t / t[-1])).astype(np.float32)


def _background(rng: np.random.Generator) -> np.ndarray:
    return (0.05 * rng.normal(size=10 * RATE)).astype(np.float32)


# --- is_overlapping ---------------------------------------------------------------------------------------------

# (name, segment_time, previous_segments): the original's two examples first, then the edges a mistake misses
OVERLAPS = [
    ("the original's example 1", (950, 1430), [(2000, 2550), (260, 949)]),
    ("the original's example 2", (2305, 2950), [(824, 1532), (1900, 2305), (3424, 3656)]),
    ("touching at the new segment's end", (100, 500), [(500, 900)]),
    ("one ms apart", (100, 499), [(500, 900), (0, 99)]),
    ("the new segment inside an old one", (300, 400), [(5000, 6000), (200, 800)]),
    ("an old segment inside the new one", (100, 2000), [(500, 900), (4000, 4500)]),
    ("overlapping a segment in the middle of the list", (3000, 3500), [(0, 100), (3400, 3900), (8000, 8100)]),
    ("no previous segments", (0, 9999), []),
    ("overlapping the first of three only", (50, 150), [(100, 200), (1000, 2000), (3000, 4000)]),
]


def is_overlapping_cases() -> list[Case]:
    cases = [Case(name, args=(seg, prev), note=f"segment_time {seg}, previous_segments {prev}")
             for name, seg, prev in OVERLAPS]  # fmt: skip
    for seed in range(3):
        rng = np.random.default_rng(seed)
        starts = np.sort(rng.choice(np.arange(0, 9000, 100), size=4, replace=False))
        prev = [(int(s), int(s + rng.integers(50, 100))) for s in rng.permutation(starts)]
        start = int(rng.integers(0, 9000))
        seg = (start, start + int(rng.integers(100, 900)))
        cases.append(Case(f"random {seed + 1}", args=(seg, prev), note=f"segment_time {seg}, previous_segments {prev}"))
    return cases


# --- insert_audio_clip ------------------------------------------------------------------------------------------

# (name, seed, clip seconds, previous_segments): a crowded background makes the first draws land on old segments
PLACINGS = [
    ("an empty background", 5, 0.8, []),
    ("two words already there", 1, 0.5, [(1000, 1800), (6000, 6700)]),
    ("a crowded background: retries", 10, 0.9, [(0, 3999), (4800, 8999)]),
    ("no room left: gives up", 3, 1.2, [(0, 4000), (4500, 9999)]),
    ("a long clip near the end", 7, 1.45, [(200, 900), (2000, 7000)]),
    ("a short clip among many", 12, 0.3, [(k * 1000, k * 1000 + 800) for k in range(10)]),
]


def insert_audio_clip_cases() -> list[Case]:
    cases = []
    for name, seed, seconds, prev in PLACINGS:
        rng = np.random.default_rng(seed)
        clip = _clip(rng, seconds, rising=True)
        note = (f"background 10 s ({10 * RATE},), audio_clip {seconds} s ({len(clip)},), previous_segments {prev}, "
                f"np.random.seed({seed})")
        cases.append(Case(name, args=(_background(rng), clip, prev), seed=seed, updates=(2,), note=note))
    return cases


# --- insert_ones ------------------------------------------------------------------------------------------------

# (name, Ty, segment_end_ms, ends already labelled)
LABELLINGS = [
    ("the original's example", 1375, 9700, [4251]),
    ("an end in the middle", 1375, 4000, []),
    ("a second word after a first", 1375, 6250, [2000]),
    ("a run cut at Ty", 1375, 9990, []),
    ("an end between two steps", 500, 5037, [1000]),
    ("no word inserted: (10000, 10000)", 1375, 10000, [3000]),
    ("another Ty", 2000, 1234, [7000]),
]


def insert_ones_cases() -> list[Case]:
    cases = []
    for name, Ty, end, before in LABELLINGS:
        y = np.zeros((1, Ty))
        for k in before:  # labels set by an earlier word, as the reference sets them
            y[0, int(k * Ty / 10000) + 1 : int(k * Ty / 10000) + 51] = 1
        note = f"y (1, {Ty}) with {int(y.sum())} ones already, segment_end_ms {end}"
        cases.append(Case(name, args=(y, end), note=note))
    return cases


# --- create_training_example ------------------------------------------------------------------------------------


def create_training_example_cases() -> list[Case]:
    # (name, seed, Ty): seeds chosen so that the examples hold 1 to 4 activates and 0 to 2 negatives between them
    setups = [("the example", 18, 1375), ("random 1", 0, 1375), ("random 2", 5, 1375), ("random 3", 11, 700),
              ("random 4", 7, 1375)]  # fmt: skip
    cases = []
    for name, seed, Ty in setups:
        rng = np.random.default_rng(100 + seed)
        activates = [_clip(rng, s, rising=True) for s in rng.uniform(0.5, 1.0, 4)]
        negatives = [_clip(rng, s, rising=False) for s in rng.uniform(0.3, 1.1, 3)]
        note = (f"background 10 s, {len(activates)} activates and {len(negatives)} negatives (0.3 to 1.1 s), Ty {Ty}, "
                f"np.random.seed({seed})")
        cases.append(Case(name, args=(_background(rng), activates, negatives, Ty), seed=seed, note=note,
                          **SPECTROGRAM))  # fmt: skip
    return cases


# --- TriggerModel -----------------------------------------------------------------------------------------------

MODEL_PROBE = "dlspec.checking.probes:module_report"
MODEL_TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32, GRU sums in whatever order the learner's layers sum


def TriggerModel_cases() -> list[Case]:
    """The model with every weight drawn from a seed by its shape (probes.fill), so its layers may be named and
    registered in any order: its parameter count and shapes, and its outputs on random spectrograms in eval mode
    and in train mode (the same seeded dropout masks for the learner and the reference, so each Dropout must sit
    where the original's does, with its rate). The example is the original's size, one spectrogram; the others are
    shorter, with other numbers of frequencies."""
    sizes = [("the original's size", 5511, 101, 1, 31), ("random 1", 211, 101, 3, 32), ("random 2", 99, 20, 2, 33),
             ("random 3", 403, 7, 2, 34)]  # fmt: skip
    cases = []
    for name, Tx, n_freq, m, seed in sizes:
        x = np.random.default_rng(seed).normal(size=(m, Tx, n_freq)).astype(np.float32)
        note = f"TriggerModel(({Tx}, {n_freq})) on X ({m}, {Tx}, {n_freq}), random normal; Ty = {(Tx - 15) // 4 + 1}"
        probe = {"x": x, "weights": seed}
        cases.append(Case(name, args=((Tx, n_freq),), seed=seed, probe=MODEL_PROBE, probe_kwargs=probe, note=note,
                          **MODEL_TOL))  # fmt: skip
    return cases


CHECKS = {
    "is_overlapping": is_overlapping_cases,
    "insert_audio_clip": insert_audio_clip_cases,
    "insert_ones": insert_ones_cases,
    "create_training_example": create_training_example_cases,
    "TriggerModel": TriggerModel_cases,
}
