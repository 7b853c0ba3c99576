"""C6W4A1, adversarial attacks and defences, as learners write it (written from the blank notebook only)."""

import numpy as np
import torch
import torch.nn.functional as F

from . import correct, mistake

# ruff: noqa: F821 (the notebook's other graded functions)

# --- project_linf -----------------------------------------------------------------------------------------------


@correct("project_linf")
def project_by_min_max(x_adv, x, eps):
    return torch.clamp(torch.min(torch.max(x_adv, x - eps), x + eps), 0, 1)


@correct("project_linf")
def project_the_perturbation(x_adv, x, eps):
    delta = torch.clamp(x_adv - x, -eps, eps)
    return (x + delta).clamp(0.0, 1.0)


@mistake("project_linf")
def project_no_pixel_range(x_adv, x, eps):
    return x + torch.clamp(x_adv - x, -eps, eps)


@mistake("project_linf")
def project_to_the_corners(x_adv, x, eps):
    return torch.clamp(x + eps * torch.sign(x_adv - x), 0, 1)


@mistake("project_linf")
def project_one_sided(x_adv, x, eps):
    return torch.clamp(x + torch.clamp(x_adv - x, 0, eps), 0, 1)


# --- fgsm -------------------------------------------------------------------------------------------------------


@correct("fgsm")
def fgsm_with_autograd_grad(model, x, y, eps):
    was_training = model.training
    model.eval()
    x_adv = x.clone().detach().requires_grad_(True)
    loss = F.cross_entropy(model(x_adv), y)
    (grad,) = torch.autograd.grad(loss, x_adv)
    model.train(was_training)
    return torch.clamp(x + eps * grad.sign(), 0, 1).detach()


@correct("fgsm")
def fgsm_summed_loss(model, x, y, eps):
    mode = model.training
    model.eval()
    try:
        images = x.detach().clone()
        images.requires_grad = True
        loss = F.cross_entropy(model(images), y, reduction="sum")  # the same sign as the mean's gradient
        gradient = torch.autograd.grad(loss, [images])[0]
    finally:
        model.train(mode)
    with torch.no_grad():
        return (x + eps * torch.sign(gradient)).clamp(0, 1)


@mistake("fgsm")
def fgsm_descends(model, x, y, eps):
    was_training = model.training
    model.eval()
    x_adv = x.clone().detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)
    model.train(was_training)
    return torch.clamp(x - eps * grad.sign(), 0, 1).detach()


@mistake("fgsm")
def fgsm_no_clip(model, x, y, eps):
    was_training = model.training
    model.eval()
    x_adv = x.clone().detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)
    model.train(was_training)
    return (x + eps * grad.sign()).detach()


@mistake("fgsm")
def fgsm_raw_gradient(model, x, y, eps):
    was_training = model.training
    model.eval()
    x_adv = x.clone().detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)
    model.train(was_training)
    return torch.clamp(x + eps * grad, 0, 1).detach()


@mistake("fgsm")
def fgsm_backward(model, x, y, eps):
    was_training = model.training
    model.eval()
    x_adv = x.clone().detach().requires_grad_(True)
    F.cross_entropy(model(x_adv), y).backward()  # fills the parameters' .grad too
    model.train(was_training)
    return torch.clamp(x + eps * x_adv.grad.sign(), 0, 1).detach()


@mistake("fgsm")
def fgsm_train_mode(model, x, y, eps):
    x_adv = x.clone().detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)
    return torch.clamp(x + eps * grad.sign(), 0, 1).detach()


@mistake("fgsm")
def fgsm_stays_in_eval(model, x, y, eps):
    model.eval()
    x_adv = x.clone().detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)
    return torch.clamp(x + eps * grad.sign(), 0, 1).detach()


# --- cw_margin_loss ---------------------------------------------------------------------------------------------


@correct("cw_margin_loss")
def margin_by_masking(logits, y):
    true = logits.gather(1, y[:, None]).squeeze(1)
    is_true = F.one_hot(y, logits.shape[1]).bool()
    best_wrong = logits.masked_fill(is_true, float("-inf")).max(dim=1).values
    return best_wrong - true


