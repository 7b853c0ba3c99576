"""``dlspec start``: create or update the workspace, then serve it with JupyterLab and the course site on 127.0.0.1.

The site runs in a thread of this process while JupyterLab runs as a child; both stop together on Ctrl-C.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
from pathlib import Path

from dlspec import workspace
from dlspec.cli.common import FAILED, CommandError, console, open_progress, root

HOST = "127.0.0.1"


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def lab_command(folder: Path, port: int, browser: bool) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={folder}",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # the port asked for, or a clear error; never a surprise one
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers often run as root; it is the learner's own box
        command.append("--ServerApp.allow_root=True")
    return command + ([] if browser else ["--no-browser"])


def serve(folder: Path, port: int, browser: bool) -> int:
    """Run JupyterLab in ``folder`` until it stops; its exit status."""
    process = subprocess.Popen(lab_command(folder, port, browser))
    try:
        return process.wait()
    except KeyboardInterrupt:  # JupyterLab got the Ctrl-C too and shuts down; wait for it to finish
        return process.wait()


def run(args) -> int:
    if importlib.util.find_spec("jupyterlab") is None:
        raise CommandError(
            "JupyterLab is missing, though dlspec installs it; install it again with: pip install jupyterlab\n"
            "(the workspace works without it: open the notebooks in any Jupyter, grade with dlspec submit)"
        )
    if not port_free(args.port):
        raise CommandError(f"port {args.port} on {HOST} is already in use; choose another with --port", FAILED)
    from dlspec.cli.site import SITE_PORT, check_port, start_site

    if args.site_port is not None:
        check_port(args.site_port, "--site-port")
    # Without --site-port, a taken default is no reason to refuse JupyterLab: the site takes any free port.
    site_port = args.site_port if args.site_port is not None else SITE_PORT if port_free(SITE_PORT) else 0
    folder = root(args)
    out = console()
    out.print(f"workspace: {folder}")
    for change in workspace.sync(folder):
        if change.action != "unchanged":
            out.print(f"  {change}")
    open_progress(folder).close()  # a damaged database is reported now, not after an hour of work
    site = start_site(folder, site_port, args.port)
    out.print(f"course site on http://{HOST}:{site.port}/ (open it beside JupyterLab)")
    out.print(f"starting JupyterLab on {HOST}:{args.port}; it prints the address to open. Ctrl-C stops both.")
    try:
        return serve(folder, args.port, not args.no_browser)
    finally:
        site.shutdown()
        site.server_close()
