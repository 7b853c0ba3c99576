"""Rebuilds ``files/office.npz``, the office-door database of ``dlspec.data.office``: face crops of four people.

Run ``python -m dlspec.data.build_office`` (needs pip and PyPI once). It downloads the ``face_recognition`` 1.3.0
sdist (MIT) with ``pip download``, refuses it unless its sha256 is the one below, and reads four photographs from its
tests/test_images; the other two come from scikit-image and matplotlib, which dlspec depends on. face-api's tiny
face detector (``dlspec.data.faceapi``, input 608) finds the best face of each photograph; its box, made square
about its centre, is cut out and resized to 150 x 150. Each photograph then gives three altered copies (mirrored;
the box moved by a tenth and widened by a tenth; brighter or darker by a fifth), and every crop is stored as a JPEG
(quality 90). The same bytes on every run with the same Pillow.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import torch

from dlspec.data.assets import FILES, digest
from dlspec.data.faceapi import load_face_detector
from dlspec.data.office import SOURCES
from dlspec.nn.faces import FACE_SIZE, face_yolo_outputs, square_pixels
from dlspec.nn.yolo import yolo_eval

SDIST = "face_recognition==1.3.0"
SDIST_SHA256 = "5e5efdd1686aa566af0d3cc1313b131e4b197657a8ffd03669e6d3fad92705ec"
PEOPLE = {"obama.jpg": "obama", "obama2.jpg": "obama", "obama3.jpg": "obama", "biden.jpg": "biden",
          "astronaut.png": "collins", "grace_hopper.jpg": "hopper"}  # fmt: skip
DETECTOR_SIZE = 608  # the faces are a tenth of a tall photograph: 416 finds them less surely
QUALITY = 90


def sdist_photos(folder: Path) -> dict[str, np.ndarray]:
    """The four photographs of the face_recognition sdist, downloaded into ``folder`` and checked."""
    from PIL import Image

    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--quiet", SDIST,
                    "-d", str(folder)], check=True)  # fmt: skip
    sdist = next(folder.glob("face_recognition-1.3.0.tar.gz"))
    got = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if got != SDIST_SHA256:
        raise SystemExit(f"{sdist.name}: sha256 {got}, expected {SDIST_SHA256}; refusing to read it")
    with tarfile.open(sdist) as tar:
        return {name: np.asarray(Image.open(tar.extractfile(f"face_recognition-1.3.0/tests/test_images/{name}"))
                                 .convert("RGB"))
                for name in PEOPLE if name.startswith(("obama", "biden"))}  # fmt: skip


def package_photos() -> dict[str, np.ndarray]:
    from matplotlib import cbook
    from PIL import Image
    from skimage import data

    with cbook.get_sample_data("grace_hopper.jpg") as f:
        return {"astronaut.png": data.astronaut(), "grace_hopper.jpg": np.asarray(Image.open(f).convert("RGB"))}


def face_box(photo: np.ndarray, detector: torch.nn.Module) -> tuple[float, float, float]:
    """(centre x, centre y, side) of the square about the detector's best face, in the photograph's pixels."""
    with torch.no_grad():
        raw = detector(square_pixels(photo, DETECTOR_SIZE, centre=False))[0]
    side = max(photo.shape[:2])
    _, boxes, _ = yolo_eval(face_yolo_outputs(raw), (side, side), 1, 0.5, 0.4)
    y1, x1, y2, x2 = boxes[0]
    return (x1 + x2) / 2, (y1 + y2) / 2, max(x2 - x1, y2 - y1)


def crop(photo: np.ndarray, x: float, y: float, side: float) -> np.ndarray:
    """The square of ``side`` about (x, y), black where it leaves the photograph, at 150 x 150."""
    from PIL import Image

    half = side / 2
    box = tuple(round(v) for v in (x - half, y - half, x + half, y + half))
    return np.asarray(Image.fromarray(photo).crop(box).resize((FACE_SIZE, FACE_SIZE), Image.BILINEAR))


def crops_of(photo: np.ndarray, box: tuple[float, float, float], k: int) -> list[tuple[str, np.ndarray]]:
    """The photograph's crop and its three altered copies; ``k`` (its index) alternates brighter and darker."""
    x, y, side = box
    face = crop(photo, x, y, side)
    light = ("brighter", 1.2) if k % 2 == 0 else ("darker", 0.8)
    return [
        ("photo", face),
        ("mirrored", face[:, ::-1]),
        ("shifted", crop(photo, x + side / 10, y + side / 10, side * 1.1)),
        (light[0], np.clip(face * light[1], 0, 255).astype(np.uint8)),
    ]


def jpeg(image: np.ndarray) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image)).save(out, format="JPEG", quality=QUALITY)
    return out.getvalue()


def build(photos: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    detector = load_face_detector()
    rows = [(name, variant, image) for k, name in enumerate(SOURCES)
            for variant, image in crops_of(photos[name], face_box(photos[name], detector), k)]  # fmt: skip
    files = [jpeg(image) for _, _, image in rows]
    return {
        "jpeg": np.frombuffer(b"".join(files), dtype=np.uint8),
        "offsets": np.cumsum([0, *map(len, files)]).astype(np.int64),
        "names": np.array([PEOPLE[name] for name, _, _ in rows]),
        "photos": np.array([name for name, _, _ in rows]),
        "variants": np.array([variant for _, variant, _ in rows]),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        photos = sdist_photos(Path(tmp)) | package_photos()
    out = build(photos)
    path = FILES / "office.npz"
    np.savez_compressed(path, **out)
    print(f"{path.name}: {len(out['names'])} crops of {len(set(out['names']))} people, "
          f"{path.stat().st_size / 1e3:.0f} kB, sha256 {digest(np.load(path))}")


if __name__ == "__main__":
    main()
