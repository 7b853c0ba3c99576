import pytest
from conftest import notebook

from dlspec.grader.extract import NotGradableError, extract


def kept(code: str) -> str:
    return extract(code.encode(), ".py").source


def test_keeps_definitions_and_constants_drops_actions():
    source = kept(
        "import numpy as np\n"
        "from math import pi\n"
        "n_h = 4\n"
        "layers = [12288, 20, 7, 1]\n"
        "cfg = {'lr': 0.01, 'sizes': (2, 3)}\n"
        "neg = -1.5\n"
        "X = np.random.randn(3, 4)\n"
        "print(n_h)\n"
        "def f(x):\n"
        "    print(x)\n"
        "    return np.sin(x * pi)\n"
        "class Net:\n"
        "    size = 3\n"
        "for i in range(10):\n"
        "    n_h += 1\n"
        "f(2)\n"
    )
    for line in [
        "import numpy as np",
        "from math import pi",
        "n_h = 4",
        "layers = [12288, 20, 7, 1]",
        "cfg = {'lr': 0.01, 'sizes': (2, 3)}",
        "neg = -1.5",
        "def f(x):",
        "    print(x)",
        "class Net:",
    ]:
        assert line in source
    for gone in ["np.random.randn", "print(n_h)", "for i", "f(2)", "n_h += 1"]:
        assert gone not in source


def test_statement_sharing_a_line_with_a_call_is_cut_out_alone():
    assert kept("n = 4; print(n)\n").strip() == "n = 4"


def test_magics_and_shell_lines_are_dropped_without_breaking_blocks():
    ex = extract(
        notebook(
            "%matplotlib inline\nimport numpy as np",
            "!pip install x\nfiles = !ls\ndef g():\n    return np.ones(1)",
            "%%time\ndef h():\n    pass",
        ),
        ".ipynb",
    )
    assert "import numpy as np" in ex.source and "def g():" in ex.source
    assert "def h" not in ex.source
    assert any("cell magic" in w for w in ex.warnings)


def test_syntax_error_names_cell_and_line():
    with pytest.raises(NotGradableError, match=r"cell 3, line 2") as err:
        extract(notebook("import numpy as np", "#md some text", "x = 1\ndef f(:\n    pass"), ".ipynb", ("f",))
    assert "def f(:" in str(err.value)


def test_a_cell_that_does_not_parse_but_grades_nothing_is_skipped_with_a_note():
    # syntax of a newer Python than the grader's, in an experiment: nothing graded is lost with it
    ex = extract(notebook("def f():\n    return 1", "type Pair = tuple[int, int]\nprint(Pair)"), ".ipynb", ("f",))
    assert "def f():" in ex.source
    assert ex.warnings == ["cell 2, line 1 does not parse (invalid syntax) and defines no graded function; the cell "
                           "was skipped"]


def test_a_continuation_line_starting_with_percent_is_code_not_a_magic():
    black = 'print(\n    "accuracy: %d"\n    % float(3.5)\n    + "%"\n)\nx = 1 + \\\n  % 2'
    ex = extract(notebook("%matplotlib inline\nLIMIT = (\n    10\n    % 3\n)", black), ".ipynb")
    assert "LIMIT = (\n    10\n    % 3\n)" in ex.source


def test_imported_modules_are_recorded_whether_used_or_not():
    ex = extract(notebook("import numpy as np\nimport sklearn.datasets\nfrom testCases_v2 import *", "x = 1"), ".ipynb")
    assert ex.modules == {"numpy", "sklearn", "testCases_v2"}


def test_an_untouched_template_is_recognised():
    blank = "def f(x):\n    ### START CODE HERE ### (≈ 1 line)\n    s = None\n    ### END CODE HERE ###\n    return s"
    filled = blank.replace("s = None", "s = x")
    new_blank = "def g(x):\n    # YOUR CODE STARTS HERE\n    \n    # YOUR CODE ENDS HERE\n    return (n_x, n_h)"
    ex = extract(notebook(blank, new_blank, filled.replace("def f", "def h")), ".ipynb", ("f", "g", "h"))
    assert ex.blank == {"f", "g"}


def test_a_template_with_loops_slices_and_given_lines_is_recognised():
    """C5W1A1's optional part: a loop over range(None), slices set to None, and a line the course wrote that
    unpacks a placeholder."""
    blank = (
        "def f(da):\n    ### START CODE HERE ###\n    dx = None\n    for t in reversed(range(None)):\n"
        "        gradients = None\n        dxt, da_prevt = gradients[\"dxt\"], gradients[\"da_prev\"]\n"
        "        dx[:, :, t] = None\n        dWax += None\n    ### END CODE HERE ###\n    return dx"
    )
    started = blank.replace("gradients = None", "gradients = g(da)")
    ex = extract(notebook(blank, started.replace("def f", "def h")), ".ipynb", ("f", "h"))
    assert ex.blank == {"f"}


def test_syntax_error_in_py_file_names_line():
    with pytest.raises(NotGradableError, match=r"line 3"):
        extract(b"a = 1\n\nif True\n", ".py")


def test_not_a_notebook_is_not_gradable():
    with pytest.raises(NotGradableError, match="not valid JSON"):
        extract(b"def f(): pass", ".ipynb")
    with pytest.raises(NotGradableError, match="nbformat"):
        extract(b'{"cells": []}', ".ipynb")


@pytest.mark.parametrize("minor", [0, 4, 5])
def test_any_v4_minor_reads(minor):
    assert "def f():" in extract(notebook("def f():\n    return 1", minor=minor), ".ipynb").source


def test_lines_map_back_to_cells():
    ex = extract(notebook("import numpy as np", "print('x')", "\n\ndef f(x):\n    return x / 0"), ".ipynb")
    line = ex.source.splitlines().index("    return x / 0") + 1
    assert ex.where(line) == "cell 3, line 4"


def test_redefinition_warns_and_dropped_globals_are_recorded():
    ex = extract(notebook("def f():\n    return 1", "X = load()\ndef f():\n    return 2"), ".ipynb", ("f",))
    assert any("f is defined 2 times (cell 1, cell 2)" in w for w in ex.warnings)
    assert "X" in ex.dropped


def test_imports_nothing_uses_are_skipped_star_imports_kept():
    source = kept(
        "import numpy as np\nimport sklearn.datasets\nfrom matplotlib import pyplot as plt\n"
        "from public_tests import *\nfrom helpers import propagate\nfloat_type = np.float64\n"
        "def f(x):\n    return x\n"
    )
    assert "import numpy as np" in source and "from public_tests import *" in source
    assert "sklearn" not in source and "pyplot" not in source and "propagate" not in source
    graded = extract(b"from helpers import propagate\n", ".py", ("propagate",)).source
    assert "from helpers import propagate" in graded


def test_assignment_from_data_the_grader_never_builds_is_dropped():
    ex = extract(b"X_flat = load()\nX = X_flat / 255.0\nscale = 1 / 255.0\nlimit = max\n", ".py")
    assert ex.source.split() == ["scale", "=", "1", "/", "255.0", "limit", "=", "max"]
    assert ex.dropped == {"X_flat", "X"}
