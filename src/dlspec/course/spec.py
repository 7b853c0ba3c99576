"""The vocabulary an assignment folder is written in: cases, mutants, variants.

An assignment folder (``dlspec/course/<id>/``) holds data plus three tiny modules that use only this file:

* ``checks.py``   ``CHECKS: dict[str, Callable[[], list[Case]]]``: for each graded function, the cases that
  grade it. The first case is the visible example the notebook shows; the rest are randomised.
* ``mutants.py``  functions decorated with ``@mutant(name, hint)``: known mistakes. Each must fail its checks;
  a learner whose output matches one is shown its hint.
* ``variants.py`` functions decorated with ``@variant(name)``: correct solutions written differently from the
  reference. Each must pass.

Everything here is plain data so that the grader (which compares) and the notebook checker (which runs in the
learner's kernel) share one definition of what "correct" means.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# A judge replaces the default comparison for one case: judge(got, expected, args) -> None when acceptable,
# else a short message saying what is wrong. Used where more than one output is right (random initialisation,
# dropout masks): the judge checks the property, not the exact numbers.
Judge = Callable[[Any, Any, tuple], "str | None"]


@dataclass(frozen=True)
class Case:
    """One call of a graded function and how to judge its result.

    ``seed``: when set, ``np.random.seed(seed)`` runs just before the call, for the reference and the learner
    alike (the original course seeded NumPy's global state; functions that draw random numbers need it).
    """

    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    seed: int | None = None
    rtol: float = 1e-6
    atol: float = 1e-8
    judge: Judge | None = None
    # Shown to the learner with a failure: what the inputs were, in words ("w (2,1), X (2,3)").
    note: str = ""
    # Globals the function reads, swapped for this case ({"backward_propagation": "module:function"}), for the
    # reference and the learner alike: a gradient check must meet a wrong gradient to show it can see one.
    replace: dict[str, str] = field(default_factory=dict)
    # The function must leave its arguments as they were (an update that returns new parameters): a learner's
    # in-place edit would otherwise pass here and corrupt the caller's values in the notebook.
    keep_args: bool = False


@dataclass(frozen=True)
class Mutant:
    """A known mistake in graded function ``function``, with the hint a learner who made it should read."""

    function: str
    hint: str
    fn: Callable


@dataclass(frozen=True)
class Variant:
    """A correct solution of ``function`` written differently from the reference."""

    function: str
    fn: Callable


def mutant(function: str, hint: str) -> Callable[[Callable], Mutant]:
    """Decorator: mark ``fn`` as a known mistake in ``function``."""
    return lambda fn: Mutant(function, hint, fn)


def variant(function: str) -> Callable[[Callable], Variant]:
    """Decorator: mark ``fn`` as another correct solution of ``function``."""
    return lambda fn: Variant(function, fn)
