"""What a result shares (dlspec.checking.aliases): found where identity still exists, in the runner, and judged
against what the reference's result shares."""

import numpy as np
import pytest

from dlspec.checking.aliases import inputs, shared, unexpected
from dlspec.course.assignment import load
from dlspec.grader import grade
from dlspec.notebook import check_function

ONE_DICT_ADAM = """import numpy as np

def initialize_adam(parameters):
    v = s = {}
    for l in range(1, len(parameters) // 2 + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s
"""

ONE_ZERO_ARRAY_ADAM = """import numpy as np

def initialize_adam(parameters):
    v, s = {}, {}
    for key, value in parameters.items():
        v["d" + key] = s["d" + key] = np.zeros(value.shape)
    return v, s
"""


def test_one_object_in_two_places_is_found_once():
    d = {"a": np.zeros(2)}
    assert shared((d, d)) == [("[1]", "[0]", "dict")]  # not again for d['a'] inside it
    z = np.zeros(3)
    assert shared({"v": z, "s": z[:2]}) == [("['s']", "['v']", "array")]  # a view shares its base's memory
    assert shared(([1], [1], np.zeros(2), np.zeros(2))) == []  # equal is not the same


def test_slices_that_do_not_overlap_are_not_shared():
    X = np.arange(20.0).reshape(2, 10)
    batches = [(X[:, k : k + 3], X[:, k : k + 3] * 2) for k in range(0, 9, 3)]
    assert shared(batches) == []


def test_inputs_are_what_the_caller_passed_before_the_call():
    params = {"W1": np.ones((2, 2))}
    before = inputs((params,), {})
    params["W1"] = params["W1"] - 1  # rebinding an entry: the caller's array is untouched
    assert shared(params, before) == [("", "<0>", "dict")]  # the dict itself is the caller's
    assert shared({"W1": params["W1"]}, before) == []


def test_only_what_the_reference_does_not_share_counts():
    found = [("[1]['A2']", "[0]", "array"), ("[1]", "[0]", "dict")]
    assert unexpected(found, [("[0]", "[1]['A2']", "array")]) == [("[1]", "[0]", "dict")]


def test_a_place_the_reference_fills_with_a_record_may_share_with_another_place():
    # rnn_forward: the reference's step 1 caches a_prev, the very a_next of step 0; a learner's may cache the
    # view a[:, :, 0] of the stacked states instead
    reference = [("[2][0][1][1]", "[2][0][0][0]", "array")]
    assert unexpected([("[2][0][1][1]", "[0]", "array")], reference) == []
    assert unexpected([("[1]", "[0]", "array")], reference) == [("[1]", "[0]", "array")]
    assert unexpected([("[2][0][1][1]", "[0]", "array")], [("[2][0][1][1]", "<0>", "array")]) != []


def test_rnn_forward_caching_views_of_its_stacked_states_passes():
    def rnn_forward(x, a0, parameters):
        from dlspec.nn.rnn import rnn_cell_forward

        n_x, m, T_x = x.shape
        n_y, n_a = parameters["Wya"].shape
        a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
        for t in range(T_x):
            a_prev = a0 if t == 0 else a[..., t - 1]
            a[..., t], y_pred[..., t], cache = rnn_cell_forward(x[..., t], a_prev, parameters)
            caches.append(cache)
        return a, y_pred, (caches, x)

    assert check_function(load("c5w1a1"), rnn_forward).first_failure is None


@pytest.mark.parametrize("sandbox", [True, False])
def test_adam_moments_in_one_dict_fail_naming_both(sandbox):
    adam = next(f for f in grade("c2w2a1", source=ONE_DICT_ADAM, sandbox=sandbox).functions
                if f.name == "initialize_adam")
    assert adam.points == 0
    assert "v and s are the same dict" in adam.first_failure.message


def test_adam_moments_sharing_arrays_fail_in_check_too():
    ns: dict = {}
    exec(ONE_ZERO_ARRAY_ADAM, ns)
    bad = check_function(load("c2w2a1"), ns["initialize_adam"]).first_failure
    assert "v['dW1'] and s['dW1'] are the same array" in bad.message


def test_a_cache_holding_its_inputs_like_the_reference_passes():
    """c1w4a1's linear_forward keeps (A, W, b) in its cache, and c1w3a1's forward_propagation returns A2 and keeps
    it in the cache: the reference's results share these too."""
    for aid in ("c1w3a1", "c1w4a1"):
        a = load(aid)
        fn = a.function("forward_propagation" if aid == "c1w3a1" else "linear_forward").resolve()
        assert check_function(a, fn).first_failure is None
