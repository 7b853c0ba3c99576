# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Ship a model: train, serve, page, container
#
# *The capstone of the course: a project graded by running it, not by reading a function.*
#
# A model in a notebook helps nobody else. In this project you take a digit classifier all the way to something
# other people (and programs) can use:
#
# 1. **preprocess**: one function that turns 28x28 grey images into the model's input; the model trains on
#    what it returns and the API accepts exactly that, so training and serving cannot disagree;
# 2. **train** a small network on real MNIST digits (8,000 for training, 2,000 for testing);
# 3. **export** it to a file that a service loads without PyTorch (NumPy arrays in `model.npz`), and prove that
#    the exported copy answers exactly like the network in this notebook;
# 4. **serve** it behind an HTTP API with FastAPI, with a published contract: health, metadata, predictions,
#    and clear 422 errors for bad input;
# 5. put a **page** in front of it where anyone can draw a digit;
# 6. package it all as a **container image** that builds without network access.
#
# Your files live in the folder `ship-a-model/` beside this notebook: `preprocess.py`, `app.py`,
# `static/index.html`, `Containerfile` and `requirements.txt`. dlspec wrote starting versions there once and
# never overwrites them. Edit them in JupyterLab's editor; this notebook runs and tries them.
#
# When you think it works, grade it: `dlspec submit c6w5p1` starts your service on a free port of 127.0.0.1,
# runs every check against it (docs/capstone.md lists them) and stops it again.

# %%
import importlib
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from dlspec.data.mnist import load_mnist
from dlspec.notebook import quick

PROJECT = Path("ship-a-model")
sys.path.insert(0, str(PROJECT.resolve()))
torch.manual_seed(0)
torch.set_num_threads(2)

# %% [markdown]
# ## 1. Preprocessing: one definition of the model's input
#
# The most common bug of a deployed model is not in the model: it is a service that prepares its input a little
# differently from the training code (scaled to 0..255 instead of 0..1, transposed, in another dtype). The model
# still answers, confidently and wrongly. The cure is one definition of the input: `preprocess` makes the training
# data, and its output is exactly what the API accepts, so the page and every other client prepare their pixels
# the same way (the grader checks the function, and the API's answers against this notebook's model).
#
# Open `ship-a-model/preprocess.py` and write `preprocess(img)`:
#
# * it takes one image `(28, 28)` or a batch `(n, 28, 28)` of grey levels 0-255 (uint8 or any number type);
# * it returns float32, `(784,)` for one image or `(n, 784)` for a batch, each value the grey level divided by
#   255, **row by row** (the first 28 numbers are the top row), exactly what the API receives as `pixels`;
# * it leaves its argument alone.
#
# Then run the cell below (it reloads your file each time).

# %%
import preprocess as learner_preprocess

importlib.reload(learner_preprocess)
preprocess = learner_preprocess.preprocess

train_images, train_labels, test_images, test_labels = load_mnist()
x_train = preprocess(train_images)
x_test = preprocess(test_images)
print("training inputs", x_train.shape, x_train.dtype, "range", x_train.min(), "to", x_train.max())
assert x_train.shape == (8000, 784) and x_train.dtype == np.float32, "see the list above"
assert np.allclose(preprocess(test_images[0]), x_test[0]), "one image and a batch must agree"

fig, axes = plt.subplots(1, 8, figsize=(10, 1.6))
for ax, row, label in zip(axes, x_test[:8], test_labels[:8], strict=True):
    ax.imshow(row.reshape(28, 28), cmap="gray")  # back from a row of 784 to the picture: row by row
    ax.set_title(str(label))
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 2. Train a small network
#
# A multilayer perceptron, 784 -> 128 (ReLU) -> 10, trained with Adam: a few seconds on a laptop, and about 93 %
# right on the test digits. You know this part from the course; here it is short on purpose, because the model
# is not the point of the project. (A convolutional network would do better; if you serve one, the service
# needs its convolutions too.)

# %%
EPOCHS = quick(8, 3)
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
inputs, targets = torch.from_numpy(x_train), torch.from_numpy(train_labels)
for epoch in range(EPOCHS):
    order = torch.randperm(len(inputs))
    for start in range(0, len(inputs), 64):
        batch = order[start : start + 64]
        loss = nn.functional.cross_entropy(model(inputs[batch]), targets[batch])
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    model.eval()
    with torch.no_grad():
        accuracy = (model(torch.from_numpy(x_test)).argmax(1).numpy() == test_labels).mean()
    model.train()
    print(f"epoch {epoch + 1}: loss {loss.item():.3f}, test accuracy {accuracy:.1%}")
model.eval()

# %% [markdown]
# ## 3. Export, and prove the copy is the same model
#
# The service should not need PyTorch (it would make the container image ten times larger), so the weights go
# to a NumPy file: `W1` (784, 128), `b1`, `W2` (128, 10), `b2`, and a version string the API reports. Note the
# transposes: PyTorch stores a linear layer's weight as (out, in), and the service computes `x @ W1`.
#
# An export is only right if the exported copy gives the same answers. The cell also writes `parity.npz`: 100
# fixed test inputs and this notebook's probabilities for them. The grader sends those inputs to your API and
# compares (to 1e-5), so a service that loads the weights wrongly, or preprocesses again, is caught at once.

