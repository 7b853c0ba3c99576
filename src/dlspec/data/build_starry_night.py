"""Rebuilds ``files/starry-night.npz``, C4W4A2's style image: Van Gogh's *The Starry Night* (1889, public domain)
as the Debian package ``opencv-doc`` 4.6.0+dfsg-12 ships it (``examples/data/starry_night.jpg``, 752x600; the
package's files are Apache-2.0/BSD-3-Clause), its black frame (8 pixels) cut off, scaled to 280x224 pixels, stored
as uint8 RGB.

Run ``python -m dlspec.data.build_starry_night [PATH]``. PATH defaults to where ``apt-get install opencv-doc`` puts
the picture; without installing it: ``apt-get download opencv-doc && dpkg-deb -x opencv-doc_*.deb opencv-doc`` and
pass ``opencv-doc/usr/share/doc/opencv-doc/examples/data/starry_night.jpg``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image

from dlspec.data.assets import FILES, digest

DEFAULT = Path("/usr/share/doc/opencv-doc/examples/data/starry_night.jpg")
FRAME = 10  # pixels cut from every side: the copy has a black frame 8 pixels wide, which is no part of the style
SIZE = (280, 224)  # (width, height): the painting's 5:4, small enough to ship (184 KB of pixels)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with Image.open(path) as picture:
        inside = picture.convert("RGB").crop((FRAME, FRAME, picture.width - FRAME, picture.height - FRAME))
        image = np.asarray(inside.resize(SIZE, Image.Resampling.LANCZOS))
    np.savez_compressed(FILES / "starry-night.npz", image=image)
    print(f"wrote {FILES / 'starry-night.npz'}, sha256 of the canonical bytes {digest({'image': image})}")


if __name__ == "__main__":
    main()
