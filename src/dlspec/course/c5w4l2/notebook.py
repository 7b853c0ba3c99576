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
# # Transformer application: named-entity recognition
#
# *An ungraded lab: nothing here is checked or submitted. Run it, change things, look again.*
#
# A pretrained Transformer encoder has read a lot of English and turns each piece of a sentence into a vector that
# depends on the whole sentence. To find **entities** in résumés (a person's name, a company, a skill, a degree...)
# we put a small classifier on top of those vectors, one prediction per piece, and *fine-tune*: train the
# classifier and the top of the encoder on a few hundred labelled sentences.
#
# The encoder is **MiniLM-L6**: 6 layers, 384 numbers per piece, 12 attention heads, 22.7 million numbers in all,
# trained by Microsoft and sentence-transformers (Apache-2.0). It runs here in dlspec's own short PyTorch module,
# `dlspec.nn.bert`, with the tokenizer `dlspec.nn.wordpiece`; both are worth reading.
#
# 1. the tokenizer: how words become *word pieces*, and why labels then need aligning;
# 2. the data: résumé-like sentences generated with labelled entities;
# 3. fine-tuning, with the lower layers frozen so it takes a couple of minutes on a laptop;
# 4. entity-level precision, recall and F1 on sentences the model has never seen, and the predictions in colour.

# %%

import matplotlib.pyplot as plt
import numpy as np
import torch
from IPython.display import HTML, display

from dlspec.data.minilm import load_minilm, load_vocab
from dlspec.data.resumes import ENTITY_TYPES, TAGS, make_resumes, spans
from dlspec.nn.bert import attention_maps, fine_tune, freeze, frozen_output, pretrained, tensors
from dlspec.nn.wordpiece import WordPiece
from dlspec.notebook import quick

torch.manual_seed(0)

# %% [markdown]
# ## 1. Word pieces
#
# The encoder knows 30,522 *word pieces*: whole common words, and fragments that start with `##` and continue a
# word. The tokenizer lower-cases the text, splits off every punctuation mark, and cuts each word into the longest
# pieces it knows, from the left. Rare words, names especially, fall into several pieces.

# %%
tokenizer = WordPiece(load_vocab())
for text in ["Kubernetes and PyTorch at Acme-Corp", "Dr. Zoë O'Brien earned an M.Tech in 2019", "unbelievably"]:
    print(f"{text!r:45} -> {tokenizer.tokenize(text)}")

# %% [markdown]
# The model then sees `[CLS] pieces [SEP]`: `[CLS]` and `[SEP]` are special pieces it was trained with, and
# shorter sentences in a batch are filled up with `[PAD]`, which the attention mask hides.
#
# ## 2. The data, and aligning labels to pieces
#
# The original lab used 220 real résumés. Here `make_resumes` writes short résumé-like sentences from templates
# filled with fake names, companies, cities and dates (Faker) and lists of skills and degrees, so every label is
# exact. Each **word** has a BIO tag: `B-SKILL` begins a skill, `I-SKILL` continues it, `O` is outside.

# %%
sentences = make_resumes(quick(600, 48), seed=0)
train, test = sentences[: quick(500, 32)], sentences[quick(500, 32) :]
words, tags = train[0]
for w, t in zip(words, tags, strict=True):
    print(f"{w:>14} {t}")

# %% [markdown]
# The labels belong to words, the model predicts pieces. The convention of the original lab (and of Hugging Face's
# examples): the **first piece** of a word gets the word's label, every **continuation piece** and every special
# piece gets **-100**, which PyTorch's cross-entropy ignores. So each word is counted once in the loss, and at
# prediction time we read the word's tag from its first piece.

# %%
label_id = {t: i for i, t in enumerate(TAGS)}
IGNORE = -100


def align(words: list[str], tags: list[str]) -> tuple[list[int], list[int]]:
    """The piece ids of [CLS] words [SEP] and one label per piece: the word's tag on its first piece, else -100."""
    encoding = tokenizer.encode(words)
    labels, previous = [], None
    for word in encoding.word_ids:
        labels.append(IGNORE if word is None or word == previous else label_id[tags[word]])
        previous = word
    return encoding.ids, labels


