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
# # The Transformer
#
# A recurrent network reads a sentence one word after another: word 50 reaches word 1 only through 49 updates of a
# hidden state, and no two words can be processed at the same time. The **Transformer** (Vaswani et al., "Attention
# is all you need", 2017) drops the recurrence. Every word looks at every other word directly, through
# **attention**, and all of them do so at once: a few matrix products per layer.
#
# Two ideas make that work:
#
# * **attention** turns each word into a weighted average of the words it finds relevant; with several *heads*, a
#   word can look for several kinds of relevance at once;
# * **positional encodings** tell the network where each word is, since attention alone treats a sentence as a bag
#   of words.
#
# You will build, in PyTorch and piece by piece:
#
# 1. `get_angles` and `positional_encoding`;
# 2. `scaled_dot_product_attention`, with masks;
# 3. `MultiHeadAttention`, written by hand (and compared with PyTorch's own);
# 4. `EncoderLayer` and `Encoder`;
# 5. `DecoderLayer` and `Decoder`;
# 6. `Transformer`;
#
# then train your Transformer to translate dates written by people ("3 May 1979", "tuesday 5/3/79") into ISO dates
# ("1979-05-03"), the task you solved with an attention LSTM in C5W3A1, and look at where it attends.
#
# Sequences are `(batch, length, features)`. Each module is checked by what it does: its number of weights, and its
# outputs for given weights in eval mode and in train mode (where dropout is on), with and without masks. Stuck?
# `dlspec hint c5w4a1 <name>` gives a ladder of hints.

# %%

import math  # noqa: F401 (math.sqrt, for your code)
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from dlspec.data import dates
from dlspec.nn.transformer import FullyConnected, create_look_ahead_mask, create_padding_mask, greedy_decode
from dlspec.notebook import checker, quick

check = checker("c5w4a1")
torch.set_num_threads(1)  # small matrices: one thread is as fast as two that wait for each other
_ = torch.manual_seed(0)

# %% [markdown]
# ## 1. Positional encoding
#
# Attention compares words by their vectors only: shuffle the words of a sentence and each one gets the same
# output, shuffled. So each word's embedding gets a vector added that depends on its **position** `pos` alone. The
# paper's choice is a set of waves of different frequencies: feature `k` of position `pos` is
#
# $$PE(pos, 2i) = \sin\left(\frac{pos}{10000^{2i/d}}\right), \qquad
# PE(pos, 2i+1) = \cos\left(\frac{pos}{10000^{2i/d}}\right)$$
#
# where `d` is the number of features and `i = k // 2`: features 2i and 2i+1 share one frequency, one takes its sine
# and the other its cosine. The first features turn fast (one radian a position), the last ones very slowly, like
# the hands of a clock. Why sine *and* cosine: the encoding of `pos + j` is then a rotation of that of `pos`, the same
# rotation for every `pos`, so relative positions are easy for a linear layer to read.
#
# `get_angles(pos, k, d)` computes the angle $pos / 10000^{2i/d}$ for a column of positions `pos` (N, 1) and a row
# of feature indices `k` (1, d): broadcasting gives the (N, d) table.

# %%
# GRADED: get_angles

# %%
check(get_angles)

# %% [markdown]
# `positional_encoding(positions, d)` builds the whole table: angles for positions `0 .. positions-1` and features
# `0 .. d-1`, the sine at even features and the cosine at odd ones, as a float32 tensor `(1, positions, d)` (the
# leading 1 lets it add to a batch of embeddings).

# %%
# GRADED: positional_encoding

# %%
check(positional_encoding)

# %%
pos_encoding = positional_encoding(50, 128)
plt.figure(figsize=(9, 3.5))
plt.pcolormesh(pos_encoding[0].numpy(), cmap="RdBu", vmin=-1, vmax=1)
plt.xlabel("feature k")
plt.ylabel("position")
plt.colorbar(label="encoding")
plt.title("Positional encoding, 50 positions x 128 features")
plt.show()

# %% [markdown]
# Every row is a different pattern, and near positions have similar ones: the dot product of two positions'
# encodings depends only on how far apart they are.

