"""The original course's versions of C1W2A1; until 2020 the row normaliser was called ``normalizeRows``."""

from dlspec.checking.spec import Convention, Version

VERSIONS = [
    Version("2021-", marks=("public_tests",)),
    Version("2017-2020", marks=("normalizeRows",), functions={"normalize_rows": Convention(name="normalizeRows")}),
]
