"""Cases for C5W2A2, Emojify.

The visible examples use real GloVe vectors, read by their rows without loading the other 400,000 words, on the
original course's sentences where it had them. The other cases pass small vocabularies of random vectors, so
grading stays fast: sentences in mixed case, with words the vocabulary lacks, with none it knows, and with extra
spaces; vectors of other lengths than 50; indices that do not follow the vocabulary's order.

``model`` runs a number of passes that is 1 more than a multiple of 100: the original's notebook computed its
predictions every 100 passes, so its last ones are the final ones there, and a notebook saved from it grades.

The embedding layer and Emojify_V2 are graded by what they do, through ``dlspec.checking.probes:frozen_report``:
which parameters train, the frozen embedding's rows as built, and for the model its outputs for injected weights
in eval and train mode (dropout seeded) and after one SGD step.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.data.glove import vectors_at

# Rows of these words in the GloVe index (tests/data/test_emojiset.py proves them).
ROWS = {
    "morrocan": 197527, "couscous": 50376, "is": 14, "my": 192, "favorite": 2706, "dish": 7260, "funny": 5466,
    "lol": 73048, "lets": 8235, "play": 282, "baseball": 1444, "food": 565, "ready": 1188, "for": 10, "you": 81,
    "i": 41, "love": 835, "so": 100, "much": 181, "the": 0, "pitcher": 4709, "threw": 3285, "a": 7, "fast": 1605,
    "ball": 1083, "am": 913, "hungry": 7688, "let": 886, "us": 95, "have": 33, "dinner": 3330, "this": 37,
    "soup": 8233, "delicious": 15476, "feel": 998, "sad": 5279, "today": 373, "great": 353, "she": 67,
    "cried": 11279, "all": 64, "night": 364, "happy": 1751, "we": 53, "won": 227, "game": 186, "adore": 39904,
    "sushi": 21961,
}  # fmt: skip
PROBE = "dlspec.checking.probes:frozen_report"
TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32 LSTMs, whose sums a fused layer may order otherwise


def glove() -> dict[str, np.ndarray]:
    """The real vectors of the words above, as a 48-word vocabulary."""
    return vectors_at(ROWS)


def _vocabulary(rng: np.random.Generator, n_words: int, dim: int) -> dict[str, np.ndarray]:
    """Made-up words w0, w1, ... with vectors of GloVe's spread."""
    return {f"w{i}": 0.8 * rng.standard_normal(dim) for i in range(n_words)}


def _sentence(rng: np.random.Generator, words: list[str], n: int, unknown: float = 0.0, upper: float = 0.0) -> str:
    """n words drawn from ``words``; a share ``unknown`` of them replaced by words out of the vocabulary, a share
    ``upper`` capitalised."""
    chosen = []
    for _ in range(n):
        w = str(rng.choice(words)) if rng.random() >= unknown else f"zz{rng.integers(100)}"
        chosen.append(w.upper() if rng.random() < upper else w)
    return " ".join(chosen)


def _note(vocabulary: dict, what: str = "") -> str:
    dim = len(next(iter(vocabulary.values())))
    return f"a vocabulary of {len(vocabulary)} words of {dim} numbers" + (f"; {what}" if what else "")


# --- sentence_to_avg --------------------------------------------------------------------------------------------


def sentence_to_avg_cases() -> list[Case]:
    g = glove()
    cases = [Case("'Morrocan couscous is my favorite dish' (the original's example)",
                  args=("Morrocan couscous is my favorite dish", g), note=_note(g)),
             Case("'i love you so much', every word known", args=("i love you so much", g), note=_note(g))]
    for seed, dim, n, unknown, upper in [(1, 7, 6, 0.0, 0.0), (2, 2, 9, 0.0, 0.5), (3, 12, 8, 0.4, 0.0),
                                         (4, 50, 10, 0.3, 0.3)]:
        rng = np.random.default_rng(seed)
        vocabulary = _vocabulary(rng, 15, dim)
        sentence = _sentence(rng, list(vocabulary), n, unknown, upper)
        what = (f"{round(unknown * n)} unknown" if unknown else "") + (" capitals" if upper else "")
        cases.append(Case(f"{n} words, {dim} numbers a word" + (f", {what.strip()}" if what else ""),
                          args=(sentence, vocabulary), note=_note(vocabulary, repr(sentence))))
    rng = np.random.default_rng(5)
    vocabulary = _vocabulary(rng, 6, 5)
    cases.append(Case("no word of the sentence is known: zeros", args=("Nothing Here zz1", vocabulary),
                      note=_note(vocabulary, "'Nothing Here zz1'")))
    cases.append(Case("spaces before, between and after the words", args=("  w1  w2 w3   w1 ", vocabulary),
                      note=_note(vocabulary, "'  w1  w2 w3   w1 '")))
    return cases


