"""Turn a submission (``.ipynb`` or ``.py``) into the module the grader runs.

Keeps what defines things (imports, functions, classes, assignments of constants) and drops what does things
(calls, loops, plots, prints, IPython magics), so a notebook full of experiments grades the same as a clean one.
Graded functions are then found by name when the module runs; the last definition wins, as in the notebook.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from dlspec.grader.template import is_blank

_BUILTINS = set(dir(builtins))
FILENAME = "<submission>"  # the name the kept code is compiled under, so tracebacks can be traced back to cells

# A line IPython would treat as a magic or shell escape: "%timeit f()", "!pip install x", "files = !ls".
_MAGIC = re.compile(r"^(\s*)(?:[%!]|[\w\s,]+=\s*[%!])")


class NotGradableError(Exception):
    """The submission cannot be graded at all (not a notebook, a syntax error); it costs the learner nothing."""


@dataclass
class Extracted:
    """The kept code as one module, with a map from its lines back to where the learner wrote them."""

    source: str
    origins: list[tuple[int | None, int]]  # per source line: (cell number or None for .py, line in cell)
    warnings: list[str] = field(default_factory=list)
    dropped: set[str] = field(default_factory=set)  # top-level names assigned by statements that were dropped
    kept: set[str] = field(default_factory=set)  # top-level names the kept statements bind
    modules: set[str] = field(default_factory=set)  # the (top-level) modules the code imports, used or not
    blank: set[str] = field(default_factory=set)  # graded functions left as the original's template had them

    def where(self, line: int) -> str:
        """'cell 4, line 7' (or 'line 7' for a .py file) for line ``line`` of ``source``."""
        if not 1 <= line <= len(self.origins):
            return f"line {line}"
        cell, cell_line = self.origins[line - 1]
        return f"line {cell_line}" if cell is None else f"cell {cell}, line {cell_line}"


_COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Try)


def _is_static(node: ast.expr, known: set[str]) -> bool:
    """True for values that run no code of consequence: literals, names the kept code binds (or builtins), and
    arithmetic or containers of them. A name bound by a dropped statement (``X = load()``) would fail anyway."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id in known or node.id in _BUILTINS
    if isinstance(node, ast.Attribute):
        return _is_static(node.value, known) and not isinstance(node.value, ast.Constant)
    if isinstance(node, ast.UnaryOp):
        return _is_static(node.operand, known)
    if isinstance(node, ast.BinOp):
        return _is_static(node.left, known) and _is_static(node.right, known)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_is_static(e, known) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_static(k, known) for k in node.keys) and all(
            _is_static(v, known) for v in node.values
        )
    return False


def _is_name_target(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return True
    return isinstance(node, (ast.Tuple, ast.List)) and all(_is_name_target(e) for e in node.elts)


def _keep(stmt: ast.stmt, known: set[str]) -> bool:
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Pass)):
        return True
    if isinstance(stmt, ast.Assign):
        return all(_is_name_target(t) for t in stmt.targets) and _is_static(stmt.value, known)
    if isinstance(stmt, ast.AnnAssign):
        return isinstance(stmt.target, ast.Name) and (stmt.value is None or _is_static(stmt.value, known))
    if isinstance(stmt, ast.Try):
        # "try: import x / except ImportError: ..." is how optional imports are written
        blocks = [stmt.body, stmt.orelse, stmt.finalbody, *[h.body for h in stmt.handlers]]
        return all(_keep(s, known) for block in blocks for s in block)
    return False


def _unused_import(stmt: ast.stmt, used: set[str]) -> bool:
    """An import nothing kept refers to: skipping it saves its import time (sklearn, pyplot: a second or so)."""
    if not isinstance(stmt, (ast.Import, ast.ImportFrom)) or any(a.name == "*" for a in stmt.names):
        return False
    return not (_bound_names(stmt) & used)


