"""Checks that several assignments' judges share (a judge accepts any of many right answers, see spec.Case)."""

from __future__ import annotations

from typing import Any

import numpy as np

# A list holds what a tuple does, and the other way round: the course's code only unpacks, indexes and loops over
# the sequences a graded function returns, so either type is right wherever one is due (as in checking/compare.py).
SEQUENCE = (list, tuple)


def parameters_layout_problem(got: Any, expected: dict[str, np.ndarray]) -> str | None:
    """What is wrong with the layout of a dict of initial parameters: not a dict, other keys, a value that is not
    an ndarray or has another shape than the reference's, a bias that is not all zeros. None when it is right; the
    values of the weights are the calling judge's business."""
    if not isinstance(got, dict):
        return f"expected a dict of parameters, got {type(got).__name__}"
    if set(got) != set(expected):
        missing, extra = sorted(set(expected) - set(got)), sorted(map(str, set(got) - set(expected)))
        return f"wrong keys: missing {missing or 'none'}, unexpected {extra or 'none'}"
    for key, want in expected.items():
        value = got[key]
        if not isinstance(value, np.ndarray):
            return f"{key} should be a numpy array, got {type(value).__name__}"
        if value.shape != want.shape:
            return f"{key} has shape {value.shape}, expected {want.shape}"
        if key.startswith("b") and np.any(value != 0):
            return f"{key} should be all zeros"
    return None
