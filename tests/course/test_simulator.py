"""Course 3's simulators: the world model behaves as the course's reasoning says learning curves do, runs replay
exactly, mistakes are caught, and playing by the course's reasoning scores better than playing against it."""

from dataclasses import replace

import pytest

from dlspec.course import catalog
from dlspec.course.simulator import advice, play, scenario, world

SCENARIOS = scenario.available()
SEEDS = range(8)
# Against the course's reasoning: data while bias dominates, tuning on the test set, phone photos in the dev set.
BAD = {
    "bird": ["add_other_train", "collect_target", "regularise", "tune_test", "add_other_dev", "ship"],
    "driving": ["add_other_train", "regularise", "transfer_unrelated", "tune_test", "bigger_network", "ship"],
}


def follow_advice(sc: scenario.Scenario, seed: int) -> play.Run:
    """Play by the course's reasoning: each step, the action ``advice.recommend`` names."""
    run = play.start(sc, seed)
    while run.result is None:
        run = play.act(run, advice.recommend(run)[0])
    return run


def model(name: str = "driving", seed: int = 3) -> tuple[world.World, world.State]:
    run = play.start(scenario.load(name), seed)
    return run.world, run.state


def measured(w: world.World, s: world.State, start: world.State) -> world.Figures:
    return world.figures(w, s, start)  # no measurement noise


def test_two_simulators_listed_with_course_3_and_available():
    assert SCENARIOS == ["c3w1s1", "c3w2s1"]
    items = {i.id: i for i in catalog.items()}
    for sid in SCENARIOS:
        assert (items[sid].kind, items[sid].course, items[sid].available) == ("simulator", 3, True)
        assert items[sid].title == scenario.load(sid).title
    assert scenario.load("bird").id == "c3w1s1" and scenario.load(" C3W2S1 ").name == "driving"
    with pytest.raises(KeyError, match="no simulator 'boat'; there are c3w1s1 \\(bird\\)"):
        scenario.load("boat")


@pytest.mark.parametrize("sid", SCENARIOS)
def test_every_action_has_an_effect_and_every_lever_a_target(sid):
    sc = scenario.load(sid)
    assert {a.id for a in sc.actions} <= set(play.EFFECTS)
    assert set(advice.TARGETS) <= set(play.EFFECTS)
    for a in sc.actions:
        assert a.label and a.what and a.days >= 0
    assert abs(sum(c.weight for c in sc.categories) - 1) < 1e-9


def test_more_data_lowers_variance_not_bias():
    w, s = model()
    before = measured(w, s, s)
    after = measured(w, replace(s, n_target=s.n_target * 4), s)
    assert after.train == pytest.approx(before.train)
    assert after.train_dev - after.train < 0.8 * (before.train_dev - before.train)
    # a power law: each doubling takes the same share off
    v = [world.variance(w, replace(s, n_target=s.n_target * k, n_other=s.n_other * k), s) for k in (1, 2, 4)]
    assert v[1] / v[0] == pytest.approx(v[2] / v[1]) == pytest.approx(2**-w.alpha)


def test_a_bigger_network_lowers_bias_and_adds_a_little_variance():
    w, s = model("bird")
    before, after = measured(w, s, s), measured(w, replace(s, capacity=2), s)
    assert after.train - after.human < 0.6 * (before.train - before.human)
    assert after.train_dev - after.train > before.train_dev - before.train


def test_regularisation_trades_variance_for_bias():
    w, s = model()
    before, after = measured(w, s, s), measured(w, replace(s, reg=1), s)
    assert after.train_dev - after.train < before.train_dev - before.train
    assert after.train > before.train


def test_synthesised_data_helps_the_mismatch_only_as_far_as_it_looks_real():
    sc = scenario.load("driving")
    fog = sc.category_index("foggy")
    w, s = model()
    fall = {}
    for realism in (0.0, 0.3, 0.9):
        real = replace(w, realism=realism)
        after = play.EFFECTS["synthesise"](sc, real, s, sc.action("synthesise"))
        before_m, after_m = (advice.gaps(measured(real, x, s))["mismatch"] for x in (s, after))
        fall[realism] = before_m - after_m
        assert after.coverage[fog] > s.coverage[fog] or realism == 0.0
    assert fall[0.0] == pytest.approx(0.0, abs=1e-12) and 0 < fall[0.3] < fall[0.9]


def test_fixing_wrong_labels_lowers_the_measured_floor_and_not_the_model():
    w, s = model()
    before, after = measured(w, s, s), measured(w, replace(s, labels_fixed=True), s)
    assert before.dev - after.dev == pytest.approx(w.noise)
    assert before.test - after.test == pytest.approx(w.noise)
    assert (after.train, after.true) == (before.train, before.true)


