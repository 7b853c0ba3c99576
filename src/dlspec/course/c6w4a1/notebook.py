# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Adversarial attacks and defences
#
# A network that reads handwritten digits almost perfectly can be made to read almost every one of them wrong by
# changes a person barely notices: each pixel nudged up or down by a small amount, chosen with the network's own
# gradient. Such inputs are **adversarial examples** (Szegedy et al. 2014; Goodfellow et al. 2015). They matter
# wherever someone gains from a wrong answer, and they say something unsettling about what a network has learned.
#
# The rules of the game here are those of the MNIST adversarial challenge (Madry et al. 2018): an attacker may
# change every pixel of a digit by at most $\varepsilon = 0.3$ (pixels run from 0 to 1), so the attacked image
# $x'$ lies in the **$L_\infty$ ball** $\{x' : \max_i |x'_i - x_i| \le \varepsilon\}$ and in $[0, 1]$. A model is
# as good as its **robust accuracy**: the share of test digits it still gets right against the strongest attack
# we can find, image by image.
#
# You will build, in PyTorch:
#
# 1. `project_linf`: back into the ball and the pixel range;
# 2. `fgsm`: the one-step attack;
# 3. `cw_margin_loss`: a loss that keeps pushing when the cross-entropy gives up;
# 4. `pgd_linf`: many projected steps, random starts and restarts;
# 5. `robust_accuracy`: the per-image worst case over a battery of attacks;
# 6. `adversarial_training_epoch`: training on attacked batches, the defence that works;
#
# then meet three trained networks, one of which **looks** robust and is not. Stuck? `dlspec hint c6w4a1 <name>`
# gives a ladder of hints.

# %%
import time
from collections.abc import Callable  # noqa: F401 (the graded functions' annotations name it)

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.data.mnist import load_mnist
from dlspec.data.pretrained import robust_mnist_cnn
from dlspec.nn.adversarial import SmallCNN, square_attack
from dlspec.notebook import checker, quick

check = checker("c6w4a1")
torch.set_num_threads(1)  # small convolutions: one thread is as fast as two that wait for each other
_ = torch.manual_seed(0)
EPS = 0.3

# %% [markdown]
# ## 1. The digits and three trained networks
#
# MNIST's handwritten digits, 28×28 grey pixels: dlspec ships 10,000 real ones (8,000 for training, 2,000 for
# testing), a sixth of the full set, so the accuracies here are a little lower than published ones.
#
# Three networks of the same architecture (`SmallCNN`: two 5×5 convolutions of 16 and 32 filters, each followed by
# a ReLU and 2×2 max pooling, then 128 units and 10 logits; 80,202 weights) were trained by
# `python -m dlspec.data.train_robust`, and their weights ship with dlspec:
#
# * **standard**: 5 epochs on the clean digits;
# * **fast-fgsm**: 12 epochs on digits attacked by FGSM from a random start with a large step, "fast"
#   adversarial training (Wong et al. 2020);
# * **pgd**: 12 epochs on digits attacked by PGD (Madry et al. 2018), 4 to 8 times the cost of the others.

# %%
_, _, test_images, test_labels = load_mnist()
N = quick(300, 24)  # test digits for the table (the full notebook takes two to three minutes on two cores)
X = torch.tensor(test_images[:N, None], dtype=torch.float32) / 255
Y = torch.tensor(test_labels[:N], dtype=torch.int64)
models = {name: robust_mnist_cnn(name) for name in ("standard", "fast-fgsm", "pgd")}
print("X", tuple(X.shape), " Y", tuple(Y.shape))
for name, model in models.items():
    with torch.no_grad():
        print(f"{name:>9}: clean accuracy {(model(X).argmax(1) == Y).float().mean():.1%}")


