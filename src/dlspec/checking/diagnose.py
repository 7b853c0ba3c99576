"""Explain a wrong answer: recognise the usual slips from how the output relates to the expected one.

Each detector looks at the first mismatching value (a Mismatch from compare.py) and the case's inputs, and returns
a sentence or None. They are cheap and run only on failures. Known mistakes of a specific function (mutants) are
matched in grade.py, which can run them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np

from dlspec.checking.compare import Mismatch, compare
from dlspec.checking.wire import TorchTensor


def _as_float(value: Any) -> np.ndarray | None:
    """``value`` as a float64 array when it is real numeric data (a tensor's values included), else None."""
    if isinstance(value, TorchTensor):
        value = value.array
    if isinstance(value, (int, float, np.integer, np.floating, np.bool_)):
        return np.asarray(value, dtype=np.float64)
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(np.float64)
    return None


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-5, atol=1e-8, equal_nan=False))


def _examples(args: tuple, axis: int) -> list[int]:
    """Candidate example counts m: the examples axis of each array input (-1: columns, as in the course's dense
    code; 0: (m, n_H, n_W, n_C) images; 1: (n_x, m, T_x) sequences)."""
    shapes = [tuple(a.shape) for a in args if isinstance(getattr(a, "shape", None), tuple)]  # ndarrays, tensors
    found = {int(s[axis]) for s in shapes if len(s) > (axis if axis >= 0 else -axis - 1) and s[axis] > 1}
    return sorted(found)


def axes_reordered(got: np.ndarray, expected: np.ndarray, axis: int) -> str | None:
    """Right numbers with the axes in another order: (n_H, n_W, n_C, m) where (m, n_H, n_W, n_C) was due."""
    if got.ndim < 3 or got.ndim > 5 or got.shape == expected.shape or sorted(got.shape) != sorted(expected.shape):
        return None
    for order in itertools.permutations(range(got.ndim)):
        moved = got.transpose(order)
        if moved.shape == expected.shape and _close(moved, expected):
            # where the examples ended up tells the learner most: they are the axis everything else hangs on
            due = axis % got.ndim
            at = order[due]  # expected axis i is axis order[i] of got
            examples = f"; the examples are on axis {at} instead of {due}" if at != due else ""
            order_note = f"the values are right but the axes are in another order: {got.shape} instead of "
            order_note += f"{expected.shape}"
            return order_note + examples
    return None


def not_finite(got: np.ndarray, expected: np.ndarray) -> str | None:
    bad = ~np.isfinite(got) & np.isfinite(expected) if got.shape == expected.shape else ~np.isfinite(got)
    if not bad.any():
        return None
    where = tuple(int(i) for i in np.argwhere(bad)[0]) if got.ndim else ()
    what = "NaN" if np.isnan(got[where]) else "inf"
    at = f" at {list(where)}" if where else ""
    return f"the output contains {what}{at}: look for log(0), 0/0 or exp of a large number"


def transposed(got: np.ndarray, expected: np.ndarray) -> str | None:
    if got.ndim >= 2 and got.shape != expected.shape and _close(got.T, expected):
        return f"the result is the transpose of the expected one ({got.shape} instead of {expected.shape})"
    return None


def reshaped(got: np.ndarray, expected: np.ndarray) -> str | None:
    """Right numbers, wrong shape: a dropped or extra axis of length 1 (keepdims, reshape)."""
    if got.shape == expected.shape or got.size != expected.size or got.ndim == expected.ndim:
        return None
    if not _close(got.reshape(expected.shape), expected):
        return None
    fix = (
        "drop the extra axis of length 1 (reshape the result)"
        if got.ndim > expected.ndim
        else "keep the reduced axis (keepdims=True) or reshape the result"
    )
    return f"the values are right but the shape is {got.shape} instead of {expected.shape}: {fix}"


def wrong_axis(got: np.ndarray, expected: np.ndarray) -> str | None:
    """A reduction over the wrong axis (the length-1 axis ended up elsewhere), or one that dropped its axis."""
    if got.shape == expected.shape or expected.ndim < 2 or 1 not in expected.shape:
        return None
    shapes = f"the shape is {got.shape} instead of {expected.shape}"
    if got.ndim == expected.ndim and 1 in got.shape and got.shape.index(1) != expected.shape.index(1):
        return f"{shapes}: the sum or mean seems to run over the wrong axis"
    if got.ndim == expected.ndim - 1:
        kept = list(expected.shape)
        del kept[expected.shape.index(1)]
        if tuple(kept) == got.shape:
            return f"{shapes}: keep the reduced axis (keepdims=True)"
        return f"{shapes}: the sum or mean seems to run over the wrong axis, and keepdims=True would keep it 2-D"
    return None


