"""The engine's LSTM layer against torch.nn.LSTM on the CPU, one thread, each side written the way its users write it.

One step is the forward pass over a batch of sequences and the backward pass from a mean-squared-error loss on every
step's hidden state (batch 64, 50 steps, 128 inputs, 256 units, float32): the engine's ``LSTM`` in the course's
(n_x, m, T_x) layout against ``torch.nn.LSTM`` with its defaults (``batch_first=False``, ``optimizer.zero_grad()``,
``loss.backward()``) and its variants, one change per row. Rows are interleaved in one run (an order rotated every
round, CPU time, the ratio taken per round), after a check that every row computes the engine's loss and gradients.

    python bench/lstm.py [--rounds 7] [--steps 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conv import best, interleaved, ratio_cell, ratio_rows, reached
from engine import gemm_peak, processor
from report import machine, table, write_section

from dlspec.nn.rnn import lstm_backward, lstm_forward
from dlspec.nn.rnn_layers import GATES, LSTM

M, T, N_X, N_A = 64, 50, 128, 256
TORCH_ORDER = [GATES.index(g) for g in ("i", "f", "c", "o")]  # PyTorch stacks the gates i, f, g, o
GOAL = 1.5
Step = Callable[[], None]
Result = Callable[[], tuple]  # (loss, dW, db) in the engine's layout, for the same-work check


def inputs(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x (n_x, m, T_x), the target of every step's state (n_a, m, T_x), and the layer's starting W and b."""
    x = rng.standard_normal((N_X, M, T), dtype=np.float32)
    # The target is laid out in memory as the layer's output is (a view of its time-major (T_x, n_a, m) states), as
    # PyTorch's is laid out as its output: the loss's gradient then costs each side one pass. Against a contiguous
    # (n_a, m, T_x) array the engine's subtraction mixed two orders and took 6 ms of a 90 ms step here.
    target = rng.uniform(-0.5, 0.5, (T, N_A, M)).astype(np.float32).transpose(1, 2, 0)
    layer = LSTM(N_X, N_A, return_sequences=True, rng=rng)
    return x, target, layer.params["W"].copy(), layer.params["b"].copy()


def engine_layer(x, target, W, b, input_grad: bool = False) -> tuple[Step, Result]:
    """The engine's LSTM as a network's first layer (no dx, as PyTorch skips it for an input without grad), or
    with ``input_grad`` as a layer inside a network, which passes dx on."""
    layer = LSTM(N_X, N_A, return_sequences=True)
    layer.params["W"][...], layer.params["b"][...] = W, b
    layer.input_grad = input_grad
    dout = np.empty_like(target)  # empty_like keeps the target's memory order
    scale = 2 / target.size  # d/d out of mean((out - target)**2)

    def step() -> None:
        out = layer.forward(x)
        np.subtract(out, target, out=dout)
        np.multiply(dout, scale, out=dout)
        layer.backward(dout)

    def result() -> tuple:
        step()
        loss = float(np.mean((layer.forward(x) - target) ** 2))
        return loss, layer.grads["W"].copy(), layer.grads["b"].copy()
    return step, result


def torch_layer(x, target, W, b, batch_first: bool = False, mkldnn: bool = True, set_to_none: bool = True,
                input_grad: bool = False) -> tuple[Step, Result]:
    """torch.nn.LSTM as its users write it: the engine's weights moved into PyTorch's gate order (its two biases
    add up, so b goes to bias_ih and bias_hh stays 0), a loss, ``optimizer.zero_grad()`` and ``loss.backward()``.
    With ``input_grad`` the input requires grad, as the output of a layer below would."""
    lstm = torch.nn.LSTM(N_X, N_A, batch_first=batch_first)
    rows = np.concatenate([np.arange(k * N_A, (k + 1) * N_A) for k in TORCH_ORDER])
    with torch.no_grad():
        lstm.weight_hh_l0.copy_(torch.from_numpy(W[rows, :N_A].copy()))
        lstm.weight_ih_l0.copy_(torch.from_numpy(W[rows, N_A:].copy()))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b[rows, 0].copy()))
        lstm.bias_hh_l0.zero_()
    layout = (1, 2, 0) if batch_first else (2, 1, 0)  # (m, T, n) or PyTorch's default (T, m, n)
    tx = torch.from_numpy(x.transpose(layout).copy()).requires_grad_(input_grad)
    ttarget = torch.from_numpy(target.transpose(layout).copy())
    optimizer = torch.optim.SGD(lstm.parameters(), lr=0.01)  # its zero_grad is part of the loop; no step is taken
    loss_fn = torch.nn.MSELoss()

    def step() -> torch.Tensor:
        with torch.backends.mkldnn.flags(enabled=mkldnn):
            optimizer.zero_grad(set_to_none=set_to_none)
            tx.grad = None
            output, _ = lstm(tx)
            loss = loss_fn(output, ttarget)
            loss.backward()
        return loss

    def result() -> tuple:
        loss = step().item()
        back = np.argsort(rows)
        dW = np.hstack([lstm.weight_hh_l0.grad.numpy(), lstm.weight_ih_l0.grad.numpy()])[back]
        return loss, dW, (lstm.bias_ih_l0.grad.numpy()[back])[:, None]
    return step, result


