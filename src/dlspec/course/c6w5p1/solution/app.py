"""The digit classifier behind an HTTP API: health, metadata, predict, and the drawing page at ``/``.

Run it with: python -m uvicorn app:app --host 127.0.0.1 --port 8000
The model is the NumPy export of the notebook's network (model.npz beside this file); only NumPy runs it.
"""

from pathlib import Path
from typing import Annotated

import numpy as np
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field

HERE = Path(__file__).parent
N_PIXELS = 784
MAX_BATCH = 64
CLASSES = list(range(10))

weights = np.load(HERE / "model.npz")
W1, b1, W2, b2 = (weights[k].astype(np.float32) for k in ("W1", "b1", "W2", "b2"))
MODEL_VERSION = str(weights["version"]) if "version" in weights else "1"

# A pixel is a finite number in 0..1; NaN and infinities are refused (422), never passed to the model.
Pixel = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Image = Annotated[list[Pixel], Field(min_length=N_PIXELS, max_length=N_PIXELS)]


class Single(BaseModel):
    """One image: ``pixels``, 784 grey levels in 0..1, row by row."""

    model_config = ConfigDict(extra="forbid")  # with Batch's: both fields at once match neither model (422)
    pixels: Image


class Batch(BaseModel):
    """A batch: ``instances``, 1 to 64 images of 784 grey levels in 0..1."""

    model_config = ConfigDict(extra="forbid")
    instances: Annotated[list[Image], Field(min_length=1, max_length=MAX_BATCH)]


class Prediction(BaseModel):
    labels: list[int]
    probs: list[list[float]]


class Health(BaseModel):
    status: str
    model_version: str


class Metadata(BaseModel):
    classes: list[int]
    input_shape: list[int]
    input_length: int
    value_range: list[float]
    max_batch: int
    preprocessing: str
    model_version: str


def forward(x: np.ndarray) -> np.ndarray:
    """The network of the notebook, 784 -> 128 ReLU -> 10, with a softmax; rows are images."""
    hidden = np.maximum(x @ W1 + b1, 0)
    logits = hidden @ W2 + b2
    logits -= logits.max(axis=1, keepdims=True)  # stable softmax
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


app = FastAPI(title="Digit classifier", version=MODEL_VERSION)


@app.exception_handler(RequestValidationError)
async def refuse(request: Request, error: RequestValidationError) -> JSONResponse:
    """FastAPI's own 422, without the rejected input: its default echoes the input back, and JSON cannot carry a
    NaN or an infinity, so the error itself would fail with a 500."""
    detail = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in error.errors()]
    return JSONResponse(status_code=422, content={"detail": detail})


@app.get("/health")
def health() -> Health:
    return Health(status="ok", model_version=MODEL_VERSION)


@app.get("/metadata")
def metadata() -> Metadata:
    return Metadata(
        classes=CLASSES,
        input_shape=[28, 28],
        input_length=N_PIXELS,
        value_range=[0.0, 1.0],
        max_batch=MAX_BATCH,
        preprocessing="grey levels / 255, ink bright on black, row by row",
        model_version=MODEL_VERSION,
    )


@app.post("/predict")
def predict(request: Single | Batch) -> Prediction:
    """The published schema says it all: exactly one of the two shapes, so the code needs no check of its own."""
    rows = [request.pixels] if isinstance(request, Single) else request.instances
    probs = forward(np.asarray(rows, dtype=np.float32))
    return Prediction(labels=probs.argmax(axis=1).tolist(), probs=probs.tolist())


@app.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(HERE / "static" / "index.html")
