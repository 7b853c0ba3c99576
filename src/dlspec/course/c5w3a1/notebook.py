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
# # Neural machine translation with attention
#
# People write dates in many ways: "tuesday march 5 1985", "5 mar 1985", "3/5/85", "05.03.85". A program wants
# one: the ISO form `1985-03-05`. In this assignment you build a network that **translates** the first kind into the
# second, character by character, the way a sequence-to-sequence model translates a sentence from one language to
# another. The task is small enough to train on a laptop's CPU in a minute, and big enough to need what this week is
# about: **attention**, a way for each output character to look back at the input characters it depends on.
#
# Two graded items, in this order:
#
# 1. `one_step_attention`: for one output step, how much each input position matters, and the weighted summary
#    of the input that results (the **context**);
# 2. `NMTModel`: the whole model, a bidirectional LSTM that reads the date, then ten steps of attention and a second
#    LSTM that writes the ISO date.
#
# Then you train it, translate dates of your own, and look at where it attended.
#
# **How checking works.** After each graded item a cell `check(name)` runs it on the example shown and on hidden
# inputs. The model is judged by what it does, not how it is written: how many numbers it trains, its outputs and
# attention weights for given weights, and its outputs after one training step. Stuck? `dlspec hint c5w3a1 <name>`
# in a terminal gives a ladder of hints.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from dlspec.data.dates import int_to_string, load_dataset, preprocess_data, string_to_int
from dlspec.notebook import checker, quick
from dlspec.viz.attention import plot_attention

check = checker("c5w3a1")
# one thread: the model's matrices are small, and a second thread that waits for a busy core slows every step
torch.set_num_threads(1)

# %% [markdown]
# ## 1. The data
#
# `load_dataset(m)` draws $m$ dates between 1950 and 2049 and writes each one in a format picked at random from
# the original course's list (a weekday often leads: "full" dates are drawn more often), in lower case, without
# commas. Each example is a pair `(human-readable date, ISO date)`. It also returns the vocabularies:
#
# * `human_vocab`: every character of the human dates, to an index, plus `<unk>` (a character never seen in
#   training) and `<pad>` (filling a short date up to $T_x$);
# * `machine_vocab`: the 11 characters of ISO dates, `-` and the digits, and `inv_machine_vocab` the other way.
#
# A second draw, with another seed, gives dates for testing; any that happen to appear in the training set are left
# out, so the test measures translation of dates the model has never seen.

# %%
dataset, human_vocab, machine_vocab, inv_machine_vocab = load_dataset(quick(10000, 600))
seen = {human for human, _ in dataset}
test_set = [pair for pair in load_dataset(1000, seed=1)[0] if pair[0] not in seen]
print(f"{len(dataset)} training dates, {len(test_set)} test dates")
for human, machine in dataset[:8]:
    print(f"  {human:30} -> {machine}")
letters = "".join(c for c in human_vocab if len(c) == 1)
print(f"human vocabulary: {len(human_vocab)} entries, {letters!r} + <unk> <pad>")
print("machine vocabulary:", machine_vocab)

# %% [markdown]
# The model reads characters as one-hot vectors. `preprocess_data` turns every date into $T_x = 30$ indices (cut or
# padded with `<pad>`) and every ISO date into $T_y = 10$ indices, and gives both as one-hot arrays too:
#
# * `X` $(m, T_x)$ and `Xoh` $(m, T_x, 37)$: the human dates;
# * `Y` $(m, T_y)$ and `Yoh` $(m, T_y, 11)$: the ISO dates.

# %%
Tx, Ty = 30, 10
X, Y, Xoh, Yoh = preprocess_data(dataset, human_vocab, machine_vocab, Tx, Ty)
print("X", X.shape, " Y", Y.shape, " Xoh", Xoh.shape, " Yoh", Yoh.shape)
print(f"{dataset[0][0]!r} -> X[0] = {X[0].tolist()}")
print(f"{dataset[0][1]!r} -> Y[0] = {Y[0].tolist()}")

