"""Known mistakes in C5W3A2, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import mutant
from dlspec.nn.trigger import (
    change_gain,
    get_random_time_segment,
    graph_spectrogram,
    insert_audio_clip,
    insert_ones,
    is_overlapping,
    length_ms,
    match_target_amplitude,
    overlay,
)

# --- is_overlapping ---------------------------------------------------------------------------------------------


@mutant("is_overlapping", "Both ends of a segment are part of it: (100, 500) and (500, 900) share the millisecond "
        "500, so they overlap. Compare with <= and >=, not < and >.")  # fmt: skip
def overlap_strict(segment_time, previous_segments):
    segment_start, segment_end = segment_time
    return any(segment_start < end and segment_end > start for start, end in previous_segments)


@mutant("is_overlapping", "Check every previous segment, not only the last one inserted: a new segment can land on "
        "any of them.")  # fmt: skip
def overlap_last_only(segment_time, previous_segments):
    segment_start, segment_end = segment_time
    for previous_start, previous_end in previous_segments[-1:]:
        if segment_start <= previous_end and segment_end >= previous_start:
            return True
    return False


@mutant("is_overlapping", "Return False only after the loop has seen every previous segment: returning from the "
        "first iteration judges the first segment alone.")  # fmt: skip
def overlap_first_only(segment_time, previous_segments):
    segment_start, segment_end = segment_time
    for previous_start, previous_end in previous_segments:
        return segment_start <= previous_end and segment_end >= previous_start
    return False


@mutant("is_overlapping", "Two segments overlap when each starts before the other ends. Testing whether the new "
        "segment's start falls inside an old one misses a new segment that begins earlier and runs into it.")
def overlap_start_inside(segment_time, previous_segments):
    segment_start, _ = segment_time
    return any(start <= segment_start <= end for start, end in previous_segments)


@mutant("is_overlapping", "Both conditions must hold (and): the new segment starts before the old one ends AND ends "
        "after it starts. With or, nearly every pair of segments overlaps.")  # fmt: skip
def overlap_or(segment_time, previous_segments):
    segment_start, segment_end = segment_time
    return any(segment_start <= end or segment_end >= start for start, end in previous_segments)


@mutant("is_overlapping", "Overlapping is more than one segment containing the other: (100, 500) and (400, 900) "
        "overlap too. Compare each start with the other segment's end.")  # fmt: skip
def overlap_containment(segment_time, previous_segments):
    s, e = segment_time
    return any((s <= start and e >= end) or (start <= s and end >= e) for start, end in previous_segments)


# --- insert_audio_clip ------------------------------------------------------------------------------------------


def _draw(audio_clip, previous_segments):
    """The reference's draws: a segment, and up to six more while it overlaps an earlier one."""
    segment_ms = length_ms(audio_clip)
    segment_time = get_random_time_segment(segment_ms)
    retry = 5
    while is_overlapping(segment_time, previous_segments) and retry >= 0:
        segment_time = get_random_time_segment(segment_ms)
        retry = retry - 1
    return segment_time


@mutant("insert_audio_clip", "Append the new segment to previous_segments (previous_segments.append(segment_time)): "
        "the next clip must know where this one is, or two words can land on each other.")  # fmt: skip
def insert_not_recorded(background, audio_clip, previous_segments):
    segment_time = _draw(audio_clip, previous_segments)
    if not is_overlapping(segment_time, previous_segments):
        return overlay(background, audio_clip, position=segment_time[0]), segment_time
    return background, (10000, 10000)


@mutant("insert_audio_clip", "Record the segment only when the clip is inserted: where no free place was found, "
        "previous_segments stays as it was and the result is (10000, 10000).")  # fmt: skip
def insert_always_recorded(background, audio_clip, previous_segments):
    segment_time = _draw(audio_clip, previous_segments)
    found = not is_overlapping(segment_time, previous_segments)
    previous_segments.append(segment_time)
    if found:
        return overlay(background, audio_clip, position=segment_time[0]), segment_time
    return background, (10000, 10000)


@mutant("insert_audio_clip", "Draw again while the segment overlaps (up to six more tries): a single draw gives up "
        "whenever it lands on an earlier word.")  # fmt: skip
def insert_no_retry(background, audio_clip, previous_segments):
    segment_time = get_random_time_segment(length_ms(audio_clip))
    if is_overlapping(segment_time, previous_segments):
        return background, (10000, 10000)
    previous_segments.append(segment_time)
    return overlay(background, audio_clip, position=segment_time[0]), segment_time


@mutant("insert_audio_clip", "overlay's position is where the clip starts: segment_time[0], in ms.")
def insert_at_end(background, audio_clip, previous_segments):
    segment_time = _draw(audio_clip, previous_segments)
    if is_overlapping(segment_time, previous_segments):
        return background, (10000, 10000)
    previous_segments.append(segment_time)
    return overlay(background, audio_clip, position=segment_time[1]), segment_time


