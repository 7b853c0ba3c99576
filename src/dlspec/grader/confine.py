"""Confine the grading child before any learner code runs: limits, no network, a guard on files and processes.

Defence in depth under the OS limits, not a container: see docs/grader.md for what each platform guarantees.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

DEFERRED = ("matplotlib", "matplotlib.pyplot")
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


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


def guard(workdir: str) -> None:
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


def limit_cpu(seconds: int) -> None:
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


def defer_plotting() -> None:
    """Notebooks import pyplot at the top, which costs more than the whole grade (0.6 s); graded functions rarely
    plot, so the import happens only if one does."""
    for name in DEFERRED:
        sys.modules.setdefault(name, _Deferred(name))


def preload(modules: list[str]) -> None:
    """Import installed modules the assignment needs before any limit, while the parent still builds the job.
    One that fails is left for the submission's own import to report."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            pass

