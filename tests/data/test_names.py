"""The names corpus of C5W1A2: what the character-level model trains on."""

import string

from dlspec import data


def test_names_are_distinct_lower_case_words_most_common_first():
    names = data.load("names")
    assert len(names) == 3000 == len(set(names))
    assert all(name and set(name) <= set(string.ascii_lowercase) for name in names)
    assert names[:3] == ["james", "john", "robert"]
    data.verify("names")
