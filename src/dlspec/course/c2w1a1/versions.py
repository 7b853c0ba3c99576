"""The original course's versions of C2W1A1; both asked for what dlspec asks."""

from dlspec.checking.spec import Version

VERSIONS = [
    Version("2021-", marks=("public_tests",)),
    Version("2017-2020", marks=("init_utils",)),
]
