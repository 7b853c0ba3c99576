"""A melody of musical values (C5W1A3) as a picture, a sound and a score: a piano roll, a waveform from a small
NumPy synthesiser (no sound font, no fluidsynth), and a music21 stream that writes a MIDI file.

A melody is a sequence of indices into ``values``, each value ``(MIDI pitch, length in quarter notes)``, pitch -1
for a rest (see dlspec.data.music).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import matplotlib.pyplot as plt
import numpy as np

RATE = 16000  # samples per second: a fiddle's top note (B5, 988 Hz) and its fourth harmonic fit under half of it
NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


def value_name(value: tuple[int, float]) -> str:
    """'F#5 x1/2' for a note of pitch 78 lasting half a quarter note, 'rest x1' for a rest of one quarter note,
    'D5 x1/3' for a note of a triplet."""
    pitch, length = value
    name = "rest" if pitch < 0 else f"{NAMES[pitch % 12]}{pitch // 12 - 1}"
    return f"{name} x{Fraction(length).limit_denominator(24)}"


def _notes(indices: Sequence[int], values: Sequence[tuple[int, float]]) -> list[tuple[float, int, float]]:
    """(start, pitch, length) of each value, in quarter notes from the start."""
    notes, start = [], 0.0
    for k in np.asarray(indices).reshape(-1):
        pitch, length = values[int(k)]
        notes.append((start, pitch, length))
        start += length
    return notes


def piano_roll(
    indices: Sequence[int], values: Sequence[tuple[int, float]], ax: plt.Axes | None = None, title: str = ""
) -> plt.Axes:
    """Each note as a bar: time (quarter notes) across, pitch up; rests leave a gap."""
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 3))
    notes = [n for n in _notes(indices, values) if n[1] >= 0]
    for start, pitch, length in notes:
        ax.broken_barh([(start, length * 0.85)], (pitch - 0.4, 0.8), color="tab:blue")  # a gap: repeated notes show
    if notes:
        low, high = min(n[1] for n in notes), max(n[1] for n in notes)
        ticks = [p for p in range(low, high + 1) if p % 12 in (2, 9)]  # every D and A: the tunes are in D
        ax.set_yticks(ticks, [value_name((p, 1))[:-3] for p in ticks])
        ax.set_ylim(low - 1.5, high + 1.5)
    ax.set_xlabel("quarter notes")
    ax.set_ylabel("pitch")
    ax.grid(alpha=0.3)
    ax.set_title(title)
    return ax


def synthesize(
    indices: Sequence[int], values: Sequence[tuple[int, float]], bpm: float = 180.0, rate: int = RATE
) -> np.ndarray:
    """The melody as float32 samples in [-1, 1] at ``rate`` per second, ``bpm`` quarter notes a minute: each note a
    few harmonics (a bowed string's bright tone) under an envelope that rises in 10 ms and decays, ending before
    the next note so that repeated notes are heard as two."""
    beat = 60.0 / bpm
    notes = _notes(indices, values)
    end = notes[-1][0] + notes[-1][2] if notes else 0.0
    out = np.zeros(int(end * beat * rate) + 1, dtype=np.float64)
    for start, pitch, length in notes:
        if pitch < 0:
            continue
        n = int(length * beat * rate)
        t = np.arange(n) / rate
        f = 440.0 * 2 ** ((pitch - 69) / 12)
        tone = sum(a * np.sin(2 * np.pi * f * h * t) for h, a in [(1, 1.0), (2, 0.5), (3, 0.3), (4, 0.15)])
        envelope = np.minimum(1.0, t / 0.01) * np.exp(-2.5 * t) * np.minimum(1.0, (n - np.arange(n)) / (0.02 * rate))
        first = int(start * beat * rate)
        out[first : first + n] += tone * envelope
    peak = np.abs(out).max()
    return (out / peak * 0.8 if peak > 0 else out).astype(np.float32)


def to_stream(indices: Sequence[int], values: Sequence[tuple[int, float]], bpm: float = 180.0) -> Any:
    """The melody as a music21 Stream (a tempo mark, then notes and rests): ``.write("midi", fp=path)`` writes a
    MIDI file, ``.show("text")`` lists it."""
    from music21 import note, stream, tempo  # a second to import: only where a score is wanted

    melody = stream.Stream([tempo.MetronomeMark(number=bpm)])
    for _, pitch, length in _notes(indices, values):
        melody.append(note.Rest(quarterLength=length) if pitch < 0 else note.Note(pitch, quarterLength=length))
    return melody
