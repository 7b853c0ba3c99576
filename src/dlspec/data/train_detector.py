"""Train the small YOLOv2-style detector of C4W3A1 on the road scenes and write the weights dlspec ships
(``files/yolo-roads.npz``); or, with ``--evaluate``, measure the shipped weights' mAP on the test scenes.

    python -m dlspec.data.train_detector [--epochs N] [--out FILE]
    python -m dlspec.data.train_detector --evaluate

The original assignment loaded a YOLOv2 trained on COCO (50 M weights, 200 MB) and never trained it. dlspec ships
``dlspec.nn.yolo_net.TinyYolo`` with 5 anchors and the four object classes of the road scenes (car, bus, truck,
pedestrian): 0.10 M weights, 0.19 MB in float16, trained here in minutes on two CPU cores on ``N_SCENES`` scenes of
``dlspec.data.roads``' training stream: its 600 training scenes and the 600 that follow them (a detector learns from
objects, and 600 scenes hold only 1,500 of them worth learning). None is a test scene. The anchors are k-means
clusters (``kmeans_anchors``, seed 0) of the training boxes' sizes, in cells of 8 pixels. A learner never runs this:
the weights are package data. Width bought little: the same network with 128 channels in its last two convolutions
(0.25 M weights, 0.46 MB) scored a mAP of 0.790 on the test scenes, this one 0.776.

Training is seeded and runs on one thread (see ``train_unet``). The script prints the loss of each epoch, the
per-class AP at IoU 0.5 on the 100 test scenes (``road_map``) and the checksum to register as
``ASSETS["yolo-roads"].sha256``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch

from dlspec.data import roads
from dlspec.data.assets import FILES, digest
from dlspec.data.build_fashion import write_npz
from dlspec.data.roads import CLASSES, OBJECTS, Scenes
from dlspec.data.train_resnet import weights
from dlspec.data.train_unet import halved
from dlspec.nn.detection_map import mean_average_precision
from dlspec.nn.yolo import yolo_eval
from dlspec.nn.yolo_net import TinyYolo, detect, kmeans_anchors, yolo_loss, yolo_targets

EPOCHS, BATCH, LEARNING_RATE, SEED = 30, 16, 3e-3, 0
N_SCENES = 1200  # the 600 training scenes of roads and the next 600 of the same stream
STRIDE = 8  # pixels per cell
DETECTED = [CLASSES[c] for c in OBJECTS]  # the detector's classes, in its order
INDEX = np.full(len(CLASSES), -1)  # a road scene's class -> the detector's
INDEX[list(OBJECTS)] = range(len(OBJECTS))
# VOC's "difficult": objects too small or too hidden to ask of a detector; it trains without them, and its mAP
# neither rewards nor punishes finding them
MIN_SIDE, MIN_VISIBLE = 4, 0.3
# yolo_eval's settings for scoring: a low threshold, so that the precision-recall curve runs its whole length
SCORE_THRESHOLD, MAX_BOXES, NMS_IOU = 0.05, 20, 0.5


def difficult(boxes: np.ndarray, visible: np.ndarray) -> np.ndarray:
    """Which of a scene's boxes (k, 5) (class, x1, y1, x2, y2) are under ``MIN_SIDE`` pixels on a side or show
    less than ``MIN_VISIBLE`` of themselves."""
    sides = np.minimum(boxes[:, 3] - boxes[:, 1], boxes[:, 4] - boxes[:, 2])
    return (sides < MIN_SIDE) | (visible < MIN_VISIBLE)


def training_boxes(scenes: Scenes) -> list[np.ndarray]:
    """Per scene, its boxes that are not difficult as (class, x1, y1, x2, y2): the detector's class index and
    corners in fractions of the image."""
    height, width = scenes.images.shape[1:3]
    out = []
    for boxes, visible in zip(scenes.boxes, scenes.visible, strict=True):
        kept = boxes[~difficult(boxes, visible)]
        out.append(np.column_stack([INDEX[kept[:, 0]], kept[:, 1:] / [width, height, width, height]]))
    return out


def _mirrored(boxes: list[np.ndarray]) -> list[np.ndarray]:
    return [np.column_stack([b[:, 0], 1 - b[:, 3], b[:, 2], 1 - b[:, 1], b[:, 4]]) for b in boxes]


def anchors_for(boxes: list[np.ndarray], grid: tuple[int, int]) -> np.ndarray:
    """The k-means anchors, in cells, of the widths and heights of ``boxes`` (as ``training_boxes`` gives them)."""
    corners = np.concatenate(boxes)[:, 1:]
    return kmeans_anchors((corners[:, 2:] - corners[:, :2]) * (grid[1], grid[0]))


def train(scenes: Scenes, epochs: int = EPOCHS, seed: int = SEED) -> TinyYolo:
    """``TinyYolo`` trained with Adam on mini-batches and ``yolo_loss``, the learning rate annealed to zero along a
    cosine; every second batch is mirrored left to right. Prints the loss of each epoch; returns it in eval mode."""
    torch.manual_seed(seed)
    x = torch.tensor(scenes.images, dtype=torch.float32).permute(0, 3, 1, 2) / 255
    grid = (x.shape[2] // STRIDE, x.shape[3] // STRIDE)
    boxes = training_boxes(scenes)
    model = TinyYolo(anchors_for(boxes, grid), len(OBJECTS))
    print("anchors (cells of 8 px, width x height): " + ", ".join(f"{w:.2f}x{h:.2f}" for w, h in model.anchors))
    targets = [yolo_targets(b, model.anchors.numpy(), grid) for b in (boxes, _mirrored(boxes))]
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, weight_decay=5e-4)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs * -(-len(x) // BATCH))
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for k, batch in enumerate(torch.randperm(len(x)).split(BATCH)):
            mirror = k % 2
            images = x[batch].flip(-1) if mirror else x[batch]
            target = type(targets[mirror])(*(t[batch] for t in targets[mirror]))
            optimizer.zero_grad()
            loss = yolo_loss(model(images), target, model.anchors)
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1}/{epochs}: loss {total / len(x):.3f}", flush=True)
    return model.eval()


def road_map(model: TinyYolo, scenes: Scenes, score_threshold: float = SCORE_THRESHOLD) -> tuple[np.ndarray, float]:
    """Per-class AP at IoU 0.5 (in ``DETECTED``'s order) and their mean, of the detections the reference
    ``yolo_eval`` makes from ``model``'s output on ``scenes``, against their true boxes (difficult ones ignored)."""
    image_shape = scenes.images.shape[1:3]
    detections = [yolo_eval(out, image_shape, MAX_BOXES, score_threshold, NMS_IOU)
                  for out in detect(model, scenes.images)]  # fmt: skip
    truth = [(b[:, [2, 1, 4, 3]].astype(float), INDEX[b[:, 0]], difficult(b, v))  # as yolo_eval: y1, x1, y2, x2
             for b, v in zip(scenes.boxes, scenes.visible, strict=True)]  # fmt: skip
    return mean_average_precision(detections, truth, len(OBJECTS))


def report(model: TinyYolo, scenes: Scenes) -> None:
    aps, mean = road_map(model, scenes)
    print(f"mAP@0.5 on {len(scenes.images)} test scenes: {mean:.3f} ("
          + ", ".join(f"{name} {ap:.3f}" for name, ap in zip(DETECTED, aps, strict=True)) + ")")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dlspec.data.train_detector", description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out", type=Path, default=FILES / "yolo-roads.npz")
    parser.add_argument("--evaluate", action="store_true", help="only measure the shipped weights' mAP")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    test_set = roads.scenes(roads.N_TEST, roads.SEED_TEST)  # load_road_scenes()'s test set, without its training set
    if args.evaluate:
        from dlspec.data.pretrained import yolo_roads

        report(yolo_roads(), test_set)
        return
    start = time.perf_counter()
    model = train(roads.scenes(N_SCENES, roads.SEED_TRAIN), epochs=args.epochs)
    minutes = (time.perf_counter() - start) / 60
    arrays = halved(weights(model))
    write_npz(arrays, args.out)
    model.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in arrays.items()})  # as shipped
    print(f"trained in {minutes:.1f} min; {sum(p.numel() for p in model.parameters())} weights")
    report(model, test_set)
    print(f"{args.out}: {args.out.stat().st_size} bytes, checksum {digest(arrays)}")


if __name__ == "__main__":
    main()
