"""The dlspec engine against PyTorch on the CPU, each side written the way its users write it.

Model 784-256-128-10 (ReLU, softmax cross-entropy, Adam lr 1e-3, batch 128, float32) on seeded synthetic data;
one thread each side, the same initial weights, data and batch size, and a new shuffle every epoch on both sides:

* the engine through its own ``fit()``, given the data in the course's (n_x, m) layout;
* PyTorch first as its tutorials write it (``nn.Sequential``, ``DataLoader(TensorDataset(...), batch_size=128,
  shuffle=True)``, ``Adam`` defaults, ``zero_grad()``, ``nn.CrossEntropyLoss``), then the faster variants found
  for this CPU, one change per row.

Timing on a shared, noisy machine: a round trains every row once from the same weights for --epochs epochs, in
an order rotated each round; a first, untimed round warms up (and compiles the torch.compile row). Times are CPU time
(``time.process_time``), which other processes disturb less than wall time. "s / epoch" is the median over the
rounds, "engine / this" the median of the per-round ratios. The rows do the same work: each trained model is
scored on the same held-out examples, and the script stops if a row lands far from the engine.

    python bench/engine.py [--examples 20000] [--epochs 3] [--rounds 5] [--no-compile]
"""

from __future__ import annotations

import argparse
import copy
import itertools
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import torch
from threadpoolctl import threadpool_info, threadpool_limits
from torch.utils.data import DataLoader, TensorDataset

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import machine, table, write_section

from dlspec.nn.layers import Linear, ReLU
from dlspec.nn.train import Adam, Sequential, SoftmaxCrossEntropy, fit

DIMS = (784, 256, 128, 10)
BATCH = 128
LR = 1e-3
Weights = list[tuple[np.ndarray, np.ndarray]]
# A row trains from the initial weights with a given seed and returns its model's (loss, accuracy) scorer.
Row = Callable[[int], Callable[[np.ndarray, np.ndarray], tuple[float, float]]]


def synthetic_data(m: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Examples as rows (m, 784) around ten Gaussian class centres, and their labels: learnable, no download."""
    labels = rng.integers(0, 10, m)
    # Centres close enough, relative to the noise, that a few epochs leave about one example in ten misclassified.
    centres = 0.12 * np.random.default_rng(0).standard_normal((10, DIMS[0]), dtype=np.float32)
    return centres[labels] + rng.standard_normal((m, DIMS[0]), dtype=np.float32), labels


def one_hot(labels: np.ndarray) -> np.ndarray:
    Y = np.zeros((DIMS[-1], labels.size), dtype=np.float32)
    Y[labels, np.arange(labels.size)] = 1
    return Y


def engine_model(weights: Weights) -> Sequential:
    layers = []
    for W, b in weights:
        linear = Linear(W.shape[1], W.shape[0])
        linear.params["W"][...], linear.params["b"][...] = W, b[:, None]
        layers += [linear, ReLU()]
    return Sequential(*layers[:-1])  # no ReLU after the last layer: the loss takes raw scores


def engine_row(weights: Weights, X: np.ndarray, labels: np.ndarray, epochs: int) -> Row:
    """The engine as its docs show a learner: a Sequential and ``fit()``, data as columns."""
    X_cols, Y = np.ascontiguousarray(X.T), one_hot(labels)

    def train(seed: int):
        model = engine_model(weights)
        fit(model, X_cols, Y, epochs, batch_size=BATCH, lr=LR, rng=np.random.default_rng(seed), progress=False)

        def score(X_test: np.ndarray, labels_test: np.ndarray) -> tuple[float, float]:
            Z = model.train(False).forward(np.ascontiguousarray(X_test.T))
            loss = SoftmaxCrossEntropy().forward(Z, one_hot(labels_test))
            return loss, float(np.mean(Z.argmax(axis=0) == labels_test))
        return score
    return train


def index_batches(X: torch.Tensor, y: torch.Tensor, batch_size: int = BATCH
                  ) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Shuffled batches by indexing with a random permutation: what a DataLoader does, without per-example calls."""
    perm = torch.randperm(len(y))
    for i in range(0, len(y), batch_size):
        idx = perm[i:i + batch_size]
        yield X[idx], y[idx]


def torch_row(weights: Weights, X: np.ndarray, labels: np.ndarray, epochs: int, *, loader: bool = True,
              set_to_none: bool = True, compiled: bool = False, **adam) -> Row:
    """PyTorch the tutorial way; each keyword changes one thing (batching, zero_grad, compile, Adam options)."""
    layers = []
    for W, b in weights:
        linear = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear, torch.nn.ReLU()]
    net = torch.nn.Sequential(*layers[:-1])
    initial = copy.deepcopy(net.state_dict())
    model = torch.compile(net) if compiled else net  # compiled once; every run resets the same module's weights
    Xt, yt = torch.from_numpy(X), torch.from_numpy(labels)
    data = DataLoader(TensorDataset(Xt, yt), batch_size=BATCH, shuffle=True)

    def train(seed: int):
        torch.manual_seed(seed)
        net.load_state_dict(initial)
        loss_fn = torch.nn.CrossEntropyLoss()
        optimizer = torch.optim.Adam(net.parameters(), lr=LR, **adam)
        for _ in range(epochs):
            for xb, yb in data if loader else index_batches(Xt, yt):
                optimizer.zero_grad(set_to_none=set_to_none)
                loss = loss_fn(model(xb), yb)
                loss.backward()
                optimizer.step()

        def score(X_test: np.ndarray, labels_test: np.ndarray) -> tuple[float, float]:
            with torch.no_grad():
                logits = net(torch.from_numpy(X_test))
                y = torch.from_numpy(labels_test)
                return loss_fn(logits, y).item(), (logits.argmax(dim=1) == y).float().mean().item()
        return score
    return train


