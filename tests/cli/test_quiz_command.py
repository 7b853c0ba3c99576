import io
import json
from pathlib import Path

import pytest

from dlspec import workspace
from dlspec.cli import main
from dlspec.cli.quiz import parse_answer
from dlspec.course import quiz
from dlspec.progress import store

BANKS = Path(__file__).parent / "fixture_course" / "quizzes"


@pytest.fixture
def bank(tmp_path, monkeypatch) -> quiz.Quiz:
    monkeypatch.setattr(quiz, "QUIZ_DIR", BANKS)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    return quiz.load("c9w1")


def answer_lines(questions, right: bool) -> str:
    """One line per question: the correct options (1-based), or the first wrong one."""
    lines = []
    for q in questions:
        chosen = q.correct if right else {min(set(range(len(q.options))) - q.correct)}
        lines.append(",".join(str(i + 1) for i in sorted(chosen)))
    return "\n".join(lines) + "\n"


def test_parse_answer_accepts_numbers_and_explains_the_rest():
    assert parse_answer("2", 4, False) == {1}
    assert parse_answer(" 1,3 ", 4, True) == {0, 2}
    assert parse_answer("1 3", 4, True) == {0, 2}
    assert parse_answer("1,3", 4, False) == "choose one option"
    assert parse_answer("5", 4, False) == "options go from 1 to 4"
    assert "type the number" in parse_answer("b", 4, False)
    assert "type the number" in parse_answer("", 4, True)


def test_a_piped_quiz_with_right_answers_passes_and_is_recorded(bank, monkeypatch, capsys):
    questions = quiz.draw(bank, 7)
    monkeypatch.setattr("sys.stdin", io.StringIO("abc\n9\n" + answer_lines(questions, right=True)))
    assert main(["quiz", "c9w1", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "Question 1 of 3" in out and "Question 3 of 3" in out
    assert "type the number of an option" in out and "options go from 1 to 3" in out
    assert out.count("✓ right") == 3 and "3 of 3 right (100%), passed" in out
    for q in questions:  # every option is explained, right or wrong
        for option in q.options:
            assert option.why in out
    conn = store.connect(workspace.database(Path("workspace")))
    assert store.summary(conn)["c9w1"] == store.ItemProgress(1, 1.0, True)
    answers = json.loads(conn.execute("SELECT answers_json FROM quiz_attempts").fetchone()[0])
    assert answers == {q.id: sorted(q.correct) for q in questions}


def test_wrong_answers_fail_and_the_retry_asks_other_questions(bank, monkeypatch, capsys):
    first = quiz.draw(bank, 3)
    monkeypatch.setattr("sys.stdin", io.StringIO(answer_lines(first, right=False)))
    assert main(["quiz", "c9w1", "--seed", "3"]) == 1
    out = capsys.readouterr().out
    assert "0 of 3 right (0%), not passed yet" in out and "(your choice)" in out

    asked = {q.id for q in first}
    retry = quiz.draw(bank, 3, exclude=asked)
    assert not asked & {q.id for q in retry}  # the bank has room for three fresh questions
    monkeypatch.setattr("sys.stdin", io.StringIO(answer_lines(retry, right=True)))
    assert main(["quiz", "c9w1", "--seed", "3"]) == 0
    assert "3 of 3 right" in capsys.readouterr().out


def test_a_quiz_cut_short_records_nothing(bank, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    assert main(["quiz", "c9w1"]) == 2
    assert "nothing was recorded" in capsys.readouterr().out
    assert store.summary(store.connect(workspace.database(Path("workspace")))) == {}


def test_unknown_quiz_lists_the_known_ones(bank, capsys):
    assert main(["quiz", "c9w7"]) == 2
    assert "no quiz 'c9w7'; available: c9w1" in capsys.readouterr().err
