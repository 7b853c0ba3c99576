"""The dlspec engine against PyTorch on the CPU: the same MLP, data, optimizer and batch size, one thread each.

Model 784-256-128-10, ReLU, softmax cross-entropy, Adam (lr 1e-3), batch 128, float32, on seeded synthetic data.
Each side trains from the same initial weights for a few epochs; the best epoch time of each is reported, with
the share of this machine's single-thread float32 matrix-multiply peak (measured here with NumPy) it reaches.

    python bench/engine.py [--examples 20000] [--epochs 5]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np
import torch
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import machine, table, write_section

from dlspec.nn.layers import Linear, ReLU
from dlspec.nn.train import Adam, Sequential, SoftmaxCrossEntropy

DIMS = (784, 256, 128, 10)
BATCH = 128


def gemm_peak(n: int = 1024, repeats: int = 10) -> float:
    """Best single-thread float32 GEMM rate in FLOP/s, the ceiling both sides are measured against."""
    a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    out = np.empty_like(a)
    best = np.inf
    for _ in range(repeats):
        t = time.perf_counter()
        np.matmul(a, a, out=out)
        best = min(best, time.perf_counter() - t)
    return 2 * n**3 / best


def epoch_flops(m: int) -> float:
    """Matrix-multiply FLOPs of one epoch: forward, dW for every layer, dX for all but the first."""
    weights = [a * b for a, b in itertools.pairwise(DIMS)]
    return 2 * m * (3 * sum(weights) - weights[0])


def synthetic_data(m: int) -> tuple[np.ndarray, np.ndarray]:
    """Ten Gaussian class centres in 784 dimensions plus noise: learnable, reproducible, no download."""
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, m)
    # Centres close enough (relative to the noise) that the loss stays well above zero for a few epochs.
    centres = 0.05 * rng.standard_normal((10, DIMS[0]), dtype=np.float32)
    X = centres[labels] + rng.standard_normal((m, DIMS[0]), dtype=np.float32)
    return X, labels


def engine_epochs(X: np.ndarray, labels: np.ndarray, weights: list, epochs: int) -> tuple[list[float], float]:
    """Epoch times and final loss of the dlspec fast path (examples as columns, as in the course)."""
    layers = []
    for i, (W, b) in enumerate(weights):
        lin = Linear(W.shape[1], W.shape[0])
        lin.params["W"][...], lin.params["b"][...] = W, b[:, None]
        layers += [lin, ReLU()] if i < len(weights) - 1 else [lin]
    model, loss = Sequential(*layers), SoftmaxCrossEntropy()
    opt = Adam({"all": model.flat_params}, {"all": model.flat_grads}, lr=1e-3)
    Xc = np.ascontiguousarray(X.T)
    Y = np.zeros((10, X.shape[0]), dtype=np.float32)
    Y[labels, np.arange(X.shape[0])] = 1
    times, cost = [], 0.0
    for _ in range(epochs):
        t = time.perf_counter()
        for i in range(0, Xc.shape[1], BATCH):
            cost = loss.forward(model.forward(Xc[:, i:i + BATCH]), Y[:, i:i + BATCH])
            model.backward(loss.backward())
            opt.step()
        times.append(time.perf_counter() - t)
    return times, cost


def torch_epochs(X: np.ndarray, labels: np.ndarray, weights: list, epochs: int, **adam) -> tuple[list[float], float]:
    """Epoch times and final loss of the same model in PyTorch (examples as rows), Adam options as given."""
    mods = []
    for i, (W, b) in enumerate(weights):
        lin = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W))
            lin.bias.copy_(torch.from_numpy(b))
        mods += [lin, torch.nn.ReLU()] if i < len(weights) - 1 else [lin]
    net = torch.nn.Sequential(*mods)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, **adam)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(labels)
    times, cost = [], 0.0
    for _ in range(epochs):
        t = time.perf_counter()
        for i in range(0, Xt.shape[0], BATCH):
            opt.zero_grad(set_to_none=False)
            loss = torch.nn.functional.cross_entropy(net(Xt[i:i + BATCH]), yt[i:i + BATCH])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t)
        cost = loss.item()
    return times, cost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20000)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(1)
    X, labels = synthetic_data(args.examples)
    rng = np.random.default_rng(1)
    weights = [((rng.standard_normal((b, a)) * np.sqrt(2 / a)).astype(np.float32), np.zeros(b, np.float32))
               for a, b in itertools.pairwise(DIMS)]
    with threadpool_limits(limits=1):
        peak = gemm_peak()
        runs = {"dlspec engine": engine_epochs(X, labels, weights, args.epochs),
                "PyTorch, default Adam": torch_epochs(X, labels, weights, args.epochs)}
        for option in ("foreach", "fused"):
            try:
                runs[f"PyTorch, Adam {option}=True"] = torch_epochs(X, labels, weights, args.epochs, **{option: True})
            except (RuntimeError, ValueError) as err:  # an Adam variant this torch build has no CPU kernel for
                print(f"skipped {option}: {err}")
    flops = epoch_flops(args.examples)
    engine = min(runs["dlspec engine"][0])
    rows = []
    for name, (times, cost) in runs.items():
        best = min(times)
        rows.append([name, f"{best:.3f}", f"{engine / best:.2f}", f"{flops / best / peak:.0%}", f"{cost:.4f}"])
        print(f"{name:28s} {best:.3f} s/epoch  engine/this {engine / best:.2f}  peak share {flops / best / peak:.0%}")
    body = f"""## Engine vs PyTorch (CPU, one thread)

`python bench/engine.py --examples {args.examples} --epochs {args.epochs}` on {machine()}, torch {torch.__version__},
numpy {np.__version__}. MLP 784-256-128-10 (ReLU, softmax cross-entropy, Adam lr 1e-3, batch 128, float32), same
initial weights and same {args.examples} synthetic examples on both sides; best of {args.epochs} epochs. Share of
peak = matrix-multiply FLOPs of an epoch / time / single-thread float32 GEMM peak ({peak / 1e9:.1f} GFLOP/s,
NumPy 1024x1024). "engine / this" below 1 means the engine is faster.

{table(["side", "s / epoch", "engine / this", "share of GEMM peak", "last batch loss"], rows)}
"""
    write_section("engine-vs-pytorch", body)


if __name__ == "__main__":
    main()
