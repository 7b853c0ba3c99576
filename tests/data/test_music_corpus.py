"""The fiddle tunes of C5W1A3 (music.npz) and how a melody of values is drawn, played and written as MIDI."""

import numpy as np
import pytest

from dlspec import data
from dlspec.data.music import load_corpus, load_music_utils, windows
from dlspec.viz.music import RATE, piano_roll, synthesize, value_name, write_midi


def test_the_corpus_is_pieces_of_tunes_over_90_values():
    pieces, values = load_corpus()
    assert len(values) == 90 == len(set(values))
    assert all(p.dtype == np.uint8 and p.max() < 90 and len(p) >= 16 for p in pieces)
    assert sum(map(len, pieces)) > 100_000
    pitches = [p for p, _ in values if p >= 0]
    assert 55 <= min(pitches) and max(pitches) <= 93  # a fiddle's range, G3 to A6
    assert values[0][1] == 0.5  # the eighth note of reels and jigs is the commonest length
    assert value_name(values[0]) == "D5 x1/2"  # and D, the key they were all moved to, the commonest pitch
    data.verify("music")


def test_windows_are_seeded_and_y_is_x_one_step_later():
    X, Y, n_values, indices_values = load_music_utils(Tx=12, m=50, seed=3)
    assert X.shape == (50, 12, 90) and Y.shape == (12, 50, 90) and n_values == 90 == len(indices_values)
    assert X.dtype == Y.dtype == np.float32 and (X.sum(-1) == 1).all() and (Y.sum(-1) == 1).all()
    np.testing.assert_array_equal(Y[:-1].transpose(1, 0, 2), X[:, 1:])
    np.testing.assert_array_equal(load_music_utils(Tx=12, m=50, seed=3)[0], X)
    assert not np.array_equal(load_music_utils(Tx=12, m=50, seed=4)[0], X)


def test_a_window_never_crosses_two_pieces():
    pieces = [np.arange(5), np.arange(100, 103), np.arange(200, 210)]
    w = windows(pieces, 4, 200, np.random.default_rng(0))
    assert (np.diff(w, axis=1) == 1).all()  # consecutive within one piece
    assert not (w // 100 == 1).any()  # the piece shorter than a window is never drawn


VALUES = [(62, 0.5), (-1, 1.0), (78, 1.5)]


def test_values_are_named_and_drawn():
    assert [value_name(v) for v in VALUES] == ["D4 x1/2", "rest x1", "F#5 x3/2"]
    ax = piano_roll([0, 1, 2, 0], VALUES)
    assert len(ax.collections) == 3  # three notes; the rest is a gap


def test_the_synthesiser_plays_each_note_at_its_time_and_pitch():
    bpm = 120  # half a second a quarter note
    wave = synthesize([0, 1, 2], VALUES, bpm=bpm)
    assert wave.dtype == np.float32 and len(wave) == int(3 * 0.5 * RATE) + 1
    assert np.abs(wave).max() == pytest.approx(0.8)
    quarter = RATE // 2
    assert np.abs(wave[quarter // 2 : 3 * quarter // 2]).max() == 0  # the rest is silent
    note = wave[int(1.5 * quarter) : int(2.5 * quarter)]  # the F#5 that starts after it
    spectrum = np.abs(np.fft.rfft(note))
    assert np.fft.rfftfreq(len(note), 1 / RATE)[spectrum.argmax()] == pytest.approx(740, abs=3)


def test_a_melody_becomes_a_midi_file_that_music21_reads_back(tmp_path):
    from music21 import converter  # an independent reader (the test tools have it; a learner's install does not)

    path = write_midi([0, 1, 2, 0], VALUES, tmp_path / "tune.mid")
    score = converter.parse(path).flatten()
    notes = [(float(n.offset), n.pitch.midi, float(n.quarterLength)) for n in score.notes]
    assert notes == [(0.0, 62, 0.5), (1.5, 78, 1.5), (3.0, 62, 0.5)]  # the rest: a beat between the first two
    assert [m.number for m in score.getElementsByClass("MetronomeMark")] == [180]
