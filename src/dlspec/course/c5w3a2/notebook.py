# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Trigger word detection
#
# A voice assistant listens all the time but answers only when it hears its name: a **trigger word**. In this
# assignment the word is *"activate"*. A model reads 10 seconds of audio, and at every moment it says whether the
# word has just been said; where it has, the notebook plays a chime.
#
# The hard part is the data. A detector needs many 10-second clips with the exact time of every "activate" in
# them, and recording and labelling those by hand is slow. The trick of this assignment is to **synthesise**
# them: take a background (music, noise), drop short recordings of "activate" and of other words into it at
# random times, and since you placed every word yourself, you know the labels for free.
#
# The original course recorded its own words. No such recordings ship in any package, so here the words come from
# Debian packages: a real voice (Allison Smith's telephone prompts of the Asterisk PBX, "activated" among them),
# two speech synthesisers (flite and eSpeak NG, many voices) saying "activate" and words that sound partly like it,
# and music-on-hold tracks as backgrounds, beside noise made here. `python -m dlspec.data.build_trigger` shows how.
#
# Four graded functions, all in NumPy, with the original's names and its units (times in milliseconds):
#
# 1. `is_overlapping`: does a new segment overlap the words already placed?
# 2. `insert_audio_clip`: place a word at a free random time of the background;
# 3. `insert_ones`: write the labels that follow a word;
# 4. `create_training_example`: a whole training example, spectrogram and labels.
#
# Then a trained model, the original's Conv1D and GRU network in PyTorch, listens to clips it has never heard.
#
# **How checking works.** After each graded function a cell `check(name)` runs it on the example shown and on
# hidden inputs and compares it with the answer key. The functions that draw random times use NumPy's global random
# state through `get_random_time_segment`, as the original did: the checks seed it, so draw in the order the
# instructions give. Stuck? `dlspec hint c5w3a2 <name>` in a terminal gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch
from IPython.display import Audio, display
from torch import nn  # noqa: F401 (TriggerModel is made of its layers)

from dlspec.data.pretrained import trigger_detector
from dlspec.data.trigger import load_trigger
from dlspec.nn.trigger import (
    RATE,
    change_gain,
    chime_steps,
    dbfs,
    features,
    get_random_time_segment,
    graph_spectrogram,
    length_ms,
    match_chimes,
    match_target_amplitude,
    overlay,
    word_ends,
)
from dlspec.notebook import checker, quick

check = checker("c5w3a2")
torch.set_num_threads(1)  # the GRU's steps are small matrix products: a second thread mostly waits

# %% [markdown]
# ## 1. The recordings
#
# `load_trigger()` returns three lists of clips, as the original's `load_raw_audio` did: the "activate" clips, the
# other words (**negatives**), and the 10-second backgrounds. A clip is a NumPy array of samples in $[-1, 1]$,
# 44,100 per second. Listen to a few: the real recording first, then synthetic voices, then other words and a
# background.

# %%
activates, negatives, backgrounds = load_trigger("train")
print(f"{len(activates)} activates, {len(negatives)} negatives, {len(backgrounds)} backgrounds of "
      f"{length_ms(backgrounds[0])} ms")
for name, clip in [("activate: a real voice", activates[0]), ("activate: flite", activates[3]),
                   ("activate: eSpeak NG", activates[-1]), ("another word", negatives[7]),
                   ("another word", negatives[-3]), ("a background", backgrounds[1])]:
    print(f"{name}: {length_ms(clip)} ms")
    display(Audio(clip, rate=RATE))

# %% [markdown]
# ### From pydub to NumPy
#
# The original handled audio with pydub's `AudioSegment`, whose lengths and positions are in milliseconds. The
# same operations are plain functions on arrays here, with the same units:
#
# | pydub (the original) | here | what it does |
# |---|---|---|
# | `len(clip)` | `length_ms(clip)` | duration in whole ms (`len(clip)` of an array counts samples: 44.1 per ms) |
# | `bg.overlay(clip, position=ms)` | `overlay(bg, clip, position=ms)` | a **copy** of `bg`, clip added from `ms` on |
# | `background - 20` | `change_gain(background, -20)` | 20 dB quieter: every sample times $10^{-20/20} = 0.1$ |
# | `match_target_amplitude(s, -20.0)` | the same | the gain that brings the RMS level to -20 dBFS |
# | `sound.dBFS` | `dbfs(sound)` | the RMS level in decibels below full scale |
#
# A clip overlaid near the end is cut where the background ends, as pydub cuts it; the background never grows.

# %%
quiet = change_gain(backgrounds[1], -20)
print(f"background: {dbfs(backgrounds[1]):.1f} dBFS; 20 dB quieter: {dbfs(quiet):.1f} dBFS; "
      f"matched: {dbfs(match_target_amplitude(quiet, -20.0)):.1f} dBFS")