@correct("cw_margin_loss")
def margin_by_top_two(logits, y):
    top = logits.topk(2, dim=1)
    first_is_true = top.indices[:, 0] == y
    best_wrong = torch.where(first_is_true, top.values[:, 1], top.values[:, 0])
    return best_wrong - logits[torch.arange(len(y)), y]


@mistake("cw_margin_loss")
def margin_reversed(logits, y):
    true = logits.gather(1, y[:, None]).squeeze(1)
    best_wrong = logits.masked_fill(F.one_hot(y, logits.shape[1]).bool(), float("-inf")).max(dim=1).values
    return true - best_wrong


@mistake("cw_margin_loss")
def margin_true_class_not_left_out(logits, y):
    return logits.max(dim=1).values - logits[torch.arange(len(y)), y]


@mistake("cw_margin_loss")
def margin_clipped_at_zero(logits, y):
    true = logits.gather(1, y[:, None]).squeeze(1)
    best_wrong = logits.masked_fill(F.one_hot(y, logits.shape[1]).bool(), float("-inf")).max(dim=1).values
    return torch.clamp(best_wrong - true, min=0)


@mistake("cw_margin_loss")
def margin_true_logit_zeroed(logits, y):
    true = logits[torch.arange(len(y)), y]
    others = logits * (1 - F.one_hot(y, logits.shape[1]))  # 0, not -inf: wins when every wrong logit is negative
    return others.max(dim=1).values - true


@mistake("cw_margin_loss")
def margin_summed(logits, y):
    true = logits.gather(1, y[:, None]).squeeze(1)
    best_wrong = logits.masked_fill(F.one_hot(y, logits.shape[1]).bool(), float("-inf")).max(dim=1).values
    return (best_wrong - true).sum()


# --- pgd_linf ---------------------------------------------------------------------------------------------------


@correct("pgd_linf")
def pgd_as_described(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    def objective(logits):
        if loss == "ce":
            return F.cross_entropy(logits, y, reduction="none")
        return cw_margin_loss(logits, y)

    was_training = model.training
    model.eval()
    best, best_fooled, best_loss = None, None, None
    for _ in range(restarts):
        if random_start:
            x_adv = torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1)
        else:
            x_adv = x.clone()
        for _ in range(steps):
            x_adv = x_adv.detach().requires_grad_(True)
            (grad,) = torch.autograd.grad(objective(model(x_adv)).sum(), x_adv)
            x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x, eps)
        x_adv = x_adv.detach()
        with torch.no_grad():
            logits = model(x_adv)
            fooled = logits.argmax(dim=1) != y
            value = objective(logits)
        if best is None:
            best, best_fooled, best_loss = x_adv, fooled, value
        else:
            better = (fooled & ~best_fooled) | ((fooled == best_fooled) & (value > best_loss))
            best = torch.where(better.view(-1, *[1] * (x.dim() - 1)), x_adv, best)
            best_fooled = torch.where(better, fooled, best_fooled)
            best_loss = torch.where(better, value, best_loss)
    model.train(was_training)
    return best


@correct("pgd_linf")
def pgd_on_delta_with_mean_loss(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1,
                                generator=None):
    # the mean's gradient has the sum's signs; the restarts kept image by image with index assignment
    mode = model.training
    model.eval()
    kept = x.clone()
    kept_score = torch.full((len(x),), float("-inf"))
    kept_fooled = torch.zeros(len(x), dtype=torch.bool)
    for restart in range(restarts):
        start = x.clone()
        if random_start:
            start = torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1)
        adv = start
        for _ in range(steps):
            adv.requires_grad_(True)
            logits = model(adv)
            objective = F.cross_entropy(logits, y) if loss == "ce" else cw_margin_loss(logits, y).mean()
            g = torch.autograd.grad(objective, adv)[0]
            with torch.no_grad():
                adv = torch.max(torch.min(adv + alpha * torch.sign(g), x + eps), x - eps).clamp(0, 1)
        with torch.no_grad():
            logits = model(adv)
            fooled = logits.argmax(1) != y
            score = F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)
            if restart == 0:
                take = torch.ones(len(x), dtype=torch.bool)
            else:
                take = (fooled & ~kept_fooled) | ((fooled == kept_fooled) & (score > kept_score))
            kept[take] = adv[take]
            kept_score[take] = score[take]
            kept_fooled[take] = fooled[take]
    model.train(mode)
    return kept


