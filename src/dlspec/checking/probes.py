"""Probes: turn an object a graded class or builder returned (a PyTorch module) into data the grader can compare.

A model cannot cross from the sandboxed child to the parent, and comparing two models object by object would grade
how they are written (attribute names, nn.Sequential or a class of one's own), not what they do. A probe runs
beside the learner's code, on the returned model, and reports behaviour only: parameters per layer, outputs for
injected weights in eval and train mode, and the weights after one optimiser step. The same probe runs on the
reference's model, so the two reports compare like any other result.

A case names its probe (``Case.probe = "dlspec.checking.probes:module_report"``) and its arguments
(``Case.probe_kwargs``). torch is imported only when a probe runs.

Weights given as a number are drawn from it in the child (``fill``): a deep model's 23 M weights need not cross
the pipe, and they reach each parameter by its shape, so the report does not depend on the order in which a model
registers its layers (a block may define its shortcut first). ``augmentation_report`` and
``param_groups_report`` serve the other objects a lesson builds: a random layer, and the parameter groups an
optimiser is given for fine-tuning. ``shared_layers_report`` serves a model built around layers it is given (a
recurrent cell shared by every time step), called with several inputs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import numpy as np

# the keys of a report, in words: a mismatch is shown as "result['output in eval mode']: ..."
COUNT = "number of parameters"
SHAPES = "parameter shapes, in order"
SHAPES_ANY = "parameter shapes, in any order"
FROZEN = "shapes of the frozen parameters"
LAYERS = "output shapes of the layers with weights"
EVAL = "output in eval mode"
TRAIN = "output in train mode (dropout on)"
RUNNING = "output in eval mode after the train-mode pass (BatchNorm's running statistics updated)"
STEP = "parameters after one SGD step"
DRAWS = "outputs in train mode, one per draw"
RATES = "learning rates"
TRAINED = "number of weights it trains"
TRAINS = "shapes of the parameters it trains"
REQUIRES_GRAD = "which parameters train (requires_grad)"
DTYPES = "parameter dtypes"
FROZEN_VALUES = "frozen parameters' values, as built"


def _module(model: Any) -> Any:
    import torch

    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"a torch.nn.Module is due, not {type(model).__name__}: did you return the model?")
    return model


def parameter_shapes(model: Any) -> list[list[int]]:
    """The shape of every parameter in registration order: the architecture, whatever its layers are called."""
    return [list(p.shape) for p in _module(model).parameters()]


def fill(model: Any, seed: int) -> None:
    """Give every parameter values drawn from a generator seeded by ``seed``, its shape and whether it is a bias:
    the same values whatever the model calls its layers and in whichever order it registers them. Weights are
    He-scaled normal draws, so activations keep their size through a deep network; 1-D weights (BatchNorm's
    scales) are near 1, biases near 0."""
    import torch

    with torch.no_grad():
        for name, p in _module(model).named_parameters():
            bias = name.endswith("bias")
            normal = np.random.default_rng([seed, int(bias), *p.shape]).standard_normal(tuple(p.shape))
            if bias:
                values = 0.1 * normal
            elif p.ndim == 1:
                values = 1 + 0.1 * normal
            else:
                values = normal * math.sqrt(2 / math.prod(p.shape[1:]))
            p.copy_(torch.as_tensor(values, dtype=p.dtype))


def _unchanged(tensor: Any, *args: Any, **kwargs: Any) -> Any:
    return tensor


@contextmanager
def skipped_init() -> Iterator[None]:
    """torch.nn.init's random fills as no-ops for the body: the model a probe that sets (or never reads) every weight
    receives is built without drawing default weights first. ResNet-50's 23 M of them cost a fifth of a second a
    model, for numbers no check reads. Constant fills (BatchNorm's ones and zeros) and buffers stay as they are."""
    from torch.nn import init

    names = ("uniform_", "normal_", "trunc_normal_", "kaiming_uniform_", "kaiming_normal_", "xavier_uniform_",
             "xavier_normal_", "orthogonal_")  # fmt: skip
    saved = {name: getattr(init, name) for name in names}
    for name in names:
        setattr(init, name, _unchanged)
    try:
        yield
    finally:
        for name, fn in saved.items():
            setattr(init, name, fn)


@contextmanager
def recorded_shapes(model: Any) -> Iterator[list[str]]:
    """While the body runs the model, record the shapes ("64x15x15", batch left out) that its layers owning weights
    output, each once; on leaving, the list holds them largest maps first: the network's stages, whether its
    pooling and activations are modules or functions, and whichever order its branches run in."""
    seen: set[tuple[int, ...]] = set()
    owners = [m for m in _module(model).modules() if any(True for _ in m.parameters(recurse=False))]
    hooks = [m.register_forward_hook(lambda _m, _i, out: seen.add(tuple(out.shape[1:]))) for m in owners]
    shapes: list[str] = []
    try:
        yield shapes
    finally:
        for hook in hooks:
            hook.remove()
    shapes += ["x".join(map(str, s)) for s in sorted(seen, key=lambda s: (-math.prod(s[1:]), s))]


def inject(model: Any, weights: dict[str, np.ndarray] | list[np.ndarray] | str) -> list[Any]:
    """Set the model's parameters: by name where every name matches its state dict, else in registration order
    (a learner may call a layer ``fc1`` where the reference says ``hidden``), else by shape where the model has
    the same shapes registered in another order (a learner may create the classifier before the convolutions).
    Returns the parameters in the order of the weights. ``weights`` may name an asset of dlspec.data instead,
    loaded here, in the process that runs the model."""
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
    wanted = [tuple(np.shape(v)) for v in values]
    if sorted(wanted) != sorted(shapes):
        raise ValueError(
            f"the model's parameters have shapes {shapes}, but the weights to load have "
            f"{wanted}: check the layers' sizes and their order"
        )
    # each value goes to the first unused parameter of its shape: registration order where the orders agree, and
    # among parameters of one shape; the outputs compared afterwards show any other way of wiring them
    unused: dict[tuple[int, ...], list[Any]] = {}
    for (_, p), shape in zip(params, shapes, strict=True):
        unused.setdefault(shape, []).append(p)
    ordered = [unused[shape].pop(0) for shape in wanted]
    with torch.no_grad():
        for p, v in zip(ordered, values, strict=True):
            p.copy_(torch.as_tensor(np.asarray(v), dtype=p.dtype))
    return ordered


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


@contextmanager
def one_thread() -> Iterator[None]:
    """torch on one thread for the body, as in the grading child (OMP_NUM_THREADS=1): the reference's sums then run
    in the child's order wherever they run, and small models run faster than on threads that wait for each other
    (tenfold on a busy machine)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


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


def _outputs(out: Any) -> np.ndarray | tuple[np.ndarray, ...]:
    """A forward's result as arrays: one tensor, or a tuple of them (a U-Net block returns two)."""
    return tuple(_numpy(t) for t in out) if isinstance(out, tuple) else _numpy(out)


@one_thread()
def module_report(
    model: Any,
    x: np.ndarray | tuple[np.ndarray, ...],
    weights: dict[str, np.ndarray] | list[np.ndarray] | str | int | None = None,
    target: np.ndarray | None = None,
    lr: float = 0.1,
    seed: int = 0,
    layers: bool = False,
) -> dict[str, Any]:
    """What ``model`` does: its number of parameters and their shapes (and those of the frozen ones, if any);
    with ``weights`` injected (a number: drawn by ``fill``, and the shapes reported in any order), its output on
    ``x`` (a tuple: one input per argument of forward) in eval and in train mode (seeded, so dropout draws the
    same mask for the reference and the learner), a tuple where forward returns one;
    with ``layers``, the shapes its layers output (``recorded_shapes``); with ``target``, its parameters after one
    SGD step on the mean squared error (float32 inputs; not with weights given as a number, whose order is the
    model's own)."""
    import torch

    model = _module(model)
    shapes = parameter_shapes(model)
    frozen = [list(p.shape) for p in model.parameters() if not p.requires_grad]
    report: dict[str, Any] = {COUNT: sum(math.prod(s) for s in shapes)}
    if isinstance(weights, int):
        if target is not None:
            raise ValueError("a step's parameters come in the model's own order: give the weights by name or order")
        report[SHAPES_ANY], frozen = sorted(shapes), sorted(frozen)
        fill(model, weights)
    else:
        report[SHAPES] = shapes
        if weights is not None:  # the shapes in the order the weights were given: the reference's
            ordered = inject(model, weights)
            report[SHAPES] = [list(p.shape) for p in ordered]
    if frozen:  # a model that should freeze nothing misses nothing here; one that should is told what it missed
        report[FROZEN] = frozen
    if weights is None and not layers:
        return report
    inputs = tuple(_inputs(a) for a in x) if isinstance(x, (tuple, list)) else (_inputs(x),)
    model.eval()
    with recorded_shapes(model) if layers else nullcontext() as seen, torch.no_grad():
        output = _outputs(model(*inputs))
    if layers:
        report[LAYERS] = seen
    if weights is None:
        return report
    report[EVAL] = output
    model.train()
    torch.manual_seed(seed)
    with torch.no_grad():
        report[TRAIN] = _outputs(model(*inputs))
        if any(isinstance(m, torch.nn.modules.batchnorm._BatchNorm) for m in model.modules()):
            # the train-mode pass updated the running statistics, each BatchNorm those of what it normalised: a
            # BatchNorm used twice (a block's own where its shortcut's belongs) shows here, whose weights, drawn
            # by shape, are the same as those of the one it stands for
            model.eval()
            report[RUNNING] = _outputs(model(*inputs))
    if target is not None and output.shape != np.shape(target):
        # the output's own mismatch, compared first, says what is wrong; a loss would broadcast or raise
        report[STEP] = f"not taken: the output has shape {output.shape}, the target {np.shape(target)}"
    elif target is not None:
        model.eval()  # a deterministic step: the one the learner's and the reference's models can share
        optimizer = SGD(model.parameters(), lr=lr)
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(*inputs), torch.as_tensor(np.asarray(target, dtype=np.float32)))
        loss.backward()
        optimizer.step()
        report[STEP] = [_numpy(p) for p in ordered]
    return report


