"""Run a learner's function on given inputs, in this process, and report what it did as data.

One runner serves all three places a case runs: the sandboxed grading child (dlspec.grader.child), in-process
grading (``grade(..., sandbox=False)``) and the notebook's ``check()``; so the three can never disagree about a
case. Imports stay lean: this module is on the latency path of every grade.
"""

from __future__ import annotations

import ast
import builtins
import copy
import inspect
import linecache
import random
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import numpy as np

from dlspec.checking import probes
from dlspec.checking.aliases import inputs, shared
from dlspec.checking.names import argument_names
from dlspec.checking.spec import Call, adapted, resolve
from dlspec.checking.wire import encode

_ABSENT = object()


def seed_everything(seed: int) -> None:
    """Seed NumPy's global state, Python's ``random`` and, once something imported it, torch: a learner may draw
    from any of them, and two calls with the same seed must build the same weights."""
    np.random.seed(seed)
    random.seed(seed)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)


@contextmanager
def kept_random_state() -> Iterator[None]:
    """Leave NumPy's, Python's and torch's global random states as they were, whatever the body draws."""
    torch = sys.modules.get("torch")
    states = np.random.get_state(), random.getstate(), torch.get_rng_state() if torch is not None else None
    try:
        yield
    finally:
        np.random.set_state(states[0])
        random.setstate(states[1])
        if states[2] is not None:
            torch.set_rng_state(states[2])


def fresh(how: Call) -> tuple[tuple, dict]:
    """New copies of the call's inputs: its arguments made by its maker (Case.make), or copied."""
    if how.make:
        return tuple(resolve(how.make)(**copy.deepcopy(how.make_kwargs))), copy.deepcopy(how.kwargs)
    return copy.deepcopy((how.args, how.kwargs))


def call(fn: Callable, how: Call, args: tuple | None = None, kwargs: dict | None = None) -> Any:
    """``fn`` called as ``how`` says: seeded, then (with ``updates``) the arguments it updates appended to what it
    returned, then (with a probe) the probe run on that. ``args`` and
    ``kwargs`` default to fresh copies of the call's inputs; pass the very objects to see what the call changed."""
    if args is None:
        args, kwargs = fresh(how)
    if how.seed is not None:
        seed_everything(how.seed)
    probe = resolve(how.probe) if how.probe else None
    # a probe that sets every weight itself gets a model built without drawing default ones (probes.skipped_init)
    with probes.skipped_init() if getattr(probe, "sets_every_weight", False) else nullcontext():
        value = fn(*args, **kwargs)
    if how.updates:  # the arguments it updates in place, as it left them, after what it returned
        value = (*(value if isinstance(value, tuple) else (value,)), *(args[i] for i in how.updates))
    if probe is not None:
        # the probe turns an object (an nn.Module, a builder's result) into data; it may draw random numbers too
        if how.seed is not None:
            seed_everything(how.seed)
        value = probe(value, **copy.deepcopy(how.probe_kwargs))
    return value


def observed(fn: Callable, how: Call) -> tuple[Any, tuple, list[tuple[str, str, str]]]:
    """``fn`` called on fresh copies of the case's inputs: what it returned, the inputs as the call left them,
    and the places its result shares (see aliases.shared): with itself, and with the inputs too when the case
    keeps its arguments (it promises new values)."""
    given = fresh(how)
    before = inputs(*given) if how.keep_args else []
    value = call(fn, how, *given)
    return value, given, shared(value, before)


def memory_limit() -> str:
    """' (limit 2 GiB)' when the address space is limited, else ''."""
    try:
        import resource
    except ImportError:  # Windows
        return ""
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    if soft == resource.RLIM_INFINITY:
        return ""
    return f" (limit {soft / 2**30:g} GiB)" if soft % 2**27 == 0 else f" (limit {soft / 2**20:.0f} MiB)"


def _learner_line(tb, filenames: set[str], where: Callable[[int], str]) -> str:
    """' at cell 4, line 7: `x = 1 / m`' for the innermost frame in the learner's code, or ''."""
    found = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename in filenames:
            found = (frame.f_code.co_filename, lineno)
    if found is None:
        return ""
    code = linecache.getline(*found).strip()
    return f" at {where(found[1])}" + (f": `{code}`" if code else "")


def raised(e: BaseException) -> str:
    """'raised ValueError: operands could not be broadcast ...': the exception and its message's first line."""
    try:
        text = str(e).strip()
    except Exception:  # an exception class of the learner's whose __str__ itself fails
        text = ""
    return f"raised {type(e).__name__}" + (f": {text.splitlines()[0][:300]}" if text else "")


def changed(before: Any, after: Any, path: str) -> str | None:
    """Where ``after`` (what the function was given) no longer equals ``before`` (a copy taken first), or None."""
    if isinstance(before, np.ndarray):
        same = isinstance(after, np.ndarray) and before.shape == after.shape
        return None if same and np.array_equal(before, after, equal_nan=before.dtype.kind in "fc") else path
    if isinstance(before, dict):
        if not isinstance(after, dict) or set(before) != set(after):
            return path
        return next((p for k in before if (p := changed(before[k], after[k], f"{path}[{k!r}]"))), None)
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(before) != len(after):
            return path
        return next((p for i, b in enumerate(before) if (p := changed(b, after[i], f"{path}[{i}]"))), None)
    try:
        return None if bool(before == after) else path
    except Exception:  # an object whose comparison fails: not the data this check is about
        return None


def _argument_names(fn: Callable, count: int) -> list[str]:
    names = argument_names(fn)
    return (names + [f"argument {i + 1}" for i in range(len(names), count)])[:count]


