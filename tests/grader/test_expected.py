"""Expected outputs are cached on disk, keyed on the case and the code that computes them; a re-grade runs only the
functions whose code changed."""

import json

import pytest
from conftest import REFERENCE_SOURCE, with_function

from dlspec.checking import verdict
from dlspec.grader import expected, grade


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(expected.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def plan(a):
    return [(n, c) for n in a.names for c in a.cases(n)]


def references(a):
    return {f.name: f.resolve() for f in a.functions}


def test_a_second_grade_reads_the_reference_outputs_from_the_cache(fx1, cache, monkeypatch):
    first = expected.outputs(fx1, plan(fx1), references(fx1))
    [stored] = cache.glob("fx1-*.json")
    assert len(json.loads(stored.read_text())) == len(first)

    def never(*_):
        raise AssertionError("the reference ran although its outputs were cached")

    monkeypatch.setattr(expected, "seeded", never)
    from dlspec.checking.compare import compare

    assert compare(expected.outputs(fx1, plan(fx1), references(fx1)), first, 0, 0) is None
    assert grade(fx1, source=REFERENCE_SOURCE, sandbox=False).score == 1.0


def test_a_cached_output_is_the_value_a_fresh_run_gives(fx1, cache):
    cached = expected.outputs(fx1, plan(fx1), references(fx1))
    fresh = [verdict.seeded(references(fx1)[n], c) for n, c in plan(fx1)]
    from dlspec.checking.compare import compare

    for got, want in zip(cached, fresh, strict=True):
        assert compare(got, want, 0, 0) is None


def test_what_the_reference_prints_or_warns_never_reaches_the_learner(fx1, cache, recwarn, capfd):
    def noisy(*args, **kwargs):
        import sys
        import warnings

        warnings.warn("a warning from the course's own code", UserWarning, stacklevel=1)
        print("epoch 1: cost 0.69")
        print("training...", file=sys.stderr)
        return references(fx1)[fx1.names[0]](*args, **kwargs)

    expected.outputs(fx1, plan(fx1)[:1], {fx1.names[0]: noisy})
    assert not recwarn.list
    assert capfd.readouterr() == ("", "")


def test_a_damaged_cache_is_recomputed_and_rewritten(fx1, cache):
    expected.outputs(fx1, plan(fx1), references(fx1))
    [stored] = cache.glob("fx1-*.json")
    stored.write_text("{not json")
    assert grade(fx1, source=REFERENCE_SOURCE, sandbox=False).score == 1.0
    assert json.loads(stored.read_text())


def test_changed_code_gets_a_fresh_cache_and_the_old_file_goes(fx1, cache, monkeypatch):
    expected.outputs(fx1, plan(fx1), references(fx1))
    [old] = cache.glob("fx1-*.json")
    monkeypatch.setattr(expected, "fingerprint", lambda folder: "changed")
    expected.outputs(fx1, plan(fx1), references(fx1))
    assert [p.name for p in cache.glob("fx1-*.json")] == ["fx1-changed.json"] and not old.exists()


def test_the_fingerprint_covers_the_engine_and_the_assignment(fx1, tmp_path):
    files = {p.name for p in expected._PACKAGE.joinpath("nn").rglob("*.py")}
    assert "deep.py" in files  # a helper a reference calls changes the key too, not only the reference's own file
    assert expected.fingerprint(fx1.folder) != expected.fingerprint(tmp_path)


def test_the_cache_can_be_turned_off(fx1, tmp_path, monkeypatch):
    monkeypatch.setenv(expected.ENV, "off")
    assert expected.folder() is None
    assert grade(fx1, source=REFERENCE_SOURCE, sandbox=False).score == 1.0


def test_an_unwritable_cache_costs_only_speed(fx1, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(expected.ENV, str(blocker / "cache"))  # a folder under a file cannot be made
    assert grade(fx1, source=REFERENCE_SOURCE, sandbox=False).score == 1.0


def test_a_regrade_runs_only_the_functions_whose_code_changed(fx1, cache):
    first = grade(fx1, source=REFERENCE_SOURCE)
    edited = with_function(REFERENCE_SOURCE, "def project(W, X):\n    return (W @ X).T\n")
    second = grade(fx1, source=edited, previous=first)
    kept = {f.name for f in second.functions if any(f is g for g in first.functions)}
    assert kept == {"mean_sq", "scale_sum", "init_w"}
    assert second.functions[2].status == "failed" and second.score < 1.0
    assert [f.name for f in second.functions] == fx1.names


def test_a_change_to_a_helper_regrades_every_function(fx1, cache):
    first = grade(fx1, source=REFERENCE_SOURCE, sandbox=False)
    second = grade(fx1, source=with_function(REFERENCE_SOURCE, "HELPER = 3"), sandbox=False, previous=first)
    assert not any(f is g for f in second.functions for g in first.functions)


def test_an_unchanged_notebook_keeps_every_verdict_without_a_child(fx1, cache, monkeypatch):
    first = grade(fx1, source=REFERENCE_SOURCE)
    from dlspec.grader import sandbox

    monkeypatch.setattr(sandbox, "run", lambda *a, **k: pytest.fail("a child ran for an unchanged notebook"))
    second = grade(fx1, source=REFERENCE_SOURCE, previous=first)
    assert second.score == 1.0 and all(f is g for f, g in zip(second.functions, first.functions, strict=True))


def test_a_previous_grade_of_another_assignment_is_ignored(fx1, cache):
    other = grade(fx1, source=REFERENCE_SOURCE, sandbox=False)
    other.assignment = "c1w2a1"
    second = grade(fx1, source=REFERENCE_SOURCE, sandbox=False, previous=other)
    assert not any(f is g for f in second.functions for g in other.functions)


def test_a_case_holding_torch_objects_gets_the_same_key_in_every_process():
    # torch pickles a tensor under its memory address; the key must depend on the values only
    import torch

    from dlspec.checking.spec import Case

    def case(scale):
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        return Case("model", (model, [(torch.ones(4, 3) * scale, torch.zeros(4, 2))], optimizer))

    assert expected._key("train", case(1.0)) == expected._key("train", case(1.0))
    assert expected._key("train", case(1.0)) != expected._key("train", case(2.0))
    bfloat = Case("bfloat16", (torch.ones(2, dtype=torch.bfloat16),))
    assert expected._key("f", bfloat) == expected._key("f", Case("bfloat16", (torch.ones(2, dtype=torch.bfloat16),)))