def test_a_reused_dev_set_reads_too_low_and_a_new_one_reads_true():
    sc = scenario.load("bird")
    w, s = model("bird")
    reused = replace(s, dev_uses=60)
    f = measured(w, reused, s)
    assert f.dev < f.test and f.test == pytest.approx(f.true + w.noise)
    fresh = play.EFFECTS["new_dev_set"](sc, w, reused, sc.action("new_dev_set"))
    assert measured(w, fresh, s).dev == pytest.approx(f.true + w.noise)


def test_mixing_other_data_into_the_dev_set_makes_it_read_better_than_the_users_data_would():
    w, s = model("bird")
    honest, mixed = measured(w, s, s), measured(w, replace(s, dev_mixed=True), s)
    assert mixed.dev < honest.dev and mixed.test < honest.test and mixed.true == honest.true


def test_the_hidden_world_varies_with_the_seed_and_a_run_replays_exactly():
    sc = scenario.load("driving")
    assert play.start(sc, 1).world != play.start(sc, 2).world
    actions = ["error_analysis", "bigger_network", "synthesise", "collect_target", "ship"]
    one, two = play.replay(sc, 7, actions), play.replay(sc, 7, actions)
    assert [s.figures for s in one.steps] == [s.figures for s in two.steps]
    assert one.result == two.result and one.actions == actions


def test_a_step_that_trains_nothing_measures_the_same_model_again():
    run = play.replay(scenario.load("driving"), 4, ["bigger_network", "error_analysis"])
    assert run.steps[-1].figures == run.steps[-2].figures


@pytest.mark.parametrize(
    ("name", "actions", "words"),
    [
        ("bird", ["add_other_train"], "the effort went to the smaller problem"),
        ("bird", ["tune_test"], "test set stops being an unbiased estimate"),
        ("bird", ["add_other_dev"], "must come from the data you expect to meet"),
        ("driving", ["transfer_unrelated"], "too different"),
        ("driving", ["end_to_end"], "end-to-end learning pays when examples of the whole mapping are plentiful"),
        ("bird", ["bigger_network"] * 4, "over the 100 ms limit"),
    ],
)
def test_avoidable_mistakes_are_named(name, actions, words):
    run = play.replay(scenario.load(name), 0, actions)
    assert any(words in m for m in run.steps[-1].mistakes), run.steps[-1].mistakes
    assert any(words in line for line in run.steps[-1].explanation)


def test_a_bigger_network_while_bias_dominates_is_no_mistake_and_the_reasoning_agrees():
    run = play.replay(scenario.load("bird"), 0, ["error_analysis", "bigger_network"])
    first = run.steps[1].figures
    assert advice.largest(first)[0] == "bias"
    assert run.steps[-1].mistakes == ()
    assert "The course's reasoning agrees" in " ".join(run.steps[-1].explanation)


def test_shipping_while_ignoring_the_users_complaint_is_a_mistake_and_misses_the_target():
    sc = scenario.load("bird")
    run = play.start(sc, 0)
    while not run.event_pending:
        run = play.act(run, "bigger_network" if run.state.capacity < 4 else "tune_dev")
    assert any("News: The council writes" in line for s in run.steps for line in s.explanation)
    run = play.act(run, "ship")
    assert not run.result.reached and any("change the metric" in m for m in run.result.mistakes)


def test_the_error_analysis_counts_a_hundred_examples_and_its_ceilings_add_to_the_dev_error():
    sc = scenario.load("driving")
    run = play.replay(sc, 2, ["error_analysis"])
    rows = advice.analysis(sc, run.steps[-1])
    assert [r[0] for r in rows] == ["foggy", "night and glare", "small or distant signs", "mislabelled"]
    assert sum(n for _, n, _ in rows) == 100
    assert sum(c for _, _, c in rows) == pytest.approx(run.steps[-1].figures.dev)
    assert "Of 100 misclassified dev examples: foggy" in " ".join(run.steps[-1].explanation)


@pytest.mark.parametrize("name", BAD)
def test_playing_by_the_course_beats_playing_against_it_for_every_seed(name):
    sc = scenario.load(name)
    passed = 0
    for seed in SEEDS:
        good, bad = follow_advice(sc, seed), play.replay(sc, seed, BAD[name])
        assert good.result.score > bad.result.score, seed
        assert good.result.mistakes == () and len(bad.result.mistakes) >= 2
        assert not bad.result.reached and not bad.result.passed
        passed += good.result.passed
    assert passed >= len(SEEDS) - 2


def test_the_run_ends_when_the_budget_is_spent_and_then_takes_no_action():
    sc = scenario.load("driving")
    run = play.start(sc, 0)
    while run.result is None:
        run = play.act(run, "collect_target")
    assert run.state.days >= sc.budget and not run.result.within_budget
    assert play.open_actions(run) == []
    with pytest.raises(ValueError, match="this run has ended"):
        play.act(run, "ship")


