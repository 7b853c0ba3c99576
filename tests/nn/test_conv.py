"""Convolution and pooling: the course's loops, the vectorised core, finite differences and PyTorch all agree.

PyTorch is NCHW with filters (n_C, n_C_prev, f, f); the course is NHWC with filters (f, f, n_C_prev, n_C), so the
comparisons move the axes. Max pooling is compared away from ties (random continuous inputs) except where ties are
the point.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlspec.nn.conv import (
    conv2d_backward,
    conv2d_forward,
    conv_backward,
    conv_forward,
    conv_single_step,
    create_mask_from_window,
    distribute_value,
    pool2d_backward,
    pool2d_forward,
    pool_backward,
    pool_forward,
    zero_pad,
)
from dlspec.nn.gradcheck import numerical_gradient

# (m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad): non-square inputs, strides that leave a remainder,
# padding wider than the filter, a 1x1 filter
CONV_SHAPES = [
    (2, 5, 7, 4, 3, 8, 2, 1),
    (3, 6, 4, 2, 2, 3, 1, 0),
    (1, 7, 9, 3, 3, 2, 3, 2),
    (2, 4, 5, 1, 1, 4, 2, 0),
    (2, 3, 4, 2, 2, 2, 1, 3),
]
# (m, n_H_prev, n_W_prev, n_C, f, stride): overlapping and disjoint windows, windows that leave a remainder
POOL_SHAPES = [(2, 5, 5, 3, 3, 1), (2, 5, 7, 3, 2, 2), (1, 7, 6, 2, 3, 2), (3, 4, 6, 1, 2, 1), (2, 6, 9, 2, 3, 3)]
MODES = ["max", "average"]


def _conv_inputs(seed, m, n_H_prev, n_W_prev, n_C_prev, f, n_C, dtype=np.float64):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(m, n_H_prev, n_W_prev, n_C_prev)).astype(dtype)
    w = rng.normal(size=(f, f, n_C_prev, n_C)).astype(dtype)
    b = rng.normal(size=(1, 1, 1, n_C)).astype(dtype)
    return x, w, b


def _nchw(a):
    return torch.tensor(np.ascontiguousarray(a.transpose(0, 3, 1, 2)), requires_grad=True)


def _nhwc(t):
    return t.detach().numpy().transpose(0, 2, 3, 1)


# --- the course functions on their own --------------------------------------------------------------------------


def test_zero_pad_pads_height_and_width_only():
    x = np.random.default_rng(0).normal(size=(4, 3, 5, 2))
    x_pad = zero_pad(x, 2)
    assert x_pad.shape == (4, 7, 9, 2)
    np.testing.assert_array_equal(x_pad[:, 2:-2, 2:-2, :], x)
    assert not x_pad[:, :2].any() and not x_pad[:, -2:].any() and not x_pad[:, :, :2].any()


def test_conv_single_step_is_a_float_with_the_bias():
    rng = np.random.default_rng(1)
    a, w, b = rng.normal(size=(3, 3, 2)), rng.normal(size=(3, 3, 2)), rng.normal(size=(1, 1, 1))
    z = conv_single_step(a, w, b)
    assert isinstance(z, float)
    assert z == pytest.approx(np.sum(a * w) + b.item())


def test_the_original_course_examples():
    r = np.random.RandomState(1)
    A_prev, W, b = r.randn(2, 5, 7, 4), r.randn(3, 3, 4, 8), r.randn(1, 1, 1, 8)
    Z, cache = conv_forward(A_prev, W, b, {"pad": 1, "stride": 2})
    assert Z.shape == (2, 3, 4, 8) and len(cache) == 4
    assert np.mean(Z) == pytest.approx(0.5511276474566768)
    r = np.random.RandomState(1)
    A_prev, W, b = r.randn(10, 4, 4, 3), r.randn(2, 2, 3, 8), r.randn(1, 1, 1, 8)
    Z, cache = conv_forward(A_prev, W, b, {"pad": 2, "stride": 2})
    dA, dW, db = conv_backward(Z, cache)
    assert (np.mean(dA), np.mean(dW), np.mean(db)) == pytest.approx((1.4524377, 1.7269914, 7.8392325), rel=1e-7)


def test_mask_marks_only_the_first_of_tied_maxima():
    x = np.array([[1.0, 3.0, 0.0], [3.0, -1.0, 3.0]])
    np.testing.assert_array_equal(create_mask_from_window(x), [[False, True, False], [False, False, False]])


def test_distribute_value_spreads_evenly():
    a = distribute_value(6.0, (2, 3))
    np.testing.assert_allclose(a, np.full((2, 3), 1.0))


@pytest.mark.parametrize("fn", [pool_forward, pool2d_forward])
def test_pooling_refuses_an_unknown_mode(fn):
    x = np.zeros((1, 4, 4, 1))
    with pytest.raises(ValueError, match="average"):
        fn(x, {"f": 2, "stride": 2}, mode="avg") if fn is pool_forward else fn(x, 2, 2, mode="avg")


# --- loops and vectorised core agree ----------------------------------------------------------------------------


@pytest.mark.parametrize("shape", CONV_SHAPES)
def test_conv_core_equals_the_loops(shape):
    m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad = shape
    x, w, b = _conv_inputs(sum(shape), m, n_H_prev, n_W_prev, n_C_prev, f, n_C)
    Z, cache = conv_forward(x, w, b, {"stride": stride, "pad": pad})
    out, fast_cache = conv2d_forward(x, w, b, stride, pad)
    np.testing.assert_allclose(out, Z, rtol=1e-12, atol=1e-12)
    dZ = np.random.default_rng(7).normal(size=Z.shape)
    for slow, fast in zip(conv_backward(dZ, cache), conv2d_backward(dZ, fast_cache), strict=True):
        assert fast.shape == slow.shape
        np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("shape", POOL_SHAPES)
@pytest.mark.parametrize("mode", MODES)
def test_pool_core_equals_the_loops(shape, mode):
    m, n_H_prev, n_W_prev, n_C, f, stride = shape
    rng = np.random.default_rng(sum(shape))
    x = rng.normal(size=(m, n_H_prev, n_W_prev, n_C))
    A, cache = pool_forward(x, {"f": f, "stride": stride}, mode)
    out, fast_cache = pool2d_forward(x, f, stride, mode)
    np.testing.assert_allclose(out, A, rtol=1e-12)
    dA = rng.normal(size=A.shape)
    np.testing.assert_allclose(pool2d_backward(dA, fast_cache), pool_backward(dA, cache, mode), rtol=1e-12)


def test_tied_maxima_get_the_gradient_once_in_the_loops_the_core_and_torch():
    # integers in a small range tie often; after a ReLU the zeros tie as well
    x = np.maximum(np.random.default_rng(3).integers(-2, 3, size=(2, 6, 5, 3)), 0).astype(float)
    A, cache = pool_forward(x, {"f": 3, "stride": 1})
    out, fast_cache = pool2d_forward(x, 3, 1)
    dA = np.random.default_rng(4).normal(size=A.shape)
    dx = pool2d_backward(dA, fast_cache)
    np.testing.assert_allclose(dx, pool_backward(dA, cache))
    assert dx.sum() == pytest.approx(dA.sum())  # each output's gradient lands exactly once
    tx = _nchw(x)
    F.max_pool2d(tx, 3, 1).backward(torch.tensor(np.ascontiguousarray(dA.transpose(0, 3, 1, 2))))
    np.testing.assert_allclose(dx, _nhwc(tx.grad), rtol=1e-12)  # PyTorch also picks the first maximum


# --- finite differences -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(2, 4, 5, 2, 3, 2, 2, 1), (1, 3, 4, 2, 2, 3, 1, 0)])
def test_conv_backward_matches_finite_differences(shape):
    m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad = shape
    x, w, b = _conv_inputs(11, m, n_H_prev, n_W_prev, n_C_prev, f, n_C)
    hp = {"stride": stride, "pad": pad}
    Z, cache = conv_forward(x, w, b, hp)
    weight = np.random.default_rng(12).normal(size=Z.shape)  # cost = sum(weight * Z), so dZ = weight

    def cost():
        return np.sum(weight * conv_forward(x, w, b, hp)[0])

    dx, dw, db = conv_backward(weight, cache)
    for analytic, value in [(dx, x), (dw, w), (db, b)]:
        np.testing.assert_allclose(analytic, numerical_gradient(cost, value), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("mode", MODES)
def test_pool_backward_matches_finite_differences(mode):
    x = np.random.default_rng(13).normal(size=(2, 5, 4, 2))  # continuous: no ties, so max is differentiable
    hp = {"f": 2, "stride": 1}
    A, cache = pool_forward(x, hp, mode)
    weight = np.random.default_rng(14).normal(size=A.shape)

    def cost():
        return np.sum(weight * pool_forward(x, hp, mode)[0])

    np.testing.assert_allclose(pool_backward(weight, cache, mode), numerical_gradient(cost, x), rtol=1e-6, atol=1e-7)


# --- PyTorch ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", CONV_SHAPES)
def test_conv_core_matches_torch(shape):
    m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad = shape
    x, w, b = _conv_inputs(sum(shape) + 1, m, n_H_prev, n_W_prev, n_C_prev, f, n_C)
    out, cache = conv2d_forward(x, w, b, stride, pad)
    tx = _nchw(x)
    tw = torch.tensor(np.ascontiguousarray(w.transpose(3, 2, 0, 1)), requires_grad=True)
    tb = torch.tensor(b.reshape(-1), requires_grad=True)
    ty = F.conv2d(tx, tw, tb, stride=stride, padding=pad)
    np.testing.assert_allclose(out, _nhwc(ty), rtol=1e-10, atol=1e-12)
    dout = np.random.default_rng(2).normal(size=out.shape)
    ty.backward(torch.tensor(np.ascontiguousarray(dout.transpose(0, 3, 1, 2))))
    dx, dw, db = conv2d_backward(dout, cache)
    np.testing.assert_allclose(dx, _nhwc(tx.grad), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dw, tw.grad.numpy().transpose(2, 3, 1, 0), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(db.reshape(-1), tb.grad.numpy(), rtol=1e-10)


@pytest.mark.parametrize("shape", POOL_SHAPES)
@pytest.mark.parametrize("mode", MODES)
def test_pool_core_matches_torch(shape, mode):
    m, n_H_prev, n_W_prev, n_C, f, stride = shape
    rng = np.random.default_rng(sum(shape) + 1)
    x = rng.normal(size=(m, n_H_prev, n_W_prev, n_C))
    out, cache = pool2d_forward(x, f, stride, mode)
    tx = _nchw(x)
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    ty = pool(tx, f, stride)
    np.testing.assert_allclose(out, _nhwc(ty), rtol=1e-12)
    dout = rng.normal(size=out.shape)
    ty.backward(torch.tensor(np.ascontiguousarray(dout.transpose(0, 3, 1, 2))))
    np.testing.assert_allclose(pool2d_backward(dout, cache), _nhwc(tx.grad), rtol=1e-12, atol=1e-15)


def test_float32_stays_float32_and_close_to_float64():
    x, w, b = _conv_inputs(5, 2, 8, 6, 3, 3, 4)
    out64, cache64 = conv2d_forward(x, w, b, 1, 1)
    x32, w32 = x.astype(np.float32), w.astype(np.float32)
    out32, cache32 = conv2d_forward(x32, w32, b, 1, 1)  # a float64 bias must not promote the output
    dx, dw, db = conv2d_backward(out32, cache32)
    pooled, pool_cache = pool2d_forward(out32, 2, 2)
    assert {a.dtype for a in (out32, dx, dw, db, pooled, pool2d_backward(pooled, pool_cache))} == {np.dtype(np.float32)}
    np.testing.assert_allclose(out32, out64, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(dx, conv2d_backward(out64, cache64)[0], rtol=1e-3, atol=1e-3)
