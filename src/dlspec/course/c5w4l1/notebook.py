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
# # Transformer pre-processing: word embeddings plus positional encodings
#
# *An ungraded lab: nothing here is checked or submitted. Run it, change things, look again.*
#
# A Transformer reads a whole sentence at once. Its attention layers compare every word with every other word,
# but nothing in that comparison knows **where** a word sits: shuffle the words and each one gets the same
# result, only in the shuffled order. So before the first layer, each word's vector is given a second vector that
# depends only on its position, and the two are added:
#
# $$x^{\langle pos \rangle} = e_{\text{word}} + PE^{\langle pos \rangle}$$
#
# This lab looks closely at that sum, with real word vectors (GloVe, 50 numbers per word, as in week 2):
#
# 1. you write the sinusoidal positional encoding and look at it as a picture;
# 2. you check two of its properties: every position has the same length, and the similarity of two positions
#    depends only on how far apart they are;
# 3. you add it to word vectors and watch what happens to their similarities, in 2-D pictures and in numbers;
# 4. you change the balance between meaning and position by scaling one of them.
#
# The c5w4a1 assignment grades its own `positional_encoding`; here the point is to understand what it does to
# the input.

# %%
import matplotlib.pyplot as plt
import numpy as np

from dlspec.data.glove import WordVectors, load_glove

np.set_printoptions(precision=3, suppress=True)

# %% [markdown]
# ## 1. The sinusoidal positional encoding
#
# For a model width $d$ (here $d = 50$, the length of a GloVe vector), position $pos$ gets a vector of $d$
# numbers. They come in pairs: pair $i$ (dimensions $2i$ and $2i+1$) is a sine and a cosine of the same angle,
#
# $$PE(pos, 2i) = \sin\!\left(\frac{pos}{10000^{2i/d}}\right), \qquad
#   PE(pos, 2i+1) = \cos\!\left(\frac{pos}{10000^{2i/d}}\right).$$
#
# The first pair turns by one radian per position, fast; each later pair turns more slowly, down to about
# $1/10000$ of a radian per position for the last one. Read the dimensions like the hands of a clock: the fast
# ones tell neighbouring positions apart, the slow ones tell far-apart positions apart.
#
# The function below builds the whole table at once with broadcasting: a column of positions times a row of
# rates gives every angle.

# %%
def positional_encoding(positions: int, d: int) -> np.ndarray:
    """The (positions, d) table whose row pos is the encoding of position pos."""
    pos = np.arange(positions)[:, np.newaxis]  # (positions, 1)
    dim = np.arange(d)[np.newaxis, :]  # (1, d)
    # A sine and the cosine after it share one rate, set by the pair index dim // 2.
    angles = pos / 10000 ** (2 * (dim // 2) / d)
    return np.where(dim % 2 == 0, np.sin(angles), np.cos(angles))


d_model, max_len = 50, 64
PE = positional_encoding(max_len, d_model)
print("table:", PE.shape)
print("position 0:", PE[0, :6], "...")
print("position 1:", PE[1, :6], "...")

# %% [markdown]
# Position 0 is all sines of 0 and cosines of 0: alternating 0 and 1. From position 1 on, the first pairs move
# quickly and each pair further right more slowly. The picture makes the pattern plain: each row is a position, each
# column a dimension.

# %%
fig, (ax_map, ax_lines) = plt.subplots(1, 2, figsize=(13, 4.5))
image = ax_map.pcolormesh(PE, cmap="RdBu", vmin=-1, vmax=1)
ax_map.set(xlabel="dimension", ylabel="position", title="Positional encoding, 64 positions × 50 dimensions")
fig.colorbar(image, ax=ax_map)
for dim in (0, 1, 10, 30):
    ax_lines.plot(PE[:, dim], label=f"dimension {dim}")
ax_lines.set(xlabel="position", ylabel="value", title="A few columns: fast on the left, slow on the right")
ax_lines.legend(loc="lower left")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 2. Two properties worth knowing
#
# **Every position has the same length.** Each pair contributes $\sin^2 + \cos^2 = 1$ to the squared norm, and
# there are $d/2 = 25$ pairs, so every row has norm $\sqrt{25} = 5$, however large the position. A plain
# counter (0, 1, 2, ...) would instead grow without bound and swamp the word vectors in a long sentence.

# %%
norms = np.linalg.norm(PE, axis=1)
print("norms of the 64 rows: smallest", norms.min().round(6), "largest", norms.max().round(6))

# %% [markdown]
# **Similarity depends only on the distance.** The dot product of two encodings is a sum of
# $\sin a \sin b + \cos a \cos b = \cos(a - b)$ over the pairs, and $a - b$ depends only on the offset between
# the positions. So position 5 looks at position 8 exactly as position 40 looks at position 43. That gives
# attention an easy way to learn "the word two places back", wherever the sentence starts.
#
# The matrix of cosine similarities between all positions shows it: every diagonal stripe is constant.

# %%
def cosine(u: np.ndarray, v: np.ndarray) -> float:
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))


