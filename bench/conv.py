"""The engine's conv layers against PyTorch on the CPU, one thread, each side written the way its users write it.

Two measurements, each interleaved in one run (rows in an order rotated every round, CPU time, ratios per round):

* one 3x3 convolution layer, forward and backward (batch 64, 32x32 images, 16 -> 32 channels, padding 1, float32):
  the engine's ``Conv2D`` against ``torch.nn.Conv2d`` in PyTorch's default layout (NCHW) and its other variants;
* a training epoch of the original course's SIGNS ``convolutional_model`` (conv 8 4x4 same, ReLU, max pool 8/8,
  conv 16 2x2 same, ReLU, max pool 4/4, flatten, linear 6; Adam, batch 64) on dlspec's SIGNS set (1,080
  pictures of 64x64x3): the engine's ``fit()`` against PyTorch the tutorial way and its faster variants, from the
  same initial weights.

    python bench/conv.py [--processes 3] [--rounds 5] [--steps 10] [--epochs 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from numpy.lib.stride_tricks import as_strided
from threadpoolctl import threadpool_limits
from torch.utils.data import DataLoader, TensorDataset

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engine import Row, gemm_peak, index_batches, processor, timed_rounds
from report import machine, table, write_section

from dlspec.data import load
from dlspec.nn.conv import conv2d_backward, conv2d_forward
from dlspec.nn.conv_layers import Conv2D, Flatten, MaxPool2D
from dlspec.nn.layers import Linear, ReLU
from dlspec.nn.train import Adam, Sequential, SoftmaxCrossEntropy, fit

# The layer: batch, height = width, channels in, channels out, filter
M, SIZE, C_IN, C_OUT, F = 64, 32, 16, 32, 3
# SIGNS: 6 classes, batch 64, the original's learning rate
CLASSES, BATCH, LR = 6, 64, 0.009


# --- one convolution layer ----------------------------------------------------------------------------------------

def layer_inputs(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x (m, n_H, n_W, n_C_prev), the upstream gradient, W (f, f, n_C_prev, n_C) and b, float32."""
    x = rng.standard_normal((M, SIZE, SIZE, C_IN), dtype=np.float32)
    dout = rng.standard_normal((M, SIZE, SIZE, C_OUT), dtype=np.float32)
    W = (rng.standard_normal((F, F, C_IN, C_OUT)) * np.sqrt(2 / (F * F * C_IN))).astype(np.float32)
    return x, dout, W, rng.standard_normal((1, 1, 1, C_OUT)).astype(np.float32)


def engine_layer(x, dout, W, b) -> tuple[Callable[[], None], Callable[[], tuple]]:
    """The engine's Conv2D: forward, then backward with the input's gradient (a layer inside a network)."""
    layer = Conv2D(C_IN, C_OUT, F, pad=1)
    layer.params["W"][...], layer.params["b"][...] = W, b

    def step() -> None:
        layer.forward(x)
        layer.backward(dout)

    def result() -> tuple:
        return layer.forward(x).copy(), layer.backward(dout).copy(), layer.grads["W"].copy(), layer.grads["b"].copy()
    return step, result


def core_layer(x, dout, W, b) -> tuple[Callable[[], None], Callable[[], tuple]]:
    """nn.conv's functional core (conv2d_forward/backward): the whole batch's im2col matrix, fresh arrays."""
    def result() -> tuple:
        out, cache = conv2d_forward(x, W, b, 1, 1)
        return (out, *conv2d_backward(dout, cache))
    return result, result


