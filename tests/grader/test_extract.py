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
        extract(notebook("import numpy as np", "#md some text", "x = 1\ndef f(:\n    pass"), ".ipynb")
    assert "def f(:" in str(err.value)


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
