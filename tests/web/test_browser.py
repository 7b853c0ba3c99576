"""The course site in a real headless browser (Debian's chromium under Playwright): the learner's main flows,
end to end, with the real grader and the real course content."""

import pytest
from playwright.sync_api import expect
from sitekit import AID, chromium, graded, running_site, seed_course

from dlspec import workspace
from dlspec.course import quiz
from dlspec.course.simulator import scenario
from dlspec.progress import store

expect.set_options(timeout=20_000)  # a busy 2-core CI machine; a passing page appears in well under a second


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def site(tmp_path):
    """A workspace with c1w2a1's fresh notebook, and the site serving it on a free port."""
    root = tmp_path / "ws"
    workspace.sync(root, [AID])
    with running_site(root) as url:
        yield root, url


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    page.set_default_timeout(20_000)  # grading on a busy 2-core machine; a passing run takes a second or two
    yield page
    page.close()


def test_from_the_course_map_to_a_graded_notebook_and_a_new_attempt_landing(site, page):
    root, url = site
    page.goto(url)
    expect(page.get_by_role("heading", name="Course map", level=1)).to_be_visible()
    page.get_by_role("link", name="Python basics with NumPy").first.click()
    expect(page.get_by_role("heading", name="Python basics with NumPy")).to_be_visible()

    page.get_by_role("button", name="Grade now").click()  # the real grader on the untouched template
    table = page.locator("table.grade")
    table.wait_for()
    assert "Attempt 1:" in page.locator("#latest").inner_text()
    assert table.get_by_role("row", name="basic_sigmoid").get_by_text("not implemented").is_visible()

    # An attempt recorded elsewhere (dlspec submit or watch) appears without touching the page.
    conn = store.connect(workspace.database(root))
    store.record_attempt(conn, graded(AID, 1.0), "def basic_sigmoid(x): ...", "elsewhere.ipynb")
    page.get_by_text("Attempt 2:").wait_for()
    assert "100%" in page.locator("#latest").inner_text()


def test_a_quiz_taken_with_the_keyboard_and_the_mouse(site, page):
    root, url = site
    bank = quiz.load("c1w1")
    right = {q.id: {o.text for o in q.options if o.correct} for q in bank.questions}
    page.goto(f"{url}/quiz/c1w1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.get_by_label("All questions on one page").check()
    page.get_by_role("button", name="Start the quiz").click()
    questions = page.locator("fieldset.question")
    expect(questions).to_have_count(bank.length)  # waits for the POST's page to render
    for n in range(bank.length):
        fieldset = questions.nth(n)
        for text in right[fieldset.get_attribute("data-question")]:
            fieldset.get_by_label(text, exact=True).check()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("status")).to_contain_text(f"{bank.length} of {bank.length} right (100%)")
    assert page.locator(".explained .why").count() >= 3 * bank.length  # every option explained
    assert store.quiz_history(store.connect(workspace.database(root)), "c1w1")[0][1:] == (1.0, True)


def test_the_certificate_after_passing_every_assignment_of_course_1(site, page):
    root, url = site
    seed_course(root, 1, scores=(0.5, 1.0))
    page.goto(f"{url}/progress")
    page.get_by_role("link", name="Your certificate of completion").first.click()
    page.get_by_label("Name on the certificate").fill("Grace Hopper")
    page.get_by_label("Name on the certificate").press("Enter")
    certificate = page.locator("article.certificate")
    expect(page.get_by_role("heading", name="Certificate of completion")).to_be_visible()
    assert "Grace Hopper" in certificate.inner_text()
    assert "Course 1: Neural Networks and Deep Learning" in certificate.inner_text()
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible() and certificate.is_visible()  # prints the certificate alone