def torch_layer(x, dout, W, b, channels_last: bool = False, mkldnn: bool = True
                ) -> tuple[Callable[[], None], Callable[[], tuple]]:
    """torch.nn.Conv2d as a network's middle layer: its input requires grad, ``zero_grad()`` every step, and
    ``out.backward(dout)``, which is what ``loss.backward()`` sends through the layer."""
    conv = torch.nn.Conv2d(C_IN, C_OUT, F, padding=1)
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(W.transpose(3, 2, 0, 1).copy()))
        conv.bias.copy_(torch.from_numpy(b.reshape(-1)))
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    conv = conv.to(memory_format=fmt)
    tx = torch.from_numpy(x.transpose(0, 3, 1, 2).copy()).contiguous(memory_format=fmt).requires_grad_(True)
    tdout = torch.from_numpy(dout.transpose(0, 3, 1, 2).copy()).contiguous(memory_format=fmt)

    def step() -> None:
        with torch.backends.mkldnn.flags(enabled=mkldnn):
            conv.zero_grad()
            tx.grad = None
            conv(tx).backward(tdout)

    def result() -> tuple:
        step()
        with torch.no_grad(), torch.backends.mkldnn.flags(enabled=mkldnn):
            out = conv(tx)
        nhwc = (0, 2, 3, 1)
        return (out.numpy().transpose(nhwc), tx.grad.numpy().transpose(nhwc),
                conv.weight.grad.numpy().transpose(2, 3, 1, 0), conv.bias.grad.numpy())
    return step, result


def same_results(rows: dict[str, tuple[Callable, Callable]], reference: str) -> None:
    """Every row computes the engine's output, dx, dW and db (float32 sums in another order: 1e-3 relative)."""
    expected = rows[reference][1]()
    for name, (_, result) in rows.items():
        for what, got, want in zip(("output", "dx", "dW", "db"), result(), expected, strict=True):
            scale = np.abs(want).max()
            if not np.allclose(np.reshape(got, want.shape), want, rtol=1e-3, atol=1e-4 * scale):
                sys.exit(f"{name}: its {what} differs from the engine's; not the same work")


def interleaved(steps: dict[str, Callable[[], None]], rounds: int, repeats: int) -> dict[str, list[float]]:
    """CPU seconds of one call of each step, per round: every round runs each ``repeats`` times in a rotated order,
    after an untimed warm-up round."""
    names = list(steps)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds + 1):
        for name in names[r % len(names):] + names[:r % len(names)]:
            start = time.process_time()
            for _ in range(repeats):
                steps[name]()
            if r:
                seconds[name].append((time.process_time() - start) / repeats)
    return seconds


