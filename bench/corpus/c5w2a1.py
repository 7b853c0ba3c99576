"""C5W2A1, operations on word vectors, as learners write it."""

import numpy as np

from . import correct, mistake

# --- cosine_similarity ------------------------------------------------------------------------------------------


@correct("cosine_similarity")
def cosine_with_linalg_norm(u, v):
    if np.array_equal(u, v):
        return 1.0
    norms = np.linalg.norm(u) * np.linalg.norm(v)
    if norms == 0:
        return 0.0
    return float(np.dot(u, v) / norms)


@correct("cosine_similarity")
def cosine_by_sums(u, v):
    if np.all(u == v):
        return 1.0
    dot = np.sum(u * v)
    norm_u, norm_v = np.sqrt(np.sum(u**2)), np.sqrt(np.sum(v**2))
    if norm_u == 0 or norm_v == 0:
        return 0.0
    return float(dot / norm_u / norm_v)


@mistake("cosine_similarity")
def cosine_squared_norms(u, v):
    if np.all(u == v):
        return 1.0
    norms = np.sum(u * u) * np.sum(v * v)
    if norms == 0:
        return 0.0
    return float(np.dot(u, v) / norms)


@mistake("cosine_similarity")
def cosine_only_one_norm(u, v):
    if np.all(u == v):
        return 1.0
    norm_u = np.linalg.norm(u)
    if norm_u == 0:
        return 0.0
    return float(np.dot(u, v) / (norm_u * norm_u))


# No guard for a zero vector: the notebook never asks for one, and no word's vector is zero.
@correct("cosine_similarity")
def cosine_no_zero_guard(u, v):
    return float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))


@mistake("cosine_similarity")
def cosine_sum_of_norms(u, v):
    if np.all(u == v):
        return 1.0
    norms = np.linalg.norm(u) + np.linalg.norm(v)
    if norms == 0:
        return 0.0
    return float(np.dot(u, v) / norms)


@mistake("cosine_similarity")
def cosine_of_absolute_values(u, v):
    if np.all(u == v):
        return 1.0
    norms = np.linalg.norm(u) * np.linalg.norm(v)
    if norms == 0:
        return 0.0
    return float(np.abs(np.dot(u, v)) / norms)


# --- complete_analogy -------------------------------------------------------------------------------------------


@correct("complete_analogy")
def analogy_with_max_and_key(word_a, word_b, word_c, word_to_vec_map):
    a, b, c = word_a.lower(), word_b.lower(), word_c.lower()
    step = word_to_vec_map[b] - word_to_vec_map[a]
    e_c = word_to_vec_map[c]
    scores = {w: cosine_similarity(step, e - e_c) for w, e in word_to_vec_map.items() if w not in {a, b, c}}  # noqa: F821
    return max(scores, key=scores.get)


@correct("complete_analogy")
def analogy_with_lists(word_a, word_b, word_c, word_to_vec_map):
    word_a, word_b, word_c = [w.lower() for w in (word_a, word_b, word_c)]
    e_a, e_b, e_c = (word_to_vec_map[w] for w in (word_a, word_b, word_c))
    words = [w for w in word_to_vec_map.keys() if w not in [word_a, word_b, word_c]]
    sims = [cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c) for w in words]  # noqa: F821
    return words[int(np.argmax(sims))]


@mistake("complete_analogy")
def analogy_keeps_the_inputs(word_a, word_b, word_c, word_to_vec_map):
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    best, best_word = -100, None
    for w in word_to_vec_map:
        sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)  # noqa: F821
        if sim > best:
            best, best_word = sim, w
    return best_word


@mistake("complete_analogy")
def analogy_step_reversed(word_a, word_b, word_c, word_to_vec_map):
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    best, best_word = -100, None
    for w in word_to_vec_map:
        if w in (word_a, word_b, word_c):
            continue
        sim = cosine_similarity(e_a - e_b, word_to_vec_map[w] - e_c)  # noqa: F821
        if sim > best:
            best, best_word = sim, w
    return best_word


@mistake("complete_analogy")
def analogy_minimum(word_a, word_b, word_c, word_to_vec_map):
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    best, best_word = 100, None
    for w in word_to_vec_map:
        if w in (word_a, word_b, word_c):
            continue
        sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)  # noqa: F821
        if sim < best:
            best, best_word = sim, w
    return best_word


