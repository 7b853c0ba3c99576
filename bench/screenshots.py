"""Screenshots of the course site's main pages for the README: ``python bench/screenshots.py`` writes
``docs/screenshots/*.png``.

A temporary workspace gets the notebook of c1w2a2 with every function solved but two (one left as the stub, one
with a known mistake), graded through the site's own "Grade now" button; course 1 is seeded as passed so that the
progress page has history and the certificate opens. Needs Debian's chromium (``apt-get install chromium``).
"""

from __future__ import annotations

import inspect
import sys
import tempfile
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from sitekit import chromium, graded, running_site, seed_course  # noqa: E402

from dlspec import workspace  # noqa: E402
from dlspec.course import assignment, build  # noqa: E402
from dlspec.progress import store  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 390, "height": 844}


def mistaken_notebook(root: Path) -> None:
    """c1w2a2's answer key with ``propagate`` replaced by a known mistake and ``predict`` left as the stub."""
    a = assignment.load("c1w2a2")
    nb = build.build(a, solution=True)
    wrong = a.mutants("propagate")[0].fn
    lines = textwrap.dedent(inspect.getsource(wrong)).splitlines()
    body = "\n".join(line for line in lines if not line.startswith("@"))
    body = body.replace(f"def {wrong.__name__}(", "def propagate(", 1)
    for cell in nb.cells:
        if cell.source.startswith("# GRADED FUNCTION: propagate"):
            cell.source = "# GRADED FUNCTION: propagate\n" + body
        if cell.source.startswith("# GRADED FUNCTION: predict"):
            cell.source = "# GRADED FUNCTION: predict\n" + build.stub_source(a, "predict")
    workspace.notebook_path(root, a).write_text(nbformat.writes(nb))


def simulator_page(page, url: str) -> None:
    """The driving simulator after four decisions: figures, plot, the last decision explained."""
    from dlspec.course.simulator import scenario

    sc = scenario.load("driving")
    page.goto(f"{url}/simulator/{sc.id}")
    page.get_by_label("Project (seed)").fill("1")
    page.get_by_role("button", name="Start the project").click()
    for action in ("error_analysis", "bigger_network", "synthesise", "synthesise"):
        page.get_by_role("button", name=sc.action(action).label, exact=True).click()
        page.wait_for_selector("h2:text('What next?')")
    page.set_viewport_size({"width": 1280, "height": 1150})
    page.screenshot(path=OUT / "simulator.png")
    page.set_viewport_size(WIDE)


def challenge_page(page, url: str, root: Path) -> None:
    """Fashion-MNIST played: three submissions (two baselines' predictions and a blend), finalised, both boards."""
    import numpy as np

    from dlspec.challenges import bundle, ledger, play, schema

    c = bundle.load("fashion-mnist")
    conn = ledger.connect(workspace.database(root).parent / ledger.FILE)
    out = c.baseline_outputs()
    blend = np.where(np.arange(c.rows) % 2, out["small-cnn"]["label"], out["softmax-regression"]["label"])
    for n, (note, labels) in enumerate([("softmax on pixels", out["softmax-regression"]["label"]),
                                        ("small CNN", out["small-cnn"]["label"]), ("half and half", blend)]):
        play.submit(conn, c, schema.write(c, {"label": labels}), f"{n}.csv", note,
                    now=datetime(2026, 3, 2, 9 + n, tzinfo=UTC))  # fmt: skip
    ledger.finalise(conn, c)
    conn.close()
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto(f"{url}/challenge/fashion-mnist")
    page.locator("#public").scroll_into_view_if_needed()
    page.screenshot(path=OUT / "challenge.png", clip={"x": 0, "y": page.locator("#public").bounding_box()["y"] - 20,
                                                      "width": 1280, "height": 900})  # fmt: skip
    page.set_viewport_size(WIDE)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        workspace.sync(root, ["c1w2a2"])
        seed_course(root, 1, scores=(0.4, 0.75, 1.0), skip=("c1w2a2",))  # c1w2a2 is graded for real below
        mistaken_notebook(root)
        with running_site(root) as url, chromium() as browser:
            page = browser.new_page(viewport=WIDE)
            page.goto(f"{url}/")
            page.screenshot(path=OUT / "course-map.png")
            page.goto(f"{url}/course/1/week/2")
            page.screenshot(path=OUT / "week.png")
            page.goto(f"{url}/assignment/c1w2a2")
            page.get_by_role("button", name="Grade now").click()
            page.wait_for_selector("table.grade")
            page.set_viewport_size({"width": 1280, "height": 1250})
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=OUT / "assignment.png")
            page.set_viewport_size(WIDE)
            # The learner fixes both functions: a passing attempt lands, and course 1 is complete.
            conn = store.connect(workspace.database(root))
            store.record_attempt(conn, graded("c1w2a2", 1.0), "# fixed\n", "C1W2A2.ipynb")
            conn.close()
            page.goto(f"{url}/quiz/c1w2")
            page.get_by_label("One question at a time").check()
            page.get_by_role("button", name="Start the quiz").click()
            page.locator("fieldset.question input").first.check()
            page.get_by_role("button", name="Check my answer").click()
            page.screenshot(path=OUT / "quiz.png")
            page.goto(f"{url}/progress")
            page.screenshot(path=OUT / "progress.png")
            page.goto(f"{url}/certificate/1?name=Ada%20Lovelace")
            page.screenshot(path=OUT / "certificate.png", full_page=True)
            simulator_page(page, url)
            challenge_page(page, url, root)
            narrow = browser.new_page(viewport=NARROW, device_scale_factor=2)
            narrow.goto(f"{url}/")
            narrow.screenshot(path=OUT / "course-map-narrow.png")
    for png in sorted(OUT.glob("*.png")):
        print(png.relative_to(ROOT))


if __name__ == "__main__":
    main()
