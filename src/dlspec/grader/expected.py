"""The reference's outputs on an assignment's cases, cached on disk so a slow reference is paid for once.

A cached output is keyed on the case (its call, pickled: inputs, seed, swaps, probe) and on a fingerprint of the
code that computes it: every source file of the engine, the data loaders, the checking layer and the assignment's
own folder. A reference calls helpers across the engine, so keying on its own source alone could serve a stale
value after a helper changed; any change to that code starts a fresh cache instead.

Outputs are stored as the grader's wire format (dlspec.checking.wire), and a freshly computed output goes through
the same encoding before it is used, so a cached and a computed expected value are the same value.

``DLSPEC_CACHE`` names the folder (``off`` turns the cache off); the default is the user's cache folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from dlspec.checking.spec import Case
from dlspec.checking.verdict import seeded
from dlspec.checking.wire import decode, encode
from dlspec.course.assignment import Assignment

ENV = "DLSPEC_CACHE"
_PACKAGE = Path(__file__).resolve().parent.parent
_CODE = ("nn", "data", "checking")  # packages whose code a reference's output depends on


def folder() -> Path | None:
    """Where cached outputs live, or None when caching is off."""
    chosen = os.environ.get(ENV, "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "dlspec"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dlspec"


@cache
def fingerprint(assignment_folder: Path) -> str:
    """A hash of every source file that can change a reference's output on this assignment's cases."""
    h = hashlib.sha256()
    files = [p for pkg in _CODE for p in sorted((_PACKAGE / pkg).rglob("*.py"))]
    for path in [*files, *sorted(assignment_folder.glob("*.py"))]:
        h.update(str(path.relative_to(path.parents[1])).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:24]


class _StablePickler(pickle.Pickler):
    """Pickles a case's call into bytes that depend only on its values. torch pickles a tensor under a name made of
    its memory address, so a case holding a model or tensors would get a new key in every process and never be
    served from the cache; here a tensor is written as its dtype, shape, values and whether it requires grad."""

    def reducer_override(self, obj: Any) -> Any:
        torch = sys.modules.get("torch")  # a tensor exists only where torch was imported
        if torch is None or not isinstance(obj, torch.Tensor):
            return NotImplemented
        try:
            data = obj.detach().cpu().contiguous()
            values = data.reshape(-1).view(torch.uint8).numpy().tobytes()
        except (RuntimeError, TypeError):  # a sparse or quantised tensor: pickled as torch does, only not cached
            return NotImplemented
        return tuple, ((type(obj).__name__, str(data.dtype), tuple(data.shape), values, obj.requires_grad),)


def _key(function: str, case: Case) -> str:
    buffer = io.BytesIO()
    _StablePickler(buffer, protocol=5).dump(case.call)
    return hashlib.sha256(function.encode() + b"\0" + buffer.getvalue()).hexdigest()[:32]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):  # absent, or damaged: recomputing is always safe
        return {}


def _write(path: Path, data: dict[str, Any]) -> None:
    """Write atomically; a cache that cannot be written (read-only home) only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)
    except OSError:
        pass


def outputs(
    assignment: Assignment, plan: Iterable[tuple[str, Case]], references: dict[str, Callable]
) -> list[Any]:
    """The reference's output for each (function, case) of ``plan``, from the cache where it holds them."""
    plan = list(plan)
    where = folder()
    path = where / f"{assignment.id}-{fingerprint(assignment.folder)}.json" if where else None
    stored = _read(path) if path else {}
    found, missed = [], False
    for function, case in plan:
        key = _key(function, case)
        if key not in stored:
            stored[key] = encode(seeded(references[function], case))
            missed = True
        found.append(decode(stored[key]))
    if path and missed:
        _write(path, stored)
        for old in path.parent.glob(f"{assignment.id}-*.json"):  # made by code that has changed since
            if old != path:
                old.unlink(missing_ok=True)
    return found
