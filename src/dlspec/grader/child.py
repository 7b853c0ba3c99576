"""``python -m dlspec.grader.child FD LIMITS PRELOAD``: the sandboxed side of the grader.

sandbox.py starts it (as ``python -c`` with ``main()``, the same without runpy's warnings). It confines itself
(confine.py), reads one pickled job from stdin (the parent is trusted), runs the kept code of the submission, then
each case (dlspec.checking.run), and writes one JSON line per event to file descriptor FD. Learner prints go to
stdout/stderr, which the parent captures separately, so they can never corrupt the results.
"""

from __future__ import annotations

import json
import os
import pickle
import sys

from dlspec.checking.run import run_job
from dlspec.compat import DIR as COMPAT_DIR
from dlspec.grader.confine import confine, defer_plotting, guard, limit_cpu, preload


def main() -> None:
    """argv: the result descriptor, the limits for ``confine`` as JSON, and the modules to preload as JSON."""
    out = os.fdopen(int(sys.argv[1]), "w", encoding="utf-8")
    preload(json.loads(sys.argv[3]))
    confine(**json.loads(sys.argv[2]))

    def emit(event: dict) -> None:
        out.write(json.dumps(event, allow_nan=False) + "\n")
        out.flush()

    # The path comes first and on its own: unpickling the job may import the modules it names.
    path, payload = pickle.loads(sys.stdin.buffer.read())
    sys.path[:0] = [COMPAT_DIR, *path]
    job = pickle.loads(payload)
    limit_cpu(job["cpu_seconds"])
    defer_plotting()
    guard(os.getcwd())
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
