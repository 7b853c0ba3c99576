"""``python -m dlspec.challenges.fashion_mnist.baselines``: the shipped baselines' predictions on the test images
(``baselines.npz``) and their accuracy on all of them (for challenge.toml). Seeded; about a minute on 2 cores."""

from __future__ import annotations

import numpy as np

from dlspec.challenges.bundle import load
from dlspec.challenges.metrics import score
from dlspec.data.fashion import load_fashion


def _cnn(x: np.ndarray, y: np.ndarray, test: np.ndarray, epochs: int = 6) -> np.ndarray:
    import torch
    from torch import nn

    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10),
    )  # fmt: skip
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    xs, ys = torch.tensor(x[:, None], dtype=torch.float32), torch.tensor(y)
    gen = torch.Generator().manual_seed(0)
    for epoch in range(epochs):
        for batch in torch.randperm(len(xs), generator=gen).split(64):
            opt.zero_grad()
            nn.functional.cross_entropy(model(xs[batch]), ys[batch]).backward()
            opt.step()
        print(f"  small CNN: epoch {epoch + 1}/{epochs}", flush=True)
    with torch.no_grad():
        return model(torch.tensor(test[:, None], dtype=torch.float32)).argmax(1).numpy()


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import NearestCentroid

    train_images, train_labels, test_images, test_labels = load_fashion()
    x, test = train_images.reshape(len(train_images), -1) / 255.0, test_images.reshape(len(test_images), -1) / 255.0
    predictions = {
        "constant": np.full(len(test), np.bincount(train_labels).argmax()),
        "nearest-centroid": NearestCentroid().fit(x, train_labels).predict(test),
        "softmax-regression": LogisticRegression(max_iter=300).fit(x, train_labels).predict(test),
        "small-cnn": _cnn(train_images / 255.0, train_labels, test_images / 255.0),
    }
    challenge = load("fashion-mnist")
    np.savez_compressed(challenge.folder / "baselines.npz",
                        **{f"{k}.label": v.astype(np.int64) for k, v in predictions.items()})  # fmt: skip
    for name, p in predictions.items():
        print(f"{name}: accuracy {score('accuracy', {'label': test_labels}, {'label': p}, np.arange(len(p))):.4f}")


if __name__ == "__main__":
    main()
