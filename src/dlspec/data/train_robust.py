"""Train the three MNIST classifiers of the adversarial-robustness notebook (C6W4A1) and write the weights dlspec
ships (``files/robust-mnist-cnns.npz``).

    python -m dlspec.data.train_robust [--only NAME] [--out FILE]

All three are ``dlspec.nn.adversarial.SmallCNN`` (80,202 weights), trained with Adam on the 8,000 training digits of
``dlspec.data.mnist``, batch 64, for eps = 0.3:

* ``standard``: 5 epochs on the clean digits;
* ``fast-fgsm``: 12 epochs of "fast" adversarial training (Wong et al. 2020): FGSM from a random start in the
  eps-ball with a large step (1.25 eps). It learns to resist exactly that attack and nothing else: catastrophic
  overfitting, the classic trap of the notebook (robust to FGSM, not to PGD or the Square attack);
* ``pgd``: 12 epochs of PGD adversarial training (Madry et al. 2018): 2 warm-up epochs on PGD-3 (step 0.1), then
  PGD-7 (step 0.05), each from a random start.

Seeded, one thread (the same bits on the same kind of CPU; on a busy two-core machine one thread is faster than two
that wait for each other): about 10 s, 1 min and 3-4 min. A learner never runs this: the weights are package data
(float16: the accuracies below agree with float32's to a few tenths of a percent). The script prints each model's
clean, FGSM and PGD-40 accuracy on the first 1,000 test digits, and the checksum to register as
``ASSETS["robust-mnist-cnns"].sha256``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from dlspec.data.assets import FILES, digest
from dlspec.data.build_fashion import write_npz
from dlspec.data.mnist import load_mnist
from dlspec.nn.adversarial import SmallCNN, adversarial_training_epoch, fgsm, pgd_linf, robust_accuracy

EPS, BATCH, LEARNING_RATE, SEED = 0.3, 64, 1e-3, 0
MODELS = ("standard", "fast-fgsm", "pgd")


def as_tensors(images: np.ndarray, labels: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """uint8 digits (m, 28, 28) as the networks take them: floats in [0, 1] of shape (m, 1, 28, 28), int64 labels."""
    return torch.tensor(images[:, None], dtype=torch.float32) / 255, torch.tensor(labels, dtype=torch.int64)


def _clean(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return x


def schedule(name: str, generator: torch.Generator) -> list[Callable]:
    """The attack of each epoch of model ``name`` (``attack(model, x, y) -> x_adv``)."""
    if name == "standard":
        return [_clean] * 5
    if name == "fast-fgsm":
        def fast(model, x, y):
            return pgd_linf(model, x, y, EPS, 1.25 * EPS, 1, generator=generator)
        return [fast] * 12

    def pgd(steps: int, alpha: float) -> Callable:
        return lambda model, x, y: pgd_linf(model, x, y, EPS, alpha, steps, generator=generator)
    return [pgd(3, 0.1)] * 2 + [pgd(7, 0.05)] * 10


def train(name: str, x: torch.Tensor, y: torch.Tensor, seed: int = SEED) -> SmallCNN:
    """``SmallCNN`` trained as ``name`` says (see the module's text), printing each epoch's loss."""
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = SmallCNN()
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    attacks = schedule(name, generator)
    for epoch, attack in enumerate(attacks):
        start = time.perf_counter()
        loss = adversarial_training_epoch(model, optimizer, x, y, attack, BATCH, generator)
        print(f"{name} epoch {epoch + 1}/{len(attacks)}: loss {loss:.4f} ({time.perf_counter() - start:.1f} s)",
              flush=True)
    return model.eval()


def halved(model: SmallCNN) -> dict[str, np.ndarray]:
    return {k: v.numpy().astype(np.float16) for k, v in model.state_dict().items()}


def evaluate(model: SmallCNN, x: torch.Tensor, y: torch.Tensor) -> dict[str, float]:
    """Clean, FGSM and PGD-40 (step 0.01, random start) accuracy at eps = 0.3."""
    g = torch.Generator().manual_seed(1)
    return robust_accuracy(model, x, y, {"FGSM": lambda m, a, b: fgsm(m, a, b, EPS),
                                         "PGD-40": lambda m, a, b: pgd_linf(m, a, b, EPS, 0.01, 40, generator=g)})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dlspec.data.train_robust", description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=MODELS, help="train one model and write nothing (to try a change)")
    parser.add_argument("--out", type=Path, default=FILES / "robust-mnist-cnns.npz")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    train_x, train_y, test_x, test_y = load_mnist()
    x, y = as_tensors(train_x, train_y)
    x_test, y_test = as_tensors(test_x[:1000], test_y[:1000])
    arrays = {}
    for name in [args.only] if args.only else MODELS:
        start, cpu = time.perf_counter(), time.process_time()
        model = train(name, x, y)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        half = halved(model)
        arrays.update({f"{name}/{key}": value for key, value in half.items()})
        model.load_state_dict({key: torch.from_numpy(value).float() for key, value in half.items()})
        figures = ", ".join(f"{k} {v:.3f}" for k, v in evaluate(model, x_test, y_test).items())
        print(f"{name}: trained in {seconds:.0f} s ({cpu:.0f} s of CPU); in float16 on 1,000 test digits: "
              f"{figures}", flush=True)
    if not args.only:
        write_npz(arrays, args.out)
        print(f"{args.out}: {args.out.stat().st_size} bytes, checksum {digest(arrays)}")


if __name__ == "__main__":
    main()
