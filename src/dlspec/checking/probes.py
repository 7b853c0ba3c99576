"""Probes: turn an object a graded class or builder returned (a PyTorch module) into data the grader can compare.

A model cannot cross from the sandboxed child to the parent, and comparing two models object by object would grade
how they are written (attribute names, nn.Sequential or a class of one's own), not what they do. A probe runs
beside the learner's code, on the returned model, and reports behaviour only: parameters per layer, outputs for
injected weights in eval and train mode, and the weights after one optimiser step. The same probe runs on the
reference's model, so the two reports compare like any other result.

A case names its probe (``Case.probe = "dlspec.checking.probes:module_report"``) and its arguments
(``Case.probe_kwargs``). torch is imported only when a probe runs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# the keys of a report, in words: a mismatch is shown as "result['output in eval mode']: ..."
SHAPES = "parameter shapes, in order"
EVAL = "output in eval mode"
TRAIN = "output in train mode (dropout on)"
STEP = "parameters after one SGD step"
TRAINS = "which parameters train (requires_grad)"
DTYPES = "parameter dtypes"
FROZEN = "frozen parameters, as built"


def _module(model: Any) -> Any:
    import torch

    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"a torch.nn.Module is due, not {type(model).__name__}: did you return the model?")
    return model


def parameter_shapes(model: Any) -> list[list[int]]:
    """The shape of every parameter in registration order: the architecture, whatever its layers are called."""
    return [list(p.shape) for p in _module(model).parameters()]


def inject(model: Any, weights: dict[str, np.ndarray] | list[np.ndarray] | str) -> None:
    """Set the model's parameters: by name where every name matches its state dict, else in registration order
    (a learner may call a layer ``fc1`` where the reference says ``hidden``). ``weights`` may name an asset of
    dlspec.data instead, loaded here, in the process that runs the model."""
    import torch

    if isinstance(weights, str):
        from dlspec.data import load

        weights = load(weights)
    params = list(_module(model).named_parameters())
    if isinstance(weights, dict) and set(weights) == {n for n, _ in params}:
        values = [weights[n] for n, _ in params]
    else:
        values = list(weights.values()) if isinstance(weights, dict) else list(weights)
    shapes = [tuple(p.shape) for _, p in params]
    if [tuple(np.shape(v)) for v in values] != shapes:
        raise ValueError(
            f"the model's parameters have shapes {shapes}, but the weights to load have "
            f"{[tuple(np.shape(v)) for v in values]}: check the layers' sizes and their order"
        )
    with torch.no_grad():
        for (_, p), v in zip(params, values, strict=True):
            p.copy_(torch.as_tensor(np.asarray(v), dtype=p.dtype))


class SGD:
    """Plain gradient descent behind torch.optim's two calls, ``zero_grad()`` and ``step()``: the step the probe
    takes, and the optimiser a case can hand to a graded training loop. Creating a ``torch.optim`` optimiser
    imports ``torch._dynamo``, over a second added to every grade; this does the same update without it."""

    def __init__(self, params: Any, lr: float) -> None:
        self.params, self.lr = list(params), lr

    def zero_grad(self, set_to_none: bool = True) -> None:
        for p in self.params:
            if set_to_none:
                p.grad = None
            elif p.grad is not None:
                p.grad.zero_()

    def step(self) -> None:
        import torch

        with torch.no_grad():
            for p in self.params:
                if p.grad is not None:
                    p -= self.lr * p.grad


def _numpy(t: Any) -> np.ndarray:
    import torch

    if not isinstance(t, torch.Tensor):
        raise TypeError(f"forward must return a tensor, not {type(t).__name__}")
    return t.detach().cpu().numpy().astype(np.float64)


def _inputs(x: np.ndarray) -> Any:
    """A model's input as a tensor: integers (word indices, for an embedding) as int64, anything else float32."""
    import torch

    x = np.asarray(x)
    return torch.as_tensor(x, dtype=torch.int64 if x.dtype.kind in "iu" else torch.float32)


def module_report(
    model: Any,
    x: np.ndarray,
    weights: dict[str, np.ndarray] | list[np.ndarray] | str | None = None,
    target: np.ndarray | None = None,
    lr: float = 0.1,
    seed: int = 0,
) -> dict[str, Any]:
    """What ``model`` does: its parameter shapes; with ``weights`` injected, its output on ``x`` in eval and in
    train mode (seeded, so dropout draws the same mask for the reference and the learner); with ``target``, its
    parameters after one SGD step on the mean squared error (float32 inputs)."""
    import torch

    model = _module(model)
    report: dict[str, Any] = {SHAPES: parameter_shapes(model)}
    if weights is None:
        return report
    inject(model, weights)
    inputs = _inputs(x)
    model.eval()
    with torch.no_grad():
        report[EVAL] = _numpy(model(inputs))
    model.train()
    torch.manual_seed(seed)
    with torch.no_grad():
        report[TRAIN] = _numpy(model(inputs))
    if target is not None and report[EVAL].shape != np.shape(target):
        # the output's own mismatch, compared first, says what is wrong; a loss would broadcast or raise
        report[STEP] = f"not taken: the output has shape {report[EVAL].shape}, the target {np.shape(target)}"
    elif target is not None:
        model.eval()  # a deterministic step: the one the learner's and the reference's models can share
        optimizer = SGD(model.parameters(), lr=lr)
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(inputs), torch.as_tensor(np.asarray(target, dtype=np.float32)))
        loss.backward()
        optimizer.step()
        report[STEP] = [_numpy(p) for p in model.parameters()]
    return report


def frozen_report(
    model: Any,
    x: np.ndarray,
    weights: dict[str, np.ndarray] | list[np.ndarray] | str | None = None,
    target: np.ndarray | None = None,
    lr: float = 0.1,
    seed: int = 0,
) -> dict[str, Any]:
    """``module_report`` of a model that holds parameters it must not train (a pretrained embedding): first which
    parameters train, their dtypes and, as the model was built, the values of those that do not; then, with
    ``weights``, what module_report says (its SGD step leaves a frozen parameter as it was), or without them the
    output on ``x`` in eval mode."""
    import torch

    params = list(_module(model).parameters())
    report: dict[str, Any] = {
        SHAPES: parameter_shapes(model),
        TRAINS: [p.requires_grad for p in params],
        DTYPES: [str(p.dtype).removeprefix("torch.") for p in params],
        FROZEN: [_numpy(p) for p in params if not p.requires_grad],
    }
    if weights is not None:
        return {**report, **module_report(model, x, weights, target, lr, seed)}
    model.eval()
    with torch.no_grad():
        report[EVAL] = _numpy(model(_inputs(x)))
    return report