@mutant("insert_audio_clip", "Return the background with the clip in it (overlay returns a new array and leaves "
        "its argument as it was).")  # fmt: skip
def insert_returns_old_background(background, audio_clip, previous_segments):
    segment_time = _draw(audio_clip, previous_segments)
    if not is_overlapping(segment_time, previous_segments):
        previous_segments.append(segment_time)
        overlay(background, audio_clip, position=segment_time[0])
        return background, segment_time
    return background, (10000, 10000)


@mutant("insert_audio_clip", "get_random_time_segment takes the clip's length in milliseconds, length_ms(audio_clip) "
        "(pydub's len()); len() of an array counts samples, 44.1 per ms.")  # fmt: skip
def insert_length_in_samples(background, audio_clip, previous_segments):
    segment_time = get_random_time_segment(len(audio_clip))
    previous_segments.append(segment_time)
    return overlay(background, audio_clip, position=segment_time[0]), segment_time


# --- insert_ones ------------------------------------------------------------------------------------------------


def _ones(y, end_step, first=1, count=50):
    """y with ``count`` ones from step ``end_step + first`` on (a slice stops at Ty by itself)."""
    y[0, end_step + first : end_step + first + count] = 1
    return y


def _step(y, segment_end_ms):
    return int(segment_end_ms * y.shape[1] / 10000.0)


@mutant("insert_ones", "The ones start one step AFTER the step where the word ends: range(segment_end_y + 1, "
        "segment_end_y + 51).")  # fmt: skip
def ones_from_the_end_step(y, segment_end_ms):
    return _ones(y, _step(y, segment_end_ms), first=0)


@mutant("insert_ones", "Fifty ones: range(segment_end_y + 1, segment_end_y + 51) holds 50 steps.")
def ones_49(y, segment_end_ms):
    return _ones(y, _step(y, segment_end_ms), count=49)


@mutant("insert_ones", "Read Ty off y (y.shape[1]): the label steps of 10 s are Ty, and the checks try other values "
        "than 1375.")  # fmt: skip
def ones_fixed_ty(y, segment_end_ms):
    return _ones(y, int(segment_end_ms * 1375 / 10000.0))


@mutant("insert_ones", "A step lasts 10,000 / Ty ms: the step of a time in ms is int(segment_end_ms * Ty / 10000), "
        "not its time in seconds or the spectrogram's 5,511 steps.")  # fmt: skip
def ones_wrong_length(y, segment_end_ms):
    return _ones(y, int(segment_end_ms * y.shape[1] / 5511))


@mutant("insert_ones", "Round down (int()): the word has ended by the step that contains its end, not the nearest "
        "step.")  # fmt: skip
def ones_rounded(y, segment_end_ms):
    return _ones(y, round(segment_end_ms * y.shape[1] / 10000.0))


@mutant("insert_ones", "Skip the steps past the end of y (if i < Ty): a word that ends less than 50 steps before the "
        "end has a shorter run of ones.")  # fmt: skip
def ones_not_clipped(y, segment_end_ms):
    end = _step(y, segment_end_ms)
    if end < y.shape[1]:
        for i in range(end + 1, end + 51):
            y[0, i] = 1
    return y


@mutant("insert_ones", "Update the y you are given: the ones of the words inserted before must stay.")
def ones_fresh_labels(y, segment_end_ms):
    return _ones(np.zeros_like(y), _step(y, segment_end_ms))


# --- create_training_example ------------------------------------------------------------------------------------


def _example(background, activates, negatives, Ty, *, gain=-20, label_negatives=False, normalise=True,
             label_at="end", fresh_segments=False, most_activates=5):  # fmt: skip
    """The reference's steps, each of which a mistake below changes."""
    background = change_gain(background, gain)
    y = np.zeros((1, Ty))
    previous_segments = []
    n = np.random.randint(0, most_activates)
    for i in np.random.randint(len(activates), size=n):
        background, (start, end) = insert_audio_clip(background, activates[i], previous_segments)
        y = insert_ones(y, end if label_at == "end" else start)
    n = np.random.randint(0, 3)
    if fresh_segments:
        previous_segments = []
    for i in np.random.randint(len(negatives), size=n):
        background, (start, end) = insert_audio_clip(background, negatives[i], previous_segments)
        if label_negatives:
            y = insert_ones(y, end)
    if normalise:
        background = match_target_amplitude(background, -20.0)
    return graph_spectrogram(background), y


@mutant("create_training_example", "Label only the activates: a negative word is exactly what the model must learn "
        "NOT to answer, so its label steps stay 0.")  # fmt: skip
def example_negatives_labelled(background, activates, negatives, Ty):
    return _example(background, activates, negatives, Ty, label_negatives=True)


@mutant("create_training_example", "Make the background 20 dB quieter first (change_gain(background, -20), pydub's "
        "background - 20), so that the words stand out over it.")  # fmt: skip
def example_background_loud(background, activates, negatives, Ty):
    return _example(background, activates, negatives, Ty, gain=0)


