"""A notebook saved from the original course grades here unchanged: its helper imports (lr_utils,
dnn_app_utils_v3, public_tests), magics, test calls and training cells do not get in the way."""

from pathlib import Path

import nbformat
import pytest

from dlspec.grader import grade

ORIGINAL = Path(__file__).parent / "original"


def saved_notebook(aid: str, folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(p.read_text()) for p in sorted(ORIGINAL.glob(f"{aid}_cell*.txt"))]
    path = folder / f"{aid}-from-the-original.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("aid", ["c1w2a2", "c1w4a2"])
def test_original_style_notebook_grades_full(aid, tmp_path):
    path = saved_notebook(aid, tmp_path)
    before = path.read_bytes()
    result = grade(aid, path)
    failures = {f.name: f.first_failure.message for f in result.functions if f.first_failure}
    assert result.gradable, result.message
    assert result.score == 1.0, failures
    assert path.read_bytes() == before


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
