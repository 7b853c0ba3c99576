"""Run a learner's functions on given inputs and report what they returned, as data.

``python -m dlspec.grader.child FD LIMITS`` is the sandboxed side of the grader (sandbox.py starts it as
``python -c`` with ``main()``, the same without runpy's warnings). It limits itself (LIMITS, JSON), reads one pickled
job from stdin (the parent is trusted), runs the kept code of the submission, then each case, and writes one JSON
line per event to file descriptor FD. Learner prints go to stdout/stderr, which the parent captures separately, so
they can never corrupt the results.

The functions here are also what ``grade(..., sandbox=False)`` and the notebook's ``check()`` call in-process, so
all three run a case the same way. Imports stay lean: this module is on the latency path of every grade.
"""

from __future__ import annotations

import ast
import builtins
import copy
import importlib
import inspect
import json
import linecache
import os
import pickle
import sys
import threading
import time
import traceback
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from dlspec.grader.wire import encode

COMPAT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "compat")
_ABSENT = object()
DEFERRED = ("matplotlib", "matplotlib.pyplot")
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


def call(fn: Callable, args: tuple, kwargs: dict, seed: int | None) -> Any:
    """``fn`` on fresh copies of the inputs, after seeding NumPy's global state when the case says so."""
    return called(fn, *copy.deepcopy((args, kwargs)), seed)


def called(fn: Callable, args: tuple, kwargs: dict, seed: int | None) -> Any:
    """``fn`` on these very inputs (the caller keeps them, to see what the call changed), seeded as ``call``."""
    if seed is not None:
        np.random.seed(seed)
    return fn(*args, **kwargs)


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
    try:
        names = [p.name for p in inspect.signature(fn).parameters.values()]
    except (TypeError, ValueError):
        names = []
    return (names + [f"argument {i + 1}" for i in range(len(names), count)])[:count]


def run_case(
    fn: Callable,
    args: tuple,
    kwargs: dict,
    seed: int | None,
    filenames: set[str],
    where: Callable[[int], str],
    keep_args: bool = False,
) -> dict:
    """Call ``fn`` and describe the outcome as JSON-safe data: its value, or how it failed. With ``keep_args``,
    also where it changed the arguments it was given (the caller's values must stay as they were)."""
    start = time.perf_counter()
    try:
        given = copy.deepcopy((args, kwargs))
        value = called(fn, *given, seed)
        outcome = {"status": "ok", "value": encode(value)}
        if keep_args:
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
    outcome["seconds"] = time.perf_counter() - start
    return outcome


def load_namespace(source: str, filename: str, where: Callable[[int], str]) -> tuple[dict, list[str]]:
    """Execute the kept code statement by statement; a failing statement (a missing import) is a warning."""
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    ns: dict = {"__name__": "__submission__", "__builtins__": builtins}
    warnings = []
    for stmt in ast.parse(source, filename=filename).body:
        try:
            exec(compile(ast.Module([stmt], type_ignores=[]), filename, "exec"), ns)
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # an import or class body may raise anything, even SystemExit
            code = linecache.getline(filename, stmt.lineno).strip()
            warnings.append(f"{where(stmt.lineno)} failed ({type(e).__name__}: {e}): `{code}`")
    return ns, warnings


@contextmanager
def isolated(ns: dict, name: str, references: dict[str, Callable]) -> Iterator[None]:
    """Swap every graded function but ``name`` for its reference in ``ns``, so ``name`` is judged on its own."""
    saved = {g: ns.get(g, _ABSENT) for g in references if g != name}
    ns.update({g: references[g] for g in saved})
    try:
        yield
    finally:
        for g, value in saved.items():
            if value is _ABSENT:
                ns.pop(g, None)
            else:
                ns[g] = value


def resolve(reference: str) -> Callable:
    """The callable that ``"module:attr"`` names."""
    module, _, attr = reference.partition(":")
    return getattr(importlib.import_module(module), attr)


