"""Adversarial examples and defences (the sixth part, week 4): L-infinity attacks on an image classifier and
adversarial training, in PyTorch, on images ``(m, 1, 28, 28)`` of floats in [0, 1].

An attack takes a model, images ``x`` and their true labels ``y``, and returns images ``x_adv`` with
``|x_adv - x| <= eps`` in every pixel and every pixel still in [0, 1], chosen to make the model wrong:

* FGSM (Goodfellow et al. 2015): one step of size ``eps`` along the sign of the loss's gradient;
* PGD (Madry et al. 2018): many steps of size ``alpha``, each projected back into the eps-ball, from a random
  start, with restarts; on the cross-entropy or on the margin (Carlini & Wagner's) loss;
* the Square attack (Andriushchenko et al. 2020): no gradients, only the model's outputs: random squares of
  +/- eps, kept when they lower the margin between the true class and the best other.

Every attack puts the model in eval mode while it runs (dropout off, batch norm on its running statistics) and
gives it back in the mode it found it; it never changes the parameters, and leaves their ``.grad`` alone (the
gradient is taken with ``torch.autograd.grad`` with respect to the images only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import torch
import torch.nn.functional as F
from torch import nn


def project_linf(x_adv: torch.Tensor, x: torch.Tensor, eps: float) -> torch.Tensor:
    """``x_adv`` moved to the nearest point within ``eps`` of ``x`` in every pixel (the L-infinity ball around
    ``x``, not around the last step), then clipped into the valid pixel range [0, 1]. Both are a clamp per pixel,
    and since ``x`` lies in [0, 1] the result lies in both sets."""
    return torch.clamp(torch.minimum(torch.maximum(x_adv, x - eps), x + eps), 0.0, 1.0)


def cw_margin_loss(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Per example, the largest logit of a wrong class minus the logit of the true class, shape (m,): positive
    exactly when the model is wrong. Unlike the cross-entropy it does not flatten out once the true class is far
    behind, nor reward pushing an already-winning wrong class further."""
    true = logits.gather(1, y[:, None]).squeeze(1)
    others = logits.masked_fill(F.one_hot(y, logits.shape[1]).bool(), float("-inf"))
    return others.max(dim=1).values - true


@contextmanager
def _eval_mode(model: nn.Module) -> Iterator[nn.Module]:
    """``with _eval_mode(model):`` the model in eval mode, then back in the mode it was in."""
    was_training = model.training
    try:
        yield model.eval()
    finally:
        model.train(was_training)


def fgsm(model: nn.Module, x: torch.Tensor, y: torch.Tensor, eps: float) -> torch.Tensor:
    """The fast gradient sign method: ``x + eps * sign(grad_x loss)``, clipped into [0, 1], where the loss is the
    cross-entropy of the model in eval mode. The model goes back to the mode it was in; the gradient is taken with
    respect to the images only, so the parameters' ``.grad`` stay as they were."""
    was_training = model.training
    model.eval()
    x_grad = x.detach().clone().requires_grad_(True)
    loss = F.cross_entropy(model(x_grad), y, reduction="sum")  # summed: each image's gradient is its own loss's
    (grad,) = torch.autograd.grad(loss, x_grad)
    model.train(was_training)
    return torch.clamp(x.detach() + eps * grad.sign(), 0.0, 1.0)


def pgd_linf(model: nn.Module, x: torch.Tensor, y: torch.Tensor, eps: float, alpha: float, steps: int,
             random_start: bool = True, loss: str = "ce", restarts: int = 1,
             generator: torch.Generator | None = None) -> torch.Tensor:
    """Projected gradient descent (ascent on the loss) in the L-infinity ball, with the model in eval mode: from
    ``x``, or from a random point of the ball (``x + eps * (2 * torch.rand(x.shape, generator=generator) - 1)``,
    clipped into [0, 1]), ``steps`` times a step of ``alpha`` along the sign of the gradient of ``loss`` ("ce", the
    cross-entropy, or "cw", ``cw_margin_loss``), each projected back into the eps-ball around ``x`` and [0, 1].

    With ``restarts`` > 1 the attack runs that many times, each from its own random start, and keeps, per image,
    the result that fools the model, or, among results that both fool it (or both do not), the one with the larger
    loss: one image's best restart is not another's."""
    was_training = model.training
    model.eval()

    def losses_of(logits: torch.Tensor) -> torch.Tensor:
        return F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)

    per_image = (-1,) + (1,) * (x.dim() - 1)  # a flag per image, broadcast over its pixels
    best, best_fooled, best_losses = x.detach().clone(), None, None
    for _ in range(restarts):
        x_adv = x.detach().clone()
        if random_start:
            noise = torch.rand(x.shape, generator=generator, dtype=x.dtype).to(x.device)
            x_adv = torch.clamp(x_adv + eps * (2 * noise - 1), 0.0, 1.0)
        for _ in range(steps):
            x_adv.requires_grad_(True)
            (grad,) = torch.autograd.grad(losses_of(model(x_adv)).sum(), x_adv)
            x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x, eps)
        with torch.no_grad():
            logits = model(x_adv)
            fooled, losses = logits.argmax(dim=1) != y, losses_of(logits)
        if best_fooled is None:
            keep = torch.ones_like(fooled)
        else:
            keep = (fooled & ~best_fooled) | ((fooled == best_fooled) & (losses > best_losses))
            losses = torch.where(keep, losses, best_losses)
            fooled = torch.where(keep, fooled, best_fooled)
        best = torch.where(keep.view(per_image), x_adv, best)
        best_fooled, best_losses = fooled, losses
    model.train(was_training)
    return best


