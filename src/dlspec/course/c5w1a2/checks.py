"""Cases for C5W1A2, the character-level language model.

``clip`` and ``optimize`` start from the original course's examples (rebuilt with ``np.random.RandomState`` in its
order of draws). ``sample`` draws at random: the answer key seeds NumPy before each draw as the original did, and a
sample equal to its draws passes; any other sample passes if it is one the model could have drawn (``judge_sample``).
Its cases are chosen so that each known mistake makes a sample the model could not have drawn, or only with a
chance below one in a million: a model whose next character is fixed by the last one shows a sample that does not
feed its draws back, and a model whose likeliest character is never the newline shows an argmax. ``model`` trains
on a handful of names, more steps than names, so the order of the names and the wraparound both count.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.data import load
from dlspec.nn.char_lm import MAX_LENGTH
from dlspec.nn.softmax import softmax

ALPHABET = "\nabcdefghijklmnopqrstuvwxyz"
UNLIKELY = 1e-6  # a sample the model draws less often than this is not taken as one of its samples


def maps(alphabet: str) -> tuple[dict[str, int], dict[int, str]]:
    """char_to_ix and ix_to_char for the characters of ``alphabet``, in its order."""
    return {c: i for i, c in enumerate(alphabet)}, dict(enumerate(alphabet))


def rnn_parameters(r, n_a: int, vocab_size: int) -> dict[str, np.ndarray]:
    """Wax, Waa, Wya, b, by, drawn from ``r`` in the original's order."""
    Wax, Waa, Wya = r.randn(n_a, vocab_size), r.randn(n_a, n_a), r.randn(vocab_size, n_a)
    return {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": r.randn(n_a, 1), "by": r.randn(vocab_size, 1)}


def _note(parameters: dict, **values) -> str:
    n_a, vocab = parameters["Wax"].shape
    return ", ".join([f"n_a {n_a}, vocab_size {vocab}", *(f"{k} {v}" for k, v in values.items())])


# --- clip -------------------------------------------------------------------------------------------------------


def _gradients(r, n_a: int, vocab: int, scale: float) -> dict[str, np.ndarray]:
    shapes = {"dWax": (n_a, vocab), "dWaa": (n_a, n_a), "dWya": (vocab, n_a), "db": (n_a, 1), "dby": (vocab, 1)}
    return {k: r.randn(*shape) * scale for k, shape in shapes.items()}


def clip_cases() -> list[Case]:
    cases = []
    for maxValue in (10, 5):
        gradients = _gradients(np.random.RandomState(3), 5, 3, 10)
        cases.append(Case(f"original example, maxValue {maxValue}", args=(gradients, maxValue),
                          note="dWax (5, 3), dWaa (5, 5), dWya (3, 5), db (5, 1), dby (3, 1), entries about ±10"))
    for seed, (n_a, vocab, maxValue) in enumerate([(4, 6, 0.5), (7, 2, 1.5), (3, 5, 100.0)]):
        gradients = _gradients(np.random.RandomState(seed), n_a, vocab, 2)
        what = "nothing to clip" if maxValue == 100 else f"maxValue {maxValue}"
        cases.append(Case(f"n_a {n_a}, vocab_size {vocab}, {what}", args=(gradients, maxValue),
                          note=f"n_a {n_a}, vocab_size {vocab}, entries about ±2, maxValue {maxValue}"))
    return cases


# --- sample -----------------------------------------------------------------------------------------------------


def _replay(parameters: dict, indices: list[int]) -> list[np.ndarray]:
    """The model's distribution before each draw, when ``indices`` are fed back one after the other."""
    vocab, n_a = parameters["by"].shape[0], parameters["Waa"].shape[0]
    x, a, distributions = np.zeros((vocab, 1)), np.zeros((n_a, 1)), []
    for idx in indices:
        a = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a + parameters["b"])
        distributions.append(softmax(parameters["Wya"] @ a + parameters["by"]).ravel())
        x = np.zeros((vocab, 1))
        x[idx] = 1
    return distributions


