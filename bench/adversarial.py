"""X4 adversarial robustness: the shipped MNIST networks (C6W4A1) against an attack battery, measured from the
shipped files.

    python bench/adversarial.py [--n 1000]

For each of the three networks of ``files/robust-mnist-cnns.npz`` (standard, fast FGSM, PGD-trained), at eps 0.3
on the first ``n`` test digits: clean accuracy, accuracy under FGSM, PGD-40 (step 0.01, a random start, Madry's
challenge setting), PGD on the margin loss (40 steps of 0.02, 3 restarts kept per image) and the Square attack
(1,000 queries), and the per-image worst case over all four; with each attack's time, on one thread. Writes the
``adversarial`` section of docs/benchmarks.md; the training times and the grader's time are added by hand from the
commands the section names.
"""

from __future__ import annotations

import argparse
import time

import torch
from report import machine, table, write_section

from dlspec.data.mnist import load_mnist
from dlspec.data.pretrained import ROBUST_MNIST_MODELS, robust_mnist_cnn
from dlspec.nn.adversarial import fgsm, pgd_linf, square_attack

EPS = 0.3


def battery(generator: torch.Generator) -> dict:
    return {
        "FGSM": lambda m, x, y: fgsm(m, x, y, EPS),
        "PGD-40": lambda m, x, y: pgd_linf(m, x, y, EPS, 0.01, 40, generator=generator),
        "PGD-CW 40x3": lambda m, x, y: pgd_linf(m, x, y, EPS, 0.02, 40, loss="cw", restarts=3, generator=generator),
        "Square 1000": lambda m, x, y: square_attack(m, x, y, EPS, 1000, generator=generator),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    torch.set_num_threads(1)
    _, _, images, labels = load_mnist()
    x = torch.tensor(images[: args.n, None], dtype=torch.float32) / 255
    y = torch.tensor(labels[: args.n], dtype=torch.int64)
    rows, times = [], []
    for name in ROBUST_MNIST_MODELS:
        model = robust_mnist_cnn(name)
        with torch.no_grad():
            robust = model(x).argmax(1) == y
        cells, spent = [f"{robust.float().mean():.1%}"], []
        for attack_name, attack in battery(torch.Generator().manual_seed(0)).items():
            start, cpu = time.perf_counter(), time.process_time()
            x_adv = attack(model, x, y)
            spent.append(f"{attack_name} {time.process_time() - cpu:.1f} s ({time.perf_counter() - start:.1f} s wall)")
            assert (x_adv - x).abs().max() <= EPS + 1e-6 and 0 <= x_adv.min() and x_adv.max() <= 1
            with torch.no_grad():
                correct = model(x_adv).argmax(1) == y
            cells.append(f"{correct.float().mean():.1%}")
            robust &= correct
        rows.append([f"`{name}`", *cells, f"**{robust.float().mean():.1%}**"])
        times.append(f"`{name}`: " + ", ".join(spent))
        print(rows[-1], times[-1], flush=True)
    body = f"""## X4 adversarial robustness

`python bench/adversarial.py --n {args.n}` ({machine()}, torch {torch.__version__}, one thread): the three
`SmallCNN`s of `robust-mnist-cnns` (C6W4A1) on the first {args.n:,} of the 2,000 MNIST test digits at eps = 0.3.
PGD-40 is Madry's challenge setting (step 0.01, a random start); PGD-CW climbs the margin loss (40 steps of 0.02,
3 restarts, the best kept per image); Square is the gradient-free attack (1,000 queries). The worst case counts an
image only if it is right clean and under all four attacks. Every attacked image was checked to lie within eps
of its digit and in [0, 1].

{table(["network", "clean", "FGSM", "PGD-40", "PGD-CW 40x3", "Square 1000", "worst case"], rows)}

Attack times, CPU seconds of the one thread (the wall-clock time in brackets; the 2-core machine was shared with
other jobs, so wall-clock times overstate an idle machine's): {"; ".join(times)}.
"""
    write_section("adversarial", body)


if __name__ == "__main__":
    main()
