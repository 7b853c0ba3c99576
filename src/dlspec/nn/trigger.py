"""Trigger-word data synthesis of Course 5 week 3's second assignment (C5W3A2), in NumPy.

The original built its training examples with pydub: ``AudioSegment`` objects whose ``len()`` is in milliseconds,
``background.overlay(clip, position=ms)`` to mix a word in, ``background - 20`` to lower it by 20 dB, and
``match_target_amplitude`` to bring a mix to -20 dBFS; then it wrote ``train.wav`` and read it back for
``graph_spectrogram``. Here a clip is a 1-D float array in [-1, 1] at ``RATE`` = 44.1 kHz (the original's wav rate),
and the same operations are NumPy functions that keep pydub's units:

* ``length_ms(clip)``: pydub's ``len(clip)``, the duration rounded to whole milliseconds;
* ``overlay(background, clip, position)``: a copy of ``background`` with ``clip`` added from ``position`` ms on,
  cut where the background ends, as pydub's overlay does;
* ``change_gain(audio, -20)``: pydub's ``audio - 20``, the samples times 10^(-20/20) = 0.1;
* ``match_target_amplitude(audio, -20.0)``: the gain that brings the RMS level to -20 dBFS, as the original's helper;
* ``graph_spectrogram(audio)``: the original's ``plt.specgram(data, NFFT=200, Fs=8000, noverlap=120)`` of the
  16-bit samples, computed with NumPy (no file written): 5,511 steps of 101 frequencies for 10 seconds.

Times are in milliseconds and a 10-second background is ``BACKGROUND_MS``; a label step lasts 10,000 / Ty ms. The
graded functions draw from NumPy's global random state in the original's order (``get_random_time_segment``), so a
seeded example is the original's. Only the names the notebook imports are used here (``np`` and the helpers),
because each reference is pasted verbatim into the answer-key notebook.
"""

from __future__ import annotations

import numpy as np

RATE = 44100  # samples per second of the course's audio
BACKGROUND_MS = 10_000  # every background lasts 10 s
NFFT, FS, NOVERLAP = 200, 8000, 120  # the original's spectrogram: 200-sample windows, 80 apart; FS only labels axes
FULL_SCALE = 32768  # the spectrogram reads the samples as 16-bit integers, as the original's wav file held them


def length_ms(audio: np.ndarray) -> int:
    """The duration of ``audio`` in whole milliseconds (pydub's ``len``)."""
    return round(1000 * len(audio) / RATE)


def overlay(background: np.ndarray, audio_clip: np.ndarray, position: int) -> np.ndarray:
    """A copy of ``background`` with ``audio_clip`` added from ``position`` ms on (pydub's ``overlay``): the clip
    is cut where the background ends; the background keeps its length."""
    start = position * RATE // 1000
    out = background.copy()
    piece = audio_clip[: max(len(out) - start, 0)]
    out[start : start + len(piece)] += piece
    return out


def change_gain(audio: np.ndarray, gain_db: float) -> np.ndarray:
    """``audio`` made ``gain_db`` decibels louder (negative: quieter), pydub's ``audio + gain_db``."""
    return audio * 10 ** (gain_db / 20)


def dbfs(audio: np.ndarray) -> float:
    """The RMS level of ``audio`` in decibels relative to full scale (pydub's ``dBFS``; 0 for a full-scale square
    wave, -inf for silence)."""
    rms = np.sqrt(np.mean(np.square(audio, dtype=np.float64)))
    return 20 * np.log10(rms) if rms > 0 else -np.inf


def match_target_amplitude(sound: np.ndarray, target_dBFS: float) -> np.ndarray:
    """``sound`` with the gain that brings its level to ``target_dBFS`` (the original's helper)."""
    return change_gain(sound, target_dBFS - dbfs(sound))


def graph_spectrogram(audio: np.ndarray) -> np.ndarray:
    """The power spectral density of ``audio`` as the original computed it (matplotlib's ``specgram`` of the
    16-bit samples, NFFT=200, Fs=8000, noverlap=120, Hann window): shape (101, n_steps), 5,511 steps for 10 s."""
    x = np.asarray(audio, np.float64) * FULL_SCALE
    step = NFFT - NOVERLAP
    n_steps = (len(x) - NOVERLAP) // step
    window = np.hanning(NFFT)
    frames = x[np.arange(NFFT) + step * np.arange(n_steps)[:, None]] * window
    pxx = np.abs(np.fft.rfft(frames, axis=1)) ** 2 / (FS * np.sum(window**2))
    pxx[:, 1:-1] *= 2  # one-sided: the power of the negative frequencies folded onto the positive ones
    return pxx.T


def get_random_time_segment(segment_ms: int) -> tuple[int, int]:
    """A random (start, end) in ms, inclusive, for a clip of ``segment_ms`` inside a 10-second background (NumPy's
    global random state, one draw, as the original)."""
    segment_start = np.random.randint(low=0, high=BACKGROUND_MS - segment_ms)
    return segment_start, segment_start + segment_ms - 1


def is_overlapping(segment_time: tuple[int, int], previous_segments: list[tuple[int, int]]) -> bool:
    """Whether the segment (start, end), in ms and inclusive at both ends, overlaps any of the previous ones.

    Arguments:
    segment_time -- a tuple of (segment_start, segment_end) for the new segment
    previous_segments -- a list of tuples of (segment_start, segment_end) for the existing segments

    Returns:
    True if the time segment overlaps with any of the existing segments, False otherwise
    """
    segment_start, segment_end = segment_time
    overlap = False
    for previous_start, previous_end in previous_segments:
        if segment_start <= previous_end and segment_end >= previous_start:
            overlap = True
            break
    return overlap


