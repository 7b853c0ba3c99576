"""What C5W4A1's cases need in the process that runs them (checks.py names these by string): the tensors of
``scaled_dot_product_attention``'s cases, and the probe that reports what a Transformer's module does. Only the
grading child imports this module, and with it PyTorch."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from dlspec.checking.probes import COUNT, EVAL, SHAPES_ANY, TRAIN, fill, one_thread, parameter_shapes


def attention_inputs(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None) -> tuple:
    """(q, k, v, mask) as float32 tensors; the mask may be None."""
    as_tensor = lambda a: None if a is None else torch.as_tensor(np.asarray(a), dtype=torch.float32)  # noqa: E731
    return tuple(as_tensor(a) for a in (q, k, v, mask))


def _tensor(a: np.ndarray | None) -> Any:
    """An input of forward: None stays None (no mask), integers are token ids (int64), the rest float32."""
    if a is None:
        return None
    a = np.asarray(a)
    return torch.as_tensor(a, dtype=torch.int64 if a.dtype.kind in "iu" else torch.float32)


def _arrays(out: Any) -> Any:
    """A forward's result as float64 arrays, keeping its structure: a tensor, a tuple of them, a dict of them (the
    decoder's attention weights, whose keys are compared too)."""
    if isinstance(out, torch.Tensor):
        return out.detach().cpu().numpy().astype(np.float64)
    if isinstance(out, (tuple, list)):
        return tuple(_arrays(o) for o in out)
    if isinstance(out, dict):
        return {k: _arrays(v) for k, v in out.items()}
    raise TypeError(f"forward must return tensors (in a tuple or a dict), not {type(out).__name__}")


@one_thread()
def attention_report(model: Any, x: tuple, weights: int, seed: int = 0) -> dict[str, Any]:
    """What a Transformer module does: its number of parameters and their shapes in any order; with every parameter
    drawn from ``weights`` by its shape (``probes.fill``: names and registration order are the learner's), its
    outputs for the inputs ``x`` (one per argument of forward, None for a mask left out) in eval mode, and in train
    mode with torch seeded by ``seed``, so that dropout placed where the reference places it draws the same masks."""
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"a torch.nn.Module is due, not {type(model).__name__}: did you return the model?")
    shapes = parameter_shapes(model)
    report: dict[str, Any] = {COUNT: sum(int(np.prod(s)) for s in shapes), SHAPES_ANY: sorted(shapes)}
    fill(model, weights)
    inputs = tuple(_tensor(a) for a in x)
    model.eval()
    with torch.no_grad():
        report[EVAL] = _arrays(model(*inputs))
        model.train()
        torch.manual_seed(seed)
        report[TRAIN] = _arrays(model(*inputs))
    return report


# a model this probe receives has every weight set by fill: run.call builds it with default initialisation skipped
attention_report.sets_every_weight = True