@mistake("pgd_linf")
def pgd_projects_around_the_last_step(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1,
                                      generator=None):
    def objective(logits):
        return F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)

    was_training = model.training
    model.eval()
    best, best_fooled, best_loss = None, None, None
    for _ in range(restarts):
        x_adv = torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1) if random_start \
            else x.clone()
        for _ in range(steps):
            x_adv = x_adv.detach().requires_grad_(True)
            (grad,) = torch.autograd.grad(objective(model(x_adv)).sum(), x_adv)
            x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x_adv.detach(), eps)  # around the last step
        x_adv = x_adv.detach()
        with torch.no_grad():
            logits = model(x_adv)
            fooled, value = logits.argmax(1) != y, objective(logits)
        if best is None:
            best, best_fooled, best_loss = x_adv, fooled, value
        else:
            better = (fooled & ~best_fooled) | ((fooled == best_fooled) & (value > best_loss))
            best = torch.where(better.view(-1, *[1] * (x.dim() - 1)), x_adv, best)
            best_fooled, best_loss = torch.where(better, fooled, best_fooled), torch.where(better, value, best_loss)
    model.train(was_training)
    return best


@mistake("pgd_linf")
def pgd_without_sign(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1, generator=None):
    def objective(logits):
        return F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)

    was_training = model.training
    model.eval()
    best, best_fooled, best_loss = None, None, None
    for _ in range(restarts):
        x_adv = torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1) if random_start \
            else x.clone()
        for _ in range(steps):
            x_adv = x_adv.detach().requires_grad_(True)
            (grad,) = torch.autograd.grad(objective(model(x_adv)).sum(), x_adv)
            x_adv = project_linf(x_adv.detach() + alpha * grad, x, eps)  # the raw gradient
        x_adv = x_adv.detach()
        with torch.no_grad():
            logits = model(x_adv)
            fooled, value = logits.argmax(1) != y, objective(logits)
        if best is None:
            best, best_fooled, best_loss = x_adv, fooled, value
        else:
            better = (fooled & ~best_fooled) | ((fooled == best_fooled) & (value > best_loss))
            best = torch.where(better.view(-1, *[1] * (x.dim() - 1)), x_adv, best)
            best_fooled, best_loss = torch.where(better, fooled, best_fooled), torch.where(better, value, best_loss)
    model.train(was_training)
    return best


@mistake("pgd_linf")
def pgd_start_not_from_the_generator(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1,
                                     generator=None):
    def objective(logits):
        return F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)

    was_training = model.training
    model.eval()
    best, best_fooled, best_loss = None, None, None
    for _ in range(restarts):
        x_adv = torch.clamp(x + eps * (2 * torch.rand_like(x) - 1), 0, 1) if random_start else x.clone()
        for _ in range(steps):
            x_adv = x_adv.detach().requires_grad_(True)
            (grad,) = torch.autograd.grad(objective(model(x_adv)).sum(), x_adv)
            x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x, eps)
        x_adv = x_adv.detach()
        with torch.no_grad():
            logits = model(x_adv)
            fooled, value = logits.argmax(1) != y, objective(logits)
        if best is None:
            best, best_fooled, best_loss = x_adv, fooled, value
        else:
            better = (fooled & ~best_fooled) | ((fooled == best_fooled) & (value > best_loss))
            best = torch.where(better.view(-1, *[1] * (x.dim() - 1)), x_adv, best)
            best_fooled, best_loss = torch.where(better, fooled, best_fooled), torch.where(better, value, best_loss)
    model.train(was_training)
    return best