def same_results(rows: dict[str, tuple[Step, Result]], reference: str) -> None:
    """Every row computes the engine's loss, dW and db (float32 sums in another order: 1e-3 relative)."""
    expected = rows[reference][1]()
    for name, (_, result) in rows.items():
        for what, got, want in zip(("loss", "dW", "db"), result(), expected, strict=True):
            if not np.allclose(got, want, rtol=1e-3, atol=1e-4 * np.abs(want).max()):
                sys.exit(f"{name}: its {what} differs from the engine's; not the same work")


def products(W: np.ndarray, repeats: int) -> dict[str, tuple[float, float]]:
    """Best CPU seconds of the layer's matrix products alone, shaped and laid out as ``LSTM`` runs them, in NumPy
    and then through ``torch.matmul`` on the same memory: (numpy, torch) per product."""
    rng = np.random.default_rng(0)
    k = 4 * N_A
    Wa, WaT = np.ascontiguousarray(W[:, :N_A]), np.ascontiguousarray(W[:, :N_A].T)  # the layer's two copies
    Wxb = np.hstack([W[:, N_A:], np.zeros((k, 1), np.float32)])  # [Wx, b]
    xs = rng.standard_normal((N_X + 1, T * M), dtype=np.float32)  # every step's xt side by side, a row of ones
    h, z = rng.standard_normal((N_A, M), dtype=np.float32), rng.standard_normal((k, M), dtype=np.float32)
    rec, da, Z = np.empty((k, M), np.float32), np.empty((N_A, M), np.float32), np.empty((T, k, M), np.float32)
    dZ, H = np.empty((k, T * M), np.float32), rng.standard_normal((N_A, T * M), dtype=np.float32)
    dWa, dWx = np.empty((k, N_A), np.float32), np.empty((k, N_X), np.float32)
    calls = {
        "forward, input share of all steps: (4 n_a, n_x + 1) @ (n_x + 1, m), T in one call":
            [(Wxb, xs.reshape(N_X + 1, T, M).transpose(1, 0, 2), Z)],
        "forward, recurrence: (4 n_a, n_a) @ (n_a, m), T - 1 times": [(Wa, h, rec)] * (T - 1),
        "backward, recurrence: (n_a, 4 n_a) @ (4 n_a, m), T - 1 times": [(WaT, z, da)] * (T - 1),
        "backward, dW for a: (4 n_a, T m) @ (T m, n_a)": [(dZ, H.T, dWa)],
        "backward, dW for x: (4 n_a, T m) @ (T m, n_x)": [(dZ, xs[:N_X].T, dWx)],
    }
    seconds = {}
    for name, operands in calls.items():
        as_torch = [[torch.from_numpy(a) for a in p] for p in operands]
        seconds[name] = tuple(best(lambda mm=mm, ops=ops: [mm(a, b, out=out) for a, b, out in ops], repeats)
                              for mm, ops in ((np.matmul, operands), (torch.matmul, as_torch)))
    return seconds


def course_functions(x, W, b) -> float:
    """CPU seconds of one step of the course's lstm_forward/lstm_backward (float64 loops, fresh arrays every step)."""
    layer = LSTM(N_X, N_A, dtype=np.float64)
    layer.params["W"][...], layer.params["b"][...] = W, b
    p = {k: v.copy() for k, v in layer.course_parameters().items()}
    p["Wy"], p["by"] = np.zeros((1, N_A)), np.zeros((1, 1))
    x64, da = x.astype(np.float64), np.ones((N_A, M, T))
    return best(lambda: lstm_backward(da, lstm_forward(x64, np.zeros((N_A, M)), p)[3]), 2)


ENGINE, DEFAULT = "dlspec `LSTM` (course layout, float32)", "PyTorch `nn.LSTM`, as users write it (defaults)"
ENGINE_DX, DEFAULT_DX = "dlspec `LSTM`, with dx", "PyTorch `nn.LSTM` defaults, input requires grad (dx)"