# --- model ------------------------------------------------------------------------------------------------------

# the original's test: 2-d vectors, sentences of "a" words are class 0, of "c" words class 1
TOY = {"a": [3, 3], "synonym_of_a": [3, 3], "a_nw": [2, 4], "a_s": [3, 2], "a_n": [3, 4], "c": [-2, 1],
       "c_n": [-2, 2], "c_ne": [-1, 2], "c_e": [-1, 1], "c_se": [-1, 0], "c_s": [-2, 0], "c_sw": [-3, 0],
       "c_w": [-3, 1], "c_nw": [-3, 2]}  # fmt: skip
TOY_X = ["a a_s synonym_of_a a_n c_sw", "a a_s a_n c_sw", "a_s  a a_n", "synonym_of_a a a_s a_n c_sw", " a_s a_n",
         " a a_s a_n c ", " a_n  a c c c_e", "c c_nw c_n c c_ne", "c_e c c_se c_s", "c_nw c a_s c_e c_e",
         "c_e a_nw c_sw", "c_sw c c_ne c_ne"]  # fmt: skip
EMOJI_X = [("i love you so much", 0), ("i love you", 0), ("let us play baseball", 1), ("we won the game", 1),
           ("the pitcher threw a fast ball", 1), ("i am so happy", 2), ("i feel great today", 2),
           ("i feel sad today", 3), ("she cried all night", 3), ("i am hungry", 4), ("let us have dinner", 4),
           ("this soup is delicious", 4)]  # fmt: skip


def _model_case(name: str, X: list[str], Y: list[int], vocabulary: dict, lr: float, passes: int, seed: int) -> Case:
    n_y = len(set(Y))
    return Case(name, args=(np.array(X), np.array(Y), vocabulary, lr, passes), seed=seed,
                note=_note(vocabulary, f"{len(X)} sentences, {n_y} classes, learning_rate {lr}, {passes} passes"))


def model_cases() -> list[Case]:
    toy = {w: np.array(v) for w, v in TOY.items()}
    cases = [_model_case("the original's two classes of 2-d words", TOY_X, [0] * 7 + [1] * 5, toy, 0.0025, 101, 10),
             _model_case("twelve sentences, five emoji, GloVe vectors", [s for s, _ in EMOJI_X],
                         [y for _, y in EMOJI_X], glove(), 0.02, 101, 1)]
    for seed, n_y, dim, m, lr, passes in [(21, 3, 7, 9, 0.1, 1), (22, 4, 12, 14, 0.05, 101), (23, 5, 50, 10, 0.02, 1)]:
        rng = np.random.default_rng(seed)
        vocabulary = _vocabulary(rng, 20, dim)
        X = [_sentence(rng, list(vocabulary), int(rng.integers(2, 9)), 0.2, 0.2) for _ in range(m)]
        Y = [i % n_y for i in range(m)]
        cases.append(_model_case(f"{m} made-up sentences, {n_y} classes, {dim} numbers a word", X, Y, vocabulary,
                                 lr, passes, seed))
    return cases


# --- sentences_to_indices ---------------------------------------------------------------------------------------


def _indices(words: list[str], rng: np.random.Generator | None = None) -> dict[str, int]:
    """Each word's index, 1 up; shuffled with ``rng``, so an index is not the word's place in the dict."""
    order = np.arange(1, len(words) + 1) if rng is None else rng.permutation(len(words)) + 1
    return {w: int(i) for w, i in zip(words, order, strict=True)}


def sentences_to_indices_cases() -> list[Case]:
    real = {w: row + 1 for w, row in ROWS.items()}  # GloVe's rows, 1 up: the notebook's word_to_index
    X1 = np.array(["funny lol", "lets play baseball", "food is ready for you"])
    cases = [Case("the original's three sentences, max_len 5", args=(X1, real, 5),
                  note="X (3,): 'funny lol', 'lets play baseball', 'food is ready for you'; GloVe's indices")]
    for seed, m, n_words, max_len, unknown, upper in [(31, 4, 10, 6, 0.0, 0.0), (32, 6, 25, 9, 0.0, 0.4),
                                                      (33, 5, 12, 8, 0.3, 0.0), (34, 7, 40, 12, 0.25, 0.25)]:
        rng = np.random.default_rng(seed)
        words = [f"w{i}" for i in range(n_words)]
        X = np.array([_sentence(rng, words, int(rng.integers(1, max_len - 1)), unknown, upper) for _ in range(m)])
        what = ", ".join([*(["unknown words"] if unknown else []), *(["capitals"] if upper else [])])
        cases.append(Case(f"{m} sentences, max_len {max_len}" + (f", {what}" if what else ""),
                          args=(X, _indices(words, rng), max_len),
                          note=f"X ({m},), {n_words} words, indices shuffled; first sentence {X[0]!r}"))
    X = np.array(["Zz1 zz2", "w2 w0", "w1   w1 ZZ3 w0 "])
    cases.append(Case("a sentence with no known word, and extra spaces", args=(X, _indices(["w0", "w1", "w2"]), 4),
                      note="X: 'Zz1 zz2', 'w2 w0', 'w1   w1 ZZ3 w0 '; max_len 4"))
    return cases


