"""Cases for c1w4a2: the original's seeded fixtures first, then small random problems of varied shapes.

Both models seed NumPy themselves (``np.random.seed(1)``) before initialising, so one call has exactly one right
answer and is compared exactly. ``Case.seed = 1`` sets the same global state before the call, so a learner who
forgets the in-function seed is not punished for it: seeding is bookkeeping, not the lesson. No judge is used:
a judge that accepted "any plausible training run" could not tell a wrong learning rate or update sign.

The data are tiny (n_x <= 12, m <= 20), so even the 250-iteration cases, which record three costs and let
a wrong step size, sign or cost schedule show, cost a few milliseconds.
"""

import numpy as np

from dlspec.checking.spec import Case

SEED = 1  # the seed both models set inside, as the original did


def _original_data(labels: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The original's test data: X from randn under seed 1, then either its given labels or a second randn draw.

    A private legacy generator gives the same numbers as ``np.random.seed(1)`` without touching global state.
    """
    legacy = np.random.RandomState(1)
    X = legacy.randn(10, 10)
    Y = legacy.randn(1, 10) if labels is None else labels.reshape(1, 10)
    return X, Y


def _random_problem(seed: int, n_x: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian inputs (n_x, m) and 0/1 labels (1, m) with both classes present."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = rng.permutation(np.arange(m) % 2).reshape(1, m).astype(np.float64)
    return X, Y


def _note(X: np.ndarray, layers_dims, n: int, learning_rate: float) -> str:
    return f"X {X.shape}, Y (1, {X.shape[1]}), layers_dims {tuple(layers_dims)}, {n} iterations, rate {learning_rate}"


def two_layer_model_cases() -> list[Case]:
    X, Y = _original_data(labels=None)
    cases = [
        Case(
            "original fixture, 2 iterations",
            args=(X, Y, (10, 4, 1), 0.0075, 2),
            seed=SEED,
            note=_note(X, (10, 4, 1), 2, 0.0075) + " (labels are real numbers, as in the original's test)",
        ),
        Case(
            "original fixture, rate 0.1, 3 iterations",
            args=(X, Y, (10, 4, 1), 0.1, 3),
            seed=SEED,
            note=_note(X, (10, 4, 1), 3, 0.1),
        ),
    ]
    for seed, (n_x, n_h, m), n, rate in (
        (11, (6, 3, 8), 1, 0.05),
        (12, (12, 5, 15), 3, 0.3),
        (13, (9, 2, 20), 250, 0.1),
    ):
        X, Y = _random_problem(seed, n_x, m)
        dims = (n_x, n_h, 1)
        cases.append(
            Case(
                f"random {dims}, m={m}",
                args=(X, Y, dims),
                kwargs={"learning_rate": rate, "num_iterations": n},
                seed=SEED,
                note=_note(X, dims, n, rate),
            )
        )
    X, Y = _random_problem(14, 7, 12)
    cases.append(
        Case(
            "default learning rate, 201 iterations",
            args=(X, Y, (7, 4, 1)),
            kwargs={"num_iterations": 201},
            seed=SEED,
            note=_note(X, (7, 4, 1), 201, 0.0075) + " (learning_rate left at its default)",
        )
    )
    return cases


def L_layer_model_cases() -> list[Case]:
    X, Y = _original_data(labels=np.array([1, 1, 1, 1, 0, 0, 0, 1, 1, 0]))
    dims = (10, 5, 6, 1)
    cases = [
        Case("original fixture, 2 iterations", args=(X, Y, dims, 0.0075, 2), seed=SEED, note=_note(X, dims, 2, 0.0075)),
        Case(
            "original fixture, rate 0.02, 3 iterations",
            args=(X, Y, dims, 0.02, 3),
            seed=SEED,
            note=_note(X, dims, 3, 0.02),
        ),
    ]
    for seed, dims, m, n, rate in (
        (21, [7, 4, 1], 9, 3, 0.2),
        (22, [12, 6, 4, 3, 1], 16, 1, 0.05),
        (23, [8, 1], 10, 2, 0.5),
        (24, [9, 5, 3, 1], 20, 250, 0.1),
    ):
        X, Y = _random_problem(seed, dims[0], m)
        cases.append(
            Case(
                f"random {len(dims) - 1}-layer {dims}, m={m}",
                args=(X, Y, dims),
                kwargs={"learning_rate": rate, "num_iterations": n},
                seed=SEED,
                note=_note(X, dims, n, rate),
            )
        )
    X, Y = _random_problem(25, 6, 14)
    cases.append(
        Case(
            "default learning rate, 201 iterations",
            args=(X, Y, [6, 5, 3, 1]),
            kwargs={"num_iterations": 201},
            seed=SEED,
            note=_note(X, [6, 5, 3, 1], 201, 0.0075) + " (learning_rate left at its default)",
        )
    )
    return cases


CHECKS = {"two_layer_model": two_layer_model_cases, "L_layer_model": L_layer_model_cases}
