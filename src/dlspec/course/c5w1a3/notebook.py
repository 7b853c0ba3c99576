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
# # Improvise a fiddle tune with an LSTM network
#
# Last assignment's model wrote names one letter at a time. Music can be written the same way: a melody is a
# sequence of **values**, each one note (or a rest) and how long it lasts, and a model that has read enough
# melodies can predict, value by value, how one might go on. You build that model in PyTorch, train it, and let it
# improvise; then you listen.
#
# The original course trained on a jazz solo by Pat Metheny, which cannot be shared. Here the music is in the
# public domain: the 2,009 fiddle tunes of *O'Neill's Music of Ireland* (1903), jigs, reels, hornpipes and airs,
# as music21's corpus transcribes them. Every tune has been moved to the key of D, so that they share one scale,
# and the 90 most frequent values (like the original's 90) form the vocabulary.
#
# Three graded items, in this order:
#
# 1. `DJModel`: the training model, **one** LSTM cell run over the $T_x$ steps of a melody;
# 2. `MusicInferenceModel`: the same cell writing a melody, each step's choice fed back as the next input;
# 3. `predict_and_sample`: run it and turn its scores into chosen values.
#
# **How checking works.** After each graded item a cell `check(name)` runs it on the example shown and on hidden
# inputs. The models are judged by what they do, not how they are written: how many numbers they train, their
# outputs for layers with given weights, and, for the training model, its outputs after one training step.
# Stuck? `dlspec hint c5w1a3 <name>` in a terminal gives a ladder of hints.

# %%
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from IPython.display import Audio, display
from torch import nn

from dlspec.data.music import load_music_utils
from dlspec.notebook import checker, quick
from dlspec.viz.music import RATE, piano_roll, synthesize, value_name, write_midi

check = checker("c5w1a3")
# one thread: each step multiplies matrices of a few thousand numbers, too small to share out, and a second thread
# that has to wait for a busy core slows every step down
torch.set_num_threads(1)

# %% [markdown]
# ## 1. The data
#
# `load_music_utils` cuts $m$ windows of $T_x = 30$ values from the tunes and returns them one-hot, in the
# original's shapes:
#
# * `X`, shape $(m, T_x, n_{values})$: $m$ melodies of $T_x$ values;
# * `Y`, shape $(T_x, m, n_{values})$: the same melodies **one value later**, with **time first**: `Y[t]` is what
#   the model should predict after reading `X[:, t, :]`, that is the value at step $t + 1$;
# * `n_values`: 90, and `indices_values`, the value `(MIDI pitch, length in quarter notes)` of each index, pitch
#   $-1$ for a rest.

# %%
X, Y, n_values, indices_values = load_music_utils(Tx=30, m=quick(4000, 300), seed=0)
print("X", X.shape, " Y", Y.shape, " n_values", n_values)
print("the most frequent values:", ", ".join(value_name(v) for v in indices_values[:8]), "...")
first = X[0].argmax(axis=-1)
print("melody 0:", " ".join(value_name(indices_values[k]) for k in first[:10]), "...")
assert (Y[:-1, 0].argmax(-1) == first[1:]).all()  # Y is X shifted by one step

# %% [markdown]
# A window, drawn as a **piano roll** (time across, pitch up), and played by a small synthesiser written in NumPy:
# a few harmonics of each note's frequency, under an envelope that rises quickly and fades.

# %%
melody = np.concatenate([first, Y[-1:, 0].argmax(-1)])
piano_roll(melody, indices_values, title="a window of 31 values from O'Neill's tunes")
plt.show()
display(Audio(synthesize(melody, indices_values), rate=RATE))

# %% [markdown]
# ## 2. The model
#
# The network reads a melody one value at a time. At step $t$ the LSTM cell takes the value $x^{\langle t
# \rangle}$ and the state $(a^{\langle t-1 \rangle}, c^{\langle t-1 \rangle})$ it left at the step before, and
# returns the new state; a dense layer turns the hidden state $a^{\langle t \rangle}$ into 90 scores, one per
# value, for the value that comes next:
#
# $$a^{\langle t \rangle}, c^{\langle t \rangle} = \text{LSTM\_cell}\big(x^{\langle t \rangle}, (a^{\langle t-1
# \rangle}, c^{\langle t-1 \rangle})\big), \qquad \hat y^{\langle t \rangle} = \text{densor}(a^{\langle t
# \rangle})$$
#
# ```
#   ŷ<1>        ŷ<2>              ŷ<Tx>
#    |           |                 |
#  densor      densor            densor        <- the same layer at every step
#    |           |                 |
# a0,c0 -> [LSTM_cell] -> [LSTM_cell] -> ... -> [LSTM_cell]   <- the same cell at every step
#    |           |                 |
#   x<1>        x<2>              x<Tx>
# ```
#
# Every box is the **same** cell with the **same** weights: that is what makes it a recurrent network rather than
# $T_x$ different layers. The model learns one rule, "from this state and this value, go to that state", and
# applies it at every step, so a melody of any length can be read (or written) with it.
#
# The layers are made once, outside any model, and handed to the models that use them: the training model now,
# the inference model later. Because both hold the very same objects, what training teaches the cell is what the
# inference model plays with.

