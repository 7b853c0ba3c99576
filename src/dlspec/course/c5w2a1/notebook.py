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
# # Operations on word vectors, and removing a bias from them
#
# A word embedding gives every word of a vocabulary a dense vector, learned from how words appear together in a
# large body of text. Words used in similar contexts end up with similar vectors, and some relations between
# words become directions: the step from *man* to *woman* is roughly the step from *king* to *queen*.
#
# This notebook uses **GloVe** vectors trained by Stanford on Wikipedia and newswire text: 400,000 words, 50
# numbers each, the same file the original course read. You write, in plain NumPy:
#
# 1. `cosine_similarity`, the usual measure of how alike two word vectors are;
# 2. `complete_analogy`, which answers "*a* is to *b* as *c* is to ?";
# 3. `neutralize` and `equalize`, two steps of the debiasing method of Bolukbasi et al. (2016): the vectors
#    learned a gender direction from their text, and words that should not lean either way still do.
#
# A word vector here is a 1-D array of shape `(50,)`, and `word_to_vec_map` maps each word to its vector. After
# each function, `check(function_name)` runs it on the original course's example and on small made-up
# vocabularies. Stuck? `dlspec hint c5w2a1 <function>` in a terminal gives a ladder of hints, one at a time.

# %%
import matplotlib.pyplot as plt
import numpy as np

from dlspec.data.glove import WordVectors, load_glove
from dlspec.notebook import checker, quick

check = checker("c5w2a1")
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. The vectors
#
# `load_glove` returns the words, most frequent first, and a `(400000, 50)` array whose row $i$ is the vector
# of word $i$. `WordVectors` wraps them in a read-only dictionary, so `word_to_vec_map["king"]` is the vector of
# *king* (the original's `read_glove_vecs` built the same dictionary from a text file).

# %%
word_list, vectors = load_glove()
word_to_vec_map = WordVectors(word_list, vectors)
print(len(word_to_vec_map), "words; the first ten:", word_list[:10])
print("king:", word_to_vec_map["king"][:8], "... (50 numbers)")

# %% [markdown]
# ## 2. Cosine similarity
#
# Two vectors are alike when they point the same way. The cosine of the angle $\theta$ between them measures
# that, whatever their lengths:
#
# $$\text{CosineSimilarity}(u, v) = \frac{u \cdot v}{\lVert u \rVert_2 \, \lVert v \rVert_2} = \cos\theta,
# \qquad \lVert u \rVert_2 = \sqrt{\textstyle\sum_i u_i^2}$$
#
# It is 1 for the same direction, 0 for orthogonal vectors, and $-1$ for opposite ones. The length of a GloVe
# vector mostly reflects how often its word occurs, which is not what "similar" should mean; dividing by the
# norms removes it.
#
# ### Exercise 1: `cosine_similarity`
#
# Return the cosine similarity of `u` and `v` as a float.

# %%
# GRADED: cosine_similarity

# %%
check(cosine_similarity)

# %% [markdown]
# Related words score high, unrelated ones near zero. Differences compare relations: *france − paris* (country
# minus capital) points against *rome − italy* (capital minus country).

# %%
w = word_to_vec_map
print("father, mother:", cosine_similarity(w["father"], w["mother"]))
print("ball, crocodile:", cosine_similarity(w["ball"], w["crocodile"]))
print("france - paris, rome - italy:", cosine_similarity(w["france"] - w["paris"], w["rome"] - w["italy"]))

# %% [markdown]
# ## 3. Analogies
#
# "*a* is to *b* as *c* is to *d*" holds when the step from *c* to *d* points the way the step from *a* to *b*
# does: $e_b - e_a \approx e_d - e_c$. So the answer is the word $d$ of the vocabulary whose step from $c$ is most
# similar to $e_b - e_a$:
#
# $$d = \arg\max_{w} \; \text{CosineSimilarity}(e_b - e_a,\; e_w - e_c)$$
#
# The three given words are left out: the step from *c* to *b* often points much like the step from *a* to *b*,
# so *b* would win a surprising number of times.
#
# ### Exercise 2: `complete_analogy`
#
# Loop over the words of `word_to_vec_map` (not the three inputs), score each with your `cosine_similarity`, and
# return the best one. Lower-case the three words first: the GloVe vocabulary is lower case.

