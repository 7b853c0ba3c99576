"""Known mistakes in C4W1A1, each with the hint a learner who made it should read.

Where a mistake amounts to the right computation on other inputs (a stride fixed at the example's value, a
missing bias), it is written that way, with the reference; where it changes the loop itself, the loop is spelt
out.
"""

from __future__ import annotations

import warnings

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.conv import (
    conv2d_backward,
    conv2d_forward,
    conv_backward,
    conv_forward,
    conv_single_step,
    pool_backward,
    pool_forward,
    zero_pad,
)

# the same slip in all four functions that slide a window
NOT_STRIDED = "The window jumps stride pixels per output: vert_start = h * stride, and horiz_start likewise."

# --- zero_pad ---------------------------------------------------------------------------------------------------


@mutant("zero_pad", "Pad only the height and width: X is (m, n_H, n_W, n_C), so axes 0 and 3 get (0, 0).")
def pad_every_axis(X, pad):
    return np.pad(X, pad)


@mutant("zero_pad", "Each padded axis needs pad zeros on both sides: its pair is (pad, pad), not (pad, 0).")
def pad_one_side(X, pad):
    return np.pad(X, ((0, 0), (pad, 0), (pad, 0), (0, 0)))


@mutant("zero_pad", "The padded axes are 1 and 2, height and width; axis 3 holds the channels.")
def pad_height_and_channels(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (0, 0), (pad, pad)))