def stand_ins(references: dict[str, Callable], replace: dict[str, str]) -> dict[str, Callable]:
    """What ``isolated`` swaps in for one case: the other graded functions' references, then the case's own
    replacements (Case.replace) on top."""
    return {**references, **{name: resolve(ref) for name, ref in replace.items()}}


def run_job(job: dict, emit: Callable[[dict], None]) -> None:
    """Load the submission, then run each task, emitting events; shared by the child and in-process grading."""
    extracted = job["extracted"]
    ns, warnings = load_namespace(extracted.source, job["filename"], extracted.where)
    references = {name: resolve(ref) for name, ref in job["references"].items()}
    missing = [name for name in references if not callable(ns.get(name))]
    emit({"loaded": True, "missing": missing, "warnings": warnings})
    threads = threading.active_count()
    for task_id, name, args, kwargs, seed, replace, keep_args in job["tasks"]:
        if name in missing:
            emit({"done": task_id, "outcome": {"status": "missing"}})
            continue
        emit({"start": task_id, "t": time.monotonic()})
        with isolated(ns, name, stand_ins(references, replace)):
            outcome = run_case(ns[name], args, kwargs, seed, {job["filename"]}, extracted.where, keep_args)
        # a thread the case left running would steal time from the next ones: the sandbox starts afresh
        emit({"done": task_id, "outcome": outcome, "threads_left": threading.active_count() - threads})


def _refuse_sockets() -> None:
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network access is disabled while grading")

    socket.socket = refuse  # type: ignore[misc, assignment]
    socket.create_connection = refuse  # type: ignore[assignment]


