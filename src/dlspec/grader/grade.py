"""Grade a submission: extract → run (sandboxed) → compare and diagnose → score.

``verdict`` turns one case's outcome into a CheckResult; the notebook's ``check()`` uses it too, so the notebook
and the grader can never disagree about a case.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from dlspec.course import assignment as course  # load looked up at call time: tests swap the course
from dlspec.course.assignment import Assignment
from dlspec.course.spec import Case, Mutant
from dlspec.grader import sandbox as sb
from dlspec.grader.child import COMPAT_DIR, call, isolated, raised, run_job, stand_ins
from dlspec.grader.compare import compare, describe
from dlspec.grader.diagnose import diagnose
from dlspec.grader.extract import FILENAME, Extracted, NotGradableError, extract
from dlspec.grader.result import CheckResult, FunctionResult, GradeResult
from dlspec.grader.wire import decode

MAX_MESSAGE = 2000  # characters; a message is read, not scrolled
MAX_BYTES = 50 * 2**20  # the largest submission read: a course notebook with its plots is a few MiB


def seeded(fn: Callable, case: Case) -> Any:
    """``fn`` (a reference or a known mistake) called as the case says, with the case's replaced globals, leaving
    the caller's NumPy random state as it was."""
    state = np.random.get_state()
    try:
        with isolated(getattr(fn, "__globals__", {}), "", stand_ins({}, case.replace)):
            return call(fn, case.args, case.kwargs, case.seed)
    finally:
        np.random.set_state(state)


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


# TypeError texts of a call that does not fit the function's parameters
_ARITY = re.compile(r"unexpected keyword argument|arguments? but \d+ (?:were|was) given|missing \d+ required")


def _signature_note(message: str, function: str, reference: Callable | None) -> str:
    """For a call that did not fit the learner's parameters, the signature the grader calls: the reference's."""
    if reference is None or not message.startswith("raised TypeError") or not _ARITY.search(message):
        return ""
    try:
        parameters = inspect.signature(reference).parameters.values()
    except (TypeError, ValueError):
        return ""
    shown = [
        p.name if p.default is p.empty else f"{p.name}={getattr(p.default, '__name__', repr(p.default))}"
        for p in parameters
    ]
    return f"\nthe grader calls it as {function}({', '.join(shown)})"


def verdict(
    function: str,
    case: Case,
    outcome: dict,
    expected: Any,
    mutants: list[Mutant],
    reference: Callable | None = None,
    dropped: set[str] = frozenset(),
) -> CheckResult:
    """Judge one case from the outcome a runner reported (see child.run_case) and the reference's output."""
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
            # where several answers are right, only an exact copy of a known mistake's output earns its hint
            problem, details, exact = _judge(case, got, expected), [], True
        else:
            exact = False
            mismatch = compare(got, expected, case.rtol, case.atol)
            problem = mismatch and (f"result{mismatch.path}: " if mismatch.path else "") + mismatch.problem
            details = diagnose(mismatch, case.args) if mismatch else []
        if problem:
            result.status = "failed"
            result.message = "\n".join([f"{label}: {problem}", *details])
            result.hint = mutant_hint(mutants, case, got, exact=exact)
    elif status == "not_implemented":
        result.status, result.message = status, f"{function} is not implemented yet (it raises NotImplementedError)"
    elif status == "missing":
        result.status, result.message = status, f"no function named {function} in the submission"
    elif status == "error":
        result.status = status
        result.message = (
            f"{label}: {outcome['message']}{outcome['where']}"
            + _global_note(outcome["name"], dropped)
            + _signature_note(outcome["message"], function, reference)
        )
        result.hint = mutant_hint(mutants, case, error=outcome["message"])
    else:  # timeout, crashed, not_run
        result.status, result.message = status, f"{label}: {outcome['message']}"
    result.message = result.message[:MAX_MESSAGE]
    return result


def _too_big(size: int) -> None:
    if size > MAX_BYTES:
        raise NotGradableError(
            f"the file is {size / 2**20:.0f} MiB; the grader reads submissions up to {MAX_BYTES // 2**20} MiB "
            "(clear the notebook's outputs to make it smaller)"
        )


