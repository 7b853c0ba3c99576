"""``python -m dlspec.challenges.robust_mnist.baselines``: the battery's outputs for the three SmallCNNs dlspec
ships for C6W4A1 (``robust-mnist-cnns``: standard, fast FGSM, PGD adversarial training) on the hidden digits
(``baselines.npz``), and their scores on all of them (for challenge.toml). Two threads, as a submission gets; about
5 minutes on 2 idle cores, most of it the PGD-trained model, which resists every attack longest."""

from __future__ import annotations

import sys
import time

import numpy as np
import torch

from dlspec.challenges.bundle import load
from dlspec.challenges.metrics import score
from dlspec.challenges.modelrun import THREADS
from dlspec.challenges.robust_mnist.task import evaluate, solution


def main() -> None:
    from dlspec.data.pretrained import ROBUST_MNIST_MODELS, robust_mnist_cnn

    torch.set_num_threads(THREADS)
    outputs = {}
    for name in ROBUST_MNIST_MODELS:
        start = time.perf_counter()
        outputs[name] = evaluate(robust_mnist_cnn(name).state_dict())
        print(f"{name}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    challenge = load("robust-mnist")
    np.savez_compressed(challenge.folder / "baselines.npz",
                        **{f"{n}.{c}": v for n, out in outputs.items() for c, v in out.items()})  # fmt: skip
    rows = np.arange(challenge.rows)
    for name, out in outputs.items():
        robust, clean = (score(m, solution(), out, rows) for m in ("robust_accuracy", "clean_accuracy"))
        print(f"{name}: robust accuracy {robust:.4f}, clean accuracy {clean:.4f}")


if __name__ == "__main__":
    main()