print("overlay keeps the length:", len(overlay(quiet, activates[0], position=9800)) == len(quiet))

# %% [markdown]
#
# ### Spectrograms
#
# A model does not read raw samples well: speech is a pattern of frequencies changing over time. The
# **spectrogram** cuts the audio into short overlapping windows (200 samples, one every 80) and measures how much
# power each window holds at each of 101 frequencies. `graph_spectrogram` computes it exactly as the original's
# `plt.specgram` call did, so 10 seconds become $T_x = 5511$ steps of $n_{freq} = 101$ values. Its values span many
# orders of magnitude, so the picture shows their logarithm.

# %%
example = overlay(change_gain(backgrounds[1], -20), activates[0], position=3000)
x = graph_spectrogram(example)
print("spectrogram:", x.shape)
plt.figure(figsize=(10, 3))
plt.imshow(np.log10(x + 1e-3), aspect="auto", origin="lower", cmap="magma")
plt.axvline(3000 * 5511 / 10000, color="white", ls="--", lw=0.8)
plt.xlabel("time step (10 s = 5511)")
plt.ylabel("frequency bin")
plt.title('music, 20 dB quieter, with "activated" from 3,000 ms on')
plt.show()
display(Audio(example, rate=RATE))

# %% [markdown]
# The word stands out as a burst of energy in the lower bins: the recordings are telephone audio, with nothing
# above 4 kHz (bin 50 and up stay dark for words; music on hold is band-limited the same way).
#
# The model's output is coarser than its input: $T_y = 1375$ label steps for 10 seconds, one every 7.27 ms. The
# label of a step is 1 when "activate" **has just ended**: the 50 steps after the end of each "activate" are 1,
# all others 0. A run of 50 ones (about 0.36 s) is easier to learn than a single 1, and it is where a detector
# should chime.

# %%
Tx, n_freq, Ty = 5511, 101, 1375

# %% [markdown]
# ## 2. Placing words: `is_overlapping`
#
# Words must not land on each other: two words at once would be neither. A **segment** is a pair `(start, end)`
# in ms, **both ends included**: a clip of 500 ms placed at 1000 occupies `(1000, 1499)`.
#
# `is_overlapping(segment_time, previous_segments)` returns `True` if the new segment shares at least one
# millisecond with any of the segments already placed, `False` otherwise. Two segments $(s_1, e_1)$ and $(s_2,
# e_2)$ overlap exactly when each starts no later than the other ends.

# %%
# GRADED: is_overlapping

# %%
print(is_overlapping((950, 1430), [(2000, 2550), (260, 949)]))  # False: 949 and 950 are neighbours
print(is_overlapping((2305, 2950), [(824, 1532), (1900, 2305), (3424, 3656)]))  # True: both hold 2305
check(is_overlapping)

# %% [markdown]
# ## 3. `insert_audio_clip`
#
# The provided `get_random_time_segment(segment_ms)` draws a random start in $[0, 10000 - \text{segment\_ms})$ with
# `np.random.randint` and returns `(start, start + segment_ms - 1)`:

# %%
np.random.seed(0)
print(get_random_time_segment(length_ms(activates[0])), "for a clip of", length_ms(activates[0]), "ms")

# %% [markdown]
#
# `insert_audio_clip(background, audio_clip, previous_segments)`:
#
# 1. draw a segment for the clip's length in ms (`length_ms`, not `len`);
# 2. while it overlaps an earlier segment, draw again, at most six more times (`retry = 5`, continue while
#    `retry >= 0`, lowering it by one each time): a crowded background may have no room left;
# 3. if the last segment is free, append it to `previous_segments` (the list you are given, so the caller sees
#    it) and overlay the clip at the segment's start; if not, leave the background as it is and return the segment
#    `(10000, 10000)`, which lies outside every example.
#
# Return `new_background, segment_time`.

# %%
# GRADED: insert_audio_clip

# %%
np.random.seed(5)
placed = [(2000, 3000)]
mixed, segment_time = insert_audio_clip(change_gain(backgrounds[0], -20), activates[0], placed)
print("segment:", segment_time, " previous_segments now:", placed)
display(Audio(mixed, rate=RATE))
check(insert_audio_clip)

# %% [markdown]
# ## 4. `insert_ones`
#
# The labels `y`, shape $(1, T_y)$, start at 0. A time in ms falls in label step `int(segment_end_ms * Ty /
# 10000.0)`: read $T_y$ off `y`. `insert_ones(y, segment_end_ms)` sets the 50 steps **after** the word's end step
# to 1 (steps `segment_end_y + 1` to `segment_end_y + 50`), without running past the end of `y`, and keeps the ones
# already there. A word that was not placed has the end 10,000 ms, past every step: nothing changes.