# a model module_report receives is read for its parameters' count and shapes, then given weights (or run for its
# layers' shapes alone): run.call builds it with default initialisation skipped (skipped_init)
module_report.sets_every_weight = True


@one_thread()
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
        REQUIRES_GRAD: [p.requires_grad for p in params],
        DTYPES: [str(p.dtype).removeprefix("torch.") for p in params],
        FROZEN_VALUES: [_numpy(p) for p in params if not p.requires_grad],
    }
    if weights is not None:
        return {**report, **module_report(model, x, weights, target, lr, seed)}
    model.eval()
    with torch.no_grad():
        report[EVAL] = _numpy(model(_inputs(x)))
    return report


@one_thread()
def augmentation_report(layer: Any, x: np.ndarray, draws: int = 2) -> dict[str, Any]:
    """What a random layer (data augmentation) does to the batch ``x``: its output in eval mode, and ``draws``
    outputs in train mode, one call after another, stacked. The case's seed makes them repeatable; a judge tells
    from them whether the layer is random, image by image, and within its range."""
    import torch

    layer = _module(layer)
    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32))
    layer.eval()
    with torch.no_grad():
        # float32, as the layer computes: pictures are many numbers, and float64 would double what crosses the pipe
        report: dict[str, Any] = {EVAL: _numpy(layer(inputs)).astype(np.float32)}
        layer.train()
        report[DRAWS] = np.stack([_numpy(layer(inputs)) for _ in range(draws)]).astype(np.float32)
    return report


