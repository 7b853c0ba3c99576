"""Cases for C2W1A2, L2 regularisation and dropout on the 3-layer network.

The first case of each function uses the original's fixture: NumPy seeded with 1, then X (3, 5) and the weights of a
[3, 2, 3, 1] network drawn in the original's order (the cost's example has its own A3 and no X, as the original's).
The others use other widths, batch sizes, lambdas and keep probabilities.

Dropout's forward pass is judged by what the masks do, not by which random numbers made them: any 0/1 masks of the
right shapes pass if they keep about keep_prob of the units, differ between examples, do not come from a seed set
inside the function, and the rest of the cache and A3 follow from them. The backward cases carry fixed masks in the
cache, so they are exact.
"""

from __future__ import annotations

import math

import numpy as np

from dlspec.checking.spec import Case
from dlspec.course.judges import SEQUENCE
from dlspec.nn.activations import relu, sigmoid
from dlspec.nn.regularization import forward_propagation

# A correct keep rate over n mask entries is keep_prob within sqrt(kp (1 - kp) / n); four of those is a false alarm
# about once in 15,000 cases, and still catches keep and drop swapped in every case here.
RATE_ERRORS = 4
# Masks whose columns are all alike are refused when a correct draw would give that less than once in a million.
SAME_COLUMNS_CHANCE = 1e-6
DROPOUT_CACHE = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")


