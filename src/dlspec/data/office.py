"""The office-door database (C4W4A1, and the face section of C4W3A1): 150 x 150 face crops of four people from
photographs that may be shipped, several pictures of each.

* ``obama``: three different photographs (face_recognition's obama.jpg, obama2.jpg, obama3.jpg);
* ``biden``: one photograph (face_recognition's biden.jpg);
* ``collins``: one photograph (Eileen Collins, scikit-image's astronaut);
* ``hopper``: one photograph (Grace Hopper, matplotlib's grace_hopper.jpg).

Every photograph also gives three altered copies: ``mirrored``, ``shifted`` (the crop moved and widened a little,
cut again from the photograph) and ``brighter`` or ``darker``. They pad the set, but they are not other
photographs: two crops of one photograph are closer than two photographs of one person, so the ``variants`` and
``photos`` arrays say which is which, and a fair test compares crops of *different* photographs.

``files/office.npz`` holds the crops as JPEG files (quality 90, about 10 kB each) written by ``python -m
dlspec.data.build_office``, which found the faces with face-api's detector; ``load_office`` decodes them.
"""

from __future__ import annotations

import io
import itertools
from typing import NamedTuple

import numpy as np

from dlspec.data.assets import arrays

_SDIST = "face_recognition 1.3.0 sdist (MIT), tests/test_images"
SOURCES = {  # photograph -> where it comes from and its licence
    "obama.jpg": f"{_SDIST}; official White House photograph: public domain",
    "obama2.jpg": f"{_SDIST}; US government photograph: public domain",
    "obama3.jpg": f"{_SDIST}; US government photograph: public domain",
    "biden.jpg": f"{_SDIST}; official White House photograph: public domain",
    "astronaut.png": "scikit-image's data.astronaut(): Eileen Collins, NASA photograph: public domain",
    "grace_hopper.jpg": "matplotlib's sample data: Grace Hopper, US Navy photograph: public domain",
}


class Office(NamedTuple):
    images: np.ndarray  # (n, 150, 150, 3) uint8 face crops
    names: np.ndarray  # (n,) who each crop shows
    photos: np.ndarray  # (n,) the photograph it was cut from (a key of SOURCES)
    variants: np.ndarray  # (n,) "photo", or how the copy was altered: "mirrored", "shifted", "brighter", "darker"


def decode(stored: dict[str, np.ndarray]) -> np.ndarray:
    """The JPEG crops of ``files/office.npz`` as one (n, 150, 150, 3) uint8 array."""
    from PIL import Image

    jpeg, offsets = stored["jpeg"], stored["offsets"]
    return np.stack([np.asarray(Image.open(io.BytesIO(jpeg[a:b].tobytes())).convert("RGB"))
                     for a, b in itertools.pairwise(offsets)])


def load_office() -> Office:
    """The office-door database: every crop, its person, its photograph and whether it is an altered copy."""
    stored = arrays("office")
    return Office(decode(stored), stored["names"], stored["photos"], stored["variants"])
