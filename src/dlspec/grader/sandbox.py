"""The parent side of sandboxed grading: start a child with limits, feed it a job, watch the clock, collect events.

One child runs all the cases of a submission. When a case runs past its wall-time limit or the child dies, the
parent kills the child's whole process group, records what happened with the limit that was hit, and starts a new
child for the cases that are left. A function that timed out is not run again (one infinite loop costs one
timeout, not five); after a crash the next case gets its chance in the fresh child.

Limits (the child sets them on itself first thing, see child.confine, so no code runs between fork and exec and
grading is safe from threaded parents): address space, CPU time, file size, core dumps off, processes (where the
OS enforces it: not for root), no network (an empty network namespace where Linux allows it, else the child refuses
sockets). The parent adds a fresh temporary working directory, a wall clock per case and a cap on the output kept.
Where the OS does not enforce an address-space limit (macOS accepts RLIMIT_AS and ignores it), the parent watches
the child's resident memory instead and kills it past the same limit.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psutil  # imported where it is used: 20 ms that grading on Linux does without

from dlspec.checking.spec import Call

# what "python -m dlspec.grader.child" does, without runpy's warning that the package (which imports the child's
# functions for in-process grading) already loaded the module
_CHILD_MAIN = "from dlspec.grader.child import main; main()"
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")
# How often the parent reads the child's resident memory where it watches it: a NumPy fill runs at a few GB/s, so
# a bomb is stopped within about a hundred MB of the limit.
_MEMORY_POLL = 0.02


@dataclass(frozen=True)
class Limits:
    memory: int = 2 * 2**30  # bytes of address space
    output: int = 64 * 2**10  # bytes of stdout+stderr kept per run
    file_size: int = 64 * 2**20  # largest file the code may write
    processes: int = 256  # more processes/threads than the user already runs
    load_seconds: float = 20.0  # starting Python and running the submission's imports and definitions


@dataclass(frozen=True)
class Task:
    id: int
    function: str
    timeout: float
    call: Call

    def as_job(self) -> tuple:
        """What the child needs of this task (see dlspec.checking.run.run_job)."""
        return self.id, self.function, self.call


@dataclass
class Child:
    proc: subprocess.Popen
    results: int  # read end of the result pipe
    workdir: str
    watched: psutil.Process | None = None  # set where the parent, not the OS, enforces the memory limit


@dataclass
class Run:
    """What the children reported: the load report, one outcome per task, the learner's output, or why loading
    failed (then the submission is not gradable)."""

    loaded: dict = field(default_factory=dict)
    outcomes: dict[int, dict] = field(default_factory=dict)
    output: str = ""
    failure: str = ""


def _size(n: int) -> str:
    return f"{n / 2**30:g} GiB" if n >= 2**30 else f"{n / 2**20:g} MiB" if n >= 2**20 else f"{n / 2**10:g} KiB"


def _user_tasks() -> int:
    """Processes and threads this user runs now (Linux), which RLIMIT_NPROC counts too."""
    uid, count = str(os.getuid()), 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/status", "rb") as fh:
                status = fh.read().decode(errors="replace")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("Uid", "").split()[:1] == [uid]:
            count += int(fields.get("Threads", "1").strip() or 1)
    return count


def address_space_enforced() -> bool:
    """Whether the OS enforces RLIMIT_AS. Linux does; macOS accepts the limit and ignores it."""
    return sys.platform.startswith("linux")


def spawn(limits: Limits = Limits(), preload: tuple[str, ...] = ()) -> Child:
    """Start a child now; it imports NumPy and the ``preload`` modules (torch: over a second) while the parent
    prepares the job."""
    nproc = None
    if sys.platform.startswith("linux") and os.geteuid() != 0:  # root ignores RLIMIT_NPROC
        nproc = _user_tasks() + limits.processes
    by_os = address_space_enforced()
    confine = {"memory": limits.memory if by_os else None, "file_size": limits.file_size, "processes": nproc}
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg", **{v: "1" for v in _THREAD_VARS})
    env.pop("PYTHONSTARTUP", None)
    workdir = tempfile.mkdtemp(prefix="dlspec-grade-")
    read_end, write_end = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD_MAIN, str(write_end), json.dumps(confine), json.dumps(list(preload))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(write_end,),
            cwd=workdir,
            env=env,
            start_new_session=True,  # its own process group, so a kill takes whatever it started too
        )
    except BaseException:
        os.close(read_end)
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    finally:
        os.close(write_end)
    if by_os:
        return Child(proc, read_end, workdir)
    import psutil

    return Child(proc, read_end, workdir, psutil.Process(proc.pid))


def discard(child: Child) -> None:
    """Kill the child and everything it started, and remove its working directory. Safe to call twice."""
    if child.results < 0:
        return
    try:
        os.killpg(child.proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        child.proc.kill()
    child.proc.wait()
    for stream in (child.proc.stdin, child.proc.stdout, child.proc.stderr):
        try:
            stream.close()
        except (OSError, ValueError):
            pass  # the writer thread may be in the middle of the job
    os.close(child.results)
    child.results = -1
    shutil.rmtree(child.workdir, ignore_errors=True)


def _over_memory(child: Child, limits: Limits) -> bool:
    """Whether a watched child's resident memory has passed the limit; if so it is killed, with what it started."""
    import psutil

    try:
        if child.watched.memory_info().rss <= limits.memory:
            return False
        os.killpg(child.proc.pid, signal.SIGKILL)
    except (psutil.NoSuchProcess, ProcessLookupError):
        return False  # it has exited; the pipes tell how
    return True


