"""The original course's versions of each notebook: well formed, recognised by their helper imports, and their
conventions run on the cases they adapt (the answer key, adapted, is what such a notebook must return)."""

import pytest

from dlspec.checking.compare import compare
from dlspec.checking.spec import Case, adapted, resolve
from dlspec.checking.verdict import seeded
from dlspec.course.assignment import available_ids, load

IDS = available_ids()


@pytest.mark.parametrize("aid", IDS)
def test_conventions_name_graded_functions_and_run_on_their_cases(aid):
    a = load(aid)
    for version in a.versions():
        assert version.marks, f"{aid} {version.name}: nothing recognises it"
        assert set(version.functions) <= set(a.names), f"{aid} {version.name}: conventions for unknown functions"
        for name, convention in version.functions.items():
            if convention.absent:
                continue
            reference = adapted(a.function(name).reference, convention.adapt)
            cases = a.cases(name, version)
            assert cases, f"{aid} {version.name}: no case left for {name}"
            for case in cases:
                expected = seeded(reference, case)
                assert case.judge is None or case.judge(expected, expected, case.args) is None


# Known mistakes that are right in a version's own terms: there they must pass.
RIGHT_IN_THEIR_VERSION = {
    # gc_utils' vector_to_dictionary(theta) rebuilds the original's 4-5-3-1 network, all its cases use
    ("c2w1a3", "check_n_fixed_shapes"),
    # the 2017-2020 models returned the parameters alone, so how the costs were recorded did not matter
    ("c1w4a2", "two_layer_costs_every_iteration"),
    ("c1w4a2", "l_layer_costs_every_iteration"),
}


def _fails(fn, case: Case, expected) -> bool:
    try:
        got = seeded(fn, case)
    except Exception:
        return True
    if case.judge is not None:
        return case.judge(got, expected, case.args) is not None
    return compare(got, expected, case.rtol, case.atol) is not None


@pytest.mark.parametrize("aid", IDS)
def test_known_mistakes_fail_as_each_version_asks(aid):
    a = load(aid)
    for version in a.versions():
        for name, convention in version.functions.items():
            if convention.absent:
                continue
            reference = adapted(a.function(name).reference, convention.adapt)
            cases = [(case, seeded(reference, case)) for case in a.cases(name, version)]
            for m in a.mutants(name):
                fn = resolve(convention.adapt)(m.fn) if convention.adapt else m.fn
                right = (aid, m.fn.__name__) in RIGHT_IN_THEIR_VERSION
                assert any(_fails(fn, *c) for c in cases) != right, f"{aid} {version.name}: {m.fn.__name__}"


@pytest.mark.parametrize(
    ("aid", "imported", "defined", "version"),
    [
        ("c1w2a1", {"numpy", "math", "time"}, {"normalizeRows", "softmax"}, "2017-2020"),
        ("c1w2a1", {"numpy", "public_tests"}, {"normalize_rows"}, "2021-"),
        ("c1w3a1", {"testCases_v2", "planar_utils", "public_tests"}, set(), "2021-"),
        ("c1w3a1", {"testCases_v2", "planar_utils"}, set(), "2017-2020"),
        ("c1w4a1", {"testCases", "dnn_utils", "public_tests"}, set(), "2021-"),
        ("c1w4a1", {"testCases_v4a", "dnn_utils_v2"}, set(), "2019-2020"),
        ("c1w4a1", {"testCases_v3", "dnn_utils_v2"}, set(), "2017-2018"),
        ("c2w2a1", {"opt_utils_v1a", "testCases"}, set(), "2017-2020"),
        ("c2w2a1", {"dlspec", "numpy"}, {"update_lr"}, None),
    ],
)
def test_a_notebook_is_recognised_by_its_helpers(aid, imported, defined, version):
    found = load(aid).recognise(imported, defined)
    assert (found and found.name) == version


def test_original_networks_only_for_a_notebook_on_gc_utils():
    a = load("c2w1a3")
    original = a.cases("gradient_check_n", a.recognise({"gc_utils"}, set()))
    assert len(original) >= 4 and len(original) < len(a.cases("gradient_check_n"))
    assert {c.args[0]["W1"].shape for c in original} == {(5, 4)}
