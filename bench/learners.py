"""Grade the corpus of learner-written solutions of Courses 2, 4, 5 and 6 (bench/corpus/) and report what the grader
made of them.

Each solution is pasted into its assignment's answer-key notebook as one more cell and the notebook is graded
in process. A correct solution must pass; a mistake must fail at its own function and nowhere else, and should
get a message aimed at it: a known mistake's hint, or a judge's message naming the property that failed (as in
tests/course/test_proofs.py); failing that, at least a diagnosis that says what kind of slip it is.

    .venv/bin/python bench/learners.py [--show] [IDS ...]

``--show`` prints every failing correct solution and every mistake without a targeted message, with what the
grader said; the section in docs/benchmarks.md is written only when every assignment is graded.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Solution
from report import machine, table, write_section

from dlspec.checking.result import GradeResult
from dlspec.course.assignment import load
from dlspec.course.build import build
from dlspec.grader import grade

IDS = ["c2w1a1", "c2w1a2", "c2w1a3", "c2w2a1", "c2w3a1", "c2w3a2",
       "c4w1a1", "c4w1a2", "c4w2a1", "c4w2a2", "c5w1a1", "c5w1a2", "c5w2a1",
       "c6w1a1", "c6w2a1", "c6w3a1", "c6w4a1"]  # fmt: skip
CELL_IMPORTS = "import copy\nimport math\n\nimport numpy as np\n"  # what a learner's cell may add
TORCH_IMPORTS = (
    "from collections import OrderedDict\n\nimport torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
)
SIXTH = ["c6w1a1", "c6w2a1", "c6w3a1", "c6w4a1"]  # "Beyond the specialization": its own section too
# PyTorch assignments, whose cells may import it too
TORCH_IDS = {"c4w1a2", "c4w2a1", "c4w2a2", "c6w1a1", "c6w3a1", "c6w4a1"}


@dataclass
class Verdict:
    solution: Solution
    held_out: bool  # written after the first round's mistakes became known ones (bench/corpus/held_out)
    passed: bool  # the solution's own function passed every case
    elsewhere: list[str]  # other functions that failed (none should)
    targeted: bool  # a known mistake's hint, or a judge's message about the property that failed
    explained: bool  # targeted, or at least a diagnosis under the message (a line after the first)
    said: str  # the first failure's message and hint


def solutions(aid: str, held_out: bool) -> list[Solution]:
    try:
        module = importlib.import_module(f"corpus.held_out.{aid}" if held_out else f"corpus.{aid}")
    except ModuleNotFoundError:
        return []
    return [v for v in vars(module).values() if isinstance(v, Solution)]


def as_cell(aid: str, solution: Solution) -> str:
    """The solution's source as a learner's cell: undecorated, under the graded function's (or class's) name."""
    lines = [line for line in textwrap.dedent(inspect.getsource(solution.fn)).splitlines() if not line.startswith("@")]
    keyword = lines[0].split(" ", 1)[0]  # "def" or "class"
    rest = lines[0].split(" ", 1)[1]  # "name(...)" or, for a class with no bases, "name:"
    lines[0] = f"{keyword} {solution.function}" + rest[min(i for i in (rest.find("("), rest.find(":")) if i >= 0):]
    imports = CELL_IMPORTS + (TORCH_IMPORTS if aid in TORCH_IDS else "")
    return imports + "\n" + "\n".join(lines) + "\n"


def judge(aid: str, notebook: nbformat.NotebookNode, key: GradeResult, solution: Solution, held_out: bool) -> Verdict:
    nb = nbformat.from_dict(notebook)
    nb.cells.append(nbformat.v4.new_code_cell(as_cell(aid, solution)))
    # functions whose code is unchanged keep the answer key's verdict: only the pasted one runs again
    result = grade(aid, source=nbformat.writes(nb).encode(), sandbox=False, previous=key)
    own = next(f for f in result.functions if f.name == solution.function)
    bad = own.first_failure
    judged = {c.name for c in load(aid).cases(solution.function) if c.judge is not None}
    targeted = bad is not None and (bool(bad.hint) or (bad.case in judged and bad.status == "failed"))
    return Verdict(
        solution,
        held_out,
        passed=bad is None,
        elsewhere=[f.name for f in result.functions if f is not own and f.first_failure is not None],
        targeted=targeted,
        explained=targeted or (bad is not None and "\n" in bad.message),
        said="" if bad is None else bad.message + (f"\nHint: {bad.hint}" if bad.hint else ""),
    )


def grade_corpus(aid: str) -> list[Verdict]:
    notebook = build(load(aid), solution=True)
    key = grade(aid, source=nbformat.writes(notebook).encode(), sandbox=False)
    assert key.score == 1.0, f"{aid}: the answer key does not pass"
    return [judge(aid, notebook, key, s, held_out) for held_out in (False, True) for s in solutions(aid, held_out)]


def counts(verdicts: list[Verdict]) -> list[int]:
    right = [v for v in verdicts if v.solution.correct]
    wrong = [v for v in verdicts if not v.solution.correct]
    return [
        len(right),
        sum(v.passed for v in right),
        len(wrong),
        sum(not v.passed and not v.elsewhere for v in wrong),
        sum(v.targeted for v in wrong),
        sum(v.explained for v in wrong),
    ]


def share(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.0f}%)" if whole else "-"


def row(name: str, n: list[int]) -> list[str]:
    return [name, str(n[0]), share(n[1], n[0]), str(n[2]), share(n[3], n[2]), share(n[4], n[2]), share(n[5], n[2])]


def show(verdicts: list[Verdict]) -> None:
    for v in verdicts:
        s = v.solution
        if (s.correct and not v.passed) or (not s.correct and (v.passed or v.elsewhere or not v.targeted)):
            kind = ("held-out " if v.held_out else "") + ("correct" if s.correct else "mistake")
            print(f"--- {kind} {s.fn.__name__} ({s.function}) elsewhere={v.elsewhere}\n{v.said or 'PASSED'}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", default=IDS)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    per = {aid: grade_corpus(aid) for aid in args.ids}
    rows = [row(aid, counts(v)) for aid, v in per.items()]
    every = [v for vs in per.values() for v in vs]
    rows.append(row("first round", counts([v for v in every if not v.held_out])))
    rows.append(row("held out", counts([v for v in every if v.held_out])))
    for course in sorted({aid[1] for aid in per}):  # the held-out round course by course: each was tuned apart
        held = [v for aid, vs in per.items() if aid[1] == course for v in vs if v.held_out]
        rows.append(row(f"held out, Course {course}", counts(held)))
    rows.append(row("**all**", counts(every)))
    header = ["assignment", "correct", "pass", "mistakes", "fail at their function", "targeted hint",
              "hint or diagnosis"]
    text = table(header, rows)
    print(text)
    if args.show:
        for verdicts in per.values():
            show(verdicts)
    if args.ids == IDS:
        write_section("corpus", SECTION.format(table=text, machine=machine()))
    elif args.ids == SIXTH:  # a full run takes long on a small machine: the sixth part's rows on their own
        write_section("corpus-sixth", SIXTH_SECTION.format(table=text, machine=machine()))


SECTION = """## Learner-written solutions, Courses 2, 4 and 5