def test_a_simulator_played_to_the_end_from_the_course_map_and_recorded(site, page):
    root, url = site
    sc = scenario.load("bird")
    # Seed 4's project: the council's complaint arrives on day 28, kestrels on day 36.
    good = ["error_analysis", "bigger_network", "bigger_network", "bigger_network", "change_metric",
            "add_other_train", "collect_category", "transfer", "fix_labels", "ship"]  # fmt: skip
    page.goto(url)
    page.get_by_role("link", name=sc.title).click()
    expect(page.get_by_role("heading", name=f"Simulator: {sc.title}")).to_be_visible()
    page.get_by_label("Project (seed)").fill("4")
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_role("heading", name="What next?")).to_be_visible()
    for n, action in enumerate(good, 1):
        page.get_by_role("button", name=sc.action(action).label, exact=True).click()
        expect(page.locator("table.sim tbody tr")).to_have_count(n + 1)  # one row more per decision
        if action == "error_analysis":
            expect(page.locator("table.sim-analysis")).to_contain_text("distant small birds")
    expect(page.get_by_role("status")).to_contain_text("Score 100% — passed. Recorded in your progress.")
    assert page.locator(".sim-plot polyline").count() == 5
    [(_, score, passed, seed, actions)] = store.simulation_runs(store.connect(workspace.database(root)), sc.id)
    assert (score, passed, seed, actions) == (1.0, True, 4, good)

    page.get_by_role("button", name="Play another project (seed 5)").click()
    expect(page.get_by_role("heading", name=f"Simulator: {sc.title} seed 5")).to_be_visible()
    page.get_by_role("button", name=sc.action("tune_test").label, exact=True).click()
    expect(page.locator(".sim-mistake")).to_contain_text("test set stops being an unbiased estimate")
    page.goto(url)
    expect(page.locator(".item", has_text=sc.title).locator(".badge")).to_have_text("passed · 100%")


def test_the_driving_simulator_played_to_the_end_with_the_keyboard(site, page):
    root, url = site
    sc = scenario.load("driving")
    advised = ["error_analysis", "bigger_network", "synthesise", "synthesise", "collect_target", "bigger_network",
               "transfer", "ship"]  # seed 1, as docs/simulators.md shows it  # fmt: skip
    page.goto(f"{url}/simulator/{sc.id}")
    page.get_by_label("Project (seed)").fill("1")
    page.get_by_label("Project (seed)").press("Enter")
    for n, action in enumerate(advised, 1):
        button = page.get_by_role("button", name=sc.action(action).label, exact=True)
        button.focus()
        page.keyboard.press("Enter")
        expect(page.locator("table.sim tbody tr")).to_have_count(n + 1)
    expect(page.get_by_role("status")).to_contain_text("Score 100% — passed.")
    expect(page.locator(".sim-explain")).to_contain_text("The course's reasoning agrees")
    [(_, score, passed, seed, actions)] = store.simulation_runs(store.connect(workspace.database(root)), sc.id)
    assert (score, passed, seed, actions) == (1.0, True, 1, advised)


def test_a_narrow_window_needs_no_sideways_scrolling(site, browser):
    _, url = site
    narrow = browser.new_page(viewport={"width": 360, "height": 740})
    for path in ("/", "/course/1/week/2", f"/assignment/{AID}", "/quiz/c1w2", "/progress", "/simulator/c3w2s1"):
        narrow.goto(url + path)
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 360, path
    narrow.close()


def test_a_challenge_board_from_the_navigation_public_then_private(site, page):
    from dlspec.challenges import bundle, ledger, play, schema

    root, url = site
    c = bundle.load("fashion-mnist")
    conn = ledger.connect(workspace.database(root).parent / ledger.FILE)
    play.submit(conn, c, schema.write(c, c.baseline_outputs()["small-cnn"]), "cnn.csv", "my cnn")
    page.goto(url)
    page.get_by_role("link", name="Challenges").click()
    page.get_by_role("link", name="Fashion-MNIST: ten kinds of clothing").click()
    expect(page.get_by_role("heading", name="Public board")).to_be_visible()
    expect(page.get_by_role("row", name="you #1 (my cnn)")).to_be_visible()
    expect(page.get_by_text("Hidden until you finalise")).to_be_visible()
    ledger.finalise(conn, c)
    page.reload()
    expect(page.get_by_role("heading", name="What the shake-up teaches")).to_be_visible()
    assert page.locator("#private ~ div table tbody tr").count() == len(c.baselines) + 1
