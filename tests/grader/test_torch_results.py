"""Graded functions may return torch tensors: they cross the wire as values plus type, and compare by value."""

import numpy as np
import torch

from dlspec.checking.compare import compare, describe
from dlspec.checking.diagnose import diagnose
from dlspec.checking.wire import TorchTensor, Unsupported, decode, encode


def roundtrip(value):
    return decode(encode(value))


def test_a_tensor_comes_back_with_its_values_dtype_and_grad_flag():
    t = torch.tensor([[1.5, -2.0], [3.0, 4.25]], requires_grad=True)
    got = roundtrip(t)
    assert isinstance(got, TorchTensor)
    assert got.dtype == "torch.float32" and got.requires_grad is True
    np.testing.assert_array_equal(got.array, t.detach().numpy())


def test_tensors_inside_dicts_and_tuples_and_0d_tensors_survive():
    got = roundtrip(({"W1": torch.ones(2, 3, dtype=torch.float64)}, torch.tensor(7.0)))
    assert isinstance(got, tuple) and got[0]["W1"].dtype == "torch.float64" and got[0]["W1"].array.shape == (2, 3)
    assert got[1].array.shape == () and got[1].requires_grad is False


def test_a_tensor_numpy_cannot_hold_is_marked_unsupported():
    assert roundtrip(torch.zeros(2, dtype=torch.bfloat16)) == Unsupported("torch.Tensor")


def test_a_malformed_torch_tag_does_not_crash_decoding():
    assert isinstance(decode({"$": "torch", "dtype": "x", "requires_grad": 0, "v": 3}), Unsupported)


def test_a_tensor_matches_the_reference_tensor_within_tolerance():
    ref = torch.tensor([0.1, 0.2, 0.3])
    assert compare(roundtrip(ref + 1e-9), ref, rtol=1e-6, atol=1e-7) is None
    wrong = compare(roundtrip(ref * 2), ref)
    assert wrong is not None and "values differ at 3 of 3 positions" in wrong.problem


def test_an_ndarray_where_a_tensor_was_due_is_named_as_such():
    ref = {"Y": torch.zeros(4, 1)}
    found = compare(roundtrip({"Y": np.zeros((4, 1), dtype=np.float32)}), ref)
    assert found.path == "['Y']" and found.problem == "returned an ndarray where a torch.Tensor was due"


def test_a_float_where_a_tensor_was_due_and_a_wrong_shape_are_reported():
    assert compare(2.0, torch.tensor(2.0)).problem == "returned a float where a torch.Tensor was due"
    assert compare(roundtrip(torch.zeros(3)), torch.zeros(3, 1)).problem == "expected shape (3, 1), got shape (3,)"


def test_a_tensor_of_another_dtype_is_named_even_with_equal_values():
    ref = torch.tensor([0.0, 1.0, 0.0])
    assert compare(roundtrip(ref.long()), ref).problem == "returned a torch.int64 tensor where torch.float32 was due"
    found = compare(roundtrip(ref.double()), ref)
    assert found.problem == "returned a torch.float64 tensor where torch.float32 was due"


def test_describe_names_a_tensor():
    assert describe(roundtrip(torch.zeros(2, 5))) == "torch.float32 tensor of shape (2, 5)"


def test_a_result_cut_off_from_autograd_is_named_when_the_reference_keeps_its_graph():
    w = torch.ones(3, requires_grad=True)
    found = compare(roundtrip((w * 2).detach()), w * 2)
    assert found.problem.startswith("the result does not require gradients, so backward() cannot reach the inputs")
    assert compare(roundtrip(w * 2), w * 2) is None


def test_a_computed_tensor_comes_back_marked_as_not_a_leaf():
    w = torch.ones(2, requires_grad=True)
    assert roundtrip(w).is_leaf is True and roundtrip(w * 3).is_leaf is False


def test_diagnoses_see_a_tensors_values_but_not_across_a_type_mismatch():
    expected = torch.arange(6.0).reshape(2, 3)
    found = compare(roundtrip(expected.T.contiguous()), expected)
    assert diagnose(found, ()) == ["the result is the transpose of the expected one ((3, 2) instead of (2, 3))"]
    assert diagnose(compare(-expected.numpy(), expected), ()) == []  # the ndarray is the problem, not the sign