def insert_audio_clip(
    background: np.ndarray, audio_clip: np.ndarray, previous_segments: list[tuple[int, int]]
) -> tuple[np.ndarray, tuple[int, int]]:
    """Insert ``audio_clip`` at a random time of ``background`` where it overlaps no previous segment.

    Arguments:
    background -- a 10-second background recording, 1-D float array at RATE
    audio_clip -- the clip to insert, 1-D float array at RATE
    previous_segments -- the (start, end) ms of the clips already inserted; the new segment is appended to it

    Returns:
    new_background -- the background with the clip added (unchanged if no free place was found)
    segment_time -- (start, end) in ms of the inserted clip, or (10000, 10000) if none was found
    """
    segment_ms = length_ms(audio_clip)
    segment_time = get_random_time_segment(segment_ms)
    retry = 5  # a crowded background may have no free place left: give up after six tries
    while is_overlapping(segment_time, previous_segments) and retry >= 0:
        segment_time = get_random_time_segment(segment_ms)
        retry = retry - 1
    if not is_overlapping(segment_time, previous_segments):
        previous_segments.append(segment_time)
        new_background = overlay(background, audio_clip, position=segment_time[0])
    else:
        new_background = background
        segment_time = (10000, 10000)
    return new_background, segment_time


def insert_ones(y: np.ndarray, segment_end_ms: int) -> np.ndarray:
    """Set to 1 the 50 label steps strictly after the step where a segment ending at ``segment_end_ms`` ends.

    Arguments:
    y -- labels, shape (1, Ty)
    segment_end_ms -- the end of the "activate" segment, in ms

    Returns:
    y -- the labels, updated (steps past Ty are dropped)
    """
    _, Ty = y.shape
    segment_end_y = int(segment_end_ms * Ty / 10000.0)
    if segment_end_y < Ty:
        for i in range(segment_end_y + 1, segment_end_y + 51):
            if i < Ty:
                y[0, i] = 1
    return y


def create_training_example(
    background: np.ndarray, activates: list[np.ndarray], negatives: list[np.ndarray], Ty: int
) -> tuple[np.ndarray, np.ndarray]:
    """A training example: the background, 20 dB quieter, with 0 to 4 "activate" clips and 0 to 2 other words
    inserted at random, brought to -20 dBFS, as a spectrogram, with its labels.

    Arguments:
    background -- a 10-second background recording
    activates -- list of clips of the word "activate"
    negatives -- list of clips of other words
    Ty -- the number of label steps

    Returns:
    x -- the spectrogram of the example, shape (101, 5511) for 10 s
    y -- the labels, shape (1, Ty)
    """
    background = change_gain(background, -20)
    y = np.zeros((1, Ty))
    previous_segments = []
    number_of_activates = np.random.randint(0, 5)
    random_indices = np.random.randint(len(activates), size=number_of_activates)
    random_activates = [activates[i] for i in random_indices]
    for random_activate in random_activates:
        background, segment_time = insert_audio_clip(background, random_activate, previous_segments)
        segment_start, segment_end = segment_time
        y = insert_ones(y, segment_end)
    number_of_negatives = np.random.randint(0, 3)
    random_indices = np.random.randint(len(negatives), size=number_of_negatives)
    random_negatives = [negatives[i] for i in random_indices]
    for random_negative in random_negatives:
        background, _ = insert_audio_clip(background, random_negative, previous_segments)
    background = match_target_amplitude(background, -20.0)
    x = graph_spectrogram(background)
    return x, y


# --- reading the detector's output ------------------------------------------------------------------------------

CHIME_GAP = 75  # label steps (about 0.55 s) after a chime before the next may sound, as the original's chime rule
MATCH_BEFORE, MATCH_AFTER = 25, 75  # a chime counts for a word ending up to 25 steps after it or 75 before it


def features(x: np.ndarray) -> np.ndarray:
    """What the shipped detector reads: the spectrogram (n_freq, Tx) time first, (Tx, n_freq), as log10(1 + power).
    The raw powers span ten orders of magnitude; their logarithm trains in CPU minutes."""
    return np.log10(1 + x.T).astype(np.float32)


def chime_steps(predictions: np.ndarray, threshold: float = 0.5, gap: int = CHIME_GAP) -> list[int]:
    """The label steps where the original's ``chime_on_activate`` would chime: the first step whose probability is
    above ``threshold`` once more than ``gap`` steps have passed since the last chime (or the start)."""
    steps, since = [], 0
    for i, p in enumerate(np.ravel(predictions)):
        since += 1
        if p > threshold and since > gap:
            steps.append(i)
            since = 0
    return steps


def word_ends(y: np.ndarray) -> list[int]:
    """The label steps where the words of labels ``y`` end: the step before each run of ones."""
    y = np.ravel(y)
    return [i - 1 for i in range(len(y)) if y[i] == 1 and (i == 0 or y[i - 1] == 0)]


def match_chimes(chimes: list[int], ends: list[int]) -> int:
    """How many words (their end steps) have a chime of their own within ``MATCH_BEFORE`` steps before their end
    to ``MATCH_AFTER`` after it; each chime counts for one word at most."""
    free, matched = sorted(chimes), 0
    for end in sorted(ends):
        near = [c for c in free if end - MATCH_BEFORE <= c <= end + MATCH_AFTER]
        if near:
            free.remove(near[0])
            matched += 1
    return matched