def processor() -> str:
    """The CPU's name and the matrix-multiply library each side calls: GEMM speed differs between them by CPU."""
    cpuinfo = Path("/proc/cpuinfo")
    names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
             if line.startswith("model name")] if cpuinfo.exists() else []
    numpy_blas = [f"{lib['internal_api']} {lib['version']} ({lib['architecture']} kernels)"
                  for lib in threadpool_info() if lib["user_api"] == "blas" and "numpy" in lib["filepath"]]
    torch_blas = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    return (f"{names[0] if names else platform.processor()}; NumPy calls {', '.join(numpy_blas)}, "
            f"torch calls {torch_blas.group(1) if torch_blas else 'its BLAS'}")


def gemm_peak(n: int = 1024, repeats: int = 10) -> float:
    """Best single-thread float32 GEMM rate in FLOP/s (NumPy), the ceiling every row is measured against."""
    a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    out = np.empty_like(a)
    best = np.inf
    for _ in range(repeats):
        start = time.process_time()
        np.matmul(a, a, out=out)
        best = min(best, time.process_time() - start)
    return 2 * n**3 / best


def epoch_flops(m: int) -> float:
    """Matrix-multiply FLOPs of one epoch: forward, dW for every layer, dX for all but the first."""
    weights = [a * b for a, b in itertools.pairwise(DIMS)]
    return 2 * m * (3 * sum(weights) - weights[0])


def initial_weights(dims: tuple[int, ...], rng: np.random.Generator) -> Weights:
    """He-initialised (W, b) per layer, W as (n_out, n_in): the one starting point every row copies."""
    return [((rng.standard_normal((b, a)) * np.sqrt(2 / a)).astype(np.float32), np.zeros(b, np.float32))
            for a, b in itertools.pairwise(dims)]


def multiplies(weights: Weights, m: int) -> tuple[float, float]:
    """CPU seconds of an epoch's matrix multiplies, in NumPy and then in PyTorch on the same memory.

    A step makes 8: 3 forward, 3 dW and 2 dX (none for the first layer), each into a reused output as the layers do.
    """
    products = []
    for k, (W, _) in enumerate(weights):
        A, dZ = np.ones((W.shape[1], BATCH), np.float32), np.ones((W.shape[0], BATCH), np.float32)
        products += [(W, A, dZ.copy()), (dZ, A.T, W.copy())] + ([(W.T, dZ, A.copy())] if k else [])
    seconds = []
    for matmul, operands in ((np.matmul, products),
                             (torch.matmul, [[torch.from_numpy(a) for a in p] for p in products])):
        start = time.process_time()
        for _ in range(0, m, BATCH):
            for a, b, out in operands:
                matmul(a, b, out=out)
        seconds.append(time.process_time() - start)
    return seconds[0], seconds[1]


