"""The routes of the course site. Each one reads the curriculum and the progress store, or calls the grader, and
renders a template; the shaping of that data for the page lives in ``views.py``.

Safety rules, all enforced here:

* the server binds 127.0.0.1 and answers only requests addressed to a local host name (no DNS rebinding);
* every POST carries the page's CSRF token; a quiz or simulator run in progress travels as a signed token; either
  one tampered with gives a 400 page and changes nothing;
* the only files the site ever writes are the progress database, only through ``dlspec.progress.store``, and the
  challenges' ledger (an install's split seed, drawn when its board is first shown), only through
  ``dlspec.challenges.ledger``.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import sqlite3
from pathlib import Path

from flask import Flask, abort, current_app, g, jsonify, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.exceptions import HTTPException
from werkzeug.serving import BaseWSGIServer
from werkzeug.serving import make_server as werkzeug_server

from dlspec import workspace
from dlspec.course import assignment as assignments
from dlspec.course import catalog, quiz
from dlspec.progress import store
from dlspec.web import views

HOST = "127.0.0.1"
LOCAL_NAMES = {"127.0.0.1", "localhost", "[::1]"}
log = logging.getLogger(__name__)


class PageError(Exception):
    """Ends a request with a page that says what went wrong and what to do; nothing has been changed."""

    def __init__(self, status: int, title: str, message: str):
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


def tampered() -> PageError:
    return PageError(
        400,
        "This form could not be accepted",
        "The form did not come from this page of the course site, or the site was restarted since the page was "
        "loaded. Nothing was changed. Reload the page and try again.",
    )


def create_app(root: Path, lab_url: str = "http://127.0.0.1:8888") -> Flask:
    """The site for the workspace at ``root``; "open in JupyterLab" links point at ``lab_url``."""
    app = Flask(__name__)
    # A fresh secret per run: forms and quizzes from before a restart are refused (with a clear page), never misread.
    app.config.update(WORKSPACE=Path(root), LAB_URL=lab_url.rstrip("/"), SECRET_KEY=secrets.token_hex(32))
    app.config["CSRF"] = secrets.token_urlsafe(32)
    app.before_request(_guard)
    app.teardown_appcontext(_close_db)
    app.context_processor(lambda: {"csrf_token": app.config["CSRF"]})
    app.register_error_handler(PageError, _problem_page)
    app.register_error_handler(HTTPException, _http_page)
    app.register_error_handler(store.ProgressError, _progress_page)
    for rule, view, methods in ROUTES:
        app.add_url_rule(rule, view.__name__, view, methods=methods)
    return app


def make_server(root: Path, port: int, lab_url: str = "http://127.0.0.1:8888") -> BaseWSGIServer:
    """A threaded server for the site, bound to 127.0.0.1:``port`` (call ``serve_forever``; OSError if taken)."""
    return werkzeug_server(HOST, port, create_app(root, lab_url), threaded=True)


# -- plumbing ------------------------------------------------------------------------------------------------------


def _guard() -> None:
    if request.host.rsplit(":", 1)[0] not in LOCAL_NAMES:
        raise PageError(400, "Not a local address", "The course site only answers on 127.0.0.1 or localhost.")
    if request.method == "POST":
        sent = request.form.get("csrf", "")
        if not hmac.compare_digest(sent.encode(), current_app.config["CSRF"].encode()):
            raise tampered()


def _problem_page(e: PageError):
    return render_template("error.html", title=e.title, message=e.message), e.status


def _progress_page(e: store.ProgressError):
    return _problem_page(PageError(500, "Your progress cannot be read", str(e)))


def _http_page(e: HTTPException):
    return render_template("error.html", title=e.name, message=e.description), e.code


def _root() -> Path:
    return current_app.config["WORKSPACE"]


def db(write: bool = False) -> sqlite3.Connection | None:
    """The progress database for this request. Reading a workspace that has none yet creates nothing: None."""
    if "db" not in g:
        if not write and not workspace.database(_root()).exists():
            return None
        g.db = store.connect(workspace.database(_root()))
    return g.db


def _close_db(_exc) -> None:
    for name in ("db", "ledger"):
        conn = g.pop(name, None)
        if conn is not None:
            conn.close()


def _assignment(aid: str):
    try:
        return assignments.load(aid)
    except assignments.UnknownAssignmentError as e:
        raise PageError(404, "No such assignment", str(e)) from e


def _bank(qid: str) -> quiz.Quiz:
    try:
        return quiz.load(qid)
    except KeyError as e:
        raise PageError(404, "No such quiz", e.args[0]) from e


def _week(course: int, week: int) -> catalog.Week:
    for c in catalog.courses():
        for w in c.weeks:
            if (c.number, w.number) == (course, week):
                return w
    raise PageError(404, "No such week", f"The specialization has no course {course}, week {week}.")


def _signer(salt: str = "quiz") -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _scenario(sid: str):
    from dlspec.course.simulator import scenario

    try:
        return scenario.load(sid)
    except KeyError as e:
        raise PageError(404, "No such simulator", e.args[0]) from e


# -- pages ---------------------------------------------------------------------------------------------------------


def course_map():
    records = views.records(db())
    return render_template("map.html", courses=views.course_map(records), total=views.overall(records))


def week_page(course: int, week: int):
    w = _week(course, week)
    course_title = next(c.title for c in catalog.courses() if c.number == course)
    return render_template(
        "week.html", week=w, course_title=course_title, items=views.week_items(w, views.records(db()))
    )


def assignment_page(aid: str, notice: str = "", status: int = 200):
    a = _assignment(aid)
    conn = db()
    history = store.attempts(conn, a.id) if conn else []
    path = workspace.notebook_path(_root(), a)
    latest = history[-1] if history else None
    passed = any(x.passed for x in history)
    page = render_template(
        "assignment.html",
        a=a,
        item=next((i for i in catalog.items() if i.id == a.id), None),
        functions=views.functions(a),
        notebook=path,
        notebook_exists=path.is_file(),
        lab_link=f"{current_app.config['LAB_URL']}/lab/tree/{path.name}",
        history=history,
        latest=latest,
        rows=views.result_rows(latest.results) if latest else [],
        passed=passed,
        hints=views.hint_ladders(a, conn),
        notice=notice,
    )
    return page, status


def attempts_json(aid: str):
    """What the assignment page polls: a new attempt (from the site, ``dlspec submit`` or anywhere) changes it."""
    a = _assignment(aid)
    conn = db()
    history = store.attempts(conn, a.id) if conn else []
    last = history[-1] if history else None
    return jsonify(attempts=len(history), latest=last.id if last else None, score=last.score if last else None)


def grade_now(aid: str):
    """Grade the saved notebook through the same grader and store function as ``dlspec submit``."""
    from dlspec import grader

    a = _assignment(aid)
    path = workspace.notebook_path(_root(), a)
    if not path.is_file():
        raise PageError(
            404,
            "Notebook not found",
            f"There is no {path.name} in the workspace {_root()}. Run `dlspec start` to create it; it never "
            "overwrites your files. Nothing was graded or recorded.",
        )
    try:
        result = grader.grade(a.id, path, sandbox=True)
    except Exception as e:  # a grader bug must cost the learner nothing: say so, record nothing
        log.exception("grading %s failed", a.id)
        raise PageError(
            500,
            "The grader stopped with an error",
            f"{type(e).__name__}: {e}. Nothing was recorded and your notebook was not touched. "
            f"The command line gives the same verdict: dlspec submit {a.id}",
        ) from e
    if store.record_submission(db(write=True), result, path) is None:
        return assignment_page(a.id, notice=f"Not gradable: {result.message}. Nothing was recorded.", status=422)
    return redirect(url_for("assignment_page", aid=a.id, _anchor="latest"), code=303)


def next_hint(aid: str):
    a = _assignment(aid)
    name = request.form.get("function", "")
    if name not in a.names or not a.hints(name):
        raise tampered()
    store.reveal_hint(db(write=True), a.id, name, len(a.hints(name)))
    return redirect(url_for("assignment_page", aid=a.id, _anchor=f"hints-{name}"), code=303)


def solution_page(aid: str):
    from dlspec.course.build import reference_source

    a = _assignment(aid)
    force = request.method == "POST" and request.form.get("force") == "1"
    if not store.open_solution(db(write=True), a.id, force=force):
        raise PageError(
            403,
            "The solution opens once you pass",
            f"Pass {a.id} first (grade it on its page or with `dlspec submit {a.id}`). To see it anyway, use the "
            "button on the assignment page; that view is recorded in your progress.",
        )
    code = "\n\n".join(reference_source(a, name) for name in a.names)
    return render_template("solution.html", a=a, code=code)


def diff_page(aid: str):
    a = _assignment(aid)
    conn = db()
    history = store.attempts(conn, a.id) if conn else []
    numbers = [request.args.get(k, type=int) for k in ("a", "b")]
    if any(n is None or not 1 <= n <= len(history) for n in numbers):
        raise PageError(404, "No such attempt", f"{a.id} has attempts 1 to {len(history)}; choose two of them.")
    old, new = (history[n - 1] for n in numbers)
    return render_template("diff.html", a=a, numbers=numbers, lines=views.diff(old, new, *numbers))


def quiz_page(qid: str):
    bank = _bank(qid)
    conn = db()
    return render_template("quiz_start.html", bank=bank, history=store.quiz_history(conn, bank.id) if conn else [])


def quiz_start(qid: str):
    bank = _bank(qid)
    mode = request.form.get("mode")
    if mode not in ("one", "all"):
        raise tampered()
    conn = db()
    asked = store.last_quiz_questions(conn, bank.id) if conn else set()
    questions = quiz.draw(bank, secrets.randbits(32), exclude=asked)
    state = {"mode": mode, "draw": views.draw_state(bank, questions), "answers": {}}
    return _quiz_step(bank, state, questions, feedback=None)


def quiz_answer(qid: str):
    bank = _bank(qid)
    try:
        state = _signer().loads(request.form.get("state", ""))
        questions = views.redraw(bank, state["draw"])
    except (BadSignature, KeyError, TypeError, ValueError, IndexError) as e:
        raise tampered() from e
    todo = questions if state["mode"] == "all" else questions[len(state["answers"]) : len(state["answers"]) + 1]
    feedback = []
    for q in todo:
        chosen = request.form.getlist(f"q-{q.id}")
        if not all(c.isdigit() and int(c) < len(q.options) for c in chosen) or (not q.multiple and len(chosen) > 1):
            raise tampered()
        if not chosen and state["mode"] == "one":
            return _quiz_step(bank, state, questions, feedback=None, error="Choose an answer first.")
        state["answers"][q.id] = sorted({int(c) for c in chosen})
        feedback.append(views.explain(q, set(state["answers"][q.id])))
    return _quiz_step(bank, state, questions, feedback=feedback)


def _quiz_step(bank: quiz.Quiz, state: dict, questions: list, feedback: list | None, error: str = ""):
    """The next page of a quiz: questions still to answer, or the recorded result once all are answered."""
    answers = {k: set(v) for k, v in state["answers"].items()}
    if len(answers) == len(questions):
        result = quiz.score(questions, answers, bank.pass_mark)
        store.record_quiz(db(write=True), bank.id, result.score, result.passed, answers)
        return render_template(
            "quiz_result.html",
            bank=bank,
            result=result,
            right=sum(r.correct for r in result.questions),
            review=[views.explain(q, answers[q.id]) for q in questions],
        )
    todo = questions if state["mode"] == "all" else [questions[len(answers)]]
    return render_template(
        "quiz.html",
        bank=bank,
        todo=todo,
        first=len(answers) + 1,
        total=len(questions),
        state=_signer().dumps(state),
        feedback=feedback[-1] if feedback else None,
        error=error,
    )


def project_page(pid: str):
    """A project's page: what to build, where its files are, and the checks of every graded run."""
    from dlspec.course import project

    try:
        p = project.load(pid)
    except project.UnknownProjectError as e:
        raise PageError(404, "No such project", str(e)) from e
    conn = db()
    runs = store.project_runs(conn, p.id) if conn else []
    folder = workspace.project_folder(_root(), p)
    notebook = workspace.notebook_path(_root(), p)
    return render_template(
        "project.html",
        p=p,
        runs=runs,
        latest=runs[-1] if runs else None,
        folder=folder,
        folder_exists=folder.is_dir(),
        lab_link=f"{current_app.config['LAB_URL']}/lab/tree/{notebook.name}",
    )


