"""O'Neill's fiddle tunes as musical "values", the corpus of C5W1A3's melody LSTM (``files/music.npz``, built by
``python -m dlspec.data.build_music`` from music21's corpus).

A value is one note, or a rest, and its length: ``(MIDI pitch, quarter notes)``, pitch -1 for a rest. The 90 most
frequent values of the 2,009 tunes (all moved to D) form the vocabulary; the tunes are stored as pieces of indices
into it. ``load_music_utils`` cuts random windows from them, one-hot, in the original course's shapes.
"""

from __future__ import annotations

import itertools

import numpy as np

from dlspec.data.assets import arrays

Value = tuple[int, float]  # (MIDI pitch, or -1 for a rest; length in quarter notes)


def load_corpus() -> tuple[list[np.ndarray], list[Value]]:
    """The pieces of tune (uint8 arrays of indices into the values) and the values, most frequent first."""
    data = arrays("music")
    bounds = [*data["starts"].tolist(), len(data["tokens"])]
    pieces = [data["tokens"][a:b] for a, b in itertools.pairwise(bounds)]
    values = [(int(p), float(d)) for p, d in zip(data["pitches"], data["durations"], strict=True)]
    return pieces, values


def windows(pieces: list[np.ndarray], length: int, m: int, rng: np.random.Generator) -> np.ndarray:
    """``m`` windows of ``length`` consecutive indices, (m, length): a piece drawn in proportion to the windows it
    holds, then a start in it; pieces shorter than ``length`` are never drawn."""
    room = np.array([max(len(p) - length + 1, 0) for p in pieces])
    which = rng.choice(len(pieces), size=m, p=room / room.sum())
    starts = (rng.random(m) * room[which]).astype(int)
    return np.stack([pieces[k][s : s + length] for k, s in zip(which, starts, strict=True)]).astype(np.int64)


def load_music_utils(Tx: int = 30, m: int = 2000, seed: int = 0) -> tuple[np.ndarray, np.ndarray, int, list[Value]]:
    """Training windows, as the original's ``load_music_utils`` returned them.

    Returns:
    X -- float32 (m, Tx, n_values): m melodies of Tx values, one-hot
    Y -- float32 (Tx, m, n_values): the same melodies one value later, time first: Y[t] = X[:, t + 1] for t < Tx - 1
    n_values -- the number of values (90)
    indices_values -- list: the value (pitch, quarter notes) of each index
    """
    pieces, values = load_corpus()
    w = windows(pieces, Tx + 1, m, np.random.default_rng(seed))
    eye = np.eye(len(values), dtype=np.float32)
    return eye[w[:, :-1]], eye[w[:, 1:]].transpose(1, 0, 2), len(values), values
