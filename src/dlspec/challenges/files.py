"""The files a challenge gives the learner, as bytes (the command line writes them into the workspace)."""

from __future__ import annotations

import io

import numpy as np


def npz(**arrays: np.ndarray) -> bytes:
    """Arrays as one compressed ``.npz`` file's bytes (``np.load`` reads it back)."""
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()