def _read(path: str | Path | None, source: str | bytes | None) -> tuple[bytes, str]:
    """The submission's bytes and suffix; a file over MAX_BYTES is refused by its size, before it is read."""
    if source is not None:
        raw = source.encode() if isinstance(source, str) else source
        _too_big(len(raw))
        suffix = Path(path).suffix.lower() if path else (".ipynb" if raw.lstrip().startswith(b"{") else ".py")
        return raw, suffix
    if path is None:
        raise ValueError("grade() needs a path or a source")
    _too_big(Path(path).stat().st_size)
    return Path(path).read_bytes(), Path(path).suffix.lower()


def _in_process(job: dict, tasks: list[sb.Task]) -> sb.Run:
    """The same job, run in this process (no limits): for proving the checks fast."""
    run = sb.Run()

    def emit(event: dict) -> None:
        if "loaded" in event:
            run.loaded = event
        elif "done" in event:
            run.outcomes[event["done"]] = event["outcome"]

    added = COMPAT_DIR not in sys.path
    if added:
        sys.path.append(COMPAT_DIR)  # last, so it never shadows a real module of the caller's
    state = np.random.get_state()
    try:
        run_job({**job, "tasks": [t.as_job() for t in tasks]}, emit)
    finally:
        np.random.set_state(state)
        if added:
            sys.path.remove(COMPAT_DIR)
    return run


def grade(
    assignment: str | Assignment,
    path: str | Path | None = None,
    *,
    source: str | bytes | None = None,
    sandbox: bool = True,
) -> GradeResult:
    """Grade the submission at ``path`` (or the text ``source``) against ``assignment`` (an id or an Assignment).

    ``sandbox=False`` runs the learner's code in this process, without limits: only for trusted code (tests)."""
    started = time.perf_counter()
    a = assignment if isinstance(assignment, Assignment) else course.load(assignment)
    # the child's start-up (and its preloads) overlaps with extraction and the expected outputs
    child = sb.spawn(preload=a.preload) if sandbox else None
    try:
        result = GradeResult(a.id, pass_mark=a.pass_mark)
        try:
            raw, suffix = _read(path, source)
            result.source_hash = hashlib.sha256(raw).hexdigest()
            extracted = extract(raw, suffix, tuple(a.names))
        except NotGradableError as e:
            result.gradable, result.message = False, str(e)
        else:
            _grade_into(result, a, extracted, child)
            child = None  # run() owned it and has cleaned up
    finally:
        if child is not None:
            sb.discard(child)
    result.seconds = time.perf_counter() - started
    return result


def _grade_into(result: GradeResult, a: Assignment, extracted: Extracted, child: sb.Child | None) -> None:
    references = {f.name: f.resolve() for f in a.functions}
    plan: list[tuple[sb.Task, Case]] = []
    for f in a.functions:
        for case in a.cases(f.name):
            task = sb.Task(len(plan), f.name, case.args, case.kwargs, case.seed, f.timeout, case.replace,
                           case.keep_args)
            plan.append((task, case))
    tasks = [t for t, _ in plan]
    job = {
        "path": list(sys.path),
        "extracted": extracted,
        "filename": FILENAME,
        "references": {f.name: f.reference for f in a.functions},
    }
    expected: dict[int, Any] = {}

    def compute_expected() -> None:
        for task, case in plan:
            expected[task.id] = seeded(references[task.function], case)

    if child is None:
        compute_expected()
        run = _in_process(job, tasks)
    else:
        run = sb.run(job, tasks, child, meanwhile=compute_expected, preload=a.preload)
    result.output = run.output
    result.warnings = [*extracted.warnings, *run.loaded.get("warnings", [])]
    if run.failure:
        result.gradable, result.message = False, run.failure
        return
    mutants = a.mutants()
    for f in a.functions:
        fr = FunctionResult(f.name, f.points)
        own = [m for m in mutants if m.function == f.name]
        for task, case in plan:
            if task.function == f.name:
                outcome = run.outcomes[task.id]
                check = verdict(f.name, case, outcome, expected[task.id], own, references[f.name], extracted.dropped)
                fr.checks.append(check)
        result.functions.append(fr)