# %%
def show(rows: dict, labels: list, title: str = "") -> None:
    """A grid of digits: one row per entry of ``rows`` (name -> images (k, 1, 28, 28)), each titled with the
    matching entry of ``labels`` (name -> a list of k strings)."""
    k = len(next(iter(rows.values())))
    fig, axes = plt.subplots(len(rows), k, figsize=(1.3 * k, 1.5 * len(rows)), squeeze=False)
    for r, (name, images) in enumerate(rows.items()):
        for c in range(k):
            ax = axes[r, c]
            picture = images[c, 0].detach().numpy()
            if name.startswith("perturbation"):
                ax.imshow(picture, cmap="RdBu", vmin=-EPS, vmax=EPS)
            else:
                ax.imshow(picture, cmap="gray", vmin=0, vmax=1)
            ax.set_title(labels[name][c] if name in labels else "", fontsize=8)
            ax.set_xticks([])
            ax.set_yticks([])
        axes[r, 0].set_ylabel(name, fontsize=8)
    fig.suptitle(title, fontsize=10)
    plt.tight_layout()
    plt.show()


def predicted(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return model.eval()(x).argmax(dim=1)


# %% [markdown]
# ## 2. The threat model: projecting onto the ball
#
# Every attack below takes steps and then must come back to the allowed set: within $\varepsilon$ of the
# **original** $x$ in every pixel, and inside $[0, 1]$. For the $L_\infty$ ball the nearest allowed point is found
# pixel by pixel, by two clamps:
#
# $$\Pi(x') = \mathrm{clip}_{[0,1]}\big(\mathrm{clip}_{[x - \varepsilon,\, x + \varepsilon]}(x')\big).$$
#
# Both are clamps per pixel, and since $x$ itself lies in $[0, 1]$ the result lies in both sets. (For an $L_2$
# ball one would rescale the whole perturbation instead; not here.)

# %%
# GRADED: project_linf

# %%
check(project_linf)

# %% [markdown]
# ## 3. FGSM: one step along the sign of the gradient
#
# Training lowers the loss by moving the **weights** against its gradient. An attack raises the loss by moving the
# **pixels** along it. Near $x$ the loss is roughly linear, $L(x + \delta) \approx L(x) + \nabla_x L \cdot \delta$,
# and the $\delta$ of the ball that raises this most puts every pixel at $\pm\varepsilon$, the sign of its
# gradient. That is the **fast gradient sign method**:
#
# $$x_{adv} = \mathrm{clip}_{[0,1]}\big(x + \varepsilon\,\mathrm{sign}(\nabla_x L(f(x), y))\big),$$
#
# with $L$ the cross-entropy on the **true** labels $y$. Three rules hold for every attack of this notebook:
#
# * the model is put in **eval mode** (`model.eval()`) while it is attacked, as it will be used (dropout off, batch
#   norm on its running statistics), and put back in the mode it was in (`model.train(was_training)`);
# * the gradient is taken with respect to the **images only**, with `torch.autograd.grad(loss, x_adv)`:
#   `loss.backward()` would also fill the parameters' `.grad`, and an attack must leave the model as it found it;
# * the attacked images are returned as a new tensor; `x` itself is never changed.

# %%
# GRADED: fgsm

# %%
check(fgsm)

# %% [markdown]
# On softmax regression, $p = \mathrm{softmax}(Wx + b)$, the gradient is known in closed form,
# $\nabla_x L = W^T(p - \mathrm{onehot}(y))$, so FGSM can be checked by hand:

# %%
linear = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
with torch.no_grad():
    p = torch.softmax(linear(X[:5]), dim=1)
    by_hand = torch.clamp(X[:5] + 0.1 * ((p - F.one_hot(Y[:5], 10)) @ linear[1].weight).sign().view(5, 1, 28, 28), 0, 1)
print("FGSM equals the closed form:", torch.allclose(fgsm(linear, X[:5], Y[:5], 0.1), by_hand))

# %% [markdown]
# Now the standard network. Top row: test digits and the network's reading; middle: the perturbation FGSM chose
# (red up, blue down, ±0.3 everywhere the pixel could move); bottom: the attacked digits and what the network now
# reads.

# %%
standard = models["standard"]
x8, y8 = X[:8], Y[:8]
x8_adv = fgsm(standard, x8, y8, EPS)
show({"digit": x8, "perturbation": x8_adv - x8, "attacked": x8_adv},
     {"digit": [f"reads {int(k)}" for k in predicted(standard, x8)],
      "attacked": [f"reads {int(k)}" for k in predicted(standard, x8_adv)]},
     "FGSM at eps = 0.3 against the standard network")  # fmt: skip

# %% [markdown]
# ## 4. The margin loss
#
# PGD, next, takes many small steps, and the loss it climbs matters. The cross-entropy flattens out once the true
# class is far behind, and it also rewards making an already-winning wrong class win by more. Carlini and Wagner's
# **margin loss** measures exactly what the attacker wants, per example:
#
# $$\ell_{CW}(z, y) = \max_{j \ne y} z_j - z_y,$$
#
# the best **wrong** logit minus the true one: negative while the model is right, positive once it is wrong. Keep
# the raw margin (no clipping at 0: PGD needs its slope) and return one value per example, shape `(m,)`.

# %%
# GRADED: cw_margin_loss

# %%
check(cw_margin_loss)

# %% [markdown]
# ## 5. PGD: projected gradient ascent, random starts, restarts
#
# **Projected gradient descent** (Madry et al.) repeats a small FGSM step and projects back every time:
#
# $$x^{(t+1)} = \Pi\big(x^{(t)} + \alpha\,\mathrm{sign}(\nabla_x \ell(f(x^{(t)}), y))\big).$$
#
# * Start from $x$, or (`random_start=True`) from a random point of the ball, drawn exactly so:
#   `torch.clamp(x + eps * (2 * torch.rand(x.shape, generator=generator) - 1), 0, 1)`, once per restart. A random
#   start escapes the flat spot some defences leave right at $x$.
# * `loss="ce"` climbs the cross-entropy (`F.cross_entropy(logits, y, reduction="none")`), `loss="cw"` the margin
#   loss; the gradient is that of their **sum** over the batch, so each image's gradient is its own loss's.
# * With `restarts` > 1 the whole attack runs again from new random starts, and **each image keeps its own best
#   result**: the one that fools the model; among two that both do (or both do not), the one with the larger loss
#   (computed, without gradients, on the final images). A later restart replaces the kept one only if strictly
#   better.
# * The model in eval mode, as for FGSM, and gradients with respect to the images only.

# %%
# GRADED: pgd_linf

# %%
check(pgd_linf)

# %% [markdown]
# How the loss climbs, step by step, for four digits (PGD without a random start, step 0.01). Against the standard
# network the cross-entropy barely moves for the first dozen steps (a confident network's loss is flat near the
# digit), then climbs steeply; it bends at step 30, where 30 steps of 0.01 have taken many pixels to the edge of the
# ball (0.3), and only the others can still move. Against the PGD-trained network it rises far less.

# %%
def pgd_curve(model: nn.Module, x: torch.Tensor, y: torch.Tensor, steps: int, alpha: float = 0.01) -> np.ndarray:
    """The cross-entropy of each image after each of ``steps`` PGD steps (no random start): (steps + 1, m)."""
    model.eval()
    x_adv, curve = x.clone(), []
    for _ in range(steps + 1):
        x_adv.requires_grad_(True)
        losses = F.cross_entropy(model(x_adv), y, reduction="none")
        curve.append(losses.detach().numpy())
        (grad,) = torch.autograd.grad(losses.sum(), x_adv)
        x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x, EPS)
    return np.array(curve)