# %%
# GRADED: complete_analogy

# %%
check(complete_analogy)

# %% [markdown]
# A loop in Python over all 400,000 words takes a few seconds per analogy. The words are sorted by frequency, and
# the answers of everyday analogies are common words, so the search below runs over the most frequent ones.

# %%
frequent = WordVectors(word_list[:quick(100_000, 20_000)], vectors)
for triad in [("italy", "italian", "spain"), ("india", "delhi", "japan"), ("man", "woman", "boy"),
              ("small", "smaller", "large"), ("king", "man", "queen")]:
    print("{} -> {} :: {} -> {}".format(*triad, complete_analogy(*triad, frequent)))

# %% [markdown]
# ## 4. A bias direction
#
# If the step *man* → *woman* is a direction of the space, the difference of the two vectors estimates it:
#
# $$g = e_{woman} - e_{man}$$
#
# (Averaging several such differences, *mother − father*, *girl − boy*, gives a steadier estimate; one is enough
# here.) The cosine of a word with $g$ says which way it leans: positive towards *woman*, negative towards *man*.
# First names lean the way one would guess. So do words that say nothing about gender.

# %%
g = word_to_vec_map["woman"] - word_to_vec_map["man"]
for group in (["john", "marie", "sophie", "ronaldo", "priya", "rahul", "danielle", "reza", "katy", "yasmin"],
              ["lipstick", "guns", "science", "arts", "literature", "warrior", "doctor", "tree", "receptionist",
               "technology", "fashion", "teacher", "engineer", "pilot", "computer", "singer"]):
    print("  ".join(f"{word} {cosine_similarity(word_to_vec_map[word], g):+.3f}" for word in group))

# %% [markdown]
# A picture of the space: the two directions along which a few groups of words vary most (their first two
# principal components, from a singular value decomposition of the centred vectors). Family words fall along one
# line from male to female; occupations spread between them.

# %%
groups = {
    "family": ["man", "woman", "king", "queen", "boy", "girl", "father", "mother", "brother", "sister"],
    "occupations": ["doctor", "nurse", "engineer", "receptionist", "pilot", "teacher", "programmer", "homemaker"],
    "countries and capitals": ["france", "paris", "italy", "rome", "japan", "tokyo", "spain", "madrid"],
}
names = [word for group in groups.values() for word in group]
E = np.array([word_to_vec_map[word] for word in names])
E -= E.mean(axis=0)
_, _, Vt = np.linalg.svd(E, full_matrices=False)
points = E @ Vt[:2].T
fig, ax = plt.subplots(figsize=(8, 6))
start = 0
for label, group in groups.items():
    xy = points[start:start + len(group)]
    ax.scatter(xy[:, 0], xy[:, 1], label=label)
    for word, (x, y) in zip(group, xy, strict=True):
        ax.annotate(word, (x, y), textcoords="offset points", xytext=(4, 3))
    start += len(group)
ax.set_xlabel("first principal component")
ax.set_ylabel("second principal component")
ax.legend()
plt.show()

# %% [markdown]
# ## 5. Neutralising a word
#
# A word such as *receptionist* should not lean towards either gender. Its vector $e$ splits into a part along
# $g$ and a part orthogonal to it; neutralising keeps only the second:
#
# $$e^{bias\_component} = \frac{e \cdot g}{\lVert g \rVert_2^2}\, g \qquad
# e^{debiased} = e - e^{bias\_component}$$
#
# The first is the projection of $e$ on $g$: its length along $g$ ($e \cdot g / \lVert g \rVert_2$) times the
# unit vector $g / \lVert g \rVert_2$, hence the squared norm. (The method applies to the 50-number vectors
# directly; the original paper first removes the directions of other words too, which this notebook leaves out.)
#
# ### Exercise 3: `neutralize`
#
# Return the vector of `word` less its projection on `g`.

