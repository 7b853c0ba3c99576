"""dlspec.nn.adversarial: the attacks keep their promises (the eps-ball, [0, 1], the model untouched), FGSM is the
analytic step on a linear model, PGD with restarts keeps each image's best restart, and the worst case is taken
image by image."""

import itertools

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.nn.adversarial import (
    SmallCNN,
    adversarial_training_epoch,
    cw_margin_loss,
    fgsm,
    pgd_linf,
    project_linf,
    robust_accuracy,
    square_attack,
)

torch.set_num_threads(1)


def linear(seed: int = 0, n_in: int = 784) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(n_in, 10))


def images(m: int = 8, seed: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return torch.rand((m, 1, 28, 28), generator=g), torch.randint(0, 10, (m,), generator=g)


def test_small_cnn_takes_mnist_images_and_has_under_a_million_weights():
    model = SmallCNN()
    assert model(torch.zeros(3, 1, 28, 28)).shape == (3, 10)
    assert sum(p.numel() for p in model.parameters()) == 80_202


def test_fgsm_on_a_linear_softmax_model_is_the_analytic_step():
    model, (x, y) = linear(), images()
    W, b = model[1].weight, model[1].bias
    with torch.no_grad():
        p = torch.softmax(x.flatten(1) @ W.T + b, dim=1)
        grad = (p - F.one_hot(y, 10)) @ W  # d CE / d x for softmax regression
    expected = torch.clamp(x + 0.1 * grad.sign().reshape(x.shape), 0, 1)
    torch.testing.assert_close(fgsm(model, x, y, 0.1), expected)


def test_project_linf_lands_in_the_ball_and_in_the_pixel_range_and_is_idempotent():
    x, _ = images()
    far = x + 2 * torch.randn(x.shape, generator=torch.Generator().manual_seed(3))
    p = project_linf(far, x, 0.2)
    assert (p - x).abs().max() <= 0.2 + 1e-6 and p.min() >= 0 and p.max() <= 1
    torch.testing.assert_close(project_linf(p, x, 0.2), p)
    inside = torch.clamp(x + 0.05, 0, 1)
    torch.testing.assert_close(project_linf(inside, x, 0.2), inside)  # a point of the ball stays where it is


def test_cw_margin_loss_by_hand():
    logits = torch.tensor([[2.0, 1.0, -1.0], [0.5, 3.0, 0.0], [1.0, 1.0, 1.0]])
    got = cw_margin_loss(logits, torch.tensor([0, 0, 2]))
    torch.testing.assert_close(got, torch.tensor([-1.0, 2.5, 0.0]))


@pytest.mark.parametrize("attack", ["fgsm", "pgd", "pgd-cw", "square"])
def test_attacks_stay_in_the_ball_and_leave_the_model_as_they_found_it(attack):
    torch.manual_seed(0)
    model = nn.Sequential(SmallCNN(), nn.Dropout(0.5))  # dropout: train mode would show
    model.train()
    x, y = images(6)
    before = [p.detach().clone() for p in model.parameters()]
    g = torch.Generator().manual_seed(0)
    run = {"fgsm": lambda: fgsm(model, x, y, 0.3), "pgd": lambda: pgd_linf(model, x, y, 0.3, 0.05, 5, generator=g),
           "pgd-cw": lambda: pgd_linf(model, x, y, 0.3, 0.05, 5, loss="cw", restarts=2, generator=g),
           "square": lambda: square_attack(model, x, y, 0.3, 20, generator=g)}[attack]  # fmt: skip
    x_adv = run()
    assert (x_adv - x).abs().max() <= 0.3 + 1e-6 and x_adv.min() >= 0 and x_adv.max() <= 1
    assert model.training and all(p.grad is None for p in model.parameters())
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))


def test_pgd_without_random_start_raises_the_loss_at_every_step_on_a_linear_model():
    model, (x, y) = linear(2), images(16)
    losses = [F.cross_entropy(model(pgd_linf(model, x, y, 0.1, 0.01, k, random_start=False)), y).item()
              for k in range(6)]  # fmt: skip
    assert all(b > a for a, b in itertools.pairwise(losses)), losses


def test_restarts_keep_each_images_best_restart():
    torch.manual_seed(0)
    model, (x, y) = SmallCNN(), images(32)
    g = torch.Generator().manual_seed(7)  # three calls in a row draw the three restarts' random starts
    singles = [pgd_linf(model, x, y, 0.05, 0.02, 2, loss="cw", generator=g) for _ in range(3)]
    joint = pgd_linf(model, x, y, 0.05, 0.02, 2, loss="cw", restarts=3, generator=torch.Generator().manual_seed(7))
    with torch.no_grad():
        margins = torch.stack([cw_margin_loss(model(s), y) for s in singles])
        torch.testing.assert_close(cw_margin_loss(model(joint), y), margins.max(dim=0).values)


def test_robust_accuracy_takes_the_worst_case_image_by_image():
    model, (x, y) = linear(4), images(20)
    with torch.no_grad():
        y = model(x).argmax(dim=1)  # every image right when clean
    half, other = torch.arange(20) < 10, torch.arange(20) >= 10

    def breaks(mask: torch.Tensor):
        def attack(model, x, y):
            x_adv = x.clone()
            x_adv[mask] = x[torch.roll(torch.arange(len(x)), 1)][mask]  # a neighbour's image: mostly another class
            return x_adv
        return attack

    result = robust_accuracy(model, x, y, {"a": breaks(half), "b": breaks(other)})
    assert result["clean"] == 1.0
    assert result["worst case"] <= min(result["a"], result["b"])
    with torch.no_grad():
        wrong_a = model(breaks(half)(model, x, y)).argmax(1) != y
        wrong_b = model(breaks(other)(model, x, y)).argmax(1) != y
    assert result["worst case"] == pytest.approx(1 - (wrong_a | wrong_b).float().mean().item())
    assert list(result) == ["clean", "a", "b", "worst case"]


def test_the_standard_trained_model_falls_to_pgd_and_an_epoch_of_adversarial_training_returns_its_mean_loss():
    torch.manual_seed(0)
    x, y = images(64, seed=5)
    model = nn.Sequential(SmallCNN(), nn.Dropout(0.2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    modes = []

    def attack(model, x, y):
        modes.append(model.training)
        return fgsm(model, x, y, 0.1)

    loss = adversarial_training_epoch(model, optimizer, x, y, attack, 16, torch.Generator().manual_seed(0))
    assert modes == [False] * 4 and model.training
    assert 1.5 < loss < 3.5  # about ln 10 for an untrained model