fig, axes = plt.subplots(1, 2, figsize=(10, 3.2), sharey=True)
for ax, name in zip(axes, ["standard", "pgd"], strict=True):
    ax.plot(pgd_curve(models[name], X[:4], Y[:4], quick(40, 5)))
    ax.set_title(f"{name} network")
    ax.set_xlabel("PGD step")
axes[0].set_ylabel("cross-entropy of the true class")
plt.show()

# %% [markdown]
# ## 6. A gradient-free attack: Square
#
# Every attack so far follows the model's gradient. A defence can make gradients useless (flat, noisy, or
# misleading) without making the model any more robust: **gradient masking**. The **Square attack**
# (Andriushchenko et al. 2020) asks only for the model's outputs: from vertical stripes of $\pm\varepsilon$ it
# proposes, again and again, a random square patch of $\pm\varepsilon$ and keeps it if the margin loss grows. It
# is given here (`dlspec.nn.adversarial.square_attack`), not graded: read its source if you like.

# %%
g = torch.Generator().manual_seed(0)
start = time.perf_counter()
x8_square = square_attack(standard, x8, y8, EPS, quick(300, 20), generator=g)
print(f"Square attack, {quick(300, 20)} queries, 8 digits: {time.perf_counter() - start:.1f} s")
show({"digit": x8, "attacked": x8_square}, {"attacked": [f"reads {int(k)}" for k in predicted(standard, x8_square)]},
     "the Square attack against the standard network (no gradients)")