def _square_size(fraction: float, height: int, width: int) -> int:
    side = round((fraction * height * width) ** 0.5)
    return max(1, min(side, height - 1, width - 1))


def _fraction(p_init: float, query: int, queries: int) -> float:
    """The share of the image a square covers at ``query``: the paper's schedule, halving at fixed points of a
    10,000-query run, rescaled to ``queries``."""
    points = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000]
    halvings = sum(query * 10_000 / queries > p for p in points)
    return p_init / 2**halvings


def square_attack(model: nn.Module, x: torch.Tensor, y: torch.Tensor, eps: float, queries: int,
                  generator: torch.Generator | None = None, p_init: float = 0.8) -> torch.Tensor:
    """The Square attack for L-infinity (a simple version of Andriushchenko et al. 2020): it only asks the model
    for its outputs. It starts from vertical stripes of +/- eps, then, ``queries`` times, proposes for every image
    not yet fooled a random square (its side shrinking on a schedule) whose perturbation is set to one random sign
    times eps, and keeps it where the margin loss (``cw_margin_loss``) grows; an image stops being queried once it
    is misclassified. A defence that only hides its gradients (gradient masking) does not stop it."""
    m, c, h, w = x.shape

    def draw(*shape: int) -> torch.Tensor:
        return torch.rand(shape, generator=generator).to(x.device)

    with _eval_mode(model), torch.no_grad():
        stripes = torch.where(draw(m, c, 1, w) < 0.5, -eps, eps).to(x.dtype)
        x_adv = torch.clamp(x + stripes, 0.0, 1.0)
        margin = cw_margin_loss(model(x_adv), y)
        rows, cols = torch.arange(h, device=x.device), torch.arange(w, device=x.device)
        for query in range(queries):
            active = torch.nonzero(margin <= 0).flatten()  # still classified correctly: only these are queried
            if len(active) == 0:
                break
            k, s = len(active), _square_size(_fraction(p_init, query, queries), h, w)
            top = (draw(k) * (h - s + 1)).long().to(x.device)[:, None]
            left = (draw(k) * (w - s + 1)).long().to(x.device)[:, None]
            inside = (((rows >= top) & (rows < top + s))[:, :, None] & ((cols >= left) & (cols < left + s))[:, None])
            sign = torch.where(draw(k, c, 1, 1) < 0.5, -eps, eps).to(x.dtype)
            x_a = x[active]
            candidate = torch.where(inside[:, None], project_linf(x_a + sign, x_a, eps), x_adv[active])
            new_margin = cw_margin_loss(model(candidate), y[active])
            better = new_margin > margin[active]
            x_adv[active[better]] = candidate[better]
            margin[active[better]] = new_margin[better]
    return x_adv


def adversarial_training_epoch(model: nn.Module, optimizer: torch.optim.Optimizer, images: torch.Tensor,
                               labels: torch.Tensor, attack: Callable, batch_size: int,
                               generator: torch.Generator | None = None) -> float:
    """One epoch of adversarial training (Madry et al.): the examples in an order drawn with ``generator``
    (``torch.randperm``), and for each mini-batch of ``batch_size``, ``attack(model, x, y)`` run with the model in
    eval mode, then one optimiser step on the mean cross-entropy of the attacked images with the model in train
    mode. Returns the mean training loss of the epoch, per example (the last batch may be smaller)."""
    order = torch.randperm(len(images), generator=generator)
    total = 0.0
    for batch in order.split(batch_size):
        x, y = images[batch], labels[batch]
        model.eval()
        x_adv = attack(model, x, y).detach()
        model.train()
        loss = F.cross_entropy(model(x_adv), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(batch)
    return total / len(images)


def predict(model: nn.Module, x: torch.Tensor, batch: int = 500) -> torch.Tensor:
    """The model's class for each image, in eval mode, ``batch`` images at a time."""
    with _eval_mode(model), torch.no_grad():
        return torch.cat([model(part).argmax(dim=1) for part in x.split(batch)])


def robust_accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor,
                    attacks: dict[str, Callable]) -> dict[str, float]:
    """The share of images the model (in eval mode) classifies correctly: ``"clean"`` on ``x``, then under each
    attack of ``attacks`` (name -> ``attack(model, x, y)``, returning the attacked images), then ``"worst case"``:
    the share that is right clean *and* under every attack, image by image. An image one attack breaks and another
    misses counts as broken, so the worst case can be lower than the lowest per-attack accuracy."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        robust = model(x).argmax(dim=1) == y
    result = {"clean": robust.float().mean().item()}
    for name, attack in attacks.items():
        x_adv = attack(model, x, y)
        with torch.no_grad():
            correct = model(x_adv).argmax(dim=1) == y
        result[name] = correct.float().mean().item()
        robust = robust & correct
    result["worst case"] = robust.float().mean().item()
    model.train(was_training)
    return result


class SmallCNN(nn.Module):
    """The course's (and the robust-MNIST challenge's) classifier for (m, 1, 28, 28) images in [0, 1]: a 5x5
    convolution to 16 channels, ReLU, 2x2 max pool, a 5x5 convolution to 32 channels, ReLU, 2x2 max pool (28 -> 24
    -> 12 -> 8 -> 4, no padding), then fully connected layers of 128 units (ReLU) and 10 logits: 80,202 weights,
    157 KiB in float16."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=5)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=5)
        self.fc1 = nn.Linear(32 * 4 * 4, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The 10 logits, (m, 10)."""
        x = F.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = F.max_pool2d(torch.relu(self.conv2(x)), 2)
        return self.fc2(torch.relu(self.fc1(x.flatten(1))))
