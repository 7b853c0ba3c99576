"""Rebuilds ``files/music.npz``, C5W1A3's corpus: the melodies of O'Neill's *Music of Ireland* (1850 tunes, 1903) as
sequences of musical "values", each value one note (or rest) and its duration.

Run ``python -m dlspec.data.build_music`` with the ``music`` extra installed (``pip install -e '.[music]'``: music21
10.5.1). It reads the 2,009 tunes of music21's ``oneills1850`` corpus (ABC text, public-domain tunes transcribed by
Chris Falt; music21: BSD-3-Clause), which takes a few minutes, since music21 builds a whole score for each tune:
that is why the result ships as package data. The same arrays on every run.

Each tune is moved to the key signature of D major (two sharps), by the fewest semitones up or down, so that the
melodies share one scale; a tune's notes become (MIDI pitch, length in quarter notes) pairs, -1 for a rest; grace
notes are left out and a chord keeps its top note. The ``SIZE`` most frequent pairs form the vocabulary; a tune is
cut where a rarer pair (a triplet, an odd ornament) occurs, and pieces shorter than ``SHORTEST`` are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from dlspec.data.assets import FILES, digest

SIZE = 90  # values in the vocabulary: the original's Metheny solo had 90 too
SHORTEST = 16  # a piece of tune shorter than this (between two rare values) teaches little
REST = -1
Value = tuple[int, float]  # (MIDI pitch or REST, length in quarter notes)


def shift_to_d(sharps: int) -> int:
    """Semitones that move a key signature of ``sharps`` sharps (negative: flats) to D major's two, fewest first:
    each sharp is a fifth (7 semitones)."""
    return (2 - sharps) * 7 % 12 - 12 * ((2 - sharps) * 7 % 12 > 5)


def vocabulary(tunes: Iterable[list[Value]], size: int = SIZE) -> list[Value]:
    """The ``size`` most frequent values over all tunes, most frequent first (ties: lower pitch, then shorter)."""
    counts = Counter(v for tune in tunes for v in tune)
    return [v for _, v in sorted((-n, v) for v, n in counts.items())[:size]]


def pieces(tunes: Iterable[list[Value]], values: list[Value], shortest: int = SHORTEST) -> list[np.ndarray]:
    """Each tune as indices into ``values``, cut where a value outside them occurs; pieces of at least ``shortest``."""
    index = {v: k for k, v in enumerate(values)}
    out = []
    for tune in tunes:
        piece: list[int] = []
        for v in [*tune, None]:
            if v in index:
                piece.append(index[v])
                continue
            if len(piece) >= shortest:
                out.append(np.array(piece, dtype=np.uint8))
            piece = []
    return out


def read_tunes() -> list[list[Value]]:
    """Every tune of O'Neill's 1850, moved to D, as a list of values (needs music21)."""
    from music21 import converter, corpus, key, stream

    tunes = []
    for path in corpus.getComposer("oneills1850"):  # 39 ABC files, in file-name order
        parsed = converter.parse(path)
        for score in parsed.scores if isinstance(parsed, stream.Opus) else [parsed]:  # a file of one tune: a Score
            signatures = score.recurse().getElementsByClass(key.KeySignature)
            shift = shift_to_d(signatures[0].sharps if signatures else 0)
            tune = []
            for n in score.recurse().notesAndRests:
                if n.duration.isGrace:
                    continue
                pitch = REST if n.isRest else max(p.midi for p in n.pitches) + shift
                tune.append((pitch, float(n.duration.quarterLength)))
            tunes.append(tune)
    return tunes


def main() -> None:
    tunes = read_tunes()
    values = vocabulary(tunes)
    cut = pieces(tunes, values)
    arrays = {
        "tokens": np.concatenate(cut),
        "starts": np.cumsum([0] + [len(p) for p in cut[:-1]]).astype(np.int32),
        "pitches": np.array([p for p, _ in values], dtype=np.int16),
        "durations": np.array([d for _, d in values], dtype=np.float32),
    }
    np.savez_compressed(FILES / "music.npz", **arrays)
    print(f"{len(tunes)} tunes, {len(cut)} pieces, {len(arrays['tokens'])} values; wrote {FILES / 'music.npz'}, "
          f"sha256 of the canonical bytes {digest(arrays)}")


if __name__ == "__main__":
    main()