# %% [markdown]
# ## 7. Robust accuracy: the worst case, image by image
#
# One number sums a model up against a **battery** of attacks: the share of images it gets right clean **and**
# under every attack. It must be taken image by image: if FGSM breaks digits 1 to 10 and PGD digits 11 to 20, the
# model resists neither on 20 digits, although each attack alone leaves the other 10 right. The lowest of the
# per-attack accuracies overstates it.
#
# `robust_accuracy(model, x, y, attacks)` takes `attacks` as a dict, name -> `attack(model, x, y)` returning the
# attacked images, and returns a dict of Python floats: `"clean"`, then each attack's accuracy in the order given,
# then `"worst case"`. Predict with the model in eval mode and without gradients.

# %%
# GRADED: robust_accuracy

# %%
check(robust_accuracy)

# %% [markdown]
# The battery: FGSM; PGD-40 (step 0.01, a random start) on the cross-entropy, as in Madry's challenge; PGD on the
# margin loss with restarts; and the Square attack. The three networks against it:

# %%
g = torch.Generator().manual_seed(1)
battery = {
    "FGSM": lambda m, x, y: fgsm(m, x, y, EPS),
    "PGD-40": lambda m, x, y: pgd_linf(m, x, y, EPS, 0.01, quick(40, 3), generator=g),
    "PGD-CW x3": lambda m, x, y: pgd_linf(m, x, y, EPS, 0.03, quick(20, 2), loss="cw", restarts=3, generator=g),
    "Square": lambda m, x, y: square_attack(m, x, y, EPS, quick(300, 10), generator=g),
}
table = {}
for name, model in models.items():
    start = time.perf_counter()
    table[name] = robust_accuracy(model, X, Y, battery)
    print(f"{name}: {time.perf_counter() - start:.0f} s")
columns = list(next(iter(table.values())))
print(f"\n{len(X)} test digits, eps = {EPS}\n{'model':>10} " + " ".join(f"{c:>10}" for c in columns))
for name, row in table.items():
    print(f"{name:>10} " + " ".join(f"{row[c]:>10.1%}" for c in columns))

# %% [markdown]
# ### The trap
#
# Look at the **fast-fgsm** row. Judged by FGSM alone it is a robust model: most digits survive. PGD and the
# Square attack break most of them. Fast adversarial training with a large FGSM step can collapse into
# **catastrophic overfitting** (Wong et al. 2020): the network learns to make the one-step, linear guess of FGSM
# point the wrong way (its loss surface curves sharply within the ball) instead of becoming robust. Several steps
# find what one step misses, and the Square attack, which never reads a gradient, does too.
#
# The lessons are the ones Croce and Hein (2020) drew for published defences: never evaluate a defence with the
# attack it was trained against; use several attacks, including one without gradients; and report the per-image
# worst case. The PGD-trained network is the only one whose worst case is far above zero; its clean accuracy pays
# for it.
#
# ## 8. Adversarial training
#
# Madry et al. framed robustness as a saddle point: train the weights to minimise the loss of the **worst**
# attacked input,
#
# $$\min_\theta\ \mathbb{E}_{(x,y)}\Big[\max_{\|\delta\|_\infty \le \varepsilon} L(f_\theta(x + \delta), y)\Big].$$
#
# The inner maximum is approximated by an attack on each mini-batch, the outer minimum by an optimiser step on
# the attacked batch. One epoch:
#
# * the examples in the order `torch.randperm(len(images), generator=generator)`, split into batches of
#   `batch_size` (the last may be smaller);
# * per batch: `model.eval()`, `x_adv = attack(model, x, y)`; then `model.train()`, zero the gradients, the mean
#   cross-entropy of `model(x_adv)`, backward, `optimizer.step()`;
# * return the epoch's mean loss per example: each batch's loss weighted by its size, a Python float.