def judge_sample(got, expected, args) -> str | None:
    """The answer key's draws pass; so does any sample the model could have drawn: indices of the vocabulary,
    each likely enough under the model fed the ones before, ending at the first newline or after 50 draws with a
    newline appended."""
    parameters, char_to_ix, _ = args
    try:
        indices = [int(i) for i in got]
    except (TypeError, ValueError):
        indices = []
    if not indices:
        return f"expected a list of indices ending with the newline's, got {got!r}"
    if indices == [int(i) for i in expected]:
        return None
    vocab, newline = parameters["by"].shape[0], char_to_ix["\n"]
    if any(i < 0 or i >= vocab for i in indices):
        return f"every index should lie in range({vocab}), got {indices}"
    if indices[-1] != newline:
        return f"a sample ends with the newline's index {newline}, got {indices}"
    body = indices[:-1]
    if newline in body:
        return f"a sample stops at the first newline it draws, got {indices}"
    if len(body) > MAX_LENGTH:
        return f"a sample stops after {MAX_LENGTH} draws, got {len(body)} before the newline: {indices}"
    # after 50 draws the newline is appended, not drawn
    drawn = body if len(body) == MAX_LENGTH else indices
    distributions = _replay(parameters, drawn)
    for t, (idx, p) in enumerate(zip(drawn, distributions, strict=True)):
        if p[idx] < UNLIKELY:
            return (f"draw {t} is index {idx}, which the model gives a probability of {p[idx]:.1e} after the "
                    f"draws {drawn[:t]}: draw each index from the softmax, fed the one before")
    if newline not in drawn:
        never = float(np.prod([1 - p[newline] for p in distributions]))
        if never < UNLIKELY:
            return (f"the sample runs to {MAX_LENGTH} characters without a newline, which this model does with a "
                    f"probability of {never:.1e}: draw each index at random from the softmax")
    return None


def _sample_case(name: str, parameters: dict, alphabet: str, seed: int) -> Case:
    char_to_ix, _ = maps(alphabet)
    return Case(name, args=(parameters, char_to_ix, seed), judge=judge_sample,
                note=_note(parameters, alphabet=repr(alphabet), seed=seed))


def chain(alphabet: str, sharpness: float = 40.0) -> dict[str, np.ndarray]:
    """A model whose next character is the one after the last in ``alphabet`` (index 0, the newline, after the
    last letter); the first draw is any letter."""
    vocab = len(alphabet)
    Wya = np.zeros((vocab, vocab))
    for i in range(1, vocab):
        Wya[(i + 1) % vocab, i] = sharpness
    by = np.zeros((vocab, 1))
    by[0] = -sharpness / 4  # no newline before the first letter
    # the state is the input's one-hot (tanh(40) is 1), and Wya reads the next character off it
    return {"Wax": sharpness * np.eye(vocab), "Waa": np.zeros((vocab, vocab)), "Wya": Wya,
            "b": np.zeros((vocab, 1)), "by": by}


def fixed(probabilities: list[float], n_a: int = 3) -> dict[str, np.ndarray]:
    """A model that ignores what it read: every draw from ``probabilities``, the newline's first."""
    vocab = len(probabilities)
    r = np.random.RandomState(0)
    return {"Wax": r.randn(n_a, vocab), "Waa": r.randn(n_a, n_a), "Wya": np.zeros((vocab, n_a)),
            "b": r.randn(n_a, 1), "by": np.log(np.array(probabilities))[:, None]}


