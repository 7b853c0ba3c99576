"""The capstone's checks, proven: the reference project passes every one, the untouched starter fails every one,
and each realistic mistake fails its check with a hint at the cause. A service that hangs, crashes or never
answers gets a clear message, and nothing it started outlives the grade (conftest.nothing_leaks)."""

from __future__ import annotations

import shutil

import pytest
from capkit import P

from dlspec import workspace
from dlspec.grader.capstone import NAMES, api, browser, container, grade, openapi, unit
from dlspec.grader.capstone.service import REQUEST_SECONDS, running

CONTAINER = container.missing()


def test_the_reference_project_passes_every_check(trained, tmp_path):
    result = grade(P.id, trained, feedback=tmp_path, with_container=CONTAINER is None)
    failed = {c.name: f"{c.message} | {c.hint}" for c in result.checks if c.status not in ("passed", "skipped")}
    assert not failed
    assert [c.name for c in result.checks] == list(NAMES)
    assert result.passed and result.score == 1.0
    assert result.check("accuracy").figures["accuracy"] >= api.ACCURACY
    assert result.check("parity").figures["parity_max_diff"] <= api.PARITY_ATOL
    assert {"p50_ms", "p95_ms"} <= set(result.check("latency").figures)
    assert result.check("openapi").figures == {"generated_valid": 20, "generated_invalid": 20}
    if browser.available() is None:
        assert all((tmp_path / f"browser-{d}.png").stat().st_size > 1000 for d in browser.DIGITS)
    if CONTAINER is None:
        figures = result.check("container").figures
        assert figures["user"] == "65534" and figures["exit_code"] == "0" and figures["memory_limit"] == "512m"
    else:
        assert result.check("container").status == "skipped" and "make container" in result.check("container").message


def test_the_untouched_starter_fails_every_check_and_scores_zero(tmp_path):
    workspace.sync(tmp_path, [P.id])
    result = grade(P.id, tmp_path / P.folder, with_container=CONTAINER is None)
    assert result.score == 0.0 and not result.passed
    statuses = {c.name: c.status for c in result.checks}
    assert statuses.pop("service") == "passed"  # the starter's /health answers: the other checks say what is missing
    if CONTAINER is not None:
        assert statuses.pop("container") == "skipped"
    assert set(statuses.values()) == {"failed"}, statuses
    assert result.check("preprocess").message == "preprocess is not implemented yet"
    assert "GET /metadata answered 404" in result.check("contract").message
    assert "parity.npz is missing" in result.check("parity").message