# %% [markdown]
# ## 2. Attention
#
# An encoder-decoder without attention squeezes the whole input into one vector before writing anything. Here the
# decoder keeps access to every input position. Two LSTMs share the work:
#
# * the **pre-attention Bi-LSTM** reads the date in both directions; at each input position $t'$ it leaves
#   $a^{\langle t' \rangle}$, the forward and the backward hidden states side by side ($2 n_a$ numbers);
# * the **post-attention LSTM** writes the output, one character per step $t$; its state $s^{\langle t \rangle}$
#   carries what it has written so far.
#
# Before step $t$, attention decides how much each input position matters. A small network scores each position
# from its $a^{\langle t' \rangle}$ and the decoder's previous state $s^{\langle t-1 \rangle}$; a softmax over the
# $T_x$ positions turns the scores (the **energies**) into weights that are positive and sum to 1; the context is
# the weighted sum of the states:
#
# $$e^{\langle t, t' \rangle} = \text{ReLU}\Big(\text{densor2}\big(\tanh(\text{densor1}([a^{\langle t' \rangle};
# s^{\langle t-1 \rangle}]))\big)\Big), \qquad \alpha^{\langle t, t' \rangle} = \frac{\exp(e^{\langle t, t'
# \rangle})}{\sum_{t''=1}^{T_x} \exp(e^{\langle t, t'' \rangle})}, \qquad \text{context}^{\langle t \rangle} =
# \sum_{t'=1}^{T_x} \alpha^{\langle t, t' \rangle} a^{\langle t' \rangle}$$
#
# ```
#   a<1>  a<2>  ...  a<Tx>        s<t-1> (copied beside every position)
#     \     |          /            |
#      [a<t'> ; s<t-1>]  for each t'    -> densor1 (tanh) -> densor2 (ReLU) -> energies e<t,t'>
#                                        -> softmax over t'                   -> weights  alpha<t,t'>
#      context<t> = sum over t' of alpha<t,t'> * a<t'>
# ```
#
# ### From Keras's shared layers to PyTorch
#
# The original defined six layers once, at the notebook's top level, so that every step reused them. In PyTorch the
# four without weights are plain tensor operations; only `densor1` and `densor2` hold weights, and they are created
# once, in the model, and **passed** to `one_step_attention`, so the call shows which weights it uses:
#
# | the original's layer | in PyTorch | shape after |
# |---|---|---|
# | `repeator = RepeatVector(Tx)` | `s_prev.unsqueeze(1).expand(-1, Tx, -1)` | $(m, T_x, n_s)$ |
# | `concatenator = Concatenate(axis=-1)` | `torch.cat([a, s_rep], dim=-1)` | $(m, T_x, 2n_a + n_s)$ |
# | `densor1 = Dense(10, activation="tanh")` | `torch.tanh(densor1(concat))` | $(m, T_x, 10)$ |
# | `densor2 = Dense(1, activation="relu")` | `torch.relu(densor2(e))` | $(m, T_x, 1)$ |
# | `activator = Activation(softmax, axis=1)` | `torch.softmax(energies, dim=1)`: over the positions | $(m, T_x, 1)$ |
# | `dotor = Dot(axes=1)` | `torch.sum(alphas * a, dim=1, keepdim=True)` | $(m, 1, 2n_a)$ |
#
# `nn.Linear` applies to the last axis whatever comes before it, so `densor1` scores all $T_x$ positions of all $m$
# examples in one call. Unlike Keras's `Dense`, it has no activation of its own: apply `torch.tanh` and `torch.relu`
# yourself.
#
# ### `one_step_attention`
#
# Return two tensors: `context`, shape $(m, 1, 2n_a)$, and `alphas`, the attention weights, shape $(m, T_x, 1)$
# (the original returned only the context; the weights are returned too so that you can draw them at the end).

# %%
# GRADED: one_step_attention

# %%
check(one_step_attention)

# %% [markdown]
# Whatever the energies, the weights of each example sum to 1 over the positions, and the context is a blend of
# the states, no larger than the largest of them:

# %%
torch.manual_seed(0)
a, s_prev = torch.randn(2, 6, 8), torch.randn(2, 5)
context, alphas = one_step_attention(a, s_prev, nn.Linear(8 + 5, 10), nn.Linear(10, 1))
print("context", tuple(context.shape), " alphas", tuple(alphas.shape))
print("weights of example 0:", alphas[0, :, 0].detach().numpy().round(3))
print("sums over the positions:", alphas.sum(dim=1).flatten().tolist())