# %%
dots = pos_encoding[0] @ pos_encoding[0].T
plt.figure(figsize=(4, 3.5))
plt.imshow(dots.numpy(), cmap="viridis")
plt.xlabel("position")
plt.ylabel("position")
plt.colorbar(label="dot product")
plt.title("Encodings compared")
plt.show()

# %% [markdown]
# ## 2. Masks
#
# Two kinds of positions must not be attended to:
#
# * **padding**: sentences of a batch have different lengths, so short ones are filled with the token 0.
#   `create_padding_mask(token_ids)` gives 1 for a real token and 0 for padding, shaped `(n, 1, m)` so it applies to
#   every query;
# * **the future**: while learning to translate, the decoder sees the whole correct output but must predict word `t`
#   from words before `t` only. `create_look_ahead_mask(L)` is the lower triangle of ones `(1, L, L)`: row `t` may
#   look at columns `0 .. t`.
#
# In both, **1 means "may attend" and 0 means "masked"**, the convention of Keras's and of this course's current
# notebook. (The course's first Transformer notebook used the opposite, 1 for "masked", and learners who mixed the two
# got silently wrong attention. Whatever the convention, check it before you write the formula.)

# %%
ids = torch.tensor([[7, 6, 0, 0, 1], [1, 2, 3, 0, 0], [0, 0, 0, 4, 5]])
print("padding mask:\n", create_padding_mask(ids))
print("look-ahead mask:\n", create_look_ahead_mask(4))

# %% [markdown]
# ## 3. Scaled dot-product attention
#
# Each query asks a question; each key says what its word offers; each value is what the word hands over. The score
# of a query against a key is their dot product; the weights are the softmax of the scores over the keys; the output
# is the weighted average of the values:
#
# $$\text{Attention}(Q, K, V) = \text{softmax}\left(\frac{QK^T}{\sqrt{d_k}} + M\right) V$$
#
# `d_k` is the length of a key. The division keeps the scores' spread near 1 whatever `d_k` is: a dot product of
# `d_k` numbers of spread 1 has spread $\sqrt{d_k}$, and large scores saturate the softmax, whose gradients then
# vanish. `M` is 0 where the mask is 1 and a huge negative number (`-1e9`) where it is 0: $M = (1 - mask) \cdot
# (-10^9)$, so a masked key gets weight 0.
#
# `scaled_dot_product_attention(q, k, v, mask)` takes tensors `q (..., L_q, d_k)`, `k (..., L_k, d_k)`,
# `v (..., L_k, d_v)` and a mask that broadcasts to `(..., L_q, L_k)`, or `None` for no mask. It returns
# `(output (..., L_q, d_v), attention_weights (..., L_q, L_k))`.

# %%
# GRADED: scaled_dot_product_attention

# %%
check(scaled_dot_product_attention)

# %%
q = torch.tensor([[1.0, 0, 1, 0], [0, 2, 1, 1], [1, 1, 0, 2]])
k = torch.tensor([[1.0, 0, 0, 1], [2, 1, 1, 0], [0, 1, 1, 1], [1, 1, 2, 0]])
v = torch.tensor([[1.0, 0], [0, 1], [2, 1], [1, 3]])
fig, axes = plt.subplots(1, 2, figsize=(8, 2.6))
for ax, mask, title in zip(axes, [None, torch.tensor([[1.0, 0, 1, 0]])], ["no mask", "keys 1 and 3 masked"],
                           strict=True):  # fmt: skip
    _, weights = scaled_dot_product_attention(q, k, v, mask)
    ax.imshow(weights.numpy(), cmap="Blues", vmin=0, vmax=1)
    for (i, j), w in np.ndenumerate(weights.numpy()):
        ax.text(j, i, f"{w:.2f}", ha="center", va="center", fontsize=8)
    ax.set(title=title, xlabel="key", ylabel="query", xticks=range(4), yticks=range(3))
plt.show()

