"""The trigger-word pipeline in NumPy: pydub's operations in milliseconds and decibels, the original's spectrogram
(matplotlib's specgram), and the original's rules for placing clips and labelling them."""

import numpy as np
from matplotlib import mlab

from dlspec.nn import trigger as tr


def test_the_spectrogram_is_matplotlibs_specgram_of_the_16_bit_samples_with_the_originals_settings():
    rng = np.random.default_rng(0)
    audio = 0.1 * rng.normal(size=10 * tr.RATE)
    pxx = tr.graph_spectrogram(audio)
    assert pxx.shape == (101, 5511)
    expected, _, _ = mlab.specgram(audio * 32768, NFFT=200, Fs=8000, noverlap=120)
    np.testing.assert_allclose(pxx, expected, rtol=1e-10)


def test_pydubs_units_lengths_in_ms_gains_in_db_overlay_cut_at_the_end():
    one_second = np.ones(tr.RATE)
    assert tr.length_ms(one_second) == 1000 and tr.length_ms(np.ones(441)) == 10
    np.testing.assert_allclose(tr.change_gain(one_second, -20), 0.1)
    assert abs(tr.dbfs(tr.match_target_amplitude(0.3 * one_second, -20.0)) + 20) < 1e-9
    background = np.zeros(2 * tr.RATE)
    mixed = tr.overlay(background, one_second, position=1500)  # the last half second falls off the end
    assert len(mixed) == len(background) and mixed.sum() == tr.RATE // 2 and background.sum() == 0
    assert mixed[tr.RATE * 3 // 2 - 1] == 0 and mixed[tr.RATE * 3 // 2] == 1


def test_segments_touching_at_an_end_overlap_and_a_crowded_background_gives_up():
    assert tr.is_overlapping((950, 1430), [(2000, 2550), (260, 950)])
    assert not tr.is_overlapping((951, 1430), [(260, 950), (1431, 1500)])
    full = [(0, 9999)]
    np.random.seed(1)
    background = np.zeros(10 * tr.RATE)
    new, segment = tr.insert_audio_clip(background, np.ones(tr.RATE // 2), full)
    assert segment == (10000, 10000) and new is background and full == [(0, 9999)]


def test_a_placed_clip_is_recorded_and_mixed_in_where_it_was_placed():
    np.random.seed(3)
    previous = [(2000, 2999)]
    clip = np.ones(tr.RATE // 4)
    new, (start, end) = tr.insert_audio_clip(np.zeros(10 * tr.RATE), clip, previous)
    assert end - start + 1 == 250 and previous == [(2000, 2999), (start, end)]
    assert not tr.is_overlapping((start, end), [(2000, 2999)])
    assert np.flatnonzero(new)[0] == start * tr.RATE // 1000 and new.sum() == len(clip)


def test_the_fifty_ones_start_one_step_after_the_end_and_stop_at_ty():
    y = tr.insert_ones(np.zeros((1, 1375)), 9700)
    assert y[0, 1333] == 0 and y[0, 1334:].sum() == 1375 - 1334
    y = tr.insert_ones(np.zeros((1, 1375)), 4000)
    assert np.flatnonzero(y[0]).tolist() == list(range(551, 601))
    assert tr.insert_ones(np.zeros((1, 1375)), 10000).sum() == 0


def test_a_training_example_is_a_spectrogram_with_labels_after_each_activate():
    np.random.seed(18)
    activates = [0.5 * np.ones(tr.RATE // 2)]
    x, y = tr.create_training_example(0.01 * np.ones(10 * tr.RATE), activates, [np.ones(tr.RATE // 3)], 1375)
    assert x.shape == (101, 5511) and y.shape == (1, 1375)
    assert y.sum() % 50 == 0 or y[0, -1] == 1


def test_the_chime_rule_waits_75_steps_after_a_chime_as_the_original():
    p = np.zeros(1375)
    p[[10, 200, 276, 300]] = 0.9  # 10 is within the first 75 steps; 276 is the 76th after 200, 300 too soon
    assert tr.chime_steps(p) == [200, 276]
    assert tr.chime_steps(p, threshold=0.95) == []


def test_words_are_read_off_the_labels_and_each_chime_matches_one_word():
    y = tr.insert_ones(tr.insert_ones(np.zeros((1, 1375)), 2000), 7000)
    assert tr.word_ends(y) == [275, 962]
    assert tr.match_chimes([280, 300, 1100], [275, 962]) == 1  # 300 is the same word's; 1100 is too late
    assert tr.match_chimes([251, 1037], [275, 962]) == 2  # the edges of the window count
    assert tr.match_chimes([249], [275]) == 0


def test_the_features_are_the_log_spectrogram_time_first():
    x = np.array([[0.0, 9.0], [99.0, 999.0], [1.0, 0.0]])
    np.testing.assert_allclose(tr.features(x), [[0, 2, np.log10(2)], [1, 3, 0]], rtol=1e-6)
