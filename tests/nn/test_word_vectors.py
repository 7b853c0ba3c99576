"""The word-vector operations of C5W2A1: cosine similarity's defining properties, analogies on a vocabulary whose
answer is known, and what neutralising and equalising promise geometrically."""

import numpy as np
import pytest

from dlspec.nn.word_vectors import complete_analogy, cosine_similarity, equalize, neutralize


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_cosine_similarity_sees_only_the_angle(rng):
    u, v = rng.standard_normal(7), rng.standard_normal(7)
    assert cosine_similarity(u, v) == pytest.approx(cosine_similarity(3 * u, 0.5 * v))
    assert cosine_similarity(u, -2 * u) == pytest.approx(-1)
    assert cosine_similarity(np.array([1.0, 0.0]), np.array([0.0, 5.0])) == 0
    assert cosine_similarity(u, u) == 1 and cosine_similarity(np.zeros(3), np.zeros(3)) == 1
    assert cosine_similarity(u, np.zeros(7)) == 0  # no direction to compare, no 0/0


def test_an_analogy_finds_the_pair_with_the_same_offset_and_never_an_input_word(rng):
    offset = rng.standard_normal(10)
    vocabulary = {}
    for i in range(6):
        vocabulary[f"x{i}"] = rng.standard_normal(10)
        vocabulary[f"y{i}"] = vocabulary[f"x{i}"] + offset + 0.1 * rng.standard_normal(10)
    assert complete_analogy("X0", "y0", "x3", vocabulary) == "y3"
    vocabulary["x3"] = vocabulary["x0"]  # word_b would now fit exactly
    assert complete_analogy("x0", "y0", "x3", vocabulary) not in ("x0", "y0", "x3")


def test_neutralize_leaves_nothing_along_g_and_keeps_the_rest(rng):
    g, e = 3 * rng.standard_normal(20), rng.standard_normal(20)
    debiased = neutralize("w", g, {"w": e})
    assert debiased @ g == pytest.approx(0, abs=1e-12)
    assert np.allclose(e - debiased, (e @ g) / (g @ g) * g)
    assert np.allclose(neutralize("w", g, {"w": debiased}), debiased)


@pytest.mark.parametrize("scale", [0.1, 2.0])  # 1 - ||mu_orth||² positive, then negative as with GloVe
def test_equalize_makes_a_pair_differ_only_along_the_axis_and_symmetrically(rng, scale):
    axis = rng.standard_normal(8)
    words = {"a": scale * rng.standard_normal(8), "b": scale * rng.standard_normal(8)}
    e1, e2 = equalize(("a", "b"), axis, words)
    unit = axis / np.linalg.norm(axis)
    mu = (words["a"] + words["b"]) / 2
    mu_orth = mu - (mu @ unit) * unit
    assert np.allclose(e1 - (e1 @ unit) * unit, mu_orth) and np.allclose(e2 - (e2 @ unit) * unit, mu_orth)
    assert e1 @ unit == pytest.approx(-(e2 @ unit)) and e1 @ unit != 0
