"""What each network dlspec ships does on data it never trained on, measured from the shipped files.

    python bench/shipped.py

The U-Net's per-class IoU on the 100 test road scenes (C4W3A2), the road detector's mAP at IoU 0.5 on the same
scenes (C4W3A1), and the trigger-word detector's precision and recall on 100 held-out clips made from other voices,
words and music (C5W3A2). Each uses the function of the script that trained it, so the figure is the one that
script prints; here it is read off the weights as a learner's install holds them. Writes the ``shipped`` section
of docs/benchmarks.md.
"""

from __future__ import annotations

import time

import numpy as np
import torch
from report import machine, table, write_section

from dlspec.data import pretrained, roads
from dlspec.data.train_detector import DETECTED, road_map
from dlspec.data.train_trigger import HELD_OUT, SEED, examples, precision_recall, predict
from dlspec.data.train_unet import as_tensors
from dlspec.data.train_unet import predict as segment
from dlspec.nn.unet import class_iou


def timed(measure):
    start = time.perf_counter()
    result = measure()
    return result, time.perf_counter() - start


def main() -> None:
    torch.set_num_threads(1)
    test = roads.scenes(roads.N_TEST, roads.SEED_TEST)
    x, y = as_tensors(test.images, test.masks)
    ious, unet_s = timed(lambda: class_iou(segment(pretrained.unet_roads(), x), y, len(roads.CLASSES)))
    (aps, mean_ap), detector_s = timed(lambda: road_map(pretrained.yolo_roads(), test))

    def trigger() -> tuple:
        X, Y = examples("held-out", HELD_OUT, SEED + 1)  # the held-out clips train_trigger reports on
        return precision_recall(predict(pretrained.trigger_detector(), X), Y)

    (precision, recall, correct, chimes, words), trigger_s = timed(trigger)

    present = [(name, iou) for name, iou in zip(roads.CLASSES, ious, strict=True) if not np.isnan(iou)]
    rows = [
        ["U-Net (C4W3A2), `unet-roads`", f"{len(test.images)} test road scenes",
         "IoU per class: " + ", ".join(f"{n} {v:.2f}" for n, v in present)
         + f"; mean {np.mean([v for _, v in present]):.2f}", f"{unet_s:.1f} s"],
        ["road detector (C4W3A1), `yolo-roads`", f"{len(test.images)} test road scenes",
         f"mAP at IoU 0.5 **{mean_ap:.3f}** (" + ", ".join(f"{n} {a:.3f}" for n, a in zip(DETECTED, aps, strict=True))
         + ")", f"{detector_s:.1f} s"],
        ["trigger word (C5W3A2), `trigger-model`", f"{HELD_OUT} held-out clips (10 s)",
         f"precision **{precision:.3f}** ({correct} of {chimes} chimes), recall **{recall:.3f}** "
         f"({correct} of {words} words)", f"{trigger_s:.1f} s"],
    ]  # fmt: skip
    body = f"""## Shipped networks on held-out data

`python bench/shipped.py` ({machine()}, torch {torch.__version__}, one thread): each shipped weights file, loaded as a
learner's install loads it, on data its training never saw; the last column is the time to make the data and run
the network. The detector's AP follows PASCAL VOC (all-point interpolation; boxes under 4 pixels on a side or less
than 30% visible are "difficult" and ignored). A chime is the original's rule (output above 0.5, at most one per
75 steps), correct within 25 steps before to 75 steps after the end of an "activate", each word matched once.

{table(["network", "held-out data", "figure", "time"], rows)}
"""
    print(body)
    write_section("shipped", body)


if __name__ == "__main__":
    main()
