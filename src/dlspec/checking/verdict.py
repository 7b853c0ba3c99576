"""Judge one case: the reference's output, a known mistake's hint, and the verdict on what the learner's function did.

The grader (dlspec.grader.grade) and the notebook's ``check()`` both call ``verdict``, so the notebook and the grader
can never disagree about a case.
"""

from __future__ import annotations

import inspect
import io
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from typing import Any

import numpy as np

from dlspec.checking import aliases
from dlspec.checking.compare import compare, describe
from dlspec.checking.diagnose import diagnose, parts
from dlspec.checking.errors import explain
from dlspec.checking.names import argument, argument_names, named
from dlspec.checking.result import CheckResult
from dlspec.checking.run import call, kept_random_state, observed, raised, swapped, swaps
from dlspec.checking.spec import Case, Mutant
from dlspec.checking.wire import decode

MAX_MESSAGE = 2000  # characters; a message is read, not scrolled


@contextmanager
def course_code() -> Iterator[None]:
    """Around the course's own code (a reference, a known mistake) run for a verdict: what it prints or warns is not
    the learner's to read, and on the grader's stdout it would corrupt `dlspec submit --json`."""
    with warnings.catch_warnings(), redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


def seeded(fn: Callable, case: Case) -> Any:
    """``fn`` (a reference or a known mistake) called as the case says, with the case's swapped globals, leaving
    the caller's random states as they were."""
    with course_code(), kept_random_state(), swapped(getattr(fn, "__globals__", {}), swaps({}, case.swap)):
        return call(fn, case.call)


def shared_message(case: Case, found: list, reference: Callable | None, expected: Any) -> tuple[str, str] | None:
    """What the learner's result shares that the reference's does not (aliases.py), named, and what to do instead;
    or None. The reference runs again only here: a result that shares anything is rare."""
    if not found or reference is None:
        return None
    with course_code(), kept_random_state(), swapped(getattr(reference, "__globals__", {}), swaps({}, case.swap)):
        wrong = aliases.unexpected(found, observed(reference, case.call)[2])
    if not wrong:
        return None
    place, other, what = wrong[0]
    to_input = other.startswith("<")
    other = argument(other, reference) if to_input else named(other, reference, expected)
    return aliases.message(named(place, reference, expected), other, what, to_input)


def inputs(case: Case, reference: Callable | None = None) -> str:
    """The case's inputs in words: its note, else names and shapes ("A (4, 7), keep_prob 0.8")."""
    if case.note:
        return case.note
    names = argument_names(reference)

    def show(value: Any) -> str:
        if isinstance(value, np.ndarray):
            return str(value.shape)
        if isinstance(value, (dict, list, tuple)):
            return describe(value)
        return f"{value!r:.40}"

    shown = [f"{names[i] if i < len(names) else f'arg{i + 1}'} {show(v)}" for i, v in enumerate(case.args)]
    shown += [f"{k} {show(v)}" for k, v in case.kwargs.items()]
    return ", ".join(shown)


def mutant_hint(
    mutants: Iterable[Mutant], case: Case, expected: Any, got: Any = None, error: str = "", exact: bool = False
) -> str:
    """The hint of a known mistake that is wrong on this case and reproduces what the learner's function did:
    returned ``got`` (exactly, with ``exact``), or (when ``error`` is set) raised the same exception with the
    same message. '' when none does. A mistake that happens to give the right answer here says nothing about the
    learner's, however alike the two outputs are. Of two mistakes that both fit, one that gives the learner's
    very numbers beats one that only comes within the tolerance: two slips can land close to each other (the
    same rounding says the same code)."""
    # "exact": equal up to rounding (x / sqrt(n) and x * sqrt(1 / n)), far below any two correct random draws
    rtol, atol = (1e-12, 0.0) if exact else (case.rtol, case.atol)
    close = ""
    for m in mutants:
        try:
            out = seeded(m.fn, case)
        except Exception as e:
            if error and raised(e) == error:
                return m.hint
            continue
        if error or compare(got, out, rtol, atol) is not None or not _wrong(case, out, expected):
            continue
        if compare(got, out, 0.0, 0.0) is None:
            return m.hint
        close = close or m.hint
    return close


def _wrong(case: Case, out: Any, expected: Any) -> bool:
    """Whether a known mistake's output ``out`` fails this case, as the learner's would."""
    if case.judge is not None:
        return _judge(case, out, expected) is not None
    return compare(out, expected, case.rtol, case.atol) is not None


def _global_note(name: str | None, dropped: set[str]) -> str:
    if name and name in dropped:
        return (
            f"\n`{name}` is set at the top level of the notebook, but each graded function is run on its own: "
            "pass it in as an argument or compute it inside the function."
        )
    return ""


