"""A melody of musical values (C5W1A3) as a picture, a sound and a score: a piano roll, a waveform from a small
NumPy synthesiser (no sound font, no fluidsynth), and a MIDI file written byte by byte (no music library needed).

A melody is a sequence of indices into ``values``, each value ``(MIDI pitch, length in quarter notes)``, pitch -1
for a rest (see dlspec.data.music).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

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


def _varlen(n: int) -> bytes:
    """``n`` as a MIDI variable-length number: 7 bits a byte, most significant first, the high bit set on all but
    the last."""
    out = [n & 0x7F]
    while n := n >> 7:
        out.append(n & 0x7F | 0x80)
    return bytes(reversed(out))


def write_midi(
    indices: Sequence[int], values: Sequence[tuple[int, float]], path: str | Path, bpm: float = 180.0
) -> Path:
    """The melody as a standard MIDI file (format 0: one track; a violin's sound), which any music program plays.
    Written byte by byte: a header chunk, then a track of (wait, event) pairs, the wait in ticks."""
    ticks = 480  # per quarter note: a triplet's third (160) and a sixteenth (120) are whole numbers
    track = bytearray(_varlen(0) + b"\xff\x51\x03" + round(60e6 / bpm).to_bytes(3, "big"))  # tempo: µs a beat
    track += _varlen(0) + bytes([0xC0, 40])  # channel 1's instrument: General MIDI's violin (41, counted from 0)
    wait = 0
    for _, pitch, length in _notes(indices, values):
        duration = round(length * ticks)
        if pitch < 0:  # a rest is the wait before the next note
            wait += duration
            continue
        track += _varlen(wait) + bytes([0x90, pitch, 80]) + _varlen(duration) + bytes([0x80, pitch, 0])
        wait = 0
    track += _varlen(wait) + b"\xff\x2f\x00"  # end of track
    header = b"MThd" + (6).to_bytes(4, "big") + (0).to_bytes(2, "big") + (1).to_bytes(2, "big")
    path = Path(path)
    path.write_bytes(header + ticks.to_bytes(2, "big") + b"MTrk" + len(track).to_bytes(4, "big") + track)
    return path
