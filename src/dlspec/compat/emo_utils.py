"""The original's ``emo_utils`` (Course 5 week 2, Emojify): its loaders, helpers and plots, on dlspec's own labelled
sentences (``dlspec.data.emojiset``) and the GloVe vectors of the installed package. File names are ignored: a
name with "train" in it reads the training split, any other the test split. Imports are deferred to the first
call, so grading a notebook that imports this module loads nothing."""

from __future__ import annotations

from typing import Any

import numpy as np

from dlspec.compat._lazy import forward
from dlspec.nn.softmax import softmax

# dlspec.nn.emojify imports torch, over a second: only a call pays for it
convert_to_one_hot = forward("dlspec.nn.emojify:convert_to_one_hot")
predict = forward("dlspec.nn.emojify:predict")
label_to_emoji = forward("dlspec.data.emojiset:label_to_emoji")


def read_glove_vecs(glove_file: str = "") -> tuple[dict[str, int], dict[int, str], Any]:
    """word_to_index (the words in alphabetical order, numbered from 1: 0 is padding), index_to_word, and the
    dict from word to vector, as the original returned them."""
    from dlspec.data.glove import WordVectors, load_glove

    words, vectors = load_glove()
    word_to_index = {w: i for i, w in enumerate(sorted(words), 1)}
    return word_to_index, {i: w for w, i in word_to_index.items()}, WordVectors(words, vectors)


def read_csv(filename: str = "data/emojify_data.csv") -> tuple[np.ndarray, np.ndarray]:
    """The sentences X and their labels Y of one split: training when the name says "train", else test."""
    from dlspec.data.emojiset import load_emojiset

    X_train, Y_train, X_test, Y_test = load_emojiset()
    return (X_train, Y_train) if "train" in filename else (X_test, Y_test)


def print_predictions(X: np.ndarray, pred: np.ndarray) -> None:
    """Each sentence beside the emoji predicted for it."""
    from dlspec.data.emojiset import label_to_emoji

    for sentence, label in zip(X, np.asarray(pred).ravel(), strict=True):
        print(sentence, label_to_emoji(int(label)))


def plot_confusion_matrix(y_actual: np.ndarray, y_predicted: np.ndarray, title: str = "Confusion matrix",
                          cmap: Any = None) -> None:
    """The confusion matrix of the five classes, as a picture (``cmap`` is ignored)."""
    from dlspec.data.emojiset import CLASSES
    from dlspec.viz.confusion import plot_confusion_matrix as plot

    plot(y_actual, y_predicted, CLASSES, title)


__all__ = ["convert_to_one_hot", "label_to_emoji", "plot_confusion_matrix", "predict", "print_predictions",
           "read_csv", "read_glove_vecs", "softmax"]