APP, PAGE, PRE = "app.py", "static/index.html", "preprocess.py"
LENGTH = "Field(min_length=N_PIXELS, max_length=N_PIXELS)"
FORWARD = "    hidden = np.maximum(x @ W1 + b1, 0)"
ROWS = "    probs = forward(np.asarray(rows, dtype=np.float32))"
# (what the learner got wrong, file, text, replacement, the check, words of the expected hint)
MISTAKES = [
    ("not scaled", PRE, " / np.float32(255)", "", "preprocess", "still 0-255"),
    ("divided by 256", PRE, "np.float32(255)", "np.float32(256)", "preprocess", "not 256"),
    ("transposed", PRE, "pixels.reshape(", "np.swapaxes(pixels, -1, -2).reshape(", "preprocess", "column by column"),
    ("float64", PRE, "dtype=np.float32", "dtype=np.float64", "preprocess", "float32"),
    (
        "batch axis lost",
        PRE,
        "pixels.reshape(*pixels.shape[:-2], SIDE * SIDE)",
        "pixels.reshape(-1)",
        "preprocess",
        "keeping the batch axis",
    ),
    ("no 422 for a wrong length", APP, LENGTH, "Field()", "contract", "min_length"),
    (
        "NaN echoed in the 422",
        APP,
        "@app.exception_handler(RequestValidationError)\n",
        "",
        "contract",
        "RequestValidationError",
    ),
    (
        "no range",
        APP,
        "Field(ge=0.0, le=1.0, allow_inf_nan=False)",
        "Field(allow_inf_nan=False)",
        "contract",
        "ge=0, le=1",
    ),
    (
        "no batch limit",
        APP,
        "Field(min_length=1, max_length=MAX_BATCH)",
        "Field(min_length=1)",
        "contract",
        "max_length=64",
    ),
    (
        "both fields accepted",
        APP,
        '    model_config = ConfigDict(extra="forbid")  # with',
        "    # with",
        "contract",
        "exactly one",
    ),
    (
        "batch != singles",
        APP,
        FORWARD,
        "    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6)\n" + FORWARD,
        "contract",
        "no normalising across the batch",
    ),
    ("dropout left on", APP, FORWARD, FORWARD + " * (np.random.random(128) > 0.2) / 0.8", "contract", "dropout"),
    ("metadata by another name", APP, "input_shape=[28, 28]", "input_shape=[784]", "contract", "input_shape [28, 28]"),
    (
        "predict left out of the schema",
        APP,
        '@app.post("/predict")',
        '@app.post("/predict", include_in_schema=False)',
        "openapi",
        "declare each route",
    ),
    ("scaled twice", APP, ROWS, ROWS.replace("float32))", "float32) / 255)"), "parity", "a second time"),
    (
        "transposed in the service",
        APP,
        ROWS,
        "    probs = forward(np.asarray(rows, np.float32).reshape(-1, 28, 28).transpose(0, 2, 1).reshape(-1, 784))",
        "accuracy",
        "differently",
    ),
    (
        "a sleep per request",
        APP,
        "    rows = [request.pixels]",
        "    __import__('time').sleep(0.06)\n    rows = [request.pixels]",
        "latency",
        "no sleeps",
    ),
    (
        "page never calls /predict",
        PAGE,
        'document.getElementById("predict").addEventListener("click", predict);',
        "",
        "browser",
        "POST the pixels to /predict",
    ),
    ("page sends 0-255", PAGE, "data[i * 4] / 255)", "data[i * 4])", "browser", "784 numbers in 0..1"),
    (
        "page loads a library from a CDN",
        PAGE,
        "<style>",
        '<script src="https://cdn.example.org/draw.js"></script>\n<style>',
        "browser",
        "no external assets",
    ),
]


def served(check: str, port: int, folder):
    """One check of the running service, alone (a whole grade per mistake would take minutes)."""
    if check == "parity":
        return api.parity(port, folder)
    if check == "browser":
        return browser.check_browser(port, None)
    checks = {"contract": api.contract, "openapi": openapi.check_openapi, "accuracy": api.accuracy}
    return checks.get(check, api.latency)(port)


@pytest.mark.parametrize(
    ("file", "old", "new", "check", "hint"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES]
)
def test_a_realistic_mistake_fails_its_check_with_a_targeted_hint(project_copy, file, old, new, check, hint):
    folder = project_copy(file, old, new)
    if check == "browser" and browser.available():
        pytest.skip(browser.available())
    if check == "preprocess":
        result = unit.check_preprocess(folder)
    else:
        with running(folder) as port:
            result = served(check, port, folder)
    assert result.status == "failed", result
    assert hint in result.hint, f"{result.message} | {result.hint}"


@pytest.mark.parametrize(
    ("where", "bad", "words"),
    [
        ("at import", "raise RuntimeError('the model file is corrupt')\n", "exited with status"),
        ("at import", "import time\ntime.sleep(3600)\n", "nothing answered 200"),
        ("with no app", None, "exited with status"),
    ],
    ids=["crashes", "hangs", "no app object"],
)
def test_a_service_that_crashes_hangs_or_never_binds_gets_a_clear_message(project_copy, where, bad, words):
    folder = project_copy.folder
    app = folder / APP
    app.write_text((bad + app.read_text()) if bad else "print('no app here')\n")
    result = grade(P.id, folder, with_container=False, start_seconds=8)
    service = result.check("service")
    assert service.status == "failed" and words in service.message, service.message
    if bad and "RuntimeError" in bad:
        assert "the model file is corrupt" in service.message  # the learner sees their own traceback
    assert {result.check(n).status for n in ("contract", "accuracy", "browser")} == {"not_run"}
    assert result.score < 0.2 and not result.passed  # only preprocess, which needs no service, can pass