def run_case(
    fn: Callable,
    case: Call,
    filenames: set[str],
    where: Callable[[int], str],
) -> dict:
    """Call ``fn`` and describe the outcome as JSON-safe data: its value and the places it shares, or how it
    failed. With ``keep_args``, also where it changed the arguments it was given (the caller's values must stay
    as they were)."""
    start = time.perf_counter()
    try:
        value, given, sharing = observed(fn, case)
        outcome = {"status": "ok", "value": encode(value), "shared": sharing}
        if case.keep_args:
            args, kwargs = fresh(case)  # as the function received them
            names = _argument_names(fn, len(args))
            spots = [changed(a, g, n) for a, g, n in zip(args, given[0], names, strict=True)]
            spots += [changed(v, given[1].get(k), k) for k, v in kwargs.items()]
            outcome["changed"] = next((s for s in spots if s), None)
    except NotImplementedError:
        outcome = {"status": "not_implemented"}
    except MemoryError:
        outcome = {"status": "crashed", "message": f"ran out of memory{memory_limit()}"}
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) or e.code is None else 1
        outcome = {"status": "crashed", "message": f"called sys.exit: the process exited with status {code or 0}"}
    except Exception as e:
        outcome = {
            "status": "error",
            "message": raised(e),
            "name": getattr(e, "name", None) if isinstance(e, NameError) else None,
            "where": _learner_line(e.__traceback__, filenames, where),
        }
        if isinstance(e, TypeError) and _refused_the_call(e):
            outcome["signature"], outcome["parameters"] = _signature(fn)
    outcome["seconds"] = time.perf_counter() - start
    return outcome


def _refused_the_call(e: TypeError) -> bool:
    """True when the function refused the grader's arguments (its parameters do not fit), not when a TypeError
    came from inside it: then the innermost frame is ``call``'s own, where the function was called."""
    frames = list(traceback.walk_tb(e.__traceback__))
    return bool(frames) and frames[-1][0].f_code is call.__code__


def _signature(fn: Callable) -> tuple[str, list[str]]:
    """The function's signature as the learner wrote it, "f(a, b=1)", and the names of its positional parameters."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return "", []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    positional = [p.name for p in signature.parameters.values() if p.kind in kinds]
    return f"{getattr(fn, '__name__', 'it')}{signature}", positional


def load_namespace(
    source: str, filename: str, where: Callable[[int], str]
) -> tuple[dict, list[str], list[tuple[str, str]]]:
    """Execute the kept code statement by statement; a failing statement (a missing import) is a warning. Also
    returns what the failed imports would have bound, as (module, name) pairs, name "*" for ``import *``."""
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    ns: dict = {"__name__": "__submission__", "__builtins__": builtins}
    warnings: list[str] = []
    unimported: list[tuple[str, str]] = []
    for stmt in ast.parse(source, filename=filename).body:
        try:
            exec(compile(ast.Module([stmt], type_ignores=[]), filename, "exec"), ns)
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # an import or class body may raise anything, even SystemExit
            code = linecache.getline(filename, stmt.lineno).strip()
            warnings.append(f"{where(stmt.lineno)} failed ({type(e).__name__}: {e}): `{code}`")
            unimported += _bindings(stmt)
    return ns, warnings, unimported


def _bindings(stmt: ast.stmt) -> list[tuple[str, str]]:
    """(module, name) for each name an import statement binds; [] for any other statement."""
    if isinstance(stmt, ast.ImportFrom):
        return [(stmt.module or ".", a.asname or a.name) for a in stmt.names]
    if isinstance(stmt, ast.Import):
        return [(a.name, a.asname or a.name.split(".")[0]) for a in stmt.names]
    return []


def swaps(references: dict[str, Callable], swap: dict[str, str], name: str = "") -> dict[str, Callable]:
    """What a case swaps into the namespace of the function ``name`` it grades: every other graded function's
    reference (so ``name`` is judged on its own), then the case's own swaps (Case.swap) on top."""
    return {**{g: f for g, f in references.items() if g != name}, **{g: resolve(ref) for g, ref in swap.items()}}


@contextmanager
def swapped(ns: dict, stand_ins: dict[str, Callable]) -> Iterator[None]:
    """``ns`` with ``stand_ins`` in place of its own entries, for the duration of the body."""
    saved = {g: ns.get(g, _ABSENT) for g in stand_ins}
    ns.update(stand_ins)
    try:
        yield
    finally:
        for g, value in saved.items():
            if value is _ABSENT:
                ns.pop(g, None)
            else:
                ns[g] = value


def run_job(job: dict, emit: Callable[[dict], None]) -> None:
    """Load the submission, then run each task, emitting events; shared by the child and in-process grading.

    ``job["references"]`` maps each graded function, by the name the submission gives it, to its reference;
    ``job["adapt"]`` (optional) maps some of them to the adapter of the version of the notebook being graded."""
    extracted = job["extracted"]
    ns, warnings, unimported = load_namespace(extracted.source, job["filename"], extracted.where)
    adapt = job.get("adapt", {})
    references = {name: adapted(ref, adapt.get(name, "")) for name, ref in job["references"].items()}
    missing = [name for name in references if not callable(ns.get(name))]
    emit({"loaded": True, "missing": missing, "warnings": warnings, "unimported": unimported})
    threads = threading.active_count()
    for task_id, name, case in job["tasks"]:
        if name in missing:
            emit({"done": task_id, "outcome": {"status": "missing"}})
            continue
        emit({"start": task_id, "t": time.monotonic()})
        with swapped(ns, swaps(references, case.swap, name)):
            outcome = run_case(ns[name], case, {job["filename"]}, extracted.where)
        # a thread the case left running would steal time from the next ones: the sandbox starts afresh
        emit({"done": task_id, "outcome": outcome, "threads_left": threading.active_count() - threads})
