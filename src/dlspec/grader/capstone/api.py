"""The checks that talk to the running service over loopback: contract, parity, accuracy, latency.

Each check stops at its first failure, with a message saying what was sent and what came back, and a hint.
"""

from __future__ import annotations

import json
import math
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from dlspec.grader.capstone.report import Check, fail, ok
from dlspec.grader.capstone.service import post_json, request

N_PIXELS, MAX_BATCH, N_CLASSES = 784, 64, 10
PARITY_ATOL = 1e-5
ACCURACY = 0.88  # the notebook's MLP reaches about 93 % on these digits (91 % in its quick setting)
HIDDEN = 500  # test digits drawn with a seed the notebook never uses
P95_MS = 50.0  # the reference answers in a few ms; 50 ms leaves room for a busy machine
SEQUENTIAL, WARM_UP, CLIENTS, PER_CLIENT = 200, 20, 8, 15


class ContractError(AssertionError):
    """A contract violation: the message, and a hint at the likely cause."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def digits(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` MNIST test digits chosen by ``seed``, as the API takes them (grey / 255, row by row), and labels."""
    from dlspec.data.mnist import load_mnist

    _, _, images, labels = load_mnist()
    pick = np.random.default_rng(seed).choice(len(images), size=count, replace=False)
    return (images[pick].astype(np.float32) / np.float32(255)).reshape(count, N_PIXELS), labels[pick]


