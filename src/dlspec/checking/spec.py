"""The vocabulary an assignment folder is written in: cases, mutants, variants.

An assignment folder (``dlspec/course/<id>/``) holds data plus a few tiny modules that use only this file:

* ``checks.py``   ``CHECKS: dict[str, Callable[[], list[Case]]]``: for each graded function, the cases that
  grade it. The first case is the visible example the notebook shows; the rest are randomised.
* ``mutants.py``  functions decorated with ``@mutant(name, hint)``: known mistakes. Each must fail its checks;
  a learner whose output matches one is shown its hint.
* ``variants.py`` functions decorated with ``@variant(name)``: correct solutions written differently from the
  reference. Each must pass.
* ``versions.py`` (optional) ``VERSIONS: list[Version]``: the versions of the original course's notebook that the
  grader recognises, newest first, each with the conventions where it asked for something else than dlspec does.

Everything here is plain data so that the grader (which compares) and the notebook checker (which runs in the
learner's kernel) share one definition of what "correct" means.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

# A judge replaces the default comparison for one case: judge(got, expected, args) -> None when acceptable,
# else a short message saying what is wrong. Used where more than one output is right (random initialisation,
# dropout masks): the judge checks the property, not the exact numbers.
Judge = Callable[[Any, Any, tuple], "str | None"]


def resolve(reference: str) -> Any:
    """The object that ``"module:attr"`` names (a reference, a stand-in, a probe)."""
    module, _, attr = reference.partition(":")
    return getattr(importlib.import_module(module), attr)


def adapted(reference: str, adapt: str = "") -> Any:
    """The reference ``"module:attr"``, turned by the adapter ``adapt`` (Convention.adapt) into what one version of
    the original notebook asked for; the reference itself when ``adapt`` is empty."""
    fn = resolve(reference)
    return resolve(adapt)(fn) if adapt else fn


class Deferred:
    # The reference as ``adapted`` gives it, imported on first use. A grade whose outputs are cached and whose cases
    # all pass never uses it, and the parent then never imports PyTorch for a PyTorch assignment (the child does;
    # importing it twice would double a learner's wait). Calls, attributes, the docstring and the signature
    # (through __wrapped__, as inspect.signature reads it) are the reference's own.

    def __init__(self, reference: str, adapt: str = "") -> None:
        self.reference, self.adapt = reference, adapt

    @cached_property
    def __wrapped__(self) -> Any:
        return adapted(self.reference, self.adapt)

    @property
    def __doc__(self) -> str | None:  # type: ignore[override]
        return self.__wrapped__.__doc__

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.__wrapped__(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name in ("reference", "adapt", "__wrapped__"):  # not set yet (a copy in the making): no recursion
            raise AttributeError(name)
        return getattr(self.__wrapped__, name)


@dataclass(frozen=True)
class Call:
    """How to make one call of a graded function: what the runner needs of a Case, and nothing it cannot carry into
    the sandboxed child (a judge may be a lambda; it stays with the parent)."""

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    seed: int | None = None
    swap: dict[str, str] = field(default_factory=dict)
    keep_args: bool = False
    probe: str = ""
    probe_kwargs: dict = field(default_factory=dict)
    make: str = ""
    make_kwargs: dict = field(default_factory=dict)
    updates: tuple[int, ...] = ()


@dataclass(frozen=True)
class Case:
    """One call of a graded function and how to judge its result.

    ``seed``: when set, NumPy's global state, Python's ``random`` and torch (once imported) are seeded with it just
    before the call, for the reference and the learner alike (the original course seeded NumPy's global state;
    functions that draw random numbers need it).
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
    # reference, the known mistakes and the learner alike: a gradient check must meet a wrong gradient to show it
    # can see one.
    swap: dict[str, str] = field(default_factory=dict)
    # The function must leave its arguments as they were (an update that returns new parameters): a learner's
    # in-place edit would otherwise pass here and corrupt the caller's values in the notebook. Its result must not
    # share arrays or dicts with them either, where the reference's does not (see checking/aliases.py).
    keep_args: bool = False
    # "module:function" run on what the function returned, in the same process, before anything is compared: a
    # graded class or builder returns an object (an nn.Module) that cannot cross to the parent; its probe returns
    # data about it (outputs for injected weights, parameter counts, one optimiser step). Called as
    # probe(returned, **probe_kwargs); see dlspec.checking.probes.
    probe: str = ""
    probe_kwargs: dict = field(default_factory=dict)
    # Which axis of an array input or output holds the examples, for the diagnosis ("m times too large",
    # "transposed"): -1 for the course's (n_x, m) columns, 0 for (m, n_H, n_W, n_C) images, 1 for (n_x, m, T_x).
    examples_axis: int | None = None  # None: the graded function's (assignment.toml), else -1
    # "module:function" that makes the positional arguments where the case runs, called as make(**make_kwargs) in
    # place of ``args``: inputs that are PyTorch objects (a model, its optimiser, tensors) are made in the grading
    # process, so the parent of a passing grade never imports PyTorch (the child does; twice would double the wait).
    make: str = ""
    make_kwargs: dict = field(default_factory=dict)
    # Positions of the arguments the function must update in place (an optimiser step that changes the parameters
    # it is given and returns something else): their values after the call are compared too, appended to what it
    # returned, so a step that never updates, or updates with the wrong numbers, cannot pass on its return alone.
    updates: tuple[int, ...] = ()

    @property
    def call(self) -> Call:
        return Call(**{f.name: getattr(self, f.name) for f in fields(Call)})  # a Call's fields are all a Case's


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


@dataclass(frozen=True)
class Convention:
    """How one version of the original notebook asked for a graded function, where that differs from dlspec's.

    ``adapt`` names (``"module:attr"``) a function that turns dlspec's version of the graded function into that
    version's (another return value, another parameter); it is applied to the answer key, to the stand-in other
    functions call, and to every known mistake, so each is judged in the learner's own convention. ``cases`` turns
    dlspec's cases into the version's: cases its helpers can run, a judge that accepts what its notebook wrote.
    """

    name: str | None = None  # the function's name in that version, when it had another (normalizeRows)
    absent: bool = False  # that version had no such function: it is skipped, not failed
    adapt: str = ""
    cases: Callable[[list[Case]], list[Case]] | None = None


@dataclass(frozen=True)
class Version:
    """A version of the original course's notebook, recognised by ``marks``: the helper modules it imported or
    the functions only it defined; a notebook that imports or defines any of them is graded as this version."""

    name: str  # the years it was in use, "2017-2020"
    marks: tuple[str, ...]
    functions: dict[str, Convention] = field(default_factory=dict)

    def convention(self, function: str) -> Convention:
        return self.functions.get(function, Convention())
