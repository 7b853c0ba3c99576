"""Find what a function's result shares: two places in it that are one object, or one object with an input.

``v = s = {}`` returns one dict twice: every value in it is right, and the first update then overwrites one moment
with the other. Identity is lost once a result crosses to the parent as data (dlspec.checking.wire), so the
runner looks here, while the objects still exist, and reports the shared places as paths. Only what can be
changed in place counts: dicts, lists and NumPy arrays (two arrays share when their memory overlaps, a view and
its base included; slices of one array that do not overlap, as mini-batches are, do not).

Paths use compare.py's form ("[1]['dW1']"); an input's path starts with its position ("<0>['W1']") or, for a
keyword argument, its name ("<beta>").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from dlspec.checking.wire import MAX_DEPTH

# an exact overlap test of two strided arrays can take long; past this much work they count as not sharing,
# so a hard case costs a missed report, never a false failure
_MAX_WORK = 10_000


def _places(value: Any, path: str, seen: set[int], depth: int = 0) -> Iterator[tuple[str, Any]]:
    """Every dict, list and array in ``value`` with its path, depth first; a container met again is yielded but
    not entered (its contents are already listed under its first path), nor is one nested deeper than the wire
    carries (a result that deep fails there, as unsupported)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, np.ndarray):
        yield path, value
    elif isinstance(value, (dict, list, tuple)):
        if not isinstance(value, tuple):
            yield path, value
            if id(value) in seen:
                return
            seen.add(id(value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _places(item, f"{path}[{key!r}]", seen, depth + 1)


def _overlap(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or not np.may_share_memory(a, b):
        return False
    try:
        return bool(np.shares_memory(a, b, max_work=_MAX_WORK))
    except np.exceptions.TooHardError:
        return False


def kind(value: Any) -> str:
    """'array', 'dict' or 'list': what a shared place holds, for the message."""
    return "array" if isinstance(value, np.ndarray) else type(value).__name__


def inputs(args: tuple, kwargs: dict) -> list[tuple[str, Any]]:
    """The changeable objects among a call's inputs, with their paths; taken before the call, so that an entry
    the function rebinds (``v[k] = ...``) still stands for what the caller passed."""
    seen: set[int] = set()
    found = [p for i, a in enumerate(args) for p in _places(a, f"<{i}>", seen)]
    return found + [p for k, a in kwargs.items() for p in _places(a, f"<{k}>", seen)]


def shared(result: Any, given: list[tuple[str, Any]] = ()) -> list[tuple[str, str, str]]:
    """``(path, other path, kind)`` for each place in ``result`` that is (or overlaps) an earlier place in it or an
    input of ``given`` (see ``inputs``). Inside a container already reported, nothing more is reported."""
    found: list[tuple[str, str, str]] = []
    earlier = list(given)
    for path, obj in _places(result, "", set()):
        if any(path == p or path.startswith(p + "[") for p, _, _ in found):
            continue
        other = next((p for p, o in earlier if _overlap(obj, o)), None)
        if other is not None:
            found.append((path, other, kind(obj)))
        earlier.append((path, obj))
    return found


def unexpected(found: list, reference: list) -> list[tuple[str, str, str]]:
    """The places of ``found`` that the reference's result does not share too: a cache that keeps the very
    arrays it was given, as the reference's does, is fine. So is a place that holds, in the reference's result, an
    object found elsewhere in it too: a record of another value (the state a step started from, in an RNN's
    caches), which the learner's may take from another place that holds it (the stacked states, a[:, :, t - 1])."""
    expected = {frozenset(pair[:2]) for pair in reference}
    records = {pair[0] for pair in reference if not pair[1].startswith("<")}
    return [tuple(pair) for pair in found if frozenset(pair[:2]) not in expected and pair[0] not in records]


def message(place: str, other: str, what: str, to_input: bool) -> tuple[str, str]:
    """What is wrong with ``place`` sharing ``other`` (both already named), and what to do instead."""
    if to_input:
        return (f"{place} is the {what} {other} that it was given (or a view of it): changing one in place changes "
                "the other", f"Return a new {what}: compute a new one, or .copy() it.")
    if what == "array":
        return (f"{other} and {place} are the same array (or views of one): updating one in place (+=, -=) changes "
                "the other", "Give each its own array: one np.zeros(...) per entry, or .copy() of another.")
    empty = "{}" if what == "dict" else "[]"
    return (f"{other} and {place} are the same {what}: whatever is stored in one appears in the other",
            f"Make each a new {what}: `a = b = {empty}` gives one {what} two names, and so does `b = a`.")