# %%
weights = {
    "W1": model[0].weight.detach().numpy().T.copy(),
    "b1": model[0].bias.detach().numpy().copy(),
    "W2": model[2].weight.detach().numpy().T.copy(),
    "b2": model[2].bias.detach().numpy().copy(),
}
np.savez(PROJECT / "model.npz", version=np.array("mlp-1"), **weights)

parity_inputs = x_test[np.random.default_rng(0).choice(len(x_test), size=100, replace=False)]
with torch.no_grad():
    parity_probs = torch.softmax(model(torch.from_numpy(parity_inputs)), dim=1).numpy()
np.savez(PROJECT / "parity.npz", inputs=parity_inputs, probs=parity_probs)
print("wrote", PROJECT / "model.npz", "and", PROJECT / "parity.npz")

# %% [markdown]
# ## 4. Serve it: the API contract
#
# Open `ship-a-model/app.py`. It is a FastAPI application whose contract is fixed, because programs will call
# it:
#
# * `GET /health` answers `{"status": "ok", "model_version": "..."}`;
# * `GET /metadata` answers `classes` (0-9), `input_shape` [28, 28], `input_length` 784, `value_range` [0, 1],
#   `max_batch` 64, `preprocessing` (in words) and `model_version`;
# * `POST /predict` with `{"pixels": [784 numbers]}` answers `{"labels": [7], "probs": [[10 numbers]]}`;
# * `POST /predict` with `{"instances": [[784 numbers], ...]}` (1 to 64 images) answers one label and one row of
#   probabilities per image, in order;
# * anything else sent to `/predict` gets **422** with FastAPI's error body: a wrong length, NaN or infinity, a value
#   outside 0..1, both fields or neither, an empty batch or more than 64;
# * `GET /` is the drawing page, `static/index.html`.
#
# The same input always gives the same answer, and a batch gives exactly what its images give one by one.
# Pydantic does the validation for you if the request model says what a valid request is (look at `Field`'s
# `ge`, `le`, `min_length`, `max_length` and `allow_inf_nan`). FastAPI then publishes the contract at
# `/openapi.json`, and the grader generates more tests from it: requests the published schema accepts must be
# accepted, so every rule belongs in the models, where the schema shows it. "Exactly one of `pixels` and
# `instances`" is two models, one per shape, each with `extra="forbid"`, and a route taking either of them; a
# check written in code (a `model_validator`) works, but the schema does not show it.
#
# One trap: FastAPI's default 422 answer repeats the rejected input, and JSON has no way to write NaN, so a NaN
# pixel makes the *error* fail with a 500. Register your own handler for `RequestValidationError` that leaves the
# input out.
#
# FastAPI's `TestClient` calls the app in this process, without a server: quick to try things. Rerun the cell
# after each change to `app.py`.

# %%
import app as learner_app
from fastapi.testclient import TestClient

importlib.reload(learner_app)
client = TestClient(learner_app.app)
print(client.get("/health").json())
answer = client.post("/predict", json={"pixels": parity_inputs[0].tolist()}).json()
print("label", answer["labels"], "largest difference from the notebook's model",
      np.abs(np.array(answer["probs"][0]) - parity_probs[0]).max())
print("a short image gets", client.post("/predict", json={"pixels": [0.5] * 10}).status_code, "(422 expected)")

# %% [markdown]
# ## 5. A page in front of it
#
# `static/index.html` is a page with a 280x280 canvas to draw on, a **Predict** button and an element with id
# `prediction` where the answer appears. The page has to shrink the drawing to 28x28 grey levels in 0..1, the
# way MNIST's digits were made (ink bright on black, the digit in a 20x20 box near the middle), send them to
# `/predict` with `fetch`, and show the label. No framework and nothing loaded from elsewhere: the page must work
# offline. Try it with a real server:
#
# ```
# cd ship-a-model && python -m uvicorn app:app --host 127.0.0.1 --port 8000
# ```
#
# then open http://127.0.0.1:8000/ and draw. The grader does the same with Chromium: it draws a digit and reads
# the answer, and keeps a screenshot for you.
#
# ## 6. A container image, built offline
#
# The `Containerfile` starts `FROM localhost/dlspec-base:bookworm` (a Debian with Python that `make container`
# builds once from Debian's mirror), installs the wheels the grader puts in `wheels/` with
# `pip install --no-index`, copies your files, and runs the service **as a user other than root** on port 8000.
# The grader builds it with `--network none`, and checks its size, its user, how fast `/health` answers, that it
# runs within 512 MB, and that it stops cleanly when asked (SIGTERM). Without podman these checks are skipped
# and everything else still counts.
#
# ## 7. Grade it
#
# The cell below runs every check but the container's from here (about ten seconds): your service starts on a
# free port of 127.0.0.1 and is stopped again. Each check prints a verdict and, when it fails, a hint at the
# likely cause. Record a grade, the container included, from a terminal:
#
# ```
# dlspec submit c6w5p1
# ```

# %%
from dlspec.grader.capstone import grade

result = grade("c6w5p1", PROJECT, with_container=False)
for c in result.checks:
    print(f"{c.status:8} {c.name:11}{c.message.splitlines()[0] if c.message else ''}")
    if c.hint and c.status == "failed":
        print(" " * 20, "hint:", c.hint)
print(f"score {result.score:.0%}")