def setup() -> tuple:
    x, target, W, b = inputs(np.random.default_rng(1))
    rows = {
        ENGINE: engine_layer(x, target, W, b),
        DEFAULT: torch_layer(x, target, W, b),
        "PyTorch, `batch_first=True`": torch_layer(x, target, W, b, batch_first=True),
        "PyTorch, `zero_grad(set_to_none=False)`": torch_layer(x, target, W, b, set_to_none=False),
        "PyTorch, oneDNN off (`torch.backends.mkldnn.flags(enabled=False)`)": torch_layer(x, target, W, b,
                                                                                          mkldnn=False),
        ENGINE_DX: engine_layer(x, target, W, b, input_grad=True),
        DEFAULT_DX: torch_layer(x, target, W, b, input_grad=True),
    }
    return (x, target, W, b), rows


def engine_parts(x, target, W, b, repeats: int) -> dict[str, float]:
    """Best CPU seconds of the engine step's forward and backward passes, each alone."""
    layer = LSTM(N_X, N_A, return_sequences=True)
    layer.params["W"][...], layer.params["b"][...] = W, b
    layer.input_grad = False
    dout = np.full_like(target, 1 / target.size)  # the target's memory order: the layer's output's
    layer.forward(x)
    layer.backward(dout)
    return {"forward": best(lambda: layer.forward(x), repeats), "backward": best(lambda: layer.backward(dout), repeats)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds")
    parser.add_argument("--steps", type=int, default=5, help="forward+backward steps per row per round")
    args = parser.parse_args()
    torch.set_num_threads(1)
    (x, target, W, b), rows = setup()
    with threadpool_limits(limits=1):
        same_results(rows, ENGINE)
        seconds = interleaved({name: step for name, (step, _) in rows.items()}, args.rounds, args.steps)
        peak = gemm_peak()
        parts = engine_parts(x, target, W, b, 2 * args.steps)
        gemms = products(W, 2 * args.steps)
        course = course_functions(x, W, b)
    k = 4 * N_A
    flops = 2 * k * (T * M * N_X + (T - 1) * M * N_A  # forward: input share, recurrence
                     + (T - 1) * M * N_A + T * M * N_A + T * M * N_X)  # backward: recurrence, dW for a and for x
    dx_flops = 2 * k * T * M * N_X  # dx = Wx.T @ dZ, in the last two rows
    median, ratios = ratio_rows(seconds, ENGINE)
    main_table = table(["side", "ms / step", "engine / this", "GFLOP/s"],
                       [[name, f"{median[name] * 1e3:.1f}", ratio_cell(ratios[name]),
                         f"{(flops + dx_flops * (name in (ENGINE_DX, DEFAULT_DX))) / median[name] / 1e9:.0f}"]
                        for name in rows])
    fastest = min((n for n in rows if n not in (ENGINE, ENGINE_DX, DEFAULT_DX)), key=median.get)
    with_dx = [e / t for e, t in zip(seconds[ENGINE_DX], seconds[DEFAULT_DX], strict=True)]
    default = statistics.median(ratios[DEFAULT])
    gemm_numpy = sum(s for s, _ in gemms.values())
    gemm_torch = sum(s for _, s in gemms.values())
    total = parts["forward"] + parts["backward"]
    recurrence = sum(s for name, (s, _) in gemms.items() if "recurrence" in name)
    fw_gemm = sum(s for name, (s, _) in gemms.items() if name.startswith("forward"))
    bw_gemm = gemm_numpy - fw_gemm
    parts_rows = [[name, f"{s * 1e3:.1f}", f"{t * 1e3:.1f}", f"{s / total:.0%}"] for name, (s, t) in gemms.items()]
    parts_rows += [
        ["forward, the rest: gate activations, memory, state, copies", f"{(parts['forward'] - fw_gemm) * 1e3:.1f}",
         "", f"{(parts['forward'] - fw_gemm) / total:.0%}"],
        ["backward, the rest: gate derivatives, memory's gradient, db", f"{(parts['backward'] - bw_gemm) * 1e3:.1f}",
         "", f"{(parts['backward'] - bw_gemm) / total:.0%}"],
        ["engine step, forward + backward", f"{total * 1e3:.1f}", "", "100%"],
    ]
    parts_table = table(["part", "NumPy, ms", "same product via `torch.matmul`, ms", "share of the step"],
                        parts_rows)
    print(main_table, parts_table, sep="\n\n")
    rounds = args.rounds
    body = f"""## LSTM layer vs PyTorch (CPU, one thread)

`python bench/lstm.py --rounds {args.rounds} --steps {args.steps}` on {machine()}, torch {torch.__version__},
numpy {np.__version__} ({processor()}). One thread each side (`threadpool_limits(1)`, `torch.set_num_threads(1)`),
float32, CPU time.

A step: the forward pass of an LSTM over a batch of {M} sequences of {T} steps, {N_X} inputs, {N_A} units, and
the backward pass from a mean-squared-error loss on every step's hidden state (dW and db; no dx, since the input of
a network's first layer needs none and PyTorch skips it for an input that does not require grad). The engine's
`LSTM(128, 256, return_sequences=True)` takes the course's (n_x, m, T_x) batch. PyTorch as its users write it:
`nn.LSTM(128, 256)` on its default (T_x, m, n_x) layout, `nn.MSELoss()`, `optimizer.zero_grad()`,
`loss.backward()` (the optimizer's step is left out on both sides); then one change per row. Both start from the
same weights (the gates moved into PyTorch's order i, f, g, o, the bias into `bias_ih` with `bias_hh` zero), and
the script first checks that every row computes the engine's loss, dW and db. Each of {rounds} rounds runs every
row {args.steps} times in an order rotated each round, after a warm-up round; a time is the median over the rounds,
engine / this the median of the per-round ratios (their range in brackets), below 1 when the engine is faster.
GFLOP/s counts the step's matrix products ({flops / 1e9:.2f} GFLOP, {(flops + dx_flops) / 1e9:.2f} with dx);
single-thread float32 GEMM peak here {peak / 1e9:.0f} GFLOP/s (NumPy 1024x1024).

{main_table}

The engine's step takes {default:.2f} times the time of `nn.LSTM` as its users write it (goal: {GOAL} or less;
{reached(ratios[DEFAULT], GOAL)}): {abs(default - 1):.0%} {"more" if default > 1 else "less"} time than PyTorch,
where 1.0 would be parity. The fastest PyTorch row here is {fastest}: engine / it
{statistics.median(ratios[fastest]):.2f}. The course's own `lstm_forward`/`lstm_backward` (float64, a concatenation
and fresh arrays every step) take {course:.2f} s for the same step, {course / median[ENGINE]:.1f} times the layer.
The last two rows compute dx too, as a layer inside a network does (the engine's `input_grad`, PyTorch's input
requiring grad): engine / PyTorch there {ratio_cell(with_dx)}.

Where the engine's step goes (best of {2 * args.steps} calls of each part alone; the products alone, shaped and
laid out as the layer runs them, then the forward and backward passes less their products):

{parts_table}

* The matrix products are {gemm_numpy / total:.0%} of the step; the recurrence alone (a {k}x{N_A} times
  {N_A}x{M} product each step, and its transpose's back) {recurrence / total:.0%}. The same products through
  `torch.matmul` on the same memory take {gemm_torch * 1e3:.1f} ms against NumPy's {gemm_numpy * 1e3:.1f} ms: a
  floor under each side, and the gap between the two is the BLAS libraries'.
* The elementwise work (sigmoid and tanh of the gates, the memory, the state, and their derivatives) is the rest:
  {(total - gemm_numpy) / total:.0%}, with the copies that lay the steps side by side for the weight gradients'
  products. What keeps it there (comments in `nn/rnn_layers.py` say why each is there): every array in a buffer
  kept per batch shape; a step's arrays as the course's (n, m) columns, stored time-major, so that each gate's
  block is contiguous; one tanh for all four gates (sigmoid(z) = (1 + tanh(z/2)) / 2, with the sigmoid gates'
  weights halved once per batch); the bias as a weight on a row of ones, inside the input product; every
  operation in place, on a contiguous block (a broadcast or strided in-place operation made NumPy allocate and
  fill buffers of its own).
* Tried and not kept (measured while the layer was written): a step's arrays as rows, (m, 4 n_a), PyTorch's
  orientation, as the first version had them. NumPy ran elementwise operations on a gate's strided columns there
  at about half the speed of a contiguous block; with the course's columns, each gate's rows contiguous, the
  forward and the backward pass each took about 10% less time than in that version (the two run interleaved,
  40 rounds). Also slower: in the backward pass, every factor that does not wait for the later steps (the
  gates' derivatives, times the other factor of their product) computed for all steps at once before the loop,
  in fewer, larger operations: 30% more time for that work than step by step, where a step's arrays stay in the
  cache.
"""
    write_section("lstm-vs-pytorch", body)


if __name__ == "__main__":
    main()