def test_a_service_that_hangs_on_predict_fails_in_bounded_time(project_copy):
    folder = project_copy(
        APP, "    rows = [request.pixels]", "    __import__('time').sleep(3600)\n    rows = [request.pixels]"
    )
    with running(folder) as port:
        result = api.contract(port)
    assert result.status == "failed" and "no answer in time" in result.message
    assert result.seconds < 3 * REQUEST_SECONDS


CONTAINER_MISTAKES = [
    ("runs as root", "USER 65534\n", "", "USER 65534"),
    (
        "shell wrapper swallows SIGTERM",
        'CMD ["/opt/venv/bin/python", "-m", "uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
        'CMD ["sh", "-c", "cd /app && /opt/venv/bin/python -m uvicorn app:app --host 0.0.0.0 --port 8000; echo bye"]',
        "exec form",
    ),
    (
        "installs from the network",
        "WORKDIR /app\n",
        "WORKDIR /app\nRUN apt-get update && apt-get install -y curl\n",
        "no network",
    ),
]


@pytest.mark.skipif(CONTAINER is not None, reason=f"container checks need podman: {CONTAINER}")
@pytest.mark.parametrize(
    ("old", "new", "hint"), [m[1:] for m in CONTAINER_MISTAKES], ids=[m[0] for m in CONTAINER_MISTAKES]
)
def test_a_container_mistake_fails_with_its_hint(project_copy, old, new, hint):
    result = container.check_container(project_copy("Containerfile", old, new))
    assert result.status == "failed", result
    assert hint in result.hint, f"{result.message} | {result.hint}"


@pytest.mark.skipif(CONTAINER is not None, reason=f"container checks need podman: {CONTAINER}")
def test_files_only_root_can_read_fail_in_the_container_with_their_hint(project_copy):
    (project_copy.folder / APP).chmod(0o600)  # what a private umask or a copy tool gives
    result = container.check_container(project_copy.folder)
    assert result.status == "failed" and "chmod 644" in result.hint, f"{result.message} | {result.hint}"


def test_without_podman_the_container_check_is_skipped_with_the_reason(project_copy, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = container.check_container(project_copy.folder)
    assert result.status == "skipped" and "podman is not installed" in result.message


LOOSE = """class Loose(BaseModel):
    pixels: Image | None = None
    instances: Annotated[list[Image], Field(min_length=1, max_length=MAX_BATCH)] | None = None

    @model_validator(mode="after")
    def exactly_one(self):
        if (self.pixels is None) == (self.instances is None):
            raise ValueError("give exactly one of pixels and instances")
        return self


@app.post("/predict")
def predict(request: Loose) -> Prediction:
    rows = [request.pixels] if request.pixels is not None else request.instances
"""


def test_a_rule_the_schema_does_not_show_fails_the_generated_tests(project_copy):
    """A model_validator keeps the contract (the contract check passes) but /openapi.json promises more: a body it
    accepts ({} or both fields) gets 422, as schemathesis's "schema-valid request rejected" would say."""
    project_copy(APP, "from pydantic import BaseModel,", "from pydantic import model_validator, BaseModel,")
    app = project_copy.folder / APP
    text = app.read_text()
    start = text.index('@app.post("/predict")')
    end = text.index("    rows = [request.pixels] if isinstance(request, Single) else request.instances\n")
    app.write_text(
        text[:start]
        + LOOSE
        + text[end + len("    rows = [request.pixels] if isinstance(request, Single) else request.instances\n") :]
    )
    with running(project_copy.folder) as port:
        assert api.contract(port).status == "passed"
        result = openapi.check_openapi(port)
    assert result.status == "failed" and "which the published schema accepts" in result.message, result
    assert "model_validator does not show in the schema" in result.hint
