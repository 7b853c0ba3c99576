"""Shaping curriculum and progress data for the pages: plain dicts and lists that templates only print.

No decision about grades is made here: scores, passes and hint levels come from ``dlspec.progress.store``, the
verdict of each case from the grader's stored JSON.
"""

from __future__ import annotations

import difflib
import inspect
import sqlite3

from dlspec.course import catalog, quiz
from dlspec.course.assignment import Assignment
from dlspec.progress import store

GRADED = ("assignment", "quiz", "simulator", "project")
# The grader's case statuses, in words a learner reads in a table cell.
STATUS_WORDS = {
    "passed": "passed",
    "failed": "wrong",
    "error": "raised an error",
    "not_implemented": "not implemented",
    "missing": "missing",
    "timeout": "timed out",
    "crashed": "crashed",
    "not_run": "not run",
    "skipped": "not in your version",
}


def records(conn: sqlite3.Connection | None) -> dict[str, store.ItemProgress]:
    return store.summary(conn) if conn else {}


def state(item: catalog.Item, record: store.ItemProgress | None) -> dict:
    """An item's status on the map: a key for styling, the words, and the best score where there is one."""
    if not item.available:
        return {"key": "later", "words": "coming in a later version", "score": None}
    if item.kind not in GRADED:
        return {"key": "lab", "words": "ungraded lab", "score": None}
    if record is None:
        return {"key": "new", "words": "not started", "score": None}
    if record.passed:
        return {"key": "passed", "words": "passed", "score": record.best}
    return {"key": "progress", "words": "in progress", "score": record.best if record.attempts else None}


def link(item: catalog.Item) -> str | None:
    if not item.available or item.kind not in GRADED:
        return None
    return f"/{item.kind}/{item.id}"


def week_items(week: catalog.Week, found: dict[str, store.ItemProgress]) -> list[dict]:
    return [{"item": i, "state": state(i, found.get(i.id)), "link": link(i)} for i in week.items]


def course_map(found: dict[str, store.ItemProgress]) -> list[dict]:
    return [
        {"course": c, "weeks": [{"week": w, "entries": week_items(w, found)} for w in c.weeks]}
        for c in catalog.courses()
    ]


def overall(found: dict[str, store.ItemProgress]) -> dict:
    """Passed, available and total graded items of the whole specialization (the map's headline)."""
    graded = [i for i in catalog.items() if i.kind in GRADED]
    available = [i for i in graded if i.available]
    passed = [i for i in available if found.get(i.id) and found[i.id].passed]
    share = len(passed) / len(available) if available else 0.0
    return {"passed": len(passed), "available": len(available), "total": len(graded), "share": share}


def functions(a: Assignment) -> list[dict]:
    """What to build: each graded function with its points and the first line of the reference's docstring."""
    rows = []
    for f in a.functions:
        doc = inspect.getdoc(f.resolve()) or ""
        rows.append({"name": f.name, "points": f.points, "summary": doc.splitlines()[0] if doc else ""})
    return rows


def result_rows(results: dict) -> list[dict]:
    """The per-function table of a stored grade (``GradeResult.to_json()``): status, points, first failure."""
    rows = []
    for t in results.get("tests", []):
        checks = t.get("checks", [])
        bad = next((c for c in checks if c["status"] != "passed"), None)
        status = bad["status"] if bad else ("passed" if checks else "missing")
        rows.append(
            {
                "name": t["name"],
                "score": t["score"],
                "max_score": t["max_score"],
                "status": status,
                "words": STATUS_WORDS.get(status, status),
                "cases": f"{sum(c['status'] == 'passed' for c in checks)}/{len(checks)}",
                "case": bad["case"] if bad and status != "not_implemented" else "",
                "message": bad["message"] if bad and status != "not_implemented" else "",
                "hint": bad["hint"] if bad else "",
            }
        )
    return rows


def hint_ladders(a: Assignment, conn: sqlite3.Connection | None) -> list[dict]:
    """Per graded function: the hints read so far and how many the ladder holds."""
    ladders = []
    for name in a.names:
        ladder = a.hints(name)
        seen = store.hint_level(conn, a.id, name) if conn else 0
        ladders.append({"name": name, "shown": ladder[:seen], "count": len(ladder)})
    return ladders


