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
# # Emojify: choosing an emoji for a sentence
#
# Given a short sentence, pick the emoji that fits it: "let us have dinner" gets 🍴, "i miss you every single
# day" gets ❤️. Only 300 labelled sentences are there to learn from, far too few to learn what 400,000 words
# mean. The trick is not to learn that at all: **word vectors** trained on billions of words (GloVe, from the
# previous notebook) already place *adore* near *love* and *hockey* near *baseball*, so a classifier built on
# them can get right a sentence whose words it never saw in training.
#
# You build two classifiers:
#
# 1. **Emojifier-V1**, in NumPy: average the vectors of a sentence's words and put a softmax layer on top
#    (`sentence_to_avg`, `model`). Word order is lost.
# 2. **Emojifier-V2**, in PyTorch: feed the words in order through a frozen embedding layer holding GloVe and two
#    stacked LSTMs (`sentences_to_indices`, `pretrained_embedding_layer`, `Emojify_V2`).
#
# After each graded function, `check(function_name)` runs it on a visible example and on made-up cases. Stuck?
# `dlspec hint c5w2a2 <function>` in a terminal gives a ladder of hints, one at a time.

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from dlspec.data.emojiset import CLASSES, label_to_emoji, load_emojiset
from dlspec.data.glove import WordVectors, load_glove
from dlspec.nn.emojify import convert_to_one_hot, predict, softmax  # noqa: F401 (model uses them)
from dlspec.notebook import checker, quick
from dlspec.viz.confusion import plot_confusion_matrix

check = checker("c5w2a2")
torch.set_num_threads(1)  # small LSTMs: one thread beats two that wait on each other
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. The sentences
#
# dlspec's own set (written for this course, CC0): 300 training and 60 test sentences, at most 10 words each,
# labelled 0 to 4.
#
# | label | 0 | 1 | 2 | 3 | 4 |
# |---|---|---|---|---|---|
# | emoji | ❤️ | ⚾ | 😄 | 😞 | 🍴 |
# | about | love | sport | joy | sadness | food |
#
# Some test sentences use words that no training sentence has (*adore*, *hockey*, *thrilled*, *heartbroken*,
# *sushi*); they show what the word vectors bring.

# %%
X_train, Y_train, X_test, Y_test = load_emojiset()
maxLen = max(len(s.split()) for s in X_train)
print(len(X_train), "training and", len(X_test), "test sentences; the longest has", maxLen, "words")
for i in range(8):
    print(f"{X_train[i]:<45} {label_to_emoji(Y_train[i])}")
print("sentences per class in training:", np.bincount(Y_train))

# %% [markdown]
# ## 2. The word vectors
#
# `load_glove` returns GloVe's 400,000 words, most frequent first, and their `(400000, 50)` vectors;
# `word_to_vec_map[w]` is the vector of word `w`. V2 will also need each word as a number: `word_to_index` numbers
# the words from 1 in GloVe's order, so word `w` of GloVe row `r` has index `r + 1`. **Index 0 is kept for
# padding**: it stands for "no word" at the end of a short sentence.

# %%
word_list, vectors = load_glove()
word_to_vec_map = WordVectors(word_list, vectors)
word_to_index = {word: row + 1 for row, word in enumerate(word_list)}
index_to_word = {i: word for word, i in word_to_index.items()}
print("index of 'cucumber':", word_to_index["cucumber"], "; word 1000:", index_to_word[1000])

# %% [markdown]
# ## 3. Emojifier-V1: the average of the word vectors
#
# V1 turns a sentence into one vector, the mean of its words' vectors, and classifies that vector with a softmax
# layer. For a sentence of words $w_1 \dots w_n$ with vectors $e_{w_1} \dots e_{w_n}$:
#
# $$avg = \frac{1}{n} \sum_{k=1}^{n} e_{w_k} \qquad z = W\, avg + b \qquad a = \text{softmax}(z)$$
#
# $W$ is `(5, 50)` and $b$ is `(5,)`; $a$ holds the five probabilities, and the prediction is the largest.
#
# ### Exercise 1: `sentence_to_avg`
#
# Lower-case the sentence and split it into words. Average the vectors of the words that `word_to_vec_map` knows;
# a word it lacks (a typo, a made-up word) is **skipped** and does not count in $n$. A sentence with no known word
# averages to zeros. Make `avg` as long as the word vectors are (50 for GloVe, but not always):
# `next(iter(word_to_vec_map))` gives one word of the map without listing all 400,000, which, done for every
# sentence, would slow training down many times over.

# %%
# GRADED: sentence_to_avg

# %%
check(sentence_to_avg)

# %%
avg = sentence_to_avg("Morrocan couscous is my favorite dish", word_to_vec_map)
print("avg[:5] =", avg[:5], "shape", avg.shape)