def param_groups_report(groups: Any) -> dict[str, Any]:
    """What an optimiser given ``groups`` would do (a list of dicts, each with its "params" and "lr"; an optimiser's
    own groups count too): the learning rates, each once, and the parameters it would change, those that require
    gradients: how many weights, and their shapes ("72x12x1x1") in any order. Reading groups needs no optimiser,
    whose first creation imports PyTorch's compiler: seconds of a learner's wait for a verdict."""
    import torch

    if isinstance(groups, torch.optim.Optimizer):
        groups = groups.param_groups
    if not isinstance(groups, (list, tuple)) or not all(isinstance(g, dict) for g in groups):
        raise TypeError(f"a list of parameter groups is due (dicts with 'params' and 'lr'), not "
                        f"{type(groups).__name__}")  # fmt: skip
    rates, params = set(), []
    for group in groups:
        if "lr" not in group or "params" not in group:
            raise ValueError(f"a parameter group needs 'params' and 'lr'; this one has {sorted(group)}")
        held = group["params"]
        params += [p for p in ([held] if isinstance(held, torch.Tensor) else list(held)) if p.requires_grad]
        rates.add(float(group["lr"]))
    return {
        RATES: sorted(rates),
        TRAINED: sum(p.numel() for p in params),
        TRAINS: sorted("x".join(map(str, p.shape)) for p in params),
    }


# the keys of a report on a model that is handed its layers (a recurrent model's shared cell), with COUNT
OUTPUT = "output"
STEPPED = "output after one SGD step"


@one_thread()
def shared_layers_report(
    model: Any, inputs: list[np.ndarray], target: np.ndarray | None = None, lr: float = 0.1
) -> dict[str, Any]:
    """What a model built around layers it was given does (C5W1A3's LSTM cell, passed to the model and shared by
    every time step): how many numbers it trains (``parameters()`` lists a layer held twice once, so the count does
    not grow with the number of steps unless new layers were made), its output on ``model(*inputs)``, and with
    ``target``, its output on the same inputs after one SGD step on the mean squared error. Nothing is injected:
    the layers arrive with their weights, and their names and order are the learner's."""
    import torch

    model = _module(model)
    report: dict[str, Any] = {COUNT: sum(p.numel() for p in model.parameters())}
    tensors = [torch.as_tensor(np.asarray(x, dtype=np.float32)) for x in inputs]
    model.eval()
    with torch.no_grad():
        report[OUTPUT] = _numpy(model(*tensors))
    if target is None:
        return report
    if report[OUTPUT].shape != np.shape(target):  # no loss can compare them (or it would broadcast): no step
        report[STEPPED] = None
        return report
    optimizer = SGD(model.parameters(), lr=lr)
    optimizer.zero_grad()
    loss = torch.nn.functional.mse_loss(model(*tensors), torch.as_tensor(np.asarray(target, dtype=np.float32)))
    loss.backward()
    optimizer.step()
    with torch.no_grad():
        report[STEPPED] = _numpy(model(*tensors))
    return report
