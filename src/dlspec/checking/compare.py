"""Compare what a function returned with what the reference returned, and say exactly where they differ.

Numbers are compared with the case's tolerances, never exactly. Types matter where the course's conventions make
them matter: a (1, 1) array is not a float, a dict needs the same keys. They do not matter where they are an
implementation detail: np.float64 is a float, a bool array equals a 0/1 array, a list holds what a tuple does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlspec.checking.wire import TorchTensor, Unsupported, as_torch_tensor

_NUMBER = (int, float, complex, np.number, np.bool_)


@dataclass
class Mismatch:
    """The first place ``got`` differs from ``expected``: the path to it, what is wrong, and both values there."""

    path: str  # "" for the value itself, else like "['dW1']" or "[0]"
    problem: str
    got: Any
    expected: Any


def describe(value: Any) -> str:
    """A short type description: 'float64 array of shape (4, 1)', 'float', 'numpy.float64', 'tuple of 2'."""
    if isinstance(value, np.ndarray):
        return f"{value.dtype} array of shape {value.shape}"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__}"
    if isinstance(value, Unsupported):
        return value.type_name
    if isinstance(value, TorchTensor):
        return f"{value.dtype} tensor of shape {tuple(value.array.shape)}"
    if isinstance(value, (tuple, list, dict)):
        return f"{type(value).__name__} of {len(value)}"
    return type(value).__name__


def _items(values: tuple | list, shown: int = 6) -> str:
    """What a tuple or list holds, item by item: 'dict of 4, list of 1'."""
    return ", ".join([describe(v) for v in values[:shown]] + (["..."] if len(values) > shown else []))


def _scalar_kind(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "int"
    if isinstance(value, (complex, np.complexfloating)):
        return "complex"
    return "float"


def _expected_got(expected: Any, got: Any) -> str:
    """'expected -1.06904, got -1.069041': six significant digits, or as many more as it takes for two different
    numbers not to print alike (a difference of 1e-9 on -1.06904 needs ten)."""
    for digits in range(6, 18):
        e, g = f"{expected:.{digits}g}", f"{got:.{digits}g}"
        if e != g:
            break
    return f"expected {e}, got {g}"


def _numeric(a: np.ndarray) -> bool:
    return a.dtype.kind in "biufc"


def compare_values(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> str | None:
    """Elementwise comparison of two same-shape numeric arrays; None when close, else the error statistics."""
    dtype = np.complex128 if "c" in (got.dtype.kind, expected.dtype.kind) else np.float64
    g, e = got.astype(dtype), expected.astype(dtype)
    if np.array_equal(g, e):  # the usual case (a cache hands back its inputs), some 20 times cheaper than isclose
        return None
    close = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    bad = ~close
    with np.errstate(all="ignore"):
        err = np.abs(g - e)
    finite = bad & np.isfinite(err)
    relative = finite & (e != 0)  # relative to zero is meaningless
    stats = f"max abs error {err[finite].max():.3g}" if finite.any() else "the differences are not finite"
    if relative.any():
        stats += f", max rel error {(err[relative] / np.abs(e[relative])).max():.3g}"
    if e.ndim == 0:
        return f"{_expected_got(e[()], g[()])} ({stats})"
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    where = "[" + ", ".join(map(str, first)) + "]"
    return (
        f"values differ at {int(bad.sum())} of {bad.size} positions; {stats}; "
        f"first at {where}: {_expected_got(e[first], g[first])}"
    )


def _compare_array(got: Any, expected: np.ndarray, rtol: float, atol: float) -> str | None:
    if isinstance(got, _NUMBER) and expected.ndim == 0:
        got = np.asarray(got)  # a float where a 0-d array was due is the same number
    if not isinstance(got, np.ndarray):
        return f"expected {describe(expected)}, got {describe(got)}"
    if got.shape != expected.shape:
        return f"expected shape {expected.shape}, got shape {got.shape}"
    if _numeric(got) and _numeric(expected):
        return compare_values(got, expected, rtol, atol)
    if got.dtype.kind != expected.dtype.kind or not np.array_equal(got, expected):
        return f"expected {describe(expected)} {expected.tolist()!r:.200}, got {describe(got)} {got.tolist()!r:.200}"
    return None


def _compare_scalar(got: Any, expected: Any, rtol: float, atol: float) -> str | None:
    kind = _scalar_kind(expected)
    # A 0-d array is a number in all but name; the original course's own starter code produced one
    # (np.squeeze of a cost), so notebooks saved from it must grade unchanged. Arrays with a dimension are not.
    if isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "biuf":
        got = got[()]
    if isinstance(got, np.ndarray):
        return f"returned an ndarray of shape {got.shape} where a {kind} was due"
    if not isinstance(got, _NUMBER):
        return f"returned a {describe(got)} where a {kind} was due"
    return compare_values(np.asarray(got), np.asarray(expected), rtol, atol)


def _equal(got: Any, expected: Any) -> bool:
    try:
        return bool(got == expected)
    except Exception:  # an elementwise or failing __eq__ means "not the same thing"
        return False


def _compare_tensor(got: Any, expected: TorchTensor, rtol: float, atol: float, path: str) -> Mismatch | None:
    if not isinstance(got, TorchTensor):
        kind = "an ndarray" if isinstance(got, np.ndarray) else f"a {describe(got)}"
        return Mismatch(path, f"returned {kind} where a torch.Tensor was due", got, expected)
    if got.dtype != expected.dtype:  # PyTorch refuses to mix dtypes in a product, so this breaks the next step
        return Mismatch(path, f"returned a {got.dtype} tensor where {expected.dtype} was due", got, expected)
    if expected.requires_grad and not got.requires_grad:
        problem = (
            "the result does not require gradients, so backward() cannot reach the inputs: keep every step in "
            "PyTorch (no .numpy(), .item(), .detach() or torch.tensor() of an intermediate result)"
        )
        return Mismatch(path, problem, got, expected)
    problem = _compare_array(got.array, expected.array, rtol, atol)
    return Mismatch(path, problem, got, expected) if problem else None


def compare(got: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-8, path: str = "") -> Mismatch | None:
    """None when ``got`` matches ``expected`` within tolerance, else the first Mismatch (depth first)."""
    if isinstance(got, Unsupported):
        return Mismatch(path, f"returned a value of unsupported type {got.type_name}", got, expected)
    # the reference's own result is a live tensor; the learner's came back over the wire as a TorchTensor
    got, expected = as_torch_tensor(got) or got, as_torch_tensor(expected) or expected
    if isinstance(expected, TorchTensor):
        return _compare_tensor(got, expected, rtol, atol, path)
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return Mismatch(path, f"expected a dict, got {describe(got)}", got, expected)
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            parts = [f"missing key(s) {', '.join(map(repr, missing))}"] if missing else []
            parts += [f"unexpected key(s) {', '.join(map(repr, extra))}"] if extra else []
            return Mismatch(path, "; ".join(parts), got, expected)
        for k in expected:
            found = compare(got[k], expected[k], rtol, atol, f"{path}[{k!r}]")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(got, np.ndarray) and got.ndim == 1:
        got = list(got)  # costs as np.array(costs): the same numbers in the same order, plotted the same
    if isinstance(expected, (tuple, list)):
        # a list where a tuple was due (or the reverse) holds the same items in the same order, and nothing in the
        # course cares which: caches are only unpacked and indexed
        if type(got) not in (tuple, list):
            alone = next((i for i, e in enumerate(expected) if describe(e) == describe(got)), None)
            also = "" if alone is None else f", the type of item {alone} alone"
            return Mismatch(path, f"expected a {describe(expected)} ({_items(expected)}), got {describe(got)}{also}",
                            got, expected)
        if len(got) != len(expected):
            problem = f"expected {len(expected)} items ({_items(expected)}), got {len(got)} ({_items(got)})"
            return Mismatch(path, problem, got, expected)
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            found = compare(g, e, rtol, atol, f"{path}[{i}]")
            if found:
                return found
        return None
    if isinstance(expected, np.ndarray):
        problem = _compare_array(got, expected, rtol, atol)
    elif isinstance(expected, _NUMBER):
        problem = _compare_scalar(got, expected, rtol, atol)
    elif expected is None or isinstance(expected, str):
        same = type(got) is type(expected) and got == expected
        problem = None if same else f"expected {expected!r:.200}, got {got!r:.200}"
    else:
        problem = None if _equal(got, expected) else f"expected {describe(expected)}, got {describe(got)}"
    return Mismatch(path, problem, got, expected) if problem else None