def _death(returncode: int, limits: Limits, cpu_seconds: int) -> str:
    """How the child died, in words, with the limit it hit where we can tell."""
    if returncode >= 0:
        return f"the process exited with status {returncode}"
    sig = -returncode
    name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}"
    if sig == getattr(signal, "SIGXCPU", None):
        return f"used up its CPU-time limit ({cpu_seconds:g} s)"
    if sig == getattr(signal, "SIGXFSZ", None):
        return f"wrote a file larger than the limit ({_size(limits.file_size)})"
    if sig == signal.SIGKILL:
        return f"the process was killed (SIGKILL), most likely out of memory (limit {_size(limits.memory)})"
    return f"the process died from {name}"


class _Output:
    """Keeps the first ``cap`` bytes of what the children print and counts the rest."""

    def __init__(self, cap: int) -> None:
        self.cap, self.kept, self.dropped = cap, bytearray(), 0

    def add(self, data: bytes) -> None:
        room = max(0, self.cap - len(self.kept))
        self.kept += data[:room]
        self.dropped += len(data) - min(room, len(data))

    def text(self) -> str:
        text = self.kept.decode("utf-8", errors="replace")
        return text + (f"\n[output truncated: {_size(self.dropped)} more dropped]" if self.dropped else "")


def _send(child: Child, job: dict, tasks: list[Task]) -> None:
    """Write the job from a thread, so the parent can work while a large job drains into the pipe."""
    payload = pickle.dumps({**job, "tasks": [t.as_job() for t in tasks]})
    data = pickle.dumps((job["path"], payload))

    def write() -> None:
        try:
            child.proc.stdin.write(data)
            child.proc.stdin.close()
        except (OSError, ValueError):
            pass  # the child died (or was discarded) first; the reader says how

    threading.Thread(target=write, daemon=True).start()


