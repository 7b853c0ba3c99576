"""The original's ``rnn_utils`` (Course 5 week 1): the softmax and the sigmoid its RNN and LSTM cells call.

The softmax normalises each column (one example) as the original's did. The original subtracted the largest score
of the whole array before exponentiating, dlspec each column's own: the same numbers, except that a column far
below the others can no longer underflow to 0/0. The 2017-2020 copy also held two Adam helpers that the notebook
never called; they are left out.
"""

from dlspec.nn.activations import sigmoid
from dlspec.nn.softmax import softmax

__all__ = ["sigmoid", "softmax"]
