"""C5W2A1, second round."""

import numpy as np

from .. import correct, mistake

# ruff: noqa: F821 - the notebook's cosine_similarity, used by name


@correct("cosine_similarity")
def cosine_with_einsum(u, v):
    if np.array_equal(u, v):
        return 1.0
    nu, nv = np.sqrt(np.einsum("i,i->", u, u)), np.sqrt(np.einsum("i,i->", v, v))
    return 0.0 if nu * nv == 0 else float(np.einsum("i,i->", u, v) / (nu * nv))


@mistake("cosine_similarity")
def cosine_mean_not_sum(u, v):
    if np.all(u == v):
        return 1.0
    return float(np.mean(u * v) / (np.linalg.norm(u) * np.linalg.norm(v)))


@mistake("cosine_similarity")
def cosine_norm_without_root(u, v):
    if np.all(u == v):
        return 1.0
    return float(np.dot(u, v) / np.sqrt(np.sum(u * u) * np.sum(v)))


@mistake("complete_analogy")
def analogy_skips_only_c(word_a, word_b, word_c, word_to_vec_map):
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    best, best_word = -100, None
    for w, e in word_to_vec_map.items():
        if w == word_c:
            continue
        sim = cosine_similarity(e_b - e_a, e - e_c)
        if sim > best:
            best, best_word = sim, w
    return best_word


@correct("complete_analogy")
def analogy_sorted(word_a, word_b, word_c, word_to_vec_map):
    a, b, c = (w.lower() for w in (word_a, word_b, word_c))
    step = word_to_vec_map[b] - word_to_vec_map[a]
    ranked = sorted((w for w in word_to_vec_map if w not in (a, b, c)),
                    key=lambda w: cosine_similarity(step, word_to_vec_map[w] - word_to_vec_map[c]), reverse=True)
    return ranked[0]


@mistake("neutralize")
def neutralize_projection_on_unit_axis_unscaled(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    unit = g / np.linalg.norm(g)
    return e - np.dot(e, unit) * g


@mistake("neutralize")
def neutralize_ratio_upside_down(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - np.dot(g, g) / np.dot(e, g) * g


@mistake("equalize")
def equalize_mean_of_pair_forgotten_half(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    B = bias_axis
    mu = e_w1 + e_w2
    mu_B = np.dot(mu, B) / np.dot(B, B) * B
    mu_orth = mu - mu_B
    scale = np.sqrt(np.abs(1 - np.dot(mu_orth, mu_orth)))
    e1 = scale * (np.dot(e_w1, B) / np.dot(B, B) * B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B) + mu_orth
    e2 = scale * (np.dot(e_w2, B) / np.dot(B, B) * B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B) + mu_orth
    return e1, e2


@mistake("equalize")
def equalize_returns_corrected_parts_swapped(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    B = bias_axis
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, B) / np.dot(B, B) * B
    mu_orth = mu - mu_B
    scale = np.sqrt(np.abs(1 - np.dot(mu_orth, mu_orth)))
    e1 = scale * (np.dot(e_w1, B) / np.dot(B, B) * B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B) + mu_orth
    e2 = scale * (np.dot(e_w2, B) / np.dot(B, B) * B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B) + mu_orth
    return e2, e1
