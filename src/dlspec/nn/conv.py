"""Convolution and pooling layers, forward and backward (Course 4 week 1).

The course's layout throughout: a batch of images is ``(m, n_H, n_W, n_C)``, examples first; a bank of ``n_C``
filters ``W`` is ``(f, f, n_C_prev, n_C)`` with biases ``b`` of shape ``(1, 1, 1, n_C)``. Forward functions
return ``(output, cache)``; backward functions take ``(upstream gradient, cache)``.

Two implementations of the same layers live here:

* the **course functions** (``zero_pad`` ... ``pool_backward``): the answer key of C4W1A1, pasted verbatim into the
  learner's notebook, so they loop over examples, output rows, output columns and channels exactly as the lesson
  explains a convolution, and use only ``np`` and each other;
* the **vectorised core** (``conv2d_forward``/``conv2d_backward``, ``pool2d_forward``/``pool2d_backward``): the
  same arithmetic with no Python loop over positions, for training and for layer classes to build on. It keeps
  the input's float dtype (float32 in, float32 out).

``tests/nn/test_conv.py`` proves the two equal, and both right against finite differences and PyTorch.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# --- the course functions ---------------------------------------------------------------------------------------


def zero_pad(X, pad):
    """Surround every image of a batch with ``pad`` rows and columns of zeros.

    Arguments:
    X -- batch of images, numpy array of shape (m, n_H, n_W, n_C)
    pad -- integer, zeros added on each side of the height and width axes

    Returns:
    X_pad -- padded batch, shape (m, n_H + 2 * pad, n_W + 2 * pad, n_C); examples and channels are not padded
    """
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)
    return X_pad


def conv_single_step(a_slice_prev, W, b):
    """One output value of a convolution: one filter applied to one window of the input.

    Arguments:
    a_slice_prev -- window of the input, shape (f, f, n_C_prev)
    W -- one filter's weights, shape (f, f, n_C_prev)
    b -- the filter's bias, shape (1, 1, 1)

    Returns:
    Z -- a float: the sum of a_slice_prev * W over every entry, plus b
    """
    s = a_slice_prev * W
    Z = np.sum(s)
    # b is one number held in a (1, 1, 1) array; NumPy 2 converts only 0-d arrays with float(), hence the squeeze
    Z = Z + float(np.squeeze(b))
    return Z


def conv_forward(A_prev, W, b, hparameters):
    """Forward pass of a convolution layer.

    Arguments:
    A_prev -- activations of the previous layer, shape (m, n_H_prev, n_W_prev, n_C_prev)
    W -- filters, shape (f, f, n_C_prev, n_C)
    b -- biases, shape (1, 1, 1, n_C)
    hparameters -- dict with "stride" and "pad"

    Returns:
    Z -- the convolution's output, shape (m, n_H, n_W, n_C) with
         n_H = (n_H_prev + 2 * pad - f) // stride + 1 and n_W likewise
    cache -- the tuple (A_prev, W, b, hparameters), kept for conv_backward
    """
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]

    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)

    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])

    cache = (A_prev, W, b, hparameters)
    return Z, cache


def pool_forward(A_prev, hparameters, mode="max"):
    """Forward pass of a pooling layer: each channel of each window shrinks to its maximum or its mean.

    Arguments:
    A_prev -- input, shape (m, n_H_prev, n_W_prev, n_C_prev)
    hparameters -- dict with "f" (the window's size) and "stride"
    mode -- "max" or "average"

    Returns:
    A -- output, shape (m, n_H, n_W, n_C_prev) with n_H = (n_H_prev - f) // stride + 1 and n_W likewise
    cache -- the tuple (A_prev, hparameters), kept for pool_backward
    """
    if mode not in ("max", "average"):
        raise ValueError(f'mode is "max" or "average", not {mode!r}')
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f = hparameters["f"]
    stride = hparameters["stride"]

    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))

    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    else:
                        A[i, h, w, c] = np.mean(a_prev_slice)

    cache = (A_prev, hparameters)
    return A, cache


def conv_backward(dZ, cache):
    """Backward pass of a convolution layer.

    Arguments:
    dZ -- gradient of the cost with respect to the layer's output Z, shape (m, n_H, n_W, n_C)
    cache -- the tuple (A_prev, W, b, hparameters) from conv_forward

    Returns:
    dA_prev -- gradient with respect to A_prev, shape (m, n_H_prev, n_W_prev, n_C_prev)
    dW -- gradient with respect to W, shape (f, f, n_C_prev, n_C)
    db -- gradient with respect to b, shape (1, 1, 1, n_C)
    """
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape

    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    # The windows reach into the padding, so their gradients are gathered at the padded size first.
    dA_prev_pad = np.zeros(A_prev_pad.shape)

    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]

    # Crop the padding away. Slicing by the input's size also works for pad = 0, where [pad:-pad] would be empty.
    dA_prev = dA_prev_pad[:, pad : pad + n_H_prev, pad : pad + n_W_prev, :]
    return dA_prev, dW, db


def create_mask_from_window(x):
    """Where a max-pooling window's output came from.

    Arguments:
    x -- one window of one channel, shape (f, f)

    Returns:
    mask -- boolean array of x's shape, True at the maximum of x and False elsewhere. Where several entries tie
            for the maximum, only the first one (in reading order, as np.argmax finds it) is marked: the output
            copied one input, so only that input receives its gradient.
    """
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask


def distribute_value(dz, shape):
    """Spread one average-pooling gradient evenly over the window it came from.

    Arguments:
    dz -- a number: the gradient of one output of an average pool
    shape -- (n_H, n_W), the window's shape

    Returns:
    a -- array of that shape, every entry dz / (n_H * n_W)
    """
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a


def pool_backward(dA, cache, mode="max"):
    """Backward pass of a pooling layer.

    Arguments:
    dA -- gradient of the cost with respect to the pooling layer's output, shape (m, n_H, n_W, n_C)
    cache -- the tuple (A_prev, hparameters) from pool_forward
    mode -- "max" or "average", as in the forward pass

    Returns:
    dA_prev -- gradient with respect to the pooling layer's input, shape of A_prev
    """
    if mode not in ("max", "average"):
        raise ValueError(f'mode is "max" or "average", not {mode!r}')
    (A_prev, hparameters) = cache
    stride = hparameters["stride"]
    f = hparameters["f"]
    (m, n_H, n_W, n_C) = dA.shape
    dA_prev = np.zeros(A_prev.shape)

    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    else:
                        share = distribute_value(dA[i, h, w, c], (f, f))
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += share

    return dA_prev


# --- the vectorised core ----------------------------------------------------------------------------------------
#
# Every f x f window is a strided view of the (padded) input: sliding_window_view gives all of them without a copy,
# and [::stride] keeps those the layer visits. The forward pass copies them once into the rows of a matrix (im2col)
# and multiplies by the filters; the backward pass adds each of the f * f filter taps back with one strided slice
# (col2im), so the Python loop runs f * f times, never once per position.


class ConvCache(NamedTuple):
    """What conv2d_backward needs: the input's shape, its windows as rows, the filters and the geometry."""

    x_shape: tuple[int, ...]
    cols: np.ndarray  # (m * n_H * n_W, f * f * n_C_prev), each row one window in (f, f, n_C_prev) order
    w: np.ndarray
    b_shape: tuple[int, ...]
    stride: int
    pad: int


class PoolCache(NamedTuple):
    """What pool2d_backward needs: the input's shape, the geometry and, for max pooling, the winners."""

    x_shape: tuple[int, ...]
    f: int
    stride: int
    mode: str
    argmax: np.ndarray | None  # (m, n_H, n_W, n_C): which of the f * f entries won, in reading order


def _windows(x: np.ndarray, f: int, stride: int) -> np.ndarray:
    """Every f x f window a layer with this stride visits, as a view of shape (m, n_H, n_W, n_C, f, f)."""
    return sliding_window_view(x, (f, f), axis=(1, 2))[:, ::stride, ::stride]


def _tap(i: int, j: int, stride: int, n_H: int, n_W: int) -> tuple[slice, ...]:
    """The input entries that filter position (i, j) meets, one per output position: a strided slice."""
    return np.s_[:, i : i + stride * n_H : stride, j : j + stride * n_W : stride, :]


def conv2d_forward(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, pad: int = 0
) -> tuple[np.ndarray, ConvCache]:
    """Convolution layer, vectorised: conv_forward's result for x (m, n_H_prev, n_W_prev, n_C_prev), w (f, f,
    n_C_prev, n_C) and b (n_C numbers, e.g. (1, 1, 1, n_C)). Returns (out (m, n_H, n_W, n_C), cache)."""
    f, _, n_C_prev, n_C = w.shape
    windows = _windows(zero_pad(x, pad) if pad else x, f, stride)
    m, n_H, n_W = windows.shape[:3]
    # (f, f, n_C_prev) order in each row matches w's memory layout, so the filters reshape without a copy
    cols = windows.transpose(0, 1, 2, 4, 5, 3).reshape(m * n_H * n_W, f * f * n_C_prev)
    out = (cols @ w.reshape(f * f * n_C_prev, n_C)).reshape(m, n_H, n_W, n_C)
    out += b.reshape(n_C)  # in place: a float64 bias must not promote a float32 output
    return out, ConvCache(x.shape, cols, w, b.shape, stride, pad)


def conv2d_backward(dout: np.ndarray, cache: ConvCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of conv2d_forward: (dx, dw, db) in the shapes of x, w and b."""
    x_shape, cols, w, b_shape, stride, pad = cache
    f, _, n_C_prev, n_C = w.shape
    m, n_H, n_W, _ = dout.shape
    dout_rows = dout.reshape(-1, n_C)
    dw = (cols.T @ dout_rows).reshape(w.shape)
    db = dout_rows.sum(axis=0).reshape(b_shape)
    dcols = (dout_rows @ w.reshape(-1, n_C).T).reshape(m, n_H, n_W, f, f, n_C_prev)
    _, n_H_prev, n_W_prev, _ = x_shape
    dx_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev), dtype=dcols.dtype)
    for i in range(f):
        for j in range(f):
            dx_pad[_tap(i, j, stride, n_H, n_W)] += dcols[:, :, :, i, j, :]
    return dx_pad[:, pad : pad + n_H_prev, pad : pad + n_W_prev, :], dw, db


def pool2d_forward(x: np.ndarray, f: int, stride: int, mode: str = "max") -> tuple[np.ndarray, PoolCache]:
    """Pooling layer, vectorised: pool_forward's result for x (m, n_H_prev, n_W_prev, n_C), mode "max" or
    "average". Returns (out (m, n_H, n_W, n_C), cache)."""
    windows = _windows(x, f, stride)
    if mode == "max":
        flat = windows.reshape(*windows.shape[:4], f * f)
        argmax = flat.argmax(axis=-1)  # the first maximum on ties, as create_mask_from_window marks it
        out = np.take_along_axis(flat, argmax[..., None], axis=-1)[..., 0]
        return out, PoolCache(x.shape, f, stride, mode, argmax)
    if mode == "average":
        return windows.mean(axis=(-2, -1)), PoolCache(x.shape, f, stride, mode, None)
    raise ValueError(f'mode is "max" or "average", not {mode!r}')


def pool2d_backward(dout: np.ndarray, cache: PoolCache) -> np.ndarray:
    """Gradient of pool2d_forward with respect to x: each output's gradient goes to the input that won (max) or is
    shared equally by its window (average)."""
    x_shape, f, stride, mode, argmax = cache
    _, n_H, n_W, _ = dout.shape
    dx = np.zeros(x_shape, dtype=dout.dtype)
    for i in range(f):
        for j in range(f):
            share = dout * (argmax == i * f + j) if mode == "max" else dout / (f * f)
            dx[_tap(i, j, stride, n_H, n_W)] += share
    return dx
