"""Call a function every time one file is saved: file-system events when the OS gives them, polling always.

Editors and Jupyter save in different ways (write in place, or write a temporary file and rename it over the
original), so events only wake the loop; what decides is the file's own (mtime, size) signature. Polling runs
too, every ``poll`` seconds, because some folders never send events (WSL's /mnt/c, network drives). After a
change the loop waits until the file has been quiet for ``debounce`` seconds, so one save is one call.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

DEBOUNCE = 0.2
POLL = 0.25
TICK = 0.1  # how soon a stop request is noticed while waiting


def signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None  # mid-rename, or removed: a later look will see it again
    return st.st_mtime_ns, st.st_size


def _observe(path: Path, wake: threading.Event):
    """A watchdog observer that sets ``wake`` on events about ``path``; None when events are unavailable."""
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return None

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            # Only our file, under its own name or renamed onto it: checkpoints and editors' temp files are ignored.
            names = {Path(p).name for p in (event.src_path, getattr(event, "dest_path", "")) if p}
            if path.name in names:
                wake.set()

    observer = Observer()
    try:
        observer.schedule(Handler(), str(path.parent), recursive=False)
        observer.start()
    except OSError:  # e.g. the inotify watch limit is reached
        return None
    return observer


def watch(
    path: Path,
    on_save: Callable[[], None],
    *,
    events: bool = True,
    debounce: float = DEBOUNCE,
    poll: float = POLL,
    stop: threading.Event | None = None,
) -> None:
    """Call ``on_save()`` after every save of ``path`` until ``stop`` is set (or Ctrl-C)."""
    path = Path(path).resolve()
    stop = stop or threading.Event()
    wake = threading.Event()
    observer = _observe(path, wake) if events else None
    last = signature(path)
    next_poll = time.monotonic() + poll
    try:
        while not stop.is_set():
            if not wake.wait(TICK) and time.monotonic() < next_poll:
                continue
            wake.clear()
            next_poll = time.monotonic() + poll
            current = signature(path)
            if current == last or current is None:
                continue
            while not stop.wait(debounce):  # settle: quiet for one debounce period
                settled = signature(path)
                if settled == current:
                    break
                current = settled
            if stop.is_set():
                return
            last = current
            on_save()
    finally:
        if observer is not None:
            observer.stop()
            observer.join()