`.venv/bin/python bench/learners.py` ({machine}). Solutions of every graded function of Courses 2, 4 and 5 written
the way learners write them (loops or comprehensions, `np.multiply` or `*`, einsum or slices, `nn.Sequential` or
explicit layers, `F.*` or modules, layers registered in another order, `torch.flip` or indexing), correct ones and
ones with a single mistake (`bench/corpus/`), each pasted into the answer-key notebook and graded. "pass": correct
solutions with full marks. "fail at their function": mistakes that lose points at the function they are in and
nowhere else. "targeted hint": a known mistake's hint, or a judge's message naming the property that failed.
"hint or diagnosis": that, or at least a sentence under the message that says what kind of slip it is ("m = 5
times too large", "'W0' is not a key of parameters (W1, b1, ...)", "a count must be a whole number").

The first round's mistakes that no hint explained became known mistakes (mutants with hints), so the proofs
(tests/course/test_proofs.py) keep them explained; where a correct solution failed or a mistake passed, the grader
or the cases changed instead (for Courses 4 and 5: weights reach a model that registers its layers in another
order, a cache may hold views of the stacked states, `optimize` is judged on the parameters it updates, and the
analogies are asked in capitals too). The held-out round (`bench/corpus/held_out/`) was written after that and never
used to write a mutant: it measures the grader on mistakes it was not tuned on. One held-out mistake of Courses 4
and 5 passed when first graded (a convolutional block that normalises its shortcut with the main path's
BatchNorm, invisible while weights are drawn by shape); a module's report now adds its eval output after the
train-mode pass, which shows it, so its row below counts it as failing.

{table}
"""

SIXTH_SECTION = """## Sixth part: learners' solutions

`.venv/bin/python bench/learners.py c6w1a1 c6w2a1 c6w3a1 c6w4a1` ({machine}). The same measure as above, for the
four assignments of "Beyond the specialization", each corpus (`bench/corpus/c6w*.py`) written from the blank
notebook and the public maths only, before the module was graded. What the first grading found was fixed before
this run, as the commit log says: correct solutions that failed, mistakes that passed (a case or a check added),
mistakes without a targeted hint (a known mistake added). So these figures are those of a first round, tuned on
its own mistakes; no held-out round has been written for this part yet.

{table}
"""


if __name__ == "__main__":
    main()
