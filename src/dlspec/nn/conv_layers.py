"""Convolution, pooling and flattening as layer objects, for ``Sequential`` and ``fit`` (Course 4).

The course's layout: a batch of images is ``(m, n_H, n_W, n_C)``, examples first; ``Conv2D`` keeps its filters as
``W (f, f, n_C_prev, n_C)`` and ``b (1, 1, 1, n_C)``, the shapes of ``conv.conv_forward``. ``Flatten`` hands the
dense layers after it the course's other layout, one column per example ``(n_H * n_W * n_C, m)``, so a network
ends in ``Linear`` and ``SoftmaxCrossEntropy`` exactly as a dense one does.

The arithmetic is ``conv.py``'s (the readable loops there are the answer key, ``conv2d_forward`` its vectorised
twin); these classes add what training speed needs, as ``layers.Linear`` does: float32, every output, gradient
and scratch array in a buffer kept per shape (so an array returned by ``forward`` or ``backward`` is overwritten
by the next call of the same shape), the im2col matrix built a chunk of images at a time, and for stride 1 a
backward pass without im2col (shifts of the padded grid). Why each choice:
docs/benchmarks.md, "Conv layers vs PyTorch", says where the time goes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import numpy as np
from numpy.lib.stride_tricks import as_strided

from dlspec.nn.conv import _tap, _windows
from dlspec.nn.layers import Layer

# The column matrix of one chunk of images stays under this size, so that building it, multiplying it and (in the
# backward pass) multiplying it again all happen in the core's L2 cache. The whole batch's matrix (64 images of
# 32x32 under a 3x3x16 filter: 38 MB) would go out to main memory and back twice; its matrix multiplies alone ran
# 1.6x slower that way.
CHUNK_BYTES = 1 << 20


def _same_pads(size: int, f: int, stride: int) -> tuple[int, int]:
    """Keras's "same" padding along one axis: ceil(size / stride) outputs, the odd row after (bottom, right)."""
    n_out = -(-size // stride)
    total = max((n_out - 1) * stride + f - size, 0)
    return total // 2, total - total // 2


class Conv2D(Layer):
    """A convolution: n_C filters of f x f x n_C_prev, each slid over the image with ``stride``, plus a bias.

    ``pad`` is a number of zero rows and columns on every side (the course's ``hparameters["pad"]``), "valid"
    (none) or "same" (Keras's: the output has ceil(n_H_prev / stride) rows; an even filter gets the extra row of
    zeros at the bottom and the extra column at the right, as Keras and PyTorch put it). Filters are
    He-initialised from ``rng``, biases start at zero.

    How it computes (im2col): every f x f x n_C_prev window of the padded input becomes one row of a matrix
    ``cols``, with a last column of ones; ``cols @ [W; b]`` is then the whole convolution, bias included, in one
    matrix multiply. Backward: ``cols.T @ dout`` gives dW and, in its last row, db (the bias is a weight whose input
    is always 1); ``dout @ W[i, j].T`` gives, for each filter position (i, j), what the window entries there
    receive, added back into the input's shape with one strided slice per position.

    With stride 1 the backward pass needs no im2col: laid on the padded input's grid, dout meets filter position
    (i, j) at one shift of that grid, so dW[i, j] is a product of a shifted view of the padded input and dout, and
    the input's gradient gets each position's share as one contiguous run (``_backward_on_grid``).

    With few input channels (an RGB image: a window row is f * 3 numbers) one row of ``cols`` covers ``B``
    neighbouring outputs instead of one: the f x (f + B - 1) x n_C_prev patch they share, multiplied by a matrix
    holding B shifted copies of the filters (zeros elsewhere). The copy into ``cols`` then moves runs B times
    fewer and longer, and the multiply has B * n_C columns instead of n_C, which BLAS runs faster; it does
    (f + B - 1) / f times the arithmetic. The first layer of the SIGNS network ran 1.8x faster with B = 4.
    """

    examples_axis = 0

    def __init__(self, n_C_prev: int, n_C: int, f: int, stride: int = 1, pad: int | str = 0,
                 rng: np.random.Generator | None = None, dtype=np.float32) -> None:
        super().__init__()
        if not (pad in ("same", "valid") or (isinstance(pad, int) and pad >= 0)):
            raise ValueError(f'pad is a number of zeros on each side (0, 1, ...), "same" or "valid", not {pad!r}')
        rng = np.random.default_rng() if rng is None else rng
        W = (rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev))).astype(dtype)
        self.params = {"W": W, "b": np.zeros((1, 1, 1, n_C), dtype=dtype)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.f, self.stride, self.pad = f, stride, pad
        # As for Linear: the first layer of a network has no one to pass dX to; Sequential switches this off.
        self.input_grad = True

    def pads(self, n_H_prev: int, n_W_prev: int) -> tuple[int, int, int, int]:
        """Zero rows above and below, zero columns left and right, for an input of this height and width."""
        if self.pad == "same":
            return (*_same_pads(n_H_prev, self.f, self.stride), *_same_pads(n_W_prev, self.f, self.stride))
        p = 0 if self.pad == "valid" else self.pad
        return p, p, p, p

    def outputs_per_row(self, n_W: int, n_C_prev: int) -> int:
        """B, the neighbouring outputs one row of ``cols`` computes: more when a window row is short (measured:
        B = 4 for 12 numbers, B = 2 for 16 to 63, 1 from 64 on), as long as the product keeps at most 64 columns
        (B * n_C: with 16 -> 64 channels B = 2 ran 10% slower, with 16 -> 16 11% faster), fewer when n_W does not
        divide, 1 for stride > 1 (the patch would grow by the stride per output)."""
        row, n_C = self.f * n_C_prev, self.params["W"].shape[3]
        B = 1 if self.stride > 1 or row >= 64 else 2 if row >= 16 else 4
        while n_W % B or (B > 1 and B * n_C > 64):
            B //= 2
        return B

    def forward(self, X: np.ndarray) -> np.ndarray:
        W, b = self.params["W"], self.params["b"]
        f, stride, n_C = self.f, self.stride, W.shape[3]
        m, n_H_prev, n_W_prev, n_C_prev = X.shape
        top, bottom, left, right = self.pads(n_H_prev, n_W_prev)
        if top or bottom or left or right or X.dtype != W.dtype or not X.flags.c_contiguous:
            # The border of this buffer is zeroed once, when it is made; only the inside is written after that.
            shape = (m, top + n_H_prev + bottom, left + n_W_prev + right, n_C_prev)
            x_pad = self.buffer("x_pad", shape, W.dtype, zero=True)
            x_pad[:, top:top + n_H_prev, left:left + n_W_prev] = X
        else:
            x_pad = X
        n_H = (x_pad.shape[1] - f) // stride + 1
        n_W = (x_pad.shape[2] - f) // stride + 1
        B = self.outputs_per_row(n_W, n_C_prev)
        # [W; b] for B outputs per row: output k of a row sees the patch from its column k on. Only the filter
        # blocks are written, every call; the zeros around them stay from when the buffer was made.
        Wb = self.buffer("Wb", (f * (f + B - 1) * n_C_prev + 1, B * n_C), W.dtype, zero=True)
        blocks = Wb[:-1].reshape(f, f + B - 1, n_C_prev, B, n_C)
        for k in range(B):
            blocks[:, k:k + f, :, k, :] = W
        Wb[-1].reshape(B, n_C)[...] = b.reshape(n_C)
        Z = self.buffer("Z", (m, n_H, n_W, n_C), W.dtype)
        Z_rows = Z.reshape(-1, B * n_C)  # a row of B outputs: the product's own layout, no copy
        for first, last, cols in self._columns(x_pad, n_H, n_W, B):
            np.matmul(cols, Wb, out=Z_rows[first * n_H * n_W // B:last * n_H * n_W // B])
        self.x_pad, self.x_shape, self.top_left = x_pad, X.shape, (top, left)
        return Z

    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        W, f, stride = self.params["W"], self.f, self.stride
        n_C_prev, n_C = W.shape[2:]
        # dW from shifts of the input grid (no im2col) where its f * f products, each n_C_prev x n_C, are big
        # enough for BLAS: stride 1, 4 or more channels in and 64 or more numbers a product (measured: 16 -> 32
        # 1.5x and 4 -> 16 1.6x faster than rebuilding the columns; 3 -> 8, the SIGNS network's first layer, 2.7x
        # slower, since columns of 4 outputs a row suit 3 channels well; 6 -> 10 1.5x slower).
        weights_on_grid = stride == 1 and n_C_prev >= 4 and n_C_prev * n_C >= 64
        if self.input_grad:
            W_taps = self.buffer("W_taps", (f * f, n_C, n_C_prev), W.dtype)  # W[i, j].T for every position (i, j)
            W_taps[...] = W.reshape(f * f, n_C_prev, n_C).transpose(0, 2, 1)
            dx_pad = self.buffer("dx_pad", self.x_pad.shape, W.dtype)
        else:
            W_taps = dx_pad = None
        if not weights_on_grid:
            self._weight_gradient_from_columns(dout)
        if stride == 1 and (weights_on_grid or self.input_grad):
            self._backward_on_grid(dout, weights_on_grid, W_taps, dx_pad)
        elif self.input_grad:
            self._input_gradient_strided(dout, W_taps, dx_pad)
        if not self.input_grad:
            return None
        (top, left), (_, n_H_prev, n_W_prev, _) = self.top_left, self.x_shape
        return dx_pad[:, top:top + n_H_prev, left:left + n_W_prev]  # the padding's gradients are dropped

    def _weight_gradient_from_columns(self, dout: np.ndarray) -> None:
        """dW and db as ``cols.T @ dout``, the columns built again a chunk at a time: rebuilding a chunk in cache
        costs less than writing the whole matrix to main memory in the forward pass and reading it back."""
        W, f = self.params["W"], self.f
        m, n_H, n_W, n_C = dout.shape
        n_C_prev = W.shape[2]
        B = self.outputs_per_row(n_W, n_C_prev)
        per_image = n_H * n_W
        dout_wide = np.ascontiguousarray(dout).reshape(-1, B * n_C)
        dWb = self.buffer("dWb", (f * (f + B - 1) * n_C_prev + 1, B * n_C), W.dtype)
        part = self.buffer("dWb_part", dWb.shape, W.dtype)
        dWb.fill(0)
        for first, last, cols in self._columns(self.x_pad, n_H, n_W, B):
            dWb += np.matmul(cols.T, dout_wide[first * per_image // B:last * per_image // B], out=part)
        # Each filter weight sits in B blocks of the wide matrix (one per output of a row): its gradient is their sum.
        blocks = dWb[:-1].reshape(f, f + B - 1, n_C_prev, B, n_C)
        dW, db = self.grads["W"], self.grads["b"]
        dW[...] = blocks[:, 0:f, :, 0, :]
        for k in range(1, B):
            dW += blocks[:, k:k + f, :, k, :]
        np.sum(dWb[-1].reshape(B, n_C), axis=0, out=db.reshape(n_C))

    def _backward_on_grid(self, dout: np.ndarray, weights: bool, W_taps: np.ndarray | None,
                          dx_pad: np.ndarray | None) -> None:
        """For stride 1: dW (if ``weights``) and dx (if W_taps is given), a chunk of images at a time, no im2col.

        dout is first laid on the padded input's grid (zeros on its last f - 1 rows and columns), flattened to one
        row per grid position. Filter position (i, j) of every window is then the same shift of that grid,
        s = i * n_W_pad + j rows, so everything it touches is a contiguous run:

        * dW[i, j] = (x_pad's rows s to s + L) transposed @ (dout's rows 0 to L): the f * f products are one
          ``matmul`` of a 4-d view of x_pad (no copy), each a long sum with a small result;
        * dx: dout's rows @ W[i, j].T, added into the input's gradient from row s on (``_input_gradient``).

        The zeros make the positions past each row's end (where a shift wraps into the next row or image)
        contribute nothing. The products grow by those zero rows (13% for 32x32 images and a 3x3 filter); the
        copies of im2col go away. Both use the chunk's grid while it is in cache.
        """
        f, W = self.f, self.params["W"]
        m, n_H, n_W, n_C = dout.shape
        x_pad = self.x_pad
        _, n_H_pad, n_W_pad, n_C_prev = x_pad.shape
        per_image = n_H_pad * n_W_pad
        per_chunk = max(1, CHUNK_BYTES // ((n_C + f * f * n_C_prev) * per_image * x_pad.itemsize))
        grid = self.buffer("d_grid", (min(per_chunk, m), n_H_pad, n_W_pad, n_C), W.dtype, zero=True)
        part, dW = self.buffer("dW_part", W.shape, W.dtype), self.grads["W"]
        db_part, db = self.buffer("db_part", (n_C,), W.dtype), self.grads["b"].reshape(n_C)
        # db is the sum of dout's rows: a product with a row of ones ran 3x faster than np.sum over three axes.
        ones = self.buffer("ones", (grid[0].size // n_C,), W.dtype)
        ones.fill(1)
        if weights:
            dW.fill(0)
            db.fill(0)
        _, s_h, s_w, s_c = x_pad.strides
        # The grid rows that the last filter position moves by: the view of x_pad stops where it would leave it.
        shift = (f - 1) * n_W_pad + f - 1
        taps = as_strided(x_pad, (f, f, n_C_prev, m * per_image - shift), (s_h, s_w, s_c, s_w), writeable=False)
        for first in range(0, m, per_chunk):
            n = min(per_chunk, m - first)
            grid[:n, :n_H, :n_W] = dout[first:first + n]  # the zeros outside stay from when the buffer was made
            rows = grid[:n].reshape(-1, n_C)
            if weights:
                length = len(rows) - shift  # the rows of the chunk that every shift keeps inside it
                start = first * per_image
                dW += np.matmul(taps[..., start:start + length], rows[:length], out=part)
                for image in rows.reshape(n, -1, n_C):
                    db += np.matmul(ones, image, out=db_part)
            if W_taps is not None:
                self._input_gradient(dx_pad[first:first + n], rows, W_taps)

    def _input_gradient(self, dx: np.ndarray, rows: np.ndarray, W_taps: np.ndarray) -> None:
        """Write into dx (a chunk of images of the padded input's gradient) what its entries receive from
        ``rows``, the chunk's dout laid on the padded grid (stride 1).

        One (rows, n_C_prev) product per filter position, ``rows @ W[i, j].T``, rather than one product with
        f * f * n_C_prev columns: each position's block comes out contiguous, and lands in dx as one contiguous
        run shifted by its (i, j). NumPy adds contiguous arrays about 4x faster than 2-d slices of a bigger one.
        """
        f, n_C_prev = self.f, dx.shape[3]
        d_taps = np.matmul(rows, W_taps, out=self.buffer("d_taps", (f * f, len(rows), n_C_prev), dx.dtype))
        dx_flat, width = dx.reshape(-1), dx.shape[2]
        # The last shift moves the grid by (f - 1) rows and f - 1 columns; what would move past the end is zeros.
        length = dx_flat.size - ((f - 1) * width + f - 1) * n_C_prev
        dx_flat[:length] = d_taps[0].reshape(-1)[:length]  # position (0, 0) is not shifted: it sets, the rest add
        dx_flat[length:] = 0
        for i in range(f):
            for j in range(f):
                if i or j:
                    start = (i * width + j) * n_C_prev
                    dx_flat[start:start + length] += d_taps[i * f + j].reshape(-1)[:length]

    def _input_gradient_strided(self, dout: np.ndarray, W_taps: np.ndarray, dx_pad: np.ndarray) -> None:
        """dx for stride > 1: one product per filter position, ``dout @ W[i, j].T``, added back with a strided
        slice (the windows' positions no longer line up with a shift of one grid)."""
        f, stride = self.f, self.stride
        m, n_H, n_W, n_C = dout.shape
        d_taps = np.matmul(dout.reshape(-1, n_C), W_taps,
                           out=self.buffer("d_taps", (f * f, m * n_H * n_W, dx_pad.shape[3]), dx_pad.dtype))
        dx_pad.fill(0)
        for i in range(f):
            for j in range(f):
                dx_pad[_tap(i, j, stride, n_H, n_W)] += d_taps[i * f + j].reshape(m, n_H, n_W, -1)

    def _columns(self, x_pad: np.ndarray, n_H: int, n_W: int, B: int) -> Iterator[tuple[int, int, np.ndarray]]:
        """im2col a chunk of images at a time: yields (first image, last image + 1, cols), cols holding one row per
        B neighbouring outputs of those images, the f x (f + B - 1) x n_C_prev patch they read and then a 1."""
        m, _, _, n_C_prev = x_pad.shape
        f, stride = self.f, self.stride
        row = (f + B - 1) * n_C_prev  # one row of the patch: numbers next to each other in x_pad
        K = f * row
        per_image = n_H * n_W // B
        per_chunk = max(1, CHUNK_BYTES // (per_image * (K + 1) * x_pad.itemsize))
        buf = self.buffer("cols", (min(per_chunk, m) * per_image, K + 1), x_pad.dtype)
        buf[:, K] = 1
        s_m, s_h, s_w, s_c = x_pad.strides
        # The patches are a 5-d view of x_pad (image, h, w, patch row, numbers of that row; x_pad is contiguous),
        # so the copy moves runs of ``row`` numbers. Made once: slicing it costs less than a view per chunk.
        patches = as_strided(x_pad, (m, n_H, n_W // B, f, row), (s_m, stride * s_h, B * stride * s_w, s_h, s_c),
                             writeable=False)
        for first in range(0, m, per_chunk):
            last = min(first + per_chunk, m)
            cols = buf[:(last - first) * per_image]
            cols[:, :K].reshape(last - first, *patches.shape[1:])[...] = patches[first:last]  # a view of cols
            yield first, last, cols


@functools.lru_cache(maxsize=32)
def _window_corners(shape: tuple[int, ...], f: int, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat indices into an input of ``shape``: each window's top-left entry (one per output, channel by channel)
    and, for each of the f * f positions of a window in reading order, its offset from that corner."""
    _, n_H_prev, n_W_prev, n_C = shape
    m, n_H, n_W = shape[0], (n_H_prev - f) // stride + 1, (n_W_prev - f) // stride + 1
    i, h, w, c = np.ix_(range(m), range(n_H), range(n_W), range(n_C))
    corners = ((i * n_H_prev + h * stride) * n_W_prev + w * stride) * n_C + c
    offsets = (np.arange(f)[:, None] * n_W_prev + np.arange(f)) * n_C
    return corners, offsets.ravel()


class Pool2D(Layer):
    """What both poolings share: an f x f window moved by ``stride`` (f by default, as in Keras), no parameters."""

    examples_axis = 0

    def __init__(self, f: int, stride: int | None = None) -> None:
        super().__init__()
        self.f, self.stride = f, f if stride is None else stride


class MaxPool2D(Pool2D):
    """Max pooling: each f x f window of each channel shrinks to its largest entry.

    The gradient goes to the entry that won, and only to the first one in reading order where several tie (as
    ``conv.create_mask_from_window`` marks it and PyTorch routes it): the output copied that one input.
    """

    def forward(self, X: np.ndarray) -> np.ndarray:
        f, stride = self.f, self.stride
        X = np.ascontiguousarray(X)
        windows = _windows(X, f, stride)  # (m, n_H, n_W, n_C, f, f), a view
        out_shape = windows.shape[:4]
        # The windows are copied so that each one's f * f entries lie side by side: argmax over a contiguous last
        # axis is one fast pass, where the maximum over two strided axes of the input was 5x slower.
        flat = self.buffer("windows", windows.shape, X.dtype)
        flat[...] = windows
        winner = np.argmax(flat.reshape(*out_shape, f * f), axis=-1, out=self.buffer("argmax", out_shape, np.intp))
        # Where each winner sits in X, as a flat index: its window's corner plus its offset within the window.
        corners, offsets = _window_corners(X.shape, f, stride)
        # mode="clip" lets np.take write straight into out= (its default checks bounds through a temporary copy);
        # every index here is in range by construction.
        self.index = np.take(offsets, winner, out=self.buffer("index", out_shape, np.intp), mode="clip")
        self.index += corners
        self.x_shape = X.shape
        return np.take(X.reshape(-1), self.index, out=self.buffer("A", out_shape, X.dtype), mode="clip")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dX = self.buffer("dX", self.x_shape, dout.dtype)
        dX.fill(0)
        # Added, not assigned: windows that overlap (stride < f) can share a winner, which then gets both gradients.
        np.add.at(dX.reshape(-1), self.index, dout)
        return dX


class AvgPool2D(Pool2D):
    """Average pooling: each f x f window of each channel shrinks to its mean; every entry of a window gets
    1 / f**2 of its output's gradient."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        f, stride = self.f, self.stride
        m, n_H_prev, n_W_prev, n_C = X.shape
        n_H, n_W = (n_H_prev - f) // stride + 1, (n_W_prev - f) // stride + 1
        A = self.buffer("A", (m, n_H, n_W, n_C), X.dtype)
        A.fill(0)
        for i in range(f):  # f * f strided adds, one per window position: no Python loop over outputs
            for j in range(f):
                A += X[_tap(i, j, stride, n_H, n_W)]
        A *= 1 / (f * f)  # a Python float keeps float32 float32
        self.x_shape = X.shape
        return A

    def backward(self, dout: np.ndarray) -> np.ndarray:
        f, stride = self.f, self.stride
        _, n_H, n_W, _ = dout.shape
        share = np.multiply(dout, 1 / (f * f), out=self.buffer("share", dout.shape, dout.dtype))
        dX = self.buffer("dX", self.x_shape, dout.dtype)
        dX.fill(0)
        for i in range(f):
            for j in range(f):
                dX[_tap(i, j, stride, n_H, n_W)] += share
        return dX


class Flatten(Layer):
    """Images ``(m, n_H, n_W, n_C)`` to columns ``(n_H * n_W * n_C, m)``, each example read in (n_H, n_W, n_C)
    order (Keras's Flatten on this layout; PyTorch's NCHW flattens in (n_C, n_H, n_W) order instead).

    Both directions are views, no copy: the next ``Linear`` multiplies the transposed view as it is.
    """

    examples_axis = 0

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.x_shape = X.shape
        return X.reshape(X.shape[0], -1).T

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout.T.reshape(self.x_shape)
