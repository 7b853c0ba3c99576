"""A thin training shell over the layers: Sequential, a softmax cross-entropy loss, in-place Adam and ``fit``.

The readable references stay where the course put them (``deep.L_model_forward``,
``optim.update_parameters_with_adam``); this module is the fast path beside them.
Tests check that both give the same numbers.

Why it is fast: float32 end to end, every intermediate written into a preallocated buffer, an Adam step that
updates its moments and the parameters in place (the textbook update builds four new arrays per parameter), and
batches gathered from examples stored as rows. docs/benchmarks.md says where the time of an epoch goes.
"""

from __future__ import annotations

import copy
import math
from itertools import pairwise

import numpy as np

from dlspec.nn.layers import Layer, Linear, ReLU


def _flatten(dicts: list[dict[str, np.ndarray]]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Move every array of ``dicts`` into one contiguous buffer and rebind each entry to its view of it.

    An optimizer can then update all parameters with one ufunc call per operation instead of one per array:
    the Python overhead of a step stops growing with the number of layers.
    """
    arrays = [a for d in dicts for a in d.values()]
    dtype = np.result_type(*arrays) if arrays else np.float32
    flat = np.empty(sum(a.size for a in arrays), dtype=dtype)
    views, start = {}, 0
    for i, d in enumerate(dicts):
        for k, a in d.items():
            view = flat[start:start + a.size].reshape(a.shape)
            view[...] = a
            d[k] = views[f"{i}.{k}"] = view
            start += a.size
    return flat, views


class Sequential(Layer):
    """Layers applied one after another; ``params``/``grads`` are the layers' own, keyed ``"{index}.{name}"``.

    Its input is its first layer's: ``examples_axis`` is -1 for a dense network (X is ``(n_x, m)``), 0 for one
    that starts with an image layer (X is ``(m, n_H, n_W, n_C)``) and 1 for one that starts with a recurrent layer
    (X is ``(n_x, m, T_x)``). Its output is the last layer's, ``(C, m)`` for a
    network that ends in ``Linear``, whatever its input.
    """

    def __init__(self, *layers: Layer) -> None:
        super().__init__()
        self.layers = list(layers)
        self.examples_axis = self.layers[0].examples_axis
        if hasattr(self.layers[0], "input_grad"):  # Linear, Conv2D: nobody uses the input's gradient
            self.layers[0].input_grad = False
        self.flat_params, self.params = _flatten([layer.params for layer in self.layers])
        self.flat_grads, self.grads = _flatten([layer.grads for layer in self.layers])

    def forward(self, X: np.ndarray) -> np.ndarray:
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout

    def train(self, mode: bool = True) -> Sequential:
        """Switch dropout and batch norm between training and evaluation behaviour."""
        for layer in self.layers:
            layer.training = mode
        self.training = mode
        return self


def dense_network(sizes: list[int], rng: np.random.Generator) -> Sequential:
    """Linear layers of ``sizes[0] -> sizes[1] -> ... -> sizes[-1]`` units with a ReLU between each two, and none
    after the last: a softmax classifier's scores when paired with ``SoftmaxCrossEntropy``."""
    layers: list[Layer] = []
    for n_in, n_out in pairwise(sizes):
        layers += [Linear(n_in, n_out, rng), ReLU()]
    return Sequential(*layers[:-1])


class SoftmaxCrossEntropy(Layer):
    """Mean cross-entropy of softmax(Z) against one-hot Y (C, m); ``backward()`` gives (softmax(Z) - Y) / m."""

    def forward(self, Z: np.ndarray, Y: np.ndarray) -> float:
        A = self.buffer("A", Z.shape, Z.dtype)
        col = self.buffer("col", (1, Z.shape[1]), Z.dtype)
        np.max(Z, axis=0, keepdims=True, out=col)
        np.subtract(Z, col, out=A)  # shifted scores: exp never overflows, log never sees 0
        shifted_true = float(np.vdot(A, Y))  # sum over examples of the true class's shifted score
        np.exp(A, out=A)
        np.sum(A, axis=0, keepdims=True, out=col)
        A /= col
        self.A, self.Y = A, Y
        m = Z.shape[1]
        return float(np.log(col, out=col).sum() - shifted_true) / m

    def backward(self) -> np.ndarray:
        dZ = np.subtract(self.A, self.Y, out=self.buffer("dZ", self.A.shape, self.A.dtype))
        dZ *= 1 / self.A.shape[1]  # a Python float keeps the array's float32 (NEP 50)
        return dZ


class Adam:
    """Adam with its two moments preallocated and every update done in place, one scratch array per parameter.

    The moments are stored divided by (1 - beta): ``v`` holds v / (1 - beta1) and ``s`` holds s / (1 - beta2).
    Their updates are then ``v = beta1 * v + g`` and ``s = beta2 * s + g**2``, without the pass that multiplies by
    (1 - beta); the factors move into the two scalars of the parameter update.
    """

    def __init__(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray], lr: float = 1e-3,
                 beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.params, self.grads = params, grads
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.s = {k: np.zeros_like(p) for k, p in params.items()}
        self.tmp = {k: np.empty_like(p) for k, p in params.items()}
        self.t = 0

    def step(self) -> None:
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        # The textbook update lr * (v/c1) / (sqrt(s/c2) + eps), with bias corrections c1 = 1 - b1^t, c2 = 1 - b2^t,
        # written in the stored moments v' = v/(1-b1) and s' = s/(1-b2), and r = sqrt((1-b2)/c2):
        # lr * (1-b1)/c1 * v' / (r * sqrt(s') + eps) = step_size * v' / (sqrt(s') + eps/r).
        # Python floats, not NumPy float64 scalars: those would push every float32 operation through float64.
        r = math.sqrt((1 - b2) / (1 - b2**self.t))
        step_size = self.lr * (1 - b1) / ((1 - b1**self.t) * r)
        eps = self.eps / r
        for k, p in self.params.items():
            g, v, s, tmp = self.grads[k], self.v[k], self.s[k], self.tmp[k]
            v *= b1
            v += g
            s *= b2
            s += np.square(g, out=tmp)
            np.sqrt(s, out=tmp)
            tmp += eps
            np.divide(v, tmp, out=tmp)
            tmp *= step_size
            p -= tmp


def _examples(X: np.ndarray, axis: int, which: slice) -> np.ndarray:
    """The examples ``which`` of X, whose examples lie along ``axis``: a view."""
    index = [slice(None)] * X.ndim
    index[axis] = which
    return X[tuple(index)]


def _check_labels(model: Sequential, X: np.ndarray, Y: np.ndarray) -> int:
    """The number of examples in X (along the model's examples axis), after checking that Y holds as many."""
    m = X.shape[model.examples_axis]
    if Y.ndim != 2 or Y.shape[1] != m:
        raise ValueError(f"Y has shape {Y.shape}, X has {m} examples on axis {model.examples_axis % X.ndim}: "
                         f"Y must be one-hot labels with one column per example, (n_classes, {m}) (the shape of "
                         "the network's output); for labels as rows, pass Y.T")
    return m


def evaluate(model: Sequential, loss: SoftmaxCrossEntropy, X: np.ndarray, Y: np.ndarray, batch_size: int) -> float:
    """Mean loss over (X, Y) in evaluation mode, batch by batch."""
    model.train(False)
    m = _check_labels(model, X, Y)
    total = 0.0
    for i in range(0, m, batch_size):
        which = slice(i, i + batch_size)
        Yb = Y[:, which]
        total += loss.forward(model.forward(_examples(X, model.examples_axis, which)), Yb) * Yb.shape[1]
    model.train(True)
    return total / m


def fit(model: Sequential, X: np.ndarray, Y: np.ndarray, epochs: int, batch_size: int = 128, lr: float = 1e-3,
        X_val: np.ndarray | None = None, Y_val: np.ndarray | None = None, patience: int | None = None,
        rng: np.random.Generator | None = None, progress: bool = True) -> dict:
    """Train ``model`` with Adam on one-hot labels Y (C, m), shuffling each epoch.

    X holds the examples along the model's ``examples_axis``: columns ``(n_x, m)`` for a dense network, images
    ``(m, n_H, n_W, n_C)`` for one that starts with ``Conv2D``, sequences ``(n_x, m, T_x)`` for one that starts
    with ``RNN`` or ``LSTM``. Y is one-hot with one column per example in every case.

    With validation data, ``patience`` stops training after that many epochs without a better validation loss and
    puts back the best weights. Returns the history: "loss" (mean training loss per epoch), "val_loss" (when
    validation data are given) and "stopped_epoch" (the epoch count actually run).
    """
    rng = np.random.default_rng() if rng is None else rng
    loss, opt = SoftmaxCrossEntropy(), Adam({"all": model.flat_params}, {"all": model.flat_grads}, lr=lr)
    history: dict = {"loss": [], "val_loss": []}
    best, best_params, waited = np.inf, None, 0
    m, axis = _check_labels(model, X, Y), model.examples_axis
    # Batches are gathered from a copy that holds one example per row, a contiguous block. Gathering columns of the
    # (n, m) layout instead reads one element from every row of X per example: on a 784 x 20000 X, 0.12 s an epoch
    # against 0.02 s, when all the rest of the epoch takes 0.3 s. Images (m, n_H, n_W, n_C) are rows already.
    X_rows, Y_rows = np.ascontiguousarray(np.moveaxis(X, axis, 0)), np.ascontiguousarray(Y.T)
    batches: dict[tuple, np.ndarray] = {}

    def gather(rows: np.ndarray, idx: np.ndarray) -> np.ndarray:
        """rows[idx] into a buffer kept per batch size: a fresh 3 MB array per batch of images costs page faults."""
        key = (rows.shape, len(idx))
        if key not in batches:
            batches[key] = np.empty((len(idx), *rows.shape[1:]), dtype=rows.dtype)
        # mode="clip" lets np.take write straight into out= (its default checks through a temporary copy)
        return np.take(rows, idx, axis=0, out=batches[key], mode="clip")

    # imported here: rich takes a tenth of a second to import, which every grading child of a notebook that
    # imports this module would pay for a progress bar it never shows
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("epoch {task.fields[epoch]}"), BarColumn(), TextColumn("loss {task.fields[loss]}"),
                  TimeElapsedColumn(), disable=not progress) as bar:
        task = bar.add_task("fit", total=epochs, epoch=0, loss="-")
        for epoch in range(1, epochs + 1):
            perm = rng.permutation(m)
            total = 0.0
            for i in range(0, m, batch_size):
                idx = perm[i:i + batch_size]
                # back to the model's layout, (n, batch) for dense: a transposed view, no copy
                Xb, Yb = np.moveaxis(gather(X_rows, idx), 0, axis), gather(Y_rows, idx).T
                total += loss.forward(model.forward(Xb), Yb) * len(idx)
                model.backward(loss.backward())
                opt.step()
            history["loss"].append(total / m)
            shown = f"{total / m:.4f}"
            if X_val is not None:
                val = evaluate(model, loss, X_val, Y_val, batch_size)
                history["val_loss"].append(val)
                shown += f"  val {val:.4f}"
                if val < best:
                    best, best_params, waited = val, copy.deepcopy(model.params), 0
                else:
                    waited += 1
            bar.update(task, advance=1, epoch=epoch, loss=shown)
            if patience is not None and best_params is not None and waited >= patience:
                break
    if patience is not None and best_params is not None:
        for k, p in model.params.items():
            p[...] = best_params[k]
    history["stopped_epoch"] = epoch
    return history