def _watch(
    child: Child, tasks: list[Task], limits: Limits, run: Run, output: _Output, cpu_seconds: int
) -> tuple[Task | None, str]:
    """Read the child's events until it finishes, dies or runs out of time.

    Returns the task that was running when it stopped and why ("timeout"/"crashed"), or (None, "") when the child
    finished, or (None, reason) when it failed before any case started."""
    by_id = {t.id: t for t in tasks}
    sel = selectors.DefaultSelector()
    streams = {child.results: "results", child.proc.stdout.fileno(): "out", child.proc.stderr.fileno(): "out"}
    for fd in streams:
        sel.register(fd, selectors.EVENT_READ)
    buffer, current, loaded = b"", None, False
    deadline = time.monotonic() + limits.load_seconds
    try:
        while streams:
            if child.watched is not None and _over_memory(child, limits):
                reason = f"ran out of memory (limit {_size(limits.memory)})"
                if current is None and not loaded:
                    return None, f"the submission crashed while loading: {reason}"
                stopped = current or next((t for t in tasks if t.id not in run.outcomes), None)
                return (stopped, reason) if stopped else (None, "")  # after its last case, it costs nothing
            wait = deadline - time.monotonic()
            if wait <= 0:
                if child.results not in streams or (current is None and all(t.id in run.outcomes for t in tasks)):
                    break  # finished, but something it started still holds a pipe open
                if current is None and not loaded:
                    return None, f"loading the submission took longer than {limits.load_seconds:g} s"
                return current or _next(tasks, run), "timeout"
            for key, _ in sel.select(wait if child.watched is None else min(wait, _MEMORY_POLL)):
                data = os.read(key.fd, 1 << 16)
                if not data:
                    sel.unregister(key.fd)
                    del streams[key.fd]
                    if key.fd == child.results:  # done or dead; give its last prints a moment to arrive
                        deadline = time.monotonic() + 1.0
                elif streams[key.fd] == "out":
                    output.add(data)
                else:
                    buffer += data
                    *lines, buffer = buffer.split(b"\n")
                    for line in lines:
                        try:
                            event = json.loads(line)
                        except ValueError:
                            continue  # not ours: the learner's code wrote to this descriptor
                        if "loaded" in event:
                            run.loaded, loaded = event, True
                        elif "start" in event:
                            current = by_id[event["start"]]
                            # A case's clock starts when it started, but never before the parent listens: while
                            # ``meanwhile`` works nothing drains the pipes, and a case that fills one is stalled
                            # by the grader, not by the learner's code.
                            deadline = max(event["t"], time.monotonic()) + current.timeout
                        elif "done" in event:
                            run.outcomes[event["done"]] = event["outcome"]
                            current = None
                            deadline = time.monotonic() + limits.load_seconds
                            if event.get("threads_left", 0) > 0:
                                return None, ""  # run() starts a fresh child for the cases that are left
    finally:
        sel.close()
    finished = current is None and all(t.id in run.outcomes for t in tasks)
    try:
        returncode = child.proc.wait(timeout=5)  # its results are closed: it exits now, or something killed it
    except subprocess.TimeoutExpired:  # the learner's code closed the results descriptor and carried on
        return (None, "") if finished else (current or _next(tasks, run), "the process stopped reporting results")
    if finished:  # every case reported; how the process ended after that (a closed stdout, say) does not matter
        return None, ""
    reason = _death(returncode, limits, cpu_seconds)
    if current is None and not loaded:
        return None, f"the submission crashed while loading: {reason}"
    return current or _next(tasks, run), reason


def _next(tasks: list[Task], run: Run) -> Task:
    """The task a child was about to start when it stopped between cases."""
    return next(t for t in tasks if t.id not in run.outcomes)


def run(
    job: dict,
    tasks: list[Task],
    child: Child | None = None,
    limits: Limits = Limits(),
    meanwhile: Callable[[], None] | None = None,
    preload: tuple[str, ...] = (),
) -> Run:
    """Run ``tasks`` on ``job`` (path, extracted code, references) in sandboxed children.

    ``child``: one already started with ``spawn`` (to overlap its start-up with the parent's work);
    ``meanwhile``: called once the first job is on its way, e.g. to compute the expected outputs;
    ``preload``: modules a fresh child imports before it reads the job (see ``spawn``)."""
    result, output = Run(), _Output(limits.output)
    pending = list(tasks)
    job = {**job, "cpu_seconds": math.ceil(sum(t.timeout for t in tasks) + limits.load_seconds)}
    while pending:
        child = child or spawn(limits, preload)
        try:
            _send(child, job, pending)
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            stopped, reason = _watch(child, pending, limits, result, output, job["cpu_seconds"])
        finally:
            discard(child)
            child = None
        if stopped is None and reason:
            result.failure = reason
            break
        if stopped is not None:
            if reason == "timeout":
                result.outcomes[stopped.id] = {"status": "timeout", "message": f"exceeded {stopped.timeout:g} s"}
                for t in pending:
                    if t.function == stopped.function and t.id not in result.outcomes:
                        result.outcomes[t.id] = {"status": "not_run", "message": "an earlier case timed out"}
            else:
                result.outcomes[stopped.id] = {"status": "crashed", "message": reason}
        pending = [t for t in pending if t.id not in result.outcomes]
    result.output = output.text()
    return result