def _original_fixture():
    """X (3, 5), Y and the parameters of the original's tests, drawn after seeding 1."""
    np.random.seed(1)
    X = np.random.randn(3, 5)
    Y = np.array([[1, 1, 0, 1, 0]])
    parameters = {}
    for key, shape in [("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))]:
        parameters[key] = np.random.randn(*shape)
    return X, Y, parameters


def _random_fixture(seed: int, dims: tuple[int, int, int], m: int):
    rng = np.random.default_rng(seed)
    n_x, n_1, n_2 = dims
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(int)
    sizes = [n_x, n_1, n_2, 1]
    parameters = {}
    for l in range(1, 4):
        parameters[f"W{l}"] = rng.standard_normal((sizes[l], sizes[l - 1])) / np.sqrt(sizes[l - 1])
        parameters[f"b{l}"] = rng.standard_normal((sizes[l], 1)) * 0.1
    return X, Y, parameters


def _note(X, parameters, **extra) -> str:
    dims = [X.shape[0]] + [parameters[f"W{l}"].shape[0] for l in range(1, 4)]
    return ", ".join([f"layers {dims}", f"m = {X.shape[1]}"] + [f"{k} = {v}" for k, v in extra.items()])


def _dropout_forward(X, parameters, D1, D2, keep_prob):
    """The forward pass with the given masks: what a correct implementation returns for the masks it drew."""
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = parameters["W3"] @ A2 + parameters["b3"]
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, parameters["W1"], parameters["b1"], Z2, D2, A2, parameters["W2"], parameters["b2"],
             Z3, A3, parameters["W3"], parameters["b3"])
    return A3, cache


def _random_masks(seed: int, X, parameters, keep_prob):
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    D1 = (rng.random((parameters["W1"].shape[0], m)) < keep_prob).astype(int)
    D2 = (rng.random((parameters["W2"].shape[0], m)) < keep_prob).astype(int)
    return D1, D2


def _same_columns_chance(n: int, m: int, kp: float) -> float:
    """How likely a correct (n, m) mask has m identical columns: the sum over column patterns of P(pattern)^m."""
    return sum(math.comb(n, k) * (kp**k * (1 - kp) ** (n - k)) ** m for k in range(n + 1))


def _seeded_inside(D1, D2, keep_prob, expected_cache) -> bool:
    """The masks are exactly what np.random.seed(1) then rand draws, although the caller's seed gave others: the
    original course seeded inside this function, and a learner who keeps that line drops the same units every call."""
    rs = np.random.RandomState(1)
    seeded = (rs.rand(*D1.shape) < keep_prob, rs.rand(*D2.shape) < keep_prob)
    mine = np.array_equal(D1, seeded[0]) and np.array_equal(D2, seeded[1])
    return mine and not np.array_equal(np.asarray(expected_cache[1]), seeded[0])


def judge_dropout_forward(got, expected, args, course_seed: bool = False) -> str | None:
    """Any correct dropout passes: binary masks of the right shapes, keep rate near keep_prob, the rest consistent.

    ``course_seed``: the masks np.random.seed(1) draws pass too, for the original's notebooks, which seeded 1 in
    this function themselves: code the course wrote must not fail the learner.
    """
    X, parameters, keep_prob = args
    if not isinstance(got, SEQUENCE) or len(got) != 2:
        return "return two things: A3 and the cache"
    A3, cache = got
    if not isinstance(cache, SEQUENCE) or len(cache) != len(DROPOUT_CACHE):
        return f"the cache should hold ({', '.join(DROPOUT_CACHE)})"
    D1, D2 = (np.asarray(cache[1]), np.asarray(cache[6]))
    for name, D, want in (("D1", D1, expected[1][1]), ("D2", D2, expected[1][6])):
        if D.shape != want.shape:
            return f"{name} has shape {D.shape}, expected {want.shape}: one mask entry per unit and per example"
        if not np.all((D == 0) | (D == 1)):
            return f"{name} should contain only 0 and 1 (keep or drop), not the random numbers themselves"
        n, m = D.shape
        if m > 1 and np.all(D == D[:, :1]) and _same_columns_chance(n, m, keep_prob) < SAME_COLUMNS_CHANCE:
            return (f"every example got the same {name} mask: draw one random number per unit and per example, "
                    f"shape {D.shape}")
    masks = np.concatenate([D1.ravel(), D2.ravel()])
    if abs(masks.mean() - keep_prob) > RATE_ERRORS * np.sqrt(keep_prob * (1 - keep_prob) / masks.size):
        return (f"the masks keep {masks.mean():.3f} of the units, expected about keep_prob = {keep_prob}: "
                "a unit is kept when its random number is below keep_prob")
    if not course_seed and _seeded_inside(D1, D2, keep_prob, expected[1]):
        return ("your masks are the ones np.random.seed(1) draws, whatever the seed before the call: do not seed "
                "inside the function, or every call drops the same units")
    want_A3, want_cache = _dropout_forward(X, parameters, D1, D2, keep_prob)
    for name, value, want in zip(DROPOUT_CACHE, cache, want_cache, strict=True):
        if np.shape(value) != np.shape(want) or not np.allclose(value, want):
            if name == "A3":
                break  # reported below, with the output layer's own message
            if name.startswith("Z"):
                return (f"cache entry {name} should be W{name[1]} @ A + b{name[1]}, before ReLU and dropout (look for "
                        "an in-place edit such as A1[A1 < 0] = 0 changing Z1, or dropout applied to the input X)")
            return (f"cache entry {name} does not follow from your masks D1 and D2 (expected relu(Z) * D / keep_prob "
                    "on the two hidden layers, nothing on the input or the output)")
    if np.shape(A3) != want_A3.shape or not np.allclose(A3, want_A3):
        return "A3 does not follow from your masks: the output layer is a plain sigmoid, without dropout"
    return None


def judge_dropout_forward_seeded(got, expected, args) -> str | None:
    """judge_dropout_forward for the original's notebooks, whose own line seeded 1 inside the function."""
    return judge_dropout_forward(got, expected, args, course_seed=True)


def compute_cost_with_regularization_cases() -> list[Case]:
    _, Y, parameters = _original_fixture()
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    cases = [Case("original example", args=(A3, Y, parameters, 0.1), note=_note(np.zeros((3, 5)), parameters,
                                                                                  lambd=0.1))]
    for seed, dims, m, lambd in [(11, (2, 20, 3), 7, 0.7), (12, (4, 3, 5), 12, 0.05), (13, (3, 6, 2), 3, 2.5)]:
        X, Y, parameters = _random_fixture(seed, dims, m)
        A3 = forward_propagation(X, parameters)[0]
        cases.append(Case(f"seed {seed}", args=(A3, Y, parameters, lambd), note=_note(X, parameters, lambd=lambd)))
    return cases


def backward_propagation_with_regularization_cases() -> list[Case]:
    fixtures = [("original example", *_original_fixture(), 0.7)]
    for seed, dims, m, lambd in [(21, (2, 20, 3), 9, 0.7), (22, (4, 3, 5), 6, 0.1), (23, (3, 6, 2), 11, 1.5)]:
        fixtures.append((f"seed {seed}", *_random_fixture(seed, dims, m), lambd))
    return [
        Case(name, args=(X, Y, forward_propagation(X, parameters)[1], lambd), note=_note(X, parameters, lambd=lambd))
        for name, X, Y, parameters, lambd in fixtures
    ]


def forward_propagation_with_dropout_cases() -> list[Case]:
    X, _, parameters = _original_fixture()
    cases = [Case("original example", args=(X, parameters, 0.7), seed=1, judge=judge_dropout_forward,
                  note=_note(X, parameters, keep_prob=0.7))]
    # the two large cases pin the keep rate down, at a high and a low keep_prob
    for seed, dims, m, keep_prob in [(31, (2, 20, 3), 8, 0.86), (32, (3, 40, 50), 100, 0.86),
                                     (33, (4, 5, 6), 10, 0.7), (34, (4, 30, 20), 60, 0.6)]:
        X, _, parameters = _random_fixture(seed, dims, m)
        cases.append(Case(f"seed {seed}", args=(X, parameters, keep_prob), seed=seed, judge=judge_dropout_forward,
                          note=_note(X, parameters, keep_prob=keep_prob)))
    return cases


def backward_propagation_with_dropout_cases() -> list[Case]:
    fixtures = [("original example", *_original_fixture(), 0.8, 1)]
    # no keep_prob of 0.5 here: dividing by 1 - keep_prob would then give the right answer
    for seed, dims, m, keep_prob in [(41, (2, 20, 3), 9, 0.86), (42, (4, 3, 5), 6, 0.6), (43, (3, 6, 2), 11, 0.7)]:
        fixtures.append((f"seed {seed}", *_random_fixture(seed, dims, m), keep_prob, seed))
    cases = []
    for name, X, Y, parameters, keep_prob, seed in fixtures:
        cache = _dropout_forward(X, parameters, *_random_masks(seed, X, parameters, keep_prob), keep_prob)[1]
        # seeded only so that a pass which draws new masks (a known mistake) is repeatable
        cases.append(Case(name, args=(X, Y, cache, keep_prob), seed=seed,
                          note=_note(X, parameters, keep_prob=keep_prob)))
    return cases


CHECKS = {
    "compute_cost_with_regularization": compute_cost_with_regularization_cases,
    "backward_propagation_with_regularization": backward_propagation_with_regularization_cases,
    "forward_propagation_with_dropout": forward_propagation_with_dropout_cases,
    "backward_propagation_with_dropout": backward_propagation_with_dropout_cases,
}
