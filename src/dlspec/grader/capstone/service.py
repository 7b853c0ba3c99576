"""The learner's service as a child process on a free loopback port, always stopped; and a small HTTP client.

Everything talks to 127.0.0.1 only, every request has a timeout and every wait a deadline: a service that hangs,
crashes or never binds its port gives a clear message, and its whole process group is stopped whatever happens.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
START_SECONDS = 30.0  # importing FastAPI and NumPy on a busy 2-core machine takes a few seconds
REQUEST_SECONDS = 5.0


class ServiceError(RuntimeError):
    """The service did not start: the message says how (crashed, never bound its port), with its last output."""


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self):
        return json.loads(self.body)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes | None = None, timeout: float = REQUEST_SECONDS) -> Reply:
    """One HTTP request to 127.0.0.1:port; raises TimeoutError (socket.timeout) or OSError on trouble."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return Reply(response.status, response.read(), {k.lower(): v for k, v in response.getheaders()})
    finally:
        conn.close()


def post_json(port: int, path: str, payload, timeout: float = REQUEST_SECONDS) -> Reply:
    # allow_nan: the grader must be able to send NaN and Infinity (Python's json writes them as bare tokens)
    return request(port, "POST", path, json.dumps(payload, allow_nan=True).encode(), timeout)


def tail(path: Path, lines: int = 12) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def wait_healthy(port: int, alive, deadline: float, path: str = "/health") -> None:
    """Poll ``path`` until it answers 200; ServiceError if ``alive()`` turns false or the deadline passes."""
    last = "no answer"
    while time.monotonic() < deadline:
        if not alive():
            raise ServiceError("the service exited while starting")
        try:
            reply = request(port, "GET", path, timeout=2.0)
            if reply.status == 200:
                return
            last = f"{path} answered {reply.status}"
        except OSError as e:
            last = f"{type(e).__name__}: {e}"
        time.sleep(0.2)
    raise ServiceError(f"nothing answered 200 on http://{HOST}:{port}{path} in time ({last})")


def stop(process: subprocess.Popen, grace: float = 5.0) -> int:
    """SIGTERM to the service's process group, SIGKILL after ``grace`` seconds; its exit status."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:  # whatever the leader did, nothing it started may outlive the grade
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    return process.wait()


@contextmanager
def running(folder: Path, start_seconds: float = START_SECONDS) -> Iterator[int]:
    """Start ``uvicorn app:app`` in ``folder`` on a free loopback port; yields the port; always stops it."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="dlspec-capstone-", suffix=".log")[1])
    command = [sys.executable, "-m", "uvicorn", "app:app", "--host", HOST, "--port", str(port), "--workers", "1"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=folder, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, stdin=subprocess.DEVNULL
        )
    try:
        try:
            wait_healthy(port, lambda: process.poll() is None, time.monotonic() + start_seconds)
        except ServiceError as e:
            code = process.poll()
            status = f"it exited with status {code}" if code is not None else "it was still running"
            raise ServiceError(f"{e}; {status}. Its last output:\n{tail(log)}") from None
        yield port
    finally:
        stop(process)
        log.unlink(missing_ok=True)
