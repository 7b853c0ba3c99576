"""Notebooks saved from the original course grade here unchanged, whatever their version, and get the verdict the
original would have given: 100% when correct, and a failure at the right function, with a message about that
mistake, when not.

The corpus (``original/<id>/``) holds, per assignment, a solved notebook in each version's layout (its helper
imports, the course's own cells, seeds and test calls, that version's signatures) as text whose cells are separated
by "# %%" lines (not a Python module: it holds magics), and ``corpus.toml``, which lists the notebooks built from
them: a source, edits that turn it into another version's layout or plant a mistake, the version the grader must
recognise, and the expected verdict.

The corpus is graded in-process (the sandbox is not what it tests); one notebook per course also goes through the
sandbox, where the helper modules come from the child's own path.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from conftest import notebook

from dlspec.grader import grade

ORIGINAL = Path(__file__).parent / "original"


@dataclass(frozen=True)
class Entry:
    """One notebook of the corpus and the verdict it must get."""

    aid: str
    name: str
    source: str
    version: str
    edit: list[list[str]] = field(default_factory=list)  # [old, new]: each old text must be found in the source
    fails: str = ""  # the one graded function that must fail; empty for a correct notebook
    message: str = ""  # a regex its failure message or hint must match
    xfail: str = ""  # why the grader cannot give this verdict yet


def entries() -> list[Entry]:
    found = []
    for folder in sorted(p for p in ORIGINAL.iterdir() if p.is_dir()):
        with (folder / "corpus.toml").open("rb") as fh:
            found += [Entry(folder.name, **spec) for spec in tomllib.load(fh)["notebook"]]
    return found


def build(entry: Entry) -> bytes:
    """The .ipynb of an entry: its source's cells (separated by '# %%' lines), edited."""
    text = (ORIGINAL / entry.aid / entry.source).read_text()
    for old, new in entry.edit:
        assert old in text, f"{entry.aid}/{entry.name}: {old!r} is not in {entry.source}"
        text = text.replace(old, new)
    cells = [cell.strip("\n") for cell in re.split(r"^# %%\n", text, flags=re.M) if cell.strip()]
    return notebook(*cells)


def _param(entry: Entry):
    marks = [pytest.mark.xfail(reason=entry.xfail, strict=True)] if entry.xfail else []
    return pytest.param(entry, id=f"{entry.aid}/{entry.name}", marks=marks)


def assert_verdict(entry: Entry, result) -> None:
    assert result.gradable, result.message
    assert result.version == entry.version
    failures = {f.name: f.first_failure for f in result.functions if f.first_failure}
    shown = {name: f"{bad.status}: {bad.message} | hint: {bad.hint}" for name, bad in failures.items()}
    if not entry.fails:
        assert result.score == 1.0, shown
        return
    assert set(failures) == {entry.fails}, shown
    bad = failures[entry.fails]
    assert re.search(entry.message, f"{bad.message}\n{bad.hint}"), shown


@pytest.mark.parametrize("entry", [_param(e) for e in entries()])
def test_original_notebook_gets_its_verdict(entry):
    result = grade(entry.aid, f"{entry.name}.ipynb", source=build(entry), sandbox=False)
    assert_verdict(entry, result)


SANDBOXED = [
    "c1w4a2/2021-correct", "c2w1a2/2017-correct", "c5w1a1/2019-correct", "c5w1a2/2021-correct", "c5w2a2/2021-correct",
]


@pytest.mark.parametrize("entry", [_param(e) for e in entries() if f"{e.aid}/{e.name}" in SANDBOXED])
def test_sandboxed_grading_finds_the_helpers(entry, tmp_path):
    path = tmp_path / f"{entry.name}.ipynb"
    path.write_bytes(build(entry))
    assert_verdict(entry, grade(entry.aid, path))
    assert path.read_bytes() == build(entry)  # the learner's file is left as it was


def test_a_function_the_version_did_not_have_is_skipped_not_failed():
    entry = next(e for e in entries() if (e.aid, e.name) == ("c2w2a1", "2017-correct"))
    tests = {t["name"]: t for t in grade("c2w2a1", "nb.ipynb", source=build(entry), sandbox=False).to_json()["tests"]}
    assert tests["update_lr"]["status"] == "skipped" and tests["update_lr"]["max_score"] == 0
    skipped = tests["update_lr"]["checks"][0]["message"]
    assert skipped == "the 2017-2020 version of this notebook has no update_lr: not graded"
    assert tests["update_parameters_with_adam"]["status"] == "passed"


def saved_notebook(aid: str, folder: Path) -> Path:
    """A notebook of the original's cells for ``aid``, as tests/grader/original/<aid>_cell*.txt hold them."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(p.read_text()) for p in sorted(ORIGINAL.glob(f"{aid}_cell*.txt"))]
    path = folder / f"{aid}-from-the-original.ipynb"
    nbformat.write(nb, path)
    return path


def test_original_convolution_notebook_loses_only_what_numpy_2_and_ties_change(tmp_path):
    """C4W1A1 as the original taught it grades here, with two deliberate exceptions, each explained: float(b) of a
    (1, 1, 1) array, which NumPy 2 refuses, and a max-pooling mask that marks every tied maximum (the original did
    not grade ties; here they are graded, since such a mask sends one gradient back several times)."""
    result = grade("c4w1a1", saved_notebook("c4w1a1", tmp_path))
    assert result.gradable, result.message
    functions = {f.name: f for f in result.functions}
    lost = {name for name, f in functions.items() if f.first_failure}
    assert lost == {"conv_single_step", "create_mask_from_window"}
    assert "NumPy 2" in functions["conv_single_step"].first_failure.hint
    mask_failures = [c for c in functions["create_mask_from_window"].checks if c.status != "passed"]
    assert {c.case for c in mask_failures} == {"three entries tie for the maximum", "all zeros, as after a ReLU"}
    assert all("tied for its maximum" in c.message for c in mask_failures)


def test_original_rnn_notebook_that_skipped_the_optional_part_keeps_its_forward_points():
    """The original's backward functions were optional: a notebook that left them as the template gets the forward
    functions' points and 'not implemented' for the backward ones, never an error about a placeholder."""
    entry = Entry("c5w1a1", "2017-forward-only", "2017-forward-only.txt", "2017-2020")
    result = grade("c5w1a1", "nb.ipynb", source=build(entry), sandbox=False)
    assert result.version == "2017-2020"
    statuses = {f.name: f.status for f in result.functions}
    backward = {"rnn_cell_backward", "rnn_backward", "lstm_cell_backward", "lstm_backward"}
    assert {name for name, status in statuses.items() if status == "passed"} == set(statuses) - backward
    assert all(statuses[name] == "not_implemented" for name in backward)
    assert result.score == pytest.approx(0.45)