# %% [markdown]
# ## 3. The model
#
# ```
#             ŷ<1>                  ŷ<2>                       ŷ<Ty>
#              |                     |                           |
#        output_layer          output_layer                output_layer
#              |                     |                           |
#   s0,c0 -> [post-attention LSTM] -> [post-attention LSTM] -> ... -> [post-attention LSTM]
#              ^                     ^                           ^
#          context<1>            context<2>                  context<Ty>
#              ^ attention           ^ attention                 ^ attention  (reads a, and s of the step before)
#   a<1> a<2> ... a<Tx>   <- Bi-LSTM over x<1> ... x<Tx>
# ```
#
# The original wrote `modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size)`, a function that called the
# shared layers on symbolic inputs and returned a Keras `Model`. In PyTorch a model is the code that runs, so it
# becomes a subclass of `nn.Module` called with the same six arguments, `NMTModel`:
#
# * `__init__` creates each layer with weights **once** (assigned as attributes, so that `parameters()` finds them):
#   * `pre_attention_LSTM = nn.LSTM(human_vocab_size, n_a, batch_first=True, bidirectional=True)`: `batch_first`
#     because `X` is $(m, T_x, \cdot)$ (nn.LSTM otherwise reads the first axis as time);
#   * `densor1 = nn.Linear(2 * n_a + n_s, 10)` and `densor2 = nn.Linear(10, 1)`, for attention;
#   * `post_attention_LSTM_cell = nn.LSTMCell(2 * n_a, n_s)`: one step at a time, since each step's input, the
#     context, depends on the state the step before left;
#   * `output_layer = nn.Linear(n_s, machine_vocab_size)`.
# * `forward(X, s0, c0)` runs the Bi-LSTM over `X` (`a, _ = self.pre_attention_LSTM(X)`: $(m, T_x, 2n_a)$), then
#   for each of the $T_y$ steps: `one_step_attention` with the current `s`; the cell on the context (squeezed to
#   $(m, 2n_a)$) from the previous `(s, c)`; `output_layer(s)` for the scores of the next character. Return the
#   scores and the attention weights stacked, time first: `torch.stack(outputs)`, $(T_y, m, 11)$, and
#   `torch.stack(attention)`, $(T_y, m, T_x)$, each step's `alphas` squeezed to $(m, T_x)$. No softmax on the
#   scores: `nn.CrossEntropyLoss` applies it.
#
# Every step uses the same five layers: the model has as many weights for $T_y = 10$ as it would for $T_y = 100$.
# (The original warned that re-running its cells after a mistake kept its global layers' state and asked for a
# kernel restart; here each `NMTModel` makes its own layers, so building a new one starts afresh.)

# %%
# GRADED: NMTModel

# %%
check(NMTModel)

# %% [markdown]
# The lesson's sizes: $n_a = 32$ for each direction of the Bi-LSTM and $n_s = 64$ for the post-attention LSTM.
# Keras counted 52,960 parameters; PyTorch's LSTMs keep two bias vectors per gate where Keras keeps one, 512 more
# numbers here, so 53,472. A longer output changes nothing:

# %%
n_a, n_s = 32, 64
for steps in (Ty, 3 * Ty):
    sized = NMTModel(Tx, steps, n_a, n_s, len(human_vocab), len(machine_vocab))
    print(f"Ty = {steps}: {sum(p.numel() for p in sized.parameters()):,} parameters")
for name, p in sized.named_parameters():
    print(f"  {name:40} {tuple(p.shape)}")

# %% [markdown]
# ## 4. Training
#
# Each output step is a classification among 11 characters, so the loss is the cross-entropy averaged over the 10
# steps of every date. Adam with the original's settings (learning rate 0.005, $\beta_1 = 0.9$, $\beta_2 = 0.999$),
# mini-batches of 100 dates, states starting from zeros. The original trained one epoch and then loaded weights
# trained elsewhere; six epochs here take well under a minute of one laptop CPU core. After each epoch the cell
# prints the share of test dates translated **exactly** right, all ten characters (the automatic tests train one
# epoch on a few dates).

