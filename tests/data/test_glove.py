"""The GloVe vectors: the words read from the Parquet index without pyarrow (dlspec.data.parquet) line up with the
vectors (the original course's printed cosines come back), and the lazy dictionary behaves as the original's did."""

import numpy as np
import pytest

from dlspec.course.c5w2a1.checks import ROWS
from dlspec.data.glove import WordVectors, load_glove, read_glove_vecs, vectors_at
from dlspec.data.parquet import _snappy


@pytest.fixture(scope="module")
def glove():
    return load_glove()


def test_the_words_are_in_row_order_and_all_different(glove):
    words, vectors = glove
    assert vectors.shape == (400_000, 50) and vectors.dtype == np.float32
    assert words[:5] == ["the", ",", ".", "of", "to"] and len(set(words)) == len(words)
    assert all(words[row] == word for word, row in ROWS.items())


def test_the_original_courses_numbers_come_back(glove):
    w = WordVectors(*glove)

    def cos(u, v):
        return u @ v / np.linalg.norm(u) / np.linalg.norm(v)

    # the course printed 0.890903844, 0.274392462 and -0.675147930, from the text file's float64 values
    assert cos(w["father"], w["mother"]) == pytest.approx(0.890903845, abs=1e-9)
    assert cos(w["ball"], w["crocodile"]) == pytest.approx(0.274392454, abs=1e-9)
    assert cos(w["france"] - w["paris"], w["rome"] - w["italy"]) == pytest.approx(-0.675147948, abs=1e-9)


def test_word_vectors_is_a_read_only_dict_of_new_float64_arrays(glove):
    words, vectors = glove
    w = WordVectors(words[:3], vectors)
    assert list(w) == ["the", ",", "."] and len(w) == 3 and "the" in w and "of" not in w
    e = w["the"]
    assert e.dtype == np.float64 and np.array_equal(e, vectors[0])
    e[:] = 0  # a learner's in-place change stays in their copy
    assert np.array_equal(w["the"], vectors[0])
    with pytest.raises(KeyError):
        w["of"]


def test_read_glove_vecs_ignores_the_originals_path_and_vectors_at_reads_rows():
    words, word_to_vec_map = read_glove_vecs("data/glove.6B.50d.txt")
    assert isinstance(words, set) and len(words) == len(word_to_vec_map) == 400_000
    assert np.array_equal(vectors_at({"king": 0})["king"], word_to_vec_map["the"])


def test_snappy_copies_that_overlap_what_they_write_repeat_a_pattern():
    # 8 bytes: the literal "ab", then a copy of 6 bytes from 2 back, which reads bytes the copy itself writes
    assert _snappy(b"\x08\x04ab\x09\x02") == b"abababab"
    with pytest.raises(ValueError, match="decoded to 8 bytes, 9 were due"):
        _snappy(b"\x09\x04ab\x09\x02")
