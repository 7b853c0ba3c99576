"""Correct solutions of C4W1A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dlspec.checking.spec import variant
from dlspec.nn.conv import (
    conv2d_backward,
    conv2d_forward,
    create_mask_from_window,
    distribute_value,
    pool2d_backward,
    pool2d_forward,
    zero_pad,
)

# --- zero_pad ---------------------------------------------------------------------------------------------------


@variant("zero_pad")
def pad_by_copying_into_zeros(X, pad):
    m, n_H, n_W, n_C = X.shape
    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C), dtype=X.dtype)
    X_pad[:, pad : pad + n_H, pad : pad + n_W, :] = X
    return X_pad


@variant("zero_pad")
def pad_by_concatenating(X, pad):
    m, n_H, n_W, n_C = X.shape
    rows = np.zeros((m, pad, n_W, n_C))
    X = np.concatenate([rows, X, rows], axis=1)
    columns = np.zeros((m, n_H + 2 * pad, pad, n_C))
    return np.concatenate([columns, X, columns], axis=2)


# --- conv_single_step -------------------------------------------------------------------------------------------


@variant("conv_single_step")
def single_step_tensordot(a_slice_prev, W, b):
    return float(np.tensordot(a_slice_prev, W, axes=3)) + b.item()


@variant("conv_single_step")
def single_step_flat_dot(a_slice_prev, W, b):
    return a_slice_prev.ravel() @ W.ravel() + b[0, 0, 0]


# --- conv_forward -----------------------------------------------------------------------------------------------


@variant("conv_forward")
def conv_with_im2col(A_prev, W, b, hparameters):
    Z, _ = conv2d_forward(A_prev, W, b, hparameters["stride"], hparameters["pad"])
    return Z, (A_prev, W, b, hparameters)


@variant("conv_forward")
def conv_by_filter_taps(A_prev, W, b, hparameters):
    # one pass per filter position (i, j): every output meets input (h * stride + i, w * stride + j) there
    stride, pad, f = hparameters["stride"], hparameters["pad"], W.shape[0]
    A_prev_pad = zero_pad(A_prev, pad)
    n_H = (A_prev_pad.shape[1] - f) // stride + 1
    n_W = (A_prev_pad.shape[2] - f) // stride + 1
    Z = np.broadcast_to(b, (A_prev.shape[0], n_H, n_W, W.shape[3])).copy()
    for i in range(f):
        for j in range(f):
            Z += A_prev_pad[:, i : i + stride * n_H : stride, j : j + stride * n_W : stride, :] @ W[i, j]
    return Z, (A_prev, W, b, hparameters)


@variant("conv_forward")
def conv_with_einsum(A_prev, W, b, hparameters):
    f, stride = W.shape[0], hparameters["stride"]
    windows = sliding_window_view(zero_pad(A_prev, hparameters["pad"]), (f, f), axis=(1, 2))
    Z = np.einsum("mhwcij,ijcn->mhwn", windows[:, ::stride, ::stride], W) + b
    return Z, (A_prev, W, b, hparameters)


# --- pool_forward -----------------------------------------------------------------------------------------------


@variant("pool_forward")
def pool_with_windows(A_prev, hparameters, mode="max"):
    f, stride = hparameters["f"], hparameters["stride"]
    windows = sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    reduce = windows.max if mode == "max" else windows.mean
    return reduce(axis=(4, 5)), (A_prev, hparameters)


@variant("pool_forward")
def pool_with_ndindex(A_prev, hparameters, mode="max"):
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    A = np.empty((m, 1 + (n_H_prev - f) // stride, 1 + (n_W_prev - f) // stride, n_C))
    for i, h, w, c in np.ndindex(A.shape):
        window = A_prev[i, h * stride : h * stride + f, w * stride : w * stride + f, c]
        A[i, h, w, c] = window.max() if mode == "max" else window.sum() / window.size
    return A, (A_prev, hparameters)


# --- conv_backward ----------------------------------------------------------------------------------------------


@variant("conv_backward")
def conv_backward_with_col2im(dZ, cache):
    A_prev, W, b, hparameters = cache
    _, fast_cache = conv2d_forward(A_prev, W, b, hparameters["stride"], hparameters["pad"])
    return conv2d_backward(dZ, fast_cache)


@variant("conv_backward")
def conv_backward_by_filter_taps(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad, f = hparameters["stride"], hparameters["pad"], W.shape[0]
    _, n_H, n_W, _ = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros_like(A_prev_pad)
    dW = np.zeros_like(W)
    for i in range(f):
        for j in range(f):
            taps = np.s_[:, i : i + stride * n_H : stride, j : j + stride * n_W : stride, :]
            dA_prev_pad[taps] += dZ @ W[i, j].T
            dW[i, j] = np.tensordot(A_prev_pad[taps], dZ, axes=([0, 1, 2], [0, 1, 2]))
    db = dZ.sum(axis=(0, 1, 2), keepdims=True)
    if pad:
        dA_prev_pad = dA_prev_pad[:, pad:-pad, pad:-pad, :]
    return dA_prev_pad, dW, db


# --- create_mask_from_window ------------------------------------------------------------------------------------


@variant("create_mask_from_window")
def mask_from_flat_argmax(x):
    return (np.arange(x.size) == np.argmax(x)).reshape(x.shape)


@variant("create_mask_from_window")
def mask_of_last_tie(x):
    # any one of tied maxima is a right answer; this one keeps the last
    mask = np.zeros(x.shape, dtype=int)
    mask.flat[x.size - 1 - np.argmax(x.ravel()[::-1])] = 1
    return mask


# --- distribute_value -------------------------------------------------------------------------------------------


@variant("distribute_value")
def distribute_with_full(dz, shape):
    return np.full(shape, dz / np.prod(shape))


@variant("distribute_value")
def distribute_by_dividing_ones(dz, shape):
    a = np.ones(shape) * dz
    return a / a.size


# --- pool_backward ----------------------------------------------------------------------------------------------


@variant("pool_backward")
def pool_backward_vectorised(dA, cache, mode="max"):
    A_prev, hparameters = cache
    _, fast_cache = pool2d_forward(A_prev, hparameters["f"], hparameters["stride"], mode)
    return pool2d_backward(dA, fast_cache)


@variant("pool_backward")
def pool_backward_with_ndindex(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros_like(A_prev)
    for i, h, w, c in np.ndindex(dA.shape):
        window = np.s_[i, h * stride : h * stride + f, w * stride : w * stride + f, c]
        if mode == "max":
            dA_prev[window] += create_mask_from_window(A_prev[window]) * dA[i, h, w, c]
        else:
            dA_prev[window] += distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