# %%
n_a = 64
torch.manual_seed(0)  # the layers' first weights: the same tune on every run
LSTM_cell = nn.LSTMCell(n_values, n_a)  # input: one value (m, n_values); state: (a, c), each (m, n_a)
densor = nn.Linear(n_a, n_values)  # the scores of the next value
print(LSTM_cell, densor)
print("parameters:", {name: tuple(p.shape) for name, p in LSTM_cell.named_parameters()})

# %% [markdown]
# `nn.LSTMCell` holds the four gates' weights stacked in one matrix per input (`weight_ih` for $x$,
# `weight_hh` for $a$): $4 n_a$ rows, the gates you wrote in NumPy last assignment, in one product. It returns the
# pair `(a, c)`: the hidden state first.
#
# ### Why a class, where the original had a function
#
# In Keras, `djmodel(Tx, LSTM_cell, densor, reshaper)` called the layers once per step on *symbolic* inputs,
# which recorded a graph, and returned a `Model` of it. In PyTorch nothing is recorded ahead: a model is the Python
# code that runs each time it is called. So the function becomes a subclass of `nn.Module`, named as Python names
# classes, `DJModel`: `__init__` keeps the layers it is given, and `forward` is the loop over the time steps. The
# loop runs anew on every call, with the same cell object at every step. (No reshaper: `nn.LSTMCell` takes one step
# as it comes, shape $(m, n_{values})$.)
#
# Keep the layers as attributes (`self.LSTM_cell = LSTM_cell`): `nn.Module` registers what is assigned to it, so
# that `parameters()` finds the weights to train.
#
# ### `DJModel`
#
# `forward(X, a0, c0)`: start from the state `(a0, c0)`; at each step $t$ take `X[:, t, :]`, run the cell, apply
# the dense layer to the new `a` and keep its output. Return the $T_x$ outputs stacked, time first:
# `torch.stack(outputs)`, shape $(T_x, m, n_{values})$, the layout of `Y`. Return the scores (logits), without a
# softmax: `nn.CrossEntropyLoss` applies it.

# %%
# GRADED: DJModel

# %%
check(DJModel)

# %% [markdown]
# One cell, shared: the model for 30 steps and a model for 100 steps hold exactly the same weights.

# %%
for Tx in (30, 100):
    model = DJModel(Tx, LSTM_cell, densor)
    print(f"Tx = {Tx:3}: {sum(p.numel() for p in model.parameters()):,} parameters")

# %% [markdown]
# ## 3. Training
#
# At each step the target is the next value: a classification among 90, so the loss is the cross-entropy,
# averaged over every step of every melody. The state starts from zeros. Adam with a learning rate of 0.01, as the
# original, on mini-batches of 64 melodies, 20 passes over the 4,000 windows: well under a minute. (The automatic
# tests train on a few windows for one epoch.)

