"""A basic RNN and an LSTM as layer objects, for ``Sequential`` and ``fit`` (Course 5 weeks 1 and 2).

What goes in and out is the course's layout (``rnn.py``): a batch of sequences ``(n_x, m, T_x)``, so the layers'
``examples_axis`` is 1. ``fit`` reads it from the first layer, keeps the examples as rows ``(m, n_x, T_x)`` to
gather shuffled batches, and hands each batch to the model as an ``(n_x, batch, T_x)`` view. The output is every
step's hidden state ``(n_a, m, T_x)`` (``return_sequences=True``, for another recurrent layer on top) or only the
last one ``(n_a, m)``, one column per example, which is what ``Linear`` takes:
``Sequential(LSTM(n_x, n_a), Linear(n_a, n_y))`` classifies sequences.

The parameters are the course's too. ``RNN``: ``Wax (n_a, n_x)``, ``Waa (n_a, n_a)``, ``ba (n_a, 1)``. ``LSTM``:
the course's four gate matrices stacked into one, ``W (4 n_a, n_a + n_x)`` with the gates in the order f, i, c, o,
each acting on ``[a_prev; xt]`` as in ``lstm_cell_forward``, and ``b (4 n_a, 1)`` stacked the same way;
``LSTM.course_parameters()`` hands out Wf, bf... as views. The states start at zero. Neither layer has the
course's output layer (Wya, Wy): a ``Linear`` after it is one.

The arithmetic is ``rnn.py``'s, step by step in the same ``(n, m)`` columns, reorganised for speed:

* ``W @ [a_prev; xt] + b`` is split in two. The input's share, ``Wx @ xt + b``, is known for every step before the
  loop starts: one matmul call for all of them. Only ``Wa @ a_prev`` has to wait for the step before (the
  recurrence), one product per step, all four gates at once.
* The backward pass, likewise, only carries the gradient back through time inside its loop; the weight gradients,
  which add up over the steps, are one big product each after it.
* A step's arrays are stored time-major, ``(T_x, n, m)``, so that each step's block, and each gate's rows within
  it, is contiguous: NumPy ran the elementwise work on such blocks about twice as fast as on strided slices.
  What the layer returns are views of these buffers, moved into the course's axis order.
* Every array a step writes lives in a buffer kept per batch shape (``Layer.buffer``), so the loops allocate
  nothing: as with the other layers, an array returned by ``forward`` or ``backward`` is overwritten by the next
  call of the same shape.

``tests/nn/test_rnn_layers.py`` proves both layers equal to ``rnn.py``'s functions and to ``torch.nn.RNN``/
``torch.nn.LSTM``; ``bench/lstm.py`` measures the LSTM against PyTorch's (docs/benchmarks.md).
"""

from __future__ import annotations

import numpy as np

from dlspec.nn.layers import Layer

GATES = ("f", "i", "c", "o")  # the order of the LSTM's stacked gates: forget, update (input), candidate, output