def best(fn: Callable[[], object], repeats: int) -> float:
    """Best CPU seconds of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def layer_parts(x, dout, W, b, repeats: int) -> dict[str, float]:
    """Best CPU seconds of the engine layer's parts: forward, backward without and with the input's gradient."""
    layer = Conv2D(C_IN, C_OUT, F, pad=1)
    layer.params["W"][...], layer.params["b"][...] = W, b
    forward = best(lambda: layer.forward(x), repeats)
    layer.input_grad = False
    weights = best(lambda: layer.backward(dout), repeats)
    layer.input_grad = True
    full = best(lambda: layer.backward(dout), repeats)
    return {"forward: pad, im2col by chunk, one product (bias folded in)": forward,
            "backward, dW and db: dout on the padded grid, the 9 shifted products in one `matmul`": weights,
            "backward, dx: 9 products and 9 contiguous adds on that grid": full - weights}


def products_alone(W: np.ndarray, repeats: int) -> float:
    """Best CPU seconds of the layer's three matrix products alone, shaped and chunked as Conv2D runs them (one
    image per chunk, in cache): the forward product of im2col's columns (B outputs a row) and [W; b] (B shifted
    copies), dW's 9 shifted products of the padded input and dout on its grid, and dx's 9 products of that grid
    and W[i, j].T."""
    B = Conv2D(C_IN, C_OUT, F, pad=1).outputs_per_row(SIZE, C_IN)
    rows, K, grid_rows = SIZE * SIZE // B, F * (F + B - 1) * C_IN + 1, (SIZE + 2) ** 2
    length = grid_rows - (F - 1) * (SIZE + 2) - (F - 1)
    rng = np.random.default_rng(0)
    cols = rng.standard_normal((rows, K), dtype=np.float32)
    Wb = rng.standard_normal((K, B * C_OUT), dtype=np.float32)
    x_grid = rng.standard_normal((grid_rows, C_IN), dtype=np.float32)
    d_grid = rng.standard_normal((grid_rows, C_OUT), dtype=np.float32)
    s_row, s_c = x_grid.strides
    taps = as_strided(x_grid, (F, F, C_IN, length), ((SIZE + 2) * s_row, s_row, s_c, s_row), writeable=False)
    W_taps = np.ascontiguousarray(W.reshape(F * F, C_IN, C_OUT).transpose(0, 2, 1))
    out, dW, d_taps = (np.empty((rows, B * C_OUT), np.float32), np.empty(W.shape, np.float32),
                       np.empty((F * F, grid_rows, C_IN), np.float32))
    best = np.inf
    for _ in range(repeats):
        start = time.process_time()
        for _ in range(M):
            np.matmul(cols, Wb, out=out)
            np.matmul(taps, d_grid[:length], out=dW)
            np.matmul(d_grid, W_taps, out=d_taps)
        best = min(best, time.process_time() - start)
    return best


# --- the SIGNS network --------------------------------------------------------------------------------------------

def signs() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """dlspec's SIGNS set as the course feeds it to its ConvNet: (images / 255 as float32 (m, 64, 64, 3), labels
    0-5) for the 1,080 training and the 120 test pictures."""
    X_train, Y_train, X_test, Y_test, _ = load("signs")
    return ((X_train / np.float32(255), Y_train.ravel()), (X_test / np.float32(255), Y_test.ravel()))


def signs_weights(rng: np.random.Generator) -> list[tuple[np.ndarray, np.ndarray]]:
    """He-initialised (W, b) of the two convolutions (course layout) and the linear layer, the start of every row."""
    shapes = [((4, 4, 3, 8), 48), ((2, 2, 8, 16), 32), ((CLASSES, 64), 64)]  # (shape of W, fan-in)
    return [((rng.standard_normal(shape) * np.sqrt(2 / fan_in)).astype(np.float32), np.zeros(shape[-1] if
             len(shape) == 4 else shape[0], np.float32)) for shape, fan_in in shapes]


def signs_engine(weights) -> Sequential:
    (W1, b1), (W2, b2), (W3, b3) = weights
    model = Sequential(Conv2D(3, 8, 4, pad="same"), ReLU(), MaxPool2D(8), Conv2D(8, 16, 2, pad="same"), ReLU(),
                       MaxPool2D(4), Flatten(), Linear(64, CLASSES))
    for layer, (W, b) in zip((model.layers[0], model.layers[3], model.layers[7]), weights, strict=True):
        layer.params["W"][...], layer.params["b"][...] = W, b.reshape(layer.params["b"].shape)
    return model


def signs_torch(weights) -> torch.nn.Sequential:
    """The same network as PyTorch's users write it (NCHW), with the same weights: filters to (n_C, n_C_prev, f,
    f), and the linear layer's inputs reordered, since PyTorch flattens (C, H, W) where the course flattens
    (H, W, C)."""
    net = torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, 4, padding="same"), torch.nn.ReLU(), torch.nn.MaxPool2d(8, 8),
        torch.nn.Conv2d(8, 16, 2, padding="same"), torch.nn.ReLU(), torch.nn.MaxPool2d(4, 4),
        torch.nn.Flatten(), torch.nn.Linear(64, CLASSES))
    (W1, b1), (W2, b2), (W3, b3) = weights
    W3 = W3.reshape(CLASSES, 2, 2, 16).transpose(0, 3, 1, 2).reshape(CLASSES, 64)
    with torch.no_grad():
        for layer, W, b in ((net[0], W1.transpose(3, 2, 0, 1), b1), (net[3], W2.transpose(3, 2, 0, 1), b2),
                            (net[7], W3, b3)):
            layer.weight.copy_(torch.from_numpy(np.ascontiguousarray(W)))
            layer.bias.copy_(torch.from_numpy(b))
    return net


def engine_row(weights, X: np.ndarray, labels: np.ndarray, epochs: int) -> Row:
    """The engine as a learner uses it: a Sequential and fit(), images (m, 64, 64, 3), labels one-hot (6, m)."""
    Y = np.eye(CLASSES, dtype=np.float32)[:, labels]

    def train(seed: int):
        model = signs_engine(weights)
        fit(model, X, Y, epochs, batch_size=BATCH, lr=LR, rng=np.random.default_rng(seed), progress=False)

        def score(X_test: np.ndarray, labels_test: np.ndarray) -> tuple[float, float]:
            Z = model.train(False).forward(X_test)
            loss = SoftmaxCrossEntropy().forward(Z, np.eye(CLASSES, dtype=np.float32)[:, labels_test])
            return loss, float(np.mean(Z.argmax(axis=0) == labels_test))
        return score
    return train


def torch_row(weights, X: np.ndarray, labels: np.ndarray, epochs: int, *, loader: bool = True,
              channels_last: bool = False, **adam) -> Row:
    """PyTorch the tutorial way (DataLoader, Adam, CrossEntropyLoss, NCHW); each keyword changes one thing."""
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    Xt = torch.from_numpy(X.transpose(0, 3, 1, 2).copy()).contiguous(memory_format=fmt)
    yt = torch.from_numpy(labels)
    data = DataLoader(TensorDataset(Xt, yt), batch_size=BATCH, shuffle=True)

    def train(seed: int):
        torch.manual_seed(seed)
        net = signs_torch(weights).to(memory_format=fmt)
        loss_fn = torch.nn.CrossEntropyLoss()
        optimizer = torch.optim.Adam(net.parameters(), lr=LR, **adam)
        for _ in range(epochs):
            for xb, yb in data if loader else index_batches(Xt, yt, BATCH):
                optimizer.zero_grad()
                loss = loss_fn(net(xb), yb)
                loss.backward()
                optimizer.step()

        def score(X_test: np.ndarray, labels_test: np.ndarray) -> tuple[float, float]:
            with torch.no_grad():
                logits = net(torch.from_numpy(X_test.transpose(0, 3, 1, 2).copy()))
                y = torch.from_numpy(labels_test)
                return loss_fn(logits, y).item(), (logits.argmax(dim=1) == y).float().mean().item()
        return score
    return train


def engine_epoch_parts(weights, X: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """CPU seconds of one engine epoch by layer: fit()'s step replayed with a clock around each layer's calls."""
    clock = time.process_time
    model, loss = signs_engine(weights), SoftmaxCrossEntropy()
    opt = Adam({"all": model.flat_params}, {"all": model.flat_grads}, lr=LR)
    Y_rows = np.eye(CLASSES, dtype=np.float32)[labels]
    names = ["conv 4x4, 3 -> 8", "ReLU on 64x64x8", "max pool 8", "conv 2x2, 8 -> 16", "ReLU on 8x8x16",
             "max pool 4", "flatten", "linear"]
    parts = dict.fromkeys(["batch gather", *(f"{n} {d}" for n in names for d in ("forward", "backward")),
                           "loss and Adam"], 0.0)
    for _ in range(2):  # the first epoch makes the buffers; the second is the one counted
        parts = dict.fromkeys(parts, 0.0)
        perm = np.random.default_rng(0).permutation(len(X))
        for i in range(0, len(X), BATCH):
            t = clock()
            idx = perm[i:i + BATCH]
            A, Yb = X[idx], Y_rows[idx].T
            parts["batch gather"] += clock() - t
            for name, layer in zip(names, model.layers, strict=True):
                t = clock()
                A = layer.forward(A)
                parts[f"{name} forward"] += clock() - t
            t = clock()
            loss.forward(A, Yb)
            d = loss.backward()
            parts["loss and Adam"] += clock() - t
            for name, layer in zip(reversed(names), reversed(model.layers), strict=True):
                t = clock()
                d = layer.backward(d)
                parts[f"{name} backward"] += clock() - t
            t = clock()
            opt.step()
            parts["loss and Adam"] += clock() - t
    return parts


def ratio_rows(seconds: dict[str, list[float]], engine: str) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Median seconds of each row, and the engine / row ratio of every round."""
    median = {name: statistics.median(s) for name, s in seconds.items()}
    ratios = {name: [e / s for e, s in zip(seconds[engine], s, strict=True)] for name, s in seconds.items()}
    return median, ratios


