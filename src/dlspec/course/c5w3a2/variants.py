"""Correct solutions of C5W3A2 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import variant
from dlspec.nn.trigger import (
    RATE,
    dbfs,
    get_random_time_segment,
    graph_spectrogram,
    insert_audio_clip,
    insert_ones,
    is_overlapping,
    length_ms,
    overlay,
)

# --- is_overlapping ---------------------------------------------------------------------------------------------


@variant("is_overlapping")
def overlap_any(segment_time, previous_segments):
    # two intervals overlap unless one ends before the other starts
    start, end = segment_time
    return any(not (end < s or start > e) for s, e in previous_segments)


@variant("is_overlapping")
def overlap_arrays(segment_time, previous_segments):
    # all segments at once, as arrays: the latest start is at most the earliest end
    if not previous_segments:
        return False
    prev = np.array(previous_segments)
    return bool(np.any(np.maximum(prev[:, 0], segment_time[0]) <= np.minimum(prev[:, 1], segment_time[1])))


# --- insert_audio_clip ------------------------------------------------------------------------------------------


@variant("insert_audio_clip")
def insert_for_loop(background, audio_clip, previous_segments):
    # the six retries as a for loop; the clip added by slicing a copy
    ms = length_ms(audio_clip)
    segment_time = get_random_time_segment(ms)
    for _ in range(6):
        if not is_overlapping(segment_time, previous_segments):
            break
        segment_time = get_random_time_segment(ms)
    if is_overlapping(segment_time, previous_segments):
        return background, (10000, 10000)
    start = segment_time[0] * RATE // 1000
    new_background = background.copy()
    end = min(start + len(audio_clip), len(background))
    new_background[start:end] += audio_clip[: end - start]
    previous_segments.append(segment_time)
    return new_background, segment_time


@variant("insert_audio_clip")
def insert_counting_tries(background, audio_clip, previous_segments):
    # count the draws instead of the retries left
    segment_ms = length_ms(audio_clip)
    tries = 1
    segment_time = get_random_time_segment(segment_ms)
    while tries <= 6 and is_overlapping(segment_time, previous_segments):
        segment_time = get_random_time_segment(segment_ms)
        tries += 1
    free = not is_overlapping(segment_time, previous_segments)
    if free:
        previous_segments += [segment_time]
    return (overlay(background, audio_clip, segment_time[0]), segment_time) if free else (background, (10000, 10000))


# --- insert_ones ------------------------------------------------------------------------------------------------


@variant("insert_ones")
def ones_by_slice(y, segment_end_ms):
    # a slice stops at the end of the array by itself
    Ty = y.shape[1]
    step = int(segment_end_ms * Ty / 10000.0)
    y[0, step + 1 : step + 51] = 1.0
    return y


@variant("insert_ones")
def ones_by_mask(y, segment_end_ms):
    # the steps strictly after the end step, 50 of them
    steps = np.arange(y.shape[1])
    end = int(segment_end_ms * y.shape[1] / 10000.0)
    y[:, (steps > end) & (steps <= end + 50)] = 1
    return y


# --- create_training_example ------------------------------------------------------------------------------------


@variant("create_training_example")
def example_with_choice(background, activates, negatives, Ty):
    # np.random.choice with replacement draws its indices as randint does: the same examples
    background = background * 0.1
    y = np.zeros((1, Ty))
    taken = []
    for k in np.random.choice(len(activates), size=np.random.randint(0, 5)):
        background, (_, end) = insert_audio_clip(background, activates[k], taken)
        y = insert_ones(y, end)
    for k in np.random.choice(len(negatives), size=np.random.randint(0, 3)):
        background, _ = insert_audio_clip(background, negatives[k], taken)
    return graph_spectrogram(background * 10 ** ((-20.0 - dbfs(background)) / 20)), y


@variant("create_training_example")
def example_rms_by_hand(background, activates, negatives, Ty):
    # the level matched by hand: -20 dBFS is an RMS of 0.1
    mix = background / 10
    labels = np.zeros((1, Ty))
    segments = []
    count = np.random.randint(0, 5)
    chosen = np.random.randint(len(activates), size=count)
    for clip in (activates[i] for i in chosen):
        mix, segment = insert_audio_clip(mix, clip, segments)
        labels = insert_ones(labels, segment[1])
    count = np.random.randint(0, 3)
    chosen = np.random.randint(len(negatives), size=count)
    for clip in (negatives[i] for i in chosen):
        mix, _ = insert_audio_clip(mix, clip, segments)
    mix = mix * (0.1 / np.sqrt(np.mean(mix.astype(np.float64) ** 2)))
    return graph_spectrogram(mix), labels


# --- TriggerModel -----------------------------------------------------------------------------------------------


class _ChannelsFirst(nn.Module):
    """Wraps a layer that reads (m, channels, T) so that it takes and returns (m, T, channels)."""

    def __init__(self, layer):
        super().__init__()
        self.layer = layer

    def forward(self, A):
        return self.layer(A.transpose(1, 2)).transpose(1, 2)


class _Sequence(nn.Module):
    """A GRU's whole sequence of outputs, without its last state."""

    def __init__(self, gru):
        super().__init__()
        self.gru = gru

    def forward(self, A):
        return self.gru(A)[0]


@variant("TriggerModel")
class ModelSequential(nn.Module):
    # the layers in one nn.Sequential, the transposes as wrapper layers
    def __init__(self, input_shape):
        super().__init__()
        self.net = nn.Sequential(
            _ChannelsFirst(nn.Sequential(nn.Conv1d(input_shape[-1], 196, 15, 4), nn.BatchNorm1d(196), nn.ReLU())),
            nn.Dropout(0.8),
            _Sequence(nn.GRU(196, 128, batch_first=True)),
            nn.Dropout(0.8),
            _ChannelsFirst(nn.BatchNorm1d(128)),
            _Sequence(nn.GRU(128, 128, batch_first=True)),
            nn.Dropout(0.8),
            _ChannelsFirst(nn.BatchNorm1d(128)),
            nn.Dropout(0.8),
            nn.Linear(128, 1),
            nn.Sigmoid(),
        )

    def forward(self, X):
        return self.net(X)


@variant("TriggerModel")
class ModelChannelsFirst(nn.Module):
    # keeps the tensor channels first between the layers, transposing only around the GRUs
    def __init__(self, input_shape):
        super().__init__()
        Tx, n_freq = input_shape
        self.dense = nn.Linear(128, 1)  # registered first: the order of registration does not matter
        self.layers = nn.ModuleList([nn.Conv1d(n_freq, 196, kernel_size=15, stride=4), nn.BatchNorm1d(196),
                                     nn.GRU(196, 128, batch_first=True), nn.BatchNorm1d(128),
                                     nn.GRU(128, 128, batch_first=True), nn.BatchNorm1d(128)])  # fmt: skip

    def forward(self, X):
        conv, bn0, gru1, bn1, gru2, bn2 = self.layers
        A = F.dropout(F.relu(bn0(conv(X.permute(0, 2, 1)))), 0.8, self.training)  # (m, 196, Ty)
        A = F.dropout(gru1(A.permute(0, 2, 1))[0], 0.8, self.training).permute(0, 2, 1)
        A = F.dropout(gru2(bn1(A).permute(0, 2, 1))[0], 0.8, self.training).permute(0, 2, 1)
        A = F.dropout(bn2(A), 0.8, self.training).permute(0, 2, 1)
        return torch.sigmoid(self.dense(A))
