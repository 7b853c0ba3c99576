"""Quiz banks: load and validate one, draw an attempt from it, score the answers.

A bank (``quizzes/<id>.toml``) holds at least twice as many questions as an attempt asks, so that a retry can ask
different ones. Every option carries an explanation, right or wrong, because the point of a quiz here is the
feedback. Pure logic: nothing is printed or stored; the CLI and the site render, ``dlspec.progress`` records.

Bank format::

    id = "c1w2"
    title = "Neural network basics"
    length = 10            # questions per attempt
    pass_mark = 0.8
    [[question]]
    id = "broadcast-shape" # stable, kebab-case
    prompt = "..."
    multiple = false       # true: select all that apply
    [[question.option]]
    text = "..."
    correct = true
    why = "..."

Texts may quote a notebook's figure, ``{c1w3a1.accuracy:.0%}``, filled in on loading (``dlspec.course.figures``).
A question with a numeric answer also carries the computation behind its numbers: ``given`` (a table of the
prompt's numbers) on the question, ``compute`` (and ``raises`` or ``truth``) on its options. Only the test that
checks the numbers reads them (``dlspec.course.quiz_numbers``, docs/quizzes.md).
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dlspec.course import figures

QUIZ_DIR = Path(__file__).with_name("quizzes")
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Every key a bank may use, so that a misspelt one (``compte``) is an error rather than a check silently skipped.
_KEYS = {
    "bank": {"id", "title", "length", "pass_mark", "question"},
    "question": {"id", "prompt", "multiple", "option", "given"},
    "option": {"text", "correct", "why", "compute", "raises", "truth"},
}


class QuizError(ValueError):
    """A bank that breaks the format: the message names the bank, the question and the rule."""


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    options: tuple[Option, ...]
    multiple: bool

    @property
    def correct(self) -> frozenset[int]:
        """Indices of the correct options, in this question's option order."""
        return frozenset(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    length: int
    pass_mark: float
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class QuestionResult:
    id: str
    correct: bool
    chosen: frozenset[int]
    expected: frozenset[int]  # the correct option indices


@dataclass(frozen=True)
class QuizResult:
    score: float  # share of questions answered right, 0-1
    passed: bool
    questions: tuple[QuestionResult, ...]


def available_quizzes() -> list[str]:
    """Ids of the quiz banks shipped with this version, in course order."""
    return sorted(p.stem for p in QUIZ_DIR.glob("*.toml"))


def read(quiz_id: str) -> dict:
    """The bank ``quiz_id`` as parsed TOML, unvalidated and with its placeholders unfilled; KeyError when none."""
    path = QUIZ_DIR / f"{quiz_id.strip().lower()}.toml"
    if not path.is_file():
        raise KeyError(f"no quiz {quiz_id!r}; available: {', '.join(available_quizzes()) or 'none'}")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load(quiz_id: str) -> Quiz:
    """The validated bank ``quiz_id``; QuizError when it breaks the format, KeyError when there is none."""
    return parse(read(quiz_id), source=f"{quiz_id.strip().lower()}.toml")


def figure_quotes() -> list[figures.Quote]:
    """Every notebook figure that a shipped bank quotes."""
    return [q for p in sorted(QUIZ_DIR.glob("*.toml")) for q in figures.quotes(p.read_text())]


def parse(data: dict, source: str = "<bank>") -> Quiz:
    """Build and validate a Quiz from a bank's parsed TOML (``source`` names it in error messages)."""

    def fail(message: str) -> QuizError:
        return QuizError(f"{source}: {message}")

    for key in ("id", "title", "length", "pass_mark", "question"):
        if key not in data:
            raise fail(f"missing {key!r}")
    _known_keys(data, "bank", fail, "the bank")
    length, pass_mark = data["length"], data["pass_mark"]
    if not isinstance(length, int) or length < 1:
        raise fail(f"length must be a positive integer, not {length!r}")
    if not 0 < pass_mark <= 1:
        raise fail(f"pass_mark must lie in (0, 1], not {pass_mark!r}")
    questions = tuple(_question(q, fail) for q in data["question"])
    ids = [q.id for q in questions]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise fail(f"question ids used more than once: {', '.join(repeated)}")
    if len(questions) < 2 * length:
        raise fail(f"{len(questions)} questions for attempts of {length}; a bank needs at least {2 * length}")
    return Quiz(data["id"], data["title"], length, float(pass_mark), questions)


def _known_keys(table: dict, kind: str, fail, where: str) -> None:
    unknown = sorted(set(table) - _KEYS[kind])
    if unknown:
        raise fail(f"{where} has unknown keys {', '.join(unknown)}; a {kind} may have {', '.join(sorted(_KEYS[kind]))}")


def _question(q: dict, fail) -> Question:
    qid = q.get("id", "")
    if not _KEBAB.fullmatch(qid):
        raise fail(f"question id {qid!r} is not kebab-case")
    _known_keys(q, "question", fail, f"question {qid!r}")
    if not isinstance(q.get("given", {}), dict):
        raise fail(f"question {qid!r}: given must be a table of the prompt's numbers")
    for n, o in enumerate(q.get("option", ()), 1):
        _known_keys(o, "option", fail, f"question {qid!r}, option {n}")
        if not all(isinstance(o.get(k, ""), str) for k in ("compute", "raises", "truth")):
            raise fail(f"question {qid!r}, option {n}: compute, raises and truth must be strings")

    def filled(text: str) -> str:
        try:
            return figures.fill(text)
        except KeyError as e:
            raise fail(f"question {qid!r}: {e.args[0]}") from e

    if not q.get("prompt", "").strip():
        raise fail(f"question {qid!r} has no prompt")
    options = tuple(
        Option(filled(o.get("text", "")), bool(o.get("correct", False)), filled(o.get("why", "")))
        for o in q.get("option", ())
    )
    if not 3 <= len(options) <= 5:
        raise fail(f"question {qid!r} has {len(options)} options; it needs 3 to 5")
    for n, o in enumerate(options, 1):
        if not o.text.strip():
            raise fail(f"question {qid!r}, option {n} has no text")
        if not o.why.strip():
            raise fail(f"question {qid!r}, option {n} has no explanation ('why')")
    multiple = bool(q.get("multiple", False))
    n_correct = sum(o.correct for o in options)
    if n_correct == 0:
        raise fail(f"question {qid!r} has no correct option")
    if not multiple and n_correct != 1:
        raise fail(f"question {qid!r} has {n_correct} correct options but multiple = false; it needs exactly one")
    return Question(qid, filled(q["prompt"].strip()), options, multiple)


def draw(quiz: Quiz, seed: int | None = None, exclude: set[str] = frozenset()) -> list[Question]:
    """``quiz.length`` distinct questions with their options shuffled, as new Question objects.

    Questions whose id is in ``exclude`` (say, those of the last attempt) are drawn only when the rest of the bank
    is too small to fill the attempt. The same seed gives the same attempt.
    """
    rng = random.Random(seed)
    fresh = [q for q in quiz.questions if q.id not in exclude]
    seen = [q for q in quiz.questions if q.id in exclude]
    picked = rng.sample(fresh, min(len(fresh), quiz.length))
    picked += rng.sample(seen, quiz.length - len(picked))
    # Keep the draw random without also keeping the fresh-then-seen order, which would tell a learner which is which.
    rng.shuffle(picked)
    return [Question(q.id, q.prompt, tuple(rng.sample(q.options, len(q.options))), q.multiple) for q in picked]


def score(questions: list[Question], answers: dict[str, set[int]], pass_mark: float = 0.8) -> QuizResult:
    """Mark an attempt. ``answers`` maps a question id to the indices chosen among that question's (drawn) options.

    A question counts only when the chosen set equals the set of correct options; a missing answer is wrong.
    """
    results = tuple(
        QuestionResult(q.id, frozenset(answers.get(q.id, ())) == q.correct, frozenset(answers.get(q.id, ())), q.correct)
        for q in questions
    )
    share = sum(r.correct for r in results) / len(results) if results else 0.0
    # The tolerance keeps 12/15 against a 0.8 mark from failing on the last bit of a float.
    return QuizResult(share, share >= pass_mark - 1e-9, results)
