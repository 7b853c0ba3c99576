"""Face / non-face: the binary image task that stands in for the original's cat / non-cat set.

The pictures are the 200 crops of scikit-image's ``lfw_subset`` (100 faces from Labeled Faces in the Wild, then
100 non-face patches), 25x25 grey, brought to the course's 64x64x3 uint8 so every shape in the lessons matches
the original (12288 features per image). Nothing is downloaded: the crops ship inside scikit-image.
"""

from __future__ import annotations

import numpy as np

SIZE = 64
N_TEST = 50
CLASSES = np.array([b"non-face", b"face"])


def _upscaled() -> tuple[np.ndarray, np.ndarray]:
    from PIL import Image
    from skimage.data import lfw_subset

    crops = lfw_subset()  # (200, 25, 25) float in [0, 1]; first 100 are faces
    big = np.stack(
        [
            np.asarray(Image.fromarray((c * 255).round().astype(np.uint8)).resize((SIZE, SIZE), Image.BICUBIC))
            for c in crops
        ]
    )
    images = np.repeat(big[..., None], 3, axis=-1)  # grey to RGB, as the course's images are (64, 64, 3)
    labels = np.r_[np.ones(100, np.int64), np.zeros(100, np.int64)]
    return images, labels


def load_faces(seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return ``train_x_orig (150,64,64,3) uint8, train_y (1,150), test_x_orig (50,64,64,3), test_y (1,50),
    classes`` in the same order and shapes as the original ``load_dataset()``. The split is seeded and
    stratified: 25 faces and 25 non-faces are held out for the test set."""
    images, labels = _upscaled()
    rng = np.random.default_rng(seed)
    test = np.r_[rng.choice(100, N_TEST // 2, replace=False), 100 + rng.choice(100, N_TEST // 2, replace=False)]
    train = np.setdiff1d(np.arange(200), test)
    train = rng.permutation(train)
    test = rng.permutation(test)
    return (
        images[train],
        labels[train].reshape(1, -1),
        images[test],
        labels[test].reshape(1, -1),
        CLASSES.copy(),
    )


def sample_pictures() -> dict[str, np.ndarray]:
    """Two bundled photographs for "try your own image": a face (astronaut) and not a face (coffee)."""
    from skimage import data

    return {"astronaut": data.astronaut(), "coffee": data.coffee()}