# %% [markdown]
# ### Exercise 2: `model`
#
# Train $W$ and $b$ by stochastic gradient descent: each pass goes through the sentences in order and takes one
# step per sentence. For sentence $i$ with one-hot label $y^{(i)}$ (a row of `convert_to_one_hot(Y, C=n_y)`):
#
# $$\mathcal{L}^{(i)} = -\sum_{k=1}^{n_y} y^{(i)}_k \log a^{(i)}_k \qquad
# \frac{\partial \mathcal{L}}{\partial z} = a^{(i)} - y^{(i)} \qquad
# dW = (a^{(i)} - y^{(i)})\, avg^{(i)\,T} \qquad db = a^{(i)} - y^{(i)}$$
#
# $dW$ is the outer product of the `(n_y,)` error and the `(n_h,)` average, the shape of $W$. Start $W$ as
# `np.random.randn(n_y, n_h) / np.sqrt(n_h)` and $b$ as zeros, with `n_y = len(np.unique(Y))` and `n_h` the length
# of a word vector. Return the predictions of the final $W$ and $b$ (the imported `predict(X, Y, W, b,
# word_to_vec_map)` computes them, shape `(m, 1)`), and $W$ and $b$. `softmax` is imported too. Printing the cost
# now and then is welcome (the loss above, for the last sentence of a pass); the grader ignores it.

# %%
# GRADED: model

# %%
check(model)

# %%
np.random.seed(1)
pred_train, W, b = model(X_train, Y_train, word_to_vec_map, learning_rate=0.01, num_iterations=quick(400, 20))
print("training accuracy:", np.mean(pred_train[:, 0] == Y_train))
pred_test = predict(X_test, Y_test, W, b, word_to_vec_map)

# %% [markdown]
# A confusion matrix counts, for each true class (row), how often each class was predicted (column): the diagonal
# holds the right answers, and a large cell off it names a pair of classes V1 mixes up.

# %%
plot_confusion_matrix(Y_test, pred_test, CLASSES, "Emojifier-V1 on the test sentences")
plt.show()

# %% [markdown]
# The average has no idea of word order, and each word counts the same. Try your own sentences here; words that
# GloVe does not know are skipped.

# %%
mine = np.array(["i adore my grandmother", "lunch was great", "we lost the match", "i am not happy",
                 "not feeling happy today"])
for sentence, label in zip(mine, predict(mine, None, W, b, word_to_vec_map)[:, 0], strict=True):
    print(f"{sentence:<30} {label_to_emoji(label)}")

# %% [markdown]
# "i am not happy" comes out 😄: *happy* pulls the average towards joy and *not* barely moves it. A model that
# reads the words in order can learn what *not* does to what follows.
#
# ## 4. Emojifier-V2: an LSTM over the words
#
# V2 reads the sentence word by word:
#
# ```
# word indices (m, max_len) -> Embedding (frozen GloVe) -> (m, max_len, 50)
#   -> LSTM(50 -> 128), output at every position -> Dropout(0.5)
#   -> LSTM(128 -> 128), hidden state after the last position -> Dropout(0.5)
#   -> Linear(128 -> 5): five logits
# ```
#
# The sentences of a batch must have one length, so each becomes a row of `max_len` word indices padded with
# zeros on the right; the LSTMs read all `max_len` positions, padding included, as the original did.
#
# ### Exercise 3: `sentences_to_indices`
#
# Return an int array `(m, max_len)` whose row $i$ holds, from column 0 on, the indices of sentence $i$'s words
# (lower-cased), and zeros after them. A word that `word_to_index` lacks is skipped and takes no column. Keep your
# own column counter `j`, set to 0 for every sentence: it moves on only when a word is stored.

# %%
# GRADED: sentences_to_indices

# %%
check(sentences_to_indices)

# %%
X1 = np.array(["funny lol", "lets play baseball", "food is ready for you"])
print(sentences_to_indices(X1, word_to_index, max_len=5))

# %% [markdown]
# ### Exercise 4: `pretrained_embedding_layer`
#
# An `nn.Embedding(num_embeddings, embedding_dim)` is a lookup table: given a tensor of indices it returns the
# rows of its weight at those indices, so `(m, max_len)` indices become `(m, max_len, embedding_dim)` vectors.
# Build its weight from GloVe:
#
# * `len(word_to_index) + 1` rows (index 0 is padding, and its row stays zero) and as many columns as a word
#   vector has numbers;
# * row `word_to_index[w]` is the vector of `w`;
# * float32, the dtype of the LSTM's weights;
# * **frozen**: `requires_grad = False`. With 300 training sentences, training the table would move the vectors of
#   the few hundred words in them and leave the other 399,000 where they were, and the test words never seen in
#   training would no longer sit near their neighbours.

# %%
# GRADED: pretrained_embedding_layer

# %%
check(pretrained_embedding_layer)

# %%
embedding = pretrained_embedding_layer(word_to_vec_map, word_to_index)
print(embedding, "trains:", embedding.weight.requires_grad)
print("row of 'cucumber', first numbers:", embedding.weight[word_to_index["cucumber"], :4])

