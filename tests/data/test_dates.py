"""The dates of C5W3A1 and C5W4A1: human-written dates and the ISO dates they mean, generated with Faker and Babel."""

import datetime
import string

import numpy as np
import pytest

from dlspec import data
from dlspec.data import dates


@pytest.fixture(scope="module")
def course_set():
    return data.load("dates")


def test_the_course_set_has_the_original_vocabularies(course_set):
    dataset, human_vocab, machine_vocab, inv_machine_vocab = course_set
    assert len(dataset) == dates.N_DATES
    # the original's sizes: 37 human characters (with <unk> and <pad> last), 11 machine ones
    assert len(human_vocab) == 37 and list(human_vocab)[-2:] == ["<unk>", "<pad>"]
    assert list(human_vocab.values()) == list(range(37))
    assert set(human_vocab) - {"<unk>", "<pad>"} <= set(string.ascii_lowercase + string.digits + " ./")
    assert machine_vocab == {c: i for i, c in enumerate("-0123456789")}
    assert inv_machine_vocab == {i: c for c, i in machine_vocab.items()}
    data.verify("dates")


def test_every_pair_means_the_same_day(course_set):
    dataset = course_set[0]
    for human, machine in dataset:
        day = datetime.date.fromisoformat(machine)
        assert dates.FIRST <= day <= dates.LAST
        assert human == human.lower() and "," not in human and len(human) <= dates.TX
        assert str(day.day) in human
        # the year as written (four digits, or two where the format has two) is the date's own, never the
        # week-based year the original's "YYY" wrote
        assert str(day.year) in human or human.endswith(f"{day.year % 100:02d}")


def test_the_formats_and_weekdays_all_appear(course_set):
    humans = [h for h, _ in course_set[0]]
    weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    assert sum(h.split()[0] in weekdays for h in humans) > len(humans) / 3  # "full" is drawn ten times in 24
    assert any("/" in h for h in humans) and any("." in h for h in humans)
    assert len(set(humans)) > 0.9 * len(humans)


def test_a_seed_gives_the_same_dates_and_another_seed_others():
    a, b, c = dates.load_dataset(50, seed=1), dates.load_dataset(50, seed=1), dates.load_dataset(50, seed=2)
    assert a == b and a[0] != c[0]


def test_other_locales_bring_their_month_names_and_no_ambiguous_short_dates():
    dataset, human_vocab, _, _ = dates.load_dataset(400, seed=3, locales=("en_US", "fr_FR", "de_DE"))
    humans = " ".join(h for h, _ in dataset)
    assert "mars" in humans or "märz" in humans
    assert {"é", "ä"} & set(human_vocab)
    assert all(len(h) <= dates.TX for h, _ in dataset)


def test_string_to_int_pads_cuts_and_marks_unknown_characters():
    vocab = {"a": 0, "b": 1, " ": 2, "<unk>": 3, "<pad>": 4}
    assert dates.string_to_int("A, b", 6, vocab) == [0, 2, 1, 4, 4, 4]
    assert dates.string_to_int("abz", 2, vocab) == [0, 1]
    assert dates.string_to_int("zab", 4, vocab) == [3, 0, 1, 4]
    with pytest.raises(KeyError, match="no <unk>"):
        dates.string_to_int("x", 1, {"a": 0})
    assert dates.int_to_string([1, 0], {0: "a", 1: "b"}) == ["b", "a"]


def test_preprocess_data_makes_indices_and_one_hot_rows(course_set):
    dataset, human_vocab, machine_vocab, inv_machine_vocab = course_set
    X, Y, Xoh, Yoh = dates.preprocess_data(dataset[:20], human_vocab, machine_vocab, dates.TX, dates.TY)
    assert X.shape == (20, 30) and Y.shape == (20, 10) and X.dtype == Y.dtype == np.int64
    assert Xoh.shape == (20, 30, 37) and Yoh.shape == (20, 10, 11) and Xoh.dtype == np.float32
    np.testing.assert_array_equal(Xoh.argmax(-1), X)
    np.testing.assert_array_equal(Xoh.sum(-1), 1)
    assert "".join(dates.int_to_string(Y[0], inv_machine_vocab)) == dataset[0][1]
    human = dataset[0][0]
    assert X[0, len(human):].tolist() == [human_vocab["<pad>"]] * (30 - len(human))