def reached(ratios: list[float], goal: float) -> str:
    """Whether the median ratio meets the goal, said with the rounds that did."""
    median, met = statistics.median(ratios), sum(r <= goal for r in ratios)
    return f"{'reached' if median <= goal else 'not reached'}: {met} of {len(ratios)} rounds at or below it"


def ratio_cell(ratios: list[float]) -> str:
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


ENGINE, NCHW, CHANNELS_LAST = ("dlspec `Conv2D` (forward, backward)", "PyTorch `nn.Conv2d`, default NCHW",
                                "PyTorch, channels_last (model and input)")
SIGNS_ENGINE, TUTORIAL = "dlspec engine, `fit()`", "PyTorch, the tutorial way (DataLoader, `Adam()`)"


def setup(epochs: int) -> tuple:
    """Every row of both measurements, on seeded layer data and the SIGNS set: the same in every process."""
    rng = np.random.default_rng(1)
    x, dout, W, b = layer_inputs(rng)
    layer_rows = {
        ENGINE: engine_layer(x, dout, W, b),
        NCHW: torch_layer(x, dout, W, b),
        CHANNELS_LAST: torch_layer(x, dout, W, b, channels_last=True),
        "PyTorch, NCHW, oneDNN off (`torch.backends.mkldnn.flags(enabled=False)`)": torch_layer(x, dout, W, b,
                                                                                                 mkldnn=False),
        "dlspec `conv2d_forward`/`conv2d_backward` (the functional core)": core_layer(x, dout, W, b),
    }
    (X, labels), test = signs()
    weights = signs_weights(rng)
    common = (weights, X, labels, epochs)
    signs_rows: dict[str, Row] = {
        SIGNS_ENGINE: engine_row(*common),
        TUTORIAL: torch_row(*common),
        "PyTorch, index batches, `Adam(fused=True)`": torch_row(*common, loader=False, fused=True),
        "PyTorch, index batches, `Adam(fused=True)`, channels_last": torch_row(*common, loader=False, fused=True,
                                                                             channels_last=True),
    }
    return (x, dout, W, b), layer_rows, (weights, X, labels), test, signs_rows


