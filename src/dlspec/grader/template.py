"""An untouched template of the original course's notebooks.

The original marked where learners write with ``### START CODE HERE ###`` / ``### END CODE HERE ###`` (until 2020)
or ``# YOUR CODE STARTS HERE`` / ``# YOUR CODE ENDS HERE`` (since 2021), and left placeholders such as ``s = None``
between them. A graded function whose every such region still holds nothing else fails on a variable it never set
(``return (n_x, n_h, n_y)``); the learner should read that it is not implemented, not a message about that variable.

Placeholders take a few shapes: ``s = None``, ``dx[:, :, t] = None``, ``dWax += None``, a loop over
``range(None)``, and (in C5W1A1's optional part) a line the course wrote that only unpacks a placeholder,
``dxt, da_prevt = gradients["dxt"], gradients["da_prev"]`` after ``gradients = None``.
"""

from __future__ import annotations

import re

_START = re.compile(r"#.*\b(START CODE HERE|YOUR CODE STARTS HERE)", re.IGNORECASE)
_END = re.compile(r"#.*\b(END CODER? HERE|YOUR CODE ENDS HERE)", re.IGNORECASE)  # "END CODER HERE": the original's
_PLACEHOLDER = re.compile(r"^[\w\[\]'\"+(). ,:]+=\s*None$")  # "s = None", "parameters['W' + str(l)] = None"
_NONE_LOOP = re.compile(r"^for .+ in .*\bNone\b.*:$")  # "for t in reversed(range(None)):"
_NAMED = re.compile(r"^(\w+)\s*=\s*None$")
_ENTRY = re.compile(r"(\w+)\[[\"']\w+[\"']\]")  # gradients["dxt"]


def is_blank(lines: list[str]) -> bool:
    """True when the function's source ``lines`` have code regions and every one holds only comments, blank lines,
    ``pass``, placeholders, and lines that only unpack a placeholder."""
    regions: list[list[str]] = []
    region: list[str] | None = None
    for line in lines:
        if region is None and _START.search(line):
            region = []
        elif region is not None and _END.search(line):
            regions.append(region)
            region = None
        elif region is not None:
            region.append(line)
    code = [_code(line) for region in regions for line in region]
    unset = {m.group(1) for line in code if (m := _NAMED.match(line))}
    return bool(regions) and all(_empty(line) or _unpacks(line, unset) for line in code)


def _code(line: str) -> str:
    return line.split("#", 1)[0].strip()


def _empty(code: str) -> bool:
    return not code or code == "pass" or bool(_PLACEHOLDER.match(code) or _NONE_LOOP.match(code))


def _unpacks(code: str, unset: set[str]) -> bool:
    """``a, b = g["a"], g["b"]`` where ``g`` is a placeholder still set to None."""
    _, equals, value = code.partition("=")
    entries = [_ENTRY.fullmatch(item.strip()) for item in value.split(",")] if equals else [None]
    return all(entry and entry.group(1) in unset for entry in entries)
