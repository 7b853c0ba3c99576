"""Operations on word vectors (C5W2A1): cosine similarity, analogies, and debiasing along a bias axis by
neutralising and equalising (Bolukbasi et al., 2016, "Man is to Computer Programmer as Woman is to Homemaker?").

A word vector is a 1-D array; ``word_to_vec_map`` is a dict from a word to its vector (any mapping will do).
"""

from __future__ import annotations

import numpy as np


def cosine_similarity(u: np.ndarray, v: np.ndarray) -> float:
    """The cosine of the angle between u and v, u·v / (||u|| ||v||).

    Arguments:
    u -- a word vector of shape (n,)
    v -- a word vector of shape (n,)

    Returns:
    cosine_similarity -- a float between -1 and 1
    """
    # Two equal vectors point the same way, even the zero vector, whose cosine would otherwise be 0/0.
    if np.all(u == v):
        return 1.0
    dot = np.dot(u, v)
    norm_u = np.sqrt(np.sum(u * u))
    norm_v = np.sqrt(np.sum(v * v))
    if np.isclose(norm_u * norm_v, 0, atol=1e-32):  # one of them is zero: no direction to compare
        return 0.0
    return float(dot / (norm_u * norm_v))


def complete_analogy(word_a: str, word_b: str, word_c: str, word_to_vec_map: dict[str, np.ndarray]) -> str:
    """Complete "a is to b as c is to ____": the word d whose e_d - e_c points most like e_b - e_a.

    Arguments:
    word_a -- a word, a string
    word_b -- a word, a string
    word_c -- a word, a string
    word_to_vec_map -- a dict from each word of the vocabulary to its vector

    Returns:
    best_word -- the word of the vocabulary, other than the three given, with the largest
                 cosine_similarity(e_b - e_a, e_d - e_c)
    """
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    max_cosine_sim = -100
    best_word = None
    for w in word_to_vec_map:
        if w in (word_a, word_b, word_c):  # e_b - e_a points from a towards b, so b itself often scores best
            continue
        cosine_sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)
        if cosine_sim > max_cosine_sim:
            max_cosine_sim = cosine_sim
            best_word = w
    return best_word


def neutralize(word: str, g: np.ndarray, word_to_vec_map: dict[str, np.ndarray]) -> np.ndarray:
    """Remove the component of a word's vector along the bias axis g, so that it is orthogonal to g.

    Arguments:
    word -- the word to neutralise, a string
    g -- the bias axis, shape (n,)
    word_to_vec_map -- a dict from each word to its vector

    Returns:
    e_debiased -- the word's vector less its projection on g, shape (n,)
    """
    e = word_to_vec_map[word]
    e_biascomponent = np.dot(e, g) / np.sum(g * g) * g
    return e - e_biascomponent


def equalize(pair: tuple[str, str], bias_axis: np.ndarray,
             word_to_vec_map: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Move a pair of words that should differ only along the bias axis (actor, actress) so that they share
    everything else and lie symmetrically about it.

    Arguments:
    pair -- two words, a tuple of strings
    bias_axis -- the bias axis, shape (n,)
    word_to_vec_map -- a dict from each word to its vector

    Returns:
    e_1 -- the first word's equalised vector, shape (n,)
    e_2 -- the second word's equalised vector, shape (n,)
    """
    w1, w2 = pair
    e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
    mu = (e_w1 + e_w2) / 2
    # mu splits into its part along the axis and the part orthogonal to it, which both words will share
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    # The original course's formula: the paper divides by ||e_w1B - mu_B|| (unit vectors stay unit vectors); the
    # abs keeps the root real for GloVe's vectors, longer than 1.
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))
    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)
    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)
    e1 = corrected_e_w1B + mu_orth
    e2 = corrected_e_w2B + mu_orth
    return e1, e2