@mistake("pgd_linf")
def pgd_best_restart_for_the_batch(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1,
                                   generator=None):
    def objective(logits):
        return F.cross_entropy(logits, y, reduction="none") if loss == "ce" else cw_margin_loss(logits, y)

    was_training = model.training
    model.eval()
    best, best_total = None, None
    for _ in range(restarts):
        x_adv = torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1) if random_start \
            else x.clone()
        for _ in range(steps):
            x_adv = x_adv.detach().requires_grad_(True)
            (grad,) = torch.autograd.grad(objective(model(x_adv)).sum(), x_adv)
            x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x, eps)
        x_adv = x_adv.detach()
        with torch.no_grad():
            total = objective(model(x_adv)).sum()  # one restart for the whole batch
        if best is None or total > best_total:
            best, best_total = x_adv, total
    model.train(was_training)
    return best


@mistake("pgd_linf")
def pgd_always_cross_entropy(model, x, y, eps, alpha, steps, random_start=True, loss="ce", restarts=1,
                             generator=None):
    was_training = model.training
    model.eval()
    best, best_fooled, best_loss = None, None, None
    for _ in range(restarts):
        x_adv = torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1) if random_start \
            else x.clone()
        for _ in range(steps):
            x_adv = x_adv.detach().requires_grad_(True)
            (grad,) = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)  # loss="cw" ignored
            x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x, eps)
        x_adv = x_adv.detach()
        with torch.no_grad():
            logits = model(x_adv)
            fooled, value = logits.argmax(1) != y, F.cross_entropy(logits, y, reduction="none")
        if best is None:
            best, best_fooled, best_loss = x_adv, fooled, value
        else:
            better = (fooled & ~best_fooled) | ((fooled == best_fooled) & (value > best_loss))
            best = torch.where(better.view(-1, *[1] * (x.dim() - 1)), x_adv, best)
            best_fooled, best_loss = torch.where(better, fooled, best_fooled), torch.where(better, value, best_loss)
    model.train(was_training)
    return best


# --- robust_accuracy --------------------------------------------------------------------------------------------


@correct("robust_accuracy")
def accuracy_running_mask(model, x, y, attacks):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        right = model(x).argmax(dim=1) == y
    result = {"clean": right.float().mean().item()}
    every = right.clone()
    for name, attack in attacks.items():
        x_adv = attack(model, x, y)
        model.eval()
        with torch.no_grad():
            ok = model(x_adv).argmax(dim=1) == y
        result[name] = ok.float().mean().item()
        every &= ok
    result["worst case"] = every.float().mean().item()
    model.train(was_training)
    return result


@correct("robust_accuracy")
def accuracy_stacked(model, x, y, attacks):
    model.eval()

    def right(images):
        with torch.no_grad():
            return (model(images).argmax(1) == y).numpy()

    columns = {"clean": right(x)}
    for name, attack in attacks.items():
        columns[name] = right(attack(model, x, y))
    table = np.stack(list(columns.values()))
    scores = {name: float(column.mean()) for name, column in columns.items()}
    scores["worst case"] = float(table.all(axis=0).mean())
    return scores


@mistake("robust_accuracy")
def accuracy_attacks_without_gradients(model, x, y, attacks):
    model.eval()
    result = {}
    with torch.no_grad():  # the attacks need gradients
        every = model(x).argmax(1) == y
        result["clean"] = every.float().mean().item()
        for name, attack in attacks.items():
            ok = model(attack(model, x, y)).argmax(1) == y
            result[name] = ok.float().mean().item()
            every = every & ok
    result["worst case"] = every.float().mean().item()
    return result


@mistake("robust_accuracy")
def accuracy_worst_is_the_lowest(model, x, y, attacks):
    model.eval()
    with torch.no_grad():
        result = {"clean": (model(x).argmax(1) == y).float().mean().item()}
    for name, attack in attacks.items():
        x_adv = attack(model, x, y)
        with torch.no_grad():
            result[name] = (model(x_adv).argmax(1) == y).float().mean().item()
    result["worst case"] = min(result.values())
    return result


@mistake("robust_accuracy")
def accuracy_worst_case_forgets_clean(model, x, y, attacks):
    model.eval()
    with torch.no_grad():
        result = {"clean": (model(x).argmax(1) == y).float().mean().item()}
    every = torch.ones(len(y), dtype=torch.bool)
    for name, attack in attacks.items():
        x_adv = attack(model, x, y)
        with torch.no_grad():
            ok = model(x_adv).argmax(1) == y
        result[name] = ok.float().mean().item()
        every &= ok
    result["worst case"] = every.float().mean().item()
    return result