# %% [markdown]
# ## 4. Multi-head attention
#
# One attention lets each word ask one kind of question. **Multi-head attention** asks `num_heads` at once: the
# queries, keys and values are first projected by learned `(d_model, d_model)` matrices, then split into heads of
# `d_k = d_model / num_heads` features each; every head attends on its own, and their outputs are put side by side
# again and projected by a fourth matrix:
#
# ```
# query ─► W_q ─► split ─┐
# key   ─► W_k ─► split ─┼─► scaled dot-product attention, every head at once ─► join ─► W_o ─► output
# value ─► W_v ─► split ─┘
# ```
#
# **Splitting.** A projection is `(batch, L, d_model)`. Its features `h*d_k .. (h+1)*d_k - 1` belong to head `h`:
# `reshape(batch, L, num_heads, d_k)`, then `transpose(1, 2)` to `(batch, num_heads, L, d_k)`, so that the matrix
# products of `scaled_dot_product_attention` run over the last two axes, one head at a time. Reshaping straight to
# `(batch, num_heads, L, d_k)` gives the right shape and the wrong numbers. Joining is the reverse: `transpose(1,
# 2)`, then `reshape(batch, L, d_model)`.
#
# The mask `(batch, 1 or L_q, L_k)` applies to every head: give it a head axis, `mask.unsqueeze(1)`. Dropout (rate
# `dropout_rate`, default 0) acts on the attention weights, before they multiply the values, in train mode only;
# return the weights before dropout.
#
# `MultiHeadAttention(d_model, num_heads, dropout_rate=0.0)`, `forward(query, key, value, mask=None)` returns
# `(output (batch, L_q, d_model), attention_weights (batch, num_heads, L_q, L_k))`.
#
# **How this differs from the original.** The original course used Keras's `MultiHeadAttention(num_heads,
# key_dim=embedding_dim)`, a ready-made layer (with `key_dim` features *per head*) whose call took the query, the
# value, then the key. Here you write the layer, it splits `d_model` among the heads as the paper and PyTorch do, and
# it takes query, key, value in PyTorch's order. `torch.nn.MultiheadAttention` computes the same thing, as the cell
# after the check shows.

# %%
# GRADED: MultiHeadAttention

# %%
check(MultiHeadAttention)

# %%
mine = MultiHeadAttention(8, 2).eval()
theirs = nn.MultiheadAttention(8, 2, batch_first=True).eval()
with torch.no_grad():  # torch keeps W_q, W_k, W_v stacked in one (3 d_model, d_model) matrix
    linears = [m for m in mine.modules() if isinstance(m, nn.Linear)]
    if len(linears) == 4:
        theirs.in_proj_weight.copy_(torch.cat([lin.weight for lin in linears[:3]]))
        theirs.in_proj_bias.copy_(torch.cat([lin.bias for lin in linears[:3]]))
        theirs.out_proj.weight.copy_(linears[3].weight)
        theirs.out_proj.bias.copy_(linears[3].bias)
    query, memory = torch.randn(2, 5, 8), torch.randn(2, 6, 8)
    memory_ids = torch.tensor([[3, 4, 5, 0, 0, 0], [1, 2, 3, 4, 5, 6]])
    out, weights = mine(query, memory, memory, create_padding_mask(memory_ids))
    # torch's key_padding_mask is True where a key is *hidden*: the opposite convention
    out_t, weights_t = theirs(query, memory, memory, key_padding_mask=memory_ids == 0)
print("largest difference, outputs:", (out - out_t).abs().max().item())
print("largest difference, weights averaged over the heads:", (weights.mean(dim=1) - weights_t).abs().max().item())