def simulator_page(sid: str):
    sc = _scenario(sid)
    conn = db()
    runs = store.simulation_runs(conn, sc.id) if conn else []
    return render_template("simulator_start.html", sc=sc, runs=runs, seed=secrets.randbelow(10_000))


def simulator_start(sid: str):
    """A new run from the seed in the form: a number replays that project, an empty field draws a new one."""
    from dlspec.course.simulator import play

    sc = _scenario(sid)
    text = request.form.get("seed", "").strip()
    if text and not (text.isdigit() and len(text) <= 9):
        raise PageError(400, "Not a seed", "A seed is a whole number (up to nine digits), or empty for a new one.")
    seed = int(text) if text else secrets.randbelow(10_000)
    return _simulator_step(play.start(sc, seed))


def simulator_act(sid: str):
    from dlspec.course.simulator import play

    sc = _scenario(sid)
    try:
        state = _signer("simulator").loads(request.form.get("state", ""))
        if state["sid"] != sc.id:
            raise ValueError("a run of another simulator")
        run = play.replay(sc, state["seed"], state["actions"])
        run = play.act(run, request.form.get("action", ""))
    except (BadSignature, KeyError, TypeError, ValueError) as e:
        raise tampered() from e
    return _simulator_step(run)


def _simulator_step(run):
    """The page of a run: the next decision, or the recorded result once it has ended."""
    from dlspec.course.simulator import play

    view = views.simulation(run)
    if run.result is not None:
        r = run.result
        store.record_simulation(db(write=True), run.scenario.id, r.score, r.passed, run.seed, run.actions)
        from dlspec.course.simulator import narrate

        hidden = narrate.reveal(run)
        return render_template("simulator_result.html", sc=run.scenario, run=run, view=view, result=r, hidden=hidden)
    token = _signer("simulator").dumps({"sid": run.scenario.id, "seed": run.seed, "actions": run.actions})
    return render_template(
        "simulator.html", sc=run.scenario, run=run, view=view, actions=play.open_actions(run), state=token
    )