def test_an_action_that_is_not_open_is_refused():
    with pytest.raises(ValueError, match="'change_metric' is not an action open now"):
        play.replay(scenario.load("bird"), 0, ["change_metric"])


def test_the_runs_shown_in_the_docs_replay_as_printed():
    import re
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "simulators.md").read_text()
    shown = re.findall(r"`dlspec simulate (\w+) --seed (\d+) --actions ([\w,]+)`.*?\nScore (\d+)%", doc, re.S)
    assert len(shown) == 2
    for name, seed, actions, score in shown:
        run = play.replay(scenario.load(name), int(seed), actions.split(","))
        assert f"{run.result.score:.0%}" == f"{score}%"
        last = run.steps[-1].figures
        assert f"| {last.train:.2%} | {last.train_dev:.2%} | {last.dev:.2%} | {last.test:.2%} |" in doc


def test_passing_human_level_is_pointed_out_once():
    run = play.replay(scenario.load("driving"), 0, ["bigger_network"] * 4 + ["transfer"])
    noted = [n for n, s in enumerate(run.steps) if any("below human-level" in line for line in s.explanation)]
    assert noted == [3] and run.steps[3].figures.train < run.steps[3].figures.human < run.steps[2].figures.train


def test_a_new_kind_of_image_is_invisible_to_the_old_dev_set_until_it_is_gathered_into_every_set():
    sc = scenario.load("bird")
    run = play.start(sc, 4)  # kestrels arrive on day 36
    assert run.world.event_days[1] == 36
    for action in ["bigger_network"] * 3 + ["change_metric"]:
        run = play.act(run, action)
    assert run.state.days == 33 and not run.state.stale
    run = play.act(run, "add_other_train")
    kestrels = sc.category_index("kestrels, new in the city")
    assert run.state.stale == {kestrels} and any("Kestrels" in n for n in run.steps[-1].notices)
    f = run.steps[-1].figures
    assert f.true - f.parts[f"mismatch {kestrels}"] == pytest.approx(f.true - run.world.gaps[kestrels])
    assert f.dev < f.true + run.world.noise - run.world.gaps[kestrels] / 2  # the dev set cannot see them
    assert advice.recommend(run)[0] == "collect_category"
    shipped = play.act(run, "ship")
    assert not shipped.result.reached and any("sets lack" in m for m in shipped.result.mistakes)
    gathered = play.act(run, "collect_category")
    g = gathered.steps[-1].figures
    assert not gathered.state.stale and g.parts[f"mismatch {kestrels}"] < 0.3 * run.world.gaps[kestrels]
    assert g.dev > f.dev  # the dev set now shows what kestrels still cost


def test_end_to_end_on_too_little_data_costs_bias_and_more_variance():
    w, s = model()
    before, after = measured(w, s, s), measured(w, replace(s, end_to_end=True), s)
    assert after.train - after.human > before.train - before.human
    assert after.train_dev - after.train > 2 * (before.train_dev - before.train)


def test_the_advice_turns_from_fake_fog_to_real_images_when_the_fakes_do_not_help():
    sc = scenario.load("driving")
    fake, real = (replace(play.start(sc, 3), world=replace(play.start(sc, 3).world, realism=r)) for r in (0.0, 0.9))
    for run in (fake, real):
        run = play.act(play.act(run, "error_analysis"), "bigger_network")
        assert advice.recommend(run)[0] == "synthesise"
        run = play.act(run, "synthesise")
        helped = advice.gaps(run.steps[-1].figures)["mismatch"] < 0.8 * advice.gaps(run.steps[-2].figures)["mismatch"]
        assert helped == (run.world.realism > 0)
        assert ("fell little" in " ".join(run.steps[-1].explanation)) != helped
        if not helped:
            assert advice.recommend(run)[0] == "collect_target"


def test_the_error_analysis_shows_no_row_for_a_category_the_dev_set_does_not_hold_yet():
    sc = scenario.load("bird")
    before = play.replay(sc, 4, ["error_analysis"])
    assert "kestrels" not in " ".join(name for name, _, _ in advice.analysis(sc, before.steps[-1]))
    actions = ["bigger_network"] * 3 + ["change_metric", "add_other_train", "collect_category", "error_analysis"]
    after = play.replay(sc, 4, actions)
    rows = {name: n for name, n, _ in advice.analysis(sc, after.steps[-1])}
    assert rows["kestrels, new in the city"] > 0


def test_a_simulator_is_available_when_its_scenario_file_is_there(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "COURSE_DIR", tmp_path)
    assert not catalog.item("c3w1s1").available
    (tmp_path / "simulator" / "scenarios").mkdir(parents=True)
    (tmp_path / "simulator" / "scenarios" / "c3w1s1.toml").write_text('id = "c3w1s1"\n')
    assert catalog.item("c3w1s1").available and not catalog.item("c3w2s1").available
