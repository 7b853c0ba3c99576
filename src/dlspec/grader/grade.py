"""Grade a submission: extract → run (sandboxed) → judge each case (dlspec.checking.verdict) → score.

Only the cases of functions whose code changed since a previous grade are run again (``previous``): watch mode
re-grades on every save, and a learner edits one function at a time.
"""

from __future__ import annotations

import ast
import hashlib
import sys
import time
from pathlib import Path

from dlspec.checking.result import FunctionResult, GradeResult
from dlspec.checking.run import kept_random_state, run_job
from dlspec.checking.verdict import verdict
from dlspec.compat import DIR as COMPAT_DIR
from dlspec.course import assignment as course  # load looked up at call time: tests swap the course
from dlspec.course.assignment import Assignment
from dlspec.grader import expected as cache
from dlspec.grader import sandbox as sb
from dlspec.grader.extract import FILENAME, Extracted, NotGradableError, extract

MAX_BYTES = 50 * 2**20  # the largest submission read: a course notebook with its plots is a few MiB


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


def limits(a: Assignment) -> sb.Limits:
    """The sandbox's limits for this assignment: the defaults, with what its assignment.toml sets on top."""
    return sb.Limits(**a.limits)


def digests(extracted: Extracted, names: list[str]) -> dict[str, str]:
    """Per graded function, a hash of what its verdict depends on: its own (last) definition and every kept
    statement that defines no graded function (helpers, imports, constants). Other graded functions are swapped
    for their references while it is graded, so their code does not count."""
    graded: dict[str, str] = {}
    shared = hashlib.sha256()
    for stmt in ast.parse(extracted.source).body:
        text = ast.dump(stmt)
        name = getattr(stmt, "name", None)
        if name in names:
            graded[name] = text
        else:
            shared.update(text.encode())
    common = shared.hexdigest()
    return {n: hashlib.sha256((common + graded.get(n, "")).encode()).hexdigest()[:16] for n in names}


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
    try:
        with kept_random_state():
            run_job({**job, "tasks": [t.as_job() for t in tasks]}, emit)
    finally:
        if added:
            sys.path.remove(COMPAT_DIR)
    return run


def grade(
    assignment: str | Assignment,
    path: str | Path | None = None,
    *,
    source: str | bytes | None = None,
    sandbox: bool = True,
    previous: GradeResult | None = None,
) -> GradeResult:
    """Grade the submission at ``path`` (or the text ``source``) against ``assignment`` (an id or an Assignment).

    ``sandbox=False`` runs the learner's code in this process, without limits: only for trusted code (tests).
    ``previous``: an earlier grade of the same assignment; functions whose code is unchanged keep its verdict."""
    started = time.perf_counter()
    a = assignment if isinstance(assignment, Assignment) else course.load(assignment)
    # the child's start-up (and its preloads) overlaps with extraction and the expected outputs
    child = sb.spawn(limits(a), preload=a.preload) if sandbox else None
    try:
        result = GradeResult(a.id, pass_mark=a.pass_mark)
        try:
            raw, suffix = _read(path, source)
            result.source_hash = hashlib.sha256(raw).hexdigest()
            extracted = extract(raw, suffix, tuple(a.names))
        except NotGradableError as e:
            result.gradable, result.message = False, str(e)
        else:
            _grade_into(result, a, extracted, child, previous)
            child = None  # run() owned it and has cleaned up
    finally:
        if child is not None:
            sb.discard(child)
    result.seconds = time.perf_counter() - started
    return result


def _reusable(previous: GradeResult | None, a: Assignment, digest: dict[str, str]) -> dict[str, FunctionResult]:
    if previous is None or previous.assignment != a.id or not previous.gradable:
        return {}
    return {f.name: f for f in previous.functions if previous.digests.get(f.name) == digest[f.name]}


def _grade_into(
    result: GradeResult, a: Assignment, extracted: Extracted, child: sb.Child | None, previous: GradeResult | None
) -> None:
    result.digests = digests(extracted, a.names)
    kept = _reusable(previous, a, result.digests)
    references = {f.name: f.resolve() for f in a.functions}
    plan = [(f, case) for f in a.functions if f.name not in kept for case in a.cases(f.name)]
    tasks = [sb.Task(i, f.name, f.timeout, case.call) for i, (f, case) in enumerate(plan)]
    job = {
        "path": list(sys.path),
        "extracted": extracted,
        "filename": FILENAME,
        "references": {f.name: f.reference for f in a.functions},
    }
    expected: list = []

    def compute_expected() -> None:
        expected.extend(cache.outputs(a, [(f.name, case) for f, case in plan], references))

    if not tasks:
        compute_expected()
        # nothing changed: the code loads as it did, with the same notes
        run = sb.Run(loaded={"warnings": [w for w in previous.warnings if w not in extracted.warnings]})
        if child is not None:
            sb.discard(child)
    elif child is None:
        compute_expected()
        run = _in_process(job, tasks)
    else:
        run = sb.run(job, tasks, child, limits(a), meanwhile=compute_expected, preload=a.preload)
    result.output = run.output
    result.warnings = [*extracted.warnings, *run.loaded.get("warnings", [])]
    if run.failure:
        result.gradable, result.message = False, run.failure
        return
    mutants = a.mutants()
    for f in a.functions:
        if f.name in kept:
            result.functions.append(kept[f.name])
            continue
        fr = FunctionResult(f.name, f.points)
        own = [m for m in mutants if m.function == f.name]
        for task, (_, case) in zip(tasks, plan, strict=True):
            if task.function == f.name:
                fr.checks.append(
                    verdict(f.name, case, run.outcomes[task.id], expected[task.id], own, references[f.name],
                            extracted.dropped, f.examples_axis)
                )
        result.functions.append(fr)