def progress_page():
    conn = db()
    return render_template("progress.html", courses=views.progress(conn), total=views.overall(views.records(conn)))


def _challenge(slug: str):
    from dlspec.challenges import bundle

    try:
        return bundle.load(slug)
    except bundle.UnknownChallengeError as e:
        raise PageError(404, "No such challenge", str(e)) from e


def _ledger() -> sqlite3.Connection | None:
    """The challenges' ledger, None where there is none yet (viewing a board creates no workspace)."""
    from dlspec.challenges import ledger

    path = workspace.database(_root()).parent / ledger.FILE
    if not path.exists():
        return None
    if "ledger" not in g:
        g.ledger = ledger.connect(path)
    return g.ledger


def challenges_page():
    from dlspec.challenges import bundle

    return render_template("challenges.html", challenges=list(bundle.challenges().values()))


def challenge_page(slug: str):
    return render_template("challenge.html", **views.challenge_board(_challenge(slug), _ledger()))


def certificate(course: int):
    conn = db()
    found = next((c for c in views.progress(conn) if c["number"] == course), None)
    if found is None:
        abort(404, f"The specialization has no course {course}.")
    if not found["complete"]:
        raise PageError(
            403,
            "Not yet",
            f"The certificate of course {course} opens once every one of its assignments has passed "
            f"({found['passed']} of {found['required']} so far).",
        )
    name = request.args.get("name", "").strip()[:80]
    return render_template("certificate.html", course=found, name=name)


