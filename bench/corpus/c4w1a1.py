"""C4W1A1, convolution and pooling in NumPy, as learners write it."""

import numpy as np

from . import correct, mistake

# --- zero_pad ---------------------------------------------------------------------------------------------------


@correct("zero_pad")
def pad_by_hand(X, pad):
    m, n_H, n_W, n_C = X.shape
    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C), dtype=X.dtype)
    X_pad[:, pad : pad + n_H, pad : pad + n_W, :] = X
    return X_pad


@correct("zero_pad")
def pad_default_mode(X, pad):
    return np.pad(X, [(0, 0), (pad, pad), (pad, pad), (0, 0)])


@mistake("zero_pad")
def pad_every_axis(X, pad):
    return np.pad(X, pad, mode="constant", constant_values=0)


@mistake("zero_pad")
def pad_one_side_only(X, pad):
    return np.pad(X, ((0, 0), (0, pad), (0, pad), (0, 0)), mode="constant")


@mistake("zero_pad")
def pad_edge_mode(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="edge")


@mistake("zero_pad")
def pad_channels_not_width(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (0, 0), (pad, pad)), mode="constant")


# --- conv_single_step -------------------------------------------------------------------------------------------


@correct("conv_single_step")
def single_step_multiply_sum(a_slice_prev, W, b):
    return float(np.sum(np.multiply(a_slice_prev, W)) + b.item())


@correct("conv_single_step")
def single_step_einsum(a_slice_prev, W, b):
    Z = np.einsum("ijk,ijk->", a_slice_prev, W)
    return Z + float(b.reshape(-1)[0])


@mistake("conv_single_step")
def single_step_no_bias(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W))


@mistake("conv_single_step")
def single_step_dot_product_matrix(a_slice_prev, W, b):
    return float(np.sum(np.dot(a_slice_prev.reshape(-1, 1), W.reshape(1, -1))) + b.item())


@mistake("conv_single_step")
def single_step_mean(a_slice_prev, W, b):
    return float(np.mean(a_slice_prev * W) + b.item())


@mistake("conv_single_step")
def single_step_bias_subtracted(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W) - b.item())


# --- conv_forward -----------------------------------------------------------------------------------------------