def engine_breakdown(weights: Weights, X: np.ndarray, labels: np.ndarray, gemm: float) -> dict[str, float]:
    """CPU seconds of one engine epoch by part: fit()'s step replayed with a clock around each part.

    ``gemm`` is the time of the epoch's matrix multiplies alone. The call overhead (Python's and NumPy's cost per
    call) is what the same step costs on a network as deep but 8 units wide, where almost no arithmetic is left.
    """
    clock = time.process_time

    def step_parts(weights: Weights, X_rows: np.ndarray, Y_rows: np.ndarray) -> tuple[float, float, float]:
        model, loss = engine_model(weights), SoftmaxCrossEntropy()
        opt = Adam({"all": model.flat_params}, {"all": model.flat_grads}, lr=LR)
        perm = np.random.default_rng(0).permutation(len(X_rows))
        gather = layers = adam = 0.0
        for i in range(0, len(X_rows), BATCH):
            t0 = clock()
            idx = perm[i:i + BATCH]
            Xb, Yb = X_rows[idx].T, Y_rows[idx].T
            t1 = clock()
            loss.forward(model.forward(Xb), Yb)
            model.backward(loss.backward())
            t2 = clock()
            opt.step()
            t3 = clock()
            gather, layers, adam = gather + t1 - t0, layers + t2 - t1, adam + t3 - t2
        return gather, layers, adam

    Y_rows = np.ascontiguousarray(one_hot(labels).T)
    gather, layers, adam = step_parts(weights, X, Y_rows)
    narrow = (8, 8, 8, DIMS[-1])
    _, overhead, _ = step_parts(initial_weights(narrow, np.random.default_rng(0)), X[:, :narrow[0]].copy(), Y_rows)
    return {"batch gather (`X_rows[idx].T`)": gather, "8 matrix multiplies per step": gemm,
            "bias, ReLU, softmax, loss, db (elementwise)": layers - gemm - overhead,
            "Python and NumPy call overhead of the layers": overhead, "Adam step": adam}


def loader_alone(X: np.ndarray, labels: np.ndarray) -> float:
    """CPU seconds of one epoch of the tutorial DataLoader's batches, with no training."""
    data = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(labels)), batch_size=BATCH, shuffle=True)
    start = time.process_time()
    for _ in data:
        pass
    return time.process_time() - start