def diff(old: store.Attempt, new: store.Attempt, a: int, b: int) -> list[tuple[str, str]]:
    """A unified diff of two submitted sources as (kind, line), kind one of add, del, hunk, same."""
    lines = difflib.unified_diff(
        old.source.splitlines(), new.source.splitlines(), f"attempt {a}", f"attempt {b}", lineterm="", n=3
    )
    kinds = []
    for line in lines:
        if line.startswith(("+++", "---")):
            kinds.append(("file", line))
        elif line.startswith("@@"):
            kinds.append(("hunk", line))
        else:
            kinds.append(({"+": "add", "-": "del"}.get(line[:1], "same"), line))
    return kinds


def draw_state(bank: quiz.Quiz, questions: list[quiz.Question]) -> list[list]:
    """A drawn attempt as data: each question's id and its options' order as indices into the bank."""
    by_id = {q.id: q for q in bank.questions}
    return [[q.id, [by_id[q.id].options.index(o) for o in q.options]] for q in questions]


def redraw(bank: quiz.Quiz, drawn: list[list]) -> list[quiz.Question]:
    """The questions of ``draw_state`` again; KeyError/IndexError/ValueError when it names what the bank lacks."""
    by_id = {q.id: q for q in bank.questions}
    questions = []
    for qid, order in drawn:
        q = by_id[qid]
        if sorted(order) != list(range(len(q.options))):
            raise ValueError(f"not an order of the options of {qid}")
        questions.append(quiz.Question(q.id, q.prompt, tuple(q.options[i] for i in order), q.multiple))
    return questions


def explain(q: quiz.Question, chosen: set[int]) -> dict:
    """One answered question with every option's explanation, the learner's choice and the right one marked."""
    return {
        "question": q,
        "right": chosen == q.correct,
        "options": [{"option": o, "chosen": n in chosen} for n, o in enumerate(q.options)],
    }


def _history(conn: sqlite3.Connection | None, item: catalog.Item) -> list[tuple[str, float, bool]]:
    """(when, score, passed) of every attempt at a graded item, oldest first."""
    if conn is None or not item.available:
        return []
    if item.kind == "assignment":
        return [(a.created_at, a.score, a.passed) for a in store.attempts(conn, item.id)]
    return store.quiz_history(conn, item.id)


def sparkline(scores: list[float], width: int = 120, height: int = 28) -> str:
    """SVG polyline points for scores 0..1 over attempts (the page draws it; its label lists the scores)."""
    if len(scores) == 1:
        scores = scores * 2
    step = width / max(len(scores) - 1, 1)
    return " ".join(f"{i * step:.1f},{(1 - s) * (height - 4) + 2:.1f}" for i, s in enumerate(scores))


def progress(conn: sqlite3.Connection | None) -> list[dict]:
    """Per course: each week's graded items with their score history, and whether the certificate is earned.

    The certificate needs every assignment and project of the course passed (a course without either, such as
    the case-study course, needs its quizzes and simulators), each one available in this version.
    """
    found = records(conn)
    courses = []
    for c in catalog.courses():
        weeks, items = [], []
        for w in c.weeks:
            rows = []
            for i in w.items:
                if i.kind not in GRADED:
                    continue
                history = _history(conn, i)
                scores = [s for _, s, _ in history]
                rows.append(
                    {
                        "item": i,
                        "state": state(i, found.get(i.id)),
                        "link": link(i),
                        "history": history,
                        "points": sparkline(scores) if scores else "",
                        "label": ", ".join(f"{s:.0%}" for s in scores),
                    }
                )
                items.append((i, history))
            weeks.append({"week": w, "rows": rows})
        required = [(i, h) for i, h in items if i.kind in ("assignment", "project")]
        simulators = any(i.kind == "simulator" for i, _ in items)
        named = "assignments and projects" if any(i.kind == "project" for i, _ in required) else "assignments"
        what = named if required else ("quizzes and simulators" if simulators else "quizzes")
        required = required or items
        passed = [(i, h) for i, h in required if i.available and found.get(i.id) and found[i.id].passed]
        # Completed on the day the last of them was first passed.
        firsts = [min(when for when, _, ok in h if ok) for _, h in passed]
        courses.append(
            {
                "number": c.number,
                "title": c.title,
                "weeks": weeks,
                "required": len(required),
                "what": what,
                "passed": len(passed),
                "complete": bool(required) and len(passed) == len(required),
                "completed_on": max(firsts)[:10] if firsts else "",
                "passed_items": [{"item": i, "best": found[i.id].best} for i, _ in passed],
            }
        )
    return courses


