"""Cases for C1W3A1. The first case of each function is the original notebook's example; the rest are random,
with shapes chosen so that a hard-coded size, a swapped axis or a forgotten bias shows."""

import numpy as np

from dlspec.checking.spec import Case
from dlspec.nn.shallow import forward_propagation

PARAM_KEYS = ("W1", "b1", "W2", "b2")

# The original's fixtures (numbers are facts): a freshly initialised network and one gradient step for it.
W1_INIT = np.array([[-0.00416758, -0.00056267], [-0.02136196, 0.01640271], [-0.01793436, -0.00841747],
                    [0.00502881, -0.01245288]])
W2_INIT = np.array([[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])
_TRAINED = {
    "W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121], [-0.0169217, -0.01752545],
                    [0.00935436, -0.05018221]]),
    "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
    "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
    "b2": np.array([[9.14954378e-05]]),
}
_STEP = {
    "dW1": np.array([[0.00023322, -0.00205423], [0.00082222, -0.00700776], [-0.00031831, 0.0028636],
                     [-0.00092857, 0.00809933]]),
    "db1": np.array([[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07], [5.46467802e-07]]),
    "dW2": np.array([[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03]]),
    "db2": np.array([[-1.08923140e-05]]),
}


def fresh(arrays):
    """A copy, so that a solution which modifies its inputs in place cannot change the next case's."""
    return {k: v.copy() for k, v in arrays.items()}


def legacy(seed):
    """NumPy's legacy generator, seeded: how the original built its fixtures (without touching global state)."""
    return np.random.RandomState(seed)


def random_params(rng, n_x, n_h, n_y=1):
    """Parameters of a network that has trained a while: unit-scale weights, non-zero biases."""
    return {"W1": rng.standard_normal((n_h, n_x)), "b1": rng.standard_normal((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)), "b2": rng.standard_normal((n_y, 1))}


def labels(rng, m):
    return (rng.random((1, m)) > 0.5).astype(float)


def layer_sizes_cases():
    r = legacy(1)
    cases = [Case("original example", (r.randn(5, 3), r.randn(2, 3)), note="X (5,3), Y (2,3)")]
    for seed, (n_x, n_y, m) in enumerate([(3, 1, 10), (7, 3, 2), (1, 1, 6)], start=1):
        rng = np.random.default_rng(seed)
        X, Y = rng.standard_normal((n_x, m)), rng.standard_normal((n_y, m))
        cases.append(Case(f"random {seed}", (X, Y), note=f"X ({n_x},{m}), Y ({n_y},{m})"))
    return cases


def judge_initialization(got, expected, args):
    """Any draw of small Gaussian weights with zero biases is right; the original's seeded numbers are too."""
    if not isinstance(got, dict) or set(got) != set(PARAM_KEYS):
        return f"expected a dict with keys {', '.join(PARAM_KEYS)}, got {type(got).__name__}"
    for key in PARAM_KEYS:
        value = got[key]
        if not isinstance(value, np.ndarray):
            return f"{key} should be a numpy array, got {type(value).__name__}"
        if value.shape != expected[key].shape:
            return f"{key} has shape {value.shape}, expected {expected[key].shape}"
    if all(np.allclose(got[k], expected[k]) for k in PARAM_KEYS):
        return None
    for key in ("b1", "b2"):
        if np.any(got[key] != 0):
            return f"{key} should start at zero: only the weights need to be random"
    for key in ("W1", "W2"):
        W = got[key]
        if W.size > 1 and np.all(W == W.flat[0]):
            return f"all entries of {key} are equal: every hidden unit would learn the same thing"
        if np.abs(W).max() > 0.1 or W.std() > 0.03:
            return f"{key} is too large (std {W.std():.3g}): draw from a standard normal and scale by 0.01"
        # With 16 or more draws, a standard normal gives both signs except with probability 2**-15.
        if W.size >= 16 and (np.all(W > 0) or np.all(W < 0)):
            return f"every entry of {key} has the same sign: draw from a normal distribution centred on zero"
        if W.size >= 16 and W.std() < 0.003:
            return f"{key} is too small (std {W.std():.3g}): scale a standard normal by 0.01"
    return None


def initialize_parameters_cases():
    sizes = [(3, 5, 2), (20, 10, 1), (6, 30, 3), (40, 4, 1)]
    seeds = [2, 0, 7, 11]
    return [
        Case("original example" if i == 0 else f"random {i}", (n_x, n_h, n_y), seed=seed,
             judge=judge_initialization, note=f"n_x={n_x}, n_h={n_h}, n_y={n_y}")
        for i, ((n_x, n_h, n_y), seed) in enumerate(zip(sizes, seeds, strict=True))
    ]


def forward_propagation_cases():
    r = legacy(1)
    X, b1 = r.randn(2, 3), r.randn(4, 1)
    params = {"W1": W1_INIT, "b1": b1, "W2": W2_INIT, "b2": np.array([[-1.3]])}
    cases = [Case("original example", (X, params), note="X (2,3), n_h 4")]
    for seed, (n_x, n_h, m) in enumerate([(3, 5, 7), (1, 2, 4), (6, 3, 11)], start=1):
        rng = np.random.default_rng(seed)
        cases.append(Case(f"random {seed}", (rng.standard_normal((n_x, m)), random_params(rng, n_x, n_h)),
                          note=f"X ({n_x},{m}), n_h {n_h}"))
    return cases