# --- pretrained_embedding_layer ---------------------------------------------------------------------------------


def _embedding_case(name: str, vocabulary: dict, word_to_index: dict, x: np.ndarray, what: str) -> Case:
    return Case(name, args=(vocabulary, word_to_index), probe=PROBE, probe_kwargs={"x": x},
                note=_note(vocabulary, f"{what}; looked up: indices {x.shape}"))


def pretrained_embedding_layer_cases() -> list[Case]:
    g = glove()
    words = sorted(g)  # the original numbered the words in alphabetical order
    x = np.array([[1, 5, 9, 0, 0], [48, 47, 2, 30, 0]])
    cases = [_embedding_case("48 GloVe words numbered alphabetically from 1", g, _indices(words), x,
                             "indices 1..48")]
    for seed, n_words, dim, m, max_len in [(41, 5, 50, 2, 4), (42, 30, 8, 4, 6), (43, 12, 3, 3, 7)]:
        rng = np.random.default_rng(seed)
        vocabulary = _vocabulary(rng, n_words, dim)
        x = rng.integers(0, n_words + 1, (m, max_len))
        x[:, -1] = [n_words, 0, *rng.integers(1, n_words + 1, m - 2)]  # the last row, and padding
        cases.append(_embedding_case(f"{n_words} made-up words, {dim} numbers a word, indices shuffled", vocabulary,
                                     _indices(list(vocabulary), rng), x, "shuffled indices"))
    return cases


# --- Emojify_V2 -------------------------------------------------------------------------------------------------


def _lstm(rng: np.random.Generator, n_in: int, n_h: int) -> list[np.ndarray]:
    """weight_ih, weight_hh, bias_ih, bias_hh of an LSTM, spread 1/sqrt(n_h) as PyTorch draws them."""
    s = 1 / np.sqrt(n_h)
    return [rng.uniform(-s, s, shape) for shape in ((4 * n_h, n_in), (4 * n_h, n_h), (4 * n_h,), (4 * n_h,))]


def _padded(rng: np.random.Generator, m: int, max_len: int, n_words: int) -> np.ndarray:
    """Index rows as sentences_to_indices makes them: 1 to max_len words, then zeros."""
    x = np.zeros((m, max_len), dtype=np.int64)
    for i in range(m):
        n = int(rng.integers(1, max_len + 1)) if i else max_len
        x[i, :n] = rng.integers(1, n_words + 1, n)
    return x


def Emojify_V2_cases() -> list[Case]:
    g = glove()
    setups = [("example: 48 GloVe words, 4 sentences of up to 6 words", g, 4, 6, 51),
              ("random 1: 10 made-up words, 3 sentences of up to 4", 10, 3, 4, 52),
              ("random 2: 25 made-up words, 5 sentences of up to 10", 25, 5, 10, 53),
              ("random 3: 16 made-up words of 12 numbers, 2 sentences of up to 5", 16, 2, 5, 54)]
    cases = []
    for name, vocabulary, m, max_len, seed in setups:
        rng = np.random.default_rng(seed)
        if not isinstance(vocabulary, dict):
            vocabulary = _vocabulary(rng, vocabulary, 12 if seed == 54 else 50)
        word_to_index = _indices(sorted(vocabulary), rng)
        dim = len(next(iter(vocabulary.values())))
        embedding = np.zeros((len(vocabulary) + 1, dim), np.float32)
        for w, i in word_to_index.items():
            embedding[i] = vocabulary[w]
        weights = [embedding, *_lstm(rng, dim, 128), *_lstm(rng, 128, 128),
                   rng.uniform(-0.3, 0.3, (5, 128)), rng.uniform(-0.1, 0.1, 5)]
        kwargs = {"x": _padded(rng, m, max_len, len(vocabulary)), "weights": weights,
                  "target": rng.normal(size=(m, 5))}
        cases.append(Case(name, args=((max_len,), vocabulary, word_to_index), seed=seed, probe=PROBE,
                          probe_kwargs=kwargs, note=_note(vocabulary, f"word indices ({m}, {max_len})"), **TOL))
    return cases


CHECKS = {
    "sentence_to_avg": sentence_to_avg_cases,
    "model": model_cases,
    "sentences_to_indices": sentences_to_indices_cases,
    "pretrained_embedding_layer": pretrained_embedding_layer_cases,
    "Emojify_V2": Emojify_V2_cases,
}