# %%
# GRADED: insert_ones

# %%
y = insert_ones(np.zeros((1, Ty)), 9700)
y = insert_ones(y, 4251)
print("sanity checks:", y[0][1333], y[0][634], y[0][635])
plt.figure(figsize=(10, 1.8))
plt.plot(y[0])
plt.xlabel("label step")
plt.title("labels after words ending at 4,251 ms and 9,700 ms (the second run is cut at Ty)")
plt.show()
check(insert_ones)

# %% [markdown]
# ## 5. `create_training_example`
#
# Now a whole example, in the original's order (the seed decides which words go where, so keep it):
#
# 1. make the background 20 dB quieter: `change_gain(background, -20)`;
# 2. `y = np.zeros((1, Ty))` and an empty `previous_segments`;
# 3. the number of activates, `np.random.randint(0, 5)` (0 to 4), which ones, `np.random.randint(len(activates),
#    size=number_of_activates)`; insert each with `insert_audio_clip` and write its labels with `insert_ones` at
#    the end of its segment;
# 4. the same for 0 to 2 negatives (`np.random.randint(0, 3)`), with the same `previous_segments`, and **no**
#    labels: the model must learn not to answer to other words;
# 5. bring the mix to -20 dBFS with `match_target_amplitude`, so that every example is equally loud, and return
#    `graph_spectrogram(background), y`.

# %%
# GRADED: create_training_example

# %%
np.random.seed(18)
x, y = create_training_example(backgrounds[0], activates, negatives, Ty)
print("x", x.shape, " y", y.shape, f" {int(y.sum())} label steps set")
fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 4), sharex=True)
top.imshow(np.log10(x + 1e-3), aspect="auto", origin="lower", cmap="magma", extent=(0, 10, 0, 101))
top.set_ylabel("frequency bin")
bottom.plot(np.arange(Ty) * 10 / Ty, y[0])
bottom.set_xlabel("time (s)")
bottom.set_ylabel("label")
plt.show()
check(create_training_example)

# %% [markdown]
# Every word of that example sits at a time you know, so its labels are exact; repeat with other seeds and
# backgrounds and you have as many examples as you like. The shipped model below was trained on thousands of
# them, drawn from the training recordings only.

# %% [markdown]
# ## 6. The model
#
# The detector reads a spectrogram, $(T_x, n_{freq}) = (5511, 101)$, and outputs a probability for each of the
# $T_y = 1375$ label steps. The original's network, layer for layer:
#
# ```
# X (m, 5511, 101)
#  -> Conv1D: 196 filters, 15 steps wide, stride 4   (m, 1375, 196)   <- finds short sound patterns, 4x fewer steps
#  -> BatchNorm -> ReLU -> Dropout(0.8)
#  -> GRU(128), every step's output                 (m, 1375, 128)   <- reads the patterns in order
#  -> Dropout(0.8) -> BatchNorm
#  -> GRU(128), every step's output                 (m, 1375, 128)
#  -> Dropout(0.8) -> BatchNorm -> Dropout(0.8)
#  -> Dense(1) + sigmoid at every step              (m, 1375, 1)     <- P("activate" has just ended)
# ```
#
# The convolution is why $T_y$ is smaller than $T_x$: a window of 15 steps fits $(5511 - 15) / 4 + 1 = 1375$ times
# with stride 4. The GRUs run **forward only**: a detector must answer as soon as the word ends, without waiting
# for the future, which is why this is not a bidirectional network.
#
# ### `TriggerModel`
#
# The original's `modelf(input_shape)` returned a Keras model; in PyTorch it is a class. `__init__(input_shape)`
# makes the layers (`input_shape` is `(Tx, n_freq)`; read `n_freq` from it), `forward(X)` runs them on `X` of shape
# `(m, Tx, n_freq)` and returns `(m, Ty, 1)` probabilities. Three PyTorch details:
#
# * `nn.Conv1d` and `nn.BatchNorm1d` read `(m, channels, T)`: transpose before them and back after
#   (`A.transpose(1, 2)`);
# * `nn.GRU(input_size, 128, batch_first=True)` returns `(outputs, last_state)`: keep `outputs`, every step's;
# * `nn.Dropout(0.8)` drops 80% of the values in training, as Keras's `Dropout(rate=0.8)`: its argument is the
#   probability of dropping. One `nn.Dropout` object can serve all four places.
#
# The checks fill your layers with weights drawn by their shapes, whatever you call them, and compare outputs in
# evaluation mode and in training mode (the same dropout draws), so the order of the layers matters.

# %%
# GRADED: TriggerModel

# %%
model = TriggerModel(input_shape=(Tx, n_freq))
print(model)
print(f"{sum(p.numel() for p in model.parameters()):,} parameters, "
      f"{sum(b.numel() for name, b in model.named_buffers() if 'running' in name):,} running statistics")