# %%
# GRADED: adversarial_training_epoch

# %%
check(adversarial_training_epoch)

# %% [markdown]
# A short run with **your** function: the standard network fine-tuned for three epochs on PGD-3 attacks (step
# 0.1) of 2,000 training digits, then attacked again. Compare the two rows: a little adversarial training already
# moves the robust accuracy off zero, at some cost in clean accuracy; the shipped PGD network had twelve epochs, on
# all 8,000 digits, with PGD-7 after the first two.

# %%
train_images, train_labels, _, _ = load_mnist()
n_train = quick(2000, 64)
X_train = torch.tensor(train_images[:n_train, None], dtype=torch.float32) / 255
Y_train = torch.tensor(train_labels[:n_train], dtype=torch.int64)
student = SmallCNN()
student.load_state_dict(models["standard"].state_dict())
optimizer = torch.optim.Adam(student.parameters(), lr=1e-3)
g = torch.Generator().manual_seed(2)
start = time.perf_counter()
for epoch in range(quick(3, 1)):
    loss = adversarial_training_epoch(student, optimizer, X_train, Y_train,
                                      lambda m, x, y: pgd_linf(m, x, y, EPS, 0.1, quick(3, 1), generator=g), 64, g)
    print(f"epoch {epoch + 1}: mean loss {loss:.3f} ({time.perf_counter() - start:.0f} s so far)")
quick_battery = {"FGSM": battery["FGSM"], "PGD-40": battery["PGD-40"]}
for name, model in [("standard", models["standard"]), ("after fine-tuning", student)]:
    row = robust_accuracy(model, X[:200], Y[:200], quick_battery)
    print(f"{name:>17}: " + ", ".join(f"{k} {v:.1%}" for k, v in row.items()))

# %% [markdown]
# ## 9. How robust, for which eps?
#
# Robustness is promised for one $\varepsilon$. Sweeping it shows how each network degrades (PGD-20, step
# $2.5\varepsilon/20$, a random start, on 200 digits): the standard network falls at small $\varepsilon$; the
# PGD-trained one degrades slowly up to about the $\varepsilon$ it was trained for, and beyond it drops. The
# fast-FGSM network resists small $\varepsilon$ well, then collapses near the very $\varepsilon$ it was trained at.

# %%
sweep = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4]
g = torch.Generator().manual_seed(3)
x_s, y_s = X[:200], Y[:200]
for name, model in models.items():
    accuracies = [(predicted(model, pgd_linf(model, x_s, y_s, e, 2.5 * e / quick(20, 2), quick(20, 2), generator=g))
                   == y_s).float().mean().item() for e in sweep]  # fmt: skip
    plt.plot(sweep, accuracies, marker="o", label=name)
    print(f"{name:>9}: " + ", ".join(f"eps {e}: {a:.0%}" for e, a in zip(sweep, accuracies, strict=True)))
plt.axvline(EPS, color="grey", linestyle=":")
plt.xlabel("eps")
plt.ylabel("accuracy under PGD-20")
plt.legend()
plt.show()

# %% [markdown]
# ## What to remember
#
# * An adversarial example is a small, chosen change of the input: within $\varepsilon$ of it in every pixel
#   ($L_\infty$) and still a valid image. FGSM takes one step along the sign of the input gradient; PGD many,
#   projected back each time, from random starts, with restarts kept image by image.
# * Attacks run the model in eval mode and take the gradient with respect to the images only.
# * Robust accuracy is a per-image worst case over a diverse battery, with a gradient-free attack in it. A defence
#   that resists the attack it was trained on may resist nothing else (fast FGSM's catastrophic overfitting).
# * Adversarial training with PGD works, at several times the cost of training, and costs clean accuracy.