def sample_cases() -> list[Case]:
    r = np.random.RandomState(24)
    cases = [_sample_case("original example (n_a 100, 27 characters), seed 0", rnn_parameters(r, 100, 27),
                          ALPHABET, 0)]
    for seed in (0, 3):
        cases.append(_sample_case(f"each letter followed by the next (a model fed back its draws), seed {seed}",
                                  chain("\nabcd"), "\nabcd", seed))
    cases.append(_sample_case("the newline likely but never the likeliest, seed 2",
                              fixed([0.3, 0.35, 0.2, 0.15]), "\nxyz", 2))
    cases.append(_sample_case("the newline all but impossible: 50 draws, then a newline", fixed([1e-9, 0.5, 0.5]),
                              "\nxy", 1))
    for seed, (n_a, vocab) in enumerate([(6, 8), (10, 5)], start=5):
        cases.append(_sample_case(f"n_a {n_a}, vocab_size {vocab}, seed {seed}",
                                  rnn_parameters(np.random.RandomState(seed), n_a, vocab), ALPHABET[:vocab], seed))
    return cases


# --- optimize ---------------------------------------------------------------------------------------------------


UPDATED = "; result[3] is parameters after the call"


def optimize_cases() -> list[Case]:
    r = np.random.RandomState(1)
    a_prev = r.randn(100, 1)
    parameters = rnn_parameters(r, 100, 27)
    X, Y = [12, 3, 5, 11, 22, 3], [4, 14, 11, 22, 25, 26]
    # updates=(3,): the parameters as the step left them are compared too, as result[3]
    cases = [Case("original example (n_a 100, 27 characters, gradients beyond ±5)",
                  args=(X, Y, a_prev, parameters), kwargs={"learning_rate": 0.01}, updates=(3,),
                  note=_note(parameters, X=X, Y=Y) + UPDATED)]
    for seed, (n_a, vocab, X, lr) in enumerate([(4, 6, [None, 1, 2, 3], 0.1), (7, 3, [None, 2, 1, 1, 2], 0.5),
                                                (5, 27, [None, 4, 1, 22, 9, 4], 0.01)], start=2):
        r = np.random.RandomState(seed)
        parameters = rnn_parameters(r, n_a, vocab)
        a_prev = 0.5 * r.randn(n_a, 1)
        Y = [*X[1:], 0]
        cases.append(Case(f"n_a {n_a}, vocab_size {vocab}, {len(X)} steps from a state that is not zero",
                          args=(X, Y, a_prev, parameters), kwargs={"learning_rate": lr}, updates=(3,),
                          note=_note(parameters, X=X, Y=Y, learning_rate=lr) + UPDATED))
    return cases


# --- model ------------------------------------------------------------------------------------------------------

NAMES = ["mary", "anna", "emma", "elizabeth", "minnie", "margaret", "ida", "alice", "bertha", "sarah"]


def model_cases() -> list[Case]:
    char_to_ix, ix_to_char = maps(ALPHABET)
    names = load("names")[:40]
    kwargs = {"num_iterations": 50, "n_a": 10}
    cases = [Case("the 40 most common names, 50 steps, n_a 10, 27 characters", args=(names, ix_to_char, char_to_ix),
                  kwargs=kwargs, note="data_x the notebook's first 40 names, num_iterations 50, n_a 10")]
    for names, steps, n_a, dino_names in [(["abba", "baa", "ab", "cab", "acca"], 12, 5, 2), (NAMES, 25, 8, 3),
                                          ([n + "\n" for n in NAMES[:4]], 9, 6, 7)]:
        alphabet = "\n" + "".join(sorted(set("".join(names)) - {"\n"}))
        char_to_ix, ix_to_char = maps(alphabet)
        kwargs = {"num_iterations": steps, "n_a": n_a, "dino_names": dino_names, "vocab_size": len(alphabet)}
        cases.append(Case(f"{len(names)} names, {steps} steps, n_a {n_a}, vocab_size {len(alphabet)}",
                          args=(names, ix_to_char, char_to_ix), kwargs=kwargs,
                          note=f"data_x {names}, " + ", ".join(f"{k} {v}" for k, v in kwargs.items())))
    return cases


CHECKS = {"clip": clip_cases, "sample": sample_cases, "optimize": optimize_cases, "model": model_cases}