@mistake("complete_analogy")
def analogy_word_vector_not_step(word_a, word_b, word_c, word_to_vec_map):
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    best, best_word = -100, None
    for w in word_to_vec_map:
        if w in (word_a, word_b, word_c):
            continue
        sim = cosine_similarity(e_b - e_a + e_c, word_to_vec_map[w] - e_c)  # noqa: F821
        if sim > best:
            best, best_word = sim, w
    return best_word


@mistake("complete_analogy")
def analogy_not_lower_cased(word_a, word_b, word_c, word_to_vec_map):
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    best, best_word = -100, None
    for w in word_to_vec_map:
        if w in (word_a, word_b, word_c):
            continue
        sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)  # noqa: F821
        if sim > best:
            best, best_word = sim, w
    return best_word


# --- neutralize -------------------------------------------------------------------------------------------------


@correct("neutralize")
def neutralize_unit_axis(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    unit = g / np.linalg.norm(g)
    return e - np.dot(e, unit) * unit


@correct("neutralize")
def neutralize_squared_norm(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - (e @ g) / (np.linalg.norm(g) ** 2) * g


@mistake("neutralize")
def neutralize_divides_by_norm_once(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - np.dot(e, g) / np.linalg.norm(g) * g


@mistake("neutralize")
def neutralize_returns_the_projection(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return np.dot(e, g) / np.sum(g * g) * g


@mistake("neutralize")
def neutralize_adds_the_projection(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e + np.dot(e, g) / np.sum(g * g) * g


@mistake("neutralize")
def neutralize_elementwise_product(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    return e - (e * g) / np.sum(g * g) * g


# --- equalize ---------------------------------------------------------------------------------------------------





@correct("equalize")
def equalize_with_linalg(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = (word_to_vec_map[w] for w in pair)
    B = bias_axis
    mu = (e_w1 + e_w2) / 2
    mu_B = (mu @ B) / (B @ B) * B
    mu_orth = mu - mu_B
    e_w1B = (e_w1 @ B) / (B @ B) * B
    e_w2B = (e_w2 @ B) / (B @ B) * B
    scale = np.sqrt(abs(1 - np.linalg.norm(mu_orth) ** 2))
    e1 = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu) + mu_orth
    e2 = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu) + mu_orth
    return e1, e2


@correct("equalize")
def equalize_loop_over_pair(pair, bias_axis, word_to_vec_map):
    vectors = [word_to_vec_map[w] for w in pair]
    mu = sum(vectors) / 2
    norm_B2 = np.sum(bias_axis**2)
    mu_B = np.dot(mu, bias_axis) / norm_B2 * bias_axis
    mu_orth = mu - mu_B
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth**2)))
    out = []
    for e in vectors:
        e_B = np.dot(e, bias_axis) / norm_B2 * bias_axis
        out.append(scale * (e_B - mu_B) / np.linalg.norm(e - mu_orth - mu_B) + mu_orth)
    return out[0], out[1]


@mistake("equalize")
def equalize_no_absolute_value(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis**2) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis**2) * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis**2) * bias_axis
    scale = np.sqrt(1 - np.sum(mu_orth**2))
    e1 = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B) + mu_orth
    e2 = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B) + mu_orth
    return e1, e2


@mistake("equalize")
def equalize_paper_divisor(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis**2) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis**2) * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis**2) * bias_axis
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth**2)))
    e1 = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1B - mu_B) + mu_orth
    e2 = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2B - mu_B) + mu_orth
    return e1, e2


@mistake("equalize")
def equalize_forgets_mu_orth(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis**2) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis**2) * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis**2) * bias_axis
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth**2)))
    e1 = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)
    e2 = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)
    return e1, e2


@mistake("equalize")
def equalize_norm_of_mu_not_mu_orth(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis**2) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis**2) * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis**2) * bias_axis
    scale = np.sqrt(np.abs(1 - np.sum(mu**2)))
    e1 = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B) + mu_orth
    e2 = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B) + mu_orth
    return e1, e2


@mistake("equalize")
def equalize_same_word_twice(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis**2) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis**2) * bias_axis
    e_w2B = np.dot(e_w1, bias_axis) / np.sum(bias_axis**2) * bias_axis
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth**2)))
    e1 = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B) + mu_orth
    e2 = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B) + mu_orth
    return e1, e2
