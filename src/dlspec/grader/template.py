"""An untouched template of the original course's notebooks.

The original marked where learners write with ``### START CODE HERE ###`` / ``### END CODE HERE ###`` (until 2020)
or ``# YOUR CODE STARTS HERE`` / ``# YOUR CODE ENDS HERE`` (since 2021), and left placeholders such as ``s = None``
between them. A graded function whose every such region still holds nothing else fails on a variable it never set
(``return (n_x, n_h, n_y)``); the learner should read that it is not implemented, not a message about that variable.
"""

from __future__ import annotations

import re

_START = re.compile(r"#.*\b(START CODE HERE|YOUR CODE STARTS HERE)", re.IGNORECASE)
_END = re.compile(r"#.*\b(END CODER? HERE|YOUR CODE ENDS HERE)", re.IGNORECASE)  # "END CODER HERE": the original's
_PLACEHOLDER = re.compile(r"^[\w\[\]'\"+(). ,]+=\s*None$")  # "s = None", "parameters['W' + str(l)] = None"


def is_blank(lines: list[str]) -> bool:
    """True when the function's source ``lines`` have code regions and every one holds only comments, blank lines,
    ``pass`` or ``name = None`` placeholders."""
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
    return bool(regions) and all(_empty(line) for region in regions for line in region)


def _empty(line: str) -> bool:
    code = line.split("#", 1)[0].strip()
    return not code or code == "pass" or bool(_PLACEHOLDER.match(code))
