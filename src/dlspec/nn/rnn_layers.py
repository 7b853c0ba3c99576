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

The arithmetic is ``rnn.py``'s, reorganised for speed:

* Inside, a step's arrays hold one example per *row*: ``(m, n)``, kept time-major as ``(T_x, m, n)``. The course's
  ``W @ [a; x]`` is the same numbers as ``[a.T, x.T] @ W.T``; stored this way every step's block is contiguous, and
  the inputs of all steps form one ``(T_x m, n_x)`` matrix. The outputs go back as transposed views, no copy.
* The input's share of every gate at every step, ``x @ Wx.T + b``, is one big matrix multiply before the loop;
  only ``a_prev @ Wa.T`` has to wait for the step before (the recurrence). The backward pass, likewise, only
  carries the gradient back through time inside its loop; the weight gradients, which add up over the steps, are
  one big product each after it.
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

    def forward_weights(self) -> np.ndarray:
        """What the forward pass multiplies by: ``[Wa.T; Wx.T; b.T]``, a contiguous copy made once per batch.

        Contiguous, because OpenBLAS ran the step's product (m, n_a) @ (n_a, k) 15% faster from a contiguous
        right-hand matrix than from the transpose of one; one block, so that a subclass can rescale it in one pass.
        """
        Wa, Wx, b = self.weights(self.params)
        n_a, n_x = self.n_a, self.n_x
        WT = self.buffer("WT", (n_a + n_x + 1, Wa.shape[0]), self.dtype)
        np.copyto(WT[:n_a], Wa.T)
        np.copyto(WT[n_a:n_a + n_x], Wx.T)
        np.copyto(WT[n_a + n_x:], b.T)
        return WT

    def forward(self, X: np.ndarray) -> np.ndarray:
        n_x, m, T = X.shape
        n_a = self.n_a
        WT = self.forward_weights()
        k = WT.shape[1]
        # The inputs as rows, time-major, with a last column of ones: the bias is then one more weight, whose input
        # is always 1, and the product below adds it (as Conv2D does; a separate pass over Z cost 16% more).
        xs = self.buffer("xs", (T, m, n_x + 1), self.dtype)
        np.copyto(xs[..., :n_x], X.transpose(2, 1, 0))  # one copy (into float32, if X was not)
        xs[..., n_x] = 1
        # Z[t] is what step t adds up before its activation; the input's share of it, for every step at once:
        Z = self.buffer("Z", (T, m, k), self.dtype)
        np.matmul(xs.reshape(T * m, n_x + 1), WT[n_a:], out=Z.reshape(T * m, k))
        # H[t] is the state *before* step t, so H[0] is the initial state, zero: written once, when the buffer is made
        H = self.buffer("H", (T + 1, m, n_a), self.dtype, zero=True)
        self.recur(Z, H, WT[:n_a])
        self.xs, self.Z, self.H = xs[..., :n_x], Z, H
        return H[1:].transpose(2, 1, 0) if self.return_sequences else H[T].T

    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        xs, H = self.xs, self.H
        T, m, n_x = xs.shape
        # dH[t]: what reaches step t's state from above (the next layer); the loop adds what the later steps send
        dH = self.buffer("dH", (T, m, self.n_a), self.dtype)
        if self.return_sequences:
            np.copyto(dH, dout.transpose(2, 1, 0))
        else:
            dH.fill(0)  # only the last state went on
            dH[T - 1] = dout.T
        Wa, Wx, _ = self.weights(self.params)
        k = Wa.shape[0]
        dZ = self.buffer("dZ", (T, m, k), self.dtype)
        # a contiguous copy: the step's product dZ[t] @ Wa ran 5% faster from it than from the LSTM's view into W
        Wa_rows = self.buffer("Wa", Wa.shape, self.dtype)
        np.copyto(Wa_rows, Wa)
        self.recur_backward(dH, dZ, Wa_rows)
        # The same weights act at every step, so their gradients add up over the steps: one product over all rows.
        dWa, dWx, db = self.weights(self.grads)
        dZ_rows = dZ.reshape(T * m, k)
        np.matmul(dZ_rows.T, H[:T].reshape(T * m, self.n_a), out=dWa)  # step t multiplied H[t], the state before it
        np.matmul(dZ_rows.T, xs.reshape(T * m, n_x), out=dWx)
        np.sum(dZ_rows, axis=0, out=db.reshape(k))
        if not self.input_grad:
            return None
        dxs = self.buffer("dxs", (T, m, n_x), self.dtype)
        np.matmul(dZ_rows, Wx, out=dxs.reshape(T * m, n_x))
        return dxs.transpose(2, 1, 0)  # back to the course's (n_x, m, T_x), a view

    def recur(self, Z: np.ndarray, H: np.ndarray, WaT: np.ndarray) -> None:
        """The loop over time: add each step's recurrent share ``H[t] @ WaT`` to Z[t], activate, write the new state
        to H[t + 1]."""
        raise NotImplementedError

    def recur_backward(self, dH: np.ndarray, dZ: np.ndarray, Wa: np.ndarray) -> None:
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

    def recur(self, Z: np.ndarray, H: np.ndarray, WaT: np.ndarray) -> None:
        rec = self.buffer("rec", Z.shape[1:], self.dtype)
        for t in range(len(Z)):
            if t:  # the state before step 0 is zero: it adds nothing
                Z[t] += np.matmul(H[t], WaT, out=rec)
            np.tanh(Z[t], out=H[t + 1])

    def recur_backward(self, dH: np.ndarray, dZ: np.ndarray, Wa: np.ndarray) -> None:
        # the states are already tanh(z), so tanh'(z) = 1 - a**2: for every step at once, before the loop
        H = self.H[1:]
        np.square(H, out=dZ)
        np.subtract(1, dZ, out=dZ)
        da_prev = self.buffer("da_prev", dH.shape[1:], self.dtype)  # what step t passes back to step t - 1
        for t in reversed(range(len(dH))):
            if t < len(dH) - 1:  # a<t> feeds the layer above and the next step: its gradient is the sum of the two
                dH[t] += da_prev
            dZ[t] *= dH[t]
            if t:
                np.matmul(dZ[t], Wa, out=da_prev)


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
        # sigmoid(z) = (1 + tanh(z / 2)) / 2, so one tanh over a step's whole block of gates activates all four,
        # if the three sigmoid gates get z / 2: their weights are halved once per batch, in the forward pass's copy.
        self.half = np.ones(4 * n_a, dtype=dtype)
        self.half[np.r_[0:2 * n_a, 3 * n_a:4 * n_a]] = 0.5  # f, i and o; the candidate c keeps its z
        self.shift = 1 - self.half  # after the tanh: u * 0.5 + 0.5 for the sigmoid gates, u * 1 + 0 for c

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

    def forward_weights(self) -> np.ndarray:
        WT = super().forward_weights()
        WT *= self.half  # the sigmoid gates' columns halved: see __init__
        return WT

    def recur(self, Z: np.ndarray, H: np.ndarray, WaT: np.ndarray) -> None:
        T, m, _ = Z.shape
        n = self.n_a
        # C[t] is the memory before step t, C[0] = 0 (written once); tanh_C[t] = tanh(C[t + 1]) is kept for backward
        C = self.buffer("C", (T + 1, m, n), self.dtype, zero=True)
        tanh_C = self.buffer("tanh_C", (T, m, n), self.dtype)
        rec = self.buffer("rec", (m, 4 * n), self.dtype)
        ig = self.buffer("ig", (m, n), self.dtype)
        for t in range(T):
            z = Z[t]  # (m, 4 n_a): the gates f, i, c, o side by side, each n_a columns
            if t:  # the state before step 0 is zero: it adds nothing
                z += np.matmul(H[t], WaT, out=rec)
            np.tanh(z, out=z)  # f, i, o got z / 2 (halved weights): tanh(z / 2); the candidate got z: tanh(z)
            # (1 + tanh(z / 2)) / 2 = sigmoid(z). Two passes over the whole contiguous block (the candidate's columns
            # times 1 plus 0) ran faster than four over the sigmoid gates' strided columns alone.
            z *= self.half
            z += self.shift
            f, i, cc, o = z[:, :n], z[:, n:2 * n], z[:, 2 * n:3 * n], z[:, 3 * n:]
            c = np.multiply(f, C[t], out=C[t + 1])  # forget part of the old memory...
            c += np.multiply(i, cc, out=ig)  # ...and take in part of the candidate
            np.tanh(c, out=tanh_C[t])
            np.multiply(o, tanh_C[t], out=H[t + 1])
        self.C, self.tanh_C = C, tanh_C

    def recur_backward(self, dH: np.ndarray, dZ: np.ndarray, Wa: np.ndarray) -> None:
        T, m, n = dH.shape
        Z, C, tanh_C = self.Z, self.C, self.tanh_C  # Z holds the gates' activations now
        f, i, cc, o = (Z[..., k * n:(k + 1) * n] for k in range(4))  # (T, m, n_a) each: every step's
        df, di, dcc, do = (dZ[..., k * n:(k + 1) * n] for k in range(4))
        # Each gate's gradient is the gradient of the product it is in, times the other factor of that product,
        # times its activation's derivative. All but the first factor are known for every step before the loop:
        # computed here in a few passes over whole arrays, the loop is left with 7 small operations per step.
        np.subtract(1, Z, out=dZ)
        dZ *= Z  # sigmoid' = s (1 - s): right for f, i and o...
        np.square(cc, out=dcc)
        np.subtract(1, dcc, out=dcc)  # ...and tanh' = 1 - cc**2 for the candidate
        df *= C[:-1]  # c = f * c_prev + i * cc
        di *= cc
        dcc *= i
        do *= tanh_C  # a = o * tanh(c)
        # the memory also reaches the cost through the state: d a / d c = o * tanh'(c)
        a_to_c = np.square(tanh_C, out=self.buffer("a_to_c", tanh_C.shape, self.dtype))
        np.subtract(1, a_to_c, out=a_to_c)
        a_to_c *= o
        dc = self.buffer("dc", (m, n), self.dtype)  # the memory's gradient at the step being worked on
        dc.fill(0)  # nothing reaches the last memory from later steps
        tmp = self.buffer("tmp", (m, n), self.dtype)
        da_prev = self.buffer("da_prev", (m, n), self.dtype)  # what step t passes back to step t - 1
        for t in reversed(range(T)):
            if t < T - 1:  # the state gathers the gradient from above and from the next step
                dH[t] += da_prev
            do[t] *= dH[t]
            dc += np.multiply(dH[t], a_to_c[t], out=tmp)
            # f, i and cc each get dc times what was computed before the loop: one broadcast multiply for the three
            fic = dZ[t][:, :3 * n].reshape(m, 3, n)
            fic *= dc[:, None, :]
            dc *= f[t]  # the memory's gradient one step back: c = f * c_prev + ...
            if t:  # every gate read a_prev through the first n_a columns of W
                np.matmul(dZ[t], Wa, out=da_prev)
