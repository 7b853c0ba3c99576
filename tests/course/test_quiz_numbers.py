"""The numbers of the quiz banks hold: computed answers, slips that differ from them, worked arithmetic, and the
notebook figures the banks quote. The second half breaks real questions on purpose, to show the check sees it."""

import copy

import nbformat
import numpy as np
import pytest

from dlspec.course import figures, quiz
from dlspec.course import quiz_numbers as qn
from dlspec.course.quiz import QuizError

# --- the shipped banks -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("quiz_id", quiz.available_quizzes())
def test_bank_numbers_hold(quiz_id):
    found = qn.problems(quiz.read(quiz_id))
    assert not found, "\n".join(found)


def test_numeric_questions_carry_their_computation():
    """Every bank of Courses 1-2 but the first has computed questions; each has at least one checked slip."""
    for quiz_id in quiz.available_quizzes()[1:]:
        computed = [q for q in quiz.read(quiz_id)["question"] if any("compute" in o for o in q["option"])]
        assert computed, f"{quiz_id} has no computed question"
    slips = [o for b in quiz.available_quizzes() for q in quiz.read(b)["question"] for o in q["option"]
             if "compute" in o and not o["correct"]]
    assert len(slips) >= 40


def test_every_recorded_figure_is_quoted_and_every_quote_is_recorded():
    quoted = {(q.aid, q.name) for q in quiz.figure_quotes()}
    recorded = {(aid, name) for aid, _ in quoted for name in figures.recorded(aid)}
    assert quoted == recorded
    assert ("c1w3a1", "baseline_accuracy") in quoted


def test_the_learner_reads_the_notebook_figures():
    prompt = next(q.prompt for q in quiz.load("c1w3").questions if q.id == "hidden-layer-boundary")
    assert "51%" in prompt and "94%" in prompt and "{" not in prompt


# --- reading numbers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "reads"),
    [
        ((4, 400), "(4, 400)", True),
        ((400, 4), "(4, 400)", False),
        ((3,), "(3,): a rank-1 array.", True),
        ((3,), "(3, 1)", False),  # a group of another length
        ((), "a (5, 5) matrix", False),  # a scalar result is no shape
        ((5, 4), "W^[1] has shape (5, 4).", True),  # the layer index is notation
        (0.25, "0.25", True),
        (0.2500001, "0.25", False),  # unmarked numbers are exact
        (1.4978661, "About 1.498", True),  # "about": to the last digit shown
        (1.4978661, "About 1.5", True),
        (1.4978661, "About 1.49", False),
        (0.009009, "About 0.9%", True),
        (637621500.2, "About 6 × 10⁸ times larger (1.5⁵⁰)", True),
        (-0.02, "−0.02", True),
        (5000, "5,000", True),
        ([0.6652, 0.2447, 0.0900], "About [0.665, 0.245, 0.090]", True),
        ([0.6652, 0.2447, 0.0900], "[0.665, 0.245, 0.090]", False),
        (np.array([[10.0]]), "[[10]]", True),
        ((17, 26), "17 mini-batches; the last holds 26 examples", True),
        ((17, 64), "17 mini-batches; the last holds 26 examples", False),
        ((1.9, 10), "v₂ = 1.9; corrected 10", True),
        (9, "dJ/da = 9", True),
        (qn.Raised("ValueError"), "It raises an error", False),
    ],
)
def test_reads_as(value, text, reads):
    assert qn.reads_as(value, text) is reads


def test_bare_numbers_are_answers_that_need_a_computation():
    assert all(map(qn.is_bare_number, ["31", "(4, 400)", "About 0.9%", "[0, 4, −2]", "3 exactly"]))
    assert not any(map(qn.is_bare_number, ["(1, m)", "17 mini-batches; the last holds 26", "W1 has shape (4, 6)."]))


def test_run_gives_the_last_line_and_failures_as_raised():
    assert qn.run("x = a + 1\nx * 2", {"a": 2}) == 6
    assert qn.run("nn.deep.compute_cost(np.array(AL), np.array(Y))", {"AL": [[0.5]], "Y": [[1]]}) == pytest.approx(
        np.log(2))
    assert qn.outcome("np.zeros((4, 3)) + np.zeros((3, 4))", {}) == qn.Raised("ValueError")
    given = {"a": [1]}
    qn.run("a.append(2)\na", given)
    assert given == {"a": [1]}, "a computation changed the question's given numbers"


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("W^[1]: 5·4 = 20, b^[1]: 5", [True]),
        ("20 + 5 + 5 + 1 = 32", [False]),
        ("1050 / 64 ≈ 16.4", [True]),
        ("1050 / 64 = 16.4", [False]),  # "=" means equal
        ("−log 0.2 ≈ 1.609", [True]),
        ("−log 0.2 ≈ 1.61", [True]),
        ("−log 0.2 ≈ 1.619", [False]),
        ("−(log 0.5 + log 0.1)/2 ≈ (0.693 + 2.303)/2 = 1.498", [True, True]),
        ("⌊2500 / 1000⌋ = 2, so α = 0.01 / (1 + 2) ≈ 0.00333", [True, True]),
        ("1.5⁵⁰ ≈ 6.4 × 10⁸", [True]),
        ("5,000,000 / 1,000 = 5,000", [True]),
        ("so g(−2) = 0.01·(−2) = −0.02.", [True]),  # g(−2) is not arithmetic
        ("σ(0) = 0.5", []),
        ("a − 3 = 5 and 2x + 3 = 5", []),  # a side cut out of a longer expression is no equation
        ("np.sum(dZ1, axis=1, keepdims=True)", []),
        ("(4, 2)·(2, 400) = (4, 400)", []),
    ],
)
def test_worked_equations(text, holds):
    assert [e.holds for e in qn.worked_equations(text)] == holds