# %% [markdown]
# (The W_q, W_k, W_v, W_o above are your first four Linear layers in the order you created them.)
#
# ## 5. The encoder layer
#
# An encoder layer is two sublayers: multi-head **self-attention** (queries, keys and values are all the layer's
# input `x`) and a small **feed-forward network** applied to every position on its own (`FullyConnected`, given: a
# Linear layer to `fully_connected_dim` features, a ReLU and a Linear layer back). Each sublayer's output is **added
# to its input** (a residual connection, as in ResNets: the gradient has a direct path through the stack) and the sum
# is **normalised** with `nn.LayerNorm` over the features:
#
# ```
# x ─► MHA(x, x, x, mask) ─► (+ x) ─► LayerNorm ─► out1 ─► FFN ─► Dropout ─► (+ out1) ─► LayerNorm ─► out2
# ```
#
# This is the paper's *post-norm* order (add, then normalise), which the course followed. Many later models
# normalise *before* each sublayer (pre-norm); it trains deep stacks more easily, but it is a different layer.
#
# `EncoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6)`: the attention
# is your `MultiHeadAttention(embedding_dim, num_heads, dropout_rate)`, the layer norms use `eps=layernorm_eps`, and
# one `nn.Dropout(dropout_rate)` acts on the feed-forward output. `forward(x, mask=None)` returns `(batch, L,
# embedding_dim)`.
#
# **`training`.** The original's `call(x, training, mask)` took `training` to switch dropout on and off. A PyTorch
# module knows its mode itself (`model.train()` / `model.eval()`), and `nn.Dropout` reads it, so `forward` has no
# `training` argument here.

# %%
help(FullyConnected)

# %%
# GRADED: EncoderLayer

# %%
check(EncoderLayer)

# %% [markdown]
# ## 6. The encoder
#
# The encoder turns token ids into vectors: an `nn.Embedding(input_vocab_size, embedding_dim)`, **multiplied by
# $\sqrt{d}$** (`embedding_dim`), so that the embeddings are not drowned by the positional encoding (whose values
# are of size 1), plus the positional encoding of the first `seq_len` positions, then dropout, then `num_layers`
# encoder layers:
#
# ```
# ids ─► Embedding ─► × sqrt(d) ─► + PE[:, :seq_len] ─► Dropout ─► EncoderLayer ─► ... ─► EncoderLayer ─► output
# ```
#
# `Encoder(num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size, maximum_position_encoding,
# dropout_rate=0.1, layernorm_eps=1e-6)`; the encoding is computed once in `__init__` for
# `maximum_position_encoding` positions (store it with `self.register_buffer`, so it moves with the model to a GPU and
# is no parameter), and the layers go into an `nn.ModuleList`. `forward(x, mask=None)`: token ids `(batch, L)` →
# `(batch, L, embedding_dim)`.

# %%
# GRADED: Encoder

# %%
check(Encoder)

# %% [markdown]
# ## 7. The decoder layer
#
# The decoder layer has three sublayers, each with its add & norm:
#
# 1. **masked self-attention** over the target sequence, with the look-ahead mask: `mha1(x, x, x,
#    look_ahead_mask)` → `Q1 = LayerNorm(attention + x)`;
# 2. **encoder-decoder attention**: the decoder asks, the encoder answers. Queries are `Q1`, keys and values the
#    encoder's output, with the padding mask of the *input* sentence: `mha2(Q1, enc_output, enc_output,
#    padding_mask)` → `LayerNorm(attention + Q1)`;
# 3. the feed-forward network, dropout, add & norm.
#
# `DecoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6)`, `forward(x,
# enc_output, look_ahead_mask=None, padding_mask=None)` returns `(out3, attn_weights_block1, attn_weights_block2)`:
# the output and both blocks' attention weights.

# %%
# GRADED: DecoderLayer

# %%
check(DecoderLayer)

# %% [markdown]
# ## 8. The decoder
#
# Like the encoder (embedding × √d, positional encoding, dropout), with decoder layers, each given the encoder's
# output and both masks. It also returns every layer's attention weights in a dict, under the keys
# `decoder_layer{i}_block1_self_att` and `decoder_layer{i}_block2_decenc_att`, `i` counted from 1.
#
# `Decoder(num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size, maximum_position_encoding,
# dropout_rate=0.1, layernorm_eps=1e-6)`, `forward(x, enc_output, look_ahead_mask=None, padding_mask=None)` returns
# `(x, attention_weights)`.

# %%
# GRADED: Decoder

# %%
check(Decoder)

