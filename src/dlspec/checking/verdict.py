"""Judge one case: the reference's output, a known mistake's hint, and the verdict on what the learner's function did.

The grader (dlspec.grader.grade) and the notebook's ``check()`` both call ``verdict``, so the notebook and the grader
can never disagree about a case.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from dlspec.checking.compare import compare, describe
from dlspec.checking.diagnose import diagnose
from dlspec.checking.result import CheckResult
from dlspec.checking.run import call, kept_random_state, raised, swapped, swaps
from dlspec.checking.spec import Case, Mutant
from dlspec.checking.wire import decode

MAX_MESSAGE = 2000  # characters; a message is read, not scrolled


def seeded(fn: Callable, case: Case) -> Any:
    """``fn`` (a reference or a known mistake) called as the case says, with the case's swapped globals, leaving
    the caller's random states as they were."""
    with kept_random_state(), swapped(getattr(fn, "__globals__", {}), swaps({}, case.swap)):
        return call(fn, case.call)


def inputs(case: Case, reference: Callable | None = None) -> str:
    """The case's inputs in words: its note, else names and shapes ("A (4, 7), keep_prob 0.8")."""
    if case.note:
        return case.note
    names: list[str] = []
    if reference is not None:
        try:
            names = list(inspect.signature(reference).parameters)
        except (TypeError, ValueError):
            pass

    def show(value: Any) -> str:
        if isinstance(value, np.ndarray):
            return str(value.shape)
        if isinstance(value, (dict, list, tuple)):
            return describe(value)
        return f"{value!r:.40}"

    shown = [f"{names[i] if i < len(names) else f'arg{i + 1}'} {show(v)}" for i, v in enumerate(case.args)]
    shown += [f"{k} {show(v)}" for k, v in case.kwargs.items()]
    return ", ".join(shown)


def mutant_hint(mutants: list[Mutant], case: Case, got: Any = None, error: str = "", exact: bool = False) -> str:
    """The hint of the first known mistake that reproduces what the learner's function did: returned ``got``
    (exactly, with ``exact``), or (when ``error`` is set) raised the same exception with the same message. '' when
    none does."""
    # "exact": equal up to rounding (x / sqrt(n) and x * sqrt(1 / n)), far below any two correct random draws
    rtol, atol = (1e-12, 0.0) if exact else (case.rtol, case.atol)
    for m in mutants:
        try:
            out = seeded(m.fn, case)
        except Exception as e:
            if error and raised(e) == error:
                return m.hint
            continue
        if not error and compare(got, out, rtol, atol) is None:
            return m.hint
    return ""


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
    mutants: list[Mutant],
    reference: Callable | None = None,
    dropped: set[str] = frozenset(),
    examples_axis: int = -1,
    unimported: list[tuple[str, str]] = (),
) -> CheckResult:
    """Judge one case from the outcome a runner reported (see run.run_case) and the reference's output.
    ``examples_axis``: the graded function's axis of examples (the case may say otherwise), for the diagnosis.
    ``unimported``: what the submission's failed imports would have bound (run.load_namespace)."""
    status = outcome["status"]
    label = f"case {case.name!r} ({inputs(case, reference)})"
    result = CheckResult(function, case.name, "passed", seconds=round(outcome.get("seconds", 0.0), 6))
    if status == "ok" and outcome.get("changed"):
        result.status = "failed"
        result.message = (
            f"{label}: changed its argument {outcome['changed']} in place: work on copies (copy.deepcopy(...), or "
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
            problem = mismatch and (f"result{mismatch.path}: " if mismatch.path else "") + mismatch.problem
            axis = examples_axis if case.examples_axis is None else case.examples_axis
            details = diagnose(mismatch, case.args, axis) if mismatch else []
        if problem:
            result.status = "failed"
            result.message = "\n".join([f"{label}: {problem}", *details])
            result.hint = mutant_hint(mutants, case, got, exact=exact)
    elif status == "not_implemented":
        why = "its template is still blank" if outcome.get("blank") else "it raises NotImplementedError"
        result.status, result.message = status, f"{function} is not implemented yet ({why})"
    elif status == "missing":
        result.status, result.message = status, f"no function named {function} in the submission"
    elif status == "error":
        result.status = status
        unknown = _unimported_note(outcome["name"], list(unimported))
        result.message = (
            f"{label}: {outcome['message']}{outcome['where']}"
            + (unknown or _global_note(outcome["name"], dropped))
            + _signature_note(outcome, function, case, reference)
        )
        result.hint = mutant_hint(mutants, case, error=outcome["message"])
    else:  # timeout, crashed, not_run
        result.status, result.message = status, f"{label}: {outcome['message']}"
    result.message = result.message[:MAX_MESSAGE]
    return result
