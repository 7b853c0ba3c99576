"""Forwarders that import their target on first call, so a compat module imports cheaply (and even before the
module it forwards to is written)."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any


def forward(target: str) -> Callable[..., Any]:
    """A function that calls ``"module:attr"``, imported when first called."""
    module, _, attr = target.partition(":")

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), attr)(*args, **kwargs)

    call.__name__ = call.__qualname__ = attr
    call.__doc__ = f"Calls {module}.{attr} (see its documentation)."
    return call


def silent(module: str) -> Callable[[str], Callable[..., None]]:
    """A module ``__getattr__`` answering every name with a function that does nothing: the original's test
    helpers (``propagate_test(propagate)``) become no-ops; dlspec's ``check()`` does their job."""

    @functools.cache
    def getattr_(name: str) -> Callable[..., None]:
        if name.startswith("__"):
            raise AttributeError(f"module {module!r} has no attribute {name!r}")

        def helper(*args: Any, **kwargs: Any) -> None:
            return None

        helper.__name__ = helper.__qualname__ = name
        return helper

    return getattr_