SERIES = (("human", "human-level"), ("train", "train"), ("train_dev", "train-dev"), ("dev", "dev"), ("test", "test"))


def simulation(run) -> dict:
    """A simulator run for its page: the figures table, a plot of them over the steps, the last step's
    explanation (mistakes and news marked) and, after an error analysis, its table."""
    from dlspec.course.simulator import advice

    sc = run.scenario
    rows = [
        {
            "number": n,
            "label": s.action.label if s.action else "first, small network",
            "day": s.state.days,
            "values": [getattr(s.figures, key) for key, _ in SERIES],
            "runtime": sc.runtime_ms(s.state.capacity),
            "mistakes": len(s.mistakes),
        }
        for n, s in enumerate(run.steps)
    ]
    last = run.steps[-1]
    lines = [
        {"text": line, "kind": "mistake" if line in last.mistakes else ("news" if line.startswith("News:") else "")}
        for line in last.explanation
    ]
    analysed = last.action is not None and last.action.id == "error_analysis"
    return {
        "rows": rows,
        "series": [name for _, name in SERIES],
        "plot": plot(run),
        "lines": lines,
        "analysis": advice.analysis(sc, last) if analysed else [],
        "runtime": sc.runtime is not None,
    }


def plot(run, width: int = 640, height: int = 240) -> dict:
    """SVG polylines of the five figures over the steps, and the target as a dashed line (y from 0 up)."""
    values = [[getattr(s.figures, key) for key, _ in SERIES] for s in run.steps]
    top = max(max(max(v) for v in values), run.scenario.target) * 1.1
    pad = 30
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def y(v: float) -> float:
        return height - pad - v / top * (height - 2 * pad)

    lines = [
        {
            "name": name,
            "key": key,
            "points": " ".join(f"{pad + i * step:.1f},{y(v[k]):.1f}" for i, v in enumerate(values)),
            "last": (pad + (len(values) - 1) * step, y(values[-1][k])),
        }
        for k, (key, name) in enumerate(SERIES)
    ]
    ticks = [{"y": y(top * f / 1.1), "label": f"{top * f / 1.1:.1%}"} for f in (0, 0.5, 1.0)]
    return {"width": width, "height": height, "pad": pad, "lines": lines, "target": y(run.scenario.target),
            "ticks": ticks}  # fmt: skip


def challenge_board(challenge, conn) -> dict:
    """A challenge's page: its description as HTML (markdown-it, raw HTML off), its rules, and both boards as rows
    of text; ``conn`` None (no ledger yet): the baselines with their scores on every test row."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    from dlspec.challenges import play

    d = challenge.decimals
    page = {"challenge": challenge, "description": Markup(MarkdownIt("commonmark", {"html": False}).render(
        challenge.description.split("\n", 1)[1])), "board": None}  # fmt: skip
    if conn is None:
        page["baselines"] = [{"name": b.name, "description": b.description, "score": f"{b.score:.{d}f}"}
                             for b in challenge.baselines]  # fmt: skip
        return page
    board = play.board(conn, challenge)

    def row(e) -> dict:
        s = e.submission
        return {
            "entry": f"baseline {e.name}" if e.baseline else f"you {e.name}" + (f" ({s.note})" if s.note else ""),
            "baseline": e.baseline, "final": e.final and not e.baseline,
            "public": f"{e.public:.{d}f}", "secondary": [f"{e.secondary[m]:.{d}f}" for m in challenge.secondary],
            "public_rank": e.public_rank, "private_rank": e.private_rank, "ranked": e.ranked,
            "final_public_rank": e.final_public_rank,
            "private": "" if e.private is None else f"{e.private:.{d}f}",
            "interval": f"{e.interval[0]:.{d}f} to {e.interval[1]:.{d}f}" if e.interval else "",
            "shake_up": e.shake_up, "when": f"{s.created_at:%Y-%m-%d %H:%M}" if s else "",
        }  # fmt: skip

    page.update(board=board, public=[row(e) for e in board.entries], private=[row(e) for e in board.private])
    return page