@correct("conv_forward")
def conv_vectorised_channels(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    s, p = hparameters["stride"], hparameters["pad"]
    n_H = int((n_H_prev - f + 2 * p) / s) + 1
    n_W = int((n_W_prev - f + 2 * p) / s) + 1
    A_pad = zero_pad(A_prev, p)  # noqa: F821 - the notebook's
    Z = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            window = A_pad[:, h * s : h * s + f, w * s : w * s + f, :]
            Z[:, h, w, :] = np.tensordot(window, W, axes=([1, 2, 3], [0, 1, 2])) + b.reshape(1, n_C)
    return Z, (A_prev, W, b, hparameters)


@correct("conv_forward")
def conv_einsum_windows(A_prev, W, b, hparameters):
    f = W.shape[0]
    s, p = hparameters["stride"], hparameters["pad"]
    A_pad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    n_H = (A_pad.shape[1] - f) // s + 1
    n_W = (A_pad.shape[2] - f) // s + 1
    Z = np.empty((A_prev.shape[0], n_H, n_W, W.shape[3]))
    for h in range(n_H):
        for w in range(n_W):
            Z[:, h, w, :] = np.einsum("mijk,ijkc->mc", A_pad[:, h * s : h * s + f, w * s : w * s + f, :], W)
    Z += b[0, 0, 0]
    return Z, (A_prev, W, b, hparameters)


@mistake("conv_forward")
def conv_stride_forgotten_in_slice(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_pad = zero_pad(A_prev, pad)  # noqa: F821
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                a_slice = A_pad[i, h : h + f, w : w + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice, W[..., c], b[..., c])  # noqa: F821
    return Z, (A_prev, W, b, hparameters)


@mistake("conv_forward")
def conv_slices_the_unpadded_input(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F841, F821 - padded, then the wrong array is sliced
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                vs, hs = h * stride, w * stride
                a_slice = A_prev[i, vs : vs + f, hs : hs + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = np.sum(a_slice * W[..., c]) + b[0, 0, 0, c]
    return Z, (A_prev, W, b, hparameters)


@mistake("conv_forward")
def conv_height_width_swapped(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_pad = zero_pad(A_prev, pad)  # noqa: F821
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                a_slice = A_pad[i, w * stride : w * stride + f, h * stride : h * stride + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = np.sum(a_slice * W[..., c]) + b[0, 0, 0, c]
    return Z, (A_prev, W, b, hparameters)


@mistake("conv_forward")
def conv_size_without_floor_plus_one(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride
    n_W = (n_W_prev + 2 * pad - f) // stride
    Z = np.zeros((m, n_H, n_W, n_C))
    A_pad = zero_pad(A_prev, pad)  # noqa: F821
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                a_slice = A_pad[i, h * stride : h * stride + f, w * stride : w * stride + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = np.sum(a_slice * W[..., c]) + b[0, 0, 0, c]
    return Z, (A_prev, W, b, hparameters)


@mistake("conv_forward")
def conv_same_filter_for_every_channel(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_pad = zero_pad(A_prev, pad)  # noqa: F821
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                a_slice = A_pad[i, h * stride : h * stride + f, w * stride : w * stride + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = np.sum(a_slice * W[..., 0]) + b[0, 0, 0, c]
    return Z, (A_prev, W, b, hparameters)


# --- pool_forward -----------------------------------------------------------------------------------------------


@correct("pool_forward")
def pool_axis_reduction(A_prev, hparameters, mode="max"):
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, s = hparameters["f"], hparameters["stride"]
    n_H, n_W = 1 + (n_H_prev - f) // s, 1 + (n_W_prev - f) // s
    A = np.zeros((m, n_H, n_W, n_C))
    reduce = np.max if mode == "max" else np.mean
    for h in range(n_H):
        for w in range(n_W):
            A[:, h, w, :] = reduce(A_prev[:, h * s : h * s + f, w * s : w * s + f, :], axis=(1, 2))
    return A, (A_prev, hparameters)


@correct("pool_forward")
def pool_sum_over_f_squared(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H = int(1 + (n_H_prev - f) / s)
    n_W = int(1 + (n_W_prev - f) / s)
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = A_prev[i, h * s : h * s + f, w * s : w * s + f, c]
                    if mode == "max":
                        A[i, h, w, c] = window.max()
                    elif mode == "average":
                        A[i, h, w, c] = window.sum() / (f * f)
    return A, (A_prev, hparameters)


@mistake("pool_forward")
def pool_stride_is_f(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = 1 + (n_H_prev - f) // s, 1 + (n_W_prev - f) // s
    A = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * f : h * f + f, w * f : w * f + f, :]
            A[:, h, w, :] = window.max(axis=(1, 2)) if mode == "max" else window.mean(axis=(1, 2))
    return A, (A_prev, hparameters)


@mistake("pool_forward")
def pool_over_channels_too(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = 1 + (n_H_prev - f) // s, 1 + (n_W_prev - f) // s
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                window = A_prev[i, h * s : h * s + f, w * s : w * s + f, :]
                for c in range(n_C):
                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)
    return A, (A_prev, hparameters)


@mistake("pool_forward")
def pool_average_always(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = 1 + (n_H_prev - f) // s, 1 + (n_W_prev - f) // s
    A = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * s : h * s + f, w * s : w * s + f, :]
            A[:, h, w, :] = window.mean(axis=(1, 2)) if mode == "avg" else window.max(axis=(1, 2))
    return A, (A_prev, hparameters)


@mistake("pool_forward")
def pool_window_one_short(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = 1 + (n_H_prev - f) // s, 1 + (n_W_prev - f) // s
    A = np.zeros((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * s : h * s + f - 1, w * s : w * s + f - 1, :]
            A[:, h, w, :] = window.max(axis=(1, 2)) if mode == "max" else window.mean(axis=(1, 2))
    return A, (A_prev, hparameters)


# --- conv_backward ----------------------------------------------------------------------------------------------


@correct("conv_backward")
def conv_back_vectorised_channels(dZ, cache):
    A_prev, W, b, hparameters = cache
    s, p = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_pad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    dA_pad = np.zeros_like(A_pad)
    dW = np.zeros_like(W)
    for h in range(n_H):
        for w in range(n_W):
            rows, cols = slice(h * s, h * s + f), slice(w * s, w * s + f)
            dA_pad[:, rows, cols, :] += np.einsum("ijkc,mc->mijk", W, dZ[:, h, w, :])
            dW += np.einsum("mijk,mc->ijkc", A_pad[:, rows, cols, :], dZ[:, h, w, :])
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    return dA_pad[:, p : p + n_H_prev, p : p + n_W_prev, :], dW, db


@correct("conv_backward")
def conv_back_crop_when_padded(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F821
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    dA_prev_pad[i, vs : vs + f, hs : hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, vs : vs + f, hs : hs + f, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    dA_prev = dA_prev_pad[:, pad:-pad, pad:-pad, :] if pad > 0 else dA_prev_pad
    return dA_prev, dW, db


# The original's crop, empty for pad = 0: the cases never ask for pad = 0, by design (see checks.py).
@correct("conv_backward")
def conv_back_crop_with_minus_pad(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F821
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    dA_prev_pad[i, vs : vs + f, hs : hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, vs : vs + f, hs : hs + f, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    return dA_prev_pad[:, pad:-pad, pad:-pad, :], dW, db


@mistake("conv_backward")
def conv_back_dw_from_unpadded_input(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F821
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    dA_prev_pad[i, vs : vs + f, hs : hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    window = A_prev[i, vs : vs + f, hs : hs + f, :]
                    dW[: window.shape[0], : window.shape[1], :, c] += window * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    return dA_prev_pad[:, pad : pad + A_prev.shape[1], pad : pad + A_prev.shape[2], :], dW, db


@mistake("conv_backward")
def conv_back_assign_not_add(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F821
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                vs, hs = h * stride, w * stride
                for c in range(n_C):
                    dA_prev_pad[i, vs : vs + f, hs : hs + f, :] = W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, vs : vs + f, hs : hs + f, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    return dA_prev_pad[:, pad : pad + A_prev.shape[1], pad : pad + A_prev.shape[2], :], dW, db


@mistake("conv_backward")
def conv_back_db_mean(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F821
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                vs, hs = h * stride, w * stride
                for c in range(n_C):
                    dA_prev_pad[i, vs : vs + f, hs : hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, vs : vs + f, hs : hs + f, :] * dZ[i, h, w, c]
    db = np.mean(dZ, axis=(0, 1, 2), keepdims=True)
    return dA_prev_pad[:, pad : pad + A_prev.shape[1], pad : pad + A_prev.shape[2], :], dW, db


@mistake("conv_backward")
def conv_back_stride_forgotten(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    pad = hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)  # noqa: F821
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    dA_prev_pad[i, h : h + f, w : w + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, h : h + f, w : w + f, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    return dA_prev_pad[:, pad : pad + A_prev.shape[1], pad : pad + A_prev.shape[2], :], dW, db


# --- create_mask_from_window ------------------------------------------------------------------------------------


@correct("create_mask_from_window")
def mask_flat_index(x):
    mask = np.zeros(x.size, dtype=bool)
    mask[np.argmax(x)] = True
    return mask.reshape(x.shape)


@correct("create_mask_from_window")
def mask_loop_first_maximum(x):
    mask = np.full(x.shape, False)
    best = np.max(x)
    for r in range(x.shape[0]):
        for c in range(x.shape[1]):
            if x[r, c] == best:
                mask[r, c] = True
                return mask
    return mask


@mistake("create_mask_from_window")
def mask_every_tie(x):
    return x == np.max(x)


@mistake("create_mask_from_window")
def mask_minimum(x):
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmin(x), x.shape)] = True
    return mask


# The notebook asks for the first of tied maxima, but the judge takes any one of them, by design.
@correct("create_mask_from_window")
def mask_last_tie(x):
    flat = x.ravel()
    last = len(flat) - 1 - np.argmax(flat[::-1])
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(last, x.shape)] = True
    return mask


# 1/0 where True/False is asked: the judge accepts it, by design; pool_backward multiplies either the same way.
@correct("create_mask_from_window")
def mask_as_numbers(x):
    mask = np.zeros(x.shape)
    mask[np.unravel_index(np.argmax(x), x.shape)] = 1
    return mask


@mistake("create_mask_from_window")
def mask_argmax_of_first_axis(x):
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.argmax(x) % x.shape[0], np.argmax(x) // x.shape[0]] = True
    return mask


# --- distribute_value -------------------------------------------------------------------------------------------


@correct("distribute_value")
def distribute_full(dz, shape):
    return np.full(shape, dz / np.prod(shape))


@correct("distribute_value")
def distribute_unpacked(dz, shape):
    n_H, n_W = shape
    return np.ones((n_H, n_W)) * (dz / (n_H * n_W))


@mistake("distribute_value")
def distribute_copies_dz(dz, shape):
    return np.ones(shape) * dz


@mistake("distribute_value")
def distribute_divides_by_height(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * dz / n_H


@mistake("distribute_value")
def distribute_divides_by_sum_of_sides(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * dz / (n_H + n_W)


@mistake("distribute_value")
def distribute_integer_division(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * (dz // (n_H * n_W))


# --- pool_backward ----------------------------------------------------------------------------------------------


@correct("pool_backward")
def pool_back_one_branch_per_mode(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros_like(A_prev, dtype=float)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows, cols = slice(h * s, h * s + f), slice(w * s, w * s + f)
                    if mode == "average":
                        dA_prev[i, rows, cols, c] += dA[i, h, w, c] / (f * f)
                    else:
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])  # noqa: F821
                        dA_prev[i, rows, cols, c] += np.multiply(mask, dA[i, h, w, c])
    return dA_prev


@correct("pool_backward")
def pool_back_argmax_index(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    if mode == "max":
                        window = A_prev[i, h * s : h * s + f, w * s : w * s + f, c]
                        r, q = np.unravel_index(np.argmax(window), window.shape)
                        dA_prev[i, h * s + r, w * s + q, c] += dA[i, h, w, c]
                    elif mode == "average":
                        dA_prev[i, h * s : h * s + f, w * s : w * s + f, c] += distribute_value(  # noqa: F821
                            dA[i, h, w, c], (f, f)
                        )
    return dA_prev


@mistake("pool_backward")
def pool_back_assign_not_add(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows, cols = slice(h * s, h * s + f), slice(w * s, w * s + f)
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])  # noqa: F821
                        dA_prev[i, rows, cols, c] = mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] = distribute_value(dA[i, h, w, c], (f, f))  # noqa: F821
    return dA_prev


@mistake("pool_backward")
def pool_back_mask_of_whole_image(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows, cols = slice(h * s, h * s + f), slice(w * s, w * s + f)
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, :f, :f, c])  # noqa: F821
                        dA_prev[i, rows, cols, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += distribute_value(dA[i, h, w, c], (f, f))  # noqa: F821
    return dA_prev


@mistake("pool_backward")
def pool_back_average_not_divided(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows, cols = slice(h * s, h * s + f), slice(w * s, w * s + f)
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])  # noqa: F821
                        dA_prev[i, rows, cols, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += dA[i, h, w, c]
    return dA_prev


@mistake("pool_backward")
def pool_back_stride_forgotten(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f = hparameters["f"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows, cols = slice(h, h + f), slice(w, w + f)
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])  # noqa: F821
                        dA_prev[i, rows, cols, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += distribute_value(dA[i, h, w, c], (f, f))  # noqa: F821
    return dA_prev


@mistake("pool_backward")
def pool_back_modes_swapped(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows, cols = slice(h * s, h * s + f), slice(w * s, w * s + f)
                    if mode == "average":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])  # noqa: F821
                        dA_prev[i, rows, cols, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += distribute_value(dA[i, h, w, c], (f, f))  # noqa: F821
    return dA_prev
