"""``dlspec site``: the course site on 127.0.0.1, alone; ``dlspec start`` serves it beside JupyterLab."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

from dlspec.cli.common import FAILED, OK, CommandError, console, open_progress, root
from dlspec.cli.start import HOST, port_free

SITE_PORT = 8800


def check_port(port: int, option: str = "--port") -> None:
    if not port_free(port):
        raise CommandError(f"port {port} on {HOST} is already in use; choose another with {option}", FAILED)


def start_site(folder: Path, port: int, lab_port: int):
    """The course site serving ``folder`` from a background thread (port 0: any free one); its server, whose
    ``port`` says where it listens and whose ``shutdown()`` stops it."""
    from dlspec.web import make_server

    server = make_server(folder, port, lab_url=f"http://{HOST}:{lab_port}")
    threading.Thread(target=server.serve_forever, name="dlspec-site", daemon=True).start()
    return server


def run(args) -> int:
    check_port(args.port)
    folder = root(args)
    open_progress(folder).close()  # a damaged database is reported now, in the terminal, as `dlspec start` does
    from dlspec.web import make_server

    server = make_server(folder, args.port, lab_url=f"http://{HOST}:{args.lab_port}")
    url = f"http://{HOST}:{args.port}/"
    console().print(f"workspace: {folder}\nCourse site on {url} (Ctrl-C stops it)")
    if not args.no_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console().print("course site stopped")
    finally:
        server.server_close()
    return OK
