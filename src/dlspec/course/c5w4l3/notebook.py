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
# # Transformer application: extractive question answering
#
# *An ungraded lab: nothing here is checked or submitted. Run it, change things, look again.*
#
# *Extractive* question answering: given a text and a question, point at the words of the text that answer it.
# The model does not write an answer; it scores every piece of the text twice, once as the possible **start** of
# the answer and once as its possible **end**, and the best pair wins.
#
# The stories are in the style of Facebook's bAbI tasks, which the original lab used: people walk between rooms
# and pick things up. The encoder is MiniLM-L6 again (6 layers, 384 numbers per piece, pretrained, Apache-2.0),
# run by dlspec's own `dlspec.nn.bert`; only two numbers per piece are added on top.
#
# 1. stories, questions and answers as character spans;
# 2. question and story in one input, and the answer's span found among the pieces;
# 3. fine-tuning the start and end scores, with the lower layers frozen;
# 4. exact match and F1 on held-out stories, and the answers highlighted.

# %%

import matplotlib.pyplot as plt
import torch
from IPython.display import HTML, display

from dlspec.data.babi import make_stories
from dlspec.data.minilm import load_minilm, load_vocab
from dlspec.nn.bert import attention_maps, fine_tune, freeze, frozen_output, pretrained, tensors
from dlspec.nn.wordpiece import WordPiece
from dlspec.notebook import quick

torch.manual_seed(0)

# %% [markdown]
# ## 1. The stories
#
# `make_stories` writes a story of 4 to 10 events and asks where a person or an object is now. The answer is a word
# of the story, given as the character where it starts. To know where the football is, the model has to find who
# took it last and where that person went after, which is more than matching words.

# %%
stories = make_stories(quick(700, 48), seed=0)
train, test = stories[: quick(600, 32)], stories[quick(600, 32) :]
for example in train[:3]:
    print(example.story, "\n  Q:", example.question, " A:", example.answer, f"(characters {example.start}-"
          f"{example.start + len(example.answer)})\n")  # fmt: skip

# %% [markdown]
# ## 2. One input for two texts
#
# Question and story go in together, `[CLS] question [SEP] story [SEP]`, and each piece has a *segment* number,
# 0 for the question and 1 for the story, whose learned vector is added to the piece's (BERT was pretrained on
# pairs of texts this way). The tokenizer also keeps, for each piece, the characters of the text it came from; the
# answer's character span becomes the first and last pieces that overlap it.

# %%
tokenizer = WordPiece(load_vocab())


def answer_pieces(encoding, start: int, end: int) -> tuple[int, int]:
    """The first and last pieces of the story (segment 1) overlapping characters start..end."""
    pieces = zip(encoding.offsets, encoding.type_ids, encoding.word_ids, strict=True)
    inside = [i for i, ((a, b), segment, word) in enumerate(pieces)
              if segment == 1 and word is not None and a < end and b > start]  # fmt: skip
    return inside[0], inside[-1]


example = train[0]
encoding = tokenizer.encode(example.question, example.story)
first, last = answer_pieces(encoding, example.start, example.start + len(example.answer))
print(f"{'i':>3} {'piece':>12} {'segment':>7} {'characters':>11}")
for i in range(min(len(encoding.tokens), 24)):
    mark = " <- answer" if first <= i <= last else ""
    print(f"{i:3d} {encoding.tokens[i]:>12} {encoding.type_ids[i]:7d} {encoding.offsets[i]!s:>11}{mark}")

# %% [markdown]
# ## 3. Fine-tuning
#
# On top of the encoder, one linear layer gives each piece two scores, start and end. The loss is the
# cross-entropy of the true start over all pieces, plus the same for the end, halved. As in the NER lab, the
# embeddings and the lower layers are frozen and run once; only the lower two here, since finding the last place a
# person went needs more change in the encoder than tagging words does (with four frozen, half the answers are right).

# %%
encoder = pretrained(load_minilm())
FROZEN = 2
freeze(encoder, below=FROZEN)
span_head = torch.nn.Linear(384, 2)
trainable = [p for p in encoder.parameters() if p.requires_grad] + list(span_head.parameters())


def batches(data: list, size: int) -> list[dict[str, torch.Tensor]]:
    """Padded batches of question + story, with the answer's first and last pieces and the frozen layers' output."""
    out = []
    for i in range(0, len(data), size):
        encodings = [tokenizer.encode(e.question, e.story) for e in data[i : i + size]]
        batch = tensors(encodings)
        ends = [answer_pieces(enc, e.start, e.start + len(e.answer)) for enc, e in zip(encodings, data[i : i + size],
                                                                                      strict=True)]  # fmt: skip
        batch["first"], batch["last"] = torch.tensor(ends).T
        batch["story"] = batch["types"] == 1  # where an answer may be
        batch["frozen"] = frozen_output(encoder, batch, FROZEN)
        out.append(batch)
    return out


train_batches, test_batches = batches(train, 16), batches(test, 64)  # the slow part: the frozen layers, once