# %%
def train(model, X, Y, epochs, batch_size=64, lr=0.01):
    """Train the model on the windows (X, Y); return the mean loss of each epoch."""
    X, targets = torch.as_tensor(X), torch.as_tensor(Y.argmax(axis=-1))  # targets: (Tx, m) indices
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    history = []
    for _ in range(epochs):
        order, losses = torch.randperm(len(X)), []
        for batch in order.split(batch_size):
            zeros = torch.zeros(len(batch), n_a)
            outputs = model(X[batch], zeros, zeros)  # (Tx, batch, n_values)
            loss = loss_fn(outputs.reshape(-1, n_values), targets[:, batch].reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(np.mean(losses))
    return history


torch.manual_seed(1)  # the order of the mini-batches
model = DJModel(30, LSTM_cell, densor)
history = train(model, X, Y, epochs=quick(20, 1))
print(f"loss after {len(history)} epochs: {history[-1]:.3f} (guessing among 90 values uniformly: {np.log(90):.3f})")
plt.figure(figsize=(6, 3))
plt.plot(np.arange(1, len(history) + 1), history, marker="o")
plt.xlabel("epoch")
plt.ylabel("cross-entropy")
plt.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## 4. Writing music
#
# To write, the model has no `X` to read: it must supply its own inputs. At each step it chooses the value with
# the highest score, and that choice, one-hot encoded as the training values were, becomes the next step's input:
#
# ```
#          ŷ<1> --argmax, one-hot--+     ŷ<2> --argmax, one-hot--+
#           |                      |      |                      |
#         densor                   |    densor                   |
#           |                      v      |                      v
# a0,c0 -> [LSTM_cell] --------> [LSTM_cell] ---------------> [LSTM_cell] -> ...
#           |                      |
#          x0                 (chosen ŷ<1>)
# ```
#
# ### `MusicInferenceModel`
#
# `__init__(LSTM_cell, densor, Ty=100)` keeps the trained layers and `Ty`; `forward(x0, a0, c0)` runs `Ty` steps
# from the input `x0`, shape $(m, n_{values})$, and the state `(a0, c0)`. At each step: run the cell, apply the
# dense layer, keep its output; then the next `x` is the one-hot vector of the output's argmax over the values,
# as float32: `F.one_hot(index, num_classes=...).float()`, with the number of values read off the layers
# (`self.densor.out_features`), not the notebook's `n_values`: the checks try other sizes. Return the `Ty` outputs
# stacked, $(T_y, m, n_{values})$.

# %%
# GRADED: MusicInferenceModel

# %%
check(MusicInferenceModel)

# %% [markdown]
# ### `predict_and_sample`
#
# Run the inference model on `(x_initializer, a_initializer, c_initializer)` inside `torch.no_grad()` (nothing
# here is trained). Its scores `pred` have shape $(T_y, m, n_{values})$; return, as NumPy arrays:
#
# * `results`, float32 $(T_y, m, n_{values})$: the chosen values, one-hot;
# * `indices`, int64 $(T_y, m)$: the index of each chosen value (the argmax over the last axis).

# %%
# GRADED: predict_and_sample

# %%
check(predict_and_sample)

# %% [markdown]
# ### Your tune
#
# Start from silence: `x0` all zeros (no value yet) and a zero state, as the original did. The piano roll shows
# what the model wrote; press play to hear it. The cell below also writes it as a MIDI file, `my_tune.mid`, that
# any music program opens.

# %%
inference_model = MusicInferenceModel(LSTM_cell, densor, Ty=100)
x_initializer, a_initializer, c_initializer = torch.zeros(1, n_values), torch.zeros(1, n_a), torch.zeros(1, n_a)
results, indices = predict_and_sample(inference_model, x_initializer, a_initializer, c_initializer)
print("results", results.shape, " indices", indices.shape)
print("the first values:", " ".join(value_name(indices_values[k]) for k in indices[:12, 0]))
piano_roll(indices[:, 0], indices_values, title="the model's tune, from silence")
plt.show()
display(Audio(synthesize(indices[:, 0], indices_values), rate=RATE))

folder = Path(tempfile.mkdtemp()) if quick(False, True) else Path(".")  # the automatic tests: a temporary folder
path = write_midi(indices[:, 0], indices_values, folder / "my_tune.mid")
print("wrote", path)

# %% [markdown]
# Choosing the argmax at every step is **deterministic**: the same start always gives the same tune, and a trained
# model tends to settle into a loop it likes (listen for it). Two ways to vary it:
#
# * **Start elsewhere.** Give the model a first value `x0` to go on from: each start below leads to a tune of its
#   own. The inference model writes several at once, one per row of the inputs.
# * **Sample.** Instead of the argmax, draw the next value from the softmax of the scores, as last assignment's
#   `sample` drew letters. Dividing the scores by a **temperature** $T$ first sets how adventurous the draw is:
#   $T \to 0$ is the argmax again, $T = 1$ follows the model's probabilities, larger $T$ flattens them.

# %%
first_values = [0, 2, 6]  # D5, F#4 and F#5, each an eighth note
x0 = F.one_hot(torch.tensor(first_values), num_classes=n_values).float()
_, varied = predict_and_sample(MusicInferenceModel(LSTM_cell, densor, Ty=48), x0, torch.zeros(3, n_a),
                               torch.zeros(3, n_a))  # fmt: skip


def sample_tune(Ty, temperature, seed):
    """Ty values drawn from the softmax of the scores divided by temperature, each fed back as the next input."""
    generator = torch.Generator().manual_seed(seed)
    x, a, c, chosen = torch.zeros(1, n_values), torch.zeros(1, n_a), torch.zeros(1, n_a), []
    with torch.no_grad():
        for _ in range(Ty):
            a, c = LSTM_cell(x, (a, c))
            k = torch.multinomial(torch.softmax(densor(a) / temperature, dim=-1), 1, generator=generator)
            x = F.one_hot(k[:, 0], num_classes=n_values).float()
            chosen.append(k.item())
    return np.array(chosen)


sampled = sample_tune(48, temperature=0.8, seed=2)
fig, axes = plt.subplots(4, 1, figsize=(11, 9), sharex=True)
for row in range(3):
    start = value_name(indices_values[first_values[row]])
    piano_roll(varied[:, row], indices_values, ax=axes[row], title=f"argmax, going on from {start}")
piano_roll(sampled, indices_values, ax=axes[3], title="sampled at temperature 0.8")
plt.tight_layout()
plt.show()
display(Audio(synthesize(sampled, indices_values), rate=RATE))

# %% [markdown]
# ## What to remember
#
# - A recurrent network is **one** cell applied at every time step: in PyTorch, one `nn.LSTMCell` kept as an
#   attribute and called in a Python loop in `forward`. Its parameters do not depend on the sequence length.
# - Layers passed to several models are shared: the inference model plays with exactly what training taught.
# - Training reads the true previous value at each step; writing feeds back the model's own choice, one-hot
#   encoded like the training data.
# - The argmax writes the same tune from the same start; sampling, with a temperature, trades safety for variety.