print("output:", tuple(model.eval()(torch.zeros(1, Tx, n_freq)).shape))
check(TriggerModel)

# %% [markdown]
# The original's summary counted 523,329 parameters: the same 522,425 trained weights and the 904 running means
# and variances of the BatchNorm layers, which Keras lists as "non-trainable parameters".

# %% [markdown]
# ## 7. Listening with a trained detector
#
# Training this network well takes thousands of examples and hours on a CPU, so dlspec ships one, trained by
# `python -m dlspec.data.train_trigger` on examples that the answer key's `create_training_example` made from the
# **training** recordings. Two changes from the original, both so that it trains in CPU minutes: it reads the
# **logarithm** of the spectrogram (`features(x)`, time first: the raw powers span ten orders of magnitude), and it
# trained with dropout 0.3 instead of 0.8 (dropout acts only in training; the layers are the original's).
#
# Everything below is **held out**: voices saying "activate" that training never heard (flite's female voice and
# three eSpeak NG voices), other words (the phonetic alphabet), and music from another track.

# %%
detector = trigger_detector()
held_activates, held_negatives, held_backgrounds = load_trigger("held-out")


def chime(seconds=0.3):
    """A short bell: two tones that fade."""
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * (np.sin(2 * np.pi * 1318.5 * t) + 0.5 * np.sin(2 * np.pi * 1975.5 * t)) * np.exp(-t / 0.08))


def listen(audio):
    """The detector's probabilities (Ty,) for 10 seconds of audio."""
    x = torch.as_tensor(features(graph_spectrogram(audio)))[None]
    with torch.no_grad():
        return detector(x)[0, :, 0].numpy()


# a held-out clip put together by hand: two "activate"s and two other words over held-out music
clip = change_gain(held_backgrounds[0], -20)
for word, at_ms in [(held_activates[1], 1200), (held_negatives[4], 3300), (held_activates[6], 5600),
                    (held_negatives[20], 7900)]:
    clip = overlay(clip, word, position=at_ms)
clip = match_target_amplitude(clip, -20.0)
probabilities = listen(clip)
chimes = chime_steps(probabilities)
with_chimes = clip
for step in chimes:
    with_chimes = overlay(with_chimes, chime(), position=step * 10000 // Ty)

plt.figure(figsize=(10, 2.5))
plt.plot(np.arange(Ty) * 10 / Ty, probabilities, label="P(activate has just ended)")
for at_ms, word in [(1200, held_activates[1]), (5600, held_activates[6])]:
    plt.axvspan(at_ms / 1000, (at_ms + length_ms(word)) / 1000, color="tab:green", alpha=0.2)
for at_ms, word in [(3300, held_negatives[4]), (7900, held_negatives[20])]:
    plt.axvspan(at_ms / 1000, (at_ms + length_ms(word)) / 1000, color="tab:red", alpha=0.15)
for step in chimes:
    plt.axvline(step * 10 / Ty, color="black", ls="--", lw=0.8)
plt.ylim(0, 1)
plt.xlabel("time (s): green 'activate', red other words, dashed a chime")
plt.legend(loc="upper right")
plt.show()
print(f"chimes at {[round(s * 10 / Ty, 2) for s in chimes]} s")
display(Audio(with_chimes, rate=RATE))

# %% [markdown]
# ### How good is it?
#
# A detector is judged by two numbers. A **chime** (the original's rule: the probability above 0.5, at most one
# chime per 75 steps) is correct when it comes within 25 steps before to 75 steps after the end of an "activate",
# each word matched once. **Precision**: the share of chimes that are correct (how often it answers when nobody
# called it). **Recall**: the share of "activate"s that got a chime (how often it ignores you). Here on random
# held-out examples made by your `create_training_example`:

# %%
np.random.seed(7)
correct = chimes_heard = words = 0
for _ in range(quick(30, 2)):
    background = held_backgrounds[np.random.randint(len(held_backgrounds))]
    x, y = create_training_example(background, held_activates, held_negatives, Ty)
    with torch.no_grad():
        found = chime_steps(detector(torch.as_tensor(features(x))[None])[0, :, 0].numpy())
    correct += match_chimes(found, word_ends(y))
    chimes_heard, words = chimes_heard + len(found), words + len(word_ends(y))
print(f"precision {correct / max(chimes_heard, 1):.2f} ({correct} of {chimes_heard} chimes), "
      f"recall {correct / max(words, 1):.2f} ({correct} of {words} words)")

# %% [markdown]
# Try your own: put other held-out words at other times, change the background (the last held-out backgrounds are
# noise), or lower the threshold of `chime_steps` and watch precision and recall trade places.
