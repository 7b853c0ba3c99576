"""Quiz banks: every shipped bank validates; drawing and scoring behave as the site and the CLI rely on."""

import copy

import pytest

from dlspec.course import quiz
from dlspec.course.quiz import Option, Question, QuizError


def _bank(n: int = 6, length: int = 3) -> dict:
    """A valid bank as parsed TOML: questions q0..q{n-1}, the first option right; every third is select-all."""
    questions = []
    for k in range(n):
        multiple = k % 3 == 2
        options = [
            {"text": f"q{k} right", "correct": True, "why": "because"},
            {"text": f"q{k} also right" if multiple else f"q{k} wrong a", "correct": multiple, "why": "because"},
            {"text": f"q{k} wrong b", "correct": False, "why": "because"},
            {"text": f"q{k} wrong c", "correct": False, "why": "because"},
        ]
        questions.append({"id": f"q{k}", "prompt": f"question {k}?", "multiple": multiple, "option": options})
    return {"id": "t", "title": "test", "length": length, "pass_mark": 0.8, "question": questions}


@pytest.fixture
def small():
    return quiz.parse(_bank())


# --- the shipped banks -------------------------------------------------------------------------------------------


def test_course1_banks_ship():
    assert {"c1w1", "c1w2", "c1w3", "c1w4"} <= set(quiz.available_quizzes())


@pytest.mark.parametrize("quiz_id", quiz.available_quizzes())
def test_bank_is_valid(quiz_id):
    bank = quiz.load(quiz_id)  # load validates: unique ids, correct-option counts, explanations, size
    assert bank.id == quiz_id
    assert len(bank.questions) >= 2 * bank.length
    assert bank.length == 10 and bank.pass_mark == 0.8
    for q in bank.questions:
        assert 3 <= len(q.options) <= 5, q.id
        assert all(o.why.strip() for o in q.options), q.id
        assert len({o.text for o in q.options}) == len(q.options), f"{q.id}: two options read the same"


@pytest.mark.parametrize("quiz_id", quiz.available_quizzes())
def test_bank_mixes_question_kinds(quiz_id):
    questions = quiz.load(quiz_id).questions
    assert any(q.multiple for q in questions), "no select-all question"
    assert any(not q.multiple for q in questions), "no single-answer question"


def test_load_is_case_insensitive_and_names_missing_banks():
    assert quiz.load(" C1W1 ").id == "c1w1"
    with pytest.raises(KeyError, match="c1w1"):
        quiz.load("c9w9")


# --- validation ---------------------------------------------------------------------------------------------------


def _broken(edit) -> dict:
    data = copy.deepcopy(_bank())
    edit(data)
    return data


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["question"][1].update(id="q0"), "more than once: q0"),
        (lambda d: d["question"][0]["option"][0].update(correct=False), "no correct option"),
        (lambda d: d["question"][0]["option"][1].update(correct=True), "exactly one"),
        (lambda d: d["question"][0]["option"][2].update(why=" "), "option 3 has no explanation"),
        (lambda d: d["question"][0]["option"][2].pop("why"), "option 3 has no explanation"),
        (lambda d: d.update(length=4), "at least 8"),
        (lambda d: d["question"][0].update(id="Bad_Id"), "kebab-case"),
        (lambda d: d["question"][0].update(option=d["question"][0]["option"][:2]), "2 options; it needs 3 to 5"),
        (lambda d: d.pop("title"), "missing 'title'"),
        (lambda d: d.update(pass_mark=80), "pass_mark"),
        (lambda d: d["question"][0]["option"][0].update(compte="1"), "option 1 has unknown keys compte"),
        (lambda d: d["question"][0].update(given=[1, 2]), "given must be a table"),
        (lambda d: d["question"][0]["option"][0].update(compute=1), "must be strings"),
    ],
)
def test_parse_rejects_broken_banks(edit, message):
    with pytest.raises(QuizError, match=message):
        quiz.parse(_broken(edit), source="broken.toml")


def test_parse_names_the_bank_in_errors():
    with pytest.raises(QuizError, match=r"^broken\.toml: "):
        quiz.parse(_broken(lambda d: d.update(length=4)), source="broken.toml")


def test_parse_accepts_several_correct_options_when_multiple(small):
    assert small.questions[2].multiple and small.questions[2].correct == {0, 1}


# --- draw ---------------------------------------------------------------------------------------------------------


