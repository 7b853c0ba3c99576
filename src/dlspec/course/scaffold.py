"""A new assignment folder, ready to fill: every file an assignment needs, each saying what goes in it.

``dlspec scaffold c4w1a1 --title "Convolution step by step" --function conv_forward=dlspec.nn.conv:conv_forward``
writes ``src/dlspec/course/c4w1a1/``. Once its TODOs are filled (cases, two other correct solutions, five known
mistakes, three hints per graded item), ``pytest tests/course -k c4w1a1`` proves it like every other assignment.
"""

from __future__ import annotations

import re
from pathlib import Path

from dlspec.course.assignment import COURSE_DIR

_ID = re.compile(r"c[1-9]w[1-9]a[1-9]$")

TOML = '''id = "{id}"
title = "{title}"
notebook = "{notebook}"
# preload = ["torch"]          # slow imports the grading child starts early
# examples_axis = 0             # where the examples are: -1 (n_x, m) by default, 0 (m, n_H, n_W, n_C), 1 (n_x, m, T_x)
# [limits]                      # only where the defaults (2 GiB, 20 s to load, 10 s a case) do not fit
# memory = "3 GiB"
{functions}'''

FUNCTION = '''
[functions.{name}]
points = 1
reference = "{reference}"
'''

NOTEBOOK = '''# %% [markdown]
# # {title}
#
# TODO: the lesson, in our own words: the idea, the formula, the shapes, a picture where one helps.

# %%
import numpy as np

from dlspec.notebook import checker

check = checker("{id}")
{cells}'''

CELL = '''
# %% [markdown]
# ## {name}
#
# TODO: what {name} computes and why.

# %%
# GRADED: {name}

# %%
check({name})
'''

CHECKS = '''"""The cases of each graded item: the visible example first, then at least three randomised ones."""

import numpy as np

from dlspec.checking.spec import Case

{functions}
CHECKS = {{{table}}}
'''

CASES = '''
def {name}_cases() -> list[Case]:
    # TODO: the visible example (the original's test values where they exist), then randomised cases with
    # varied shapes, each built from np.random.default_rng(seed)
    raise NotImplementedError("write the cases of {name}")

'''

MUTANTS = '''"""Known mistakes: at least five per graded item, each with the hint a learner who made it should read."""

import numpy as np

from dlspec.checking.spec import mutant
{functions}'''

MUTANT = '''

# TODO: four more mistakes of {name}
@mutant("{name}", "TODO: the hint for this mistake")
def {name}_mistake_1(*args, **kwargs):
    raise NotImplementedError("write a realistic mistake in {name}")
'''

VARIANTS = '''"""Other correct solutions, written differently from the reference: at least two per graded item."""

import numpy as np

from dlspec.checking.spec import variant
{functions}'''

VARIANT = '''

# TODO: a second correct solution of {name}
@variant("{name}")
def {name}_another_way(*args, **kwargs):
    raise NotImplementedError("write a correct solution of {name} unlike the reference")
'''

HINTS = '''
[{name}]
hints = [
  "TODO: the vaguest hint",
  "TODO: a closer one",
  "TODO: the closest, never the code",
]
'''


def scaffold(
    assignment_id: str, title: str, functions: dict[str, str], course_dir: Path = COURSE_DIR
) -> Path:
    """Write the folder of a new assignment; ``functions`` maps each graded item to its reference
    ("module:attr", a function or class in the engine). Refuses an existing folder: nothing is overwritten."""
    if not _ID.match(assignment_id):
        raise ValueError(f"an assignment id looks like c4w1a1 (course, week, assignment), not {assignment_id!r}")
    if not functions:
        raise ValueError("name at least one graded item: --function NAME=module:attr")
    for name, reference in functions.items():
        if not name.isidentifier() or ":" not in reference:
            raise ValueError(f"{name}={reference}: a graded item is NAME=module:attr")
    folder = course_dir / assignment_id
    if folder.exists():
        raise FileExistsError(f"{folder} already exists; nothing was written")
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    fill = {"id": assignment_id, "title": title, "notebook": f"{assignment_id.upper()}-{slug}"}

    def each(template: str) -> str:
        return "".join(template.format(name=n, reference=r) for n, r in functions.items())

    files = {
        "assignment.toml": TOML.format(**fill, functions=each(FUNCTION)),
        "notebook.py": NOTEBOOK.format(**fill, cells=each(CELL)),
        "checks.py": CHECKS.format(functions=each(CASES), table=", ".join(f'"{n}": {n}_cases' for n in functions)),
        "mutants.py": MUTANTS.format(functions=each(MUTANT)),
        "variants.py": VARIANTS.format(functions=each(VARIANT)),
        "hints.toml": each(HINTS).lstrip(),
        "__init__.py": "",
    }
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
