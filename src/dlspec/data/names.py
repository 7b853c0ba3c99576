"""US first names, the corpus of C5W1A2's character-level language model (``files/names.npz``, built by
``python -m dlspec.data.build_names`` from the Social Security Administration's counts)."""

from __future__ import annotations

from dlspec.data.assets import arrays


def load_names() -> list[str]:
    """The 3,000 most common US first names (1880-2017), lower-cased, most common first."""
    return [str(name) for name in arrays("names")["names"]]
