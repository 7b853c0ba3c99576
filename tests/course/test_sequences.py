"""A list where a tuple is due (or the reverse) is right everywhere: compare.py and every judge agree
(docs/grader.md, "Lists and tuples")."""

from dlspec.course.assignment import load
from dlspec.nn.optim import random_mini_batches
from dlspec.nn.regularization import forward_propagation_with_dropout
from dlspec.notebook import check_function


def random_mini_batches_as_lists(X, Y, mini_batch_size=64, seed=0):
    return tuple([list(batch) for batch in random_mini_batches(X, Y, mini_batch_size, seed)])


def forward_propagation_with_dropout_as_lists(X, parameters, keep_prob=0.5):
    A3, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
    return [A3, list(cache)]


def test_lists_and_tuples_are_alike_in_judged_results():
    for aid, fn in (("c2w2a1", random_mini_batches_as_lists), ("c2w1a2", forward_propagation_with_dropout_as_lists)):
        fn.__name__ = fn.__name__.removesuffix("_as_lists")
        result = check_function(load(aid), fn)
        assert result.first_failure is None, result.first_failure.message
