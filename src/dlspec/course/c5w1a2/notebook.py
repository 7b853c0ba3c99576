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
# # A character-level language model
#
# A **language model** gives the probability of what comes next. Read "mar" and it says "y" is likely, "q" is
# not. Trained on a list of names, a model that reads one character at a time learns which letters follow which,
# how names begin and how long they run; then, drawing one character after another from its own predictions, it
# **writes new names** that nobody gave it.
#
# The original course trained on dinosaur names. Here the corpus is real: the 3,000 most common US first names
# since 1880, as the Social Security Administration counted them. The network is last week's basic RNN, one
# hidden layer; you write the four functions that turn it into a trainer and a writer:
#
# 1. `clip`: keep exploding gradients in check;
# 2. `sample`: generate a name, one character at a time;
# 3. `optimize`: one training step on one name;
# 4. `model`: the training loop, which prints names as it learns.
#
# The forward and backward passes through time are given (`rnn_forward`, `rnn_backward`, as the original's
# `utils.py` had them). After each function, `check(function_name)` runs it on hidden cases. Stuck?
# `dlspec hint c5w1a2 <function>` in a terminal gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np

from dlspec.data import load
from dlspec.nn.char_lm import (  # noqa: F401  (the functions you write call them)
    get_initial_loss,
    get_sample,
    initialize_parameters,
    rnn_backward,
    rnn_forward,
    smooth,
    softmax,
    update_parameters,
)
from dlspec.notebook import checker, quick

check = checker("c5w1a2")

# %% [markdown]
# ## 1. The data
#
# Each name is a sequence of lower-case letters. The model also needs to know where a name **ends**, so the
# newline `"\n"` is a character too: 27 in all. Each character gets an index, `"\n"` 0 and `a`-`z` 1-26; the
# network sees a character as the one-hot vector of its index, and predicts a probability for each of the 27.

# %%
names = load("names")
data = "\n".join(names) + "\n"
chars = sorted(set(data))
char_to_ix = {ch: i for i, ch in enumerate(chars)}
ix_to_char = {i: ch for i, ch in enumerate(chars)}
vocab_size = len(chars)
print(f"{len(names)} names, {len(data)} characters, {vocab_size} distinct: {chars}")
print("most common first:", ", ".join(names[:12]))
print("char_to_ix:", char_to_ix)

# %% [markdown]
# ## 2. The model and its training step
#
# At step $t$ the RNN reads the one-hot character $x^{\langle t \rangle}$, updates its hidden state and predicts
# the next character:
#
# $$a^{\langle t \rangle} = \tanh(W_{ax} x^{\langle t \rangle} + W_{aa} a^{\langle t-1 \rangle} + b), \qquad
# \hat{y}^{\langle t \rangle} = \mathrm{softmax}(W_{ya} a^{\langle t \rangle} + b_y).$$
#
# To train on "mary" the input is `[None, m, a, r, y]` and the target at each step is the next character,
# `[m, a, r, y, "\n"]`: `None` stands for "nothing read yet" (the zero vector), so the model also learns how
# names start, and the newline teaches it where they stop. The loss is the cross-entropy of each target, summed
# over the steps.
#
# ### Clipping the gradients
#
# Through many steps a gradient can grow without bound (Week 1's exploding gradients): one huge update throws the
# weights far away and training never recovers. A cheap cure is to **clip** every entry of every gradient to
# $[-\text{maxValue}, \text{maxValue}]$ before the update. It changes only the rare entries beyond the bound.

# %%
# GRADED: clip

# %%
check(clip)

# %% [markdown]
# ## 3. Writing a name: sampling
#
# To generate, run the network on its own output. Start from $x^{\langle 1 \rangle} = 0$ and
# $a^{\langle 0 \rangle} = 0$; at each step compute $\hat{y}$, **draw** a character at random with the
# probabilities $\hat{y}$ (not the likeliest one: that would write the same name every time), and feed that
# character back in as the next input, one-hot. Stop when the newline is drawn, or after 50 characters, and then
# append the newline.
#
# Drawing is random. So that your names are the answer key's, draw for draw, the original course seeded NumPy
# before every draw: `np.random.seed(counter + seed)`, then `seed += 1` and `counter += 1` after it. Do the same,
# and draw with `np.random.choice(range(vocab_size), p=y.ravel())`. (A sampler that draws differently but
# correctly also passes: the check then asks whether the model could have written your sample.)

