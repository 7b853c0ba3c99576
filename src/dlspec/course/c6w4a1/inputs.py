"""The PyTorch inputs of C6W4A1's cases (checks.py names them through Case.make) and the probes that turn what a
graded function did into data: made in the process that runs the case, so that only the grading child imports
PyTorch. Each draws from ``np.random.default_rng(seed)`` or a generator seeded with ``seed``.

The attacks meet small networks with dropout (an attack run in train mode draws another mask and moves other
pixels), a linear softmax model (FGSM's step is then known in closed form), and the shipped standard MNIST model on
real test digits, which PGD breaks completely.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import numpy as np
import torch
from torch import nn

from dlspec.data.mnist import load_mnist
from dlspec.data.pretrained import robust_mnist_cnn
from dlspec.nn.adversarial import fgsm


def _tensor(a: np.ndarray) -> torch.Tensor:
    return torch.tensor(a, dtype=torch.float32)


def _images(rng: np.random.Generator, m: int, side: int) -> torch.Tensor:
    """m grey images (m, 1, side, side) in [0, 1], a fifth of their pixels exactly 0 or 1 (as digits' are), where
    a step out of the range shows."""
    return _pixels(rng, (m, 1, side, side))


def _pixels(rng: np.random.Generator, shape: tuple[int, ...]) -> torch.Tensor:
    x = rng.random(shape)
    edge = rng.random(x.shape) < 0.2
    x[edge] = rng.integers(0, 2, edge.sum())
    return _tensor(x)


def _model(kind: str, side: int, seed: int) -> nn.Module:
    """"linear": softmax regression; "cnn": a 3x3 convolution of 4 filters, ReLU, dropout 0.3, 10 logits. Weights
    drawn with ``torch.manual_seed(seed)``; the model is left in train mode (as after training)."""
    torch.manual_seed(seed)
    if kind == "linear":
        return nn.Sequential(nn.Flatten(), nn.Linear(side * side, 10))
    return nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Dropout(0.3),
                         nn.Linear(4 * (side - 2) ** 2, 10))  # fmt: skip


@cache
def _standard() -> tuple[nn.Module, np.ndarray, np.ndarray]:
    """The shipped standard model and the first 100 test digits and labels, read once per grading process."""
    _, _, images, labels = load_mnist()
    return robust_mnist_cnn("standard"), images[:100], labels[:100]


def _digits(m: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The first m (at most 100) real test digits, (m, 1, 28, 28) in [0, 1], and their labels."""
    _, images, labels = _standard()
    return _tensor(images[:m, None] / 255), torch.tensor(labels[:m], dtype=torch.int64)


def attack_inputs(seed: int, model: str, m: int = 6, side: int = 10) -> tuple:
    """(model, x, y): ``model`` "linear" or "cnn" with random weights on random images, or "standard" (the shipped
    standard MNIST model, eval mode) on the first m real test digits."""
    if model == "standard":
        return (copy.deepcopy(_standard()[0]), *_digits(m))
    rng = np.random.default_rng(seed)
    x = _images(rng, m, side)
    return _model(model, side, seed), x, torch.tensor(rng.integers(0, 10, m), dtype=torch.int64)


def fgsm_inputs(seed: int, model: str, eps: float, m: int = 6, side: int = 10) -> tuple:
    """(model, x, y, eps)."""
    return (*attack_inputs(seed, model, m, side), eps)


def pgd_inputs(seed: int, model: str, eps: float, alpha: float, steps: int, random_start: bool, loss: str,
               restarts: int, m: int = 6, side: int = 10) -> tuple:
    """(model, x, y, eps, alpha, steps, random_start, loss, restarts, generator): the generator seeded with
    seed + 1000, so that its draws are not those of torch's global generator, which the case seeds with seed."""
    return (*attack_inputs(seed, model, m, side), eps, alpha, steps, random_start, loss, restarts,
            torch.Generator().manual_seed(seed + 1000))  # fmt: skip


def attack_report(returned: tuple) -> dict[str, Any]:
    """What an attack did, from (x_adv, model, x): the attacked images, how far they moved from x and where they
    lie, whether the model's parameters hold gradients afterwards, the sum of their absolute values (an attack must
    leave them alone), and the share of the images the model still gets right (in eval mode)."""
    x_adv, model, x, y = returned
    if not isinstance(x_adv, torch.Tensor):
        return {"x_adv": x_adv}
    x_adv = x_adv.detach()
    model.eval()
    with torch.no_grad():
        right = (model(x_adv).argmax(dim=1) == y).float().mean().item() if x_adv.shape == x.shape else -1.0
    return {"x_adv": x_adv.numpy(), "max_change": (x_adv - x).abs().max().item() if x_adv.shape == x.shape else -1.0,
            "low": x_adv.min().item(), "high": x_adv.max().item(), "accuracy": right,
            "grads": any(p.grad is not None for p in model.parameters()),
            "weights": float(sum(p.detach().abs().sum() for p in model.parameters()))}  # fmt: skip


def tensors_inputs(seed: int, what: str, shape: tuple[int, ...], eps: float = 0.0) -> tuple:
    """project_linf's (x_adv, x, eps), x_adv up to 3 eps away and partly out of [0, 1]; or cw_margin_loss's
    (logits, y), with ties between the best logits in a few rows."""
    rng = np.random.default_rng(seed)
    if what == "project":
        x = _pixels(rng, shape)
        return _tensor(x.numpy() + rng.uniform(-3 * eps, 3 * eps, x.shape)), x, eps
    logits = rng.normal(0, 2, shape)
    y = rng.integers(0, shape[1], shape[0])
    logits[::3, 0] = logits[::3, 1]  # ties
    return _tensor(logits), torch.tensor(y, dtype=torch.int64)


class _RecordingAttack:
    """An FGSM step that records whether the model was in train mode each time it is called, and does not switch
    the mode itself (so the caller's mode is the one it runs in)."""

    def __init__(self, eps: float) -> None:
        self.eps, self.modes = eps, []

    def __call__(self, model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        self.modes.append(model.training)
        x = x.detach().clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(nn.functional.cross_entropy(model(x), y), x)
        return torch.clamp(x.detach() + self.eps * grad.sign(), 0.0, 1.0)


def training_inputs(seed: int, m: int, batch_size: int, eps: float, side: int = 8, lr: float = 0.1) -> tuple:
    """(model, optimizer, images, labels, attack, batch_size, generator): a network with batch normalisation and
    dropout (eval and train mode differ in both), SGD with momentum (a gradient left over from a batch before
    shows), m random images, a recording FGSM attack."""
    rng = np.random.default_rng(seed)
    x = _images(rng, m, side)
    y = torch.tensor(rng.integers(0, 10, m), dtype=torch.int64)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Dropout(0.25),
                          nn.Linear(4 * (side - 2) ** 2, 10))  # fmt: skip
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    return model, optimizer, x, y, _RecordingAttack(eps), batch_size, torch.Generator().manual_seed(seed)


def training_report(returned: tuple) -> dict[str, Any]:
    """From (loss, model, attack): the loss returned, the model's parameters and batch-norm statistics after the
    epoch, the modes the model was in at each attack, and the mode it was left in."""
    loss, model, attack = returned
    state = {k: v.detach().numpy().copy() for k, v in model.state_dict().items() if "num_batches" not in k}
    return {"loss": loss.item() if isinstance(loss, torch.Tensor) else loss, "state": state,
            "modes": list(attack.modes)}  # fmt: skip


def _shift(model: nn.Module, x: torch.Tensor, y: torch.Tensor, moved: torch.Tensor) -> torch.Tensor:
    x_adv = x.clone()
    x_adv[moved] = torch.roll(x, 1, dims=0)[moved]  # the next image's pixels: most often another class's
    return x_adv


def _attack(kind: str, rng: np.random.Generator, m: int) -> Any:
    if kind.startswith("fgsm"):
        eps = float(kind[4:])
        return lambda model, x, y: fgsm(model, x, y, eps)
    moved = torch.tensor(rng.random(m) < 0.4)
    return lambda model, x, y: _shift(model, x, y, moved)


def robust_inputs(seed: int, model: str, attacks: list[str], m: int = 40, side: int = 10) -> tuple:
    """(model, x, y, attacks): y the model's own clean predictions in eval mode for most images (so the clean
    accuracy is high and attacks have something to break), attacks FGSM of a given eps ("fgsm0.1") or "swap"
    (a random two fifths of the images replaced by their neighbour's)."""
    net, x, y = attack_inputs(seed, model, m, side)
    rng = np.random.default_rng(seed + 1)
    net.eval()
    with torch.no_grad():
        predicted = net(x).argmax(dim=1)
    keep = torch.tensor(rng.random(m) < 0.85)
    y = torch.where(keep, predicted, y)
    net.train()  # left as after training: robust_accuracy must switch to eval mode
    return net, x, y, {name: _attack(name, rng, m) for name in attacks}
