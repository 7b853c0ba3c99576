"""Solutions of the graded functions of Courses 2, 4 and 5 written as learners write them, to measure the grader on
code it was not written against: correct ones in several styles, and single-mistake ones.

Each module is named after an assignment and holds functions marked ``@correct(name)`` or ``@mistake(name)``,
``name`` being the graded function (or class) they implement. bench/learners.py pastes each one, renamed, into the
answer-key notebook (a later definition replaces the earlier one) and grades the whole notebook. A solution may use
what the notebook imports (np, math, torch, the helpers of its imports cell) and the other graded functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Solution:
    function: str  # the graded function it implements
    correct: bool
    fn: Callable


def correct(function: str) -> Callable[[Callable], Solution]:
    """Decorator: ``fn`` is a correct solution of ``function``."""
    return lambda fn: Solution(function, True, fn)


def mistake(function: str) -> Callable[[Callable], Solution]:
    """Decorator: ``fn`` is ``function`` with one mistake in it."""
    return lambda fn: Solution(function, False, fn)
