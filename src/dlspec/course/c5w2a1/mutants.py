"""Known mistakes in C5W2A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.word_vectors import cosine_similarity


def _project(e, axis, denominator=None):
    """e's projection on the axis, (e·axis / denominator) axis; the right denominator is ||axis||²."""
    return np.dot(e, axis) / (np.sum(axis * axis) if denominator is None else denominator) * axis


# --- cosine_similarity ------------------------------------------------------------------------------------------


@mutant("cosine_similarity", "The dot product alone grows with the vectors' lengths: divide it by ||u|| ||v|| "
        "so that only the angle counts.")
def dot_without_norms(u, v):
    return float(np.dot(u, v))


@mutant("cosine_similarity", "Divide by both norms, ||u|| and ||v||: with one, the result still grows with the "
        "other vector's length.")
def one_norm(u, v):
    return float(np.dot(u, v) / np.sqrt(np.sum(u * u)))


@mutant("cosine_similarity", "Divide by ||u|| ||v||, the norms of both vectors: ||u||² uses u twice.")
def first_norm_twice(u, v):
    return float(np.dot(u, v) / np.sum(u * u))


@mutant("cosine_similarity", "The norms are multiplied, ||u|| ||v||, not added.")
def norms_added(u, v):
    return float(np.dot(u, v) / (np.linalg.norm(u) + np.linalg.norm(v)))


@mutant("cosine_similarity", "A norm is the square root of the sum of squares: np.sum(u * u) is ||u||².")
def squared_norms(u, v):
    return float(np.dot(u, v) / (np.sum(u * u) * np.sum(v * v)))


@mutant("cosine_similarity", "dot / norm_u * norm_v divides by norm_u and then multiplies by norm_v: put the "
        "product of the norms in brackets.")
def precedence(u, v):
    return float(np.dot(u, v) / np.linalg.norm(u) * np.linalg.norm(v))


@mutant("cosine_similarity", "The similarity keeps its sign: opposite directions give -1, not 1.")
def absolute(u, v):
    return abs(cosine_similarity(u, v))


@mutant("cosine_similarity", "This is the cosine distance, 1 - cosine; return the cosine itself.")
def distance(u, v):
    return 1 - cosine_similarity(u, v)


# --- complete_analogy -------------------------------------------------------------------------------------------


def _best(word_a, word_b, word_c, word_to_vec_map, score, skip=True):
    """The word of largest score(e_a, e_b, e_c, e_w), skipping the inputs when ``skip``."""
    e_a, e_b, e_c = (word_to_vec_map[w] for w in (word_a, word_b, word_c))
    candidates = [w for w in word_to_vec_map if not (skip and w in (word_a, word_b, word_c))]
    return max(candidates, key=lambda w: score(e_a, e_b, e_c, word_to_vec_map[w]))


@mutant("complete_analogy", "The answer must be a new word: skip word_a, word_b and word_c in the loop, or "
        "word_b itself often fits e_b - e_a best.")
def input_words_not_skipped(word_a, word_b, word_c, word_to_vec_map):
    return _best(word_a, word_b, word_c, word_to_vec_map,
                 lambda a, b, c, w: cosine_similarity(b - a, w - c), skip=False)


@mutant("complete_analogy", "Compare e_b - e_a with e_w - e_c, the step from word_c to the candidate, not with "
        "the candidate's vector e_w itself.")
def candidate_not_from_c(word_a, word_b, word_c, word_to_vec_map):
    return _best(word_a, word_b, word_c, word_to_vec_map, lambda a, b, c, w: cosine_similarity(b - a, w))


@mutant("complete_analogy", "The candidate's step starts from word_c: e_w - e_c, not e_w - e_a.")
def step_from_a(word_a, word_b, word_c, word_to_vec_map):
    return _best(word_a, word_b, word_c, word_to_vec_map, lambda a, b, c, w: cosine_similarity(b - a, w - a))


@mutant("complete_analogy", "Keep the word with the largest cosine similarity: update best_word when cosine_sim "
        "> max_cosine_sim.")
def least_similar(word_a, word_b, word_c, word_to_vec_map):
    return _best(word_a, word_b, word_c, word_to_vec_map, lambda a, b, c, w: -cosine_similarity(b - a, w - c))


@mutant("complete_analogy", "Lower-case the three words first (word_a.lower()): the vocabulary is lower case.")
def not_lower_cased(word_a, word_b, word_c, word_to_vec_map):
    return _best(word_a, word_b, word_c, word_to_vec_map, lambda a, b, c, w: cosine_similarity(b - a, w - c))


@mutant("complete_analogy", "Use cosine_similarity, not the dot product: a long vector has a large dot product "
        "with almost anything.")
def dot_product(word_a, word_b, word_c, word_to_vec_map):
    return _best(word_a, word_b, word_c, word_to_vec_map, lambda a, b, c, w: np.dot(b - a, w - c))


# --- neutralize -------------------------------------------------------------------------------------------------


