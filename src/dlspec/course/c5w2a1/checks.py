"""Cases for C5W2A1, operations on word vectors.

Each function's visible example uses the real GloVe vectors of the words the original course tried (father and
mother, receptionist, man and woman), read by their rows without loading the other 399,976 words, so its numbers
are the original's. The other cases pass small vocabularies of random vectors, so grading stays fast: analogies
built so that one answer is known (pairs that differ by one offset), and an input word that would win were it not
skipped; vectors longer than 1, as GloVe's are, and shorter, so that equalize's square root meets both signs of
1 - ||mu_orth||².
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.data.glove import vectors_at

# Rows of these words in the GloVe index (tests/data/test_glove.py proves them).
ROWS = {
    "father": 629, "mother": 808, "ball": 1083, "crocodile": 19031, "france": 387, "paris": 1035, "rome": 2618,
    "italy": 931, "italian": 1031, "spain": 1029, "spanish": 1141, "india": 474, "delhi": 3938, "japan": 361,
    "tokyo": 1363, "man": 300, "woman": 787, "boy": 1606, "girl": 1749, "small": 357, "smaller": 1776,
    "large": 426, "larger": 1758, "receptionist": 29746,
}  # fmt: skip


def glove() -> dict[str, np.ndarray]:
    """The real vectors of the words above: the original's examples as a 24-word vocabulary."""
    return vectors_at(ROWS)


def _vocabulary(rng, n_pairs: int, dim: int, scale: float) -> dict[str, np.ndarray]:
    """Pairs x_i, y_i = x_i + r (+ noise): "x0 is to y0 as x1 is to y1", and y1 is the answer."""
    r = scale * rng.standard_normal(dim)
    words = {}
    for i in range(n_pairs):
        x = scale * rng.standard_normal(dim)
        words[f"x{i}"] = x
        words[f"y{i}"] = x + r + 0.2 * scale * rng.standard_normal(dim)
    return words


# --- cosine_similarity ------------------------------------------------------------------------------------------


def cosine_similarity_cases() -> list[Case]:
    g = glove()
    cases = [Case("father and mother (the original's example: about 0.8909)", args=(g["father"], g["mother"]),
                  note="u, v (50,)"),
             Case("ball and crocodile (about 0.2744)", args=(g["ball"], g["crocodile"]), note="u, v (50,)"),
             Case("france - paris and rome - italy (about -0.6751)",
                  args=(g["france"] - g["paris"], g["rome"] - g["italy"]), note="u, v (50,)")]
    for seed, n, su, sv in [(1, 10, 3.0, 0.5), (2, 3, 0.1, 7.0), (3, 50, 2.0, 2.0)]:
        rng = np.random.default_rng(seed)
        u = su * rng.standard_normal(n)
        cases.append(Case(f"{n} numbers, ||u|| about {su * n ** 0.5:.1f}, ||v|| about {sv * n ** 0.5:.1f}",
                          args=(u, sv * (rng.standard_normal(n) - u / su)), note=f"u, v ({n},)"))
    rng = np.random.default_rng(4)
    u = rng.standard_normal(20)
    cases.append(Case("v = -3 u: opposite directions, cosine -1", args=(u, -3 * u), note="u, v (20,)"))
    return cases


# --- complete_analogy -------------------------------------------------------------------------------------------


def _analogy_case(name: str, words: tuple[str, str, str], vocabulary: dict[str, np.ndarray]) -> Case:
    dim = len(next(iter(vocabulary.values())))
    return Case(name, args=(*words, vocabulary), note=f"{len(vocabulary)} words of {dim} numbers")


def complete_analogy_cases() -> list[Case]:
    g = glove()
    cases = [_analogy_case(f"{a} : {b} :: {c} : ? in the original's words", (a, b, c), g)
             for a, b, c in [("italy", "italian", "spain"), ("man", "woman", "boy"), ("small", "smaller", "large")]]
    for seed, n_pairs, dim, scale in [(5, 6, 8, 1.0), (6, 10, 50, 0.5), (7, 4, 3, 4.0)]:
        rng = np.random.default_rng(seed)
        vocabulary = _vocabulary(rng, n_pairs, dim, scale)
        # a long vector half along the offset: the largest dot product, not the largest cosine
        r = vocabulary["y0"] - vocabulary["x0"]
        vocabulary["far"] = vocabulary["x1"] + 20 * (r + 2 * scale * rng.standard_normal(dim))
        cases.append(_analogy_case(f"{n_pairs} pairs that differ by one offset, {dim} numbers a word",
                                   ("x0", "y0", "x1"), vocabulary))
    # the notebook says to lower-case the words first: GloVe's vocabulary is lower case
    cases.append(_analogy_case("Italy : Italian :: Spain : ? (capitalised)", ("Italy", "ITALIAN", "Spain"), g))
    rng = np.random.default_rng(8)
    vocabulary = _vocabulary(rng, 5, 10, 1.0)
    vocabulary["x1"] = vocabulary["x0"] + 0.01 * rng.standard_normal(10)  # c next to a, so e_b - e_c is e_b - e_a
    cases.append(_analogy_case("word_c next to word_a: word_b itself would fit best", ("x0", "y0", "x1"),
                               vocabulary))
    return cases


# --- neutralize, equalize ---------------------------------------------------------------------------------------


def _bias_case(name: str, first, g, vocabulary: dict[str, np.ndarray]) -> Case:
    return Case(name, args=(first, g, vocabulary),
                note=f"g ({len(g)},), ||g|| {np.linalg.norm(g):.2f}, {len(vocabulary)} words")


def _random_words(seed: int, dim: int, scale: float) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    words = {w: scale * rng.standard_normal(dim) for w in ("he", "she", "nurse", "doctor", "king", "queen")}
    return words["she"] - words["he"], words


def neutralize_cases() -> list[Case]:
    g = glove()
    gender = g["woman"] - g["man"]
    cases = [_bias_case("receptionist along g = woman - man (the original's example)", "receptionist", gender, g)]
    for seed, dim, scale, word in [(9, 50, 0.6, "nurse"), (10, 4, 2.0, "doctor"), (11, 12, 0.2, "king")]:
        axis, words = _random_words(seed, dim, scale)
        cases.append(_bias_case(f"{word}, {dim} numbers a word", word, axis, words))
    return cases


def equalize_cases() -> list[Case]:
    g = glove()
    gender = g["woman"] - g["man"]
    cases = [_bias_case("(man, woman) along g = woman - man (the original's example)", ("man", "woman"), gender, g)]
    for seed, dim, scale, pair in [(12, 50, 0.6, ("king", "queen")), (13, 6, 0.1, ("he", "she")),
                                   (14, 10, 1.5, ("doctor", "nurse"))]:
        axis, words = _random_words(seed, dim, scale)
        cases.append(_bias_case(f"{pair}, {dim} numbers a word, ||mu_orth|| {'<' if scale < 0.2 else '>'} 1",
                                pair, axis, words))
    return cases


CHECKS = {
    "cosine_similarity": cosine_similarity_cases,
    "complete_analogy": complete_analogy_cases,
    "neutralize": neutralize_cases,
    "equalize": equalize_cases,
}
