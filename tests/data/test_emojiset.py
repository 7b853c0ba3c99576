"""The Emojify sentences (files/emojiset.csv, written by the project): five balanced classes, short sentences, every
word in GloVe's vocabulary, and test words that training never shows, which is what the notebook's last part is
about. Also the GloVe rows the checks read without loading the word list."""

import csv

import numpy as np
import pytest

from dlspec.course.c5w2a2.checks import ROWS
from dlspec.data import ASSETS
from dlspec.data.assets import FILES
from dlspec.data.emojiset import CLASSES, EMOJI, label_to_emoji, load_emojiset
from dlspec.data.glove import load_glove


@pytest.fixture(scope="module")
def emojiset():
    return load_emojiset()


def test_300_training_and_60_test_sentences_balanced_over_five_classes(emojiset):
    X_train, Y_train, X_test, Y_test = emojiset
    assert X_train.shape == Y_train.shape == (300,) and X_test.shape == Y_test.shape == (60,)
    assert Y_train.dtype == np.int64 and X_train.dtype.kind == "U"
    assert np.bincount(Y_train).tolist() == [60] * 5 and np.bincount(Y_test).tolist() == [12] * 5
    sentences = [*X_train, *X_test]
    assert len(set(sentences)) == 360, "a sentence appears twice"
    assert all(1 <= len(s.split()) <= 10 and s == s.lower().strip() for s in sentences)
    assert len(CLASSES) == len(EMOJI) == 5 and label_to_emoji(np.int64(1)) == "\u26be"


def test_every_word_is_in_glove_and_some_test_words_never_occur_in_training(emojiset):
    X_train, _, X_test, _ = emojiset
    words, _ = load_glove()
    vocabulary = set(words)
    used = {w for s in [*X_train, *X_test] for w in s.split()}
    assert not used - vocabulary, f"not in GloVe: {sorted(used - vocabulary)}"
    unseen = {w for s in X_test for w in s.split()} - {w for s in X_train for w in s.split()}
    assert {"adore", "hockey", "thrilled", "heartbroken", "sushi"} <= unseen
    assert all(words[row] == word for word, row in ROWS.items())


def test_the_csv_states_each_sentences_split_and_label():
    with (FILES / ASSETS["emojiset"].filename).open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["split"] for r in rows} == {"train", "test"} and {r["label"] for r in rows} == set("01234")
    assert "CC0" in ASSETS["emojiset"].licence