@mistake("robust_accuracy")
def accuracy_in_train_mode(model, x, y, attacks):
    with torch.no_grad():
        every = model(x).argmax(1) == y
    result = {"clean": every.float().mean().item()}
    for name, attack in attacks.items():
        x_adv = attack(model, x, y)
        model.train()  # the attacks leave it as they found it; this puts it in train mode
        with torch.no_grad():
            ok = model(x_adv).argmax(1) == y
        result[name] = ok.float().mean().item()
        every &= ok
    result["worst case"] = every.float().mean().item()
    return result


# --- adversarial_training_epoch ---------------------------------------------------------------------------------


@correct("adversarial_training_epoch")
def epoch_by_slices(model, optimizer, images, labels, attack, batch_size, generator=None):
    order = torch.randperm(len(images), generator=generator)
    total = 0.0
    for start in range(0, len(images), batch_size):
        idx = order[start:start + batch_size]
        x, y = images[idx], labels[idx]
        model.eval()
        x_adv = attack(model, x, y)
        model.train()
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x_adv), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    return total / len(images)


@correct("adversarial_training_epoch")
def epoch_by_split(model, optimizer, images, labels, attack, batch_size, generator=None):
    losses, sizes = [], []
    for idx in torch.split(torch.randperm(images.shape[0], generator=generator), batch_size):
        model.eval()
        x_adv = attack(model, images[idx], labels[idx]).detach()
        model.train()
        loss = F.cross_entropy(model(x_adv), labels[idx], reduction="sum") / len(idx)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
        sizes.append(len(idx))
    return float(np.average(losses, weights=sizes))


@mistake("adversarial_training_epoch")
def epoch_mean_of_batch_means(model, optimizer, images, labels, attack, batch_size, generator=None):
    order = torch.randperm(len(images), generator=generator)
    losses = []
    for start in range(0, len(images), batch_size):
        idx = order[start:start + batch_size]
        model.eval()
        x_adv = attack(model, images[idx], labels[idx])
        model.train()
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x_adv), labels[idx])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)


@mistake("adversarial_training_epoch")
def epoch_on_clean_images(model, optimizer, images, labels, attack, batch_size, generator=None):
    order = torch.randperm(len(images), generator=generator)
    total = 0.0
    for start in range(0, len(images), batch_size):
        idx = order[start:start + batch_size]
        x, y = images[idx], labels[idx]
        model.eval()
        attack(model, x, y)
        model.train()
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)  # the clean batch, not the attacked one
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    return total / len(images)


@mistake("adversarial_training_epoch")
def epoch_attacks_in_train_mode(model, optimizer, images, labels, attack, batch_size, generator=None):
    order = torch.randperm(len(images), generator=generator)
    total = 0.0
    model.train()
    for start in range(0, len(images), batch_size):
        idx = order[start:start + batch_size]
        x_adv = attack(model, images[idx], labels[idx])
        model.train()
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x_adv), labels[idx])
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    return total / len(images)


@mistake("adversarial_training_epoch")
def epoch_in_order(model, optimizer, images, labels, attack, batch_size, generator=None):
    total = 0.0
    for start in range(0, len(images), batch_size):
        x, y = images[start:start + batch_size], labels[start:start + batch_size]
        model.eval()
        x_adv = attack(model, x, y)
        model.train()
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x_adv), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(x)
    return total / len(images)


@mistake("adversarial_training_epoch")
def epoch_gradients_pile_up(model, optimizer, images, labels, attack, batch_size, generator=None):
    order = torch.randperm(len(images), generator=generator)
    total = 0.0
    for start in range(0, len(images), batch_size):
        idx = order[start:start + batch_size]
        model.eval()
        x_adv = attack(model, images[idx], labels[idx])
        model.train()
        loss = F.cross_entropy(model(x_adv), labels[idx])
        loss.backward()  # no zero_grad: each step adds the earlier batches' gradients
        optimizer.step()
        total += loss.item() * len(idx)
    return total / len(images)
