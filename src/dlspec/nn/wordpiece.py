"""A WordPiece tokenizer for uncased BERT models (C5W4 labs), written out so a learner can read every step.

Two stages, as BERT's own tokenizer has them:

1. *basic*: lower-case, drop accents, split on white space, and make every punctuation character a word of its own;
2. *WordPiece*: split each word into the longest pieces found in the vocabulary, left to right. A piece that does
   not start a word carries the prefix ``##`` ("playing" -> ``play ##ing``); a word with any part not in the
   vocabulary becomes ``[UNK]`` whole.

Every piece keeps the character span of the original text it came from (its *offsets*) and the index of the word
it belongs to, which is what aligning word labels to pieces and mapping an answer span back to text need. Chinese
characters and control characters, which BERT's tokenizer treats specially, are not handled: the labs' text is
English.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import numpy as np

CLS, SEP, PAD, UNK = "[CLS]", "[SEP]", "[PAD]", "[UNK]"
MAX_WORD_CHARS = 100  # BERT's limit: a longer "word" is [UNK]


def is_punctuation(char: str) -> bool:
    """BERT's rule: every non-alphanumeric ASCII symbol ('$', '`', '^' included) and every Unicode punctuation."""
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _normalise(char: str) -> str:
    """The character lower-cased with its accents dropped ('É' -> 'e'); may be empty (a lone combining accent)."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def basic_words(text: str) -> list[tuple[str, int, int]]:
    """The normalised words of ``text`` with their character spans ``(word, start, end)`` in the original."""
    words: list[tuple[str, int, int]] = []
    current, start = "", 0
    for i, char in enumerate(text):
        if char.isspace() or is_punctuation(char):
            if current:
                words.append((current, start, i))
            current = ""
            if not char.isspace():
                words.append((_normalise(char) or char, i, i + 1))
            continue
        if not current:
            start = i
        current += _normalise(char)
    if current:
        words.append((current, start, len(text)))
    return words


@dataclass
class Encoding:
    """One tokenised input: pieces, their ids, offsets into the text they came from (``(0, 0)`` for the special
    tokens), the word each came from (``None`` for special tokens) and its segment (0 first text, 1 second)."""

    tokens: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    offsets: list[tuple[int, int]] = field(default_factory=list)
    word_ids: list[int | None] = field(default_factory=list)
    type_ids: list[int] = field(default_factory=list)

    def add(self, token: str, token_id: int, offset: tuple[int, int], word: int | None, segment: int) -> None:
        self.tokens.append(token)
        self.ids.append(token_id)
        self.offsets.append(offset)
        self.word_ids.append(word)
        self.type_ids.append(segment)


class WordPiece:
    """The tokenizer of one vocabulary (a list of pieces, the line number of ``vocab.txt`` being the id)."""

    def __init__(self, vocab: list[str]) -> None:
        self.vocab = vocab
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.pad_id = self.ids[PAD]

    def pieces(self, word: str) -> list[str]:
        """Greedy longest-match-first: the longest prefix in the vocabulary, then the longest ``##`` continuation
        of what is left, and so on; ``[UNK]`` if some part has no match."""
        if len(word) > MAX_WORD_CHARS:
            return [UNK]
        found, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    break
                end -= 1
            if end == start:
                return [UNK]
            found.append(piece)
            start = end
        return found

    def tokenize(self, text: str) -> list[str]:
        """The pieces of ``text``, without special tokens."""
        return [p for word, _, _ in basic_words(text) for p in self.pieces(word)]

    def _pieces_of(self, words: list[tuple[str, int, int, int]], segment: int) -> Encoding:
        """The pieces of ``(word, start, end, word_id)`` units, each with the span of the word it covers."""
        out = Encoding()
        for word, start, end, word_id in words:
            at = start
            for piece in self.pieces(word):
                length = end - start if piece == UNK else len(piece.removeprefix("##"))
                out.add(piece, self.ids[piece], (at, min(at + length, end)), word_id, segment)
                at += length
        return out

    def encode(self, text: str | list[str], pair: str | None = None, max_length: int | None = None) -> Encoding:
        """``[CLS] text [SEP]``, or ``[CLS] text [SEP] pair [SEP]`` with ``pair`` in segment 1.

        ``text`` may be a list of words already split (as NER data is): each piece then gets the index of its word
        in that list, and offsets within its word. ``max_length`` cuts the last text's pieces to fit: in question
        answering the question comes first and the context second, so it is the context that is cut."""
        if isinstance(text, str):
            units = [(w, s, e, n) for n, (w, s, e) in enumerate(basic_words(text))]
        else:
            units = [(w, s, e, n) for n, word in enumerate(text) for w, s, e in basic_words(word)]
        parts = [self._pieces_of(units, 0)]
        if pair is not None:
            parts.append(self._pieces_of([(w, s, e, n) for n, (w, s, e) in enumerate(basic_words(pair))], 1))
        if max_length is not None:
            room = max_length - len(parts) - 1 - sum(len(p.ids) for p in parts[:-1])  # [CLS] and the [SEP]s
            for column in vars(parts[-1]).values():
                del column[max(room, 0):]
        encoding = Encoding()
        encoding.add(CLS, self.ids[CLS], (0, 0), None, 0)
        for segment, part in enumerate(parts):
            for item in zip(part.tokens, part.ids, part.offsets, part.word_ids, part.type_ids, strict=True):
                encoding.add(*item)
            encoding.add(SEP, self.ids[SEP], (0, 0), None, segment)
        return encoding


def pad(encodings: list[Encoding], pad_id: int = 0) -> dict[str, np.ndarray]:
    """A batch as (m, L) int64 arrays ``ids``, ``mask`` (1 a real piece, 0 padding) and ``types``, padded on the
    right to the longest encoding with ``pad_id`` (BERT's ``[PAD]`` is 0)."""
    length = max(len(e.ids) for e in encodings)
    out = {k: np.zeros((len(encodings), length), dtype=np.int64) for k in ("ids", "mask", "types")}
    out["ids"][:] = pad_id
    for i, e in enumerate(encodings):
        out["ids"][i, : len(e.ids)] = e.ids
        out["mask"][i, : len(e.ids)] = 1
        out["types"][i, : len(e.ids)] = e.type_ids
    return out