# %%
def translate(model, dates):
    """The model's ISO dates for a list of human dates, and its attention weights, (len(dates), Ty, Tx)."""
    ints = np.array([string_to_int(d, Tx, human_vocab) for d in dates])
    Xoh_ = torch.as_tensor(np.eye(len(human_vocab), dtype=np.float32)[ints])
    zeros = torch.zeros(len(dates), n_s)
    model.eval()
    with torch.no_grad():
        outputs, attention = model(Xoh_, zeros, zeros)
    indices = outputs.argmax(dim=-1).T.numpy()  # (m, Ty)
    return ["".join(int_to_string(row, inv_machine_vocab)) for row in indices], attention.transpose(0, 1).numpy()


def exact_match(model, pairs):
    """The share of pairs whose ISO date the model writes exactly."""
    written, _ = translate(model, [h for h, _ in pairs])
    return np.mean([w == m for w, (_, m) in zip(written, pairs, strict=True)])


def train(model, Xoh, Y, epochs, batch_size=100, lr=0.005):
    """Train on one-hot dates Xoh (m, Tx, ·) and target indices Y (m, Ty); return each epoch's mean loss."""
    X_t, targets = torch.as_tensor(Xoh), torch.as_tensor(Y).T  # targets: (Ty, m), time first like the outputs
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999))
    loss_fn = nn.CrossEntropyLoss()
    history = []
    for epoch in range(epochs):
        model.train()
        order, losses = torch.randperm(len(X_t)), []
        for batch in order.split(batch_size):
            zeros = torch.zeros(len(batch), n_s)
            outputs, _ = model(X_t[batch], zeros, zeros)
            loss = loss_fn(outputs.reshape(-1, outputs.shape[-1]), targets[:, batch].reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(np.mean(losses))
        print(f"epoch {epoch + 1}: loss {history[-1]:.3f}, test dates exactly right {exact_match(model, test_set):.1%}")
    return history


torch.manual_seed(1)  # the first weights and the order of the mini-batches
model = NMTModel(Tx, Ty, n_a, n_s, len(human_vocab), len(machine_vocab))
start = time.perf_counter()
history = train(model, Xoh, Y, epochs=quick(6, 1))
accuracy = exact_match(model, test_set)
print(f"trained in {time.perf_counter() - start:.0f} s; {accuracy:.1%} of {len(test_set)} unseen dates exactly right")

# %% [markdown]
# ## 5. Your dates
#
# Write dates the way you would, in the list below, and run the cell. The model saw only the formats of the
# training data: try some of those, then some it never saw ("the 3rd of may 1979", "may 2nd, 2001", "2001 may 2").
# A character it never met becomes `<unk>`. Dates outside 1950 to 2049 it has never seen either.

# %%
my_dates = ["3 may 1979", "5 april 09", "21th of august 2016", "tue 10 jul 2007", "saturday may 9 2018",
            "march 3 2001", "march 3rd 2001", "1 march 2001", "12/25/99", "01.02.03"]  # fmt: skip
written, attention = translate(model, my_dates)
for date, iso in zip(my_dates, written, strict=True):
    print(f"{date:25} -> {iso}")

# %% [markdown]
# ## 6. Where the model looked
#
# `attention[i]` holds the weights of date `i`, one row per output character (10) and one column per input
# position (30). Drawn as a heat map, up to the date's last character, each row shows where the model looked
# while writing that character. A trained model learns, without being told, that the year's digits come from
# the end of "1979", the month from the month's name or number, and the day from the day.

# %%
fig, axes = plt.subplots(3, 1, figsize=(9, 10))
for ax, i in zip(axes, [0, 4, 8], strict=True):
    chars = list(my_dates[i].lower().replace(",", "")[:Tx])
    plot_attention(attention[i][:, :len(chars)], chars, list(written[i]), ax=ax,
                   title=f"{my_dates[i]!r} -> {written[i]}")  # fmt: skip
plt.tight_layout()
plt.show()

# %% [markdown]
# ## What to remember
#
# - Attention lets each output step take a **weighted average** of all the input's states, with weights computed
#   from the input and from what the decoder has written so far; the weights are a softmax over the input positions
#   and sum to 1.
# - The scoring network and the LSTMs are **shared** by every step: created once in `__init__`, used in a loop in
#   `forward`. Their number of weights does not depend on $T_x$ or $T_y$.
# - A bidirectional LSTM gives each position a summary of what comes before and after it, which attention then
#   chooses among.
# - The attention weights can be drawn: they show which part of the input each output came from.
