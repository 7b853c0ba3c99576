"""The original course's versions of C1W2A2; both asked for what dlspec asks."""

from dlspec.checking.spec import Version

VERSIONS = [
    Version("2021-", marks=("public_tests",)),
    Version("2017-2020", marks=("lr_utils",)),
]
