import json

import numpy as np
import pytest

from dlspec.checking.wire import Unsupported, decode, encode


def roundtrip(value):
    return decode(json.loads(json.dumps(encode(value), allow_nan=False)))


@pytest.mark.parametrize(
    "value",
    [None, True, 3, 2.5, "s", 1 + 2j, float("nan"), float("-inf"), [1, 2.0], (1, (2, 3)), {"a": 1, 2: "b", (1, 2): 3}],
)
def test_plain_values_keep_type_and_value(value):
    got = roundtrip(value)
    assert type(got) is type(value)
    assert repr(got) == repr(value)


@pytest.mark.parametrize(
    "array",
    [
        np.arange(6.0).reshape(2, 3),
        np.arange(6, dtype=np.int32).reshape(3, 2).T,  # not contiguous
        np.array(3.5),
        np.array([[1.0]]),
        np.array([True, False]),
        np.zeros((0, 3)),
        np.array(["ab", "c"]),
        np.array([1 + 1j], dtype=np.complex64),
        np.array([np.nan, np.inf]),
    ],
)
def test_arrays_keep_dtype_shape_and_values(array):
    got = roundtrip(array)
    assert isinstance(got, np.ndarray)
    assert got.dtype == array.dtype and got.shape == array.shape
    np.testing.assert_array_equal(got, array)


def test_numpy_scalars_stay_numpy_scalars():
    for value in (np.float64(1.5), np.float32(2.5), np.int64(3), np.bool_(True)):
        got = roundtrip(value)
        assert type(got) is type(value) and got == value


def test_unsupported_values_are_marked_not_crashed():
    got = roundtrip({"f": len, "o": np.array([object()], dtype=object), "g": (x for x in [])})
    assert got["f"] == Unsupported("builtin_function_or_method")
    assert "dtype object" in got["o"].type_name
    assert got["g"] == Unsupported("generator")


def test_self_containing_list_is_refused_not_recursed_forever():
    loop = []
    loop.append(loop)
    assert "nested too deeply" in repr(roundtrip(loop))


def test_decoding_unknown_tags_builds_no_objects():
    assert isinstance(decode({"$": "pickle", "v": "gASV"}), Unsupported)
    assert isinstance(decode({"$": "ndarray", "dtype": "|O", "shape": [1], "data": ""}), Unsupported)


def test_malformed_data_decodes_to_a_marker():
    bad = {"$": "ndarray", "dtype": "<f8", "shape": [1000], "data": "AAAA"}
    assert decode(bad) == Unsupported("malformed 'ndarray' data")
    assert isinstance(decode({"$": "tuple"}), Unsupported)
