"""The checks that need no server: the learner's ``preprocess``, run in a child process on fixed images."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from dlspec.grader.capstone.report import Check, fail, ok

SECONDS = 60.0
# Runs in the learner's folder: imports their preprocess.py and saves what it returns for each input.
CHILD = """
import sys, traceback
import numpy as np
given = dict(np.load(sys.argv[1]))
out = {}
try:
    from preprocess import preprocess
except BaseException:
    out["__import__"] = np.array(traceback.format_exc(limit=3))
else:
    for name, img in given.items():
        before = img.copy()
        try:
            got = np.asarray(preprocess(img))
            out[name] = got
            if not np.array_equal(before, img):
                out[name + "__changed"] = np.array(True)
        except NotImplementedError:
            out[name + "__error"] = np.array("NotImplementedError")
        except BaseException as e:
            out[name + "__error"] = np.array(f"{type(e).__name__}: {e}")
np.savez(sys.argv[2], **out)
"""


def images() -> dict[str, np.ndarray]:
    """Fixed inputs: one uint8 image, a uint8 batch, the same batch as int64 and as float64 (grey levels 0-255)."""
    rng = np.random.default_rng(55)
    batch = rng.integers(0, 256, size=(5, 28, 28)).astype(np.uint8)
    batch[:, 3, :] = 255  # a bright row: a transposed result shows as a bright column
    return {
        "one image": batch[0].copy(),
        "a batch": batch,
        "int64 batch": batch.astype(np.int64),
        "float64 batch": batch.astype(np.float64),
    }


def expected(img: np.ndarray) -> np.ndarray:
    """The contract's preprocessing: grey / 255, float32, row by row."""
    return (np.asarray(img, np.float32) / np.float32(255)).reshape(*img.shape[:-2], 784)


def diagnose(img: np.ndarray, got: np.ndarray) -> str:
    """A hint for the likely mistake, read off what came back."""
    want = expected(img)
    if got.size == want.size and got.shape != want.shape:
        return f"return shape {want.shape} for input {img.shape}: reshape to (..., 784), keeping the batch axis"
    if got.shape != want.shape:
        return f"return {want.shape} for input {img.shape}: 28x28 grey levels become 784 numbers per image"
    flat = got.astype(np.float64)
    if np.allclose(flat, np.asarray(img, np.float64).reshape(want.shape), atol=1e-3):
        return "the values are still 0-255: divide by 255 so the model sees 0..1, as in training and the API"
    if np.allclose(flat, np.asarray(img, np.float64).reshape(want.shape) / 256, atol=1e-6):
        return "divide by 255 (the brightest grey level), not 256: white must become exactly 1"
    transposed = expected(np.swapaxes(img, -1, -2))
    if np.allclose(flat, transposed, atol=1e-6):
        return "the pixels come column by column: flatten row by row (C order), never the transpose"
    if got.dtype != np.float32 and np.allclose(flat, want, atol=1e-6):
        return f"return float32 (the model's dtype and half the memory), not {got.dtype}"
    return "each value must be the grey level / 255, row by row; compare your output with img.reshape(-1) / 255"


def check_preprocess(folder: Path) -> Check:
    started = time.monotonic()
    result = _preprocess(folder)
    result.seconds = round(time.monotonic() - started, 2)
    return result


def _preprocess(folder: Path) -> Check:
    name = "preprocess"
    given = images()
    with tempfile.TemporaryDirectory(prefix="dlspec-pre-") as tmp:
        src, dst = Path(tmp) / "in.npz", Path(tmp) / "out.npz"
        np.savez(src, **given)
        try:
            run = subprocess.run(
                [sys.executable, "-c", CHILD, str(src), str(dst)],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=SECONDS,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            return fail(name, f"preprocess.py did not finish in {SECONDS:.0f} s", "look for a loop that never ends")
        if run.returncode != 0 or not dst.is_file():
            return fail(name, f"the check's child failed: {run.stderr[-800:]}", "does preprocess.py import cleanly?")
        try:
            out = dict(np.load(dst, allow_pickle=False))
        except ValueError:
            return fail(
                name, "preprocess returned something that is not an array of numbers", "return one NumPy array, float32"
            )
    if "__import__" in out:
        return fail(name, f"preprocess.py does not import:\n{out['__import__']}", "run it: python preprocess.py")
    for case, img in given.items():
        error = out.get(case + "__error")
        if error is not None and str(error) == "NotImplementedError":
            return Check(name, "failed", "preprocess is not implemented yet", "write preprocess in preprocess.py")
        if error is not None:
            return fail(name, f"{case}: preprocess raised {error}", "it must accept uint8, int and float grey levels")
        got = out[case]
        want = expected(img)
        if got.shape != want.shape or got.dtype != np.float32 or not np.allclose(got, want, atol=1e-6):
            return fail(
                name, f"{case}: got {got.dtype} {got.shape}, want float32 {want.shape} = grey / 255", diagnose(img, got)
            )
        if case + "__changed" in out:
            return fail(name, f"{case}: preprocess changed its argument", "work on a copy, never in place")
    return ok(name, f"{len(given)} inputs (one image, batches of uint8, int64, float64) as the contract says")