def start_end_scores(batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    top = encoder.encode(batch["frozen"], batch["mask"], range(FROZEN, len(encoder.layers)))
    scores = span_head(top).masked_fill(~batch["story"][..., None], -1e4)  # only story pieces can answer
    return scores[..., 0], scores[..., 1]


def loss_of(batch: dict[str, torch.Tensor]) -> torch.Tensor:
    start_scores, end_scores = start_end_scores(batch)
    return (torch.nn.functional.cross_entropy(start_scores, batch["first"])
            + torch.nn.functional.cross_entropy(end_scores, batch["last"])) / 2  # fmt: skip


losses = fine_tune(encoder, trainable, train_batches[: quick(None, 2)], loss_of, epochs=quick(6, 1))
fig, ax = plt.subplots(figsize=(8, 3.5))
ax.plot(losses)
ax.set(xlabel="step (a batch of 16 stories)", ylabel="start + end cross-entropy, halved", title="Fine-tuning loss")
plt.show()

# %% [markdown]
# ## 4. Exact match and F1
#
# The predicted answer is the pair (start, end) with start ≤ end, at most 5 pieces long, that has the highest sum
# of scores; its characters come from the offsets. **Exact match** counts answers equal to the true one (ignoring
# case); **F1** gives partial credit by the words the two share, as SQuAD scores it.

# %%
def predict(batch: dict[str, torch.Tensor], data: list) -> list[tuple[int, int]]:
    """Each example's predicted answer as a character span of its story."""
    encoder.eval()
    with torch.no_grad():
        start_scores, end_scores = start_end_scores(batch)
    pair = start_scores[:, :, None] + end_scores[:, None, :]  # (m, start, end)
    length = pair.shape[1]
    allowed = torch.ones(length, length, dtype=torch.bool).triu().tril(4)  # start <= end < start + 5
    best = pair.masked_fill(~allowed, -1e9).flatten(1).argmax(1)
    out = []
    for row, e in enumerate(data):
        offsets = tokenizer.encode(e.question, e.story).offsets
        first, last = divmod(int(best[row]), length)
        out.append((offsets[first][0], offsets[last][1]))
    return out


def f1(predicted: str, true: str) -> float:
    p, t = predicted.lower().split(), true.lower().split()
    common = sum(min(p.count(w), t.count(w)) for w in set(p))
    return 0.0 if common == 0 else 2 * common / (len(p) + len(t))


spans = [s for b, i in zip(test_batches, range(0, len(test), 64), strict=True) for s in predict(b, test[i : i + 64])]
answers = [e.story[a:b] for e, (a, b) in zip(test, spans, strict=True)]
exact = sum(a.lower() == e.answer.lower() for a, e in zip(answers, test, strict=True)) / len(test)
mean_f1 = sum(f1(a, e.answer) for a, e in zip(answers, test, strict=True)) / len(test)
print(f"held-out stories: {len(test)}   exact match {exact:.3f}   F1 {mean_f1:.3f}")
for kind, about_object in [("a person", False), ("an object", True)]:
    right = [a.lower() == e.answer.lower() for a, e in zip(answers, test, strict=True)
             if e.question.startswith("Where is the ") == about_object]  # fmt: skip
    print(f"  where is {kind}: {sum(right)} of {len(right)} right")

# %% [markdown]
# The answers on a few held-out stories: the predicted span in green when right and red when wrong, the true answer
# underlined.

# %%
def highlighted(e, span: tuple[int, int]) -> str:
    a, b = span
    t0, t1 = e.start, e.start + len(e.answer)
    colour = "#b7e4c7" if e.story[a:b].lower() == e.answer.lower() else "#ffb3b3"
    html = []
    for i, char in enumerate(e.story):
        style = (f"background:{colour};" if a <= i < b else "") + ("text-decoration:underline;" if t0 <= i < t1
                                                                   else "")  # fmt: skip
        html.append(f'<span style="{style}">{char}</span>' if style else char)
    return f"<p><b>{e.question}</b> {''.join(html)}</p>"


display(HTML("".join(highlighted(e, s) for e, s in zip(test[:6], spans, strict=False))))

# %% [markdown]
# ## 5. How the question looks at the story
#
# One head of the last layer: the rows are the question's pieces, the columns the story's. Heads that link
# "where" or a name to the places in the story are common after fine-tuning; look through the 12 heads
# (`HEAD = ...`) to find one.

# %%
HEAD = 0
example = test[0]
encoding = tokenizer.encode(example.question, example.story)
attention = attention_maps(encoder, tensors([encoding]))
question = [i for i, s in enumerate(encoding.type_ids) if s == 0]
story = [i for i, s in enumerate(encoding.type_ids) if s == 1]
fig, ax = plt.subplots(figsize=(12, 3.5))
ax.imshow(attention[-1][0, HEAD][question][:, story].numpy(), cmap="viridis", aspect="auto")
ax.set_xticks(range(len(story)), [encoding.tokens[i] for i in story], rotation=90)
ax.set_yticks(range(len(question)), [encoding.tokens[i] for i in question])
ax.set_title(f"Last layer, head {HEAD}: question pieces (rows) attending to story pieces (columns)")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## What to take away
#
# * Extractive QA is two classifications over the pieces of the text, start and end; the answer is read back
#   through the character offsets the tokenizer kept.
# * Question and story share one input; the segment vectors and attention let every story piece see the question.
# * Questions about objects need a chain (who took it, where did they go): check which kind the model gets wrong.
#
# ## Try it yourself
#
# * Write your own story and question, encode them with `tokenizer.encode(question, story)`, and predict.
# * Freeze more layers (`FROZEN = 4`) or train fewer epochs: which kind of question suffers first?
# * Make the stories longer (`make_stories(..., sentences=(10, 20))`) and see how the scores hold up.