class Recurrent(Layer):
    """What the two layers share: the layout in and out, the input projection and the weight gradients.

    A subclass says which arrays are its recurrent weights ``Wa (k, n_a)``, input weights ``Wx (k, n_x)`` and bias
    ``b (k, 1)`` (k = n_a for the RNN, 4 n_a for the LSTM), and runs the loop over time both ways.
    """

    examples_axis = 1

    def __init__(self, n_x: int, n_a: int, return_sequences: bool, dtype) -> None:
        super().__init__()
        self.n_x, self.n_a, self.return_sequences, self.dtype = n_x, n_a, return_sequences, np.dtype(dtype)
        # As for Linear: the first layer of a network has no one to pass dX to; Sequential switches this off.
        self.input_grad = True

    def weights(self, params: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(Wa, Wx, b) of ``params`` or of ``grads``: the same keys, so the same views."""
        raise NotImplementedError

    def forward_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """What the forward pass multiplies by, copied once per batch: Wa, and ``[Wx, b]`` side by side (the bias
        is a weight whose input is always 1). Copies, so that a subclass may rescale them."""
        Wa, Wx, b = self.weights(self.params)
        Wa_copy = self.buffer("Wa_forward", Wa.shape, self.dtype)
        np.copyto(Wa_copy, Wa)
        Wxb = self.buffer("Wxb", (Wx.shape[0], self.n_x + 1), self.dtype)
        np.copyto(Wxb[:, :-1], Wx)
        np.copyto(Wxb[:, -1:], b)
        return Wa_copy, Wxb

    def forward(self, X: np.ndarray) -> np.ndarray:
        if X.ndim != 3 or X.shape[0] != self.n_x:
            raise ValueError(f"{type(self).__name__}({self.n_x}, {self.n_a}) takes sequences in the course's layout, "
                             f"(n_x, m, T_x) = ({self.n_x}, m, T_x); X has shape {X.shape}")
        n_x, m, T = X.shape
        self.prepare(m, T)
        Wa, Wxb = self.forward_weights()
        k = Wa.shape[0]
        # The inputs, step after step: xs[:, t] is the course's xt (n_x, m) with a row of ones under it, so that the
        # product below adds the bias, without a pass of its own over Z.
        xs = self.buffer("xs", (n_x + 1, T, m), self.dtype)
        np.copyto(xs[:n_x], X.transpose(0, 2, 1))  # one copy (into float32, if X was not)
        xs[n_x] = 1
        # Z[t]: what step t adds up before its activation (k, m). It starts as the input's share, Wx xt + b, for
        # every step in one call (T products inside NumPy). One product into a (k, T m) array ran faster alone, but
        # then each step had to add a strided slice of it: 7% slower forward.
        Z = self.buffer("Z", (T, k, m), self.dtype)
        np.matmul(Wxb, xs.transpose(1, 0, 2), out=Z)
        # H[t]: the state *before* step t, so H[0] is the initial state, zero: written once, when the buffer is made
        H = self.buffer("H", (T + 1, self.n_a, m), self.dtype, zero=True)
        rec = self.buffer("rec", (k, m), self.dtype)
        for t in range(T):
            if t:
                Z[t] += np.matmul(Wa, H[t], out=rec)  # the recurrence: only this waits for the step before
            self.step(t, Z, H)
        self.xs, self.Z, self.H = xs[:n_x], Z, H
        # every state (n_a, m, T_x) or the last (n_a, m): views, no copy
        return H[1:].transpose(1, 2, 0) if self.return_sequences else H[T]

    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        xs, H, Z = self.xs, self.H, self.Z
        T, k, m = Z.shape
        n_a, n_x = self.n_a, self.n_x
        # dH[t]: what reaches step t's state from above (the next layer); the loop adds what the later steps send
        dH = self.buffer("dH", (T, n_a, m), self.dtype)
        if self.return_sequences:
            np.copyto(dH, dout.transpose(2, 0, 1))
        else:
            dH.fill(0)  # only the last state went on
            dH[T - 1] = dout
        Wa, Wx, _ = self.weights(self.params)
        # a contiguous copy of Wa.T: the step's product Wa.T @ dZ[t] ran a few percent faster from it than from a view
        WaT = self.buffer("WaT", (n_a, k), self.dtype)
        np.copyto(WaT, Wa.T)
        dZ = self.buffer("dZ", (T, k, m), self.dtype)
        self.gates_backward(dZ, dH, WaT)
        # The same weights act at every step, so their gradients add up over the steps: dWa = sum_t dZ[t] H[t].T is
        # one product once the steps lie side by side, dZ as (k, T m) and H as (n_a, T m). Two copies to get there.
        dZ_steps = self.buffer("dZ_steps", (k, T, m), self.dtype)
        np.copyto(dZ_steps, dZ.transpose(1, 0, 2))
        dZ_steps = dZ_steps.reshape(k, T * m)
        H_steps = self.buffer("H_steps", (n_a, T, m), self.dtype)
        np.copyto(H_steps, H[:T].transpose(1, 0, 2))  # step t multiplied H[t], the state before it
        dWa, dWx, db = self.weights(self.grads)
        np.matmul(dZ_steps, H_steps.reshape(n_a, T * m).T, out=dWa)
        np.matmul(dZ_steps, xs.reshape(n_x, T * m).T, out=dWx)
        np.sum(dZ_steps, axis=1, keepdims=True, out=db)
        if not self.input_grad:
            return None
        dxs = self.buffer("dxs", (n_x, T, m), self.dtype)
        np.matmul(Wx.T, dZ_steps, out=dxs.reshape(n_x, T * m))
        return dxs.transpose(0, 2, 1)  # the course's (n_x, m, T_x), a view

    def prepare(self, m: int, T: int) -> None:
        """Make what a subclass keeps besides Z and H for a batch of m sequences of T steps (nothing, by default)."""

    def step(self, t: int, Z: np.ndarray, H: np.ndarray) -> None:
        """Step t's activations from Z[t], which holds everything the step adds up; the new state into H[t + 1]."""
        raise NotImplementedError

    def gates_backward(self, dZ: np.ndarray, dH: np.ndarray, WaT: np.ndarray) -> None:
        """Backpropagation through time: fill dZ[t], the gradient of the cost with respect to Z[t], for every step."""
        raise NotImplementedError


class RNN(Recurrent):
    """The basic RNN of ``rnn_cell_forward``: a_next = tanh(Waa a_prev + Wax xt + ba), over a whole sequence.

    Weights start uniform in +-1/sqrt(n_a), as PyTorch's do; the bias starts at zero.
    """

    def __init__(self, n_x: int, n_a: int, return_sequences: bool = False, rng: np.random.Generator | None = None,
                 dtype=np.float32) -> None:
        super().__init__(n_x, n_a, return_sequences, dtype)
        rng = np.random.default_rng() if rng is None else rng
        bound = 1 / np.sqrt(n_a)
        self.params = {"Wax": rng.uniform(-bound, bound, (n_a, n_x)).astype(dtype),
                       "Waa": rng.uniform(-bound, bound, (n_a, n_a)).astype(dtype),
                       "ba": np.zeros((n_a, 1), dtype=dtype)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def weights(self, params: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return params["Waa"], params["Wax"], params["ba"]

    def step(self, t: int, Z: np.ndarray, H: np.ndarray) -> None:
        np.tanh(Z[t], out=H[t + 1])

    def gates_backward(self, dZ: np.ndarray, dH: np.ndarray, WaT: np.ndarray) -> None:
        # the states are already tanh(z), so tanh'(z) = 1 - a**2: for every step at once, before the loop
        np.square(self.H[1:], out=dZ)
        np.subtract(1, dZ, out=dZ)
        da_prev = self.buffer("da_prev", dH.shape[1:], self.dtype)  # what step t passes back to step t - 1
        for t in reversed(range(len(dH))):
            if t < len(dH) - 1:  # a<t> feeds the layer above and the next step: its gradient is the sum of the two
                dH[t] += da_prev
            dZ[t] *= dH[t]
            if t:
                np.matmul(WaT, dZ[t], out=da_prev)


class LSTM(Recurrent):
    """The LSTM of ``lstm_cell_forward`` over a whole sequence, the four gates computed as one stacked matrix.

    Weights start uniform in +-1/sqrt(n_a), as PyTorch's do. Biases start at zero but the forget gate's at 1
    (Keras's ``unit_forget_bias``): a forget gate near sigmoid(1) = 0.73 rather than 0.5 keeps the memory, and
    with it the gradient, alive over more steps while training starts.
    """

    def __init__(self, n_x: int, n_a: int, return_sequences: bool = False, rng: np.random.Generator | None = None,
                 dtype=np.float32) -> None:
        super().__init__(n_x, n_a, return_sequences, dtype)
        rng = np.random.default_rng() if rng is None else rng
        bound = 1 / np.sqrt(n_a)
        self.params = {"W": rng.uniform(-bound, bound, (4 * n_a, n_a + n_x)).astype(dtype),
                       "b": np.zeros((4 * n_a, 1), dtype=dtype)}
        self.params["b"][:n_a] = 1
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def course_parameters(self) -> dict[str, np.ndarray]:
        """Wf, bf, Wi, bi, Wc, bc, Wo, bo as the course shapes them: views of W and b (writing them sets the layer)."""
        n, W, b = self.n_a, self.params["W"], self.params["b"]
        views = {}
        for k, gate in enumerate(GATES):
            views["W" + gate], views["b" + gate] = W[k * n:(k + 1) * n], b[k * n:(k + 1) * n]
        return views

    def weights(self, params: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n = self.n_a
        return params["W"][:, :n], params["W"][:, n:], params["b"]  # W acts on [a_prev; xt]: a's columns first

    def forward_weights(self) -> tuple[np.ndarray, np.ndarray]:
        # sigmoid(z) = (1 + tanh(z / 2)) / 2, so one tanh over a step's whole block of gates activates all four, if
        # the three sigmoid gates get z / 2: their rows of the weights are halved here, once per batch.
        Wa, Wxb = super().forward_weights()
        n = self.n_a
        for W in (Wa, Wxb):
            W[:2 * n] *= 0.5  # f and i
            W[3 * n:] *= 0.5  # o; the candidate c keeps its z
        return Wa, Wxb

    def prepare(self, m: int, T: int) -> None:
        # C[t] is the memory before step t, C[0] = 0 (written once); tanh_C[t] = tanh(C[t + 1]), kept for backward
        self.C = self.buffer("C", (T + 1, self.n_a, m), self.dtype, zero=True)
        self.tanh_C = self.buffer("tanh_C", (T, self.n_a, m), self.dtype)

    def step(self, t: int, Z: np.ndarray, H: np.ndarray) -> None:
        n, C, tanh_C = self.n_a, self.C, self.tanh_C
        z = Z[t]  # (4 n_a, m): the gates f, i, c, o stacked, n_a rows each
        np.tanh(z, out=z)  # f, i, o got z / 2 (halved weights): tanh(z / 2); the candidate got z: tanh(z)
        for s in (z[:2 * n], z[3 * n:]):  # (1 + tanh(z / 2)) / 2 = sigmoid(z) for f, i (side by side) and o
            s *= 0.5
            s += 0.5
        f, i, cc, o = z[:n], z[n:2 * n], z[2 * n:3 * n], z[3 * n:]
        c = np.multiply(f, C[t], out=C[t + 1])  # forget part of the old memory...
        c += np.multiply(i, cc, out=self.buffer("ig", f.shape, self.dtype))  # ...and take in part of the candidate
        np.tanh(c, out=tanh_C[t])
        np.multiply(o, tanh_C[t], out=H[t + 1])

    def gates_backward(self, dZ: np.ndarray, dH: np.ndarray, WaT: np.ndarray) -> None:
        T, n, m = dH.shape
        Z, C, tanh_C = self.Z, self.C, self.tanh_C  # Z holds the gates' activations now
        dc = self.buffer("dc", (n, m), self.dtype)  # the memory's gradient at the step being worked on
        dc.fill(0)  # nothing reaches the last memory from later steps
        tmp = self.buffer("tmp", (n, m), self.dtype)
        da_prev = self.buffer("da_prev", (n, m), self.dtype)  # what step t passes back to step t - 1
        # lstm_cell_backward, step after step, every operation in place on the step's contiguous blocks: a step's
        # arrays stay in the cache from the first operation to the last (the same work as passes over whole
        # arrays before the loop, and 30% faster here)
        for t in reversed(range(T)):
            f, i, cc, o = (Z[t, k * n:(k + 1) * n] for k in range(4))
            df, di, dcc, do = (dZ[t, k * n:(k + 1) * n] for k in range(4))
            da = dH[t]
            if t < T - 1:  # the state gathers the gradient from above and from the next step
                da += da_prev
            # the memory reaches the cost through the next step (dc so far) and through a = o * tanh(c)
            np.square(tanh_C[t], out=tmp)
            np.subtract(1, tmp, out=tmp)
            tmp *= o
            tmp *= da
            dc += tmp
            # each gate's gradient before its activation: its activation's derivative, sigmoid' = s (1 - s) or
            # tanh' = 1 - cc**2, times the other factor of its product, times that product's gradient
            np.subtract(1, Z[t], out=dZ[t])
            dZ[t] *= Z[t]  # s (1 - s) for the whole block; the candidate's rows are written again next
            np.square(cc, out=dcc)
            np.subtract(1, dcc, out=dcc)
            do *= tanh_C[t]  # a = o * tanh(c)
            do *= da
            df *= C[t]  # c = f * c_prev + i * cc
            df *= dc
            di *= cc
            di *= dc
            dcc *= i
            dcc *= dc
            dc *= f  # the memory's gradient one step back
            if t:  # every gate read a_prev through the first n_a columns of W
                np.matmul(WaT, dZ[t], out=da_prev)