@mutant("neutralize", "Divide e·g by ||g||², the squared norm: np.sum(g * g), not np.linalg.norm(g).")
def norm_not_squared(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - _project(e, g, np.linalg.norm(g))


@mutant("neutralize", "The projection on g is (e·g / ||g||²) g: the division by ||g||² is missing.")
def no_norm(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - _project(e, g, 1.0)


@mutant("neutralize", "The bias component points along g: multiply (e·g / ||g||²) by g, not by e.")
def projection_along_e(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - np.dot(e, g) / np.sum(g * g) * e


@mutant("neutralize", "e·g is a dot product, one number (np.dot(e, g)); e * g multiplies entry by entry.")
def elementwise_product(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - (e * g) / np.sum(g * g) * g


@mutant("neutralize", "Divide by ||g||², the length of the axis, not ||e||².")
def divided_by_e(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - _project(e, g, np.sum(e * e))


@mutant("neutralize", "This is the bias component itself; return e minus it.")
def bias_component(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return _project(e, g)


@mutant("neutralize", "Subtract the bias component from e, do not add it.")
def added(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e + _project(e, g)


# --- equalize ---------------------------------------------------------------------------------------------------


def _equalize(pair, bias_axis, word_to_vec_map, *, denominator=None, scale=None, numerator=None, norm=None,
              shared=True):
    """The original's formulas, with one of them replaced: each keyword is one mistake."""
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    mu = (e_w1 + e_w2) / 2
    mu_B = _project(mu, bias_axis, denominator)
    mu_orth = mu - mu_B
    s = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) if scale is None else scale(mu_orth)
    result = []
    for e in (e_w1, e_w2):
        e_B = _project(e, bias_axis, denominator)
        top = e_B - mu_B if numerator is None else numerator(e, e_B, mu_B)
        bottom = np.linalg.norm(e - mu_orth - mu_B) if norm is None else norm(e, e_B, mu_B)
        result.append(s * top / bottom + (mu_orth if shared else 0))
    return tuple(result)


@mutant("equalize", "The parts along the axis are scaled by sqrt(|1 - ||mu_orth||²|): that factor is missing.")
def no_scale(pair, bias_axis, word_to_vec_map):
    return _equalize(pair, bias_axis, word_to_vec_map, scale=lambda mu_orth: 1.0)


@mutant("equalize", "GloVe's vectors are longer than 1, so 1 - ||mu_orth||² is negative: take its absolute value "
        "before the square root.")
def no_abs(pair, bias_axis, word_to_vec_map):
    with np.errstate(invalid="ignore"):
        return _equalize(pair, bias_axis, word_to_vec_map, scale=lambda mu_orth: np.sqrt(1 - np.sum(mu_orth ** 2)))


@mutant("equalize", "Inside the square root goes ||mu_orth||², the squared norm, not ||mu_orth||.")
def norm_in_root(pair, bias_axis, word_to_vec_map):
    return _equalize(pair, bias_axis, word_to_vec_map,
                     scale=lambda mu_orth: np.sqrt(np.abs(1 - np.linalg.norm(mu_orth))))


@mutant("equalize", "Both words must share mu_orth: add it to each corrected part along the axis.")
def mu_orth_not_added(pair, bias_axis, word_to_vec_map):
    return _equalize(pair, bias_axis, word_to_vec_map, shared=False)


@mutant("equalize", "Project on the axis dividing by ||bias_axis||², the squared norm, for mu_B, e_w1B and e_w2B.")
def axis_norm_not_squared(pair, bias_axis, word_to_vec_map):
    return _equalize(pair, bias_axis, word_to_vec_map, denominator=np.linalg.norm(bias_axis))


@mutant("equalize", "The numerator is e_w1B - mu_B, the word's part along the axis less mu's, not the whole "
        "vector e_w1 - mu_B.")
def whole_vector_on_top(pair, bias_axis, word_to_vec_map):
    return _equalize(pair, bias_axis, word_to_vec_map, numerator=lambda e, e_B, mu_B: e - mu_B)


@mutant("equalize", "This notebook follows the original course, not the paper: divide by the norm of the whole "
        "difference, ||(e_w1 - mu_orth) - mu_B||, not of its part along the axis.")
def axis_part_below(pair, bias_axis, word_to_vec_map):
    return _equalize(pair, bias_axis, word_to_vec_map, norm=lambda e, e_B, mu_B: np.linalg.norm(e_B - mu_B))



@mutant("equalize", "The scale is sqrt(|1 - ||mu_orth||²|), with mu_orth, the part of mu orthogonal to the axis, "
        "not mu itself.")
def mu_in_scale(pair, bias_axis, word_to_vec_map):
    mu = (word_to_vec_map[pair[0]] + word_to_vec_map[pair[1]]) / 2
    return _equalize(pair, bias_axis, word_to_vec_map, scale=lambda mu_orth: np.sqrt(np.abs(1 - np.sum(mu * mu))))


@mutant("equalize", "e_w2B is the second word's projection: e_w2, not e_w1, goes into it.")
def first_word_projected_twice(pair, bias_axis, word_to_vec_map):
    e1, _ = _equalize(pair, bias_axis, word_to_vec_map)
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    mu = (e_w1 + e_w2) / 2
    mu_B = _project(mu, bias_axis)
    mu_orth = mu - mu_B
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))
    return e1, scale * (_project(e_w1, bias_axis) - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B) + mu_orth