ROUTES = [
    ("/", course_map, ["GET"]),
    ("/course/<int:course>/week/<int:week>", week_page, ["GET"]),
    ("/assignment/<aid>", assignment_page, ["GET"]),
    ("/assignment/<aid>/attempts.json", attempts_json, ["GET"]),
    ("/assignment/<aid>/grade", grade_now, ["POST"]),
    ("/assignment/<aid>/hint", next_hint, ["POST"]),
    ("/assignment/<aid>/solution", solution_page, ["GET", "POST"]),
    ("/assignment/<aid>/diff", diff_page, ["GET"]),
    ("/quiz/<qid>", quiz_page, ["GET"]),
    ("/quiz/<qid>/start", quiz_start, ["POST"]),
    ("/quiz/<qid>/answer", quiz_answer, ["POST"]),
    ("/project/<pid>", project_page, ["GET"]),
    ("/simulator/<sid>", simulator_page, ["GET"]),
    ("/simulator/<sid>/start", simulator_start, ["POST"]),
    ("/simulator/<sid>/act", simulator_act, ["POST"]),
    ("/progress", progress_page, ["GET"]),
    ("/challenges", challenges_page, ["GET"]),
    ("/challenge/<slug>", challenge_page, ["GET"]),
    ("/certificate/<int:course>", certificate, ["GET"]),
]