def predict(port: int, rows: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Labels and probabilities for ``rows`` (a batch); ContractError when the answer does not follow the contract."""
    reply = post_json(port, "/predict", {"instances": rows.tolist()})
    if reply.status != 200:
        raise ContractError(
            f"POST /predict with {len(rows)} valid images answered {reply.status}: {reply.body[:300]!r}",
            "valid images must get 200; run the service and look at its traceback",
        )
    return answer(reply, len(rows))


def answer(reply, count: int) -> tuple[list[int], np.ndarray]:
    try:
        body = reply.json()
    except ValueError:
        raise ContractError(
            f"/predict's answer is not JSON: {reply.body[:200]!r}", "return a dict or a pydantic model"
        ) from None
    if not isinstance(body, dict) or "labels" not in body or "probs" not in body:
        raise ContractError(f"/predict answered {str(body)[:200]}", 'the answer is {"labels": [...], "probs": [[...]]}')
    labels, probs = body["labels"], np.asarray(body["probs"], dtype=np.float64)
    if len(labels) != count or probs.shape != (count, N_CLASSES):
        raise ContractError(
            f"{count} images got {len(labels)} labels and probs of shape {probs.shape}",
            "one label and one row of 10 probabilities per image, in order",
        )
    if not all(isinstance(x, int) and 0 <= x < N_CLASSES for x in labels):
        raise ContractError(f"labels must be integers 0-9, got {labels[:5]}", "convert NumPy's argmax with .tolist()")
    if not np.allclose(probs.sum(axis=1), 1, atol=1e-3) or (probs < 0).any():
        raise ContractError("each row of probs must be probabilities summing to 1", "apply a softmax to the logits")
    if list(probs.argmax(axis=1)) != labels:
        raise ContractError("a label is not the class of highest probability", "labels = probs.argmax(axis=1)")
    return labels, probs


def _run(name: str, body) -> Check:
    """Run a check body returning (message, figures) or raising ContractError; timeouts and refusals are verdicts."""
    started = time.monotonic()
    try:
        message, figures = body()
        result = ok(name, message, **figures)
    except ContractError as e:
        result = fail(name, str(e), e.hint)
    except TimeoutError:
        result = fail(name, "a request got no answer in time", "the service hangs on some request: a loop or a lock?")
    except OSError as e:
        result = fail(name, f"the connection failed: {type(e).__name__}: {e}", "did the service crash? see its log")
    result.seconds = round(time.monotonic() - started, 2)
    return result


def _get(port: int, path: str, keys: dict[str, type]) -> dict:
    reply = request(port, "GET", path)
    if reply.status != 200:
        raise ContractError(f"GET {path} answered {reply.status}", f"the contract has GET {path}")
    try:
        body = reply.json()
    except ValueError:
        raise ContractError(
            f"GET {path} is not JSON: {reply.body[:200]!r}", "return a dict or a pydantic model"
        ) from None
    missing = [k for k, kind in keys.items() if not isinstance(body.get(k) if isinstance(body, dict) else None, kind)]
    if missing:
        raise ContractError(
            f"GET {path} answered {str(body)[:200]}; missing or wrong type: {', '.join(missing)}",
            f"{path} returns {', '.join(f'{k} ({t.__name__})' for k, t in keys.items())}",
        )
    return body


# Bad requests, each with what it gets wrong and the fix when it is accepted: every one must get 422.
def bad_requests(row: list[float]) -> list[tuple[str, bytes, str]]:
    def body(payload) -> bytes:
        return json.dumps(payload, allow_nan=True).encode()

    nan = (
        "refuse NaN and infinities: Field(allow_inf_nan=False). A 500 here even so: FastAPI's default 422 echoes "
        "the input back and JSON cannot carry NaN; add a RequestValidationError handler that leaves 'input' out"
    )
    one_of = ("exactly one of pixels and instances: two pydantic models with extra='forbid' (the schema then says so "
              "too), or a model_validator")
    length = "give the pixel list min_length and max_length of 784 (pydantic Field)"
    return [
        ("783 pixels", body({"pixels": row[:-1]}), length),
        ("785 pixels", body({"pixels": [*row, 0.0]}), length),
        ("a NaN pixel", body({"pixels": [math.nan, *row[1:]]}), nan),
        ("an infinite pixel", body({"pixels": [math.inf, *row[1:]]}), nan),
        ("a pixel of 1.5", body({"pixels": [1.5, *row[1:]]}), "pixels are 0..1: Field(ge=0, le=1)"),
        (
            "a pixel of 255",
            body({"pixels": [255.0, *row[1:]]}),
            "pixels are already scaled to 0..1; a 255 means the caller forgot: Field(ge=0, le=1)",
        ),
        ("a pixel of -0.1", body({"pixels": [-0.1, *row[1:]]}), "pixels are 0..1: Field(ge=0, le=1)"),
        ("a text pixel", body({"pixels": ["dark", *row[1:]]}), "pixels are numbers; type the field as floats"),
        ("an empty body {}", body({}), one_of),
        (
            "both pixels and instances",
            body({"pixels": row, "instances": [row]}),
            one_of,
        ),
        ("an empty batch", body({"instances": []}), "a batch holds 1 to 64 images: Field(min_length=1, max_length=64)"),
        (
            "a batch of 65",
            body({"instances": [row] * (MAX_BATCH + 1)}),
            "a batch holds at most 64 images: Field(max_length=64)",
        ),
        ("a short image in a batch", body({"instances": [row, row[:100]]}), length),
        ("text that is not JSON", b"pixels please", "let FastAPI parse the body into a pydantic model"),
    ]


def contract(port: int) -> Check:
    def body():
        _get(port, "/health", {"status": str, "model_version": str})
        if request(port, "GET", "/health").json()["status"] != "ok":
            raise ContractError("GET /health must say status 'ok'", 'return {"status": "ok", ...}')
        meta = _get(
            port,
            "/metadata",
            {
                "classes": list,
                "input_shape": list,
                "input_length": int,
                "max_batch": int,
                "value_range": list,
                "preprocessing": str,
                "model_version": str,
            },
        )
        if meta["classes"] != list(range(10)) or meta["input_shape"] != [28, 28] or meta["input_length"] != N_PIXELS:
            raise ContractError(
                f"/metadata says classes {meta['classes']}, input_shape {meta['input_shape']}, "
                f"input_length {meta['input_length']}",
                "classes 0-9, input_shape [28, 28], input_length 784",
            )
        if meta["max_batch"] != MAX_BATCH or meta["value_range"] != [0, 1]:
            raise ContractError(
                f"/metadata says max_batch {meta['max_batch']}, value_range {meta['value_range']}",
                "max_batch 64, value_range [0, 1]: what /predict accepts",
            )
        rows, _ = digits(8, seed=101)
        single = [answer(post_json(port, "/predict", {"pixels": r.tolist()}), 1) for r in rows]
        one_label, one_probs = single[0]
        again = answer(post_json(port, "/predict", {"pixels": rows[0].tolist()}), 1)
        if again[0] != one_label or not np.array_equal(again[1], one_probs):
            raise ContractError(
                "the same image twice got two different answers",
                "predict in eval mode with no randomness (dropout off, no sampling)",
            )
        labels, probs = predict(port, rows)
        singles = np.concatenate([p for _, p in single])
        if labels != [lab[0] for lab, _ in single] or not np.allclose(probs, singles, atol=1e-5):
            worst = float(np.abs(probs - singles).max())
            raise ContractError(
                f"a batch of 8 answers differently from the same 8 images one by one (by {worst:.3g})",
                "each image must be predicted on its own: no normalising across the batch, same order",
            )
        predict(port, np.repeat(rows, 8, axis=0))  # a full batch of 64 is valid
        row = rows[0].tolist()
        for what, raw, hint in bad_requests(row):
            reply = request(port, "POST", "/predict", raw)
            if reply.status != 422:
                fix = hint if reply.status < 500 else "your code failed on it; let pydantic refuse it first. " + hint
                raise ContractError(f"POST /predict with {what} answered {reply.status}, not 422", fix)
            try:
                detail = reply.json()["detail"]
            except (ValueError, KeyError, TypeError):
                raise ContractError(
                    f"the 422 for {what} has no 'detail'", "raise the error through FastAPI's validation"
                ) from None
            if not detail:
                raise ContractError(
                    f"the 422 for {what} says nothing", "the detail should name the field and the problem"
                )
        done = "health, metadata, single, batch = singles, deterministic, a batch of 64 accepted"
        return f"{done}, {len(bad_requests(row))} bad requests refused (422)", {}

    return _run("contract", body)


def parity(port: int, folder: Path) -> Check:
    def body():
        path = folder / "parity.npz"
        if not path.is_file():
            raise ContractError(
                "parity.npz is missing", "run the notebook's export cell: it writes model.npz and parity.npz"
            )
        saved = np.load(path)
        inputs, probs = saved["inputs"], saved["probs"]
        got = np.concatenate([predict(port, inputs[i : i + 50])[1] for i in range(0, len(inputs), 50)])
        worst = float(np.abs(got - probs).max())
        if worst > PARITY_ATOL:
            raise ContractError(
                f"the API's probabilities differ from the notebook's model by up to {worst:.3g} "
                f"(allowed {PARITY_ATOL:g}) on the {len(inputs)} inputs of parity.npz",
                "export again after training, load W1/b1/W2/b2 as saved (transposed from PyTorch's "
                "(out, in)), and do not scale the pixels a second time",
            )
        return f"{len(inputs)} inputs, largest difference {worst:.2g}", {"parity_max_diff": float(f"{worst:.2g}")}

    return _run("parity", body)


def accuracy(port: int) -> Check:
    def body():
        rows, labels = digits(HIDDEN, seed=20261207)
        got = [label for i in range(0, HIDDEN, MAX_BATCH) for label in predict(port, rows[i : i + MAX_BATCH])[0]]
        share = float(np.mean(np.array(got) == labels))
        if share < ACCURACY:
            raise ContractError(
                f"{share:.1%} of {HIDDEN} hidden test digits right through the API (needed {ACCURACY:.0%})",
                "if the notebook's accuracy is higher, the service prepares or reads the input "
                "differently; else train longer",
            )
        return f"{share:.1%} of {HIDDEN} hidden test digits right", {"accuracy": share}

    return _run("accuracy", body)


def latency(port: int) -> Check:
    def body():
        rows, _ = digits(16, seed=7)
        payloads = [json.dumps({"pixels": r.tolist()}).encode() for r in rows]
        for n in range(WARM_UP):
            request(port, "POST", "/predict", payloads[n % len(payloads)])
        times = []
        for n in range(SEQUENTIAL):
            start = time.perf_counter()
            reply = request(port, "POST", "/predict", payloads[n % len(payloads)])
            times.append((time.perf_counter() - start) * 1000)
            if reply.status != 200:
                raise ContractError(
                    f"request {n + 1} of {SEQUENTIAL} answered {reply.status}", "every valid image gets 200"
                )
        p50, p95, top = (float(np.percentile(times, q)) for q in (50, 95, 100))
        figures = {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "max_ms": round(top, 2)}

        def client(k: int) -> list[int]:
            return [
                request(port, "POST", "/predict", payloads[(k + n) % len(payloads)]).status for n in range(PER_CLIENT)
            ]

        with ThreadPoolExecutor(CLIENTS) as pool:
            statuses = [s for batch in pool.map(client, range(CLIENTS)) for s in batch]
        errors = sum(s != 200 for s in statuses)
        figures["concurrent_errors"] = errors
        if p95 > P95_MS:
            raise ContractError(
                f"p95 latency {p95:.1f} ms over {SEQUENTIAL} sequential requests (allowed {P95_MS:g} ms)",
                "load the model once at start-up, not per request; no sleeps; NumPy on whole arrays",
            )
        if errors:
            raise ContractError(
                f"{errors} of {len(statuses)} requests from {CLIENTS} concurrent clients failed",
                "keep no shared state that requests change",
            )
        return (
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms over {SEQUENTIAL} sequential requests; "
            f"{CLIENTS} concurrent clients x {PER_CLIENT}, no errors"
        ), figures

    return _run("latency", body)
