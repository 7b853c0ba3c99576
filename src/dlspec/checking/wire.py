"""Results as data: encode what a learner's function returned into JSON-safe values, and back.

The child process (which runs untrusted code) speaks this to the parent; the parent never unpickles anything the
child sends. Encoding keeps the type details a diagnosis needs: a tuple stays a tuple, ``np.float64`` stays a NumPy
scalar, a 0-d array stays an array. What cannot be carried safely (object arrays, arbitrary classes) becomes an
``Unsupported`` marker naming the type, so the parent can say "returned a Foo" instead of crashing.

Tags: plain JSON for None/bool/int/str/finite float/list; ``{"$": kind, ...}`` for everything else.
"""

from __future__ import annotations

import base64
import math
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_DEPTH = 64


@dataclass(frozen=True)
class Unsupported:
    """Stands for a value that could not be carried back, e.g. ``Unsupported("torch.Tensor")``."""

    type_name: str

    def __repr__(self) -> str:
        return f"<unsupported type {self.type_name}>"


@dataclass(frozen=True, eq=False)
class TorchTensor:
    """A torch.Tensor carried back as its values plus what a diagnosis needs; the parent never imports torch."""

    array: np.ndarray
    dtype: str  # "torch.float32"
    requires_grad: bool
    is_leaf: bool = True  # made by the learner's own call, not computed: what an optimiser can update

    def __repr__(self) -> str:
        return f"<torch.Tensor {self.dtype} of shape {tuple(self.array.shape)}>"


def as_torch_tensor(value: Any) -> TorchTensor | None:
    """``value`` as a TorchTensor when it is a torch.Tensor (without importing torch), else None."""
    torch = sys.modules.get("torch")  # a tensor exists only where torch was imported
    if torch is None or not isinstance(value, torch.Tensor):
        return None
    array = value.detach().cpu().resolve_conj().resolve_neg().numpy().copy()
    return TorchTensor(array, str(value.dtype), bool(value.requires_grad), bool(value.is_leaf))


def _type_name(value: Any) -> str:
    cls = type(value)
    return cls.__name__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _dtype_ok(dtype: np.dtype) -> bool:
    # Object arrays would need pickle; structured/void dtypes lose their fields through raw bytes.
    return dtype.kind not in "OV"


def _torch_or_none(value: Any) -> TorchTensor | None:
    try:
        return as_torch_tensor(value)
    except Exception:  # bfloat16 and friends have no NumPy dtype
        return None


def encode(value: Any, _depth: int = 0) -> Any:
    """``value`` as JSON-safe data; never raises for odd input, it marks it unsupported instead."""
    if _depth > MAX_DEPTH:
        return {"$": "unsupported", "type": "a structure nested too deeply"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if type(value) is int:
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {"$": "float", "v": repr(value)}
    if type(value) is complex:
        return {"$": "complex", "v": [repr(value.real), repr(value.imag)]}
    if isinstance(value, np.ndarray):
        if not _dtype_ok(value.dtype):
            return {"$": "unsupported", "type": f"numpy.ndarray of dtype {value.dtype}"}
        # tobytes() writes C order whatever the layout (ascontiguousarray would turn a 0-d array into 1-d)
        return {"$": "ndarray", "dtype": value.dtype.str, "shape": list(value.shape), "data": _b64(value.tobytes())}
    if isinstance(value, np.generic):
        if not _dtype_ok(value.dtype):
            return {"$": "unsupported", "type": _type_name(value)}
        return {"$": "scalar", "dtype": value.dtype.str, "data": _b64(value.tobytes())}
    tensor = _torch_or_none(value)
    if tensor is not None:
        return {
            "$": "torch",
            "dtype": tensor.dtype,
            "requires_grad": tensor.requires_grad,
            "is_leaf": tensor.is_leaf,
            "v": encode(tensor.array, _depth + 1),
        }
    if type(value) is list:
        return [encode(v, _depth + 1) for v in value]
    if type(value) is tuple:
        return {"$": "tuple", "v": [encode(v, _depth + 1) for v in value]}
    if type(value) is dict:
        return {"$": "dict", "v": [[encode(k, _depth + 1), encode(v, _depth + 1)] for k, v in value.items()]}
    return {"$": "unsupported", "type": _type_name(value)}


def _key(k: Any) -> Any:
    # Decoded keys must be hashable: a tuple key stays a tuple; anything else odd becomes its marker.
    return k if k.__hash__ is not None else Unsupported(_type_name(k))


def decode(data: Any) -> Any:
    """The value ``encode`` described. Builds only plain data and NumPy arrays; never executes code, and never
    raises: what does not parse (a child that wrote garbage) becomes an Unsupported marker."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return Unsupported(_type_name(data))
    try:
        return _decode_tagged(data)
    except (KeyError, IndexError, TypeError, ValueError):
        return Unsupported(f"malformed {data.get('$')!r} data")


def _decode_tagged(data: dict) -> Any:
    kind = data.get("$")
    if kind == "float":
        return float(data["v"])
    if kind == "complex":
        return complex(float(data["v"][0]), float(data["v"][1]))
    if kind == "tuple":
        return tuple(decode(v) for v in data["v"])
    if kind == "dict":
        return {_key(decode(k)): decode(v) for k, v in data["v"]}
    if kind in ("ndarray", "scalar"):
        dtype = np.dtype(data["dtype"])
        if not _dtype_ok(dtype):
            return Unsupported(f"numpy data of dtype {dtype}")
        raw = base64.b64decode(data["data"])
        if kind == "scalar":
            return np.frombuffer(raw, dtype=dtype)[0]
        return np.frombuffer(raw, dtype=dtype).reshape(tuple(data["shape"])).copy()
    if kind == "torch":
        array = decode(data["v"])
        if not isinstance(array, np.ndarray):
            return Unsupported("malformed 'torch' data")
        return TorchTensor(array, str(data["dtype"]), bool(data["requires_grad"]), bool(data.get("is_leaf", True)))
    if kind == "unsupported":
        return Unsupported(str(data.get("type", "unknown")))
    return Unsupported(f"unknown wire tag {kind!r}")
