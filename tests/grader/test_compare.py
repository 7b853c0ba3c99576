import numpy as np
import pytest

from dlspec.checking.compare import compare
from dlspec.checking.diagnose import diagnose
from dlspec.checking.wire import Unsupported


def problem(got, expected, **tol):
    found = compare(got, expected, **tol)
    return None if found is None else (found.path + ": " if found.path else "") + found.problem


def test_array_where_float_was_due():
    assert problem(np.array([[0.5]]), 0.5) == "returned an ndarray of shape (1, 1) where a float was due"
    assert problem(np.array(0.5), 0.5) is None  # a 0-d array is a float in all but name (the original returned one)
    assert problem(np.array(0.4), 0.5) is not None
    assert problem(np.array([0.5]), 0.5) == "returned an ndarray of shape (1,) where a float was due"


@pytest.mark.parametrize("got", [np.float64(0.5), 0.5, np.float32(0.5)])
def test_any_float_type_is_a_float(got):
    assert problem(got, 0.5) is None


def test_float_where_0d_array_was_due_is_fine():
    assert problem(0.25, np.array(0.25)) is None


def test_bool_array_equals_01_ints():
    assert problem(np.array([True, False]), np.array([1, 0])) is None
    assert problem(np.array([[1, 0]]), np.array([[True, True]])) is not None


def test_container_types_lengths_and_keys():
    assert problem([1, 2], (1, 2)) is None and problem((1, 2), [1, 2]) is None  # a sequence is a sequence
    assert problem(np.array([1, 2]), (1, 2)) == "expected a tuple of 2 (int, int), got int64 array of shape (2,)"
    assert problem({"W1": 1}, ({"W1": 1}, [0.5])) == "expected a tuple of 2 (dict of 1, list of 1), got dict of 1, " \
        "the type of item 0 alone"
    assert problem(np.array([0.5, 0.25]), [0.5, 0.25]) is None  # costs as an array: the same numbers, in order
    assert (problem(np.array([[0.5, 0.25]]), [0.5, 0.25])
            == "expected a list of 2 (float, float), got float64 array of shape (1, 2)")
    assert problem((1, 2, 3), (1, 2)) == "expected 2 items (int, int), got 3 (int, int, int)"
    assert problem({"a": 1, "c": 2}, {"a": 1, "b": 2}) == "missing key(s) 'b'; unexpected key(s) 'c'"
    assert problem((np.zeros(2), {"w": np.ones((2, 1))}), (np.zeros(2), {"w": np.ones((1, 2))})) == (
        "[1]['w']: expected shape (1, 2), got shape (2, 1)"
    )


def test_value_mismatch_names_errors_and_first_index():
    expected = np.arange(6.0).reshape(2, 3)
    got = expected.copy()
    got[1, 2] += 0.5
    got[1, 1] += 0.25
    text = problem(got, expected)
    assert "values differ at 2 of 6 positions" in text
    assert "max abs error 0.5" in text and "max rel error 0.1" in text
    assert "first at [1, 1]: expected 4, got 4.25" in text


def test_tolerances_are_the_cases():
    assert problem(1.0 + 1e-7, 1.0) is None
    assert problem(1.0 + 1e-7, 1.0, rtol=1e-9, atol=0) is not None


def test_nan_matches_only_nan():
    assert problem(np.array([np.nan, 1.0]), np.array([np.nan, 1.0])) is None
    assert problem(np.array([np.nan, 1.0]), np.array([0.0, 1.0])) is not None


def test_strings_none_and_unsupported():
    assert problem("a", "a") is None
    assert problem("a", "b") == "expected 'b', got 'a'"
    assert problem(0, None) == "expected None, got 0"
    assert problem(Unsupported("torch.Tensor"), 1.0) == "returned a value of unsupported type torch.Tensor"


def diagnosis(got, expected, *args):
    found = diagnose(compare(got, expected), args)
    return found[0] if found else ""


X = np.random.default_rng(0).normal(size=(3, 7))
E = np.random.default_rng(1).normal(size=(4, 1))


def test_transposed():
    assert "transpose" in diagnosis(E.T, E, X)


def test_missing_keepdims():
    assert "keepdims" in diagnosis(E.ravel(), E, X)


def test_an_extra_axis_is_not_a_missing_keepdims():
    text = diagnosis(np.ones((6, 1)), np.ones(6), X)
    assert text.endswith("drop the extra axis of length 1 (reshape the result)") and "keepdims" not in text


def test_wrong_axis():
    assert "wrong axis" in diagnosis(np.ones((1, 7)), np.ones((3, 1)), X)
    assert "wrong axis, and keepdims=True" in diagnosis(np.ones(7), np.ones((3, 1)), X)
    assert diagnosis(np.zeros(3), np.ones((3, 1)), X).endswith("keep the reduced axis (keepdims=True)")


def test_missing_one_over_m():
    assert "m = 7 times too large" in diagnosis(E * 7, E, X)
    assert "m = 7 times too small" in diagnosis(E / 7, E, X)


def test_sign_flip():
    assert "wrong sign" in diagnosis(-E, E, X)


def test_constant_factor():
    assert "constant factor (got = 0.5" in diagnosis(E / 2, E, X)


def test_a_single_wrong_number_is_not_called_a_constant_factor():
    assert diagnosis(3.0, 1.5) == "" and diagnosis(np.array([3.0]), np.array([1.5])) == ""


def test_nan_in_output():
    got = E.copy()
    got[2, 0] = np.nan
    assert "NaN at [2, 0]" in diagnosis(got, E, X)


def test_array_for_float_says_whether_the_number_is_right():
    assert "The number inside is right" in diagnosis(np.array([[2.5]]), 2.5)
    assert "not an array" in diagnosis(np.array([[2.0]]), 2.5)
    assert "right" not in diagnosis(np.array([[2.0]]), 2.5)


def test_no_diagnosis_for_unrelated_values():
    assert diagnosis(E + np.arange(4).reshape(4, 1), E, X) == ""


@pytest.mark.parametrize("got", [-1.0690401, -1.06904000001, 1e-300])
def test_numbers_that_differ_never_print_alike(got):
    text = problem(got, -1.06904, rtol=1e-12, atol=0)
    shown = text.split(" (")[0]  # "expected A, got B"
    assert shown.startswith("expected -1.06904, got ") and shown != "expected -1.06904, got -1.06904"
    assert problem(np.array([0.5, got]), np.array([0.5, -1.06904]), rtol=1e-12, atol=0).endswith(shown)


def test_a_result_of_several_parts_says_which_are_right():
    from dlspec.checking.diagnose import parts

    grads = {"dZ3": np.ones(2), "dW3": np.ones(2), "dA2": np.ones(2)}
    wrong = {**grads, "dA2": np.zeros(2)}
    assert parts(wrong, grads, 1e-6, 1e-8, str) == "dZ3 and dW3 are right; dA2 differs"
    named = {"[0]": "parameters", "[1]": "v", "[2]": "s"}.get
    assert parts((0, 1.0, 2.0), (1, 1.0, 2.0), 1e-6, 1e-8, named) == "v and s are right; parameters differs"
    assert parts((0, 0), (1, 1), 1e-6, 1e-8, named) is None  # nothing right: nothing to locate
