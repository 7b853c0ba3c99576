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