def timed_rounds(rows: dict[str, Row], rounds: int, epochs: int, X_test: np.ndarray, labels_test: np.ndarray
                 ) -> tuple[dict[str, list[float]], dict[str, float], dict[str, tuple[float, float]]]:
    """Train every row once per round, in an order rotated each round, after one untimed warm-up round.

    Returns the CPU seconds per epoch of each timed round, the wall seconds of each warm-up, and each row's
    held-out (loss, accuracy) after its last round.
    """
    names = list(rows)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    warm_up, scores = {}, {}
    for r in range(rounds + 1):
        for name in names[r % len(names):] + names[:r % len(names)]:
            cpu, wall = time.process_time(), time.perf_counter()
            scorer = rows[name](r)
            if r:
                seconds[name].append((time.process_time() - cpu) / epochs)
            else:
                warm_up[name] = time.perf_counter() - wall
            scores[name] = scorer(X_test, labels_test)
    return seconds, warm_up, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20000)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compile", action=argparse.BooleanOptionalAction, default=True,
                        help="the torch.compile row (it needs a C++ compiler and compiles in the warm-up round)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    # An empty compile cache, so that the torch.compile row's warm-up shows what compiling costs.
    cache = tempfile.TemporaryDirectory(prefix="bench-engine-inductor-")  # removed when the script exits
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache.name
    rng = np.random.default_rng(1)
    weights = initial_weights(DIMS, rng)
    X, labels = synthetic_data(args.examples, rng)
    X_test, labels_test = synthetic_data(10000, rng)
    common = (weights, X, labels, args.epochs)
    engine, tutorial = "dlspec engine, `fit()`", "PyTorch, the tutorial way (DataLoader, `Adam()`)"
    compiled = "PyTorch, index batches, `Adam(fused=True)`, `torch.compile(model)`"
    rows: dict[str, Row] = {
        engine: engine_row(*common),
        tutorial: torch_row(*common),
        "PyTorch, DataLoader, `Adam(foreach=True)`": torch_row(*common, foreach=True),
        "PyTorch, DataLoader, `Adam(fused=True)`": torch_row(*common, fused=True),
        "PyTorch, index batches, `Adam()`": torch_row(*common, loader=False),
        "PyTorch, index batches, `Adam(fused=True)`": torch_row(*common, loader=False, fused=True),
        "PyTorch, index batches, `Adam(fused=True)`, `zero_grad(set_to_none=False)`":
            torch_row(*common, loader=False, fused=True, set_to_none=False),
    }
    if args.compile:
        rows[compiled] = torch_row(*common, loader=False, fused=True, compiled=True)
    with threadpool_limits(limits=1):
        peak = gemm_peak()
        seconds, warm_up, scores = timed_rounds(rows, args.rounds, args.epochs, X_test, labels_test)
        gemm, torch_gemm = multiplies(weights, args.examples)
        parts = engine_breakdown(weights, X, labels, gemm)
        loader = loader_alone(X, labels)

    for name, (loss, accuracy) in scores.items():  # the same work: every row ends near the engine
        if abs(loss - scores[engine][0]) > 0.05 * scores[engine][0] or abs(accuracy - scores[engine][1]) > 0.02:
            sys.exit(f"{name} ended at loss {loss:.4f}, accuracy {accuracy:.1%}, far from the engine's "
                     f"{scores[engine][0]:.4f}, {scores[engine][1]:.1%}: not the same work")
    flops = epoch_flops(args.examples)
    median = {name: statistics.median(s) for name, s in seconds.items()}
    ratios = {name: [e / s for e, s in zip(seconds[engine], seconds[name], strict=True)] for name in rows}
    ratio = {name: statistics.median(r) for name, r in ratios.items()}
    table_rows = [[name, f"{median[name]:.3f}", f"{ratio[name]:.2f} ({min(ratios[name]):.2f}–{max(ratios[name]):.2f})",
                   f"{flops / median[name] / peak:.0%}", f"{scores[name][0]:.4f}", f"{scores[name][1]:.1%}"]
                  for name in rows]
    for row in table_rows:
        print("  ".join(row))
    total = sum(parts.values())
    part_rows = [[part, f"{s:.3f}", f"{s / total:.0%}"] for part, s in parts.items()]
    steps = -(-args.examples // BATCH)
    n_params = sum(W.size + b.size for W, b in weights)
    fastest = min((name for name in rows if name != engine), key=median.__getitem__)
    compile_note = f"""
* `torch.compile` made the warm-up round of its row take {warm_up[compiled]:.0f} s (wall clock, since the C++ compiler
  runs in child processes; the compile cache was empty). It compiles the model only; the optimizer step and the
  batching stay as they were.""" if args.compile else ""
    body = f"""## Engine vs PyTorch (CPU, one thread)

`python bench/engine.py --examples {args.examples} --epochs {args.epochs} --rounds {args.rounds}\
{"" if args.compile else " --no-compile"}` on {machine()}, torch {torch.__version__}, numpy {np.__version__}
({processor()}).
MLP 784-256-128-10 (ReLU, softmax cross-entropy, Adam lr 1e-3, batch 128, float32), the same initial weights
and {args.examples} synthetic training examples on every row, a new shuffle every epoch, one thread each side
(`threadpool_limits(1)`, `torch.set_num_threads(1)`). The engine trains with its own `fit()` on the course's
(n_x, m) layout. PyTorch runs first as its tutorials write it (`nn.Sequential`, `DataLoader(TensorDataset(X, y),
batch_size=128, shuffle=True)`, `Adam(model.parameters())`, `optimizer.zero_grad()`, `nn.CrossEntropyLoss()`),
then with one change per row. Index batches: `perm = torch.randperm(m)` and `X[perm[i:i+128]]`, no DataLoader.

Each round trains every row for {args.epochs} epochs, in an order rotated each round. After a warm-up round,
{args.rounds} rounds are timed in CPU time, because the machine is shared and noisy. s / epoch is the median over
rounds; engine / this is the median of the per-round ratios (their range in brackets), below 1 when the engine is
faster. Share of GEMM peak
is an epoch's matrix-multiply FLOPs / time / single-thread float32 GEMM peak ({peak / 1e9:.0f} GFLOP/s, NumPy
1024x1024). Loss and accuracy: each row's trained model on the same 10000 held-out examples. The script stops if a
row ends more than 5% or 2 points from the engine, so every row did the same work.

{table(["side", "s / epoch", "engine / this", "share of GEMM peak", "held-out loss", "accuracy"], table_rows)}

The engine takes {ratio[tutorial]:.2f} times the time of PyTorch written the tutorial way, and
{ratio[fastest]:.2f} times the time of PyTorch's fastest variant here ({fastest}).

Where an engine epoch goes (`fit()`'s step replayed with a clock around each part, one epoch, CPU seconds):

{table(["part", "s / epoch", "share"], part_rows)}

* The matrix multiplies run at {flops / gemm / 1e9:.0f} GFLOP/s, {flops / gemm / peak:.0%} of the large square GEMM's
  peak above. The same multiplies through PyTorch's `matmul`, on the same memory, take {torch_gemm:.3f} s an epoch
  against NumPy's {gemm:.3f} s. That is a floor under every row, and the gap between the two is the BLAS libraries'.
* Adam makes 10 in-place passes over the {n_params} parameters, {parts["Adam step"] / steps * 1e6:.0f} µs a step
  (moments, square root, division, update). PyTorch's `fused=True` makes one pass in C++; its default for-loop Adam
  costs more.
* The shuffle costs the engine one gather of {BATCH} rows per batch. The tutorial DataLoader alone, iterated with no
  training, takes {loader:.3f} s an epoch: it indexes the dataset once per example and stacks the results.
* PyTorch's fastest variant saves {median[tutorial] - median[fastest]:.3f} s an epoch over the tutorial way; the rows
  between them show what each change is worth.{compile_note}
"""
    write_section("engine-vs-pytorch", body)


if __name__ == "__main__":
    main()
