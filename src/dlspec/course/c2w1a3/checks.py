"""Cases for C2W1A3, gradient checking.

The first case of each function is the original's example: (x, theta) = (2, 4) and (3, 4) for the 1-D part, and
for the n-D part the original's seeded 4-5-3-1 network on three examples with the gradients of the buggy
backward pass (difference 0.285...). The others draw other values and other layer sizes, with the buggy and with
the fixed backward pass.

A relative difference of correct gradients is rounding noise (about 1e-10 in 1-D, 1e-7 for the network), and two
correct programs round differently, so below the "correct" threshold any value below it is accepted; above it
(buggy gradients) the value is a real quantity and must match.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.nn.gradcheck import (
    ORIGINAL_SHAPES,
    backward_propagation_n,
    backward_propagation_n_fixed,
    forward_propagation_n,
)

THRESHOLD_1D = 1e-7
THRESHOLD_N = 2e-7
# Above the threshold the difference comes from a bug, not from rounding: it is reproducible to many digits.
RTOL_LARGE = 1e-5


def judge_difference(threshold: float):
    """A judge for a relative difference: a float; below ``threshold`` whenever the reference is, else close to it."""

    def judge(got, expected, args) -> str | None:
        if isinstance(got, np.ndarray) and got.ndim > 0:
            return f"returned an ndarray of shape {got.shape} where a float was due (np.linalg.norm gives a number)"
        if not isinstance(got, (float, int, np.floating, np.integer, np.ndarray)):
            return f"returned a {type(got).__name__} where a float was due"
        got = float(got)
        if not np.isfinite(got) or got < 0:
            return f"the difference is {got}: a ratio of norms is finite and at least 0"
        if expected < threshold:
            if got >= threshold:
                return f"the gradients are correct here, so the difference should be below {threshold:g}, got {got:.4g}"
            return None
        if not np.isclose(got, expected, rtol=RTOL_LARGE, atol=0):
            return f"the difference should be {expected:.10g}, got {got:.10g}"
        return None

    return judge


def _scalar_cases(visible: tuple, seeds: list[int]) -> list[Case]:
    label = f"x = {visible[0]}, theta = {visible[1]}"
    cases = [Case(label, args=visible, note=label)]
    for seed in seeds:
        x, theta = (float(v) for v in np.random.default_rng(seed).uniform(-10, 10, size=2))
        cases.append(Case(f"random x, theta (seed {seed})", args=(x, theta), note=f"x = {x:.4g}, theta = {theta:.4g}"))
    return cases


def forward_propagation_cases() -> list[Case]:
    return _scalar_cases((2, 4), [1, 2, 3])


def backward_propagation_cases() -> list[Case]:
    return _scalar_cases((3, 4), [4, 5, 6])


# Stand-ins for the notebook's forward_propagation and backward_propagation (Case.swap): with only the correct
# pair a check that returns 0 without looking would pass. A derivative off by a factor of 2 must read 1/3, one of
# the wrong sign 1 (where norm(grad + gradapprox) in the denominator would divide by 0), and a
# curved J = theta**3 * x at epsilon 1e-4 tells a centred difference (error ~ epsilon**2) from a one-sided one.
def backward_doubled(x, theta):
    return 2 * x


def backward_negated(x, theta):
    return -x


def forward_cubic(x, theta):
    return theta**3 * x


def backward_cubic(x, theta):
    return 3 * theta**2 * x


_HERE = "dlspec.course.c2w1a3.checks"


def gradient_check_cases() -> list[Case]:
    judge = judge_difference(THRESHOLD_1D)
    cases = [Case("x = 3, theta = 4", args=(3, 4), judge=judge, note="x = 3, theta = 4")]
    # A large x makes the rounding error of the difference large in absolute terms: only the ratio stays tiny.
    for seed, scale in [(7, 1.0), (8, 1e4), (9, 100.0)]:
        x, theta = np.random.default_rng(seed).uniform(1, 5, size=2) * [scale, 1]
        cases.append(Case(f"random x, theta (seed {seed})", args=(float(x), float(theta)), judge=judge,
                          note=f"x = {x:.4g}, theta = {theta:.4g}"))
    cases.append(Case("x = 3, theta = 4, epsilon = 1e-4", args=(3, 4), kwargs={"epsilon": 1e-4}, judge=judge,
                      note="x = 3, theta = 4, epsilon = 1e-4"))
    cases.append(Case("a backward that doubles the derivative", args=(3, 4), judge=judge,
                      swap={"backward_propagation": f"{_HERE}:backward_doubled"},
                      note="x = 3, theta = 4, with a backward_propagation that returns 2x"))
    cases.append(Case("a backward with the wrong sign", args=(2, 5), judge=judge,
                      swap={"backward_propagation": f"{_HERE}:backward_negated"},
                      note="x = 2, theta = 5, with a backward_propagation that returns -x"))
    cases.append(Case("a backward with the wrong sign, x < 0", args=(-4, 1.5), judge=judge,
                      swap={"backward_propagation": f"{_HERE}:backward_negated"},
                      note="x = -4, theta = 1.5, with a backward_propagation that returns -x"))
    cubic = {"forward_propagation": f"{_HERE}:forward_cubic", "backward_propagation": f"{_HERE}:backward_cubic"}
    for x, theta, epsilon in [(2, 1.5, 1e-4), (-1, 3, 1e-3)]:
        cases.append(Case(f"J = theta**3 x, x = {x}, theta = {theta}, epsilon = {epsilon:g}", args=(x, theta),
                          kwargs={"epsilon": epsilon}, judge=judge, swap=cubic,
                          note=f"x = {x}, theta = {theta}, epsilon = {epsilon:g}, with J = theta**3 x and its "
                               "derivative"))
    return cases


def original_network() -> tuple[dict, np.ndarray, np.ndarray]:
    """The original's test network: seed 1, X (4, 3), Y = [1, 1, 0], a 4-5-3-1 network with random biases."""
    np.random.seed(1)
    X = np.random.randn(4, 3)
    Y = np.array([[1, 1, 0]])
    shapes = [("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))]
    parameters = {key: np.random.randn(*shape) for key, shape in shapes}
    return parameters, X, Y


def random_network(seed: int, n_x: int, n_1: int, n_2: int, m: int) -> tuple[dict, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, :2] = [1, 0]  # both labels present
    parameters = {}
    for l, (n, n_prev) in enumerate([(n_1, n_x), (n_2, n_1), (1, n_2)], start=1):
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev))
        parameters[f"b{l}"] = rng.standard_normal((n, 1)) * 0.5
    return parameters, X, Y


