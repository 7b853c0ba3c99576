"""``dlspec simulate``: a Course 3 simulator played in the terminal, scripted or typed, and recorded."""

import io
from pathlib import Path

import pytest

from dlspec import workspace
from dlspec.cli import main
from dlspec.course.simulator import play, scenario
from dlspec.progress import store

# Seed 4's project: the council's complaint arrives on day 28, kestrels on day 36.
GOOD = (
    "error_analysis,bigger_network,bigger_network,bigger_network,change_metric,add_other_train,collect_category,"
    "transfer,fix_labels,ship"
)


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def runs(name: str) -> list:
    return store.simulation_runs(store.connect(workspace.database(Path("workspace"))), name)


def test_a_scripted_run_plays_to_the_end_and_is_recorded_with_what_replays_it(here, capsys):
    assert main(["simulate", "bird", "--seed", "4", "--actions", GOOD]) == 0
    out = capsys.readouterr().out
    assert "c3w1s1: A bird detector for a city (seed 4)" in out
    assert "│   10 │ Ship the detector" in out  # the table has a row per step
    assert "Of 100 misclassified dev examples: distant small birds" in out
    assert "News: The council writes" in out and "News: Kestrels have started to nest" in out
    assert "Score 100%, passed. Recorded in your progress." in out
    assert "What was hidden" in out and "Day 36: Kestrels have started to nest on the towers." in out
    assert f"Replay it: dlspec simulate bird --seed 4 --actions {GOOD}" in out
    [(_, score, passed, seed, actions)] = runs("c3w1s1")
    assert (score, passed, seed, actions) == (1.0, True, 4, GOOD.split(","))
    assert play.replay(scenario.load("bird"), seed, actions).result.score == score


def test_a_run_against_the_course_names_its_mistakes_and_fails(here, capsys):
    bad = "add_other_train,regularise,transfer_unrelated,tune_test,ship"
    assert main(["simulate", "c3w2s1", "--seed", "1", "--actions", bad]) == 1
    out = capsys.readouterr().out
    assert "✗" in out and "test set stops being an unbiased estimate" in out and "too different" in out
    assert "(not reached)" in out and "not passed yet" in out
    assert runs("c3w2s1")[0][2] is False


def test_a_typed_run_takes_numbers_or_ids_and_explains_a_wrong_entry(here, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("0\nbanana\n1\nship\n"))
    assert main(["simulate", "driving", "--seed", "2"]) == 1
    out = capsys.readouterr().out
    assert out.count("type the number of an action") == 2
    assert "→ Error analysis" in out and "→ Ship the model" in out
    assert runs("c3w2s1")[0][4] == ["error_analysis", "ship"]


def test_a_run_cut_short_records_nothing(here, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    assert main(["simulate", "bird", "--seed", "4"]) == 2
    assert "nothing was recorded" in capsys.readouterr().out
    assert runs("c3w1s1") == []


def test_an_action_not_open_and_an_unknown_simulator_are_usage_errors(here, capsys):
    assert main(["simulate", "bird", "--actions", "change_metric"]) == 2
    assert "step 1: 'change_metric' is not an action open now" in capsys.readouterr().err
    assert main(["simulate", "boat"]) == 2
    assert "no simulator 'boat'; there are c3w1s1 (bird), c3w2s1 (driving)" in capsys.readouterr().err


def test_doctor_checks_every_simulator():
    from dlspec.cli import doctor

    checks = dict(doctor.checks(None))
    assert checks["simulator c3w1s1"]() == "15 actions, 90 days"
    assert checks["simulator c3w2s1"]() == "16 actions, 120 days"
