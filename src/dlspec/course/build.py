"""Build the learner's notebook (template) or the answer key (solution) from an assignment's ``notebook.py``.

A code cell whose first line is ``# GRADED: <name>`` is a placeholder. In the solution it becomes the source of
the reference implementation from ``dlspec.nn``; in the template it becomes a stub with the same signature and
docstring whose body raises NotImplementedError. The reference therefore exists once, in the engine, and the
notebook can never drift from the answer key.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import textwrap

import jupytext
import nbformat

from dlspec.course.assignment import Assignment

MARKER = "# GRADED:"
STUB_BODY = "    # YOUR CODE HERE\n    raise NotImplementedError(\"{name} is not implemented yet\")\n"


def reference_source(assignment: Assignment, name: str) -> str:
    """The reference implementation of ``name`` as source text, renamed to ``name`` if needed."""
    src = textwrap.dedent(inspect.getsource(assignment.function(name).resolve()))
    tree = ast.parse(src)
    func = tree.body[0]
    if not isinstance(func, ast.FunctionDef):
        raise TypeError(f"reference of {name} is not a plain function")
    if func.name != name:
        lines = src.splitlines(keepends=True)
        lineno = func.lineno - 1 + len(func.decorator_list)
        lines[lineno] = lines[lineno].replace(f"def {func.name}(", f"def {name}(", 1)
        src = "".join(lines)
    return src.rstrip() + "\n"


def stub_source(assignment: Assignment, name: str) -> str:
    """Signature and docstring of the reference, with a body that raises NotImplementedError."""
    src = reference_source(assignment, name)
    func = ast.parse(src).body[0]
    lines = src.splitlines(keepends=True)
    first = func.body[0]
    has_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(
        first.value.value, str
    )
    keep = first.end_lineno if has_doc else func.body[0].lineno - 1
    return "".join(lines[:keep]) + STUB_BODY.format(name=name)


def build(assignment: Assignment, solution: bool) -> nbformat.NotebookNode:
    """The notebook a learner gets (``solution=False``) or the answer key (``solution=True``)."""
    nb = jupytext.read(assignment.folder / "notebook.py", fmt="py:percent")
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.startswith(MARKER):
            continue
        name = cell.source.splitlines()[0][len(MARKER) :].strip()
        body = reference_source(assignment, name) if solution else stub_source(assignment, name)
        cell.source = f"# GRADED FUNCTION: {name}\n" + body.rstrip("\n")
        cell.metadata["tags"] = ["graded"]
    nb.metadata["dlspec"] = {"assignment": assignment.id, "kind": "solution" if solution else "template"}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata.pop("jupytext", None)
    return nb


def content_hash(nb: nbformat.NotebookNode) -> str:
    """A stable hash of the cells' sources: what decides whether two notebooks say the same thing."""
    h = hashlib.sha256()
    for cell in nb.cells:
        h.update(cell.cell_type.encode() + b"\0" + cell.source.encode() + b"\0")
    return h.hexdigest()[:16]