@mutant("create_training_example", "Bring the mix to -20 dBFS with match_target_amplitude before its spectrogram, "
        "so that every example has the same loudness.")  # fmt: skip
def example_not_normalised(background, activates, negatives, Ty):
    return _example(background, activates, negatives, Ty, normalise=False)


@mutant("create_training_example", "The ones go after the END of each activate (segment_time[1]): the model answers "
        "once the word has been said.")  # fmt: skip
def example_labels_at_start(background, activates, negatives, Ty):
    return _example(background, activates, negatives, Ty, label_at="start")


@mutant("create_training_example", "Insert the negatives with the same previous_segments as the activates: a "
        "negative must not land on an activate.")  # fmt: skip
def example_negatives_over_activates(background, activates, negatives, Ty):
    return _example(background, activates, negatives, Ty, fresh_segments=True)


@mutant("create_training_example", "Draw the number of activates with np.random.randint(0, 5): 0 to 4 of them (the "
        "upper bound is excluded).")  # fmt: skip
def example_three_activates_at_most(background, activates, negatives, Ty):
    return _example(background, activates, negatives, Ty, most_activates=4)


# --- TriggerModel -----------------------------------------------------------------------------------------------


class _Model(nn.Module):
    """The reference's layers; the class attributes are the parts a mistake below changes."""

    stride, padding, p, relu_first, sigmoid = 4, 0, 0.8, False, True

    def __init__(self, input_shape):
        super().__init__()
        self.conv = nn.Conv1d(input_shape[1], 196, 15, stride=self.stride, padding=self.padding)
        self.bn_conv, self.bn1, self.bn2 = nn.BatchNorm1d(196), nn.BatchNorm1d(128), nn.BatchNorm1d(128)
        self.gru1, self.gru2 = nn.GRU(196, 128, batch_first=True), nn.GRU(128, 128, batch_first=True)
        self.dense = nn.Linear(128, 1)

    def drop(self, A):
        return F.dropout(A, self.p, self.training)

    def bn(self, layer, A):  # a BatchNorm over the features of a (m, T, n) tensor
        return layer(A.transpose(1, 2)).transpose(1, 2)

    def front(self, X):
        A = self.conv(X.transpose(1, 2))
        A = self.bn_conv(torch.relu(A)) if self.relu_first else torch.relu(self.bn_conv(A))
        return self.drop(A).transpose(1, 2)

    def middle(self, A):
        A = self.bn(self.bn1, self.drop(self.gru1(A)[0]))
        return self.drop(self.bn(self.bn2, self.drop(self.gru2(A)[0])))

    def forward(self, X):
        out = self.dense(self.middle(self.front(X)))
        return torch.sigmoid(out) if self.sigmoid else out


@mutant("TriggerModel", "The convolution's stride is 4: it turns Tx = 5511 spectrogram steps into Ty = 1375 output "
        "steps, (5511 - 15) // 4 + 1.")  # fmt: skip
class ModelStrideOne(_Model):
    stride = 1


@mutant("TriggerModel", "No padding in the convolution (Keras's default, padding='valid'): a window of 15 steps fits "
        "(Tx - 15) // 4 + 1 times.")  # fmt: skip
class ModelPadded(_Model):
    padding = 7


@mutant("TriggerModel", "nn.Dropout(p) takes the probability of DROPPING a value, as Keras's rate does: the "
        "original's Dropout(rate=0.8) is nn.Dropout(0.8), not 0.2.")  # fmt: skip
class ModelKeepProbability(_Model):
    p = 0.2


@mutant("TriggerModel", "BatchNorm comes right after the convolution, then the ReLU: Conv1d -> BatchNorm1d -> ReLU.")
class ModelReluBeforeBatchNorm(_Model):
    relu_first = True


@mutant("TriggerModel", "End with a sigmoid at every step: the output is the probability that 'activate' has just "
        "been said, between 0 and 1.")  # fmt: skip
class ModelLogits(_Model):
    sigmoid = False


@mutant("TriggerModel", "Each GRU is followed by dropout and then its own BatchNorm: one nn.GRU(num_layers=2) "
        "leaves out the dropout and BatchNorm between the two layers.")  # fmt: skip
class ModelStackedGru(_Model):
    def __init__(self, input_shape):
        super().__init__(input_shape)
        del self.gru2, self.bn1
        self.gru1 = nn.GRU(196, 128, num_layers=2, batch_first=True)

    def middle(self, A):
        return self.drop(self.bn(self.bn2, self.drop(self.gru1(A)[0])))


@mutant("TriggerModel", "Keep every step: the GRUs return their whole sequence of outputs (nn.GRU's first result, "
        "(m, T, 128)), and the dense layer scores each step, so the output is (m, Ty, 1).")  # fmt: skip
class ModelLastStepOnly(_Model):
    def forward(self, X):
        return torch.sigmoid(self.dense(self.middle(self.front(X))[:, -1]))