def _network_case(name: str, network: tuple, backward, epsilon: float | None = None) -> Case:
    parameters, X, Y = network
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward(X, Y, cache)
    sizes = "-".join(str(parameters[f"W{l}"].shape[1]) for l in (1, 2, 3)) + "-1"
    note = f"a {sizes} network, X {X.shape}, gradients from {backward.__name__}"
    kwargs = {} if epsilon is None else {"epsilon": epsilon}
    note += f", epsilon = {epsilon:g}" if epsilon else ""
    return Case(name, args=(parameters, gradients, X, Y), kwargs=kwargs, judge=judge_difference(THRESHOLD_N),
                note=note)


def gradient_check_n_cases() -> list[Case]:
    return [
        _network_case("the original's network, buggy backprop", original_network(), backward_propagation_n),
        _network_case("the original's network, fixed backprop", original_network(), backward_propagation_n_fixed),
        _network_case("random 3-6-4-1 network, buggy backprop", random_network(11, 3, 6, 4, 5), backward_propagation_n),
        _network_case("random 2-3-5-1 network, fixed backprop", random_network(12, 2, 3, 5, 7),
                      backward_propagation_n_fixed),
        _network_case("random 6-4-2-1 network, buggy backprop", random_network(13, 6, 4, 2, 4), backward_propagation_n),
        _network_case("random 5-7-3-1 network, fixed backprop", random_network(14, 5, 7, 3, 6),
                      backward_propagation_n_fixed),
        # a one-sided difference is off by ~1e-5 here, a centred one by ~1e-9
        _network_case("random 2-3-5-1 network, fixed backprop, epsilon 1e-4", random_network(12, 2, 3, 5, 7),
                      backward_propagation_n_fixed, epsilon=1e-4),
        _network_case("random 4-5-3-1 network, buggy backprop", random_network(15, 4, 5, 3, 6), backward_propagation_n),
        _network_case("random 4-5-3-1 network, fixed backprop", random_network(16, 4, 5, 3, 9),
                      backward_propagation_n_fixed),
        _network_case("random 4-5-3-1 network, fixed backprop, epsilon 1e-4", random_network(17, 4, 5, 3, 7),
                      backward_propagation_n_fixed, epsilon=1e-4),
        _network_case("random 5-7-3-1 network, fixed backprop, epsilon 1e-4", random_network(14, 5, 7, 3, 6),
                      backward_propagation_n_fixed, epsilon=1e-4),
    ]


def on_the_original_network(cases: list[Case]) -> list[Case]:
    """The cases whose network is the original's 4-5-3-1, the only one its vector_to_dictionary can rebuild."""
    return [c for c in cases if all(c.args[0][key].shape == shape for key, shape in ORIGINAL_SHAPES.items())]


CHECKS = {
    "forward_propagation": forward_propagation_cases,
    "backward_propagation": backward_propagation_cases,
    "gradient_check": gradient_check_cases,
    "gradient_check_n": gradient_check_n_cases,
}
