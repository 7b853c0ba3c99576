"""The original course's notebook of C5W2A1: every version imported ``w2v_utils`` and asked for the same functions
(neutralize and equalize, optional there, are graded here)."""

from dlspec.checking.spec import Version

VERSIONS = [Version("2017-", marks=("w2v_utils",))]
