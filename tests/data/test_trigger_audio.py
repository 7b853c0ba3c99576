"""C5W3A2's audio: the shipped clips load at the course's rate with their names and licences, the held-out split
shares no speaker, word or music with training, and the build script rebuilds the shipped file from Debian's
packages (where they are installed: `make test` installs them)."""

import shutil

import numpy as np
import pytest

from dlspec.data import ASSETS, assets, digest
from dlspec.data import build_trigger as build
from dlspec.data.trigger import RATE, STORED_RATE, load_trigger, noise_backgrounds, resample


def test_the_clips_load_at_44_1_khz_in_range_with_ten_second_backgrounds():
    activates, negatives, backgrounds = load_trigger("train")
    assert len(activates) >= 30 and len(negatives) >= 150 and len(backgrounds) >= 8
    for clip in activates + negatives:
        assert clip.dtype == np.float32 and 0.2 * RATE < len(clip) <= 1.2 * RATE and np.abs(clip).max() <= 1.1
    assert all(len(b) == 10 * RATE for b in backgrounds)


def test_the_held_out_split_has_its_own_speakers_words_and_music():
    stored = assets.arrays("trigger")
    names, split = stored["names"], stored["split"]
    voice = [":".join(n.split(":")[:2]) if n.startswith(("flite", "espeak")) else n for n in names]
    assert not {v for v, s in zip(voice, split, strict=True) if s} & {v for v, s in zip(voice, split, strict=True)
                                                                      if not s and "activ" in v}
    music = {n.split("@")[0]: s for n, s in zip(names, split, strict=True) if n.startswith("asterisk-moh")}
    assert sorted(music.values()) == [0, 0, 0, 0, 1]
    assert all(len(lic) > 10 for lic in stored["licences"]) and "activated.wav" in " ".join(names)


def test_upsampling_keeps_a_tone_and_its_level():
    t = np.arange(STORED_RATE) / STORED_RATE
    up = resample(np.sin(2 * np.pi * 440 * t), STORED_RATE, RATE)
    assert len(up) == RATE
    np.testing.assert_allclose(up, np.sin(2 * np.pi * 440 * np.arange(RATE) / RATE), atol=1e-9)


def test_noise_backgrounds_are_seeded_and_quiet():
    a, b = noise_backgrounds(np.random.default_rng(3)), noise_backgrounds(np.random.default_rng(3))
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert all(abs(np.sqrt(np.mean(x.astype(np.float64) ** 2)) - 0.05) < 1e-3 for x in a)


def test_trimming_cuts_the_silence_around_a_word_and_keeps_a_frame_each_side():
    word = np.r_[np.zeros(800), 0.5 * np.ones(400), np.zeros(800)]  # 100 ms quiet, 50 ms loud, 100 ms quiet
    assert len(build.trim(word)) == 400 + 2 * 80


def test_the_arrays_say_what_each_clip_is():
    clips = [("activate", "train", "a", "MIT", np.full(10, 0.5)), ("background", "held-out", "b", "CC0", -np.ones(3))]
    arrays = build.build(clips)
    assert arrays["audio"].tolist() == [16384] * 10 + [-32768] * 3 and arrays["offsets"].tolist() == [0, 10, 13]
    assert arrays["kind"].tolist() == [0, 2] and arrays["split"].tolist() == [0, 1]
    assert arrays["names"].tolist() == ["a", "b"] and arrays["licences"].tolist() == ["MIT", "CC0"]


@pytest.mark.skipif(not (build.SOUNDS.is_dir() and build.MOH.is_dir() and shutil.which("flite")
                         and shutil.which("espeak-ng")),
                    reason="Debian's asterisk-core-sounds-en-wav, asterisk-moh-opsound-wav, flite and espeak-ng are "
                    "not installed (make test installs them)")  # fmt: skip
def test_debians_packages_rebuild_exactly_the_shipped_file(tmp_path):
    build.main(["--out", str(tmp_path / "trigger.npz")])
    assert (tmp_path / "trigger.npz").read_bytes() == (assets.FILES / "trigger.npz").read_bytes()
    assert digest(dict(np.load(tmp_path / "trigger.npz"))) == ASSETS["trigger"].sha256


def test_precision_and_recall_count_chimes_and_words_over_examples():
    from dlspec.data.train_trigger import precision_recall

    y = np.zeros((2, 1375))
    y[0, 276:326] = y[1, 963:1013] = 1  # words ending at steps 275 and 962
    predictions = np.zeros((2, 1375))
    predictions[0, [280, 700]] = 0.9  # one right, one false alarm; the second word is missed
    assert precision_recall(predictions, y) == (0.5, 0.5, 1, 2, 2)
