"""The checks are proven, for every graded function of every assignment: other correct solutions pass, and every
known mistake fails, most of them with a message aimed at that mistake (design.md §4.5, anchors F2 and F4)."""

import sys
import types
from pathlib import Path

import pytest

from dlspec.course.assignment import available_ids, load, load_folder
from dlspec.notebook import check_function

FIXTURES = Path(__file__).parents[1] / "fixtures"
# the sample PyTorch assignment (a graded nn.Module, a builder, injected weights) proves the same way
IDS = [*available_ids(), "fx2"]
TARGETED_SHARE = 0.8


def assignment(aid):
    if aid in available_ids():
        return load(aid)
    if str(FIXTURES) not in sys.path:
        sys.path.insert(0, str(FIXTURES))
    return load_folder(FIXTURES / "grader_course" / aid, package="grader_course")


def as_graded(fn, name):
    """``fn`` under the graded item's name, so the checker treats it as the learner's ``name``: a function, or a
    class (an nn.Module), renamed through a subclass that changes nothing else."""
    if isinstance(fn, type):
        return type(name, (fn,), {"__module__": fn.__module__})
    copy = types.FunctionType(fn.__code__, fn.__globals__, name, fn.__defaults__, fn.__closure__)
    copy.__kwdefaults__ = fn.__kwdefaults__
    return copy


@pytest.mark.parametrize("aid", IDS)
def test_every_variant_passes(aid):
    a = assignment(aid)
    for v in a.variants():
        result = check_function(a, as_graded(v.fn, v.function))
        bad = result.first_failure
        assert bad is None, f"{aid}: variant {v.fn.__name__} of {v.function} fails {bad.case}: {bad.message}"


@pytest.mark.parametrize("aid", IDS)
def test_every_mutant_fails_and_most_get_a_targeted_message(aid):
    a = assignment(aid)
    targeted, mutants = 0, a.mutants()
    for m in mutants:
        result = check_function(a, as_graded(m.fn, m.function))
        bad = result.first_failure
        assert bad is not None, f"{aid}: known mistake {m.fn.__name__} in {m.function} passes every case"
        assert bad.message, f"{aid}: {m.fn.__name__} fails without a message"
        judged = {c.name for c in a.cases(m.function) if c.judge is not None}
        # A judge's message names the property that failed (an exception in a judged case is not the judge's);
        # otherwise the hint of the matched mistake aims at it.
        targeted += bool(bad.hint) or (bad.case in judged and bad.status == "failed")
    share = targeted / len(mutants)
    assert share >= TARGETED_SHARE, f"{aid}: {targeted}/{len(mutants)} mistakes get a targeted message"


@pytest.mark.parametrize("aid", IDS)
def test_every_graded_item_has_two_variants_and_five_mistakes(aid):
    a = assignment(aid)
    for name in a.names:
        assert len(a.variants(name)) >= 2, f"{aid}.{name}: fewer than two other correct solutions"
        assert len(a.mutants(name)) >= 5, f"{aid}.{name}: fewer than five known mistakes"
