"""The sentences of C5W2A2 (Emojify), each labelled with one of five emoji: ``files/emojiset.csv``, written by the
dlspec project (CC0-1.0) because the original's set could not be shipped.

360 short sentences (at most 10 words, every word in GloVe's vocabulary), 72 per class, split 300 for training
and 60 for testing. Some test sentences use words no training sentence has (adore, hockey, thrilled,
heartbroken, sushi...): a model that reads word vectors can still place them, one that learned words cannot.
The rows are in a fixed shuffled order; the file is the data, edited by hand.
"""

from __future__ import annotations

import csv

import numpy as np

from dlspec.data.assets import ASSETS, FILES, MissingAssetError

# the class of each label, 0..4, in the original course's order
EMOJI = ("\u2764\ufe0f", "\u26be", "\U0001f604", "\U0001f61e", "\U0001f374")
CLASSES = ("heart", "baseball", "smile", "disappointed", "fork and knife")


def load_emojiset() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """X_train (300,) and X_test (60,) arrays of sentences (str), Y_train and Y_test their int64 labels 0..4."""
    path = FILES / ASSETS["emojiset"].filename
    if not path.is_file():
        raise MissingAssetError(f"{path} is missing: this copy of dlspec is incomplete; reinstall dlspec")
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    parts = []
    for split in ("train", "test"):
        chosen = [r for r in rows if r["split"] == split]
        parts += [np.array([r["sentence"] for r in chosen]), np.array([int(r["label"]) for r in chosen], np.int64)]
    return parts[0], parts[1], parts[2], parts[3]


def label_to_emoji(label: int) -> str:
    """The emoji of a label 0..4."""
    return EMOJI[int(label)]
