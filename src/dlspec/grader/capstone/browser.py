"""The page in a real browser: Debian's Chromium under Playwright draws a digit on the canvas and reads the answer.

Skipped, with the reason, where Playwright or Chromium is missing (a learner's laptop); `make test` installs both.
Every request the page makes to another host is blocked and reported: the page must work offline.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dlspec.grader.capstone.report import SKIPPED, Check, fail, ok

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
WAIT_MS = 10_000
CHANGED = "([el, old]) => el.innerText !== old && /\\d/.test(el.innerText)"  # a new answer with a digit in it
# Strokes of a "7" and a "1" on a 28x28 grid (x, y), drawn 10x larger on the 280x280 canvas.
DIGITS = {
    7: [[(7, 6), (21, 6), (14, 23)]],
    1: [[(14, 4), (14, 24)]],
}


def available() -> str | None:
    """Why the browser check cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install playwright; make test installs it)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium; make browser installs it)"
    return None


def _draw(page, canvas, strokes) -> None:
    box = canvas.bounding_box()
    sx, sy = box["width"] / 28, box["height"] / 28
    for stroke in strokes:
        x, y = stroke[0]
        page.mouse.move(box["x"] + x * sx, box["y"] + y * sy)
        page.mouse.down()
        for (x0, y0), (x1, y1) in itertools.pairwise(stroke):
            for t in range(1, 11):  # intermediate points, as a hand moves
                x, y = x0 + (x1 - x0) * t / 10, y0 + (y1 - y0) * t / 10
                page.mouse.move(box["x"] + x * sx, box["y"] + y * sy)
        page.mouse.up()


def check_browser(port: int, feedback: Path | None) -> Check:
    """In a thread of its own: Playwright's sync API refuses a thread with a running asyncio loop (a notebook's)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_browser, port, feedback).result()


def _browser(port: int, feedback: Path | None) -> Check:
    name = "browser"
    why = available()
    if why:
        return Check(name, SKIPPED, f"skipped: {why}")
    from playwright.sync_api import Error, sync_playwright

    started = time.monotonic()
    origin = f"http://127.0.0.1:{port}"
    outside: list[str] = []
    sent: list[str] = []  # requests the page made to /predict
    predicts: list[int] = []  # the statuses of their answers
    shots: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(origin):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    def run(page) -> Check:
        page.on("request", lambda req: sent.append(req.url) if req.url.endswith("/predict") else None)
        page.on("response", lambda resp: predicts.append(resp.status) if resp.url.endswith("/predict") else None)
        page.goto(origin + "/", wait_until="load", timeout=WAIT_MS)
        if outside:
            return fail(
                name,
                f"the page asked for {outside[0]} ({len(outside)} requests in all) from elsewhere",
                "no external assets: the page must work offline, everything inline or served by the app",
            )
        canvas = page.locator("canvas")
        if canvas.count() == 0:
            return fail(name, "the page at / has no <canvas>", "serve static/index.html at / with a canvas to draw on")
        button = page.get_by_role("button", name=re.compile("predict", re.I))
        if button.count() == 0:
            return fail(name, "the page has no button named Predict", 'add <button id="predict">Predict</button>')
        shown = page.locator("#prediction")
        if shown.count() == 0:
            return fail(
                name, "the page has no element with id 'prediction'", 'show the answer in <div id="prediction">'
            )
        right = []
        for digit, strokes in DIGITS.items():
            clear = page.get_by_role("button", name=re.compile("clear", re.I))
            if clear.count():
                clear.first.click()
            before, answered = len(sent), len(predicts)
            old_text = shown.first.inner_text()
            _draw(page, canvas.first, strokes)
            try:  # the answer of this drawing, not the last one's: wait for /predict's response, then for the page
                with page.expect_response(lambda r: r.url.endswith("/predict"), timeout=WAIT_MS):
                    button.first.click()
                page.wait_for_function(CHANGED, arg=[shown.first.element_handle(), old_text], timeout=WAIT_MS)
            except Error:
                pass  # no request, no answer or no new text: the verdicts below say which
            if feedback is not None:
                shot = feedback / f"browser-{digit}.png"
                page.screenshot(path=str(shot))
                shots.append(str(shot))
            if len(sent) == before:
                return fail(
                    name,
                    "pressing Predict sent no request to /predict",
                    "the page must POST the pixels to /predict with fetch when Predict is pressed",
                )
            if len(predicts) == answered:
                return fail(name, f"the page's request to /predict got no answer in {WAIT_MS // 1000} s",
                            "the service hangs on /predict; try it with curl")
            if predicts[-1] != 200:
                return fail(
                    name,
                    f"the page's request to /predict got {predicts[-1]}",
                    'send {"pixels": [784 numbers in 0..1]} as JSON with Content-Type application/json',
                )
            text = shown.first.inner_text()
            found = re.findall(r"\d", text)
            if not found:
                return fail(name, f"#prediction shows {text!r}, no digit", "write the label into #prediction")
            right.append(int(found[0]) == digit)
            if not right[-1]:
                return fail(
                    name,
                    f"drew a {digit}; the page said {text!r}",
                    "shrink the drawing to 28x28 grey levels 0..1, ink bright on black, row by row, the "
                    "digit in a 20x20 box in the middle, as MNIST's were",
                )
        return ok(name, f"drew {', '.join(map(str, DIGITS))} on the canvas; the page read each right")

    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=30_000)
            try:
                page = chromium.new_page(viewport={"width": 900, "height": 800})
                page.set_default_timeout(WAIT_MS)
                page.route("**/*", route)
                result = run(page)
            finally:
                chromium.close()
    except Error as e:
        result = fail(
            name,
            f"the browser could not use the page: {str(e).splitlines()[0]}",
            "open the page yourself and look at the console (F12)",
        )
    result.feedback = shots
    result.seconds = round(time.monotonic() - started, 2)
    return result
