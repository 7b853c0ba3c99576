"""The original's ``utils`` (Course 5 week 1, "Dinosaurus Island"): the RNN's forward and backward passes through
time, the update, the initialisation, the smoothed loss and the sample printers that its notebook imported with
``from utils import *``.

One difference: ``rnn_forward`` reads the size of the one-hot inputs off ``Wax`` instead of its ``vocab_size=27``
default, so the grader's smaller alphabets run through a saved notebook's ``optimize``; for 27 characters it is
the same.
"""

from dlspec.nn.char_lm import (
    get_initial_loss,
    get_sample,
    initialize_parameters,
    print_sample,
    rnn_backward,
    rnn_forward,
    rnn_step_backward,
    rnn_step_forward,
    smooth,
    softmax,
    update_parameters,
)

__all__ = [
    "get_initial_loss", "get_sample", "initialize_parameters", "print_sample", "rnn_backward", "rnn_forward",
    "rnn_step_backward", "rnn_step_forward", "smooth", "softmax", "update_parameters",
]  # fmt: skip