def compute_cost_cases():
    Y = legacy(1).randn(1, 5) > 0
    A2 = np.array([[0.5002307, 0.49985831, 0.50023963, 0.25, 0.7]])
    cases = [Case("original example", (A2, Y), note="A2 (1,5), Y (1,5) booleans")]
    for seed, m in enumerate([4, 9, 13], start=1):
        rng = np.random.default_rng(seed)
        A2 = rng.uniform(0.05, 0.95, (1, m))
        cases.append(Case(f"random {seed}", (A2, labels(rng, m)), note=f"A2 (1,{m}), Y (1,{m})"))
    return cases


def backward_propagation_cases():
    # The original's cache is random, not produced by a forward pass (its Z1 even has the wrong shape): a
    # solution that reads only A1 and A2 from the cache, as the lesson asks, gets it right.
    r = legacy(1)
    X, Y = r.randn(3, 7), r.randn(1, 7) > 0
    params = {"W1": r.randn(9, 3), "W2": r.randn(1, 9), "b1": np.zeros((9, 1)), "b2": np.zeros((1, 1))}
    cache = {"A1": r.randn(9, 7), "A2": r.randn(1, 7), "Z1": r.randn(7, 9), "Z2": r.randn(1, 7)}
    note = "X (3,7), n_h 9; this cache holds random numbers, not a forward pass: use only its A1 and A2"
    cases = [Case("original example", (params, cache, X, Y), note=note)]
    for seed, (n_x, n_h, m) in enumerate([(2, 4, 5), (4, 3, 8), (3, 6, 2)], start=1):
        rng = np.random.default_rng(seed)
        X, params = rng.standard_normal((n_x, m)), random_params(rng, n_x, n_h)
        _, cache = forward_propagation(X, params)
        cases.append(Case(f"random {seed}", (params, cache, X, labels(rng, m)), note=f"X ({n_x},{m}), n_h {n_h}"))
    return cases


def update_parameters_cases():
    cases = [Case("original example", (fresh(_TRAINED), fresh(_STEP)), note="n_x 2, n_h 4, default learning rate",
                  keep_args=True)]
    for seed, (n_x, n_h, rate) in enumerate([(3, 5, 0.05), (2, 7, 2.0), (5, 3, None)], start=1):
        rng = np.random.default_rng(seed)
        params = random_params(rng, n_x, n_h)
        grads = {"d" + k: v for k, v in random_params(rng, n_x, n_h).items()}
        kwargs = {} if rate is None else {"learning_rate": rate}
        cases.append(Case(f"random {seed}", (params, grads), kwargs,
                          note=f"n_x {n_x}, n_h {n_h}, learning_rate {rate or 'default'}", keep_args=True))
    return cases


def nn_model_cases():
    # Every case seeds 3 just before the call: the 2017-2020 notebooks called np.random.seed(3) inside nn_model
    # and the current one leaves seeding to the caller, so both draw the same initial parameters and both pass.
    # A thousand steps or fewer keep the check fast.
    r = legacy(1)
    X, Y = r.randn(2, 3), r.randn(1, 3) > 0
    cases = [Case("original example", (X, Y, 4), {"num_iterations": 1000}, seed=3, rtol=1e-5,
                  note="X (2,3), n_h 4, 1000 steps")]
    for seed, (n_x, n_h, m, steps) in enumerate([(3, 2, 6, 50), (2, 5, 10, 120), (4, 3, 5, 30)], start=1):
        rng = np.random.default_rng(seed)
        cases.append(Case(f"random {seed}", (rng.standard_normal((n_x, m)), labels(rng, m), n_h),
                          {"num_iterations": steps}, seed=3, rtol=1e-5,
                          note=f"X ({n_x},{m}), n_h {n_h}, {steps} steps"))
    return cases


def predict_cases():
    X = legacy(1).randn(2, 3)
    cases = [Case("original example", (fresh(_TRAINED), X), note="X (2,3), n_h 4")]
    for seed, (n_x, n_h, m) in enumerate([(3, 5, 8), (5, 2, 10)], start=1):
        rng = np.random.default_rng(seed)
        cases.append(Case(f"random {seed}", (random_params(rng, n_x, n_h), rng.standard_normal((n_x, m))),
                          note=f"X ({n_x},{m}), n_h {n_h}"))
    rng = np.random.default_rng(3)
    untrained = {**random_params(rng, 2, 3), "W2": np.zeros((1, 3)), "b2": np.zeros((1, 1))}
    cases.append(Case("output exactly 0.5", (untrained, rng.standard_normal((2, 6))),
                      note="X (2,6), all-zero output layer: every A2 is 0.5, which is not above 0.5"))
    return cases


CHECKS = {
    "layer_sizes": layer_sizes_cases,
    "initialize_parameters": initialize_parameters_cases,
    "forward_propagation": forward_propagation_cases,
    "compute_cost": compute_cost_cases,
    "backward_propagation": backward_propagation_cases,
    "update_parameters": update_parameters_cases,
    "nn_model": nn_model_cases,
    "predict": predict_cases,
}
