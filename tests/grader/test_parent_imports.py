"""A passing grade of a PyTorch assignment imports PyTorch once, in the grading child: the parent process reads the
references' outputs from the cache and never needs it (importing it twice would double a learner's wait)."""

import json
import os
import subprocess
import sys

import nbformat
import pytest

from dlspec.course.assignment import load
from dlspec.course.build import build

GRADE = """
import json, sys
from dlspec.grader import grade
result = grade(sys.argv[1], path=sys.argv[2])
failed = [c.message for f in result.functions for c in f.checks if c.status != "passed"]
print(json.dumps({"score": result.score, "torch": "torch" in sys.modules, "failed": failed[:3] or result.message}))
"""


@pytest.mark.parametrize(
    "aid", ["c2w3a1", "c4w1a2", "c4w2a1", "c4w2a2", "c4w3a1", "c4w3a2", "c4w4a1", "c4w4a2", "c5w1a3", "c5w2a2",
            "c5w3a1", "c5w3a2", "c5w4a1", "c6w1a1", "c6w3a1", "c6w4a1"]
)
def test_a_passing_grade_with_a_warm_cache_never_imports_torch_in_the_parent(aid, tmp_path):
    path = tmp_path / f"{aid}.ipynb"
    nbformat.write(build(load(aid), solution=True), path)
    env = {**os.environ, "DLSPEC_CACHE": str(tmp_path / "cache")}  # cold, then warm
    runs = [subprocess.run([sys.executable, "-c", GRADE, aid, str(path)], capture_output=True, text=True, check=True,
                           env=env) for _ in range(2)]  # fmt: skip
    cold, warm = (json.loads(r.stdout.splitlines()[-1]) for r in runs)
    assert cold["score"] == warm["score"] == 1.0, (cold, warm)
    assert not warm["torch"]