@mutant("zero_pad", "pad counts the zeros on each side, so the height grows by 2 * pad in all.")
def pad_split_between_sides(X, pad):
    return np.pad(X, ((0, 0), (pad // 2, pad // 2), (pad // 2, pad // 2), (0, 0)))


@mutant("zero_pad", "Use the argument pad: the example's 3 is only one of its values.")
def pad_fixed_at_three(X, pad):
    return np.pad(X, ((0, 0), (3, 3), (3, 3), (0, 0)))


@mutant("zero_pad", "The border is zeros (mode 'constant'); 'edge' repeats the image's outer pixels.")
def pad_repeats_edge(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="edge")


@mutant("zero_pad", "Each padded axis needs pad zeros on both sides: its pair is (pad, pad), not (0, pad).")
def pad_after_only(X, pad):
    return np.pad(X, ((0, 0), (0, pad), (0, pad), (0, 0)))


# --- conv_single_step -------------------------------------------------------------------------------------------


@mutant("conv_single_step", "The bias is missing: add b after summing the products.")
def single_step_without_bias(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W)


@mutant("conv_single_step", "The bias is added, not subtracted.")
def single_step_minus_bias(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W) - b.item()


@mutant(
    "conv_single_step",
    "The result must be one number, but adding the (1, 1, 1) array b makes it an array: add b.item() instead.",
)
def single_step_returns_array(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W) + b


@mutant("conv_single_step", "Add b once, after the sum: inside np.sum it is added to every product.")
def single_step_bias_inside_sum(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W + b)


@mutant("conv_single_step", "A convolution sums the products; np.mean also divides by their number.")
def single_step_mean(a_slice_prev, W, b):
    return np.mean(a_slice_prev * W) + b.item()


@mutant(
    "conv_single_step",
    "NumPy 2 refuses float() on an array with dimensions, such as b (1, 1, 1): use b.item() or "
    "float(np.squeeze(b)). The original course's advice to cast b with float() predates NumPy 2.",
)
def single_step_float_of_b(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W) + float(b)


@mutant("conv_single_step", "np.dot of a column and a row multiplies every entry by every other one: multiply "
        "entry by entry, a_slice_prev * W, then sum.")  # fmt: skip
def single_step_outer_product(a_slice_prev, W, b):
    return float(np.sum(np.dot(a_slice_prev.reshape(-1, 1), W.reshape(1, -1))) + np.squeeze(b))


# --- conv_forward -----------------------------------------------------------------------------------------------


@mutant("conv_forward", "Read the stride from hparameters['stride']: the example's 2 is only one of its values.")
def conv_stride_fixed_at_two(A_prev, W, b, hparameters):
    Z, _ = conv_forward(A_prev, W, b, {"stride": 2, "pad": hparameters["pad"]})
    return Z, (A_prev, W, b, hparameters)


@mutant("conv_forward", "Read the padding from hparameters['pad']: the example's 1 is only one of its values.")
def conv_pad_fixed_at_one(A_prev, W, b, hparameters):
    Z, _ = conv_forward(A_prev, W, b, {"stride": hparameters["stride"], "pad": 1})
    return Z, (A_prev, W, b, hparameters)


@mutant("conv_forward", NOT_STRIDED)
def conv_window_not_strided(A_prev, W, b, hparameters):
    # windows that start at (h, w): the stride-1 output, cut to the strided output's size
    Z, cache = conv_forward(A_prev, W, b, hparameters)
    dense, _ = conv_forward(A_prev, W, b, {**hparameters, "stride": 1})
    return dense[:, : Z.shape[1], : Z.shape[2]], cache


@mutant("conv_forward", "Every output is off by its filter's bias: pass b[:, :, :, c] to conv_single_step.")
def conv_without_bias(A_prev, W, b, hparameters):
    Z, _ = conv_forward(A_prev, W, np.zeros_like(b), hparameters)
    return Z, (A_prev, W, b, hparameters)


@mutant("conv_forward", "One output row and column too few: the size formula ends in + 1.")
def conv_size_without_plus_one(A_prev, W, b, hparameters):
    Z, cache = conv_forward(A_prev, W, b, hparameters)
    return Z[:, :-1, :-1], cache


@mutant(
    "conv_forward",
    "Height and width are swapped in the slice: rows (axis 0 of a_prev_pad) go with vert_start, columns with "
    "horiz_start.",
)
def conv_slice_swapped(A_prev, W, b, hparameters):
    stride, f = hparameters["stride"], W.shape[0]
    Z, cache = conv_forward(A_prev, W, b, hparameters)
    A_prev_pad = zero_pad(A_prev, hparameters["pad"])
    for i, h, w, c in np.ndindex(Z.shape):
        window = A_prev_pad[i, w * stride : w * stride + f, h * stride : h * stride + f, :]
        Z[i, h, w, c] = conv_single_step(window, W[:, :, :, c], b[:, :, :, c])
    return Z, cache


@mutant("conv_forward", "n_H comes from n_H_prev and n_W from n_W_prev: the two sizes are swapped.")
def conv_sizes_swapped(A_prev, W, b, hparameters):
    stride, pad, f = hparameters["stride"], hparameters["pad"], W.shape[0]
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    Z = np.zeros((m, (n_W_prev + 2 * pad - f) // stride + 1, (n_H_prev + 2 * pad - f) // stride + 1, W.shape[3]))
    A_prev_pad = zero_pad(A_prev, pad)
    for i, h, w, c in np.ndindex(Z.shape):
        window = A_prev_pad[i, h * stride : h * stride + f, w * stride : w * stride + f, :]
        Z[i, h, w, c] = conv_single_step(window, W[:, :, :, c], b[:, :, :, c])
    return Z, (A_prev, W, b, hparameters)


@mutant("conv_forward", "Cache the input as it came in, A_prev, not padded: conv_backward pads it itself.")
def conv_caches_padded_input(A_prev, W, b, hparameters):
    Z, _ = conv_forward(A_prev, W, b, hparameters)
    return Z, (zero_pad(A_prev, hparameters["pad"]), W, b, hparameters)


def _conv_loop(A_prev, W, b, hparameters, window, filter_of):
    """conv_forward's loop with the window taken by ``window(A_prev, A_prev_pad, i, rows, cols)`` and the filter of
    output channel c by ``filter_of(W, c)``."""
    (m, n_H_prev, n_W_prev, _), (f, _, _, n_C) = A_prev.shape, W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H, n_W = (n_H_prev + 2 * pad - f) // stride + 1, (n_W_prev + 2 * pad - f) // stride + 1
    A_prev_pad = zero_pad(A_prev, pad)
    Z = np.zeros((m, n_H, n_W, n_C))
    for i, h, w, c in np.ndindex(Z.shape):
        rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
        Z[i, h, w, c] = np.sum(window(A_prev, A_prev_pad, i, rows, cols) * filter_of(W, c)) + b[0, 0, 0, c]
    return Z, (A_prev, W, b, hparameters)


@mutant("conv_forward", "Slice the windows from the padded input, A_prev_pad: A_prev has no border, so its windows "
        "sit pad pixels off and come up short at the edges.")  # fmt: skip
def conv_windows_of_unpadded_input(A_prev, W, b, hparameters):
    return _conv_loop(A_prev, W, b, hparameters, lambda A, A_pad, i, r, c: A[i, r, c, :], lambda W, c: W[..., c])


@mutant("conv_forward", "Output channel c has its own filter, W[:, :, :, c], and its own bias b[:, :, :, c].")
def conv_one_filter_for_all(A_prev, W, b, hparameters):
    return _conv_loop(A_prev, W, b, hparameters, lambda A, A_pad, i, r, c: A_pad[i, r, c, :], lambda W, c: W[..., 0])


# --- pool_forward -----------------------------------------------------------------------------------------------


@mutant("pool_forward", "The modes are swapped: 'max' takes np.max of the window, 'average' np.mean.")
def pool_modes_swapped(A_prev, hparameters, mode="max"):
    return pool_forward(A_prev, hparameters, "average" if mode == "max" else "max")


@mutant("pool_forward", NOT_STRIDED)
def pool_window_not_strided(A_prev, hparameters, mode="max"):
    A, cache = pool_forward(A_prev, hparameters, mode)
    dense, _ = pool_forward(A_prev, {**hparameters, "stride": 1}, mode)
    return dense[:, : A.shape[1], : A.shape[2]], cache


@mutant("pool_forward", "Read the stride from hparameters['stride']: the example's 1 is only one of its values.")
def pool_stride_fixed_at_one(A_prev, hparameters, mode="max"):
    A, _ = pool_forward(A_prev, {"f": hparameters["f"], "stride": 1}, mode)
    return A, (A_prev, hparameters)


@mutant("pool_forward", "Read the window size from hparameters['f']: the example's 3 is only one of its values.")
def pool_window_fixed_at_three(A_prev, hparameters, mode="max"):
    A, _ = pool_forward(A_prev, {"f": 3, "stride": hparameters["stride"]}, mode)
    return A, (A_prev, hparameters)


@mutant(
    "pool_forward",
    "Each channel is pooled on its own: slice a_prev[vert_start:vert_end, horiz_start:horiz_end, c], with the c.",
)
def pool_across_channels(A_prev, hparameters, mode="max"):
    f, stride = hparameters["f"], hparameters["stride"]
    A, cache = pool_forward(A_prev, hparameters, mode)
    reduce = np.max if mode == "max" else np.mean
    for i, h, w, c in np.ndindex(A.shape):
        A[i, h, w, c] = reduce(A_prev[i, h * stride : h * stride + f, w * stride : w * stride + f, :])
    return A, cache


@mutant("pool_forward", "An f x f window holds f * f values: divide their sum by f * f (or use np.mean).")
def pool_average_divides_by_f(A_prev, hparameters, mode="max"):
    A, cache = pool_forward(A_prev, hparameters, mode)
    return (A * hparameters["f"] if mode == "average" else A), cache


@mutant("pool_forward", "Average pooling gave zeros: the mode is spelt 'average', not 'avg'.")
def pool_mode_spelt_avg(A_prev, hparameters, mode="max"):
    A, cache = pool_forward(A_prev, hparameters, "max")
    return (A if mode == "max" else np.zeros_like(A)), cache


@mutant("pool_forward", "One output row and column too few: the size formula ends in + 1.")
def pool_size_without_plus_one(A_prev, hparameters, mode="max"):
    A, cache = pool_forward(A_prev, hparameters, mode)
    return A[:, :-1, :-1], cache


def _pooled(A_prev, hparameters, mode, step, size):
    """pool_forward with windows of ``size`` rows and columns that start every ``step`` pixels."""
    A, cache = pool_forward(A_prev, hparameters, mode)
    reduce = np.max if mode == "max" else np.mean
    with warnings.catch_warnings():  # windows past the edge are empty, and NumPy warns about their mean
        warnings.simplefilter("ignore", RuntimeWarning)
        for h, w in np.ndindex(A.shape[1:3]):
            A[:, h, w, :] = reduce(A_prev[:, h * step : h * step + size, w * step : w * step + size, :], axis=(1, 2))
    return A, cache


@mutant("pool_forward", "The windows start every stride pixels, vert_start = h * stride, not every f pixels.")
def pool_jumps_by_f(A_prev, hparameters, mode="max"):
    return _pooled(A_prev, hparameters, mode, hparameters["f"], hparameters["f"])


@mutant("pool_forward", "A window is f rows and f columns: vert_end = vert_start + f. The end of a slice is already "
        "left out, so no - 1.")  # fmt: skip
def pool_window_one_short(A_prev, hparameters, mode="max"):
    return _pooled(A_prev, hparameters, mode, hparameters["stride"], hparameters["f"] - 1)


# --- conv_backward ----------------------------------------------------------------------------------------------


@mutant(
    "conv_backward",
    "dA_prev still has its padding: crop pad rows and columns off each side of da_prev_pad, so that dA_prev "
    "has A_prev's shape.",
)
def conv_backward_not_cropped(dZ, cache):
    A_prev, W, b, hparameters = cache
    _, padded_cache = conv2d_forward(zero_pad(A_prev, hparameters["pad"]), W, b, hparameters["stride"], 0)
    return conv2d_backward(dZ, padded_cache)


@mutant(
    "conv_backward",
    "Overlapping windows each add their share to the same input: use += for da_prev_pad, not =.",
)
def conv_backward_overwrites(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad, f = hparameters["stride"], hparameters["pad"], W.shape[0]
    _, dW, db = conv_backward(dZ, cache)
    dA_prev_pad = zero_pad(np.zeros(A_prev.shape), pad)
    for i, h, w, c in np.ndindex(dZ.shape):
        window = np.s_[i, h * stride : h * stride + f, w * stride : w * stride + f, :]
        dA_prev_pad[window] = W[:, :, :, c] * dZ[i, h, w, c]
    return dA_prev_pad[:, pad : pad + A_prev.shape[1], pad : pad + A_prev.shape[2]], dW, db


@mutant("conv_backward", NOT_STRIDED)
def conv_backward_not_strided(dZ, cache):
    # windows that start at (h, w): the stride-1 layer's gradient, with dZ in the top-left corner of its output
    A_prev, W, b, hparameters = cache
    dense, dense_cache = conv2d_forward(A_prev, W, b, 1, hparameters["pad"])
    dZ_dense = np.zeros(dense.shape)
    dZ_dense[:, : dZ.shape[1], : dZ.shape[2]] = dZ
    return conv2d_backward(dZ_dense, dense_cache)


@mutant(
    "conv_backward",
    "The gradient of the input is the filter times dZ, W[:, :, :, c] * dZ[i, h, w, c]; the input window times "
    "dZ is dW's.",
)
def conv_backward_input_times_input(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad, f = hparameters["stride"], hparameters["pad"], W.shape[0]
    _, dW, db = conv_backward(dZ, cache)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    for i, h, w, c in np.ndindex(dZ.shape):
        window = np.s_[i, h * stride : h * stride + f, w * stride : w * stride + f, :]
        dA_prev_pad[window] += A_prev_pad[window] * dZ[i, h, w, c]
    return dA_prev_pad[:, pad : pad + A_prev.shape[1], pad : pad + A_prev.shape[2]], dW, db


@mutant("conv_backward", "No 1/m here: dZ already is the cost's gradient, so dW and db are plain sums over examples.")
def conv_backward_divides_by_m(dZ, cache):
    dA_prev, dW, db = conv_backward(dZ, cache)
    m = dZ.shape[0]
    return dA_prev, dW / m, db / m


@mutant("conv_backward", "Read stride and pad from the cache's hparameters: the example's 2 and 2 are one setting.")
def conv_backward_fixed_geometry(dZ, cache):
    A_prev, W, b, _ = cache
    return conv_backward(dZ, (A_prev, W, b, {"stride": 2, "pad": 2}))


@mutant("conv_backward", "dW multiplies dZ by the windows of the padded input, a_prev_pad, the very windows the "
        "forward pass used.")  # fmt: skip
def conv_backward_dw_from_unpadded(dZ, cache):
    A_prev, W, b, hparameters = cache
    dA_prev, _, db = conv_backward(dZ, cache)
    stride, f = hparameters["stride"], W.shape[0]
    dW = np.zeros(W.shape)
    for i, h, w, c in np.ndindex(dZ.shape):
        window = A_prev[i, h * stride : h * stride + f, w * stride : w * stride + f, :]
        dW[: window.shape[0], : window.shape[1], :, c] += window * dZ[i, h, w, c]
    return dA_prev, dW, db


@mutant("conv_backward", "db is the sum of dZ over examples, rows and columns, not their mean.")
def conv_backward_db_mean(dZ, cache):
    dA_prev, dW, _ = conv_backward(dZ, cache)
    return dA_prev, dW, np.mean(dZ, axis=(0, 1, 2), keepdims=True)


# --- create_mask_from_window ------------------------------------------------------------------------------------


@mutant(
    "create_mask_from_window",
    "When entries tie for the maximum, x == np.max(x) marks them all: mark one (np.argmax gives the first).",
)
def mask_marks_every_tie(x):
    return x == np.max(x)


@mutant("create_mask_from_window", "Max pooling kept the largest entry: compare with np.max, not np.min.")
def mask_of_minimum(x):
    return x == np.min(x)


@mutant("create_mask_from_window", "The mask marks the maximum, not every positive entry.")
def mask_of_positives(x):
    return x > 0


@mutant("create_mask_from_window", "Return a boolean array of x's shape, not the index of the maximum.")
def mask_is_an_index(x):
    return np.argmax(x)


@mutant("create_mask_from_window", "Take the maximum of the whole window: np.max(x, axis=0) is each column's.")
def mask_per_column(x):
    return x == np.max(x, axis=0)


@mutant("create_mask_from_window", "The mask holds True/False; pool_backward multiplies it by dA later.")
def mask_holds_values(x):
    return x * (x == np.max(x))


# --- distribute_value -------------------------------------------------------------------------------------------


@mutant("distribute_value", "The window holds n_H * n_W entries: divide dz by all of them, not by n_H alone.")
def distribute_by_height(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * dz / n_H


@mutant("distribute_value", "The window holds n_H * n_W entries, not n_H + n_W.")
def distribute_by_sum_of_sides(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * dz / (n_H + n_W)


@mutant("distribute_value", "Each entry gets an equal share of dz: divide by the number of entries.")
def distribute_without_dividing(dz, shape):
    return np.ones(shape) * dz


@mutant("distribute_value", "The window need not be square: n_H * n_W entries, not n_H * n_H.")
def distribute_square(dz, shape):
    n_H, _ = shape
    return np.ones(shape) * dz / (n_H * n_H)


@mutant("distribute_value", "Return an array of the window's shape, each entry holding the share, not the share alone.")
def distribute_returns_share(dz, shape):
    n_H, n_W = shape
    return dz / (n_H * n_W)


@mutant("distribute_value", "// rounds down to a whole number: use / for the share.")
def distribute_floor_division(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * (dz // (n_H * n_W))


# --- pool_backward ----------------------------------------------------------------------------------------------


@mutant(
    "pool_backward",
    "Where entries of a window tie for the maximum, only one of them made the output, so only one gets its "
    "gradient: build the mask with create_mask_from_window.",
)
def pool_backward_marks_every_tie(dA, cache, mode="max"):
    A_prev, hparameters = cache
    if mode != "max":
        return pool_backward(dA, cache, mode)
    f, stride = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros(A_prev.shape)
    for i, h, w, c in np.ndindex(dA.shape):
        window = np.s_[i, h * stride : h * stride + f, w * stride : w * stride + f, c]
        dA_prev[window] += (A_prev[window] == np.max(A_prev[window])) * dA[i, h, w, c]
    return dA_prev


@mutant("pool_backward", "Average pooling shares dA among f * f entries, so distribute it over the shape (f, f).")
def pool_backward_divides_by_f(dA, cache, mode="max"):
    f = cache[1]["f"]
    return pool_backward(dA, cache, mode) * (f if mode == "average" else 1)


@mutant("pool_backward", "Average pooling shares dA: each of the f * f entries gets dA / (f * f), as "
        "distribute_value(dA[i, h, w, c], (f, f)) gives.")  # fmt: skip
def pool_backward_average_undivided(dA, cache, mode="max"):
    f = cache[1]["f"]
    return pool_backward(dA, cache, mode) * (f * f if mode == "average" else 1)


@mutant("pool_backward", "Build each mask from the window its output came from, a_prev[vert_start:vert_end, "
        "horiz_start:horiz_end, c], not from the image's top-left corner.")  # fmt: skip
def pool_backward_mask_of_corner(dA, cache, mode="max"):
    A_prev, hparameters = cache
    if mode != "max":
        return pool_backward(dA, cache, mode)
    f, stride = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros(A_prev.shape)
    for i, h, w, c in np.ndindex(dA.shape):
        corner = A_prev[i, :f, :f, c]
        mask = (np.arange(f * f) == np.argmax(corner)).reshape(f, f)
        dA_prev[i, h * stride : h * stride + f, w * stride : w * stride + f, c] += mask * dA[i, h, w, c]
    return dA_prev


@mutant("pool_backward", NOT_STRIDED)
def pool_backward_not_strided(dA, cache, mode="max"):
    # windows that start at (h, w): the stride-1 pool's gradient, with dA in the top-left corner of its output
    A_prev, hparameters = cache
    dense, dense_cache = pool_forward(A_prev, {**hparameters, "stride": 1}, mode)
    dA_dense = np.zeros(dense.shape)
    dA_dense[:, : dA.shape[1], : dA.shape[2]] = dA
    return pool_backward(dA_dense, dense_cache, mode)


@mutant("pool_backward", "Overlapping windows each add their share to the same input: use +=, not =.")
def pool_backward_overwrites(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros(A_prev.shape)
    for i, h, w, c in np.ndindex(dA.shape):
        window = np.s_[i, h * stride : h * stride + f, w * stride : w * stride + f, c]
        if mode == "max":
            dA_prev[window] = (np.arange(f * f) == np.argmax(A_prev[window])).reshape(f, f) * dA[i, h, w, c]
        else:
            dA_prev[window] = dA[i, h, w, c] / (f * f)
    return dA_prev


@mutant("pool_backward", "The modes are swapped: 'max' routes dA through the mask, 'average' spreads it evenly.")
def pool_backward_modes_swapped(dA, cache, mode="max"):
    return pool_backward(dA, cache, "average" if mode == "max" else "max")


@mutant("pool_backward", "Read f and stride from the cache's hparameters: the example's 2 and 1 are one setting.")
def pool_backward_fixed_geometry(dA, cache, mode="max"):
    return pool_backward(dA, (cache[0], {"f": 2, "stride": 1}), mode)
