"""Cases for C6W2A1, echo-state networks.

``init_reservoir`` draws random numbers, so its cases are judged on properties: shapes, the spectral radius (to
1e-6), the share of non-zero entries (within the spread a fair coin per entry gives), input weights spread over
±input_scaling with both signs. The other functions are deterministic and compared with the reference; their cases
isolate one term first (the input and bias alone, the recurrence alone, the leak over one step; plain least
squares before the washout and the ridge term; one generated step, which is the readout alone), then whole runs on
odd sizes, so that a transposed matrix or a missing term cannot pass.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case


def _reservoir(rng: np.random.Generator, n_units: int, n_inputs: int, radius: float = 0.9):
    """A dense, non-symmetric W scaled to ``radius`` and W_in (n_units, 1 + n_inputs), without init_reservoir."""
    W = rng.uniform(-1, 1, (n_units, n_units))
    W *= radius / np.max(np.abs(np.linalg.eigvals(W)))
    return W, rng.uniform(-1, 1, (n_units, 1 + n_inputs))


def _note(**arrays) -> str:
    return ", ".join(f"{k} {v.shape}" if isinstance(v, np.ndarray) else f"{k} {v}" for k, v in arrays.items())


# --- init_reservoir ------------------------------------------------------------------------------------------------


def _density_spread(n_units: int, density: float) -> float:
    """How far the share of non-zero entries may stray: four standard deviations of a coin per entry, plus a
    percent for a solution that zeroes an exact count instead."""
    return 4 * np.sqrt(density * (1 - density) / n_units**2) + 0.01


def judge_reservoir(got, expected, args) -> str | None:
    """Any draw is right that has the shapes, the exact spectral radius, about the density asked for, and input
    weights uniform-looking in ±input_scaling."""
    n_units, n_inputs, radius, density, scaling = args
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return "return the pair (W, W_in)"
    W, W_in = (np.asarray(a) for a in got)
    if W.shape != (n_units, n_units):
        return f"W has shape {W.shape}, expected ({n_units}, {n_units})"
    if W_in.shape == (n_units, n_inputs):
        return (f"W_in has shape {W_in.shape}: it needs one more column, column 0, for the constant input 1 (a bias "
                f"per unit): ({n_units}, 1 + n_inputs)")
    if W_in.shape != (n_units, 1 + n_inputs):
        return f"W_in has shape {W_in.shape}, expected ({n_units}, {1 + n_inputs})"
    share = np.mean(W != 0)
    spread = _density_spread(n_units, density)
    if abs(share - density) > spread:
        if abs(share - (1 - density)) <= spread:
            return (f"{share:.1%} of W's entries are non-zero, expected about {density:.0%}: density is the share "
                    "kept, so zero the entries where a uniform draw is >= density")
        return f"{share:.1%} of W's entries are non-zero, expected about {density:.0%} (density)"
    eig = np.max(np.abs(np.linalg.eigvals(W)))
    if not np.isclose(eig, radius, rtol=1e-6, atol=0):
        if np.isclose(np.linalg.norm(W, 2), radius, rtol=1e-6):
            return (f"W's spectral radius is {eig:.6g}, expected {radius}: you scaled by the largest singular value "
                    "(the 2-norm); the spectral radius is the largest |eigenvalue|, np.abs(np.linalg.eigvals(W)).max()")
        if np.isclose(eig, 1, rtol=1e-6) and radius != 1:
            return (f"W's spectral radius is 1, expected {radius}: after dividing by the current radius, multiply by "
                    "spectral_radius")
        return (f"W's spectral radius (largest |eigenvalue|) is {eig:.6g}, expected {radius}: rescale W last, after "
                "zeroing entries, by spectral_radius / max|eig(W)|")
    nonzero = W[W != 0]
    if nonzero.size >= 20 and (np.all(nonzero > 0) or np.all(nonzero < 0)):
        return "every non-zero entry of W has the same sign: draw them uniform in [-1, 1], centred on zero"
    top = np.max(np.abs(W_in))
    if top > scaling * (1 + 1e-9):
        return f"W_in has an entry of size {top:.4g}, beyond input_scaling = {scaling}: draw uniform in ±input_scaling"
    if W_in.size >= 40 and (np.all(W_in >= 0) or np.all(W_in <= 0)):
        return "every entry of W_in has the same sign: draw uniform in [-input_scaling, input_scaling]"
    if W_in.size >= 40 and top < 0.8 * scaling:
        return (f"W_in's entries stay within ±{top:.3g}, far inside ±input_scaling = {scaling}: scale the uniform "
                "draw by input_scaling")
    return None


def init_reservoir_cases() -> list[Case]:
    # at most 80 units: from about 100, LAPACK's eigenvalues go multi-threaded, and on a busy two-core machine a
    # 120-unit case took 0.2 s instead of 0.02 s
    sizes = [(50, 1, 1.25, 0.1, 1.0), (70, 2, 0.9, 0.2, 0.5), (80, 3, 0.5, 0.05, 2.0), (60, 1, 1.5, 0.3, 0.1),
             (40, 1, 0.8, 1.0, 1.0)]
    names = ["the lesson's settings, 50 units", "two inputs, density 0.2, input scaling 0.5",
             "three inputs, sparse (density 0.05), input scaling 2", "density 0.3, weak inputs (scaling 0.1)",
             "dense (density 1)"]
    return [Case(name, args=s, seed=seed, judge=judge_reservoir,
                 note=f"n_units {s[0]}, n_inputs {s[1]}, spectral_radius {s[2]}, density {s[3]}, input_scaling {s[4]}")
            for seed, (name, s) in enumerate(zip(names, sizes, strict=True))]


# --- reservoir_states ----------------------------------------------------------------------------------------------


def _states_case(name: str, W, W_in, u, leak_rate, x0=None) -> Case:
    args = (W, W_in, u, leak_rate) if x0 is None else (W, W_in, u, leak_rate, x0)
    extra = {} if x0 is None else {"x0": x0}
    return Case(name, args=args, keep_args=True, note=_note(W=W, W_in=W_in, u=u, leak_rate=leak_rate, **extra))


def reservoir_states_cases() -> list[Case]:
    rng = np.random.default_rng(20)
    W, W_in = _reservoir(rng, 5, 1)
    cases = [
        _states_case("one step from rest, leak rate 1: x(0) = tanh(W_in [1; u(0)]), bias and input only",
                     W, W_in, rng.uniform(-1, 1, (1, 1)), 1.0),
        _states_case("no input weights, leak rate 1, from x0: x(t) = tanh(W x(t-1)), the recurrence only",
                     W, np.zeros_like(W_in), np.zeros((3, 1)), 1.0, rng.uniform(-1, 1, 5)),
        _states_case("one step from x0 with leak rate 0.3: x(0) = 0.7 x0 + 0.3 tanh(...)",
                     W, W_in, rng.uniform(-1, 1, (1, 1)), 0.3, rng.uniform(-1, 1, 5)),
        _states_case("the lesson's example: 6 steps from rest, leak rate 0.3", W, W_in,
                     rng.uniform(-1, 1, (6, 1)), 0.3),
    ]
    for seed, (n_units, n_inputs, T, leak, start) in enumerate([(30, 2, 40, 0.5, True), (20, 1, 25, 0.1, False),
                                                                 (12, 3, 9, 1.0, True)], start=21):
        rng = np.random.default_rng(seed)
        W, W_in = _reservoir(rng, n_units, n_inputs, radius=1.2)
        u = rng.uniform(-1, 1, (T, n_inputs))
        x0 = rng.uniform(-1, 1, n_units) if start else None
        cases.append(_states_case(f"{n_units} units, {n_inputs} input(s), {T} steps, leak rate {leak}"
                                  + (", from x0" if start else ""), W, W_in, u, leak, x0))
    return cases


# --- ridge_readout -------------------------------------------------------------------------------------------------


def _readout_case(name: str, rng: np.random.Generator, T: int, N: int, n_out: int, ridge: float,
                  washout: int) -> Case:
    states = np.tanh(rng.standard_normal((T, N)))
    # targets a readout can nearly fit, plus noise, so that the ridge term visibly changes the answer
    targets = 0.3 + states @ rng.standard_normal((N, n_out)) + 0.1 * rng.standard_normal((T, n_out))
    # the first rows are wild: a solution that keeps them gets another answer
    targets[:washout] += 5 * rng.standard_normal((washout, n_out))
    return Case(name, args=(states, targets, ridge, washout),
                note=_note(states=states, targets=targets, ridge=ridge, washout=washout))


def ridge_readout_cases() -> list[Case]:
    rng = np.random.default_rng(30)
    return [
        _readout_case("no ridge, no washout: least squares with a bias column", rng, 20, 3, 1, 0.0, 0),
        _readout_case("washout 5, no ridge: the first 5 rows are left out", rng, 20, 3, 1, 0.0, 5),
        _readout_case("ridge 2, no washout: every weight, the bias too, is pulled towards 0", rng, 20, 3, 1, 2.0, 0),
        _readout_case("the lesson's example: 4 units, washout 10, ridge 1e-3", rng, 60, 4, 1, 1e-3, 10),
        _readout_case("two outputs, 25 units, washout 20, ridge 0.1", rng, 200, 25, 2, 0.1, 20),
        _readout_case("40 units, washout 7, ridge 1e-6", rng, 150, 40, 1, 1e-6, 7),
    ]


# --- nrmse ---------------------------------------------------------------------------------------------------------


def nrmse_cases() -> list[Case]:
    y = np.array([0.0, 1.0, 2.0, 3.0])
    cases = [Case("the lesson's example: y = [0, 1, 2, 3], y_hat = y + 0.5, std", args=(y, y + 0.5),
                  note="norm left at its default"),
             Case("the same, norm='range'", args=(y, y + 0.5, "range"))]
    rng = np.random.default_rng(40)
    for T, norm, offset in [(50, "std", 5.0), (80, "range", -3.0), (30, "std", 0.0)]:
        y = offset + np.cumsum(rng.standard_normal((T, 1)), axis=0)
        y_hat = 0.6 * y + 0.4 * offset + 0.3 * rng.standard_normal((T, 1))  # a spread unlike the target's
        cases.append(Case(f"a column of {T} steps around {offset:g}, norm='{norm}'",
                          args=(y, y_hat, norm), note=_note(y=y, y_hat=y_hat)))
    return cases


# --- generate ------------------------------------------------------------------------------------------------------


def _generate_case(name: str, rng: np.random.Generator, N: int, n: int, n_steps: int, leak: float) -> Case:
    W, W_in = _reservoir(rng, N, n)
    W_out = 0.3 * rng.standard_normal((N + 1, n))
    x = rng.uniform(-1, 1, N)
    return Case(name, args=(W, W_in, W_out, x, n_steps, leak), keep_args=True,
                note=_note(W=W, W_in=W_in, W_out=W_out, x=x, n_steps=n_steps, leak_rate=leak))


def generate_cases() -> list[Case]:
    rng = np.random.default_rng(50)
    return [
        _generate_case("one step: the readout of x, W_out[0] + x @ W_out[1:]", rng, 6, 1, 1, 0.3),
        _generate_case("two steps, leak rate 1: the first output fed back once", rng, 6, 1, 2, 1.0),
        _generate_case("the lesson's example: 8 units, 5 steps, leak rate 0.3", rng, 8, 1, 5, 0.3),
        _generate_case("two outputs fed back as two inputs, 30 units, 12 steps, leak rate 0.5", rng, 30, 2, 12, 0.5),
        _generate_case("15 units, 20 steps, leak rate 0.1", rng, 15, 1, 20, 0.1),
    ]


CHECKS = {
    "init_reservoir": init_reservoir_cases,
    "reservoir_states": reservoir_states_cases,
    "ridge_readout": ridge_readout_cases,
    "nrmse": nrmse_cases,
    "generate": generate_cases,
}
