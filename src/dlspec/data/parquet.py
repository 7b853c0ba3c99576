"""Just enough of Parquet to read one column of strings without pyarrow: a Snappy-compressed column chunk of
pages, each behind a Thrift-compact header, holding either indices into a dictionary page or plain strings (what
pyarrow writes for a pandas column of words). Pure Python: about 3 s for 400,000 words."""

from __future__ import annotations

from pathlib import Path

import numpy as np


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


def read_strings(path: Path) -> list[str]:
    """The strings of a Parquet file's only column, in row order. pyarrow writes the first pages as indices into a
    dictionary page and, once that dictionary is full, the rest as plain strings."""
    data = path.read_bytes()
    pos, end = 4, len(data) - 8 - int.from_bytes(data[-8:-4], "little")  # between "PAR1" and the footer
    dictionary: list[str] = []
    strings: list[str] = []
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
            strings += _plain(page, start, count)
        elif encoding in (2, 8):  # PLAIN_DICTIONARY, RLE_DICTIONARY: a bit width, then the indices
            strings += [dictionary[i] for i in _rle_bitpacked(page, start + 1, page[start], count)]
        else:
            raise ValueError(f"{path}: unexpected Parquet encoding {encoding}")
    return strings
