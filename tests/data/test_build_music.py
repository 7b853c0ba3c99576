"""How build_music turns tunes into values (reading O'Neill's tunes with music21 takes minutes: the shipped
music.npz is its output, checked by test_music.py)."""

import numpy as np

from dlspec.data.build_music import pieces, shift_to_d, vocabulary


def test_every_key_signature_moves_to_d_by_at_most_six_semitones():
    # G (1 sharp) down a fourth, A (3) up a fourth, C (0) up a tone, F (1 flat) down a minor third, Bb up a third
    assert [shift_to_d(s) for s in [1, 3, 0, -1, -2, 2]] == [-5, 5, 2, -3, 4, 0]
    for sharps in range(-7, 8):
        shift = shift_to_d(sharps)
        assert -6 <= shift <= 5 and (sharps + 7 * shift) % 12 == 2 % 12  # a semitone up adds 7 sharps


def test_the_vocabulary_is_the_most_frequent_values_and_tunes_are_cut_at_rare_ones():
    tunes = [[(62, 0.5), (64, 0.5), (62, 0.5), (-1, 1.0)], [(64, 0.5), (70, 0.25), (62, 0.5), (62, 0.5)]]
    values = vocabulary(tunes, size=3)
    assert values == [(62, 0.5), (64, 0.5), (-1, 1.0)]
    cut = pieces(tunes, values, shortest=2)
    assert [p.tolist() for p in cut] == [[0, 1, 0, 2], [0, 0]]  # the (70, 0.25) cut the second tune; [1] too short
    assert all(p.dtype == np.uint8 for p in cut)