# %% [markdown]
# ### Exercise 5: `Emojify_V2`
#
# Write the model as an `nn.Module`: `__init__` creates the layers that hold weights, in the order the words meet
# them, and `forward` runs a batch of indices through them. `nn.LSTM(input_size, hidden_size,
# batch_first=True)` takes `(m, max_len, features)` and returns `(output, (h_n, c_n))`: `output` is the hidden
# state at every position, `(m, max_len, 128)`, which the second LSTM reads; of the second LSTM only the last
# position's state, `output[:, -1, :]`, goes on to the classifier. The first LSTM's `input_size` is the
# embedding's width. Return the logits: `nn.CrossEntropyLoss` applies the softmax. (`input_shape`, the original's
# `(max_len,)`, is kept in the signature; PyTorch's layers do not need it.)

# %%
# GRADED: Emojify_V2

# %%
check(Emojify_V2)

# %% [markdown]
# Train it with Adam on mini-batches of 32 sentences; only the parameters that train go to the optimiser (the
# 20 million numbers of the embedding stay as GloVe made them).

# %%
torch.manual_seed(1)
v2 = Emojify_V2((maxLen,), word_to_vec_map, word_to_index)
trained = [p for p in v2.parameters() if p.requires_grad]
print(f"{sum(p.numel() for p in trained):,} parameters train, {sum(p.numel() for p in v2.parameters()):,} in all")
X_train_indices = torch.as_tensor(sentences_to_indices(X_train, word_to_index, maxLen), dtype=torch.long)
X_test_indices = torch.as_tensor(sentences_to_indices(X_test, word_to_index, maxLen), dtype=torch.long)
targets = torch.as_tensor(Y_train)
optimizer = torch.optim.Adam(trained, lr=0.001)
loss_fn = nn.CrossEntropyLoss()
losses = []
for _epoch in range(quick(50, 3)):
    v2.train()
    order = torch.randperm(len(targets))
    for start in range(0, len(order), 32):
        batch = order[start:start + 32]
        optimizer.zero_grad()
        loss = loss_fn(v2(X_train_indices[batch]), targets[batch])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
plt.plot(losses)
plt.xlabel("mini-batch")
plt.ylabel("cross-entropy")
plt.show()

# %%
v2.eval()
with torch.no_grad():
    v2_train = v2(X_train_indices).argmax(dim=1).numpy()
    v2_test = v2(X_test_indices).argmax(dim=1).numpy()
print("V2 training accuracy:", np.mean(v2_train == Y_train))
print("V2 test accuracy:", np.mean(v2_test == Y_test), "  (V1:", np.mean(pred_test[:, 0] == Y_test), ")")
fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
plot_confusion_matrix(Y_test, pred_test, CLASSES, "V1", ax=axes[0])
plot_confusion_matrix(Y_test, v2_test, CLASSES, "V2", ax=axes[1])
plt.tight_layout()
plt.show()

# %% [markdown]
# With 60 test sentences, one sentence is almost 2 points of accuracy, and another seed can move either model by
# several. The sentences whose words never occur in training are the interesting ones: both models can only
# place them through GloVe.

# %%
seen = {w for s in X_train for w in s.split()}
for sentence, truth, p1, p2 in zip(X_test, Y_test, pred_test[:, 0], v2_test, strict=True):
    new = [w for w in sentence.split() if w not in seen]
    if new:
        print(f"{sentence:<40} true {label_to_emoji(truth)}  V1 {label_to_emoji(p1)}  V2 {label_to_emoji(p2)}"
              f"   new: {', '.join(new)}")

# %% [markdown]
# Your own sentences, through both models:

# %%
with torch.no_grad():
    mine_indices = torch.as_tensor(sentences_to_indices(mine, word_to_index, maxLen), dtype=torch.long)
    mine_v2 = v2(mine_indices).argmax(dim=1).numpy()
for sentence, p1, p2 in zip(mine, predict(mine, None, W, b, word_to_vec_map)[:, 0], mine_v2, strict=True):
    print(f"{sentence:<30} V1 {label_to_emoji(p1)}  V2 {label_to_emoji(p2)}")

# %% [markdown]
# ## What you built
#
# * Word vectors learned from a large corpus carry meaning into a task with very little data: both classifiers
#   label sentences whose words they never saw, because those words sit near words they did see.
# * Averaging (V1) is quick and strong, but blind to order and to negation. An LSTM over the words (V2) reads them
#   in order, at the price of more parameters to fit from the same 300 sentences.
# * The embedding stays frozen: fine-tuning it on a small set would move only the words in that set.
# * Padding makes sentences one length; here the LSTMs read the padding too. PyTorch's
#   `nn.utils.rnn.pack_padded_sequence` lets an LSTM stop at each sentence's last word instead.
