"""Name the parts of a result the way the function's docstring does: ``dgamma`` rather than ``result[1]``.

Every reference documents what it returns in the course's docstring style, the same text the learner reads in the
stub::

    Returns:
    dZ -- gradient with respect to Z, shape (n, m)
    dgamma -- gradient with respect to gamma, shape (n, 1)

so a path into a result ("[1][0]", from compare.py or aliases.py) reads as "dgamma[0]". A part described as a
tuple of named entries ("cache -- tuple (Z, Z_hat, mu, var, gamma, eps)") names its entry too: "cache[3] (var)".
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from functools import cache
from typing import Any

_SECTION = re.compile(r"^Returns:\n((?:.+\n?)+)", re.MULTILINE)
_NAME = re.compile(r"^(\w+) --", re.MULTILINE)
_INDEX = re.compile(r"\[(\d+)\]")
_TUPLE = re.compile(r"^(\w+) -- tuple \(([\w, ]+)\)", re.MULTILINE)


@cache
def returned_names(fn: Callable) -> tuple[str, ...]:
    """The names in ``fn``'s "Returns:" docstring section, in order; () when it has none."""
    found = _SECTION.search(inspect.getdoc(fn) or "")
    return tuple(_NAME.findall(found.group(1))) if found else ()


@cache
def _entries(fn: Callable) -> dict[str, list[str]]:
    """For each returned part described as "tuple (a, b, ...)", its entries' names."""
    found = _SECTION.search(inspect.getdoc(fn) or "")
    if not found:
        return {}
    return {m.group(1): m.group(2).replace(" ", "").split(",") for m in _TUPLE.finditer(found.group(1))}


def _with_entry(name: str, rest: str, fn: Callable) -> str:
    """``name`` + ``rest``, with the entry named when ``rest`` indexes a tuple the docstring spells out."""
    entries, first = _entries(fn).get(name), _INDEX.match(rest)
    if entries and first and int(first.group(1)) < len(entries):
        return f"{name}{first.group(0)} ({entries[int(first.group(1))]})" + rest[first.end() :]
    return name + rest


def argument_names(fn: Callable | None) -> list[str]:
    """``fn``'s parameter names, or [] when it has no signature to read."""
    try:
        return list(inspect.signature(fn).parameters) if fn is not None else []
    except (TypeError, ValueError):
        return []


def named(path: str, fn: Callable | None, expected: Any) -> str:
    """``path`` into ``fn``'s result, its first step named as the docstring names it when the result's shape
    agrees with the names (one value, or a tuple of as many items); "result" + ``path`` otherwise."""
    names = returned_names(fn) if fn is not None else ()
    if isinstance(expected, tuple) and len(expected) == len(names) > 1:
        first = _INDEX.match(path)
        if first:
            return _with_entry(names[int(first.group(1))], path[first.end() :], fn)
    elif len(names) == 1 and not isinstance(expected, tuple):
        return _with_entry(names[0], path, fn)
    return "result" + path


def argument(path: str, fn: Callable | None) -> str:
    """An input's path from aliases.py ("<0>['W1']", "<beta>") with the argument's name: "parameters['W1']"."""
    head, _, rest = path[1:].partition(">")
    names = argument_names(fn)
    if head.isdigit():
        head = names[int(head)] if int(head) < len(names) else f"argument {int(head) + 1}"
    return head + rest
