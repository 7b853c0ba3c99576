"""Every assignment folder is complete, and its notebooks build: stubs for the learner, the reference in the key."""

import ast

import pytest

from dlspec.course.assignment import available_ids, load
from dlspec.course.build import MARKER, build, content_hash, stub_source

IDS = available_ids()


def graded_cells(nb):
    return [c for c in nb.cells if "graded" in c.metadata.get("tags", [])]


def test_course_one_is_shipped():
    assert {"c1w2a1", "c1w2a2", "c1w3a1", "c1w4a1", "c1w4a2"} <= set(IDS)


@pytest.mark.parametrize("aid", IDS)
def test_every_graded_function_has_one_cell_in_order(aid):
    a = load(aid)
    nb = build(a, solution=False)
    names = [c.source.splitlines()[0].removeprefix("# GRADED FUNCTION:").strip() for c in graded_cells(nb)]
    assert names == a.names
    assert not any(c.source.startswith(MARKER) for c in nb.cells), "a placeholder was left unfilled"


def stubbed(node):
    """The functions a learner writes in a graded cell's definition, with the name each stub raises under: the
    function itself, or each method of a graded class (an nn.Module's __init__ and forward)."""
    if isinstance(node, ast.ClassDef):
        return [(f, f"{node.name}.{f.name}") for f in node.body if isinstance(f, ast.FunctionDef)]
    return [(node, node.name)]


@pytest.mark.parametrize("aid", IDS)
def test_template_cells_are_stubs_with_the_reference_signature(aid):
    a = load(aid)
    for cell, name in zip(graded_cells(build(a, solution=False)), a.names, strict=True):
        node = ast.parse(cell.source).body[0]
        ref = ast.parse(build_reference_cell(a, name)).body[0]
        assert node.name == name and type(node) is type(ref)
        assert ast.get_docstring(node), f"{aid}.{name}: the stub has no docstring to guide the learner"
        stubs, refs = stubbed(node), stubbed(ref)
        assert [label for _, label in stubs] == [label for _, label in refs]
        for (func, label), (ref_func, _) in zip(stubs, refs, strict=True):
            assert ast.dump(func.args) == ast.dump(ref_func.args), f"{aid}.{label}: stub signature differs"
            assert f'raise NotImplementedError("{label} is not implemented yet")' in cell.source


def build_reference_cell(a, name):
    for cell in graded_cells(build(a, solution=True)):
        if ast.parse(cell.source).body[0].name == name:
            return cell.source
    raise AssertionError(f"no reference cell for {name}")


@pytest.mark.parametrize("aid", IDS)
def test_solution_and_template_differ_only_in_graded_cells(aid):
    a = load(aid)
    sol, tpl = build(a, solution=True), build(a, solution=False)
    assert len(sol.cells) == len(tpl.cells)
    for s, t in zip(sol.cells, tpl.cells, strict=True):
        if "graded" in s.metadata.get("tags", []):
            assert s.source != t.source
        else:
            assert s.source == t.source
    assert content_hash(sol) != content_hash(tpl)
    assert sol.metadata["dlspec"] == {"assignment": aid, "kind": "solution"}


# Graded by an outcome of training, one case a seed: each case is a whole training run (10-20 s of grading), so two
# seeds stand where other functions have an example and three randomised cases.
TRAINED_OUTCOMES = {("c6w1a1", "train_dqn")}


@pytest.mark.parametrize("aid", IDS)
def test_folder_is_complete(aid):
    a = load(aid)
    for name in a.names:
        if (aid, name) in TRAINED_OUTCOMES:
            assert len(a.cases(name)) >= 2, f"{aid}.{name}: an outcome needs at least two seeds"
        else:
            assert len(a.cases(name)) >= 4, f"{aid}.{name}: needs a visible example and at least 3 randomised cases"
        assert len(a.mutants(name)) >= 5, f"{aid}.{name}: needs at least 5 known mistakes"
        assert len(a.variants(name)) >= 2, f"{aid}.{name}: needs at least 2 other correct solutions"
        assert len(a.hints(name)) >= 3, f"{aid}.{name}: needs a ladder of at least 3 hints"
        stubs = stubbed(ast.parse(stub_source(a, name)).body[0])
        assert stub_source(a, name).count("raise NotImplementedError") == len(stubs)
