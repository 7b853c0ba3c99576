"""``check(fn)`` in the learner's notebook: the grader's cases, comparison and diagnosis, run in the kernel.

A notebook starts with ``check = checker("c1w2a2")`` and calls ``check(propagate)`` after each graded cell. The
function is judged exactly as the grader judges it: same cases, same comparison, same messages, and the same
isolation (every other graded function replaced by its reference). It also sees the notebook's globals the way the
grader does: only imports, functions, classes and constants; not data made by running code (``X = np.load(...)``),
which the grader never runs. So a function that passes here passes there.
"""

from __future__ import annotations

import ast
import os
import types
from collections.abc import Callable
from typing import Any, TypeVar

from dlspec.checking.result import FunctionResult
from dlspec.checking.run import kept_random_state, run_case, swapped, swaps
from dlspec.checking.verdict import verdict
from dlspec.course import assignment as course  # load looked up at call time: tests swap the course
from dlspec.course.assignment import Assignment
from dlspec.grader.expected import outputs as expected_outputs
from dlspec.grader.extract import extract_cells

_LITERALS = (type(None), bool, int, float, complex, str, bytes)
QUICK = "DLSPEC_QUICK"
T = TypeVar("T")


def quick(full: T, small: T) -> T:
    """``full`` as the lesson means it, or ``small`` when ``DLSPEC_QUICK`` is set: the one switch for fewer examples
    and epochs. The tests run every notebook quick (they check that the lesson's code runs and grades, not what it
    learns); bench/assignments.py and a learner run them in full. Grading never sees it: the grader drops the
    top-level statements that call it."""
    return small if os.environ.get(QUICK) else full


def _literal(value: Any) -> bool:
    if isinstance(value, _LITERALS):
        return True
    if isinstance(value, (tuple, list, set, frozenset)):
        return all(_literal(v) for v in value)
    if isinstance(value, dict):
        return all(_literal(k) and _literal(v) for k, v in value.items())
    return False


def _kept_names(history: list[str]) -> set[str]:
    """The names that the kept statements of the kernel's input history bind. IPython stores the cells already
    translated to Python (magics become calls); a cell that did not parse ran nothing, so it is left out."""
    cells = []
    for code in history:
        try:
            ast.parse(code)
        except SyntaxError:
            continue
        cells.append((None, code))
    return extract_cells(cells).kept


def grader_view(ns: dict) -> dict:
    """The part of a notebook namespace that grading keeps. In IPython, the names the kept statements of the
    executed cells bind (``In`` is the kernel's input history); elsewhere, a guess from the values: modules,
    callables and literal constants."""
    history = ns.get("In")
    if isinstance(history, list) and all(isinstance(code, str) for code in history):
        kept = _kept_names(history)
        return {k: v for k, v in ns.items() if k.startswith("__") or k in kept}
    return {
        k: v
        for k, v in ns.items()
        if k.startswith("__") or isinstance(v, types.ModuleType) or callable(v) or _literal(v)
    }


def _as_graded(fn: Callable, view: dict) -> Callable:
    """A copy of ``fn`` that looks its globals up in ``view``."""
    copy = types.FunctionType(fn.__code__, view, fn.__name__, fn.__defaults__, fn.__closure__)
    copy.__kwdefaults__ = fn.__kwdefaults__
    return copy


def check_function(assignment: Assignment, fn: Callable) -> FunctionResult:
    """Run every case of the graded function ``fn`` in this process and judge it."""
    name = fn.__name__
    graded = assignment.function(name)
    references = {f.name: f.resolve() for f in assignment.functions}
    mutants = assignment.mutants(name)
    result = FunctionResult(name, graded.points)
    ns = _namespace(fn)
    filenames = {fn.__code__.co_filename} if hasattr(fn, "__code__") else _class_files(fn)
    cases = assignment.cases(name)
    outputs = expected_outputs(assignment, [(name, c) for c in cases], references)
    for case, expected in zip(cases, outputs, strict=True):
        with kept_random_state(), swapped(ns, swaps(references, case.swap, name)):
            # what the case swaps in is the grader's, whatever its kind (a list of a run's activations)
            view = grader_view(ns) | {g: ns[g] for g in case.swap}
            target = _as_graded(fn, view) if isinstance(fn, types.FunctionType) else fn
            outcome = run_case(target, case.call, filenames, _line)
        result.checks.append(
            verdict(name, case, outcome, expected, mutants, references[name], set(ns) - set(view), graded.examples_axis)
        )
    return result


def _namespace(fn: Callable) -> dict:
    """The globals the graded function or class was written in (the notebook's)."""
    if isinstance(fn, type):
        return next((f.__globals__ for f in vars(fn).values() if hasattr(f, "__globals__")), {})
    return fn.__globals__


def _class_files(cls: type) -> set[str]:
    """The files a class's methods were written in (a notebook cell's), so errors point at the learner's line."""
    return {f.__code__.co_filename for f in vars(cls).values() if hasattr(f, "__code__")}


def _line(line: int) -> str:
    return f"line {line}"


def summary(result: FunctionResult) -> str:
    """A few lines for the learner: how many cases passed, and what is wrong with the first that did not."""
    passed, total = sum(c.passed for c in result.checks), len(result.checks)
    bad = result.first_failure
    if bad is None:
        return f"{result.name}: all {total} cases passed"
    if bad.status == "not_implemented":
        return f"{result.name}: not implemented yet"
    lines = [f"{result.name}: {passed} of {total} cases passed", bad.message]
    if bad.hint:
        lines.append(f"Hint: {bad.hint}")
    return "\n".join(lines)


def _show(result: FunctionResult) -> None:
    from rich.console import Console
    from rich.text import Text

    style = "bold green" if result.status == "passed" else "bold red"
    text = Text(summary(result))
    text.stylize(style, 0, len(text.plain.splitlines()[0]))
    Console(highlight=False, soft_wrap=True).print(text)


def checker(assignment: str | Assignment) -> Callable[..., FunctionResult | None]:
    """The ``check`` function of one assignment's notebook."""
    a = assignment if isinstance(assignment, Assignment) else course.load(assignment)

    def check(fn: Callable, *, quiet: bool = False) -> FunctionResult | None:
        """Judge graded function ``fn`` and print the verdict; with ``quiet=True`` return it instead."""
        name = getattr(fn, "__name__", "")
        if name not in a.names or not (hasattr(fn, "__code__") or isinstance(fn, type)):
            raise ValueError(f"{name or fn!r} is not a graded function of {a.id}; it grades {', '.join(a.names)}")
        result = check_function(a, fn)
        if quiet:
            return result
        _show(result)
        return None

    return check