# %% [markdown]
# ## 9. The Transformer
#
# The encoder reads the input sentence; the decoder reads the output sentence so far and the encoder's output; a
# final `nn.Linear(embedding_dim, target_vocab_size)` scores every word of the target vocabulary at every position.
#
# `Transformer(num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size, target_vocab_size,
# max_positional_encoding_input, max_positional_encoding_target, dropout_rate=0.1, layernorm_eps=1e-6)`,
# `forward(input_sentence, output_sentence, enc_padding_mask=None, look_ahead_mask=None, dec_padding_mask=None)`
# returns `(final_output, attention_weights)`: scores `(batch, L_target, target_vocab_size)` and the decoder's dict.
#
# The original's last Dense layer applied a softmax. Here the Transformer returns the **scores** (logits), as PyTorch
# models do: `nn.CrossEntropyLoss` applies the softmax itself, more exactly than a log of a softmax could.

# %%
# GRADED: Transformer

# %%
check(Transformer)

# %% [markdown]
# ## 10. Translating dates
#
# Now train your Transformer on the dates of C5W3A1: "3 may 1979", "tuesday march 5 1985", "05.03.85" on the left,
# "1979-05-03" on the right. `dlspec.data.dates` writes them as the original course did (Faker draws a date, Babel
# writes it in one of the original's formats), seeded: 12,000 pairs here, the last 2,000 held out.
#
# The sentences are characters. Two changes from C5W3A1's numbering suit the masks you wrote: the source's padding
# must be token **0** (`dates` puts `<pad>` last, so every source id moves up by one and `<pad>` becomes 0), and the
# decoder needs a **start** token to read before it has written anything (one more target token, `START`).

# %%
dataset, human_vocab, machine_vocab, inv_machine_vocab = dates.load_dataset(quick(12000, 400))
X, Y, _, _ = dates.preprocess_data(dataset, human_vocab, machine_vocab, dates.TX, dates.TY)
source = torch.tensor(np.where(X == human_vocab["<pad>"], 0, X + 1))  # 0 is padding
target = torch.tensor(Y)
START = len(machine_vocab)  # the 11 characters of ISO dates are 0..10; the start token is 11
decoder_input = torch.cat([torch.full((len(target), 1), START), target[:, :-1]], dim=1)
n_train = quick(10000, 300)
for human, machine in dataset[:4]:
    print(f"{human:>30} -> {machine}")
print("source", tuple(source.shape), " target", tuple(target.shape), " training pairs", n_train)

# %% [markdown]
# **Teacher forcing.** In training, the decoder reads the correct date shifted right by one (`START`, then its first
# nine characters) and predicts every character at once; the look-ahead mask keeps position `t` from seeing the
# character it must predict. One pass over a batch trains all ten positions in parallel, where the LSTM of C5W3A1
# stepped through them.
#
# **One change to PyTorch's defaults.** `nn.Embedding` draws its vectors with a spread of 1; times $\sqrt{d}$ they
# would be several times the size of the positional encoding and drown it, and a date whose digits must be copied in
# order needs the positions. The paper's embeddings have a spread of $1/\sqrt{d}$, so that after scaling they are of
# size 1 like the encoding: the cell below draws them so. (Keras, which the original used, starts embeddings near 0.)
#
# The learning rate rises over the first 200 steps (a *warm-up*): the paper's post-norm Transformer trains badly if
# Adam's first steps, whose sizes are not yet tuned to the gradients, are large.

# %%
torch.manual_seed(1)
embedding_dim = 32
model = Transformer(num_layers=2, embedding_dim=embedding_dim, num_heads=4, fully_connected_dim=64,
                    input_vocab_size=len(human_vocab) + 1, target_vocab_size=START + 1,
                    max_positional_encoding_input=dates.TX, max_positional_encoding_target=dates.TY,
                    dropout_rate=0.0)  # fmt: skip
for module in model.modules():
    if isinstance(module, nn.Embedding):
        nn.init.normal_(module.weight, std=embedding_dim**-0.5)
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3, betas=(0.9, 0.98))
warm_up = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / 200))
loss_fn = nn.CrossEntropyLoss()
look_ahead_mask = create_look_ahead_mask(dates.TY)