def _unshare_network() -> bool:
    """Move into an empty network namespace (Linux; root, or an unprivileged user namespace); True if done."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    uid, gid = os.getuid(), os.getgid()
    if uid == 0:
        return libc.unshare(_CLONE_NEWNET) == 0
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        return False
    # keep our own ids inside the new user namespace, so the files the code writes have an owner
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as fh:
                fh.write(text)
    except OSError:
        pass
    return True


def confine(memory: int | None, file_size: int, processes: int | None) -> None:
    """Limit this process before any learner code runs: no core dumps, address space (``None`` where the parent
    watches memory instead), file size, processes, and no network. A limit the OS refuses is skipped, not fatal."""
    import resource

    wanted = [(resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, file_size)]
    if memory is not None:
        wanted.append((resource.RLIMIT_AS, memory))
    if processes is not None:
        wanted.append((resource.RLIMIT_NPROC, processes))
    for which, value in wanted:
        try:
            hard = resource.getrlimit(which)[1]
            resource.setrlimit(which, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))
        except (ValueError, OSError):
            pass
    if not _unshare_network():
        _refuse_sockets()


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
# events that change a file named by their first argument
_PATH_EVENTS = {
    "os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.utime", "os.link", "os.symlink",
    "os.setxattr", "os.removexattr", "shutil.rmtree", "sqlite3.connect", "dbm.open",
}  # fmt: skip
_REFUSED = {
    "os.fork": "starting processes",
    "os.forkpty": "starting processes",
    "os.posix_spawn": "starting processes",
    "os.exec": "starting processes",
    "os.system": "starting processes",
    "subprocess.Popen": "starting processes",
    "pty.spawn": "starting processes",
    "socket.connect": "network access",
    "socket.getaddrinfo": "network access",
    "socket.sendto": "network access",
    "ctypes.dlsym": "calling C functions through ctypes",
    "gc.get_objects": "inspecting the grader",
    "gc.get_referrers": "inspecting the grader",
    "gc.get_referents": "inspecting the grader",
}


def _guard(workdir: str) -> None:
    """Refuse, from here on, what graded code has no business doing: change files outside ``workdir`` (the
    learner's notebook, the progress database, the answer key), start processes, reach the network, load C code,
    signal other processes. An audit hook cannot be removed; the gc and ctypes doors to it are closed too.
    Defence in depth under the limits, not a container: see docs/grader.md."""
    root = os.path.realpath(workdir)
    installed = tuple({os.path.join(os.path.realpath(p), "") for p in (sys.prefix, sys.base_prefix)})
    me, group = os.getpid(), os.getpgid(0)
    realpath, fsdecode, join = os.path.realpath, os.fsdecode, os.path.join

    def inside(path: Any) -> bool:
        if isinstance(path, int):  # a descriptor the process already holds
            return True
        full = realpath(fsdecode(path))
        return full == root or full.startswith(join(root, ""))

    def deny(what: str) -> None:
        raise PermissionError(f"{what} is disabled while grading")

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            path, mode, flags = args
            writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & _WRITE_FLAGS)
            if writes and path is not None and not inside(path):
                deny(f"writing outside the grading folder ({realpath(fsdecode(path))})")
        elif event in _PATH_EVENTS:
            path = args[0]
            if isinstance(path, (str, bytes, os.PathLike)) and fsdecode(path) != ":memory:" and not inside(path):
                deny(f"changing files outside the grading folder ({fsdecode(path)})")
        elif event in ("os.rename", "os.replace"):
            if not (inside(args[0]) and inside(args[1])):
                deny("moving files outside the grading folder")
        elif event == "ctypes.dlopen":
            # installed packages (torch) load their own libraries; anything else (libc's fork) is refused
            name = args[0]
            if not (isinstance(name, str) and realpath(name).startswith(installed)):
                deny(f"loading the C library {name}")
        elif event in ("os.kill", "os.killpg"):
            if args[0] not in (me, 0, -group, group):
                deny("signalling other processes")
        elif event in _REFUSED:
            deny(_REFUSED[event])

    sys.addaudithook(hook)


def _limit_cpu(seconds: int) -> None:
    """CPU time is a backstop behind the parent's wall clock; only the job says how many cases there are."""
    import resource

    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    resource.setrlimit(resource.RLIMIT_CPU, (seconds if hard == resource.RLIM_INFINITY else min(seconds, hard), hard))


class _Deferred(types.ModuleType):
    """Stands in for a plotting module until the code uses it; then imports the real one and forwards to it."""

    def __getattr__(self, attr: str) -> Any:
        sub = f"{self.__name__}.{attr}"
        if isinstance(sys.modules.get(sub), _Deferred):
            return sys.modules[sub]
        if attr.startswith("__") and attr != "__path__":  # __path__: a submodule is being imported, so load
            raise AttributeError(attr)
        for name in [m for m, mod in sys.modules.items() if isinstance(mod, _Deferred)]:
            del sys.modules[name]
        return getattr(importlib.import_module(self.__name__), attr)


def _defer_plotting() -> None:
    """Notebooks import pyplot at the top, which costs more than the whole grade (0.6 s); graded functions rarely
    plot, so the import happens only if one does."""
    for name in DEFERRED:
        sys.modules.setdefault(name, _Deferred(name))


def _preload(modules: list[str]) -> None:
    """Import installed modules the assignment needs before any limit, while the parent still builds the job.
    One that fails is left for the submission's own import to report."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            pass


def main() -> None:
    """argv: the result descriptor, the limits for ``confine`` as JSON, and the modules to preload as JSON."""
    out = os.fdopen(int(sys.argv[1]), "w", encoding="utf-8")
    _preload(json.loads(sys.argv[3]))
    confine(**json.loads(sys.argv[2]))

    def emit(event: dict) -> None:
        out.write(json.dumps(event, allow_nan=False) + "\n")
        out.flush()

    # The path comes first and on its own: unpickling the job may import the modules it names.
    path, payload = pickle.loads(sys.stdin.buffer.read())
    sys.path[:0] = [COMPAT_DIR, *path]
    job = pickle.loads(payload)
    _limit_cpu(job["cpu_seconds"])
    _defer_plotting()
    _guard(os.getcwd())
    run_job(job, emit)
    out.close()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the learner's code closed it
            pass
    os._exit(0)  # done: threads or atexit handlers the learner's code left behind must not keep it alive


if __name__ == "__main__":
    main()