unit = PE / np.linalg.norm(PE, axis=1, keepdims=True)
similarity = unit @ unit.T
offsets = np.arange(24)
fig, (ax_map, ax_lines) = plt.subplots(1, 2, figsize=(13, 4.5))
image = ax_map.pcolormesh(similarity, cmap="viridis")
ax_map.set(xlabel="position", ylabel="position", title="Cosine similarity between positions")
ax_map.invert_yaxis()
fig.colorbar(image, ax=ax_map)
for start in (5, 40):
    ax_lines.plot(offsets, [cosine(PE[start], PE[start + k]) for k in offsets], "o-", label=f"from position {start}")
ax_lines.set(xlabel="offset k", ylabel="cosine similarity", title="Similarity of position p and p + k")
ax_lines.legend()
plt.tight_layout()
plt.show()
print(f"cos(PE[5], PE[8]) = {cosine(PE[5], PE[8]):.6f}   cos(PE[40], PE[43]) = {cosine(PE[40], PE[43]):.6f}")

# %% [markdown]
# The two curves lie on top of each other. Notice too that the similarity falls quickly over the first few
# offsets and then slowly and unevenly: even the far corners of the matrix, 60 positions apart, stay near 0.4.
# The slow pairs barely change over 64 positions, so every position keeps something in common with every other.
#
# ## 3. Word vectors
#
# Now the words. `load_glove` gives the 400,000 GloVe words and their 50-dimensional vectors (a few seconds).

# %%
word_list, vectors = load_glove()
word_to_vec = WordVectors(word_list, vectors)

sentences = [
    "the king and the queen ruled the old kingdom",
    "a dog and a cat slept in the warm house",
    "she ate an apple and a banana after lunch",
]
for s in sentences:
    print(s)
print()
for w in ("the", "king", "queen", "dog", "cat", "apple", "banana"):
    print(f"{w:>7}: norm {np.linalg.norm(word_to_vec[w]):.2f}")
print(f"positional encoding: norm {np.linalg.norm(PE[0]):.2f}")

# %% [markdown]
# Look at the lengths: GloVe's 50-d vectors have norms of about 4 to 6, and every positional encoding has norm 5.
# Meaning and position enter the sum **on an equal footing**. Whether that is good is what the rest of the lab
# looks at.
#
# `embed` turns a sentence into its matrix of word vectors, one row per word, and optionally adds the position
# of each word, with a weight on each part that section 5 will play with.

# %%
def embed(sentence: str, word_scale: float = 1.0, position_scale: float = 1.0) -> np.ndarray:
    """(number of words, d_model): word_scale · e_word + position_scale · PE for each word in order."""
    words = sentence.split()
    E = np.stack([word_to_vec[w] for w in words])
    return word_scale * E + position_scale * PE[: len(words)]


X = embed(sentences[0])
print("sentence 1 as a matrix:", X.shape)

# %% [markdown]
# ## 4. What the sum does to similarities
#
# ### The same word at different places
#
# Without positions, *dog* is *dog* wherever it appears: cosine similarity 1 with itself. With positions added,
# *dog* at position 0 and *dog* at position $k$ are different vectors. How different?

# %%
far = np.arange(0, 41)
fig, ax = plt.subplots(figsize=(8, 4))
for w in ("dog", "king", "the"):
    e = word_to_vec[w]
    ax.plot(far, [cosine(e + PE[0], e + PE[k]) for k in far], label=f"{w} at 0 and at k")
ax.axhline(cosine(word_to_vec["dog"], word_to_vec["cat"]), color="grey", ls="--", label="dog and cat, no position")
ax.axhline(cosine(word_to_vec["dog"], word_to_vec["apple"]), color="grey", ls=":", label="dog and apple, no position")
ax.set(xlabel="position k", ylabel="cosine similarity", title="One word, two positions")
ax.legend()
plt.show()
dog = word_to_vec["dog"]
print("dog@0 and dog@20:", round(cosine(dog + PE[0], dog + PE[20]), 3))
print("dog and cat (no position):", round(cosine(dog, word_to_vec["cat"]), 3))

# %% [markdown]
# Twenty places apart, *dog* is less like itself than *dog* is like *cat* without positions. The position has
# become as loud as the meaning.
#
# ### Different words at the same place
#
# The other side of the coin: two unrelated words at the **same** position now share the same added vector,
# which pulls them together.

# %%
apple = word_to_vec["apple"]
print("dog and apple, no position:        ", round(cosine(dog, apple), 3))
print("dog and apple, both at position 0: ", round(cosine(dog + PE[0], apple + PE[0]), 3))
print("dog and apple, both at position 30:", round(cosine(dog + PE[30], apple + PE[30]), 3))

# %% [markdown]
# ### A picture
#
# To see all this at once, project the word vectors of the three sentences onto their first two principal
# components (PCA: centre the rows, take the top two right singular vectors). Left: the words alone; the royal
# words stand apart, the small function words (*the*, *and*, *a*) sit together. Right: the same words with
# their positions added, projected the same way. The little numbers are the positions.

