"""dlspec.challenges: schema messages, the split, the ledger's rules, the boards, the metrics and the baselines."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import numpy as np
import pytest

from dlspec.challenges import bundle, ledger, metrics, play, schema
from dlspec.nn.survival import concordance_index
from dlspec.progress import store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def fashion():
    return bundle.load("fashion-mnist")


@pytest.fixture
def conn(tmp_path):
    return ledger.connect(tmp_path / ".dlspec" / ledger.FILE)


def predictions(challenge, seed: int) -> bytes:
    """A CSV of random classes; a different seed, a different file."""
    labels = np.random.default_rng(seed).integers(0, 10, challenge.rows)
    return schema.write(challenge, {"label": labels})


def truth_csv(challenge, wrong: int = 0) -> bytes:
    """The right answers, with the first ``wrong`` rows off by one class."""
    labels = play.solution(challenge)["label"].copy()
    labels[:wrong] = (labels[:wrong] + 1) % 10
    return schema.write(challenge, {"label": labels})


# -- the bundles ------------------------------------------------------------------------------------------------


def test_the_three_kinds_of_challenge_ship():
    found = bundle.challenges()
    assert {"fashion-mnist", "support-survival", "robust-mnist"} <= set(found)
    assert {c.kind for c in found.values()} == {"predictions", "model"}
    for c in found.values():
        assert c.description.startswith("# ") and c.baselines and c.limits.select_final >= 1


@pytest.mark.parametrize("slug", ["fashion-mnist", "support-survival", "robust-mnist"])
def test_each_baseline_rescored_gives_the_score_stored_with_the_bundle(slug):
    c = bundle.load(slug)
    outputs = c.baseline_outputs()
    assert [b.name for b in c.baselines] == sorted(outputs, key=[b.name for b in c.baselines].index)
    everything = np.arange(c.rows)
    scores = []
    for b in c.baselines:
        got = metrics.score(c.metric, play.solution(c), outputs[b.name], everything)
        assert got == pytest.approx(b.score, abs=5e-5), b.name
        scores.append(got)
    assert all(a < b for a, b in pairwise(scores)), "baselines are listed weakest first, of several strengths"


@pytest.mark.parametrize("slug", ["fashion-mnist", "support-survival"])
def test_the_learner_files_hold_no_test_labels(slug):
    c = bundle.load(slug)
    files = c.module.files()
    assert schema.read(c, files["sample_submission.csv"])  # the sample is a valid (if poor) submission
    test = next(data for name, data in files.items() if name.startswith("test."))
    assert b"label" not in test and b"event" not in test and b"time" not in test


def test_an_unknown_slug_names_the_challenges():
    with pytest.raises(bundle.UnknownChallengeError, match="fashion-mnist"):
        bundle.load("imagenet")


# -- the split --------------------------------------------------------------------------------------------------


def test_the_split_is_a_function_of_the_seed(fashion):
    public, private = bundle.split(fashion, 7)
    assert len(public) == 300 and len(private) == 700
    assert sorted(np.r_[public, private]) == list(range(1000))
    again = bundle.split(fashion, 7)
    assert np.array_equal(public, again[0]) and np.array_equal(private, again[1])
    assert not np.array_equal(public, bundle.split(fashion, 8)[0])


def test_each_install_draws_its_seed_once_and_keeps_it(tmp_path, fashion):
    one = ledger.connect(tmp_path / "a.db")
    seed = ledger.seed(one, fashion.slug)
    assert ledger.seed(one, fashion.slug) == seed
    assert ledger.seed(ledger.connect(tmp_path / "a.db"), fashion.slug) == seed
    assert ledger.seed(ledger.connect(tmp_path / "b.db"), fashion.slug) != seed


# -- schema errors ----------------------------------------------------------------------------------------------


def edit(challenge, lines_of) -> bytes:
    lines = schema.sample(challenge).decode().splitlines()
    return ("\n".join(lines_of(lines)) + "\n").encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda ls: ["id,prediction", *ls[1:]], r"exactly id,label .*missing label; unexpected prediction"),
        (lambda ls: ["label,id", *ls[1:]], "in another order"),
        (lambda ls: ls[:-1], "999 rows of predictions, expected 1000"),
        (lambda ls: [*ls, "1000,3"], "1001 rows of predictions, expected 1000"),
        (lambda ls: [ls[0], "5,1", *ls[2:]], "ids given more than once: 5"),
        (lambda ls: [ls[0], "1000,1", *ls[2:]], "ids that are not test ids: 1000"),
        (lambda ls: [ls[0], "0,", *ls[2:]], "line 2, column label is empty"),
        (lambda ls: [ls[0], "0,nan", *ls[2:]], "line 2, column label: 'nan' is not a whole number"),
        (lambda ls: [ls[0], "0,shirt", *ls[2:]], "line 2, column label: 'shirt' is not a whole number"),
        (lambda ls: [ls[0], "0,2.5", *ls[2:]], "not a whole number"),
        (lambda ls: [ls[0], "0,10", *ls[2:]], "10 is not one of the classes 0-9"),
        (lambda ls: [ls[0], "0,1,2", *ls[2:]], "line 2 has 3 cells, expected 2"),
        (lambda ls: [ls[0], "zero,1", *ls[2:]], "the id 'zero' is not a whole number"),
        (lambda ls: [], "the file is empty"),
    ],
)
def test_a_broken_csv_is_refused_with_what_is_wrong_and_where(fashion, change, message):
    with pytest.raises(schema.SubmissionError, match=message):
        schema.read(fashion, edit(fashion, change))


def test_nan_and_infinity_in_a_float_column_are_named():
    c = bundle.load("support-survival")
    for bad in ("nan", "inf", "-Infinity"):
        data = edit(c, lambda ls, bad=bad: [ls[0], f"0,{bad}", *ls[2:]])
        with pytest.raises(schema.SubmissionError, match=f"line 2, column risk is {bad}; .* finite number"):
            schema.read(c, data)


def test_rows_may_come_in_any_order_and_a_bom_or_blank_tail_is_fine(fashion):
    lines = truth_csv(fashion).decode().splitlines()
    shuffled = "\ufeff" + "\n".join([lines[0], *reversed(lines[1:])]) + "\n\n\n"
    got = schema.read(fashion, shuffled.encode())
    assert np.array_equal(got["label"], play.solution(fashion)["label"])


def test_a_file_that_is_not_text_is_named(fashion):
    with pytest.raises(schema.SubmissionError, match="not UTF-8 text"):
        schema.read(fashion, b"\x89PNG\r\n\x1a\n\xff\xfe")


# -- the ledger's rules -----------------------------------------------------------------------------------------


def test_a_submission_is_scored_on_the_public_rows_and_recorded(conn, fashion):
    number, score = play.submit(conn, fashion, truth_csv(fashion, wrong=1000), "all-wrong.csv", "oops", now=T0)
    assert (number, score) == (1, 0.0)
    number, score = play.submit(conn, fashion, truth_csv(fashion), "perfect.csv", now=T0 + timedelta(minutes=5))
    assert (number, score) == (2, 1.0)
    subs = ledger.submissions(conn, fashion.slug)
    assert [(s.filename, s.note) for s in subs] == [("all-wrong.csv", "oops"), ("perfect.csv", "")]


def test_a_duplicate_is_refused_without_using_the_quota(conn, fashion):
    data = predictions(fashion, 0)
    play.submit(conn, fashion, data, "a.csv", now=T0)
    with pytest.raises(ledger.RefusedError, match=r"identical to submission #1 \(same sha256\)"):
        play.submit(conn, fashion, data, "copy.csv", now=T0 + timedelta(hours=1))
    for n in range(1, fashion.limits.per_day):  # the duplicate took none of today's five
        play.submit(conn, fashion, predictions(fashion, n), f"{n}.csv", now=T0 + timedelta(hours=1 + n))
    assert len(ledger.submissions(conn, fashion.slug)) == fashion.limits.per_day


def test_the_cool_down_says_when_the_next_submission_is_welcome(conn, fashion):
    play.submit(conn, fashion, predictions(fashion, 0), "a.csv", now=T0)
    with pytest.raises(ledger.RefusedError, match=r"cool-down: 2 minutes .* in 1 min 30 s \(09:02:00 UTC\)"):
        play.submit(conn, fashion, predictions(fashion, 1), "b.csv", now=T0 + timedelta(seconds=30))
    play.submit(conn, fashion, predictions(fashion, 1), "b.csv", now=T0 + timedelta(minutes=2))
    assert len(ledger.submissions(conn, fashion.slug)) == 2


def test_the_daily_limit_counts_a_utc_day_and_resets_at_midnight(conn, fashion):
    hours = [T0 + timedelta(hours=h) for h in range(fashion.limits.per_day)]
    for n, when in enumerate(hours):
        play.submit(conn, fashion, predictions(fashion, n), f"{n}.csv", now=when)
    with pytest.raises(ledger.RefusedError, match=r"5 submissions a day .* from 2026-03-03 00:00 UTC"):
        play.submit(conn, fashion, predictions(fashion, 99), "late.csv", now=T0 + timedelta(hours=10))
    play.submit(conn, fashion, predictions(fashion, 99), "late.csv", now=datetime(2026, 3, 3, 0, 1, tzinfo=UTC))


def test_the_total_limit_ends_the_submissions(conn, fashion, monkeypatch):
    small = bundle.Limits(per_day=99, total=2, cooldown_minutes=0, select_final=1)
    tiny = bundle.Challenge(**{**fashion.__dict__, "limits": small})
    play.submit(conn, tiny, predictions(tiny, 0), "a.csv", now=T0)
    play.submit(conn, tiny, predictions(tiny, 1), "b.csv", now=T0)
    with pytest.raises(ledger.RefusedError, match="all 2 submissions of fashion-mnist are used"):
        play.submit(conn, tiny, predictions(tiny, 2), "c.csv", now=T0)


def test_a_schema_error_uses_no_quota_and_is_named_even_during_a_cool_down(conn, fashion):
    play.submit(conn, fashion, predictions(fashion, 0), "a.csv", now=T0)
    with pytest.raises(schema.SubmissionError, match="999 rows"):
        play.submit(conn, fashion, schema.sample(fashion)[:-6], "short.csv", now=T0 + timedelta(seconds=1))
    assert len(ledger.submissions(conn, fashion.slug)) == 1


def test_the_limits_are_checked_again_where_the_submission_is_recorded(conn, fashion):
    """Two commands racing: both passed the early check, the second to record is refused in its transaction."""
    public, _ = bundle.split(fashion, ledger.seed(conn, fashion.slug))
    outputs = schema.read(fashion, predictions(fashion, 0))
    ledger.record(conn, fashion, "a" * 64, "a.csv", "", outputs, 0.1, now=T0)
    with pytest.raises(ledger.RefusedError, match="cool-down"):
        ledger.record(conn, fashion, "b" * 64, "b.csv", "", outputs, 0.1, now=T0)
    assert len(ledger.submissions(conn, fashion.slug)) == 1


def test_a_ledger_that_is_not_a_database_is_left_as_it_is(tmp_path):
    path = tmp_path / ledger.FILE
    path.write_bytes(b"my notes, not a database")
    with pytest.raises(store.ProgressError, match="left exactly as it is"):
        ledger.connect(path)
    assert path.read_bytes() == b"my notes, not a database"


# -- selection, finalising, the boards --------------------------------------------------------------------------


def play_three(conn, fashion) -> None:
    for n, wrong in enumerate((300, 100, 200)):
        play.submit(conn, fashion, truth_csv(fashion, wrong), f"{n}.csv", now=T0 + timedelta(hours=n))


def test_the_private_board_stays_hidden_until_the_learner_finalises(conn, fashion):
    play_three(conn, fashion)
    board = play.board(conn, fashion, now=T0)
    assert not board.revealed and board.private == []
    assert all(e.private is None and e.interval is None for e in board.entries)
    ledger.finalise(conn, fashion, now=T0 + timedelta(days=1))
    board = play.board(conn, fashion)
    assert board.revealed and board.private and all(e.private is not None for e in board.private)
    with pytest.raises(ledger.RefusedError, match="you finalised fashion-mnist"):
        play.submit(conn, fashion, predictions(fashion, 5), "after.csv", now=T0 + timedelta(days=2))


def test_a_close_date_reveals_the_private_board_and_ends_submissions(conn, fashion):
    closing = bundle.Challenge(**{**fashion.__dict__, "closes": T0 + timedelta(days=1)})
    play.submit(conn, closing, predictions(closing, 0), "a.csv", now=T0)
    assert not play.board(conn, closing, now=T0).revealed
    assert play.board(conn, closing, now=T0 + timedelta(days=1)).revealed
    with pytest.raises(ledger.RefusedError, match="closed on"):
        play.submit(conn, closing, predictions(closing, 1), "b.csv", now=T0 + timedelta(days=2))


def test_finalising_needs_a_submission(conn, fashion):
    with pytest.raises(ledger.RefusedError, match="submit at least one"):
        ledger.finalise(conn, fashion)


def test_the_final_submissions_default_to_the_best_public_ones_and_can_be_chosen(conn, fashion):
    play_three(conn, fashion)
    subs = ledger.submissions(conn, fashion.slug)
    assert [s.id for s in ledger.final(fashion, subs)] == sorted((2, 3), key=lambda i: -subs[i - 1].public)
    ledger.select(conn, fashion, [1])
    assert [s.id for s in ledger.final(fashion, ledger.submissions(conn, fashion.slug))] == [1]
    with pytest.raises(ledger.RefusedError, match="choose 1 to 2 final submissions"):
        ledger.select(conn, fashion, [1, 2, 3])
    with pytest.raises(ledger.RefusedError, match="no submission #9 in fashion-mnist; yours are #1, #2, #3"):
        ledger.select(conn, fashion, [9])
    ledger.finalise(conn, fashion)
    board = play.board(conn, fashion)
    assert [e.name for e in board.private if not e.baseline] == ["#1"]
    with pytest.raises(ledger.RefusedError, match="can no longer change"):
        ledger.select(conn, fashion, [2])


def test_the_shake_up_is_the_move_from_public_rank_to_private_rank(conn, fashion):
    """A submission right on exactly the public rows tops the public board and falls on the private one."""
    seed = ledger.seed(conn, fashion.slug)
    public, private = bundle.split(fashion, seed)
    labels = play.solution(fashion)["label"].copy()
    labels[private] = (labels[private] + 1) % 10  # every private row wrong
    play.submit(conn, fashion, schema.write(fashion, {"label": labels}), "overfit.csv", now=T0)
    ledger.finalise(conn, fashion)
    board = play.board(conn, fashion)
    mine = next(e for e in board.private if e.name == "#1")
    assert mine.public == 1.0 and mine.private == 0.0
    assert mine.final_public_rank == 1 and mine.private_rank == len(board.private)
    assert sorted(e.final_public_rank for e in board.private) == list(range(1, len(board.private) + 1))
    assert mine.shake_up == 1 - len(board.private)
    assert sum(e.shake_up for e in board.private) == 0
    assert any("changed place" in line for line in board.lesson)


def test_the_lesson_names_a_best_public_submission_that_was_not_the_best_private(conn, fashion):
    seed = ledger.seed(conn, fashion.slug)
    public, private = bundle.split(fashion, seed)
    right = play.solution(fashion)["label"]
    lucky = right.copy()
    lucky[private[:300]] = (lucky[private[:300]] + 1) % 10  # perfect in public, 300 private rows wrong
    steady = right.copy()
    steady[public[:3]] = (steady[public[:3]] + 1) % 10  # 3 public rows wrong, perfect in private
    play.submit(conn, fashion, schema.write(fashion, {"label": lucky}), "lucky.csv", now=T0)
    play.submit(conn, fashion, schema.write(fashion, {"label": steady}), "steady.csv", now=T0 + timedelta(hours=1))
    ledger.finalise(conn, fashion)
    lesson = " ".join(play.board(conn, fashion).lesson)
    assert "Your best public submission (#1, 1.0000 public) scored 0.5714 in private, while #2 scored 1.0000" in lesson
    assert "the public board did not pick your best" in lesson


# -- metrics and intervals --------------------------------------------------------------------------------------


def test_harrell_c_matches_its_definition_with_ties_and_censoring():
    rng = np.random.default_rng(3)
    time = rng.integers(1, 30, 60).astype(float)  # tied times
    event = rng.random(60) < 0.6
    risk = rng.integers(0, 5, 60).astype(float)  # tied risks
    got = metrics.score("harrell_c", {"time": time, "event": event}, {"risk": risk}, np.arange(60))
    assert got == pytest.approx(concordance_index(time, event, risk))  # C6W3A1's, written on its own
    perfect = metrics.score("harrell_c", {"time": time, "event": event}, {"risk": -time + 0.5 * event}, np.arange(60))
    assert perfect == pytest.approx(1.0)


def test_the_weighted_form_is_the_metric_on_repeated_rows():
    rng = np.random.default_rng(4)
    truth = {"time": rng.random(40), "event": rng.random(40) < 0.7}
    guess = {"risk": rng.random(40)}
    counts = rng.multinomial(40, np.full(40, 1 / 40))
    repeated = np.repeat(np.arange(40), counts)
    by_weights = metrics.harrell_c(truth, guess, counts[None, :].astype(float))[0]
    assert by_weights == pytest.approx(metrics.score("harrell_c", truth, guess, repeated))


def test_the_bootstrap_interval_holds_the_score_and_narrows_with_more_rows(fashion):
    rng = np.random.default_rng(5)
    truth = {"label": rng.integers(0, 10, 4000)}
    guess = {"label": np.where(rng.random(4000) < 0.8, truth["label"], (truth["label"] + 1) % 10)}
    small, large = np.arange(200), np.arange(4000)
    lo_s, hi_s = metrics.bootstrap("accuracy", truth, guess, small, resamples=500)
    lo_l, hi_l = metrics.bootstrap("accuracy", truth, guess, large, resamples=500)
    assert lo_s <= metrics.score("accuracy", truth, guess, small) <= hi_s
    assert lo_l <= metrics.score("accuracy", truth, guess, large) <= hi_l
    assert hi_l - lo_l < (hi_s - lo_s) / 2  # about sqrt(20) narrower
    assert metrics.bootstrap("accuracy", truth, guess, small, resamples=500) == (lo_s, hi_s)  # seeded
