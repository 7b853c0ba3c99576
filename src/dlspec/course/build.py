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
import re
import textwrap

import jupytext
import nbformat

from dlspec.course.assignment import Assignment

MARKER = "# GRADED:"
STUB_BODY = "# YOUR CODE HERE\nraise NotImplementedError(\"{name} is not implemented yet\")\n"


def reference_source(assignment: Assignment, name: str) -> str:
    """The reference implementation of ``name`` (a function, or a class such as an nn.Module) as source text,
    renamed to ``name`` if needed."""
    src = textwrap.dedent(inspect.getsource(assignment.function(name).resolve()))
    node = ast.parse(src).body[0]
    if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        raise TypeError(f"reference of {name} is neither a function nor a class")
    if node.name != name:
        keyword = "class" if isinstance(node, ast.ClassDef) else "def"
        lines = src.splitlines(keepends=True)
        lineno = node.lineno - 1 + len(node.decorator_list)
        lines[lineno] = re.sub(rf"^(\s*){keyword} {node.name}\b", rf"\g<1>{keyword} {name}", lines[lineno], count=1)
        src = "".join(lines)
    return src.rstrip() + "\n"


def _docstring_end(node: ast.FunctionDef | ast.ClassDef) -> int | None:
    """The last line of ``node``'s docstring, or None when it has none."""
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first.end_lineno
    return None


def _stub_function(lines: list[str], func: ast.FunctionDef, label: str) -> list[str]:
    """Header, decorators and docstring of ``func``, then a body that raises NotImplementedError naming ``label``."""
    start = (func.decorator_list[0] if func.decorator_list else func).lineno - 1
    keep = _docstring_end(func) or func.body[0].lineno - 1
    indent = " " * (func.col_offset + 4)
    body = textwrap.indent(STUB_BODY.format(name=label), indent)
    return [*lines[start:keep], body]


def stub_source(assignment: Assignment, name: str) -> str:
    """Signature and docstring of the reference, with a body that raises NotImplementedError. A class keeps its
    header, docstring and class attributes, and each of its methods becomes a stub of its own (``__init__`` and
    ``forward`` of an nn.Module): the learner writes them method by method."""
    src = reference_source(assignment, name)
    node = ast.parse(src).body[0]
    lines = src.splitlines(keepends=True)
    if isinstance(node, ast.FunctionDef):
        return "".join(_stub_function(lines, node, name))
    out = lines[: (_docstring_end(node) or node.body[0].lineno - 1)]
    for item in node.body[1 if _docstring_end(node) else 0 :]:
        out.append("\n")
        if isinstance(item, ast.FunctionDef):
            out += _stub_function(lines, item, f"{name}.{item.name}")
        else:  # a class attribute the methods rely on
            out += lines[item.lineno - 1 : item.end_lineno]
    return "".join(out)


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
