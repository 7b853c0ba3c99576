"""Grade a submission: extract → run (sandboxed) → judge each case (dlspec.checking.verdict) → score.

Only the cases of functions whose code changed since a previous grade are run again (``previous``): watch mode
re-grades on every save, and a learner edits one function at a time.
"""

from __future__ import annotations

import ast
import hashlib
import sys
import time
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from dlspec.checking.result import CheckResult, FunctionResult, GradeResult
from dlspec.checking.run import kept_random_state, run_job
from dlspec.checking.spec import Convention, Deferred, Mutant, Version, resolve
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
            extracted = extract(raw, suffix, tuple(a.names_in_any_version))
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
    version = a.recognise(extracted.modules, extracted.kept)
    result.version = version.name if version else ""
    conventions = {f.name: version.convention(f.name) if version else Convention() for f in a.functions}
    graded = [f for f in a.functions if not conventions[f.name].absent]
    named = {f.name: conventions[f.name].name or f.name for f in graded}  # the name the submission gives it
    digest = digests(extracted, list(named.values()))
    result.digests = {f.name: digest[named[f.name]] for f in graded}
    kept = _reusable(previous, a, result.digests)
    references = {f.name: Deferred(f.reference, conventions[f.name].adapt) for f in graded}
    # an adapted reference returns something else on the same case: its outputs are cached under another key
    keys = {f.name: f.name + (f" as {version.name}" if conventions[f.name].adapt else "") for f in graded}
    plan = [(f, case) for f in graded if f.name not in kept for case in a.cases(f.name, version)]
    tasks = [sb.Task(i, named[f.name], f.timeout, case.call) for i, (f, case) in enumerate(plan)]
    job = {
        "path": list(sys.path),
        "extracted": extracted,
        "filename": FILENAME,
        "references": {named[f.name]: f.reference for f in graded},
        "adapt": {named[f.name]: conventions[f.name].adapt for f in graded if conventions[f.name].adapt},
    }
    expected: list = []

    def compute_expected() -> None:
        by_key = {keys[name]: fn for name, fn in references.items()}
        expected.extend(cache.outputs(a, [(keys[f.name], case) for f, case in plan], by_key))

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
    unimported = [tuple(pair) for pair in run.loaded.get("unimported", [])]
    for f in a.functions:
        if f.name in kept:
            result.functions.append(kept[f.name])
        elif conventions[f.name].absent:
            result.functions.append(_skipped(f.name, version))
        else:
            mutants = _KnownMistakes(a, f.name, conventions[f.name].adapt)
            fr = FunctionResult(f.name, f.points)
            for task, (_, case) in zip(tasks, plan, strict=True):
                if task.function == named[f.name]:
                    outcome = run.outcomes[task.id]
                    check = verdict(task.function, case, outcome, expected[task.id], mutants, references[f.name],
                                    extracted.dropped, f.examples_axis, unimported)
                    if not check.passed and task.function in extracted.blank:
                        check = verdict(task.function, case, {"status": "not_implemented", "blank": True}, None, [])
                    fr.checks.append(check)
            result.functions.append(fr)


class _KnownMistakes:
    """The known mistakes in one function, turned by ``adapt`` into the version's convention as the reference is;
    loaded when a case first fails (a module of PyTorch mistakes imports PyTorch, which a passing grade never needs
    in this process)."""

    def __init__(self, a: Assignment, name: str, adapt: str) -> None:
        self.a, self.name, self.adapt = a, name, adapt

    @cached_property
    def loaded(self) -> list[Mutant]:
        mutants = self.a.mutants(self.name)
        return [Mutant(m.function, m.hint, resolve(self.adapt)(m.fn)) for m in mutants] if self.adapt else mutants

    def __iter__(self) -> Iterator[Mutant]:
        return iter(self.loaded)


def _skipped(name: str, version: Version) -> FunctionResult:
    """A graded function that the learner's version of the notebook did not have: no points either way."""
    message = f"the {version.name} version of this notebook has no {name}: not graded"
    return FunctionResult(name, 0.0, [CheckResult(name, "", "skipped", message)])