# %%
# GRADED: sample

# %%
check(sample)

# %% [markdown]
# Before training, the weights are small and random, so every character is about equally likely:

# %%
untrained = initialize_parameters(50, vocab_size, vocab_size)
for seed in range(3):
    print(get_sample(sample(untrained, char_to_ix, seed), ix_to_char).strip())

# %% [markdown]
# ## 4. One training step
#
# `optimize` trains on one name: forward pass (the loss), backward pass through time (the gradients), clip them
# to $[-5, 5]$, update the parameters (`update_parameters` changes the dict in place). It returns the loss, the
# clipped gradients and the **last hidden state**, which the next name starts from.

# %%
# GRADED: optimize

# %%
check(optimize)

# %% [markdown]
# ### What "smooth loss" means
#
# Each step sees one name, so the loss jumps with the name's length and oddity: "al" costs little, "maximiliano"
# a lot. To see the trend, training reports an exponential moving average, `smooth(loss, cur_loss) = 0.999 loss
# + 0.001 cur_loss`: each new loss counts for a thousandth, so the average spans about the last thousand names.
# It starts from `get_initial_loss`, the loss of a model that guesses uniformly (27 choices) over a name of 7
# characters, $7 \ln 27 \approx 23$.

# %%
parameters = initialize_parameters(50, vocab_size, vocab_size)
order = np.random.default_rng(0).permutation(len(names))
a_prev, raw, smoothed = np.zeros((50, 1)), [], [get_initial_loss(vocab_size, 7)]
for j in range(quick(6000, 600)):
    X = [None] + [char_to_ix[ch] for ch in names[order[j % len(names)]]]
    loss, _, a_prev = optimize(X, [*X[1:], char_to_ix["\n"]], a_prev, parameters)
    raw.append(loss)
    smoothed.append(smooth(smoothed[-1], loss))
fig, ax = plt.subplots(figsize=(8, 3.5))
ax.plot(raw, lw=0.5, alpha=0.5, label="loss of each name")
ax.plot(smoothed[1:], lw=2, label="smoothed loss")
ax.set(xlabel="step (one name each)", ylabel="cross-entropy", title="Training on one name at a time")
ax.legend()
plt.show()

# %% [markdown]
# The smoothed curve falls slowly on purpose: it still remembers where it started. Steady descent means the model
# is learning which letters follow which.
#
# ## 5. The training loop
#
# `model` puts it together. Shuffle the names once (`np.random.seed(0)`, then `np.random.shuffle`), and at step
# `j` train on name `j % len(examples)`, so that training goes round the list again and again. The hidden state
# returned by `optimize` carries over to the next name. Every 2000 steps it prints the smoothed loss and
# `dino_names` sampled names, seeds 0, 1, 2, ..., so you can watch the names improve.

# %%
# GRADED: model

# %%
check(model)

# %%
parameters, last_name = model(names, ix_to_char, char_to_ix, num_iterations=quick(22001, 2001), verbose=True)

# %% [markdown]
# At first the names are random letters; within a few thousand steps they get name-like lengths, vowels between
# consonants and common endings ("-a", "-n", "-ie"). A few may be names from the list; most are new ones that
# sound like names. Fifty more, each from its own seed:

# %%
new_names = [get_sample(sample(parameters, char_to_ix, seed), ix_to_char).strip() for seed in range(0, 100, 2)]
print(", ".join(new_names))
seen = set(names)
print(f"{sum(n.lower() in seen for n in new_names)} of {len(new_names)} are in the training list")

# %% [markdown]
# ## Summary
#
# * A character-level language model predicts the next character from the ones before; the newline marks where a
#   sequence ends, and an input of zeros where it begins.
# * Training goes through one sequence per step: forward, backward through time, clip, update; the hidden state
#   carries over.
# * Clipping each gradient entry to a bound keeps one exploding step from ruining the weights.
# * Sampling draws each character at random from the model's prediction and feeds it back in; drawing the
#   likeliest instead writes one name over and over.
# * A per-example loss is noisy: its moving average shows the trend.
