"""Correct solutions of C6W4A1 written unlike the reference: min and max instead of clamp, the perturbation clamped
instead of the image, sorting instead of masking, backward() on a detached copy of the model's inputs with the
gradients restored, restarts stacked and chosen with argmax, loops over examples."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from dlspec.checking.spec import variant
from dlspec.nn.adversarial import cw_margin_loss, project_linf


@variant("project_linf")
def project_by_delta(x_adv, x, eps):
    """Clamp the perturbation, add it back, then the pixel range."""
    return (x + (x_adv - x).clamp(-eps, eps)).clamp(0, 1)


@variant("project_linf")
def project_with_where(x_adv, x, eps):
    low, high = (x - eps).clamp(min=0), (x + eps).clamp(max=1)
    return torch.where(x_adv < low, low, torch.where(x_adv > high, high, x_adv))


@variant("cw_margin_loss")
def cw_by_sorting(logits, y):
    """The two largest logits: the best wrong one is the first unless that is the true class."""
    top2 = logits.topk(2, dim=1)
    true = logits[torch.arange(len(y)), y]
    best_wrong = torch.where(top2.indices[:, 0] == y, top2.values[:, 1], top2.values[:, 0])
    return best_wrong - true


@variant("cw_margin_loss")
def cw_by_subtracting(logits, y):
    one_hot = F.one_hot(y, logits.shape[1]).to(logits.dtype)
    true = (logits * one_hot).sum(dim=1)
    return (logits - 1e9 * one_hot).max(dim=1).values - true


@variant("fgsm")
def fgsm_with_backward_and_restore(model, x, y, eps):
    """backward() on an input that records gradients, with the parameters kept out of it: requires_grad off while
    the loss is built, so no .grad is filled, and on again afterwards."""
    mode = model.training
    model.eval()
    flags = [p.requires_grad for p in model.parameters()]
    for p in model.parameters():
        p.requires_grad_(False)
    x_adv = x.clone().detach().requires_grad_(True)
    F.cross_entropy(model(x_adv), y).backward()
    for p, flag in zip(model.parameters(), flags, strict=True):
        p.requires_grad_(flag)
    model.train(mode)
    return (x_adv + eps * x_adv.grad.sign()).detach().clamp(0, 1)


@variant("fgsm")
def fgsm_one_image_at_a_time(model, x, y, eps):
    model.eval()
    out = []
    for xi, yi in zip(x, y, strict=True):
        xi = xi[None].clone().requires_grad_(True)
        (g,) = torch.autograd.grad(F.cross_entropy(model(xi), yi[None]), xi)
        out.append(torch.clamp(xi.detach() + eps * torch.sign(g), 0, 1))
    return torch.cat(out)


@variant("pgd_linf")
def pgd_stacked_restarts(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    """All restarts kept, then per image the first that fools the model, or else the one with the largest loss
    (a tie goes to the earlier restart, as in the reference, whose later restarts must be strictly better)."""
    model.eval()
    tries, fooled, losses = [], [], []
    for _ in range(restarts):
        delta = torch.zeros_like(x)
        if random_start:
            start = torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1)
            delta = start - x
        for _ in range(steps):
            delta.requires_grad_(True)
            logits = model(x + delta)
            value = F.cross_entropy(logits, y, reduction="sum") if loss == "ce" else cw_margin_loss(logits, y).sum()
            (g,) = torch.autograd.grad(value, delta)
            delta = project_linf(x + delta.detach() + alpha * g.sign(), x, eps) - x
        x_adv = x + delta
        with torch.no_grad():
            logits = model(x_adv)
        tries.append(x_adv)
        fooled.append(logits.argmax(1) != y)
        losses.append(F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y))
    fooled, losses = torch.stack(fooled), torch.stack(losses)
    chosen = []
    for i in range(len(x)):
        candidates = torch.nonzero(fooled[:, i]).flatten() if fooled[:, i].any() else torch.arange(restarts)
        chosen.append(candidates[losses[candidates, i].argmax()])
    return torch.stack([tries[int(k)][i] for i, k in enumerate(chosen)])


@variant("pgd_linf")
def pgd_with_backward(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    """backward() on the images, with the parameters' flags switched off for the attack, then restored."""
    was = model.training
    model.eval()
    flags = [p.requires_grad for p in model.parameters()]
    for p in model.parameters():
        p.requires_grad_(False)
    best = x.clone()
    best_fooled = torch.zeros(len(x), dtype=torch.bool)
    best_loss = torch.full((len(x),), -float("inf"))
    for _ in range(restarts):
        x_adv = x.clone()
        if random_start:
            x_adv = (x_adv + eps * (torch.rand(x.shape, generator=generator) * 2 - 1)).clamp(0, 1)
        for _ in range(steps):
            x_adv = x_adv.clone().requires_grad_(True)
            logits = model(x_adv)
            per = F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)
            per.sum().backward()
            x_adv = torch.min(torch.max(x_adv.detach() + alpha * x_adv.grad.sign(), x - eps), x + eps).clamp(0, 1)
        with torch.no_grad():
            logits = model(x_adv)
            per = F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)
            fooled = logits.argmax(1) != y
        for i in range(len(x)):
            if (fooled[i] and not best_fooled[i]) or (fooled[i] == best_fooled[i] and per[i] > best_loss[i]):
                best[i], best_fooled[i], best_loss[i] = x_adv[i], fooled[i], per[i]
    for p, flag in zip(model.parameters(), flags, strict=True):
        p.requires_grad_(flag)
    model.train(was)
    return best


