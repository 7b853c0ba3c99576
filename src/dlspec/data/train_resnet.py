"""Train the small ResNet of C4W2A1 on SIGNS and write the weights dlspec ships (``files/resnet20-signs.npz``).

    python -m dlspec.data.train_resnet [--epochs N] [--out FILE]

The original course loaded a ResNet-50 trained on SIGNS. Its 23.5 M weights are 94 MB in float32, too big to ship
and hours of CPU to train, so dlspec ships ``dlspec.nn.resnet.resnet20()``: the same blocks, 0.22 M weights, under
1 MB, trained here in minutes on two CPU cores. A learner never runs this: the weights are package data.

Training is seeded and runs on two threads, so a rerun on the same kind of CPU with the same torch gives the same
bits; elsewhere the sums round differently and the weights differ in their last digits, with the same accuracy.
The script prints the test accuracy and the checksum to register as ``ASSETS["resnet20-signs"].sha256``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from dlspec.data.assets import FILES, digest
from dlspec.data.build_fashion import write_npz
from dlspec.data.signs import load_signs_dataset
from dlspec.nn.resnet import resnet20
from dlspec.nn.transfer import RandomFlip, RandomRotation

EPOCHS, BATCH, LEARNING_RATE, SEED = 30, 32, 2e-3, 0
ROTATION = 0.04  # of a full turn: up to 14° either way


def as_tensors(images: np.ndarray, labels: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """SIGNS as the course stores it, uint8 (m, 64, 64, 3) and labels of any shape, as the network takes it:
    floats in [0, 1] of shape (m, 3, 64, 64) and int64 classes (m,)."""
    x = torch.tensor(images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
    return x, torch.tensor(np.ravel(labels), dtype=torch.int64)


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """The share of examples whose highest score is their class, in eval mode."""
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def train(x: torch.Tensor, y: torch.Tensor, epochs: int = EPOCHS, seed: int = SEED) -> nn.Module:
    """resnet20 trained with Adam on mini-batches, the learning rate annealed to zero along a cosine. Each batch is
    mirrored and turned a little at random (C4W2A2's layers): a hand shows as many fingers either way, and 1,080
    pictures are otherwise learnt by heart."""
    torch.manual_seed(seed)
    model = resnet20(classes=int(y.max()) + 1)
    augment = nn.Sequential(RandomFlip(), RandomRotation(ROTATION)).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    steps = epochs * -(-len(x) // BATCH)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, steps)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for batch in torch.randperm(len(x)).split(BATCH):
            optimizer.zero_grad()
            loss = loss_fn(model(augment(x[batch])), y[batch])
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1}/{epochs}: loss {total / len(x):.4f}", flush=True)
    return model.eval()


def weights(model: nn.Module) -> dict[str, np.ndarray]:
    """The state dict as float32 arrays, BatchNorm's running statistics included (its batch counters are not)."""
    return {k: v.numpy() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dlspec.data.train_resnet", description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out", type=Path, default=FILES / "resnet20-signs.npz")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    train_x, train_y, test_x, test_y, _ = load_signs_dataset()
    start = time.perf_counter()
    model = train(*as_tensors(train_x, train_y), epochs=args.epochs)
    minutes = (time.perf_counter() - start) / 60
    arrays = weights(model)
    write_npz(arrays, args.out)
    print(f"trained in {minutes:.1f} min; train accuracy {accuracy(model, *as_tensors(train_x, train_y)):.3f}, "
          f"test accuracy {accuracy(model, *as_tensors(test_x, test_y)):.3f}")
    print(f"{args.out}: {args.out.stat().st_size} bytes, checksum {digest(arrays)}")


if __name__ == "__main__":
    main()