def _judge(case: Case, got: Any, expected: Any) -> str | None:
    try:
        return case.judge(got, expected, case.args)
    except Exception as e:  # a judge written for arrays meeting, say, None
        return f"returned {describe(got)}, which the check cannot use ({type(e).__name__}: {e})"


def _signature_note(outcome: dict, function: str, case: Case, reference: Callable | None) -> str:
    """For a call that did not fit the learner's parameters, how the grader calls it and how the learner's
    definition reads. The arguments are named as the learner named them, as far as their parameters go."""
    if not outcome.get("signature"):
        return ""
    ours = []
    if reference is not None:
        try:
            ours = list(inspect.signature(reference).parameters)
        except (TypeError, ValueError):
            pass
    names = outcome["parameters"] + ours[len(outcome["parameters"]):]
    shown = [names[i] if i < len(names) else f"arg{i + 1}" for i in range(len(case.args))]
    shown += [f"{k}=..." for k in case.kwargs]
    return f"\nthe grader calls it as {function}({', '.join(shown)}); your definition is {outcome['signature']}"


def _unimported_note(name: str | None, unimported: list[tuple[str, str]]) -> str:
    """Where a name the code could not find would have come from, when an import of the notebook failed: the
    failed import is the cause, not the learner's code."""
    modules = [m for m, n in unimported if n == name] or [m for m, n in unimported if n == "*"]
    if not name or not modules:
        return ""
    where = " or ".join(f"`{m}`" for m in dict.fromkeys(modules))
    return (f"\n`{name}` was to come from {where}, which the grader could not import (see the notes): the "
            "fault is not in your code; please report the module to dlspec")


def verdict(
    function: str,
    case: Case,
    outcome: dict,
    expected: Any,
    mutants: Iterable[Mutant],
    reference: Callable | None = None,
    dropped: set[str] = frozenset(),
    examples_axis: int = -1,
    unimported: list[tuple[str, str]] = (),
) -> CheckResult:
    """Judge one case from the outcome a runner reported (see run.run_case) and the reference's output.
    ``examples_axis``: the graded function's axis of examples (the case may say otherwise), for the diagnosis.
    ``unimported``: what the submission's failed imports would have bound (run.load_namespace)."""
    status = outcome["status"]

    def label() -> str:  # only a failure needs it: naming the inputs reads the reference's signature
        return f"case {case.name!r} ({inputs(case, reference)})"

    result = CheckResult(function, case.name, "passed", seconds=round(outcome.get("seconds", 0.0), 6))
    if status == "ok" and outcome.get("changed"):
        result.status = "failed"
        result.message = (
            f"{label()}: changed its argument {outcome['changed']} in place: work on copies (copy.deepcopy(...), or "
            "new arrays instead of -=, /= or *=): the caller's values must stay as they were"
        )
    elif status == "ok":
        got = decode(outcome["value"])
        if case.judge is not None:
            # where several random draws are right, only an exact copy of a known mistake's output earns its hint;
            # a judge of unseeded cases accepts rounding, and so does the hint
            problem, details, exact = _judge(case, got, expected), [], case.seed is not None
        else:
            exact = False
            mismatch = compare(got, expected, case.rtol, case.atol)
            where = mismatch and mismatch.path and named(mismatch.path, reference, expected) + ": "
            problem = mismatch and (where or "") + mismatch.problem
            axis = examples_axis if case.examples_axis is None else case.examples_axis
            details = diagnose(mismatch, case.args, axis) if mismatch else []
            split = mismatch and parts(got, expected, case.rtol, case.atol, lambda p: named(p, reference, expected))
            details += [split] if split else []
        if problem:
            result.status = "failed"
            result.message = "\n".join([f"{label()}: {problem}", *details])
            result.hint = mutant_hint(mutants, case, expected, got, exact=exact)
        elif sharing := shared_message(case, outcome.get("shared"), reference, expected):
            result.status, result.message, result.hint = "failed", f"{label()}: {sharing[0]}", sharing[1]
    elif status == "not_implemented":
        why = "its template is still blank" if outcome.get("blank") else "it raises NotImplementedError"
        result.status, result.message = status, f"{function} is not implemented yet ({why})"
    elif status == "missing":
        result.status, result.message = status, f"no function named {function} in the submission"
    elif status == "error":
        result.status = status
        unknown = _unimported_note(outcome["name"], list(unimported))
        explained = explain(outcome["message"], case.args, argument_names(reference))
        result.message = (
            f"{label()}: {outcome['message']}{outcome['where']}"
            + (f"\n{explained}" if explained else "")
            + (unknown or _global_note(outcome["name"], dropped))
            + _signature_note(outcome, function, case, reference)
        )
        result.hint = mutant_hint(mutants, case, expected, error=outcome["message"])
    else:  # timeout, crashed, not_run
        result.status, result.message = status, f"{label()}: {outcome['message']}"
    result.message = result.message[:MAX_MESSAGE]
    return result
