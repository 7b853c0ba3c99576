"""Fuzzing the notebook reader and the extractor: whatever the bytes, the answer is an Extracted module that
compiles or a NotGradableError with a message, never another exception. Bounded (max_examples) so it runs in
seconds in CI; every crash it found is kept below as a regression case."""

import ast
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlspec.grader.extract import NotGradableError, extract

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GRADED = ("mean_sq", "project")

# Pieces of Python a notebook is made of, valid and broken, for building cells that get past the tokenizer often.
SNIPPETS = [
    "import numpy as np", "from math import *", "x = 1", "x = y", "n = 4; print(n)", "%matplotlib inline",
    "!pip install x", "files = !ls", "%%time", "def project(W, X):", "    return W @ X", "    pass", "class A:",
    "try:", "    import torch", "except ImportError:", "    torch = None", "for i in range(3):", "    x += i",
    "if x:", "else:", "lambda: 0", "@property", "async def f():", "    await g()", "x: int = 3", "del x", "(",
    ")", "'''", '"', "\\", "\t", "    ", "\x00", "\ufeff", "é = 1", "x = [1,\n 2]", "return", "global g",
    "def mean_sq(A):\n    return float((A**2).sum() / A.shape[1])", "X = np.ones(3)", "x = -(-(-1))", "yield 1",
]  # fmt: skip


def outcome(raw: bytes, suffix: str) -> str:
    """'ok' (and the kept module compiles) or 'unfit' (with a message); anything else fails the test."""
    try:
        extracted = extract(raw, suffix, GRADED)
    except NotGradableError as e:
        assert str(e)
        return "unfit"
    ast.parse(extracted.source)
    assert len(extracted.origins) >= extracted.source.count("\n") - 1
    return "ok"


def notebook(cells: list) -> bytes:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}).encode()


cells_of_snippets = st.lists(st.lists(st.sampled_from(SNIPPETS), max_size=8).map("\n".join), max_size=5)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
json_cells = st.lists(
    st.fixed_dictionaries(
        {"cell_type": st.sampled_from(["code", "markdown", "raw", 3]), "source": json_values | st.text(max_size=40)}
    ),
    max_size=4,
)


@FAST
@given(st.binary(max_size=400), st.sampled_from([".py", ".ipynb"]))
def test_any_bytes(raw, suffix):
    outcome(raw, suffix)


@FAST
@given(cells_of_snippets)
def test_python_made_of_notebook_pieces(cells):
    outcome("\n".join(cells).encode(), ".py")


@FAST
@given(cells_of_snippets)
def test_notebooks_made_of_notebook_pieces(cells):
    outcome(notebook([{"cell_type": "code", "source": c} for c in cells]), ".ipynb")


@FAST
@given(json_values)
def test_any_json_as_a_notebook(value):
    outcome(json.dumps(value).encode(), ".ipynb")


@FAST
@given(json_cells, st.sampled_from([3, 4, 5]))
def test_cells_of_any_shape(cells, version):
    doc = {"nbformat": version, "nbformat_minor": 0, "metadata": {}, "cells": cells}
    outcome(json.dumps(doc).encode(), ".ipynb")


# Crashes found by fuzzing and by the hostile corpus, kept as they were found.
REGRESSIONS = [
    (b"[" * 100_000 + b"]" * 100_000, ".ipynb", "unfit"),  # RecursionError from json.loads
    (("x = " + "+".join(["1"] * 100_000)).encode(), ".py", "unfit"),  # RecursionError in the parser
    (b"def f():\n    return 1\n\x00", ".py", "unfit"),  # Python 3.11: SyntaxError with no line number
    (notebook([{"cell_type": "code", "source": "x = 1\x00"}]), ".ipynb", "unfit"),
    (b"\xef\xbb\xbfdef project(W, X):\n    return W @ X\n", ".py", "ok"),  # a BOM is fine
    (notebook([{"cell_type": "code", "source": 5}]), ".ipynb", "unfit"),  # a number where text belongs
    (notebook([{"cell_type": "code", "source": [None]}]), ".ipynb", "unfit"),  # TypeError from str.join
    (notebook([{"cell_type": "code", "source": ["%%time\n", "x = 1"]}, "not a cell"]), ".ipynb", "ok"),
]


@pytest.mark.parametrize(("raw", "suffix", "expected"), REGRESSIONS)
def test_regressions(raw, suffix, expected):
    assert outcome(raw, suffix) == expected