ids, labels = align(*train[1])
encoding = tokenizer.encode(train[1][0])
print(f"{'piece':>14} {'word':>5} {'label':>14}")
for piece, word, label in zip(encoding.tokens, encoding.word_ids, labels, strict=True):
    print(f"{piece:>14} {word!s:>5} {TAGS[label] if label != IGNORE else '-100':>14}")

# %% [markdown]
# ## 3. Fine-tuning
#
# The model: MiniLM with its pretrained weights, then a linear layer from 384 numbers to one score per tag.
#
# Training all 22.7 million numbers would take long on a laptop's CPU. Two savings make it a matter of minutes:
#
# * **freeze** the embeddings and the lower four layers: they keep their pretrained weights and need no gradients;
# * since they do not change, run them **once** over the whole data set and keep their output; each training step
#   then only runs the top two layers and the classifier.

# %%
encoder = pretrained(load_minilm())
FROZEN = 4
freeze(encoder, below=FROZEN)
classifier = torch.nn.Linear(384, len(TAGS))
trainable = [p for p in encoder.parameters() if p.requires_grad] + list(classifier.parameters())
print(f"trainable: {sum(p.numel() for p in trainable):,} of "
      f"{sum(p.numel() for p in encoder.parameters()) + sum(p.numel() for p in classifier.parameters()):,} numbers")


def batches(data: list, size: int) -> list[dict[str, torch.Tensor]]:
    """Padded batches: piece ids, mask, labels (-100 on padding), and the frozen layers' output."""
    out = []
    for i in range(0, len(data), size):
        batch = tensors([tokenizer.encode(words) for words, _ in data[i : i + size]])
        batch["labels"] = torch.full_like(batch["ids"], IGNORE)
        for row, item in enumerate(data[i : i + size]):
            labels = align(*item)[1]
            batch["labels"][row, : len(labels)] = torch.tensor(labels)
        batch["frozen"] = frozen_output(encoder, batch, FROZEN)
        out.append(batch)
    return out


train_batches, test_batches = batches(train, 16), batches(test, 64)  # the slow part: the frozen layers, once

# %%
def scores(batch: dict[str, torch.Tensor]) -> torch.Tensor:
    top = encoder.encode(batch["frozen"], batch["mask"], range(FROZEN, len(encoder.layers)))
    return classifier(top)  # (m, L, number of tags)


