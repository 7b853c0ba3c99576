"""Layers as objects: the functional core of ``dlspec.nn`` wrapped so a network can be stacked in a few lines.

Every layer keeps the course's convention (examples are columns, an input is ``(n, m)``), has ``forward(X)`` and
``backward(dout)`` in the CS231n style (the cache lives on the layer between the two calls), and exposes
``params`` and ``grads``: dicts of arrays with the same keys, which an optimizer updates in place.

``dout`` is the gradient of the *mean* cost, so the 1/m of the course's ``linear_backward`` is already in it
(``softmax_cross_entropy`` returns it that way); layers never divide by m again.

Speed: outputs and gradients are written into buffers kept per shape (``out=`` arguments), so the training loop
allocates almost nothing after its first batch. The price is that an array returned by ``forward`` or ``backward``
is overwritten by the next call of the same shape: copy it if you need to keep it.
"""

from __future__ import annotations

import numpy as np

from dlspec.nn.batchnorm import batchnorm_backward, batchnorm_forward


class Layer:
    """Shared plumbing: parameter/gradient dicts, the train/eval switch and the per-shape buffer pool.

    ``examples_axis`` says which axis of the layer's input holds the examples: -1 for the course's dense
    ``(n, m)`` columns, 0 for images ``(m, n_H, n_W, n_C)`` (``conv_layers``), 1 for sequences ``(n_x, m, T_x)``
    (``rnn_layers``). ``fit`` reads it from the first layer.
    """

    examples_axis = -1

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.training = True
        self._pool: dict[tuple, np.ndarray] = {}

    def buffer(self, name: str, shape: tuple[int, ...], dtype=np.float32, zero: bool = False) -> np.ndarray:
        """A scratch array reused across calls with the same shape: uninitialised, or zeros when first made."""
        key = (name, shape, np.dtype(dtype))
        buf = self._pool.get(key)
        if buf is None:
            buf = self._pool[key] = np.zeros(shape, dtype=dtype) if zero else np.empty(shape, dtype=dtype)
        return buf

    def forward(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        raise NotImplementedError


class Linear(Layer):
    """Z = W @ X + b with W ``(n_out, n_in)`` and b ``(n_out, 1)``, He-initialised from ``rng``."""

    def __init__(self, n_in: int, n_out: int, rng: np.random.Generator | None = None, dtype=np.float32) -> None:
        super().__init__()
        rng = np.random.default_rng() if rng is None else rng
        W = (rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)).astype(dtype)
        self.params = {"W": W, "b": np.zeros((n_out, 1), dtype=dtype)}
        self.grads = {"W": np.zeros_like(W), "b": np.zeros((n_out, 1), dtype=dtype)}
        # The first layer of a network has no one to pass dX to; Sequential switches this off to save a GEMM.
        self.input_grad = True

    def forward(self, X: np.ndarray) -> np.ndarray:
        W, b = self.params["W"], self.params["b"]
        self.X = X
        Z = np.matmul(W, X, out=self.buffer("Z", (W.shape[0], X.shape[1]), W.dtype))
        Z += b
        return Z

    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        np.matmul(dout, self.X.T, out=self.grads["W"])
        np.sum(dout, axis=1, keepdims=True, out=self.grads["b"])
        if not self.input_grad:
            return None
        W = self.params["W"]
        return np.matmul(W.T, dout, out=self.buffer("dX", (W.shape[1], dout.shape[1]), W.dtype))


class ReLU(Layer):
    """max(0, Z), elementwise; the gradient passes where the output is positive."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.A = np.maximum(X, 0, out=self.buffer("A", X.shape, X.dtype))
        return self.A

    def backward(self, dout: np.ndarray) -> np.ndarray:
        mask = np.greater(self.A, 0, out=self.buffer("mask", self.A.shape, bool))
        return np.multiply(dout, mask, out=self.buffer("dX", dout.shape, dout.dtype))


class Sigmoid(Layer):
    """1 / (1 + exp(-Z)); the gradient is dout * A * (1 - A)."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        A = self.buffer("A", X.shape, X.dtype)
        np.negative(X, out=A)
        np.exp(A, out=A)
        A += 1
        np.reciprocal(A, out=A)
        self.A = A
        return A

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = np.subtract(1, self.A, out=self.buffer("dX", dout.shape, dout.dtype))
        dX *= self.A
        dX *= dout
        return dX


class Dropout(Layer):
    """Inverted dropout: keep each unit with probability ``keep_prob`` and divide by it, in training only."""

    def __init__(self, keep_prob: float, rng: np.random.Generator) -> None:
        super().__init__()
        self.keep_prob = keep_prob
        self.rng = rng

    def forward(self, X: np.ndarray) -> np.ndarray:
        if not self.training:
            return X
        self.mask = (self.rng.random(X.shape, dtype=np.float32) < self.keep_prob).astype(X.dtype) / self.keep_prob
        return X * self.mask

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self.mask


class BatchNorm(Layer):
    """Batch normalisation of each unit over the batch (``dlspec.nn.batchnorm``), with learnable gamma and beta."""

    def __init__(self, n: int, momentum: float = 0.9, eps: float = 1e-5, dtype=np.float32) -> None:
        super().__init__()
        self.params = {"gamma": np.ones((n, 1), dtype=dtype), "beta": np.zeros((n, 1), dtype=dtype)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.running_mean = np.zeros((n, 1), dtype=dtype)
        self.running_var = np.ones((n, 1), dtype=dtype)
        self.momentum, self.eps = momentum, eps

    def forward(self, X: np.ndarray) -> np.ndarray:
        mode = "train" if self.training else "test"
        out, self.cache, self.running_mean, self.running_var = batchnorm_forward(
            X, self.params["gamma"], self.params["beta"], self.running_mean, self.running_var,
            mode=mode, momentum=self.momentum, eps=self.eps)
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX, self.grads["gamma"][...], self.grads["beta"][...] = batchnorm_backward(dout, self.cache)
        return dX
