"""C4W1A1, second round."""

import numpy as np

from .. import correct, mistake

# ruff: noqa: F821 - the notebook's functions, used by name


@correct("zero_pad")
def pad_tuple_widths(X, pad):
    return np.pad(X, ((0, 0), (pad,) * 2, (pad,) * 2, (0, 0)), "constant", constant_values=(0, 0))


@mistake("zero_pad")
def pad_height_only(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (0, 0), (0, 0)))


@mistake("conv_single_step")
def single_step_bias_times(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W) * b.item())


@mistake("conv_forward")
def conv_first_bias_for_every_channel(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, _, _, n_C = W.shape
    s, p = hparameters["stride"], hparameters["pad"]
    n_H, n_W = (n_H_prev + 2 * p - f) // s + 1, (n_W_prev + 2 * p - f) // s + 1
    A_pad = zero_pad(A_prev, p)
    Z = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(A_pad[i, h * s : h * s + f, w * s : w * s + f], W[..., c],
                                                     b[..., 0])
    return Z, (A_prev, W, b, hparameters)


@mistake("conv_forward")
def conv_columns_looped_over_rows(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, _, _, n_C = W.shape
    s, p = hparameters["stride"], hparameters["pad"]
    n_H, n_W = (n_H_prev + 2 * p - f) // s + 1, (n_W_prev + 2 * p - f) // s + 1
    A_pad = zero_pad(A_prev, p)
    Z = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(min(n_H, n_W)):
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(A_pad[i, h * s : h * s + f, w * s : w * s + f], W[..., c],
                                                     b[..., c])
    return Z, (A_prev, W, b, hparameters)


@correct("pool_forward")
def pool_ndindex(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    A = np.empty((m, (n_H_prev - f) // s + 1, (n_W_prev - f) // s + 1, n_C))
    for i, h, w, c in np.ndindex(A.shape):
        window = A_prev[i, h * s : h * s + f, w * s : w * s + f, c]
        A[i, h, w, c] = window.max() if mode == "max" else window.mean()
    return A, (A_prev, hparameters)


@mistake("pool_forward")
def pool_cache_of_output(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    A = np.zeros((m, (n_H_prev - f) // s + 1, (n_W_prev - f) // s + 1, n_C))
    for i, h, w, c in np.ndindex(A.shape):
        window = A_prev[i, h * s : h * s + f, w * s : w * s + f, c]
        A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)
    return A, (A, hparameters)


@mistake("conv_backward")
def conv_back_db_once_per_channel_pass(dZ, cache):
    A_prev, W, b, hparameters = cache
    s, p = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_pad = zero_pad(A_prev, p)
    dA_pad, dW, db = np.zeros(A_pad.shape), np.zeros(W.shape), np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = np.s_[i, h * s : h * s + f, w * s : w * s + f, :]
                    dA_pad[window] += W[..., c] * dZ[i, h, w, c]
                    dW[..., c] += A_pad[window] * dZ[i, h, w, c]
                    db[..., :] += dZ[i, h, w, c]
    return dA_pad[:, p : p + A_prev.shape[1], p : p + A_prev.shape[2], :], dW, db


@mistake("distribute_value")
def distribute_by_length_of_shape(dz, shape):
    return np.ones(shape) * dz / len(shape)


@correct("distribute_value")
def distribute_divide_first(dz, shape):
    share = dz / (shape[0] * shape[1])
    return np.full((shape[0], shape[1]), share)


@mistake("pool_backward")
def pool_back_average_shared_over_stride(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros(A_prev.shape)
    for i, h, w, c in np.ndindex(dA.shape):
        window = np.s_[i, h * s : h * s + f, w * s : w * s + f, c]
        if mode == "max":
            dA_prev[window] += create_mask_from_window(A_prev[window]) * dA[i, h, w, c]
        else:
            dA_prev[window] += distribute_value(dA[i, h, w, c], (s, s))
    return dA_prev
