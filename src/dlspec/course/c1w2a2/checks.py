"""Cases for c1w2a2: the original's fixtures first, then small random problems of varied sizes.

Training cases stay tiny (a few features, a dozen examples, a few hundred steps) so that grading takes
milliseconds; ``num_iterations`` is never the default 100, so forgetting to pass it on is caught.
"""

import numpy as np

from dlspec.checking.compare import compare
from dlspec.checking.spec import Case

# The original's fixture for propagate and optimize: two features, three examples.
W = np.array([[1.0], [2.0]])
B = 2.0
X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
Y = np.array([[1, 0, 1]])


def _problem(seed: int, n: int, m: int) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Random weights, bias, data (n, m) and 0/1 labels (1, m)."""
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.5, size=(n, 1))
    b = float(rng.normal())
    X = rng.normal(size=(n, m))
    Y = rng.integers(0, 2, size=(1, m))
    return w, b, X, Y


def sigmoid_cases() -> list[Case]:
    cases = [Case("z = [0, 2]", args=(np.array([0, 2]),), note="z (2,)")]
    for seed, shape in ((1, (1, 6)), (2, (4, 3)), (3, (5,))):
        z = np.random.default_rng(seed).normal(0, 4, size=shape)
        cases.append(Case(f"random z {shape}", args=(z,), note=f"z {shape}"))
    cases.append(Case("scalar z = -1.5", args=(-1.5,), note="z a Python float"))
    return cases


def initialize_with_zeros_cases() -> list[Case]:
    return [Case(f"dim = {dim}", args=(dim,), note=f"dim = {dim}") for dim in (2, 1, 7, 12288)]


def propagate_cases() -> list[Case]:
    cases = [Case("2 features, 3 examples", args=(W, B, X, Y), note="w (2,1), b float, X (2,3), Y (1,3)")]
    for seed, n, m in ((10, 3, 5), (11, 1, 4), (12, 6, 10)):
        w, b, Xr, Yr = _problem(seed, n, m)
        cases.append(Case(f"random n={n}, m={m}", args=(w, b, Xr, Yr), note=f"w ({n},1), X ({n},{m}), Y (1,{m})"))
    return cases


def optimize_cases() -> list[Case]:
    cases = [
        Case(
            "101 steps, learning rate 0.1",
            args=(W, B, X, Y),
            kwargs={"num_iterations": 101, "learning_rate": 0.1},
            note="w (2,1), X (2,3), 101 steps: costs at steps 0 and 100",
            keep_args=True,
        )
    ]
    for seed, n, m, steps, rate in ((20, 3, 8, 250, 0.05), (21, 5, 12, 120, 0.2), (22, 2, 6, 301, 0.01)):
        w, b, Xr, Yr = _problem(seed, n, m)
        cases.append(
            Case(
                f"random n={n}, m={m}, {steps} steps",
                args=(w, b, Xr, Yr, steps, rate),
                note=f"w ({n},1), X ({n},{m}), num_iterations={steps}, learning_rate={rate}",
                keep_args=True,
            )
        )
    return cases


def predict_cases() -> list[Case]:
    w = np.array([[0.3], [0.5], [-0.2]])
    Xp = np.array([[1.0, -0.3, 1.5], [2, 0, 1], [0, -1.5, 2]])
    cases = [Case("3 features, 3 examples", args=(w, -0.33333, Xp), note="w (3,1), b float, X (3,3)")]
    for seed, n, m in ((30, 4, 9), (31, 1, 7), (32, 6, 15)):
        w, b, Xr, _ = _problem(seed, n, m)
        cases.append(Case(f"random n={n}, m={m}", args=(w, b, Xr), note=f"w ({n},1), X ({n},{m})"))
    # every probability exactly 0.5: "exceeds 0.5" means label 0 here, so >= 0.5 shows
    cases.append(Case("w = 0, b = 0", args=(np.zeros((3, 1)), 0.0, Xp), note="w zeros (3,1), b 0, X (3,3): A = 0.5"))
    return cases


def judge_model(got, expected, args) -> str | None:
    """The dict d with every key the reference returns, each matching; extra keys (accuracies, say) are the
    learner's own business."""
    if not isinstance(got, dict):
        return f"expected the dict d, got {type(got).__name__}"
    missing = [k for k in expected if k not in got]
    if missing:
        return f"missing key(s) {', '.join(map(repr, missing))}"
    found = compare({k: got[k] for k in expected}, expected, 1e-6, 1e-8)
    return found and f"result{found.path}: {found.problem}"


def model_cases() -> list[Case]:
    legacy = np.random.RandomState(0)  # the original seeded its model test this way
    X_train, X_test = legacy.randn(4, 7), legacy.randn(4, 3)
    Y_train, Y_test = np.array([[1, 1, 0, 1, 0, 0, 1]]), np.array([[0, 1, 0]])
    cases = [
        Case(
            "4 features, 7 + 3 examples",
            args=(X_train, Y_train, X_test, Y_test),
            kwargs={"num_iterations": 50, "learning_rate": 0.01},
            note="X_train (4,7), X_test (4,3), num_iterations=50, learning_rate=0.01",
            judge=judge_model,
        )
    ]
    for seed, n, m_train, m_test, steps, rate in (
        (40, 3, 10, 4, 220, 0.1),
        (41, 5, 16, 6, 150, 0.3),
        (42, 2, 8, 5, 90, 0.05),
    ):
        rng = np.random.default_rng(seed)
        X_train, X_test = rng.normal(size=(n, m_train)), rng.normal(size=(n, m_test))
        Y_train, Y_test = rng.integers(0, 2, size=(1, m_train)), rng.integers(0, 2, size=(1, m_test))
        cases.append(
            Case(
                f"random n={n}, {m_train} + {m_test} examples, {steps} steps",
                args=(X_train, Y_train, X_test, Y_test, steps, rate),
                note=f"X_train ({n},{m_train}), X_test ({n},{m_test}), num_iterations={steps}, learning_rate={rate}",
                judge=judge_model,
            )
        )
    return cases


CHECKS = {
    "sigmoid": sigmoid_cases,
    "initialize_with_zeros": initialize_with_zeros_cases,
    "propagate": propagate_cases,
    "optimize": optimize_cases,
    "predict": predict_cases,
    "model": model_cases,
}
