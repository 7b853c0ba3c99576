"""Train C5W3A2's trigger-word detector and write the weights dlspec ships (``files/trigger-model.npz``).

    python -m dlspec.data.train_trigger [--examples N] [--steps N] [--out FILE]

The model is ``dlspec.nn.trigger_model.TriggerModel((5511, 101))``, the original's Conv1D + two GRU network. It is
trained on examples made by the course's own ``create_training_example`` from the *training* recordings of
``dlspec.data.trigger`` (seeded: NumPy's global state, as the course draws), and measured on examples made the same
way from the *held-out* recordings: other voices saying "activate", other words, other music.

Two departures from the original, both to train in CPU minutes rather than GPU hours: the network reads
``features(x)``, the logarithm of the spectrogram, and trains with dropout ``DROPOUT`` instead of 0.8 (dropout only
acts in training: the weights fit the original's layers unchanged).

A detection is the original's chime rule (``dlspec.nn.trigger.chime_steps``: the output above 0.5, at most one
chime per 75 steps); it is correct when it falls within 25 steps before to 75 steps after the end of an "activate"
(``match_chimes``), each word matched once. Precision is the share of chimes that are correct, recall the share of
words that got one. The weights ship in float16 (about 1 MB); the script prints the checksum to register.
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
from dlspec.data.train_resnet import weights
from dlspec.data.train_unet import halved
from dlspec.data.trigger import load_trigger
from dlspec.nn.trigger import chime_steps, create_training_example, features, match_chimes, word_ends
from dlspec.nn.trigger_model import TriggerModel

TX, N_FREQ, TY = 5511, 101, 1375
EXAMPLES, HELD_OUT, BATCH, STEPS, LEARNING_RATE, DROPOUT, SEED = 600, 100, 8, 260, 2e-3, 0.3, 0


def examples(split: str, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` examples of ``split``: features (n, Tx, n_freq) in float16 (log powers: 3 digits are plenty) and
    labels (n, Ty), each on a background picked at random, all seeded."""
    activates, negatives, backgrounds = load_trigger(split, seed=seed)
    np.random.seed(seed)
    X, Y = np.empty((n, TX, N_FREQ), np.float16), np.empty((n, TY), np.float32)
    for i in range(n):
        background = backgrounds[np.random.randint(len(backgrounds))]
        x, y = create_training_example(background, activates, negatives, TY)
        X[i], Y[i] = features(x), y[0]
    return X, Y


def predict(model: nn.Module, X: np.ndarray, batch: int = 25) -> np.ndarray:
    """The model's probabilities (n, Ty) in eval mode."""
    model.eval()
    with torch.no_grad():
        return np.concatenate([model(torch.as_tensor(X[k : k + batch], dtype=torch.float32))[..., 0].numpy()
                               for k in range(0, len(X), batch)])  # fmt: skip


def precision_recall(predictions: np.ndarray, Y: np.ndarray) -> tuple[float, float, int, int, int]:
    """(precision, recall, correct chimes, chimes, words) of the chime rule over examples."""
    correct = chimes = words = 0
    for p, y in zip(predictions, Y, strict=True):
        found, ends = chime_steps(p), word_ends(y)
        correct, chimes, words = correct + match_chimes(found, ends), chimes + len(found), words + len(ends)
    return correct / max(chimes, 1), correct / max(words, 1), correct, chimes, words


def train(X: np.ndarray, Y: np.ndarray, steps: int, seed: int = SEED) -> nn.Module:
    """TriggerModel trained with Adam on random mini-batches and the binary cross-entropy of every label step."""
    torch.manual_seed(seed)
    model = TriggerModel((TX, N_FREQ))
    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.p = DROPOUT
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, LEARNING_RATE, total_steps=steps)
    rng, start, losses = np.random.default_rng(seed), time.perf_counter(), []
    model.train()
    for step in range(1, steps + 1):
        batch = rng.choice(len(X), BATCH, replace=False)
        out = model(torch.as_tensor(X[batch], dtype=torch.float32))[..., 0]
        loss = nn.functional.binary_cross_entropy(out, torch.as_tensor(Y[batch]))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        losses.append(loss.item())
        if step % 10 == 0 or step == steps:
            print(f"step {step}/{steps}: loss {np.mean(losses[-10:]):.4f} ({time.perf_counter() - start:.0f} s)",
                  flush=True)
    return model


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dlspec.data.train_trigger", description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=EXAMPLES)
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--out", type=Path, default=FILES / "trigger-model.npz")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    start = time.perf_counter()
    X, Y = examples("train", args.examples, SEED)
    X_test, Y_test = examples("held-out", HELD_OUT, SEED + 1)
    print(f"{len(X)} training and {len(X_test)} held-out examples made in {time.perf_counter() - start:.0f} s",
          flush=True)
    model = train(X, Y, args.steps)
    arrays = halved(weights(model))
    write_npz(arrays, args.out)
    model.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in arrays.items()})  # as shipped
    for name, (Xs, Ys) in (("training", (X[:HELD_OUT], Y[:HELD_OUT])), ("held-out", (X_test, Y_test))):
        precision, recall, correct, chimes, words = precision_recall(predict(model, Xs), Ys)
        print(f"{name} examples: precision {precision:.3f} ({correct}/{chimes} chimes), recall {recall:.3f} "
              f"({correct}/{words} words)")
    print(f"{args.out}: {args.out.stat().st_size} bytes, checksum {digest(arrays)}; "
          f"{(time.perf_counter() - start) / 60:.1f} min in all")


if __name__ == "__main__":
    main()
