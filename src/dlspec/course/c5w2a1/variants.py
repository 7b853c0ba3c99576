"""Correct solutions of C5W2A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant

# --- cosine_similarity ------------------------------------------------------------------------------------------


@variant("cosine_similarity")
def cosine_with_linalg(u, v):
    return np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))


@variant("cosine_similarity")
def cosine_of_unit_vectors(u, v):
    return float(np.sum((u / np.sqrt(u @ u)) * (v / np.sqrt(v @ v))))


# --- complete_analogy -------------------------------------------------------------------------------------------


@variant("complete_analogy")
def analogy_all_at_once(word_a, word_b, word_c, word_to_vec_map):
    # every candidate's cosine in one matrix product; the input words are ruled out with -inf
    word_a, word_b, word_c = (w.lower() for w in (word_a, word_b, word_c))
    words = list(word_to_vec_map)
    E = np.array([word_to_vec_map[w] for w in words])
    step = word_to_vec_map[word_b] - word_to_vec_map[word_a]
    D = E - word_to_vec_map[word_c]
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = D @ step / (np.linalg.norm(D, axis=1) * np.linalg.norm(step))
    cos[[words.index(w) for w in (word_a, word_b, word_c)]] = -np.inf
    return words[int(np.argmax(cos))]


@variant("complete_analogy")
def analogy_with_max(word_a, word_b, word_c, word_to_vec_map):
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = (word_to_vec_map[w] for w in (word_a, word_b, word_c))

    def cos(w):
        d = word_to_vec_map[w] - e_c
        return np.dot(e_b - e_a, d) / (np.linalg.norm(e_b - e_a) * np.linalg.norm(d))

    return max((w for w in word_to_vec_map if w not in {word_a, word_b, word_c}), key=cos)


# --- neutralize -------------------------------------------------------------------------------------------------


@variant("neutralize")
def neutralize_with_unit_axis(word, g, word_to_vec_map):
    g_hat = g / np.linalg.norm(g)
    e = word_to_vec_map[word]
    return e - (e @ g_hat) * g_hat


@variant("neutralize")
def neutralize_with_projection_matrix(word, g, word_to_vec_map):
    # I - g gᵀ / (gᵀ g) sends a vector to its part orthogonal to g
    P = np.eye(len(g)) - np.outer(g, g) / (g @ g)
    return P @ word_to_vec_map[word]


# --- equalize ---------------------------------------------------------------------------------------------------


@variant("equalize")
def equalize_with_unit_axis(pair, bias_axis, word_to_vec_map):
    b = bias_axis / np.linalg.norm(bias_axis)
    e1, e2 = (word_to_vec_map[w] for w in pair)
    mu = (e1 + e2) / 2
    mu_B = (mu @ b) * b
    mu_orth = mu - mu_B
    scale = np.sqrt(abs(1 - mu_orth @ mu_orth))
    return tuple(scale * ((e @ b) * b - mu_B) / np.linalg.norm(e - mu) + mu_orth for e in (e1, e2))


@variant("equalize")
def equalize_by_coordinates(pair, bias_axis, word_to_vec_map):
    # along the axis each word keeps the sign of its offset from mu, with length scale * |offset| / ||e - mu||
    b = bias_axis / np.linalg.norm(bias_axis)
    e1, e2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    mu = (e1 + e2) / 2
    mu_orth = mu - np.dot(mu, b) * b
    scale = np.sqrt(np.abs(1 - np.dot(mu_orth, mu_orth)))
    t1 = scale * np.dot(e1 - mu, b) / np.linalg.norm(e1 - mu)
    t2 = scale * np.dot(e2 - mu, b) / np.linalg.norm(e2 - mu)
    return mu_orth + t1 * b, mu_orth + t2 * b