# %%
def pca_2d(rows: np.ndarray) -> np.ndarray:
    """The rows projected on their two principal directions."""
    centred = rows - rows.mean(axis=0)
    _, _, Vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ Vt[:2].T


def picture(word_scale: float, position_scale: float, title: str, ax: plt.Axes) -> None:
    rows = np.concatenate([embed(s, word_scale, position_scale) for s in sentences])
    points = pca_2d(rows)
    start = 0
    for s, colour in zip(sentences, ("tab:purple", "tab:green", "tab:orange"), strict=True):
        words = s.split()
        for p, (w, (x, y)) in enumerate(zip(words, points[start : start + len(words)], strict=True)):
            ax.scatter(x, y, color=colour, s=14)
            ax.annotate(f"{w} {p}" if position_scale else w, (x, y), fontsize=8, color=colour)
        start += len(words)
    ax.set_title(title)


fig, (left, right) = plt.subplots(1, 2, figsize=(14, 6))
picture(1, 0, "word vectors alone", left)
picture(1, 1, "word vectors + positional encoding", right)
plt.tight_layout()
plt.show()

# %% [markdown]
# On the left, a repeated word (*the*, *and*, *a*) is a single point. On the right, the repeats split apart
# (*the 0*, *the 3*, *the 6*) and words drift towards others at nearby positions (*a 0* beside *an 2*, *the 7*
# beside *in 6*): the picture is now organised partly by place in the sentence, partly by meaning.
#
# None of this is a failure. The model's first layers are linear maps of these sums, and training can learn
# maps that pull meaning and position apart again; in 50 or 512 dimensions there is plenty of room for both.
# But the balance at the input matters, and it is easy to change.
#
# ## 5. Scaled versions: choosing the balance
#
# The Transformer paper multiplies the embeddings by $\sqrt{d_{\text{model}}}$ before adding the positions.
# There, embeddings are learned and start small; the factor lifts them above the positional encoding. With
# GloVe's vectors it makes meaning dominate: $\sqrt{50} \approx 7.07$. More generally, take
# $x = a \cdot e_{\text{word}} + b \cdot PE$ and look at three numbers for a few choices of $a$ and $b$.

# %%
cat = word_to_vec["cat"]
settings = [(1, 0, "words only"), (1, 1, "plain sum"), (np.sqrt(d_model), 1, "words × √d"), (1, 0.3, "positions × 0.3"),
            (1, 3, "positions × 3")]
print(f"{'':>16} {'dog@0 vs dog@20':>16} {'dog@3 vs cat@3':>15} {'dog@3 vs apple@3':>17}")
for a, b, name in settings:
    same_word = cosine(a * dog + b * PE[0], a * dog + b * PE[20])
    related = cosine(a * dog + b * PE[3], a * cat + b * PE[3])
    unrelated = cosine(a * dog + b * PE[3], a * apple + b * PE[3])
    print(f"{name:>16} {same_word:>16.3f} {related:>15.3f} {unrelated:>17.3f}")

# %% [markdown]
# * **Words only**: perfect for meaning (dog vs apple stays low), blind to order.
# * **Plain sum**: the same word at two places falls well below 1, and unrelated words at one place look alike.
# * **Words × √d**: the position is a small nudge, so the same word stays almost identical wherever it is, and
#   dog vs apple keeps its distance. The order is still there, in small differences a network can learn to read.
# * **Positions × 3**: the position drowns the meaning; every pair of words at the same place looks alike.
#
# The same pictures, with the embedding scaled up and with the positions scaled up:

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(14, 6))
picture(np.sqrt(d_model), 1, "√d · word vectors + positional encoding", left)
picture(1, 3, "word vectors + 3 · positional encoding", right)
plt.tight_layout()
plt.show()

# %% [markdown]
# With the words scaled up, the royal words group again and each repeated word is a tight little cluster of
# its positions. With the positions scaled up, words group by position instead (everything at position 6 in
# one spot, whatever it means), and the meaning is hard to find.
#
# ## What to take away
#
# * Self-attention has no notion of order; the positional encoding adds it, as a vector per position added to
#   the word's vector.
# * The sinusoidal encoding is bounded (every row has norm $\sqrt{d/2}$), defined for any position, and makes the
#   similarity of two positions depend only on their distance.
# * Adding changes similarities: the same word at two places is no longer identical, and words at the same place
#   are pulled together. How much depends on the relative sizes of the two parts, which scaling controls.
#
# ## Try it yourself
#
# * Change `d_model` to 10 or 200 and `max_len` to 500, and look at the heat map and the similarity-versus-offset
#   curve again (sections 1 and 2 only: GloVe vectors have 50 numbers, so set `d_model` back before section 3).
# * Replace the sinusoidal table by a plain counter, `PE = np.arange(max_len)[:, None] * np.ones(d_model)`, and
#   rerun section 4: what happens by position 40?
# * Write your own sentences in `sentences` (lower case; every word must be in GloVe) and find a scale $a$ at
#   which the topics separate again but repeated words still show their positions.
