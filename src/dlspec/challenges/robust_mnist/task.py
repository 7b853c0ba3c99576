"""Robust-MNIST challenge: a SmallCNN's weights, judged by a held-out battery of L-infinity attacks at eps 0.3 on
the first 1,000 of the 2,000 MNIST test digits (dlspec.data.mnist); the attacks are dlspec.nn.adversarial's.

The battery runs in order, each attack only on the digits every earlier one failed to break (a broken digit stays
broken, so the worst case is the same, and a weak model is judged in seconds): FGSM; PGD-40 on the cross-entropy
(Madry's setting: steps of 0.01 from a random start); PGD-40 on Carlini and Wagner's margin loss with 3 random
restarts; the Square attack (no gradients, 300 queries), which a model that only hides its gradients does not stop.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlspec.challenges.files import npz
from dlspec.challenges.schema import SubmissionError
from dlspec.data.mnist import load_mnist

EPS = 0.3
SEED = 0
ROWS = 1000  # the first 1,000 test digits: minutes of attacks on 2 cores for a robust model (docs/benchmarks.md)


def solution() -> dict[str, np.ndarray]:
    return {"label": load_mnist()[3][:ROWS]}


def files() -> dict[str, bytes]:
    train_images, train_labels, _, _ = load_mnist()
    return {"train.npz": npz(images=train_images, labels=train_labels)}


def battery(generator):
    """The attacks, by name, in the order they run: ``attack(model, x, y) -> x_adv``."""
    from dlspec.nn import adversarial as adv

    return {
        "FGSM": lambda m, x, y: adv.fgsm(m, x, y, EPS),
        "PGD-40": lambda m, x, y: adv.pgd_linf(m, x, y, EPS, 0.01, 40, generator=generator),
        "PGD-CW x3": lambda m, x, y: adv.pgd_linf(m, x, y, EPS, 0.01, 40, loss="cw", restarts=3, generator=generator),
        "Square": lambda m, x, y: adv.square_attack(m, x, y, EPS, 300, generator=generator),
    }


def model_from(weights: dict):
    """A SmallCNN holding ``weights``; SubmissionError names a missing, extra or misshapen tensor."""
    import torch

    from dlspec.nn.adversarial import SmallCNN

    model = SmallCNN()
    wanted = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    if not isinstance(weights, dict) or not all(isinstance(v, torch.Tensor) for v in weights.values()):
        raise SubmissionError("model.pt must hold a state_dict: torch.save(model.state_dict(), 'model.pt')")
    got = {k: tuple(v.shape) for k, v in weights.items()}
    missing, extra = sorted(set(wanted) - set(got)), sorted(set(got) - set(wanted))
    wrong = [f"{k} {got[k]} (expected {wanted[k]})" for k in wanted if k in got and got[k] != wanted[k]]
    if missing or extra or wrong:
        parts = [missing and f"missing {', '.join(missing)}", extra and f"unexpected {', '.join(extra)}",
                 wrong and f"wrong shapes: {', '.join(wrong)}"]  # fmt: skip
        raise SubmissionError(
            "the state_dict is not dlspec.nn.adversarial.SmallCNN's: " + "; ".join(filter(None, parts))
        )
    model.load_state_dict({k: v.float() for k, v in weights.items()})
    return model.eval()


def evaluate(
    weights: dict, limit: int | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, np.ndarray]:
    """``clean``: the model's class for each test digit; ``robust``: its class after the first attack that changed
    it to a wrong one, else the clean class. Rows past ``limit`` are -1. ``progress(text)``, if given, hears how
    many digits still stand after each attack (a robust model takes minutes)."""
    import torch

    from dlspec.nn.adversarial import predict

    model = model_from(weights)
    images, labels = (a[:ROWS] for a in load_mnist()[2:])
    n = ROWS if limit is None else limit
    x = torch.tensor(images[:n, None] / 255.0, dtype=torch.float32)
    y = torch.tensor(labels[:n])
    clean = predict(model, x)
    robust = clean.clone()
    generator = torch.Generator().manual_seed(SEED)
    attacks = battery(generator)
    for i, (name, attack) in enumerate(attacks.items(), 1):
        alive = torch.nonzero(robust == y).flatten()
        if not len(alive):
            break
        if progress:
            progress(f"attack {i} of {len(attacks)}, {name}, on the {len(alive)} of {n} digits still standing")
        found = torch.cat([predict(model, attack(model, x[part], y[part])) for part in alive.split(500)])
        robust[alive] = found
    if progress:
        progress(f"done: {int((robust == y).sum())} of {n} digits withstood every attack")
    pad = np.full(len(labels) - n, -1)
    return {"clean": np.r_[clean.numpy(), pad], "robust": np.r_[robust.numpy(), pad]}