def _bound_names(stmt: ast.stmt) -> set[str]:
    """Names a top-level statement binds: its definitions, imports and assignment targets."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names if a.name != "*"}
    if isinstance(stmt, ast.Try):
        blocks = [stmt.body, stmt.orelse, stmt.finalbody, *[h.body for h in stmt.handlers]]
        return {n for block in blocks for s in block for n in _bound_names(s)}
    targets = []
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    elif isinstance(stmt, ast.For):
        targets = [stmt.target]
    elif isinstance(stmt, ast.With):
        targets = [i.optional_vars for i in stmt.items if i.optional_vars]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _strip_magics(code: str) -> str:
    """Replace magic and shell lines by ``pass`` at the same indent, so line numbers and blocks survive. Only a
    line that starts a statement can be one: inside brackets, a string or after a backslash it is code (black
    starts continuation lines with operators, ``% float(...)``)."""
    out: list[str] = []
    depth, string = 0, None
    for line in code.split("\n"):
        starts = depth == 0 and string is None and not (out and out[-1].rstrip().endswith("\\"))
        if starts and (m := _MAGIC.match(line)):
            out.append(f"{m.group(1)}pass")
            continue
        out.append(line)
        depth, string = _scan(line, depth, string)
    return "\n".join(out)


def _scan(line: str, depth: int, string: str | None) -> tuple[int, str | None]:
    """The bracket depth and the open triple-quoted string (its quotes) after ``line``, given those before it."""
    i = 0
    while i < len(line):
        if string:
            if line[i] == "\\":
                i += 2
            elif line.startswith(string, i):
                i, string = i + len(string), None
            else:
                i += 1
            continue
        if line[i] == "#":
            break
        quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else line[i]
        if quote[0] in "\"'":
            i, string = i + len(quote), quote
            continue
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(line[i], 0)
        i += 1
    return max(depth, 0), string if string and len(string) == 3 else None


def code_cells(raw: bytes, suffix: str) -> list[tuple[int | None, str]]:
    """(cell number, code) for each code cell; a ``.py`` file is one cell numbered None. The one notebook reader
    of the grader and the progress store: plain JSON, not nbformat, whose validator takes longer to import than a
    grade takes. Raises NotGradableError."""
    if suffix != ".ipynb":
        try:
            return [(None, raw.decode("utf-8-sig"))]
        except UnicodeDecodeError as e:
            raise NotGradableError(f"the file is not UTF-8 text (byte {e.start})") from None
    try:
        nb = json.loads(raw)
    except RecursionError:
        raise NotGradableError("not a Jupyter notebook: the JSON is nested too deeply to read") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise NotGradableError(f"not a Jupyter notebook: the file is not valid JSON ({e})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("nbformat"), int):
        raise NotGradableError("not a Jupyter notebook: no 'nbformat' version in the file")
    if nb["nbformat"] != 4:
        nb = _upgrade(nb)
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise NotGradableError("not a Jupyter notebook: no list of cells")
    out = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise NotGradableError(f"not a readable Jupyter notebook: the code of cell {number} is not text")
        out.append((number, source))
    return out


def _upgrade(nb: dict) -> dict:
    """Older notebook formats, through nbformat (slow to import, so only when needed)."""
    import nbformat

    try:
        return json.loads(nbformat.writes(nbformat.from_dict(nb), version=4))
    except Exception as e:
        raise NotGradableError(f"not a readable Jupyter notebook (format version {nb['nbformat']}): {e}") from None


def _defines(code: str, names: tuple[str, ...]) -> bool:
    """Whether code that does not parse holds a definition of one of ``names``."""
    return any(re.search(rf"^\s*(async\s+)?def\s+{re.escape(n)}\b", code, re.MULTILINE) for n in names)


def _imported(stmt: ast.stmt) -> set[str]:
    """The top-level modules an import statement names: {"sklearn"} for ``import sklearn.datasets``."""
    if isinstance(stmt, ast.Import):
        return {a.name.split(".")[0] for a in stmt.names}
    if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
        return {stmt.module.split(".")[0]}
    return set()


def extract_cells(cells: list[tuple[int | None, str]], graded: tuple[str, ...] = ()) -> Extracted:
    """Keep the defining statements of each cell, in order, as one module."""
    warnings: list[str] = []
    dropped: set[str] = set()
    defined: dict[str, list[str]] = {}
    known: set[str] = set()
    modules: set[str] = set()
    blank: dict[str, bool] = {}  # per graded function, whether its last definition is the untouched template
    kept: list[tuple[ast.stmt, int | None, int, list[str]]] = []  # statement, cell, first line, its text
    for number, code in cells:
        label = "the file" if number is None else f"cell {number}"
        if code.lstrip().startswith("%%"):
            warnings.append(f"{label} is a cell magic ({code.split()[0]}); it was skipped")
            continue
        code = _strip_magics(code)
        if "\x00" in code:  # Python's own message for it names no line and differs between versions
            raise NotGradableError(f"{label} contains a NUL byte, which Python code cannot hold")
        try:
            tree = ast.parse(code, filename=FILENAME)
        except SyntaxError as e:
            where = f"line {e.lineno}" if number is None else f"cell {number}, line {e.lineno}"
            if number is not None and not _defines(code, graded):
                # an experiment in syntax newer than this Python, say: nothing graded lives there
                warnings.append(f"{where} does not parse ({e.msg}) and defines no graded function; the cell was "
                                "skipped")
                continue
            text = (e.text or "").strip()
            raise NotGradableError(f"syntax error in {where}: {e.msg}" + (f"\n    {text}" if text else "")) from None
        code_lines = code.split("\n")
        for stmt in tree.body:
            modules |= _imported(stmt)
            if not _keep(stmt, known):
                dropped |= _bound_names(stmt)
                continue
            known |= _bound_names(stmt)
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defined.setdefault(stmt.name, []).append(label)
            if isinstance(stmt, _COMPOUND):
                # a compound statement owns whole lines: nothing can share its first or last line
                first = stmt.decorator_list[0].lineno if getattr(stmt, "decorator_list", None) else stmt.lineno
                kept.append((stmt, number, first, code_lines[first - 1 : stmt.end_lineno]))
                if getattr(stmt, "name", None) in graded:
                    blank[stmt.name] = is_blank(kept[-1][3])
            else:
                # a simple one may share its line with dropped statements ("n = 4; print(n)"): take only its text
                kept.append((stmt, number, stmt.lineno, ast.get_source_segment(code, stmt).split("\n")))
    for name in graded:
        places = defined.get(name, [])
        if len(places) > 1:
            warnings.append(f"{name} is defined {len(places)} times ({', '.join(places)}); the last one is graded")
    used = set(graded) | {
        n.id
        for stmt, *_ in kept
        if not isinstance(stmt, (ast.Import, ast.ImportFrom))
        for n in ast.walk(stmt)
        if isinstance(n, ast.Name)
    }
    lines: list[str] = []
    origins: list[tuple[int | None, int]] = []
    for stmt, number, first, text in kept:
        if not _unused_import(stmt, used):
            lines.extend(text)
            origins.extend((number, first + i) for i in range(len(text)))
    return Extracted(
        "\n".join(lines) + "\n", origins, warnings, dropped - known, known, modules, {n for n, b in blank.items() if b}
    )


def extract(raw: bytes, suffix: str, graded: tuple[str, ...] = ()) -> Extracted:
    """The gradable module of a submission's bytes; ``suffix`` is ".ipynb" or ".py". Raises NotGradableError."""
    try:
        return extract_cells(code_cells(raw, suffix), graded)
    except (RecursionError, MemoryError):  # "1+1+...+1" a hundred thousand times: the parser gives up
        raise NotGradableError("the code is nested too deeply for Python to read") from None


def extract_file(path: Path, graded: tuple[str, ...] = ()) -> Extracted:
    return extract(Path(path).read_bytes(), Path(path).suffix.lower(), graded)
