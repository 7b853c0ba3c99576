"""Train the small U-Net of C4W3A2 on the road scenes and write the weights dlspec ships (``files/unet-roads.npz``).

    python -m dlspec.data.train_unet [--epochs N] [--out FILE]

The original course trained a U-Net of 32 filters (8.6 M weights, 35 MB) on about 1,060 CARLA frames for 5 epochs.
dlspec ships ``dlspec.nn.unet.UNet(3, N_FILTERS, 9)``: the same architecture with 6 filters in the first block, so
its weights are a twenty-eighth as many (0.30 M, 0.56 MB in float16) and fit in package data, trained here in about
eight minutes on two CPU cores on the 600 training scenes of ``dlspec.data.roads``. A learner never runs this: the
weights are package data.

Training is seeded and runs on one thread: the same bits on the same kind of CPU (see ``train_resnet``), and on a
busy two-core machine one thread is several times faster than two that wait for each other. The script prints the
per-class IoU on the 100 test scenes and the checksum to register as ``ASSETS["unet-roads"].sha256``.
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
from dlspec.data.pretrained import UNET_ROADS_FILTERS as N_FILTERS
from dlspec.data.roads import CLASSES, load_road_scenes
from dlspec.data.train_resnet import fit, weights
from dlspec.nn.unet import UNet, class_iou

EPOCHS, BATCH, LEARNING_RATE, SEED = 60, 8, 3e-3, 0


def as_tensors(images: np.ndarray, masks: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """Scenes as ``dlspec.data.roads`` stores them, uint8 (m, H, W, 3) and masks (m, H, W), as the network takes
    them: floats in [0, 1] of shape (m, 3, H, W) and int64 class maps (m, H, W)."""
    x = torch.tensor(images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
    return x, torch.tensor(masks, dtype=torch.int64)


def predict(model: nn.Module, x: torch.Tensor, batch: int = 50) -> torch.Tensor:
    """Each pixel's class with the highest score, in eval mode, ``batch`` images at a time."""
    model.eval()
    with torch.no_grad():
        return torch.cat([model(part).argmax(dim=1) for part in x.split(batch)])


def _mirror_every_second(images: torch.Tensor, masks: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    return (images.flip(-1), masks.flip(-1)) if k % 2 else (images, masks)


def class_weights(y: torch.Tensor, n_classes: int) -> torch.Tensor:
    """A weight per class for the loss: the square root of (the median class's share of pixels / the class's
    share). Lane lines and pedestrians cover about 1% of the pixels each, the road a third: unweighted, a network
    that never predicts the small classes loses little, and learns them last."""
    share = torch.bincount(y.flatten(), minlength=n_classes).double() / y.numel()
    return (share.median() / share).sqrt().float()


def train(x: torch.Tensor, y: torch.Tensor, epochs: int = EPOCHS, seed: int = SEED) -> nn.Module:
    """``UNet(3, N_FILTERS, len(CLASSES))`` trained with Adam on mini-batches and pixel-wise cross-entropy weighted
    by ``class_weights``, the learning rate annealed to zero along a cosine (``train_resnet.fit``); every second
    batch is mirrored left to right (a road scene is as likely either way)."""
    torch.manual_seed(seed)
    model = UNet(x.shape[1], N_FILTERS, len(CLASSES))
    return fit(model, x, y, epochs, BATCH, LEARNING_RATE, _mirror_every_second, class_weights(y, len(CLASSES)))


def halved(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The weights in float16: half the bytes in the wheel, which must stay under 5 MB with Fashion-MNIST and the
    ResNet-20 in it, and the same per-class IoU to two decimals; they load into float32 layers."""
    return {k: v.astype(np.float16) for k, v in arrays.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dlspec.data.train_unet", description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out", type=Path, default=FILES / "unet-roads.npz")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    train_set, test_set = load_road_scenes()
    start = time.perf_counter()
    model = train(*as_tensors(train_set.images, train_set.masks), epochs=args.epochs)
    minutes = (time.perf_counter() - start) / 60
    arrays = halved(weights(model))
    write_npz(arrays, args.out)
    model.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in arrays.items()})  # as shipped
    x_test, y_test = as_tensors(test_set.images, test_set.masks)
    ious = class_iou(predict(model, x_test), y_test, len(CLASSES))
    print(f"trained in {minutes:.1f} min; test pixel accuracy {(predict(model, x_test) == y_test).float().mean():.3f}")
    print("test IoU: " + ", ".join(f"{name} {iou:.2f}" for name, iou in zip(CLASSES, ious, strict=True)))
    print(f"{args.out}: {args.out.stat().st_size} bytes, checksum {digest(arrays)}")


if __name__ == "__main__":
    main()
