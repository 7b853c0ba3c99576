"""Conv2D, MaxPool2D, AvgPool2D and Flatten: equal to the course's loops (conv.py), to PyTorch, and trainable by fit.

The loops are the answer key, so the layers are compared with them in float64 to 1e-12. PyTorch is NCHW with
filters (n_C, n_C_prev, f, f); the course is NHWC with filters (f, f, n_C_prev, n_C), so the comparisons move axes.
"""

import numpy as np
import pytest
import torch
from test_conv import CONV_SHAPES, POOL_SHAPES, _nchw, _nhwc  # the core's shapes: padding, strides, remainders
from test_train import adam_steps_equal_torch

from dlspec.nn import conv_layers
from dlspec.nn.conv import conv_backward, conv_forward, pool_backward, pool_forward
from dlspec.nn.conv_layers import AvgPool2D, Conv2D, Flatten, MaxPool2D
from dlspec.nn.layers import Linear, ReLU
from dlspec.nn.train import Adam, Sequential, SoftmaxCrossEntropy, fit

POOLS = {"max": MaxPool2D, "average": AvgPool2D}
# PyTorch warns that padding="same" with an even filter copies the input; these tests want exactly that case.
pytestmark = pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel")


def _conv(rng, n_C_prev, n_C, f, stride, pad, dtype=np.float64):
    layer = Conv2D(n_C_prev, n_C, f, stride=stride, pad=pad, rng=rng, dtype=dtype)
    layer.params["b"][...] = rng.normal(size=(1, 1, 1, n_C))  # nonzero biases, so they are checked too
    return layer


def _torch_conv(layer):
    W, b = layer.params["W"], layer.params["b"]
    f, _, n_C_prev, n_C = W.shape
    conv = torch.nn.Conv2d(n_C_prev, n_C, f, stride=layer.stride, padding=layer.pad, dtype=torch.from_numpy(W).dtype)
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(W.transpose(3, 2, 0, 1).copy()))
        conv.bias.copy_(torch.from_numpy(b.reshape(-1)))
    return conv


