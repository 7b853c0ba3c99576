"""Explain the exceptions learners' code raises most, in the terms of the code they wrote.

Python's messages are exact but speak about types ("can only concatenate str (not "int") to str"); the sentence
here says what that means in a graded function. A KeyError is explained with the keys of the dicts the function
was given, which shows at once a layer counted from 0, one layer too many, or a gradient looked up without its "d".
Known mistakes (mutants) that raise the same error still give their own hint; this is for the rest.
"""

from __future__ import annotations

import ast
import re

MAX_KEYS = 12  # a dict's keys shown in full up to this many

_EXPLAINED = [
    (re.compile(r'can only concatenate str \(not "(?:int|float)"\) to str'),
     "a key is built from a string and a number: make the number text, str(l), or write f\"W{{l}}\""),
    (re.compile(r"'float' object cannot be interpreted as an integer"),
     "a count or a size must be a whole number, and m / k is a float in Python 3: use m // k or int(...)"),
    (re.compile(r"unsupported operand type\(s\) for .+: '\w+' and 'dict'|unsupported operand type\(s\) for .+: "
                r"'dict' and"),
     "that is arithmetic on a whole dict: NumPy computes on the arrays inside it, so loop over the keys"),
    (re.compile(r"operands could not be broadcast together with shapes (\S+) (\S+)"),
     "arrays of shapes {0} and {1} meet in one operation on that line: one of them is not the array meant there"),
    (re.compile(r"shapes (\(\d+, ?\d+\)) and (\(\d+, ?\d+\)) not aligned"),
     "np.dot of {0} and {1}: the inner sizes must agree; check the order of the factors, or a missing .T"),
    (re.compile(r"matmul: Input operand 1 has a mismatch in its core dimension"),
     "the inner sizes of a matrix product disagree: check the order of the factors, or a missing .T"),
]


def _keys(d: dict) -> str:
    shown = ", ".join(map(str, list(d)[:MAX_KEYS]))
    return shown + (", ..." if len(d) > MAX_KEYS else "")


def _key_error(message: str, args: tuple, names: list[str]) -> str | None:
    try:
        key = ast.literal_eval(message.removeprefix("raised KeyError: "))
    except (ValueError, SyntaxError):
        return None
    named = [(names[i] if i < len(names) else f"argument {i + 1}", a) for i, a in enumerate(args)]
    dicts = [(name, a) for name, a in named if isinstance(a, dict)]
    lacking = [(name, d) for name, d in dicts if key not in d]
    if not lacking:
        return None  # a dict the function built itself: its keys are the learner's own
    having = [name for name, d in dicts if key in d]
    held = f"is a key of {' and '.join(having)} but not of" if having else "is not a key of"
    return f"{key!r} {held} " + " or ".join(f"{name} ({_keys(d)})" for name, d in lacking)


def explain(message: str, args: tuple, names: list[str]) -> str | None:
    """A sentence that says what the exception ``message`` ("raised KeyError: 'W0'", from run.raised) means here;
    ``args`` are the case's inputs and ``names`` the function's parameter names. None when there is nothing to add."""
    if message.startswith("raised KeyError: "):
        return _key_error(message, args, names)
    for pattern, sentence in _EXPLAINED:
        found = pattern.search(message)
        if found:
            return sentence.format(*found.groups())
    return None

