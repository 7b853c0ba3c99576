"""The grader's tests run against a fixture assignment (tests/fixtures/grader_course/fx1) whose references live in
the fixture itself, so they never depend on the course content."""

import inspect
import json
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))

from grader_course.fx1 import reference  # noqa: E402

from dlspec.course.assignment import load_folder  # noqa: E402

REFERENCE_SOURCE = inspect.getsource(reference)


@pytest.fixture(scope="session")
def fx1():
    return load_folder(FIXTURES / "grader_course" / "fx1", package="grader_course")


def with_function(source: str, code: str) -> str:
    """The reference module with ``code`` appended: a later definition replaces the reference's one."""
    return source + "\n\n" + code.strip() + "\n"


def notebook(*cells: str, minor: int = 5) -> bytes:
    """An .ipynb (format 4.minor) whose code cells hold ``cells``; a cell starting with '#md ' is markdown."""
    out = []
    for i, text in enumerate(cells):
        kind = "markdown" if text.startswith("#md ") else "code"
        cell = {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
        if kind == "code":
            cell |= {"execution_count": None, "outputs": []}
        if minor >= 5:
            cell["id"] = f"cell-{i}"
        out.append(cell)
    return json.dumps({"nbformat": 4, "nbformat_minor": minor, "metadata": {}, "cells": out}).encode()


@pytest.fixture(scope="session")
def fx2():
    """The sample PyTorch assignment: a graded nn.Module, a builder, injected weights, a named asset."""
    return load_folder(FIXTURES / "grader_course" / "fx2", package="grader_course")
