"""The original course's versions of C5W1A1; both asked for what dlspec asks (the backward functions, optional
there, are graded here in every version)."""

from dlspec.checking.spec import Version

VERSIONS = [
    Version("2021-", marks=("public_tests",)),
    Version("2017-2020", marks=("rnn_utils",)),
]
