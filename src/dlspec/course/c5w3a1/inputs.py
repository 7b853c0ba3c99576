"""The PyTorch side of C5W3A1's cases, made and run in the process that grades (checks.py names them), so that only
the grading child imports PyTorch: the inputs of ``one_step_attention`` (tensors and two seeded layers), and the
probe that reports what an ``NMTModel`` does."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
from torch import nn

from dlspec.checking.probes import COUNT, SGD, SHAPES_ANY, STEPPED, inject, one_thread

OUTPUTS = "scores of the Ty steps (Ty, m, machine_vocab_size)"
ATTENTION = "attention weights (Ty, m, Tx)"


def attention_inputs(a: np.ndarray, s_prev: np.ndarray, n_e: int, seed: int) -> tuple:
    """(a, s_prev, densor1, densor2): the states as tensors, and the two layers with weights drawn from ``seed``,
    twice PyTorch's default spread and densor2's bias raised, so that most energies pass the ReLU and differ."""
    a_t, s_t = torch.as_tensor(a, dtype=torch.float32), torch.as_tensor(s_prev, dtype=torch.float32)
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        densor1, densor2 = nn.Linear(a_t.shape[-1] + s_t.shape[-1], n_e), nn.Linear(n_e, 1)
        with torch.no_grad():
            for p in [*densor1.parameters(), *densor2.parameters()]:
                p *= 2
            densor2.bias += 0.5
    return a_t, s_t, densor1, densor2


def _pair(out: Any) -> tuple[torch.Tensor, torch.Tensor]:
    if not (isinstance(out, tuple) and len(out) == 2 and all(isinstance(t, torch.Tensor) for t in out)):
        raise TypeError(f"forward must return two tensors, (outputs, attention), not {type(out).__name__}")
    return out


@one_thread()
def nmt_report(
    model: Any, inputs: list[np.ndarray], weights: list[np.ndarray], targets: np.ndarray, lr: float = 0.5
) -> dict[str, Any]:
    """What an NMTModel does: how many numbers it trains and their shapes (one set of layers whatever Ty is);
    with ``weights`` injected by shape, its scores and attention weights for ``model(X, s0, c0)``; and its scores
    after one SGD step on the cross-entropy against ``targets`` (Ty, m), which a gradient that stops somewhere, or a
    layer the module never registered, changes."""
    if not isinstance(model, nn.Module):
        raise TypeError(f"a torch.nn.Module is due, not {type(model).__name__}: did you return the model?")
    shapes = sorted(list(p.shape) for p in model.parameters())
    report: dict[str, Any] = {COUNT: sum(math.prod(s) for s in shapes), SHAPES_ANY: shapes}
    if shapes != sorted(list(np.shape(w)) for w in weights):  # the count and shapes say what is wrong
        unrun = "not run: the case's weights do not fit these parameters"
        return {**report, OUTPUTS: unrun, ATTENTION: unrun, STEPPED: unrun}
    inject(model, weights)
    X, s0, c0 = (torch.as_tensor(np.asarray(x, dtype=np.float32)) for x in inputs)
    model.eval()
    with torch.no_grad():
        outputs, attention = _pair(model(X, s0, c0))
    report[OUTPUTS], report[ATTENTION] = outputs.double().numpy(), attention.double().numpy()
    n_y = outputs.shape[-1]
    if outputs.shape[:2] != targets.shape:  # no loss can compare them: no step
        report[STEPPED] = None
        return report
    optimizer = SGD(model.parameters(), lr=lr)
    loss = nn.functional.cross_entropy(_pair(model(X, s0, c0))[0].reshape(-1, n_y),
                                       torch.as_tensor(targets).reshape(-1))  # fmt: skip
    loss.backward()
    optimizer.step()
    with torch.no_grad():
        report[STEPPED] = _pair(model(X, s0, c0))[0].double().numpy()
    return report


# the model is built, then every weight is injected: run.call builds it without drawing default weights
nmt_report.sets_every_weight = True