def sign_flip(got: np.ndarray, expected: np.ndarray) -> str | None:
    if np.any(expected != 0) and _close(got, -expected):
        return "the result has the wrong sign everywhere: check the minus signs"
    return None


def examples_factor(got: np.ndarray, expected: np.ndarray, args: tuple, axis: int) -> str | None:
    """Missing (or doubled) 1/m, where m is the number of examples."""
    if not np.any(expected != 0):
        return None
    for m in _examples(args, axis):
        if _close(got, expected * m):
            return f"the result is m = {m} times too large: is the 1/m (average over the examples) missing?"
        if _close(got, expected / m):
            return f"the result is m = {m} times too small: is the average over the examples taken twice?"
    return None


def constant_factor(got: np.ndarray, expected: np.ndarray) -> str | None:
    nonzero = expected != 0
    if got.shape != expected.shape or not nonzero.any() or np.any(got[~nonzero] != 0):
        return None
    if np.ptp(expected[nonzero]) == 0:  # one value (or all alike): any error at all looks like a factor
        return None
    ratios = got[nonzero] / expected[nonzero]
    c = float(np.median(ratios))
    if not np.isfinite(c) or c == 0 or np.isclose(c, 1.0) or not np.allclose(ratios, c, rtol=1e-5):
        return None
    return f"the result is off by a constant factor (got = {c:.4g} × expected): check the constants in the formula"


def array_for_scalar(got: Any, expected: Any) -> str | None:
    if isinstance(got, np.ndarray) and _as_float(expected) is not None and not isinstance(expected, np.ndarray):
        right = got.size == 1 and bool(np.isclose(float(got.ravel()[0]), float(expected)))
        value = " The number inside is right." if right else ""
        # .item(), not float(): NumPy 2 refuses float() of an array with dimensions, even of one element
        return f"a single number is due, not an array: take it out with .item().{value}"
    return None


def diagnose(mismatch: Mismatch, args: tuple, examples_axis: int = -1) -> list[str]:
    """The sentence that best explains ``mismatch`` (at most one: two guesses confuse more than they help).
    ``examples_axis``: which axis of the array inputs holds the examples (see _examples)."""
    if isinstance(mismatch.got, TorchTensor) != isinstance(mismatch.expected, TorchTensor):
        return []  # the type is the problem; the values may well be right
    found = array_for_scalar(mismatch.got, mismatch.expected)
    if found:
        return [found]
    got, expected = _as_float(mismatch.got), _as_float(mismatch.expected)
    if got is None or expected is None:
        return []
    checks = [
        not_finite(got, expected),
        transposed(got, expected),
        axes_reordered(got, expected, examples_axis),
        reshaped(got, expected),
        wrong_axis(got, expected),
    ]
    if got.shape == expected.shape:
        checks += [
            sign_flip(got, expected),
            examples_factor(got, expected, args, examples_axis),
            constant_factor(got, expected),
        ]
    return [c for c in checks if c][:1]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def parts(got: Any, expected: Any, rtol: float, atol: float, name: Callable[[str], str]) -> str | None:
    """For a result of several parts (a tuple, or a dict such as the gradients) of which some are right: which
    are right and which differ. Where the right ones stop, the slip begins: a backward pass whose dW3 is right and
    dA2 is not went wrong between the two. ``name`` turns a path ("[1]") into the part's name."""
    if isinstance(expected, dict) and isinstance(got, dict) and set(got) == set(expected):
        pairs = [(str(k), got[k], expected[k]) for k in expected]
    elif isinstance(expected, tuple) and isinstance(got, (tuple, list)) and len(got) == len(expected):
        pairs = [(name(f"[{i}]"), g, e) for i, (g, e) in enumerate(zip(got, expected, strict=True))]
    else:
        return None
    right = [p for p, g, e in pairs if compare(g, e, rtol, atol) is None]
    wrong = [p for p, g, e in pairs if p not in right]
    if not right or not wrong:
        return None
    verbs = ("is" if len(right) == 1 else "are"), ("differs" if len(wrong) == 1 else "differ")
    return f"{_listed(right)} {verbs[0]} right; {_listed(wrong)} {verbs[1]}"
