"""``dlspec quiz``: a week's quiz in the terminal, with the explanation of every option after each answer.

Answers are read line by line from stdin (``2``, ``1,3`` or ``1 3``), so a quiz can be piped in as well as typed.
"""

from __future__ import annotations

import re

from dlspec.cli.common import FAILED, OK, USAGE, CommandError, console, next_step, open_progress, root


def parse_answer(text: str, options: int, multiple: bool) -> set[int] | str:
    """The chosen option indices (0-based) from what the learner typed, or what is wrong with it."""
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if not parts or not all(p.isdigit() for p in parts):
        return f"type the number of an option, 1 to {options}" + (", or several: 1,3" if multiple else "")
    chosen = {int(p) - 1 for p in parts}
    if not all(0 <= c < options for c in chosen):
        return f"options go from 1 to {options}"
    if not multiple and len(chosen) != 1:
        return "choose one option"
    return chosen


def _ask(out, question, number: int, total: int) -> set[int] | None:
    """Show one question and read an answer until it is a valid one; None at end of input."""
    from rich.markup import escape

    how = "choose all that apply, e.g. 1,3" if question.multiple else "choose one"
    out.print(f"\n[bold]Question {number} of {total}[/] ({how})\n{escape(question.prompt)}")
    for n, option in enumerate(question.options, 1):
        out.print(f"  {n}. {escape(option.text)}")
    while True:
        try:
            text = input("> ")
        except EOFError:
            return None
        got = parse_answer(text, len(question.options), question.multiple)
        if isinstance(got, set):
            return got
        out.print(f"[yellow]{got}[/]")


def _feedback(out, question, chosen: set[int]) -> None:
    from rich.markup import escape

    right = chosen == question.correct
    out.print("[green]✓ right[/]" if right else "[red]✗ not quite[/]")
    for n, option in enumerate(question.options, 1):
        mark = "[green]✓[/]" if option.correct else "[red]✗[/]"
        you = " (your choice)" if n - 1 in chosen else ""
        out.print(f"  {mark} {n}. {escape(option.text)}{you}\n     [dim]{escape(option.why)}[/]")


def run(args) -> int:
    from dlspec.course import quiz
    from dlspec.progress import store

    try:
        bank = quiz.load(args.id)
    except KeyError as e:
        raise CommandError(e.args[0]) from e
    conn = open_progress(root(args))
    questions = quiz.draw(bank, args.seed, exclude=store.last_quiz_questions(conn, bank.id))
    out = console()
    out.print(f"[bold]{bank.id}: {bank.title}[/], {len(questions)} questions, pass mark {bank.pass_mark:.0%}")
    answers = {}
    for number, question in enumerate(questions, 1):
        chosen = _ask(out, question, number, len(questions))
        if chosen is None:
            out.print("\nQuiz stopped before the end; nothing was recorded.")
            return USAGE
        answers[question.id] = chosen
        _feedback(out, question, chosen)
    result = quiz.score(questions, answers, bank.pass_mark)
    store.record_quiz(conn, bank.id, result.score, result.passed, answers)
    right = sum(r.correct for r in result.questions)
    verdict = "[green]passed[/]" if result.passed else "[red]not passed yet[/]: retry draws other questions"
    out.print(f"\n{right} of {len(questions)} right ({result.score:.0%}), {verdict}")
    if result.passed:
        out.print(next_step(bank.id))
    return OK if result.passed else FAILED