def _equals_the_loops(layer, x, stride, pad):
    """The layer's output, dX, dW and db against conv_forward and conv_backward on the same input and weights."""
    Z, cache = conv_forward(x, layer.params["W"], layer.params["b"], {"stride": stride, "pad": pad})
    np.testing.assert_allclose(layer.forward(x), Z, rtol=1e-12, atol=1e-12)
    dZ = np.random.default_rng(0).normal(size=Z.shape)
    for got, expected in zip((layer.backward(dZ), layer.grads["W"], layer.grads["b"]), conv_backward(dZ, cache),
                             strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


# --- the course's loops -----------------------------------------------------------------------------------------


# (m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad) with enough channels (n_C_prev >= 4, n_C_prev * n_C >=
# 64) that stride 1 takes dW from shifts of the padded grid (after a forward pass with one or two outputs per row
# of cols) and stride 2 from im2col: odd, non-square and one-pixel-wide images, padding 0, 1 and 2, a 1x1 filter,
# and a stride that leaves a remainder.
WIDE_SHAPES = [(3, 7, 5, 16, 3, 4, 1, 1), (2, 6, 9, 12, 3, 6, 1, 0), (2, 5, 8, 8, 4, 8, 1, 2),
               (2, 7, 6, 32, 1, 4, 1, 0), (2, 3, 1, 16, 3, 4, 1, 1), (2, 6, 8, 16, 3, 4, 1, 1),
               (2, 7, 9, 16, 3, 4, 2, 1), (1, 9, 8, 8, 4, 3, 2, 0), (2, 6, 6, 16, 3, 2, 3, 2)]


# 1: one image per chunk, a chunk loop per image; 200000: two images in a chunk of the first wide shape's grid
@pytest.mark.parametrize("chunk", [conv_layers.CHUNK_BYTES, 1, 200000])
@pytest.mark.parametrize("shape", CONV_SHAPES + WIDE_SHAPES)
def test_conv2d_equals_the_loops(shape, chunk, monkeypatch):
    monkeypatch.setattr(conv_layers, "CHUNK_BYTES", chunk)
    m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad = shape
    rng = np.random.default_rng(sum(shape))
    layer = _conv(rng, n_C_prev, n_C, f, stride, pad)
    _equals_the_loops(layer, rng.normal(size=(m, n_H_prev, n_W_prev, n_C_prev)), stride, pad)


# (shape as above, B): a window row of 3 * 4 numbers takes 4 outputs per row, 2 * 8 and 3 * 16 take 2 (the
# second with dW from the grid), 4 * 16 takes 1; B shrinks to what divides the output's width, and to keep the
# product at 64 columns or fewer (B * n_C: 2 * 32 stays, 2 * 40 does not)
@pytest.mark.parametrize(("shape", "B"), [((2, 6, 7, 3, 4, 5, 1, 2), 4), ((2, 5, 7, 8, 2, 3, 1, 1), 2),
                                          ((3, 4, 5, 3, 4, 2, 1, 2), 2), ((2, 5, 5, 3, 3, 2, 1, 1), 1),
                                          ((2, 9, 9, 1, 3, 2, 2, 1), 1), ((2, 4, 6, 16, 3, 32, 1, 1), 2),
                                          ((2, 4, 6, 16, 3, 40, 1, 1), 1), ((2, 5, 6, 16, 4, 3, 1, 2), 1)])
def test_conv2d_with_several_outputs_per_row_equals_the_loops(shape, B, monkeypatch):
    monkeypatch.setattr(conv_layers, "CHUNK_BYTES", 1)  # a chunk per image as well
    m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad = shape
    rng = np.random.default_rng(sum(shape))
    layer = _conv(rng, n_C_prev, n_C, f, stride, pad)
    assert layer.outputs_per_row((n_W_prev + 2 * pad - f) // stride + 1, n_C_prev) == B
    _equals_the_loops(layer, rng.normal(size=(m, n_H_prev, n_W_prev, n_C_prev)), stride, pad)


def test_conv2d_chunks_with_a_shorter_last_chunk(monkeypatch):
    # Five images of 4 x 5 x 8, a 3x3 filter, 8 filters, float64. The forward pass's columns: 4 * 5 rows of
    # 3 * 3 * 8 + 1, 11680 bytes an image; the backward pass's grid: 6 * 7 positions of 8 numbers of dout and
    # 3 * 3 * 8 of dx's products, 26880 bytes an image. Chunks of 55000 bytes hold four images' columns and two
    # images' grids: both loops end on a shorter chunk, and the grid's chunks hold several images.
    rng = np.random.default_rng(3)
    layer = _conv(rng, 8, 8, 3, 1, 1)
    monkeypatch.setattr(conv_layers, "CHUNK_BYTES", 55000)
    assert layer.outputs_per_row(5, 8) == 1
    _equals_the_loops(layer, rng.normal(size=(5, 4, 5, 8)), 1, 1)


def test_conv2d_without_the_input_gradient_still_gives_dW_and_db():
    # The first layer of a network skips dx; dW and db must not depend on that, on each of dW's paths: the grid,
    # im2col with stride 2, im2col with 4 outputs per row.
    rng = np.random.default_rng(11)
    for shape in [(3, 7, 5, 16, 3, 4, 1, 1), (2, 7, 9, 16, 3, 4, 2, 1), (2, 6, 7, 3, 4, 5, 1, 2)]:
        m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad = shape
        layer = _conv(rng, n_C_prev, n_C, f, stride, pad)
        x = rng.normal(size=(m, n_H_prev, n_W_prev, n_C_prev))
        dZ = rng.normal(size=layer.forward(x).shape)
        layer.backward(dZ)
        expected = layer.grads["W"].copy(), layer.grads["b"].copy()
        layer.input_grad = False
        layer.forward(x)
        assert layer.backward(dZ) is None
        np.testing.assert_allclose(layer.grads["W"], expected[0], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(layer.grads["b"], expected[1], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("f", "stride", "size"), [(4, 1, (6, 5)), (2, 1, (4, 4)), (3, 1, (5, 4)), (3, 2, (7, 6)),
                                                   (4, 3, (8, 5))])
def test_same_padding_is_keras_s_the_extra_zeros_after(f, stride, size):
    # Keras pads (total // 2) before and the rest after; the loops on an input padded that way by hand agree.
    rng = np.random.default_rng(f * 10 + stride)
    layer = _conv(rng, 3, 4, f, stride, "same")
    x = rng.normal(size=(2, *size, 3))
    top, bottom, left, right = layer.pads(*size)
    assert (top, left) == ((top + bottom) // 2, (left + right) // 2)
    x_pad = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
    Z, cache = conv_forward(x_pad, layer.params["W"], layer.params["b"], {"stride": stride, "pad": 0})
    assert Z.shape[1:3] == (-(-size[0] // stride), -(-size[1] // stride))
    np.testing.assert_allclose(layer.forward(x), Z, rtol=1e-12, atol=1e-12)
    dZ = rng.normal(size=Z.shape)
    dA_pad, dW, db = conv_backward(dZ, cache)
    np.testing.assert_allclose(layer.backward(dZ), dA_pad[:, top:top + size[0], left:left + size[1]], rtol=1e-12,
                               atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], dW, rtol=1e-12, atol=1e-12)


def test_max_pool_sends_a_tie_s_gradient_to_the_first_maximum_once():
    # ReLU before pooling makes whole windows of zeros; overlapping windows share winners.
    x = np.array([[1.0, 3.0, 3.0], [3.0, 0.0, 3.0], [0.0, 0.0, 0.0]])[None, :, :, None]
    for f, stride in ((2, 1), (3, 1), (2, 2)):
        A, cache = pool_forward(x, {"f": f, "stride": stride}, "max")
        dA = np.arange(1.0, A.size + 1).reshape(A.shape)
        layer = MaxPool2D(f, stride)
        np.testing.assert_array_equal(layer.forward(x), A)
        np.testing.assert_array_equal(layer.backward(dA), pool_backward(dA, cache, "max"))
        tx = _nchw(x)
        torch.nn.functional.max_pool2d(tx, f, stride).backward(torch.tensor(dA.transpose(0, 3, 1, 2).copy()))
        np.testing.assert_array_equal(layer.backward(dA), _nhwc(tx.grad))


def test_pool_stride_defaults_to_the_window():
    assert MaxPool2D(4).stride == 4 and AvgPool2D(3).stride == 3 and MaxPool2D(3, 1).stride == 1


def test_unknown_padding_is_refused_with_the_choices():
    with pytest.raises(ValueError, match='"same"'):
        Conv2D(3, 4, 3, pad="full")


# --- PyTorch ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [*CONV_SHAPES, *WIDE_SHAPES, (2, 6, 5, 3, 4, 5, 1, "same"),
                                   (3, 5, 5, 2, 2, 4, 1, "same"), (2, 7, 6, 16, 4, 3, 1, "same")])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_conv2d_matches_torch(shape, dtype):
    m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad = shape
    rng = np.random.default_rng(7)
    layer = _conv(rng, n_C_prev, n_C, f, stride, pad, dtype=dtype)
    x = rng.normal(size=(m, n_H_prev, n_W_prev, n_C_prev)).astype(dtype)
    conv, tx = _torch_conv(layer), _nchw(x)
    ty = conv(tx)
    tol = {"rtol": 1e-10, "atol": 1e-12} if dtype == np.float64 else {"rtol": 1e-4, "atol": 1e-5}
    out = layer.forward(x)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, _nhwc(ty), **tol)
    dout = rng.normal(size=out.shape).astype(dtype)
    ty.backward(torch.from_numpy(dout.transpose(0, 3, 1, 2).copy()))
    dx = layer.backward(dout)
    assert {dx.dtype, layer.grads["W"].dtype, layer.grads["b"].dtype} == {np.dtype(dtype)}
    np.testing.assert_allclose(dx, _nhwc(tx.grad), **tol)
    np.testing.assert_allclose(layer.grads["W"], conv.weight.grad.numpy().transpose(2, 3, 1, 0), **tol)
    np.testing.assert_allclose(layer.grads["b"].reshape(-1), conv.bias.grad.numpy(), **tol)


@pytest.mark.parametrize("shape", POOL_SHAPES)
@pytest.mark.parametrize("mode", POOLS)
def test_pool_layers_equal_the_loops_and_torch(shape, mode):
    m, n_H_prev, n_W_prev, n_C, f, stride = shape
    rng = np.random.default_rng(sum(shape))
    x, layer = rng.normal(size=(m, n_H_prev, n_W_prev, n_C)), POOLS[mode](f, stride)
    A, cache = pool_forward(x, {"f": f, "stride": stride}, mode)
    dA = rng.normal(size=A.shape)
    tx = _nchw(x)
    ty = (torch.nn.functional.max_pool2d if mode == "max" else torch.nn.functional.avg_pool2d)(tx, f, stride)
    ty.backward(torch.from_numpy(dA.transpose(0, 3, 1, 2).copy()))
    for expected, expected_dx in ((A, pool_backward(dA, cache, mode)), (_nhwc(ty), _nhwc(tx.grad))):
        np.testing.assert_allclose(layer.forward(x), expected, rtol=1e-12)
        np.testing.assert_allclose(layer.backward(dA), expected_dx, rtol=1e-12, atol=1e-15)
    x32 = x.astype(np.float32)  # float32 stays float32
    assert layer.forward(x32).dtype == layer.backward(dA.astype(np.float32)).dtype == np.float32


def signs_model(rng, dtype=np.float32):
    """The original's SIGNS convolutional_model at a smaller size: conv 4x4 same, ReLU, max pool, conv 2x2 same,
    ReLU, max pool, flatten, linear."""
    return Sequential(Conv2D(3, 8, 4, pad="same", rng=rng, dtype=dtype), ReLU(), MaxPool2D(4),
                      Conv2D(8, 16, 2, pad="same", rng=rng, dtype=dtype), ReLU(), MaxPool2D(2),
                      Flatten(), Linear(2 * 2 * 16, 6, rng=rng, dtype=dtype))


def torch_twin(model):
    """The same network in PyTorch (NCHW), with the engine's weights; Linear's inputs reordered (C, H, W)."""
    conv1, conv2, linear = (layer for layer in model.layers if layer.params)
    net = torch.nn.Sequential(_torch_conv(conv1), torch.nn.ReLU(), torch.nn.MaxPool2d(4),
                              _torch_conv(conv2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                              torch.nn.Flatten(), torch.nn.Linear(64, 6))
    W = linear.params["W"].reshape(6, 2, 2, 16).transpose(0, 3, 1, 2).reshape(6, 64)  # (h, w, c) -> (c, h, w)
    with torch.no_grad():
        net[-1].weight.copy_(torch.from_numpy(W.copy()))
        net[-1].bias.copy_(torch.from_numpy(linear.params["b"][:, 0]))
    return net


def test_a_small_cnn_and_its_adam_steps_equal_torch():
    rng = np.random.default_rng(0)
    model = signs_model(rng)
    net = torch_twin(model)
    X = rng.random((8, 16, 16, 3), dtype=np.float32)
    adam_steps_equal_torch(model, net, X, torch.from_numpy(X.transpose(0, 3, 1, 2).copy()), rng.integers(0, 6, 8),
                           rtol=1e-4)
    conv1 = model.layers[0]
    np.testing.assert_allclose(conv1.params["W"], net[0].weight.detach().numpy().transpose(2, 3, 1, 0),
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(model.layers[-1].params["b"][:, 0], net[-1].bias.detach().numpy(), rtol=1e-4,
                               atol=1e-5)


# --- Sequential and fit -----------------------------------------------------------------------------------------


def test_flatten_gives_columns_in_height_width_channel_order_without_copying():
    x = np.arange(2 * 3 * 4 * 5, dtype=np.float32).reshape(2, 3, 4, 5)
    layer = Flatten()
    out = layer.forward(x)
    np.testing.assert_array_equal(out, x.reshape(2, -1).T)
    assert np.shares_memory(out, x)
    back = layer.backward(out)
    np.testing.assert_array_equal(back, x)
    assert np.shares_memory(back, x)


def test_buffers_are_reused_for_a_batch_size_seen_before_and_results_stay_right():
    rng = np.random.default_rng(2)
    model = signs_model(rng, dtype=np.float64)
    conv = model.layers[0]
    batches = [rng.random((m, 16, 16, 3)) for m in (5, 3, 5)]
    outs = []
    for x in batches:
        Z = model.forward(x)
        model.backward(np.ones_like(Z))
        expected, _ = conv_forward(np.pad(x, ((0, 0), (1, 2), (1, 2), (0, 0))), conv.params["W"],
                                   conv.params["b"], {"stride": 1, "pad": 0})
        np.testing.assert_allclose(conv.forward(x), expected, rtol=1e-12, atol=1e-12)
        outs.append(conv.forward(x))
    assert outs[0] is outs[2] and outs[0] is not outs[1]  # one output buffer per batch size


def test_sequential_takes_images_first_and_skips_the_first_conv_s_input_gradient():
    model = signs_model(np.random.default_rng(0))
    assert model.examples_axis == 0 and model.layers[0].input_grad is False
    assert Sequential(Linear(3, 2), ReLU()).examples_axis == -1


def _shapes_dataset(m, rng):
    """Images of one bright square in one of four quadrants; the label is the quadrant."""
    labels = rng.integers(0, 4, m)
    X = rng.random((m, 16, 16, 3), dtype=np.float32) * 0.3
    for k, q in enumerate(labels):
        top, left = 8 * (q // 2), 8 * (q % 2)
        X[k, top + 2:top + 6, left + 2:left + 6] += 1
    return X, np.eye(6, dtype=np.float32)[:, labels], labels


def test_fit_trains_a_small_cnn_on_images_examples_first():
    rng = np.random.default_rng(0)
    X, Y, labels = _shapes_dataset(256, rng)
    model = signs_model(rng)
    history = fit(model, X, Y, epochs=8, batch_size=32, lr=1e-2, rng=rng, progress=False)
    assert history["loss"][-1] < 0.3 * history["loss"][0]
    X_test, _, labels_test = _shapes_dataset(200, rng)
    accuracy = np.mean(model.train(False).forward(X_test).argmax(axis=0) == labels_test)
    assert accuracy > 0.9


def test_fit_on_images_steps_as_a_loop_over_shuffled_slices_does():
    rng = np.random.default_rng(1)
    X, Y, _ = _shapes_dataset(40, rng)
    X, Y = X.astype(np.float64), Y.astype(np.float64)
    model, twin = signs_model(np.random.default_rng(5), np.float64), signs_model(np.random.default_rng(5), np.float64)
    X_val, Y_val, _ = _shapes_dataset(20, rng)
    history = fit(model, X, Y, epochs=2, batch_size=16, lr=0.01, X_val=X_val, Y_val=Y_val,
                  rng=np.random.default_rng(2), progress=False)
    loss, opt = SoftmaxCrossEntropy(), Adam({"all": twin.flat_params}, {"all": twin.flat_grads}, lr=0.01)
    shuffle = np.random.default_rng(2)
    for _ in range(2):
        perm = shuffle.permutation(40)
        for i in range(0, 40, 16):  # the last batch holds 8
            loss.forward(twin.forward(X[perm[i:i + 16]]), Y[:, perm[i:i + 16]])
            twin.backward(loss.backward())
            opt.step()
    np.testing.assert_allclose(model.flat_params, twin.flat_params, rtol=1e-10)
    val = loss.forward(twin.train(False).forward(X_val), Y_val)
    np.testing.assert_allclose(history["val_loss"][-1], val, rtol=1e-10)


def test_fit_names_labels_given_as_rows():
    rng = np.random.default_rng(0)
    X, Y, _ = _shapes_dataset(10, rng)
    with pytest.raises(ValueError, match=r"\(n_classes, 10\).*Y\.T"):
        fit(signs_model(rng), X, Y.T, epochs=1, progress=False)