# %%
# GRADED: neutralize

# %%
check(neutralize)

# %%
e = word_to_vec_map["receptionist"]
print("cosine of receptionist with g, before:", cosine_similarity(e, g))
print("after neutralising:               ", cosine_similarity(neutralize("receptionist", g, word_to_vec_map), g))

# %% [markdown]
# ## 6. Equalising a pair
#
# Some pairs should differ *only* in gender: *actor* and *actress*, *grandfather* and *grandmother*. In the learned
# vectors they differ in other ways too, so that a neutralised word such as *babysit* can still sit closer to one
# of them. Equalising moves the two words so that they share everything orthogonal to the axis and lie at the same
# distance on either side of it. With $\mu$ the pair's mean and $B$ the bias axis:
#
# $$\mu = \frac{e_{w1} + e_{w2}}{2} \qquad
# \mu_B = \frac{\mu \cdot B}{\lVert B \rVert_2^2}\, B \qquad \mu_{\perp} = \mu - \mu_B$$
#
# $$e_{w1B} = \frac{e_{w1} \cdot B}{\lVert B \rVert_2^2}\, B \qquad e_{w2B} = \frac{e_{w2} \cdot B}{\lVert B
# \rVert_2^2}\, B$$
#
# $$e_{w1B}^{corrected} = \sqrt{\left|1 - \lVert \mu_{\perp} \rVert_2^2\right|}\;
# \frac{e_{w1B} - \mu_B}{\lVert (e_{w1} - \mu_{\perp}) - \mu_B \rVert_2} \qquad
# e_{w2B}^{corrected} = \sqrt{\left|1 - \lVert \mu_{\perp} \rVert_2^2\right|}\;
# \frac{e_{w2B} - \mu_B}{\lVert (e_{w2} - \mu_{\perp}) - \mu_B \rVert_2}$$
#
# $$e_1 = e_{w1B}^{corrected} + \mu_{\perp} \qquad e_2 = e_{w2B}^{corrected} + \mu_{\perp}$$
#
# These are the original course's formulas. The paper divides by $\lVert e_{w1B} - \mu_B \rVert_2$ instead, so
# that unit vectors stay unit vectors; the course divides by the whole difference from $\mu$, which places the
# words nearer $\mu_\perp$, and takes an absolute value because GloVe's vectors are longer than 1 (so
# $1 - \lVert \mu_{\perp} \rVert^2$ is negative). Either way, the two words end up symmetric about
# $\mu_\perp$, differing only along the axis.
#
# ### Exercise 4: `equalize`
#
# Return `e1, e2`, the equalised vectors of the two words of `pair`.

# %%
# GRADED: equalize

# %%
check(equalize)

# %%
before = [cosine_similarity(word_to_vec_map[word], g) for word in ("man", "woman")]
print(f"before: man {before[0]:+.4f}, woman {before[1]:+.4f}")
e1, e2 = equalize(("man", "woman"), g, word_to_vec_map)
print(f"after:  man {cosine_similarity(e1, g):+.4f}, woman {cosine_similarity(e2, g):+.4f}")

# %% [markdown]
# Before, *woman* leaned further towards $g$ than *man* leaned away from it; after, the two cosines are equal and
# opposite, and the two vectors agree in every direction orthogonal to $g$.
#
# ## What you built
#
# * `cosine_similarity` compares directions, not lengths; with it, relations between words become arithmetic on
#   their vectors (`complete_analogy`).
# * Embeddings learn whatever associations their text holds, gender stereotypes included. A bias direction can be
#   estimated from pairs of words, removed from words that should be neutral (`neutralize`), and made symmetric
#   for pairs that should differ only along it (`equalize`).
# * Debiasing this way removes a bias from a chosen direction only; later work (Gonen and Goldberg, 2019) showed
#   that much of it remains visible in how words cluster. Measuring what a model learned stays necessary.
