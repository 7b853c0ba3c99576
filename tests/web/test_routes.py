"""The course site's routes through Flask's test client: pages, grading, hints, solutions, quizzes, certificates,
and every kind of bad input giving a clear page that changes nothing."""

import html
import re

import pytest
from sitekit import AID, graded, seed_course, write_notebook

from dlspec import workspace
from dlspec.cli import main
from dlspec.course import assignment, catalog, quiz
from dlspec.progress import store


def attempts(root):
    if not workspace.database(root).exists():
        return []
    return store.attempts(store.connect(workspace.database(root)), AID)


def text(response) -> str:
    """The page's text with tags dropped and whitespace squeezed, for assertions on what a reader sees."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_the_course_map_shows_every_course_week_and_item_with_its_status(client, root):
    page = text(client.get("/"))
    for course in catalog.courses():
        assert f"Course {course.number}: {course.title}" in page
    assert "Python basics with NumPy not started" in page
    assert "coming in a later version" not in page and "all available" in page  # every item ships now
    assert not workspace.database(root).exists()  # looking creates nothing

    seed_course(root, 1, scores=(0.5,))
    page = text(client.get("/"))
    assert "Python basics with NumPy in progress · 50%" in page


def test_an_item_not_shipped_yet_is_shown_as_coming(client, monkeypatch):
    real = catalog._available
    monkeypatch.setattr(catalog, "_available", lambda item_id, kind: item_id != "c5w4" and real(item_id, kind))
    page = text(client.get("/"))
    assert "coming in a later version" in page and "the rest come with later versions" in page


def test_the_week_page_has_the_summary_and_the_items(client):
    week = catalog.courses()[0].weeks[1]
    page = text(client.get("/course/1/week/2"))
    assert week.title in page and " ".join(week.summary.split())[:60] in page
    for item in week.items:
        assert item.title in page
    missing = client.get("/course/1/week/9")
    assert missing.status_code == 404 and "no course 1, week 9" in text(missing)


def test_the_assignment_page_says_what_to_build_and_links_jupyterlab(client):
    a = assignment.load(AID)
    body = client.get(f"/assignment/{AID}").get_data(as_text=True)
    for name in a.names:
        assert f"<code>{name}</code>" in body
    assert f'href="http://127.0.0.1:9999/lab/tree/{a.notebook}.ipynb"' in body
    assert "No attempt yet" in body and "It opens once you pass" in body


@pytest.mark.parametrize("aid", assignment.available_ids())
def test_every_assignment_page_names_its_graded_functions(client, aid):
    body = client.get(f"/assignment/{aid}").get_data(as_text=True)
    assert all(f"<code>{name}</code>" in body for name in assignment.load(aid).names)


def test_grade_now_records_an_attempt_and_shows_the_table(client, root, grader, csrf):
    response = client.post(f"/assignment/{AID}/grade", data={"csrf": csrf})
    assert response.status_code == 303
    [attempt] = attempts(root)
    assert attempt.source.startswith("# %% cell 1\ndef basic_sigmoid")  # the same record as `dlspec submit`
    page = text(client.get(f"/assignment/{AID}"))
    assert "Attempt 1:" in page and "not passed yet" in page
    assert "basic_sigmoid 1/1 3/3 passed" in page
    assert "wrong example expected shape (2, 3), got (3, 2) Hint: transposed?" in page
    assert "not implemented" in page
    assert client.get(f"/assignment/{AID}/attempts.json").get_json()["attempts"] == 1


def test_a_grade_from_the_command_line_and_one_from_the_site_agree(client, root, grader, csrf, capsys):
    assert main(["submit", AID, "--workspace", str(root)]) == 1
    capsys.readouterr()
    assert client.get(f"/assignment/{AID}/attempts.json").get_json()["attempts"] == 1  # what the page polls
    from_cli = text(client.get(f"/assignment/{AID}"))
    client.post(f"/assignment/{AID}/grade", data={"csrf": csrf})
    first, second = attempts(root)
    assert first.results == second.results and first.source == second.source and first.path == second.path
    from_site = text(client.get(f"/assignment/{AID}"))
    table = re.compile(r"first failure (.*) Attempts")
    assert table.search(from_cli).group(1) == table.search(from_site).group(1)


def test_a_tampered_or_missing_csrf_token_is_refused_and_changes_nothing(client, root, grader, csrf):
    for data in ({}, {"csrf": csrf[:-1] + "x"}):
        response = client.post(f"/assignment/{AID}/grade", data=data)
        assert response.status_code == 400
        assert "could not be accepted" in text(response) and "Nothing was changed" in text(response)
    assert attempts(root) == []


def test_only_local_host_names_are_served(client):
    assert client.get("/", headers={"Host": "evil.example:8800"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8800"}).status_code == 200


def test_bad_input_gives_a_clear_page_and_loses_nothing(client, root, grader, csrf):
    unknown = client.get("/assignment/c9w9a9")
    assert unknown.status_code == 404 and "no assignment 'c9w9a9'; available: c1w2a1" in text(unknown)
    assert client.get("/quiz/c9w9").status_code == 404
    assert client.get("/nowhere").status_code == 404

    notebook = workspace.notebook_path(root, assignment.load(AID))
    write_notebook(notebook, "# syntax\n")
    response = client.post(f"/assignment/{AID}/grade", data={"csrf": csrf})
    assert response.status_code == 422 and "Not gradable: cell 1, line 2: invalid syntax" in text(response)

    write_notebook(notebook, "# crash\n")
    saved = notebook.read_bytes()
    response = client.post(f"/assignment/{AID}/grade", data={"csrf": csrf})
    assert response.status_code == 500
    assert "RuntimeError: the sandbox could not start" in text(response) and "Nothing was recorded" in text(response)
    assert notebook.read_bytes() == saved

    notebook.unlink()
    response = client.post(f"/assignment/{AID}/grade", data={"csrf": csrf})
    assert response.status_code == 404 and "Run `dlspec start`" in text(response)
    assert "is not in your workspace yet" in text(client.get(f"/assignment/{AID}"))
    assert attempts(root) == []


def test_an_unreadable_progress_database_is_reported_and_left_alone(client, root):
    db = workspace.database(root)
    db.write_bytes(b"not a database")
    response = client.get("/")
    assert response.status_code == 500 and "left exactly as it is" in text(response)
    assert db.read_bytes() == b"not a database"


def test_the_hint_ladder_goes_one_step_at_a_time(client, root, csrf):
    ladder = assignment.load(AID).hints("sigmoid")
    assert client.post(f"/assignment/{AID}/hint", data={"csrf": csrf, "function": "sigmoid"}).status_code == 303
    page = text(client.get(f"/assignment/{AID}"))
    assert " ".join(ladder[0].split()) in page and " ".join(ladder[1].split()) not in page
    assert f"1 of {len(ladder)} hints read" in page
    client.post(f"/assignment/{AID}/hint", data={"csrf": csrf, "function": "sigmoid"})
    conn = store.connect(workspace.database(root))
    assert store.hint_level(conn, AID, "sigmoid") == 2
    assert client.post(f"/assignment/{AID}/hint", data={"csrf": csrf, "function": "os.system"}).status_code == 400


def test_the_solution_opens_after_passing_or_when_forced_and_is_recorded(client, root, csrf):
    locked = client.get(f"/assignment/{AID}/solution")
    assert locked.status_code == 403 and "opens once you pass" in text(locked)
    conn = store.connect(workspace.database(root))
    assert store.solution_views(conn, AID) == []

    forced = client.post(f"/assignment/{AID}/solution", data={"csrf": csrf, "force": "1"})
    assert forced.status_code == 200 and "def basic_sigmoid(x):" in forced.get_data(as_text=True)
    assert store.solution_views(conn, AID) == [True]

    store.record_attempt(conn, graded(AID, 1.0), "code", "nb.ipynb")
    assert "the reference solution" in text(client.get(f"/assignment/{AID}"))
    assert client.get(f"/assignment/{AID}/solution").status_code == 200
    assert store.solution_views(conn, AID) == [True, False]


def test_two_submitted_versions_can_be_compared(client, root):
    conn = store.connect(workspace.database(root))
    store.record_attempt(conn, graded(AID, 0.5), "def f(x):\n    return x.T\n", "nb.ipynb")
    store.record_attempt(conn, graded(AID, 1.0), "def f(x):\n    return x\n", "nb.ipynb")
    body = client.get(f"/assignment/{AID}/diff?a=1&b=2").get_data(as_text=True)
    assert '<span class="d-del">-    return x.T</span>' in body and '<span class="d-add">+    return x</span>' in body
    assert client.get(f"/assignment/{AID}/diff?a=1&b=3").status_code == 404
    assert client.get(f"/assignment/{AID}/diff?a=one&b=2").status_code == 404


def _state(body: str) -> str:
    return html.unescape(re.search(r'name="state" value="([^"]+)"', body).group(1))


def _drawn(body: str) -> list[str]:
    return re.findall(r'data-question="([^"]+)"', body)


@pytest.fixture
def bank() -> quiz.Quiz:
    return quiz.load("c1w2")


def _right(bank: quiz.Quiz, body: str, qid: str) -> list[str]:
    """The form values of the right options of question ``qid`` as the page drew them."""
    by_id = {q.id: q for q in bank.questions}
    shown = re.findall(rf'name="q-{qid}" value="(\d+)"> ([^<]+?)</label>', body)
    correct = {o.text for o in by_id[qid].options if o.correct}
    return [value for value, label in shown if html.unescape(label).strip() in correct]


def test_a_quiz_all_at_once_is_scored_explained_recorded_and_a_retry_asks_others(client, root, csrf, bank):
    start = client.post("/quiz/c1w2/start", data={"csrf": csrf, "mode": "all"}).get_data(as_text=True)
    asked = _drawn(start)
    assert len(asked) == bank.length
    answers = {"csrf": csrf, "state": _state(start)}
    for qid in asked:
        answers[f"q-{qid}"] = _right(bank, start, qid)
    result = text(client.post("/quiz/c1w2/answer", data=answers))
    assert f"{bank.length} of {bank.length} right (100%) — passed" in result
    assert result.count("Right.") == bank.length
    some_option = bank.questions[0].options[1]
    if bank.questions[0].id in asked:
        assert " ".join(some_option.why.split()) in result  # every option explained, chosen or not
    conn = store.connect(workspace.database(root))
    assert store.last_quiz_questions(conn, "c1w2") == set(asked)
    assert store.quiz_history(conn, "c1w2")[0][1:] == (1.0, True)

    retry = client.post("/quiz/c1w2/start", data={"csrf": csrf, "mode": "all"}).get_data(as_text=True)
    assert not set(_drawn(retry)) & set(asked)  # the bank holds twice an attempt: all fresh questions


def test_a_quiz_one_question_at_a_time_gives_feedback_after_each(client, root, csrf, bank):
    page = client.post("/quiz/c1w2/start", data={"csrf": csrf, "mode": "one"}).get_data(as_text=True)
    [first] = _drawn(page)
    empty = text(client.post("/quiz/c1w2/answer", data={"csrf": csrf, "state": _state(page)}))
    assert "Choose an answer first." in empty and "Question 1 of" in empty
    seen = []
    for n in range(bank.length):
        [qid] = _drawn(page)
        seen.append(qid)
        response = client.post(
            "/quiz/c1w2/answer", data={"csrf": csrf, "state": _state(page), f"q-{qid}": _right(bank, page, qid)}
        )
        page = response.get_data(as_text=True)
        if n < bank.length - 1:
            assert f"Question {n + 1}: " in text(response) and "Right." in text(response)
            assert f"Question {n + 2} of {bank.length}" in text(response)
    assert f"{bank.length} of {bank.length} right (100%)" in text(response)
    assert seen[0] == first and len(set(seen)) == bank.length
    assert len(store.quiz_history(store.connect(workspace.database(root)), "c1w2")) == 1


def test_a_tampered_quiz_is_refused_and_records_nothing(client, root, csrf):
    page = client.post("/quiz/c1w2/start", data={"csrf": csrf, "mode": "all"}).get_data(as_text=True)
    state = _state(page)
    assert client.post("/quiz/c1w2/answer", data={"csrf": csrf, "state": state[:-2] + "xx"}).status_code == 400
    qid = _drawn(page)[0]
    assert client.post("/quiz/c1w2/answer", data={"csrf": csrf, "state": state, f"q-{qid}": "9"}).status_code == 400
    assert client.post("/quiz/c1w1/answer", data={"csrf": csrf, "state": state}).status_code == 400  # other bank
    assert client.post("/quiz/c1w2/start", data={"csrf": csrf, "mode": "sideways"}).status_code == 400
    assert not workspace.database(root).exists()


def test_progress_and_the_certificate_once_every_assignment_of_the_course_passed(client, root):
    assert client.get("/certificate/1").status_code == 403
    assert client.get("/certificate/9").status_code == 404
    ids = seed_course(root, 1, scores=(0.5,))
    page = text(client.get("/progress"))
    assert f"Certificate: 0 of {len(ids)} assignments passed so far" in page
    assert "scores: 50%" in client.get("/progress").get_data(as_text=True)

    seed_course(root, 1, scores=(1.0,))
    progress = client.get("/progress").get_data(as_text=True)
    assert 'href="/certificate/1"' in progress and "scores: 50%, 100%" in progress
    cert = text(client.get("/certificate/1?name=Ada Lovelace"))
    assert "Certificate of completion" in cert and "Ada Lovelace" in cert
    assert "Course 1: Neural Networks and Deep Learning" in cert
    for aid in ids:
        assert catalog.item(aid).title in cert


def test_static_files_come_from_the_package(client):
    for name in ("site.css", "site.js"):
        assert client.get(f"/static/{name}").status_code == 200
    body = client.get("/").get_data(as_text=True)
    assert "http" not in " ".join(re.findall(r'(?:src|href)="([^"]+)"', body))  # nothing from elsewhere


def _play(client, csrf, sid: str, seed: str, actions: list[str]):
    """Start a simulator run and take ``actions``; returns the last response."""
    response = client.post(f"/simulator/{sid}/start", data={"csrf": csrf, "seed": seed})
    for action in actions:
        state = _state(response.get_data(as_text=True))
        response = client.post(f"/simulator/{sid}/act", data={"csrf": csrf, "state": state, "action": action})
    return response


def test_a_simulator_run_shows_the_figures_and_explains_each_decision_then_records_its_score(client, root, csrf):
    assert 'href="/simulator/c3w1s1"' in client.get("/").get_data(as_text=True)
    start = text(client.get("/simulator/c3w1s1"))
    assert "Simulator: A bird detector for a city" in start and "Start the project" in start
    page = text(_play(client, csrf, "c3w1s1", "5", ["error_analysis", "add_other_train"]))
    assert "Day 5 of 90" in page and "Of 100 misclassified dev examples" not in page
    assert "the effort went to the smaller problem" in page and "mistake" in page
    assert not workspace.database(root).exists()  # nothing is recorded before the run ends
    result = text(_play(client, csrf, "c3w1s1", "5", ["tune_test", "ship"]))
    assert "Score" in result and "not passed yet. Recorded in your progress." in result
    assert "test set stops being an unbiased estimate" in result
    assert "What was hidden Bayes error" in result
    runs = store.simulation_runs(store.connect(workspace.database(root)), "c3w1s1")
    assert [(r[3], r[4]) for r in runs] == [(5, ["tune_test", "ship"])]
    assert "seed 5, 2 decisions" in text(client.get("/simulator/c3w1s1"))


def test_a_tampered_simulator_run_is_refused_and_records_nothing(client, root, csrf):
    page = _play(client, csrf, "c3w2s1", "3", []).get_data(as_text=True)
    state = _state(page)
    act = "/simulator/c3w2s1/act"
    assert client.post(act, data={"csrf": csrf, "state": state[:-2] + "xx", "action": "ship"}).status_code == 400
    assert client.post(act, data={"csrf": csrf, "state": state, "action": "fly"}).status_code == 400
    other = {"csrf": csrf, "state": state, "action": "ship"}
    assert client.post("/simulator/c3w1s1/act", data=other).status_code == 400  # a run of the other simulator
    assert client.post("/simulator/c3w2s1/start", data={"csrf": csrf, "seed": "-1"}).status_code == 400
    assert client.get("/simulator/c3w9s1").status_code == 404
    assert not workspace.database(root).exists()
