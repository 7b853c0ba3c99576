"""dlspec's WordPiece tokenizer: the rules on a small vocabulary, and the same pieces, ids and offsets as Hugging
Face's BertTokenizerFast on MiniLM-L6's vocabulary (tests/fixtures/minilm/minilm.json, written by
make_fixture.py there)."""

import json
from pathlib import Path

import pytest

from dlspec.data.minilm import load_vocab
from dlspec.nn.wordpiece import WordPiece, basic_words, pad

FIXTURE = json.loads((Path(__file__).parents[1] / "fixtures" / "minilm" / "minilm.json").read_text())
SMALL = WordPiece(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "una", "##ff", "##ffable", "##aff", "##able", "play",
                   "##ing", "!", "cafe"])  # fmt: skip


@pytest.fixture(scope="module")
def tokenizer() -> WordPiece:
    return WordPiece(load_vocab())


def test_the_basic_step_lower_cases_drops_accents_and_splits_punctuation_keeping_spans():
    text = "Café, PLAYING!"
    assert basic_words(text) == [("cafe", 0, 4), (",", 4, 5), ("playing", 6, 13), ("!", 13, 14)]


def test_word_pieces_are_the_longest_match_from_the_left_not_the_fewest_pieces():
    # "una" is longer than "un", so it wins even though un + ##aff + ##able would also spell the word
    assert SMALL.pieces("unaffable") == ["una", "##ffable"]
    assert SMALL.pieces("playing") == ["play", "##ing"]


def test_a_word_with_any_unknown_part_is_one_unknown_piece_spanning_the_word():
    assert SMALL.pieces("playx") == ["[UNK]"]
    encoding = SMALL.encode("cafe playx")
    assert encoding.tokens == ["[CLS]", "cafe", "[UNK]", "[SEP]"] and encoding.offsets[2] == (5, 10)


def test_the_second_text_is_cut_to_fit_and_padding_is_masked():
    encoding = SMALL.encode("playing", "cafe cafe cafe cafe", max_length=7)
    assert encoding.tokens == ["[CLS]", "play", "##ing", "[SEP]", "cafe", "cafe", "[SEP]"]
    assert encoding.type_ids == [0, 0, 0, 0, 1, 1, 1]
    batch = pad([encoding, SMALL.encode("cafe")])
    assert batch["ids"].shape == (2, 7) and batch["mask"][1].tolist() == [1, 1, 1, 0, 0, 0, 0]
    assert batch["ids"][1, 3:].tolist() == [0] * 4


@pytest.mark.parametrize("case", FIXTURE["texts"], ids=lambda c: c["text"][:20])
def test_pieces_ids_and_offsets_are_hugging_faces(tokenizer, case):
    encoding = tokenizer.encode(case["text"])
    assert encoding.tokens == case["tokens"]
    assert encoding.ids == case["ids"]
    assert encoding.offsets == [tuple(o) for o in case["offsets"]]


def test_a_question_and_its_context_are_encoded_as_hugging_face_does(tokenizer):
    case = FIXTURE["pair"]
    encoding = tokenizer.encode(case["question"], case["context"])
    assert encoding.ids == case["ids"] and encoding.type_ids == case["types"]
    assert encoding.offsets == [tuple(o) for o in case["offsets"]]


def test_words_already_split_keep_their_word_index_as_hugging_face_does(tokenizer):
    case = FIXTURE["words"]
    encoding = tokenizer.encode(case["words"])
    assert encoding.ids == case["ids"] and encoding.word_ids == case["word_ids"]
