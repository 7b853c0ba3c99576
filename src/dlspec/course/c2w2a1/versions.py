"""The original course's versions of C2W2A1. Until 2020 Adam returned the parameters and its two moving averages
only (since 2021 also their bias-corrected values), and there was no learning-rate decay."""

import functools

from dlspec.checking.spec import Convention, Version


def three_values(update_parameters_with_adam):
    """Adam's update returning (parameters, v, s), as the 2017-2020 notebooks asked for it."""

    @functools.wraps(update_parameters_with_adam)  # the same parameters, for the messages that show them
    def update_parameters_with_adam_2017(*args, **kwargs):
        return update_parameters_with_adam(*args, **kwargs)[:3]

    return update_parameters_with_adam_2017


VERSIONS = [
    Version("2021-", marks=("public_tests",)),
    Version(
        "2017-2020",
        marks=("opt_utils", "opt_utils_v1a"),
        functions={
            "update_parameters_with_adam": Convention(adapt=f"{__name__}:three_values"),
            "update_lr": Convention(absent=True),
            "schedule_lr_decay": Convention(absent=True),
        },
    ),
]