def worker(args: argparse.Namespace) -> None:
    """One process's rounds of both measurements, printed as JSON for the parent."""
    _, layer_rows, _, (X_test, labels_test), signs_rows = setup(args.epochs)
    with threadpool_limits(limits=1):
        same_results(layer_rows, ENGINE)
        layer_seconds = interleaved({name: step for name, (step, _) in layer_rows.items()}, args.rounds, args.steps)
        epoch_seconds, _, scores = timed_rounds(signs_rows, args.rounds, args.epochs, X_test, labels_test)
    for name, (loss, _) in scores.items():  # the same work: every row ends near the engine
        if abs(loss - scores[SIGNS_ENGINE][0]) > 0.02 * scores[SIGNS_ENGINE][0]:
            sys.exit(f"{name} ended at held-out loss {loss:.4f}, far from the engine's "
                     f"{scores[SIGNS_ENGINE][0]:.4f}: not the same work")
    print(json.dumps({"layer": layer_seconds, "epoch": epoch_seconds, "scores": scores}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per process")
    parser.add_argument("--steps", type=int, default=10, help="forward+backward calls per row per round (layer)")
    parser.add_argument("--epochs", type=int, default=2, help="epochs per row per round (SIGNS)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.worker:
        worker(args)
        return
    # PyTorch's NCHW convolution took 20 ms in some processes and 30 in others here, the same call on the same data
    # (where its tensors land in memory seemed to matter), so the rounds are spread over fresh processes.
    layer_seconds: dict[str, list[float]] = {}
    epoch_seconds: dict[str, list[float]] = {}
    per_process: list[dict[str, float]] = []  # each process's median layer times
    for _ in range(args.processes):
        command = [sys.executable, __file__, "--worker", "--rounds", str(args.rounds), "--steps", str(args.steps),
                   "--epochs", str(args.epochs)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            sys.exit(done.stderr + done.stdout)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        per_process.append({name: statistics.median(result["layer"][name]) for name in (ENGINE, NCHW)})
        for merged, new in ((layer_seconds, result["layer"]), (epoch_seconds, result["epoch"])):
            for name, seconds in new.items():
                merged.setdefault(name, []).extend(seconds)
        scores = result["scores"]
    (x, dout, W, b), layer_rows, (weights, X, labels), _, signs_rows = setup(args.epochs)
    with threadpool_limits(limits=1):
        peak = gemm_peak()
        parts = layer_parts(x, dout, W, b, 2 * args.steps)
        products = products_alone(W, args.steps)
        epoch_parts = engine_epoch_parts(weights, X, labels)
    engine, nchw, signs_engine_name, tutorial = ENGINE, NCHW, SIGNS_ENGINE, TUTORIAL
    rounds = args.processes * args.rounds
    flops = 3 * 2 * M * SIZE * SIZE * C_OUT * F * F * C_IN  # forward, dW, dx: one product's worth each
    layer_median, layer_ratios = ratio_rows(layer_seconds, engine)
    layer_table = table(["side", "ms / step", "engine / this", "GFLOP/s"],
                        [[name, f"{layer_median[name] * 1e3:.1f}", ratio_cell(layer_ratios[name]),
                          f"{flops / layer_median[name] / 1e9:.0f}"] for name in layer_rows])
    epoch_median, epoch_ratios = ratio_rows(epoch_seconds, signs_engine_name)
    epoch_table = table(["side", "s / epoch", "engine / this", "held-out loss", "accuracy"],
                        [[name, f"{epoch_median[name]:.3f}", ratio_cell(epoch_ratios[name]),
                          f"{scores[name][0]:.4f}", f"{scores[name][1]:.1%}"] for name in signs_rows])
    total = sum(epoch_parts.values())
    grouped = {}
    for part, s in epoch_parts.items():
        key = part.removesuffix(" forward").removesuffix(" backward")
        grouped[key] = grouped.get(key, 0.0) + s
    parts_table = table(["part", "forward + backward, s / epoch", "share"],
                        [[part, f"{s:.3f}", f"{s / total:.0%}"] for part, s in grouped.items()])
    layer_parts_table = table(["part", "ms", "share"],
                              [[part, f"{s * 1e3:.1f}", f"{s / sum(parts.values()):.0%}"] for part, s in parts.items()])
    for row in (layer_table, epoch_table, parts_table, layer_parts_table):
        print(row, end="\n\n")
    fastest_layer = min((n for n in layer_rows if n != engine and not n.startswith("dlspec")), key=layer_median.get)
    fastest_epoch = min((n for n in signs_rows if n != signs_engine_name), key=epoch_median.get)
    body = f"""## Conv layers vs PyTorch (CPU, one thread)

`python bench/conv.py --processes {args.processes} --rounds {args.rounds} --steps {args.steps} --epochs \
{args.epochs}` on {machine()}, torch {torch.__version__}, numpy {np.__version__} ({processor()}). One thread each
side (`threadpool_limits(1)`, `torch.set_num_threads(1)`), float32, CPU time. Every round runs every row, in an
order rotated each round; {args.processes} fresh processes each run an untimed warm-up round and {args.rounds}
timed ones, because PyTorch's NCHW convolution took about 20 ms in some processes and 30 to 35 ms in others while
this benchmark was written, on the same call and data: its median per process in this run,
{", ".join(f"{p[nchw] * 1e3:.1f}" for p in per_process)} ms (the engine's: \
{", ".join(f"{p[engine] * 1e3:.1f}" for p in per_process)} ms). A time is the median over the {rounds} rounds,
engine / this the median of the per-round ratios (their range in brackets), below 1 when the engine is faster.

### One 3x3 convolution, forward and backward

Batch {M}, {SIZE}x{SIZE} images, {C_IN} -> {C_OUT} channels, padding 1, stride 1; a step is the forward pass and
the backward pass with dx, dW and db (the layer sits inside a network, so its input's gradient is needed). PyTorch
as its users write it: `nn.Conv2d(16, 32, 3, padding=1)`, NCHW tensors, `zero_grad()` and `out.backward(dout)`
(what `loss.backward()` sends through the layer); then one change per row. Every row is checked to compute the
engine's output, dx, dW and db first. {args.steps} steps per row per round. GFLOP/s counts the three products
(forward, dW, dx: {flops / 1e9:.2f} GFLOP a step); single-thread float32 GEMM peak here {peak / 1e9:.0f} GFLOP/s
(NumPy 1024x1024).

{layer_table}

The engine's layer takes {statistics.median(layer_ratios[nchw]):.2f} times the time of `nn.Conv2d` in PyTorch's
default layout (goal: 0.7 or less; {reached(layer_ratios[nchw], 0.7)}), and
{statistics.median(layer_ratios[fastest_layer]):.2f} times that of PyTorch's fastest variant here ({fastest_layer}).

Where the engine's step goes (best of {2 * args.steps} calls of each part alone):

{layer_parts_table}

* The three products are the floor: alone, shaped and chunked as the layer runs them, they take
  {products * 1e3:.1f} ms a step ({flops / products / 1e9:.0f} GFLOP/s counting the layer's arithmetic,
  {flops / products / peak:.0%} of peak: their matrices of 16 to 64 columns keep OpenBLAS below its large-matrix
  rate, and the forward product does 4/3 of the arithmetic with 2 outputs a row). The rest is memory traffic that
  PyTorch's oneDNN kernels do not have: padding the input, building the forward pass's window matrix (im2col),
  laying dout on the padded grid, adding the 9 filter positions' input gradients back, and the output and
  gradients written to main memory.
* What the backward pass does (each choice measured on this machine; the comments in `nn/conv_layers.py` say
  why): with stride 1, dout laid on the padded input's grid makes every filter position (i, j) one shift of that
  grid, so dW[i, j] is (x_pad's rows from the shift on).T @ dout's rows: the 9 products are one `matmul` of a 4-d
  strided view of x_pad, with no im2col at all (rebuilding the window matrix in the backward pass cost more than
  these products' extra 13% of zero rows); dx is 9 products with contiguous outputs added back as 9 contiguous
  runs, the first one set rather than added (no zero fill); db is a row of ones times dout (3x faster than
  `np.sum` over three axes); one image at a time, so that the grid, its products and the image's gradient stay in
  cache. The forward pass: im2col a chunk of images at a time from one strided view, the bias as one more row of
  the filter matrix, each row of the window matrix covering 2 neighbouring outputs (a 3x4x16 patch against 2
  shifted copies of the filters: copies of 64 numbers instead of 48, a product with 64 columns; 5% faster than one
  output a row). Tried and dropped: the forward pass as 9 shifted products accumulated into the output
  (no im2col: 13.6 ms against 10 for im2col, the 9 adds of 32-channel outputs cost more than the copy saves), 3
  products of 48-wide row windows (11.1 ms), im2col over the padded grid's positions (no better than the valid
  positions). The functional core's row builds the whole batch's matrix in fresh arrays.
* The goal of 0.7 is {0.7 * layer_median[nchw] * 1e3:.1f} ms a step here, against {products * 1e3:.1f} ms for
  the three products alone, in cache, with nothing around them: a NumPy layer, whose every other step is a pass
  over memory, cannot reach it on this CPU. PyTorch's NCHW path runs at {flops / layer_median[nchw] / peak:.0%}
  of GEMM peak here (channels_last at {flops / layer_median[CHANNELS_LAST] / peak:.0%}); the goal came from a
  3 -> 16 layer on an AMD core, where PyTorch's NCHW path ran at 11% of peak.

### A training epoch of the SIGNS network

The original's `convolutional_model`: conv 8 4x4 same -> ReLU -> max pool 8/8 -> conv 16 2x2 same -> ReLU -> max
pool 4/4 -> flatten -> linear 6, softmax cross-entropy, Adam lr {LR}, batch {BATCH}, the same initial weights on
every row. Data: dlspec's SIGNS set, `dlspec.data.load("signs")` (the seeded generator's 1,080 training
pictures of a hand showing 0 to 5 fingers, 64x64x3, divided by 255), a new shuffle every epoch on both sides.
The engine trains with `fit()` on the course's (m, n_H, n_W, n_C) images; PyTorch runs first as its tutorials
write it (NCHW, `padding="same"`, `DataLoader(TensorDataset(X, y), batch_size=64, shuffle=True)`,
`Adam(model.parameters())`, `nn.CrossEntropyLoss()`), then with one change per row. Loss and accuracy: each
row's model after its last round, on SIGNS's 120 test pictures (the script stops if a row's loss is more than 2%
from the engine's; tests/nn/test_conv_layers.py proves the engine's Adam steps on this network equal PyTorch's).
{args.epochs} epochs from He-initialised weights leave the network near chance (ln 6 = 1.79; the course trains it
for 100): this section measures time, not what the network learns.

{epoch_table}

An engine epoch takes {statistics.median(epoch_ratios[tutorial]):.2f} times the time of PyTorch written the
tutorial way (goal: 1.0 or less; {reached(epoch_ratios[tutorial], 1.0)}), and
{statistics.median(epoch_ratios[fastest_epoch]):.2f} times that of the fastest PyTorch variant here ({fastest_epoch}).

Where an engine epoch goes (`fit()`'s step replayed with a clock around each layer, CPU seconds):

{parts_table}

* The first convolution dominates: 3 input channels make a window row only 12 numbers, so plain im2col copies
  short runs and multiplies a matrix with 8 columns. `Conv2D` has each row of the window matrix cover 4
  neighbouring outputs (a 4x7x3 patch against 4 shifted copies of the filters): runs 4 times fewer and longer,
  32 columns, 1.75x the arithmetic; the layer ran about 1.8x faster when this was written. It needs no dx (it is
  the first layer); its dW rebuilds the window matrix, since the grid's shifted products that the 16-channel
  layer above uses would have 3 rows here (they ran 2.7x slower). Tried: 2, 8 and 16 outputs per row (4 was the
  fastest), chunks of 128 KB to 1 MB (no difference beyond the noise).
* ReLU and the first max pool work on the 64x64x8 activations, 2 million numbers a batch: each pass over them
  costs about 1 ms at memory speed, and ReLU's backward and max pooling's windows take several.
  Max pooling copies each window's 64 entries side by side and takes one argmax (the first maximum, as the
  course and PyTorch route ties); its backward adds each gradient at the winner's index. Tried and dropped: for
  ReLU's backward a float mask, `np.copyto(where=)` and `np.sign` (none beat a bool mask and one multiply, 1.3 ms
  a batch alone); for pooling, copying the windows with their channels last (2x cheaper) made the argmax over a
  middle axis 2x dearer. These passes over memory, and the first convolution's 1.75x arithmetic, are where the
  engine's epoch stays behind PyTorch's.
* Everything after the second convolution (small tensors), the loss, Adam and the batch gather into a reused
  buffer take a few percent.
"""
    write_section("conv-vs-pytorch", body)


if __name__ == "__main__":
    main()