def trimmed(ids):
    """The columns of a batch of source ids up to its longest sentence: fewer positions to attend to."""
    return ids[:, : int((ids != 0).sum(dim=1).max())]


epochs, batch_size, losses = quick(4, 1), 64, []
start_time = time.perf_counter()
for epoch in range(epochs):
    model.train()
    for batch in torch.randperm(n_train).split(batch_size):
        src = trimmed(source[batch])
        padding_mask = create_padding_mask(src)
        scores, _ = model(src, decoder_input[batch], padding_mask, look_ahead_mask, padding_mask)
        loss = loss_fn(scores.reshape(-1, START + 1), target[batch].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        warm_up.step()
        losses.append(loss.item())
    print(f"epoch {epoch + 1}: loss {np.mean(losses[-50:]):.3f} (the mean of the last 50 steps)")
training_time = time.perf_counter() - start_time
print(f"trained in {training_time:.0f} s")

plt.plot(losses)
plt.yscale("log")
plt.xlabel("step (64 dates)")
plt.ylabel("cross-entropy per character")
plt.title("Your Transformer learning dates")
plt.show()

# %% [markdown]
# **Writing a date.** At test time there is no correct output to read: `greedy_decode` starts from `START`, runs the
# decoder on what it has written so far, appends the highest-scoring character, and repeats ten times. (The encoder
# runs once.) Its accuracy is the share of held-out dates with all ten characters right: compare it with your
# attention LSTM of C5W3A1.

# %%
predicted, _ = greedy_decode(model, trimmed(source[n_train:]), START, dates.TY)
accuracy = (predicted == target[n_train:]).all(dim=1).float().mean().item()  # all ten characters right
print(f"exact match on {len(predicted)} held-out dates: {accuracy:.1%} after {training_time:.0f} s of training")
for (human, machine), ids in list(zip(dataset[n_train:], predicted, strict=True))[:6]:
    written = "".join(dates.int_to_string(ids, inv_machine_vocab))
    print(f"{human:>30} -> {written}  {'ok' if written == machine else 'expected ' + machine}")

# %% [markdown]
# ## 11. Where the decoder looks
#
# The second block of each decoder layer holds, for every character written, a weight on every character of the
# source, per head. Type a date of your own below. Often one head follows the digits being copied while others look
# at month names or at separators; attention in a Transformer is spread over heads and layers, so no single map
# explains a prediction the way the single attention of C5W3A1's LSTM did.

# %%
my_date = "wednesday may 9 2018"
ids = torch.tensor([[i + 1 for i in dates.string_to_int(my_date, len(my_date), human_vocab)]])  # no padding
written_ids, attention = greedy_decode(model, ids, START, dates.TY)
written = dates.int_to_string(written_ids[0], inv_machine_vocab)
print(my_date, "->", "".join(written))
cross = attention["decoder_layer2_block2_decenc_att"][0]  # (heads, 10, source length)
fig, axes = plt.subplots(2, 2, figsize=(11, 5.5))
for head, ax in enumerate(axes.flat):
    ax.imshow(cross[head].numpy(), cmap="Blues", vmin=0)
    ax.set_xticks(range(len(my_date)), list(my_date), fontsize=7)
    ax.set_yticks(range(dates.TY), written, fontsize=8)
    ax.set_title(f"layer 2, head {head + 1}", fontsize=9)
fig.suptitle("Cross-attention: each written character (row) over the source (columns)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## What you built
#
# * Positional encodings give each position a pattern of waves; added to the scaled embeddings, they let attention
#   know where words are.
# * Scaled dot-product attention is a softmax over the keys of scaled query-key products; masks (1 attend, 0 hide)
#   hide padding and the future.
# * Multi-head attention runs several attentions on slices of projected features and joins them; it matches
#   `torch.nn.MultiheadAttention` number for number.
# * Encoder and decoder layers are attention and a feed-forward network, each with a residual connection and a layer
#   norm after it; the decoder's second attention takes its queries from the decoder and its keys and values from the
#   encoder.
# * Trained with teacher forcing, all positions at once, the Transformer learns to translate dates in a few epochs
#   on a CPU.
