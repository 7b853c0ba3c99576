"""The container checks: build without network, size, non-root user, start-up time, memory limit, clean stop.

Podman runs as this sandbox allows (docs/capstone.md): runc, cgroupfs, explicit ulimits. The base image
``localhost/dlspec-base:bookworm`` and the wheels come from ``make container`` (Debian's mirror and pip, once); the
build itself has no network. Skipped with the reason where podman, the base image or the wheels are missing.
Whatever happens, the container and the image made here are removed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from dlspec.grader.capstone.report import SKIPPED, Check, fail, ok
from dlspec.grader.capstone.service import ServiceError, free_port, post_json, wait_healthy

PODMAN = ["podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs"]
ULIMITS = ["--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
BASE = "localhost/dlspec-base:bookworm"
WHEELS = Path(os.environ.get("DLSPEC_CAPSTONE_WHEELS", Path.home() / ".cache" / "dlspec" / "capstone-wheels"))
BUILD_SECONDS, START_SECONDS, STOP_SECONDS = 300, 15.0, 10
MAX_MB, MEMORY = 600, "512m"
PREFIX = "dlspec-capstone-"  # of every image and container a grade makes, then the grader's process id
IGNORED = shutil.ignore_patterns("wheels", "__pycache__", ".ipynb_checkpoints", "*.pyc", ".git")


def podman(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*PODMAN, *args], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def missing() -> str | None:
    """Why the container checks cannot run here, or None."""
    if shutil.which("podman") is None:
        return "podman is not installed (make container installs podman, runc and the base image)"
    if podman("image", "exists", BASE).returncode != 0:
        return f"the base image {BASE} is missing (make container builds it from Debian's mirror, once)"
    if not any(WHEELS.glob("*.whl")):
        return f"no wheels in {WHEELS} (make container downloads them, once)"
    return None


def _last(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _build_hint(log: str) -> str:
    if "No matching distribution" in log or "Could not find a version" in log:
        return (
            "the build has no network: install only what requirements.txt pins, from the wheels the grader puts "
            "in wheels/ (pip install --no-index --find-links)"
        )
    if "Temporary failure" in log or "Network is unreachable" in log or "apt-get" in log:
        return "the build has no network: no apt-get, no pip from the internet; the base image has Python already"
    if "no such file or directory" in log.lower() or "COPY" in log:
        return "COPY only files of your project folder (and wheels/, which the grader adds)"
    return f"start FROM {BASE}; read the build's last lines above"


def _start_hint(logs: str) -> str:
    if "Permission denied" in logs:
        return "the image's user cannot read your files: make them readable (chmod 644) or COPY --chmod=644"
    if "No module named" in logs or "not found" in logs:
        return "CMD must run the virtual environment's python (/opt/venv/bin/python -m uvicorn app:app ...)"
    return "listen on 0.0.0.0:8000 inside the container (127.0.0.1 there is the container's own)"


def check_container(folder: Path) -> Check:
    name = "container"
    why = missing()
    if why:
        return Check(name, SKIPPED, f"skipped: {why}; every other check still counts")
    if not (folder / "Containerfile").is_file():
        return fail(name, "there is no Containerfile in the project folder", "write ship-a-model/Containerfile")
    started = time.monotonic()
    mark = f"{PREFIX}{os.getpid()}-{secrets.token_hex(4)}"  # whose it is: a grader cleans up only its own
    tag, box = f"localhost/{mark}:check", mark
    try:
        result = _check(folder, tag, box)
    except subprocess.TimeoutExpired as e:
        result = fail(name, f"podman took too long: {' '.join(map(str, e.cmd[-3:]))}", "see docs/capstone.md")
    finally:
        podman("rm", "-f", "-t", "0", box)
        podman("rmi", "-f", tag)
    result.seconds = round(time.monotonic() - started, 2)
    return result


def _check(folder: Path, tag: str, box: str) -> Check:
    name = "container"
    with tempfile.TemporaryDirectory(prefix="dlspec-context-") as tmp:
        context = Path(tmp) / "context"
        shutil.copytree(folder, context, ignore=IGNORED)
        shutil.copytree(WHEELS, context / "wheels")
        t0 = time.monotonic()
        build = podman(
            "build",
            "--network",
            "none",
            # no intermediate images: another grade's `rmi` could remove a cached layer this build stands on
            "--layers=false",
            *ULIMITS,
            "-t",
            tag,
            "-f",
            "Containerfile",
            str(context),
            timeout=BUILD_SECONDS,
        )
        build_s = time.monotonic() - t0
    if build.returncode != 0:
        return fail(
            name,
            f"the image did not build without network:\n{_last(build.stdout + build.stderr)}",
            _build_hint(build.stdout + build.stderr),
        )
    info = json.loads(podman("image", "inspect", tag).stdout)[0]
    size_mb = info["Size"] / 1e6
    user = (info.get("Config") or {}).get("User", "") or ""
    figures = {"build_s": round(build_s, 1), "image_mb": round(size_mb, 1), "user": user or "root"}
    if size_mb > MAX_MB:
        return fail(
            name,
            f"the image is {size_mb:.0f} MB (at most {MAX_MB})",
            "no PyTorch in the image (the service runs on NumPy); pip install --no-cache-dir; remove wheels/",
            **figures,
        )
    if user.split(":")[0] in ("", "root", "0"):
        return fail(name, "the image runs as root", "add USER 65534 (nobody) after the last RUN", **figures)
    port = free_port()
    run = podman("run", "-d", "--name", box, "--memory", MEMORY, *ULIMITS, "-p", f"127.0.0.1:{port}:8000", tag)
    if run.returncode != 0:
        return fail(name, f"the container did not start:\n{_last(run.stderr)}", "check CMD", **figures)
    t0 = time.monotonic()

    def alive() -> bool:
        state = podman("inspect", box, "--format", "{{.State.Running}}").stdout.strip()
        return state == "true"

    try:
        wait_healthy(port, alive, t0 + START_SECONDS)
    except ServiceError as e:
        logs = _last(podman("logs", box).stdout + podman("logs", box).stderr)
        return fail(
            name,
            f"the container's /health: {e}; its last words: {logs.splitlines()[-1] if logs else '(none)'}\n{logs}",
            _start_hint(logs),
            **figures,
        )
    figures["startup_s"] = round(time.monotonic() - t0, 2)
    memory = podman("inspect", box, "--format", "{{.HostConfig.Memory}}").stdout.strip()
    figures["memory_limit"] = MEMORY if memory == str(512 * 2**20) else f"not applied ({memory})"
    reply = post_json(port, "/predict", {"pixels": [0.0] * 784})
    if reply.status != 200:
        return fail(
            name,
            f"POST /predict in the container answered {reply.status}",
            "copy model.npz and static/ into the image",
            **figures,
        )
    t0 = time.monotonic()
    podman("stop", "-t", str(STOP_SECONDS), box, timeout=STOP_SECONDS + 30)
    stop_s = time.monotonic() - t0
    code = podman("inspect", box, "--format", "{{.State.ExitCode}}").stdout.strip()
    figures.update(stop_s=round(stop_s, 2), exit_code=code)
    if stop_s >= STOP_SECONDS - 0.5 or code in ("137", "-1"):
        return fail(
            name,
            f"the container ignored SIGTERM and was killed after {STOP_SECONDS} s (exit {code})",
            'use the exec form, CMD ["python", "-m", "uvicorn", ...]: a shell form runs /bin/sh as PID 1, '
            "which does not pass SIGTERM on",
            **figures,
        )
    return ok(
        name,
        f"built offline in {build_s:.0f} s, {size_mb:.0f} MB, user {user}, healthy in "
        f"{figures['startup_s']} s under --memory {MEMORY}, stopped on SIGTERM in {stop_s:.1f} s",
        **figures,
    )
