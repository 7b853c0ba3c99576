"""The digit classifier behind an HTTP API: health, metadata, predict, and the drawing page at ``/``.

Run it from this folder with: python -m uvicorn app:app --host 127.0.0.1 --port 8000
The notebook's section 4 gives the contract. /health is written as an example; the rest is yours.
"""

from fastapi import FastAPI

app = FastAPI(title="Digit classifier")


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "model_version": "not loaded yet"}


# TODO 1: load model.npz once, at start-up (the notebook writes it beside this file), and write the forward pass
#         in NumPy: 784 -> 128 ReLU -> 10, then a softmax.
# TODO 2: GET /metadata (classes, input_shape, input_length, value_range, max_batch, preprocessing, model_version).
# TODO 3: POST /predict taking either {"pixels": 784 numbers in 0..1} or {"instances": 1 to 64 such lists}, as
#         pydantic models whose rules show in /openapi.json; anything else must get 422.
#         Answer {"labels": [...], "probs": [[...], ...]}.
# TODO 4: GET / answering static/index.html (fastapi.responses.FileResponse).