def loss_of(batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """Cross-entropy over the pieces that carry a label (first pieces of words); -100 is skipped."""
    return torch.nn.functional.cross_entropy(scores(batch).flatten(0, 1), batch["labels"].flatten(),
                                             ignore_index=IGNORE)  # fmt: skip


losses = fine_tune(encoder, trainable, train_batches[: quick(None, 2)], loss_of, epochs=quick(2, 1))
fig, ax = plt.subplots(figsize=(8, 3.5))
ax.plot(losses)
ax.set(xlabel="step (a batch of 16 sentences)", ylabel="cross-entropy", title="Fine-tuning loss")
plt.show()

# %% [markdown]
# ## 4. How good is it?
#
# NER is scored on **entities**, not tags: an entity counts as found only if its type and both its ends are right.
# *Precision* is the share of predicted entities that are real, *recall* the share of real entities found, and F1
# their harmonic mean.

# %%
def predict_tags(batch: dict[str, torch.Tensor], data: list) -> list[list[str]]:
    """Each sentence's word tags, read from the first piece of each word."""
    encoder.eval()
    with torch.no_grad():
        best = scores(batch).argmax(-1)
    out = []
    for row, (words, _) in enumerate(data):
        word_ids, seen, tags = tokenizer.encode(words).word_ids, set(), []
        for position, word in enumerate(word_ids):
            if word is not None and word not in seen:
                seen.add(word)
                tags.append(TAGS[best[row, position]])
        out.append(tags)
    return out


predicted = [t for b, i in zip(test_batches, range(0, len(test), 64), strict=True)
             for t in predict_tags(b, test[i : i + 64])]  # fmt: skip
by_type = {kind: [0, 0, 0] for kind in ENTITY_TYPES}  # right, predicted, real
for (_, real_tags), tags in zip(test, predicted, strict=True):
    real, found = spans(real_tags), spans(tags)
    for kind in ENTITY_TYPES:
        by_type[kind][0] += len({s for s in real & found if s[0] == kind})
        by_type[kind][1] += len({s for s in found if s[0] == kind})
        by_type[kind][2] += len({s for s in real if s[0] == kind})


def prf(right: int, predicted: int, real: int) -> tuple[float, float, float]:
    p, r = right / max(predicted, 1), right / max(real, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


print(f"{'entity':>12} {'precision':>9} {'recall':>7} {'F1':>6} {'count':>6}")
for kind, counts in by_type.items():
    print(f"{kind:>12} {prf(*counts)[0]:9.3f} {prf(*counts)[1]:7.3f} {prf(*counts)[2]:6.3f} {counts[2]:6d}")
total = prf(*np.sum(list(by_type.values()), axis=0))
print(f"{'all':>12} {total[0]:9.3f} {total[1]:7.3f} {total[2]:6.3f}   ({len(test)} held-out sentences)")

# %% [markdown]
# The predictions on a few held-out sentences, each entity in its type's colour (a wrong one is struck through;
# hover to see the true tag):

# %%
COLOURS = dict(zip(ENTITY_TYPES, ["#f4a261", "#e9c46a", "#2a9d8f", "#8ecae6", "#b5838d", "#cdb4db", "#90be6d",
                                  "#ffafcc"], strict=True))  # fmt: skip


def coloured(words: list[str], tags: list[str], truth: list[str]) -> str:
    html = []
    for word, tag, real in zip(words, tags, truth, strict=True):
        if tag == "O" and real == "O":
            html.append(word)
            continue
        colour = COLOURS.get(tag[2:], "#ddd")
        style = f"background:{colour};padding:1px 3px;border-radius:3px" + (";text-decoration:line-through"
                                                                             if tag != real else "")  # fmt: skip
        html.append(f'<span style="{style}" title="true: {real}">{word}<sub>{tag}</sub></span>')
    return " ".join(html)


legend = " ".join(f'<span style="background:{c};padding:1px 4px">{k}</span>' for k, c in COLOURS.items())
display(HTML(legend + "<br>" + "<br>".join(coloured(w, p, t) for (w, t), p in zip(test[:8], predicted, strict=False))))

# %% [markdown]
# ## 5. Where the top layer looks
#
# Each layer has 12 heads; each head gives every piece a distribution over the pieces it looks at. Here is one
# head of the last layer for a held-out sentence (rows: the piece looking, columns: the pieces looked at).

# %%
example = tokenizer.encode(test[0][0])
attention = attention_maps(encoder, tensors([example]))
fig, ax = plt.subplots(figsize=(7, 6))
ax.imshow(attention[-1][0, 0].numpy(), cmap="viridis")
ax.set_xticks(range(len(example.tokens)), example.tokens, rotation=90)
ax.set_yticks(range(len(example.tokens)), example.tokens)
ax.set_title("Last layer, head 0")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## What to take away
#
# * A pretrained encoder plus one linear layer, fine-tuned briefly, tags entities well: the encoder already knows
#   that "Boston" is a place and "Python" a skill from how words are used around them.
# * Word pieces and word labels do not line up: give the label to the first piece and -100 to the rest, and read
#   predictions from first pieces.
# * Freezing lower layers trades a little accuracy for a lot of speed; so does running them once.
#
# ## Try it yourself
#
# * Set `FROZEN = 6` (only the classifier learns) or `FROZEN = 2`, and compare F1 and time.
# * Label every piece of a word with its word's tag instead of -100 (use `I-` for continuations): does F1 change?
# * Write your own résumé line, tokenize it with `tokenizer.encode(sentence.split())`, and tag it.
