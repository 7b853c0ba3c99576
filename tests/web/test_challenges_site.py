"""The site's challenge pages: the list, a challenge's task and baselines before any submission, then the public
board, and the private board with its shake-up once the learner has finalised."""

from dlspec import workspace
from dlspec.challenges import bundle, ledger, play, schema


def submit(root, slug: str, wrong: int, note: str = "") -> None:
    c = bundle.load(slug)
    conn = ledger.connect(workspace.database(root).parent / ledger.FILE)
    labels = play.solution(c)["label"].copy()
    labels[:wrong] = (labels[:wrong] + 1) % 10
    play.submit(conn, c, schema.write(c, {"label": labels}), "p.csv", note)
    conn.close()


def test_the_list_links_every_challenge_and_says_labels_are_hidden_by_convention(client):
    page = client.get("/challenges").get_data(as_text=True)
    for c in bundle.challenges().values():
        assert f'href="/challenge/{c.slug}"' in page
    assert "hidden by convention only" in page
    assert 'href="/challenges"' in client.get("/").get_data(as_text=True)  # in the navigation


def test_before_any_submission_the_page_shows_the_task_and_the_baselines_and_creates_nothing(client, root):
    page = client.get("/challenge/fashion-mnist").get_data(as_text=True)
    assert '<h2 id="task">' in page and "sample_submission.csv" in page and "small-cnn" in page and "0.8360" in page
    assert not (workspace.database(root).parent / ledger.FILE).exists()


def test_the_public_board_then_the_private_board_with_the_shake_up(client, root):
    submit(root, "fashion-mnist", 200, "my <b>cnn</b>")
    page = client.get("/challenge/fashion-mnist").get_data(as_text=True)
    assert "Public board" in page and "you #1 (my &lt;b&gt;cnn&lt;/b&gt;)" in page and "baseline constant" in page
    assert "Hidden until you finalise" in page and "95% interval" not in page
    conn = ledger.connect(workspace.database(root).parent / ledger.FILE)
    ledger.finalise(conn, bundle.load("fashion-mnist"))
    page = client.get("/challenge/fashion-mnist").get_data(as_text=True)
    assert "95% interval" in page and "What the shake-up teaches" in page and "bootstrap interval" in page


def test_an_unknown_challenge_is_a_clear_404(client):
    response = client.get("/challenge/imagenet")
    assert response.status_code == 404 and "fashion-mnist" in response.get_data(as_text=True)