def test_draw_is_deterministic_for_a_seed(small):
    first, again = quiz.draw(small, seed=7), quiz.draw(small, seed=7)
    assert first == again
    assert any(quiz.draw(small, seed=s) != first for s in range(8, 20)), "the seed changes nothing"


def test_draw_gives_length_distinct_questions_from_the_bank(small):
    for seed in range(20):
        drawn = quiz.draw(small, seed=seed)
        assert len(drawn) == small.length
        assert len({q.id for q in drawn}) == small.length
        assert {q.id for q in drawn} <= {q.id for q in small.questions}


def test_draw_shuffles_options_but_keeps_their_content_and_answers(small):
    by_id = {q.id: q for q in small.questions}
    orders = set()
    for seed in range(20):
        for q in quiz.draw(small, seed=seed):
            original = by_id[q.id]
            assert sorted(q.options, key=lambda o: o.text) == sorted(original.options, key=lambda o: o.text)
            assert {q.options[i].text for i in q.correct} == {original.options[i].text for i in original.correct}
            assert q is not original
            orders.add((q.id, tuple(o.text for o in q.options)))
    assert len(orders) > len(small.questions), "options were never shuffled"


def test_draw_prefers_questions_not_excluded(small):
    last = {"q0", "q1", "q2"}
    for seed in range(20):
        assert not {q.id for q in quiz.draw(small, seed=seed, exclude=last)} & last


def test_draw_falls_back_on_excluded_questions_when_the_rest_is_too_small(small):
    last = {"q0", "q1", "q2", "q3", "q4"}  # leaves one fresh question for an attempt of three
    for seed in range(20):
        ids = {q.id for q in quiz.draw(small, seed=seed, exclude=last)}
        assert len(ids) == 3 and "q5" in ids


def test_draw_leaves_the_bank_untouched(small):
    before = copy.deepcopy(small)
    quiz.draw(small, seed=1, exclude={"q0"})
    assert small == before


# --- score --------------------------------------------------------------------------------------------------------


def _question(qid: str, correct: list[bool], multiple: bool = False) -> Question:
    return Question(qid, "?", tuple(Option(f"o{i}", c, "because") for i, c in enumerate(correct)), multiple)


QUESTIONS = [
    _question("a", [False, True, False]),
    _question("b", [True, False, False, False]),
    _question("c", [True, False, True, False], multiple=True),
    _question("d", [False, False, True]),
    _question("e", [False, True, True], multiple=True),
]
RIGHT = {"a": {1}, "b": {0}, "c": {0, 2}, "d": {2}, "e": {1, 2}}


def test_score_all_right():
    result = quiz.score(QUESTIONS, RIGHT)
    assert result.score == 1.0 and result.passed
    assert all(r.correct for r in result.questions)
    assert [r.expected for r in result.questions] == [frozenset(v) for v in RIGHT.values()]


def test_score_all_wrong():
    result = quiz.score(QUESTIONS, {"a": {0}, "b": {1}, "c": {1}, "d": {0}, "e": {0}})
    assert result.score == 0.0 and not result.passed
    assert not any(r.correct for r in result.questions)


def test_score_partial_with_missing_answers():
    result = quiz.score(QUESTIONS, {"a": {1}, "b": {0}, "c": {0, 2}, "d": {1}})  # e unanswered
    assert result.score == pytest.approx(0.6) and not result.passed
    assert [r.correct for r in result.questions] == [True, True, True, False, False]
    assert result.questions[4].chosen == frozenset()


def test_score_select_all_needs_the_exact_set():
    for chosen in ({0}, {2}, {0, 1, 2}, {0, 2, 3}):  # too few, too many
        assert not quiz.score([QUESTIONS[2]], {"c": chosen}).questions[0].correct, chosen
    assert quiz.score([QUESTIONS[2]], {"c": {2, 0}}).questions[0].correct


def test_score_pass_mark_is_inclusive():
    four_of_five = {**RIGHT, "e": {1}}
    assert quiz.score(QUESTIONS, four_of_five).passed
    assert not quiz.score(QUESTIONS, four_of_five, pass_mark=0.9).passed


def test_score_reads_indices_of_the_drawn_shuffled_options(small):
    drawn = quiz.draw(small, seed=3)
    right = {q.id: set(q.correct) for q in drawn}
    assert quiz.score(drawn, right).score == 1.0
    texts = {q.id: {q.options[i].text for i in q.correct} for q in drawn}
    assert all(t.startswith(q.id) and "right" in t for q in drawn for t in texts[q.id])
