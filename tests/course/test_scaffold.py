"""A scaffolded assignment folder, once its TODOs are filled, builds its notebooks and passes the proofs."""

import sys
import types

import pytest

from dlspec.cli import main
from dlspec.course.assignment import load_folder
from dlspec.course.build import build
from dlspec.course.scaffold import scaffold
from dlspec.grader import grade
from dlspec.notebook import check_function

CASES = '''    return [
        Case("example", (np.array([[1.0, 2.0], [-3.0, 4.0]]),)),
        *[Case(f"random {s}", (np.random.default_rng(s).normal(size=(3, s + 2)),)) for s in range(3)],
    ]'''
MUTANTS = '''    return np.sqrt(np.sum(x**2, axis=0, keepdims=True))


@mutant("normalize_rows", "Divide by the norm: x / norm.")
def n_times(x):
    return x * np.linalg.norm(x, axis=1, keepdims=True)


@mutant("normalize_rows", "Take the norm of each row (axis=1), not of the whole matrix.")
def n_whole(x):
    return x / np.linalg.norm(x)


@mutant("normalize_rows", "The norm is the square root of the sum of squares.")
def n_no_sqrt(x):
    return x / np.sum(x**2, axis=1, keepdims=True)


@mutant("normalize_rows", "Sum the absolute values squared, not the values themselves.")
def n_sum(x):
    return x / np.sum(x, axis=1, keepdims=True)'''
VARIANTS = '''    return x / np.sqrt((x * x).sum(axis=1))[:, np.newaxis]


@variant("normalize_rows")
def n_loop(x):
    return np.array([row / np.sqrt(row @ row) for row in x])'''


@pytest.fixture
def filled(tmp_path, monkeypatch):
    course = tmp_path / "scaffold_course"
    course.mkdir()
    (course / "__init__.py").write_text("")
    folder = scaffold("c9w1a1", "Rows of unit length", {"normalize_rows": "dlspec.nn.basics:normalize_rows"}, course)
    fill = {
        "checks.py": ('    raise NotImplementedError("write the cases of normalize_rows")', CASES),
        "mutants.py": ('def normalize_rows_mistake_1(*args, **kwargs):\n    raise NotImplementedError("write a '
                       'realistic mistake in normalize_rows")', "def n_columns(x):\n" + MUTANTS),
        "variants.py": ('def normalize_rows_another_way(*args, **kwargs):\n    raise NotImplementedError("write a '
                        'correct solution of normalize_rows unlike the reference")', "def n_sqrt(x):\n" + VARIANTS),
    }  # fmt: skip
    for name, (todo, code) in fill.items():
        text = (folder / name).read_text()
        assert todo in text, f"the scaffold's {name} changed: update this test"
        text = text.replace(todo, code).replace("TODO: the hint for this mistake", "Rows, not columns: axis=1.")
        (folder / name).write_text(text)
    hints = (folder / "hints.toml").read_text().replace("TODO: ", "")
    (folder / "hints.toml").write_text(hints)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield load_folder(folder, package="scaffold_course")
    for name in [m for m in sys.modules if m.startswith("scaffold_course")]:
        del sys.modules[name]


def renamed(fn, name):
    return types.FunctionType(fn.__code__, fn.__globals__, name, fn.__defaults__, fn.__closure__)


def test_a_filled_scaffold_passes_the_proofs(filled):
    assert check_function(filled, filled.function("normalize_rows").resolve()).status == "passed"
    for v in filled.variants():
        assert check_function(filled, renamed(v.fn, v.function)).status == "passed", v.fn.__name__
    assert len(filled.mutants()) == 5
    for m in filled.mutants():
        bad = check_function(filled, renamed(m.fn, m.function)).first_failure
        assert bad is not None and bad.hint == m.hint, m.fn.__name__
    assert len(filled.hints("normalize_rows")) == 3


def test_its_notebooks_build_and_the_template_is_not_implemented(filled):
    template = build(filled, solution=False)
    code = "\n\n".join(c.source for c in template.cells if "graded" in c.metadata.get("tags", []))
    result = grade(filled, source="import numpy as np\n\n" + code, sandbox=False)
    assert [f.status for f in result.functions] == ["not_implemented"]
    assert any("checker(\"c9w1a1\")" in c.source for c in template.cells)


def test_the_command_refuses_an_existing_folder_and_a_bad_id(tmp_path, capsys):
    args = ["scaffold", "c9w1a1", "--title", "T", "--function", "f=m:f", "--dest", str(tmp_path)]
    assert main(args) == 0
    assert main(args) == 2 and "already exists" in capsys.readouterr().err
    assert main([*args[:1], "week1", *args[2:]]) == 2 and "looks like c4w1a1" in capsys.readouterr().err


def test_where_names_the_assignment_and_every_part(capsys):
    assert main(["where", "l_model_forward"]) == 0
    out = capsys.readouterr().out
    assert "c1w4a1" in out and "dlspec.nn.deep:L_model_forward" in out and "mutants" in out and "variants" in out


def test_where_suggests_close_names(capsys):
    assert main(["where", "backward"]) == 2
    assert "L_model_backward" in capsys.readouterr().err
