"""Known mistakes in C6W4A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from dlspec.checking.spec import mutant
from dlspec.nn.adversarial import cw_margin_loss

# --- project_linf -------------------------------------------------------------------------------------------------


@mutant("project_linf", "Clip into [0, 1] as well: the ball around x reaches below 0 and above 1, where no image "
        "has pixels.")  # fmt: skip
def project_no_pixel_range(x_adv, x, eps):
    return torch.clamp(x_adv, x - eps, x + eps)


@mutant("project_linf", "Project onto the ball first, then clip into [0, 1]: x_adv itself is not the centre, x is.")
def project_around_x_adv(x_adv, x, eps):
    return torch.clamp(torch.clamp(x_adv, x_adv - eps, x_adv + eps), 0, 1)


@mutant("project_linf", "The ball's bounds are x - eps and x + eps, per pixel: clamp between them, not to +/- eps.")
def project_absolute(x_adv, x, eps):
    return torch.clamp(torch.clamp(x_adv, -eps, eps), 0, 1)


@mutant("project_linf", "Clamp the perturbation x_adv - x into [-eps, eps] and add it back to x; returning the "
        "perturbation alone loses the image.")  # fmt: skip
def project_returns_delta(x_adv, x, eps):
    return torch.clamp(x_adv - x, -eps, eps)


@mutant("project_linf", "Projecting onto the L-infinity ball clamps each pixel on its own; scaling the whole "
        "perturbation down (as for an L2 ball) moves pixels that were already within eps.")  # fmt: skip
def project_rescaled(x_adv, x, eps):
    delta = x_adv - x
    biggest = delta.flatten(1).abs().max(dim=1).values.clamp(min=eps).view(-1, *[1] * (x.dim() - 1))
    return torch.clamp(x + delta * eps / biggest, 0, 1)


# --- cw_margin_loss -----------------------------------------------------------------------------------------------


@mutant("cw_margin_loss", "It is the best *wrong* logit minus the true one; you have it the other way round.")
def cw_reversed(logits, y):
    return -cw_margin_loss(logits, y)


@mutant("cw_margin_loss", "Leave the true class out of the maximum (set its logit to -inf first): otherwise the "
        "maximum is the true logit itself whenever the model is right, and the margin is 0.")  # fmt: skip
def cw_max_over_all(logits, y):
    return logits.max(dim=1).values - logits.gather(1, y[:, None]).squeeze(1)


@mutant("cw_margin_loss", "Return one margin per example, shape (m,): no mean or sum over the batch.")
def cw_mean(logits, y):
    return cw_margin_loss(logits, y).mean()


@mutant("cw_margin_loss", "Pick each example's true logit with its own label (logits[range(m), y], or gather): "
        "logits[:, y] picks every label's column for every example.")  # fmt: skip
def cw_wrong_indexing(logits, y):
    others = logits.masked_fill(F.one_hot(y, logits.shape[1]).bool(), float("-inf"))
    return others.max(dim=1).values - logits[:, y].mean(dim=1)


@mutant("cw_margin_loss", "The margin is on the logits, not on the softmax probabilities.")
def cw_on_probabilities(logits, y):
    return cw_margin_loss(torch.softmax(logits, dim=1), y)


@mutant("cw_margin_loss", "Carlini and Wagner clip their loss at 0 to stop once an image is fooled; here keep "
        "the raw margin, negative while the model is right: PGD needs its slope.")  # fmt: skip
def cw_clipped(logits, y):
    return cw_margin_loss(logits, y).clamp(min=0)


# --- fgsm ---------------------------------------------------------------------------------------------------------


def _gradient(model, x, y, train=False, reduction="sum"):
    model.train(train)
    x = x.detach().clone().requires_grad_(True)
    loss = F.cross_entropy(model(x), y, reduction=reduction)
    (grad,) = torch.autograd.grad(loss, x)
    return grad


@mutant("fgsm", "The attack climbs the loss: add eps * sign(gradient). Subtracting it makes the model more sure.")
def fgsm_descends(model, x, y, eps):
    return torch.clamp(x - eps * _gradient(model, x, y).sign(), 0, 1)


@mutant("fgsm", "Clip the attacked image into [0, 1]: a pixel pushed below 0 or above 1 is no image.")
def fgsm_no_clip(model, x, y, eps):
    return x + eps * _gradient(model, x, y).sign()


@mutant("fgsm", "Step along the *sign* of the gradient, eps in every pixel: the raw gradient's size says nothing "
        "about eps.")  # fmt: skip
def fgsm_raw_gradient(model, x, y, eps):
    return torch.clamp(x + eps * _gradient(model, x, y), 0, 1)


@mutant("fgsm", "Put the model in eval mode (model.eval()) before attacking: in train mode dropout draws a mask, "
        "and the gradient is that of another network.")  # fmt: skip
def fgsm_train_mode(model, x, y, eps):
    return torch.clamp(x + eps * _gradient(model, x, y, train=True).sign(), 0, 1)


@mutant("fgsm", "Take the gradient with torch.autograd.grad(loss, x): loss.backward() also fills the parameters' "
        ".grad, and an attack must leave the model as it found it.")  # fmt: skip
def fgsm_backward(model, x, y, eps):
    model.eval()
    x = x.detach().clone().requires_grad_(True)
    F.cross_entropy(model(x), y).backward()
    return torch.clamp(x.detach() + eps * x.grad.sign(), 0, 1)


@mutant("fgsm", "The loss compares the model's logits with the true labels y; the model's own predictions give "
        "another gradient wherever it is wrong.")  # fmt: skip
def fgsm_predicted_labels(model, x, y, eps):
    model.eval()
    with torch.no_grad():
        guess = model(x).argmax(dim=1)
    return torch.clamp(x + eps * _gradient(model, x, guess).sign(), 0, 1)


# --- pgd_linf -----------------------------------------------------------------------------------------------------


def _pgd(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None, *,
         sign=1.0, project="ball", train=False, keep="per image", clip=True):  # fmt: skip
    """PGD with one thing done otherwise, as named: the direction, the projection, the mode, which restart is
    kept."""
    model.train(train)

    def losses_of(logits):
        return F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)

    best = best_fooled = best_losses = None
    for _ in range(restarts):
        x_adv = x.detach().clone()
        if random_start:
            noise = torch.rand(x.shape, generator=generator, dtype=x.dtype)
            x_adv = torch.clamp(x_adv + eps * (2 * noise - 1), 0, 1)
        for _ in range(steps):
            x_adv.requires_grad_(True)
            (grad,) = torch.autograd.grad(losses_of(model(x_adv)).sum(), x_adv)
            stepped = x_adv.detach() + sign * alpha * grad.sign()
            if project == "step":
                stepped = torch.clamp(stepped, x_adv.detach() - eps, x_adv.detach() + eps)
            elif project == "ball":
                stepped = torch.clamp(stepped, x - eps, x + eps)
            x_adv = torch.clamp(stepped, 0, 1) if clip else stepped
        with torch.no_grad():
            logits = model(x_adv)
            fooled, losses = logits.argmax(dim=1) != y, losses_of(logits)
        if best is None or keep == "last":
            best, best_fooled, best_losses = x_adv, fooled, losses
            continue
        if keep == "batch mean":
            if losses.mean() > best_losses.mean():
                best, best_fooled, best_losses = x_adv, fooled, losses
            continue
        better = (fooled & ~best_fooled) | ((fooled == best_fooled) & (losses > best_losses))
        best = torch.where(better.view(-1, *[1] * (x.dim() - 1)), x_adv, best)
        best_fooled, best_losses = best_fooled | fooled, torch.where(better, losses, best_losses)
    return best


@mutant("pgd_linf", "Each step climbs the loss: x_adv + alpha * sign(gradient), not minus.")
def pgd_descends(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    return _pgd(model, x, y, eps, alpha, steps, random_start, loss, restarts, generator, sign=-1.0)


@mutant("pgd_linf", "Project onto the ball around the *original* x after every step: clamping around the last "
        "iterate lets the perturbation grow by eps at each step.")  # fmt: skip
def pgd_projects_onto_the_step(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1,
                               generator=None):
    return _pgd(model, x, y, eps, alpha, steps, random_start, loss, restarts, generator, project="step")


@mutant("pgd_linf", "Project back into the eps-ball after every step (project_linf(x_adv, x, eps)): steps of "
        "alpha add up to more than eps.")  # fmt: skip
def pgd_never_projects(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    return _pgd(model, x, y, eps, alpha, steps, random_start, loss, restarts, generator, project="none")


@mutant("pgd_linf", "Put the model in eval mode before the attack: in train mode dropout changes the network at "
        "every step.")  # fmt: skip
def pgd_train_mode(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    return _pgd(model, x, y, eps, alpha, steps, random_start, loss, restarts, generator, train=True)


@mutant("pgd_linf", "Keep the best restart *per image*: a restart that fools the model on one image may miss "
        "another, which an earlier restart fooled.")  # fmt: skip
def pgd_last_restart(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    return _pgd(model, x, y, eps, alpha, steps, random_start, loss, restarts, generator, keep="last")


@mutant("pgd_linf", "Choose among restarts image by image, not by the batch's mean loss: each image keeps the "
        "restart that fools the model on it, or else the one with its largest loss.")  # fmt: skip
def pgd_batch_restart(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    return _pgd(model, x, y, eps, alpha, steps, random_start, loss, restarts, generator, keep="batch mean")


@mutant("pgd_linf", "Use the loss the caller names: loss='cw' is cw_margin_loss of the logits, not the "
        "cross-entropy.")  # fmt: skip
def pgd_always_ce(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    return _pgd(model, x, y, eps, alpha, steps, random_start, "ce", restarts, generator)


@mutant("pgd_linf", "Draw the random start with the generator you are given, once per restart: x + eps * (2 * "
        "torch.rand(x.shape, generator=generator) - 1), clipped into [0, 1].")  # fmt: skip
def pgd_unseeded_start(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    return _pgd(model, x, y, eps, alpha, steps, random_start, loss, restarts, None)


# --- adversarial_training_epoch -----------------------------------------------------------------------------------


def _epoch(model, optimizer, images, labels, attack, batch_size, generator=None, *, attack_mode="eval",
           update_mode="train", zero=True, on="attacked", result="mean", shuffle=True):  # fmt: skip
    order = torch.randperm(len(images), generator=generator) if shuffle else torch.arange(len(images))
    losses, sizes = [], []
    for batch in order.split(batch_size):
        x, y = images[batch], labels[batch]
        model.train(attack_mode == "train")
        x_adv = attack(model, x, y).detach()
        model.train(update_mode == "train")
        loss = F.cross_entropy(model(x_adv if on == "attacked" else x), y)
        if zero:
            optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        sizes.append(len(batch))
    if result == "last":
        return losses[-1]
    if result == "unweighted":
        return sum(losses) / len(losses)
    return sum(v * n for v, n in zip(losses, sizes, strict=True)) / len(images)


@mutant("adversarial_training_epoch", "Attack in eval mode (model.eval() before attack(...)): the attack must see "
        "the network as it will be used, with no dropout and batch norm on its running statistics.")  # fmt: skip
def epoch_attacks_in_train_mode(model, optimizer, images, labels, attack, batch_size, generator=None):
    return _epoch(model, optimizer, images, labels, attack, batch_size, generator, attack_mode="train")


@mutant("adversarial_training_epoch", "Switch back to train mode (model.train()) after the attack, before the "
        "update: in eval mode dropout is off and batch norm never learns the batch's statistics.")  # fmt: skip
def epoch_updates_in_eval_mode(model, optimizer, images, labels, attack, batch_size, generator=None):
    return _epoch(model, optimizer, images, labels, attack, batch_size, generator, update_mode="eval")


@mutant("adversarial_training_epoch", "Zero the gradients before each backward pass (optimizer.zero_grad()): "
        "otherwise every step adds the gradients of all the batches before it.")  # fmt: skip
def epoch_never_zeroes(model, optimizer, images, labels, attack, batch_size, generator=None):
    return _epoch(model, optimizer, images, labels, attack, batch_size, generator, zero=False)


@mutant("adversarial_training_epoch", "Train on the *attacked* batch, attack(model, x, y): the loss of the clean "
        "images is ordinary training.")  # fmt: skip
def epoch_trains_on_clean(model, optimizer, images, labels, attack, batch_size, generator=None):
    return _epoch(model, optimizer, images, labels, attack, batch_size, generator, on="clean")


@mutant("adversarial_training_epoch", "Return the mean loss of the whole epoch, not the last batch's.")
def epoch_last_loss(model, optimizer, images, labels, attack, batch_size, generator=None):
    return _epoch(model, optimizer, images, labels, attack, batch_size, generator, result="last")


@mutant("adversarial_training_epoch", "Weight each batch's mean loss by its size: the last batch may be smaller, "
        "and the mean is per example.")  # fmt: skip
def epoch_unweighted_mean(model, optimizer, images, labels, attack, batch_size, generator=None):
    return _epoch(model, optimizer, images, labels, attack, batch_size, generator, result="unweighted")


@mutant("adversarial_training_epoch", "Visit the examples in a shuffled order, torch.randperm(len(images), "
        "generator=generator), split into batches of batch_size.")  # fmt: skip
def epoch_in_order(model, optimizer, images, labels, attack, batch_size, generator=None):
    return _epoch(model, optimizer, images, labels, attack, batch_size, generator, shuffle=False)


# --- robust_accuracy ----------------------------------------------------------------------------------------------


def _correct(model, x, y):
    with torch.no_grad():
        return model(x).argmax(dim=1) == y


def _robust(model, x, y, attacks, *, worst="per image", with_clean=True, eval_mode=True, on_attacked=True):
    model.train(not eval_mode)
    clean = _correct(model, x, y)
    result, robust = {"clean": clean.float().mean().item()}, clean.clone() if with_clean else torch.ones_like(clean)
    for name, attack in attacks.items():
        x_adv = attack(model, x, y)
        model.train(not eval_mode)
        correct = _correct(model, x_adv if on_attacked else x, y)
        result[name] = correct.float().mean().item()
        robust &= correct
    per_attack = [v for k, v in result.items() if k != "clean"]
    if worst == "min of means":
        result["worst case"] = min([result["clean"], *per_attack])
    elif worst == "mean":
        result["worst case"] = sum(per_attack) / len(per_attack) if per_attack else result["clean"]
    else:
        result["worst case"] = robust.float().mean().item()
    return result


@mutant("robust_accuracy", "The worst case is taken image by image: an image counts only if the model is right on "
        "it clean and under every attack. The lowest of the accuracies misses images that one attack breaks and "
        "another does not.")  # fmt: skip
def robust_min_of_means(model, x, y, attacks):
    return _robust(model, x, y, attacks, worst="min of means")


@mutant("robust_accuracy", "The worst case is not an average over the attacks: an image counts only if the model "
        "resists every one of them.")  # fmt: skip
def robust_mean_of_attacks(model, x, y, attacks):
    return _robust(model, x, y, attacks, worst="mean")


@mutant("robust_accuracy", "Start the worst case from the clean predictions: an image the model gets wrong without "
        "any attack is not robust.")  # fmt: skip
def robust_without_clean(model, x, y, attacks):
    return _robust(model, x, y, attacks, with_clean=False)


@mutant("robust_accuracy", "Put the model in eval mode (model.eval()) before predicting: in train mode dropout "
        "changes its predictions.")  # fmt: skip
def robust_train_mode(model, x, y, attacks):
    return _robust(model, x, y, attacks, eval_mode=False)


@mutant("robust_accuracy", "Each attack's accuracy is measured on the images it returns, attack(model, x, y), not "
        "on x.")  # fmt: skip
def robust_on_clean(model, x, y, attacks):
    return _robust(model, x, y, attacks, on_attacked=False)