# --- breaking a bank on purpose -----------------------------------------------------------------------------------


def _broken(quiz_id: str, qid: str, edit) -> list[str]:
    """The problems of bank ``quiz_id`` after ``edit`` changed its question ``qid`` (given the raw question)."""
    bank = copy.deepcopy(quiz.read(quiz_id))
    edit(next(q for q in bank["question"] if q["id"] == qid))
    return qn.problems(bank)


def _option(question: dict, text: str) -> dict:
    return next(o for o in question["option"] if o["text"] == text)


def test_a_wrong_right_answer_fails():
    found = _broken("c1w4", "deep-parameter-count", lambda q: _option(q, "47").update(text="48"))
    assert found == ["deep-parameter-count: option 1 (48): compute gives 47, which the text does not show"]


def test_a_slip_that_is_the_right_answer_fails():
    found = _broken("c2w2", "ewma-value", lambda q: _option(q, "12.5").update(text="15.0", compute="v = 15\nv"))
    assert any("option 4 (15.0): marked wrong, but the right value 15 reads as it" in p for p in found)


def test_a_slip_whose_text_drifts_from_its_computation_fails():
    found = _broken("c2w1", "two-sided-difference", lambda q: _option(q, "3.0301").update(text="3.0201"))
    assert any("3.0201): compute gives 3.0301" in p for p in found)


def test_a_prompt_edited_without_its_given_numbers_fails():
    def edit(q):
        q["prompt"] = q["prompt"].replace("α₀ = 0.2", "α₀ = 0.3")

    found = _broken("c2w2", "lr-decay-inverse", edit)
    assert found == ["lr-decay-inverse: given alpha0 = 0.2: the prompt does not show 0.2"]


def test_a_wrong_worked_equation_in_an_explanation_fails():
    def edit(q):
        q["option"][0]["why"] = q["option"][0]["why"].replace("28 + 15 + 4 = 47", "28 + 15 + 4 = 46")

    found = _broken("c1w4", "deep-parameter-count", edit)
    assert any("28 + 15 + 4 = 46 does not hold" in p for p in found)


def test_a_numeric_answer_without_its_computation_fails():
    found = _broken("c1w3", "parameter-count", lambda q: [o.pop("compute") for o in q["option"]])
    assert found == ["parameter-count: option 1 (31): a numeric answer needs a compute"]


def test_an_error_answer_that_does_not_raise_fails():
    found = _broken("c1w2", "broadcast-error", lambda q: q["option"][0].update(compute="(np.zeros(a) + 1).shape"))
    assert found[0] == "broadcast-error: option 1 (It raises an error: the last dimensions are 3 and 4, neither " \
        "equal nor 1.): compute should raise ValueError, gives (4, 3)"


def test_a_wrong_select_all_option_needs_its_own_truth():
    found = _broken("c1w2", "graph-derivatives", lambda q: _option(q, "dJ/du = 1").pop("truth"))
    assert any("needs a truth" in p for p in found)
    found = _broken("c1w2", "graph-derivatives", lambda q: _option(q, "dJ/du = 1").update(truth="1"))
    assert any("marked wrong, but the right value 1 reads as it" in p for p in found)


# --- notebook figures ---------------------------------------------------------------------------------------------


def test_a_notebook_figure_that_moved_is_a_mismatch():
    quoted = [q for q in quiz.figure_quotes() if q.aid == "c1w3a1"]
    same = dict(figures.recorded("c1w3a1"))
    assert figures.mismatches(quoted, same) == []
    assert figures.mismatches(quoted, {**same, "accuracy": same["accuracy"] + 0.004}) == []  # still rounds the same
    moved = figures.mismatches(quoted, {**same, "accuracy": 0.9})
    assert moved == ["c1w3a1.accuracy: the banks quote 94%, the notebook now gives 90%"]


def test_an_unknown_figure_is_a_bank_error():
    bank = copy.deepcopy(quiz.read("c1w3"))
    bank["question"][0]["prompt"] = "About {c1w3a1.no_such_figure:.0%}?"
    with pytest.raises(QuizError, match=r"no recorded figure c1w3a1\.no_such_figure"):
        quiz.parse(bank, source="c1w3.toml")


def test_a_recording_cell_prints_what_read_recording_reads():
    cell = figures.recording_cell(["b", "a"])
    namespace = {"a": np.float64(0.5), "b": 2}
    printed = []
    exec(cell.source, {**namespace, "print": printed.append})
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed[0] + "\n")]
    assert figures.read_recording(cell) == {"a": 0.5, "b": 2.0}
