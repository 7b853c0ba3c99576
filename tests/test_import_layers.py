"""The package's layers import only downward (docs/architecture.md has the same table, in words)."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "dlspec"

# lowest first; a module may import its own layer and the ones below it
LAYERS = [
    {"nn"},
    {"data", "viz"},
    {"checking"},
    {"course", "compat"},
    {"grader"},
    {"progress", "challenges"},
    {"earlier", "workspace", "notebook", "watch", "cli", "web", "__init__", "__main__"},
]
LEVEL = {part: n for n, parts in enumerate(LAYERS) for part in parts}


def part_of(module: str) -> str:
    """'grader' for dlspec.grader.sandbox, 'notebook' for dlspec.notebook, '__init__' for dlspec itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imported(path: Path) -> set[str]:
    """Every dlspec module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("dlspec")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("dlspec"):
            found.add(node.module)
    return found


def modules() -> list[Path]:
    # an assignment's notebook.py is the lesson's text, run in the learner's kernel, not a module of the package
    return [p for p in sorted(SRC.rglob("*.py")) if not (p.name == "notebook.py" and p.parent.parent.name == "course")]


def test_every_part_of_the_package_has_a_layer():
    parts = {p.relative_to(SRC).parts[0].removesuffix(".py") for p in modules()}
    assert parts <= set(LEVEL), f"place these in LAYERS and docs/architecture.md: {sorted(parts - set(LEVEL))}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_go_only_downward(path):
    here = part_of("dlspec." + ".".join(path.relative_to(SRC).with_suffix("").parts))
    upward = sorted(m for m in imported(path) if LEVEL[part_of(m)] > LEVEL[here])
    assert not upward, f"{path.relative_to(SRC)} ({here}) imports from a layer above it: {upward}"


def test_the_check_itself_sees_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from dlspec.grader import grade\n")
    assert LEVEL[part_of(next(iter(imported(bad))))] > LEVEL["course"]