@variant("adversarial_training_epoch")
def epoch_with_sums(model, optimizer, images, labels, attack, batch_size, generator=None):
    """The summed loss of each batch carried along, divided by the number of examples at the end."""
    permutation = torch.randperm(images.shape[0], generator=generator)
    total, n = 0.0, 0
    for start in range(0, len(permutation), batch_size):
        idx = permutation[start:start + batch_size]
        model.eval()
        adv = attack(model, images[idx], labels[idx])
        model.train()
        optimizer.zero_grad(set_to_none=True)
        batch_loss = F.cross_entropy(model(adv.detach()), labels[idx], reduction="sum")
        (batch_loss / len(idx)).backward()
        optimizer.step()
        total, n = total + batch_loss.item(), n + len(idx)
    return total / n


@variant("adversarial_training_epoch")
def epoch_with_a_loss_module(model, optimizer, images, labels, attack, batch_size, generator=None):
    criterion = torch.nn.CrossEntropyLoss()
    batches = torch.split(torch.randperm(len(labels), generator=generator), batch_size)
    losses = []
    for b in batches:
        model.eval()
        x_adv = attack(model, images[b], labels[b])
        model.train()
        out = criterion(model(x_adv), labels[b])
        optimizer.zero_grad()
        out.backward()
        optimizer.step()
        losses.extend([out.item()] * len(b))
    return float(sum(losses) / len(losses))


@variant("robust_accuracy")
def robust_with_a_table(model, x, y, attacks):
    """A table of right/wrong, one row per setting (clean first), and the worst case as its column-wise all()."""
    model.eval()
    rows, names = [], ["clean", *attacks]
    with torch.no_grad():
        rows.append(model(x).argmax(1) == y)
    for name in attacks:
        x_adv = attacks[name](model, x, y)
        with torch.no_grad():
            rows.append(model(x_adv).argmax(1) == y)
    table = torch.stack(rows).float()
    result = {name: table[k].mean().item() for k, name in enumerate(names)}
    result["worst case"] = table.min(dim=0).values.mean().item()
    return result


@variant("robust_accuracy")
def robust_counting(model, x, y, attacks):
    model.eval()
    m = len(y)
    with torch.no_grad():
        ok = (model(x).argmax(1) == y).tolist()
    out = {"clean": sum(ok) / m}
    for name, attack in attacks.items():
        adv = attack(model, x, y)
        with torch.no_grad():
            right = (model(adv).argmax(1) == y).tolist()
        out[name] = sum(right) / m
        ok = [a and b for a, b in zip(ok, right, strict=True)]
    out["worst case"] = sum(ok) / m
    return out
