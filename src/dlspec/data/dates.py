"""Dates as people write them, paired with the ISO date they mean (C5W3A1, neural machine translation; C5W4A1).

Generated, never downloaded, the way the original course's ``nmt_utils`` made them: Faker draws a date, Babel
writes it in one of the original's formats (``FORMATS``, the CLDR "full" style weighted ten times), the result is
lower-cased with its commas removed, and the target is ``date.isoformat()``: ``("tuesday march 5 1985",
"1985-03-05")``.

The original defined a list of locales but wrote every date in ``en_US`` (its ``locale=random.choice(LOCALES)``
was commented out), so that is the default here too: month and day names in American English, 37 characters in
all. ``load_dataset(..., locales=("en_US", "en_GB", "fr_FR"))`` mixes in other locales' month and day names for a
learner who wants a harder task; their "short" style is left out, since 05/03/85 means May in one locale and March in
another, and a date longer than ``TX`` characters is drawn again rather than cut.

Three things differ from the original, each because it was a bug there:

* years are written with ``y`` (the calendar year), not ``YYY``, which in CLDR is the *week-based* year: the original
  labelled "31 dec 2018" as 2018-12-31 while its input said 2019;
* dates are drawn from 1950 to 2049 (the original: 1970 to the day it ran, so the data changed every day), a
  hundred years, so a two-digit year (``dd.MM.yy``) still names exactly one date;
* ``string_to_int`` maps an unknown character to the index of ``<unk>``, where the original put the string
  "<unk>" itself into the list.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from faker import Faker

TX, TY = 30, 10  # longest human date (characters, longer ones are cut) and the length of an ISO date
N_DATES = 10_000
SEED = 12345  # the original's Faker.seed and random.seed
FIRST, LAST = datetime.date(1950, 1, 1), datetime.date(2049, 12, 31)
# The original's formats, CLDR patterns for Babel's format_date; "full" ten times, so a weekday often leads.
FORMATS = (
    "short", "medium", "long", *["full"] * 10,
    "d MMM y", "d MMMM y", "dd MMM y", "d MMM, y", "d MMMM, y", "dd, MMM y", "d MM yy", "d MMMM y", "MMMM d y",
    "MMMM d, y", "dd.MM.yy",
)  # fmt: skip
LOCALES = ("en_US",)
UNK, PAD = "<unk>", "<pad>"

Pair = tuple[str, str]


def _write(day: datetime.date, pattern: str, locale: str) -> str:
    from babel.dates import format_date

    return format_date(day, format=pattern, locale=locale).lower().replace(",", "")


def load_date(fake: Faker, rng: random.Random, locales: Sequence[str] = LOCALES) -> Pair:
    """One ``(human, machine)`` pair: a date drawn by ``fake`` (a seeded Faker), written as ``rng`` chooses."""
    while True:
        day = fake.date_between_dates(FIRST, LAST)
        locale = rng.choice(locales)
        formats = FORMATS if locale == "en_US" else [f for f in FORMATS if f != "short"]
        human = _write(day, rng.choice(formats), locale)
        if len(human) <= TX:
            return human, day.isoformat()


def load_dataset(
    m: int = N_DATES, seed: int = SEED, locales: Sequence[str] = LOCALES
) -> tuple[list[Pair], dict[str, int], dict[str, int], dict[int, str]]:
    """``m`` seeded pairs and the vocabularies, as the original returned them: ``dataset`` (a list of
    ``(human, machine)``), ``human_vocab`` (each character seen, sorted, then ``<unk>`` and ``<pad>``, to an index),
    ``machine_vocab`` (the 11 characters of ISO dates, sorted, to an index) and ``inv_machine_vocab`` (index to
    character)."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    dataset = [load_date(fake, rng, tuple(locales)) for _ in range(m)]
    human_chars = sorted({c for human, _ in dataset for c in human})
    machine_chars = sorted({c for _, machine in dataset for c in machine})
    human_vocab = {c: i for i, c in enumerate([*human_chars, UNK, PAD])}
    inv_machine_vocab = dict(enumerate(machine_chars))
    machine_vocab = {c: i for i, c in inv_machine_vocab.items()}
    return dataset, human_vocab, machine_vocab, inv_machine_vocab


def load_dates() -> tuple[list[Pair], dict[str, int], dict[str, int], dict[int, str]]:
    """The course's set: ``load_dataset(10000)`` with the original's seed."""
    return load_dataset(N_DATES, SEED)


def string_to_int(string: str, length: int, vocab: dict[str, int]) -> list[int]:
    """The indices of ``string``'s characters (lower-cased, commas removed, cut to ``length``), ``<unk>`` for a
    character not in ``vocab``, padded with ``<pad>`` to ``length`` when ``vocab`` has one."""
    string = string.lower().replace(",", "")[:length]
    unknown = vocab.get(UNK)
    ints = [vocab.get(c, unknown) for c in string]
    if None in ints:
        raise KeyError(f"{string!r} has characters outside the vocabulary, which has no {UNK}")
    if len(string) < length:  # a machine vocabulary has no <pad>: ISO dates fill Ty exactly
        ints += [vocab[PAD]] * (length - len(string))
    return ints  # type: ignore[return-value]


def int_to_string(ints: Sequence[int], inv_vocab: dict[int, str]) -> list[str]:
    """The characters of the indices ``ints``, as a list (join it for the string)."""
    return [inv_vocab[int(i)] for i in ints]


def preprocess_data(
    dataset: Sequence[Pair], human_vocab: dict[str, int], machine_vocab: dict[str, int], Tx: int, Ty: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``X (m, Tx)`` and ``Y (m, Ty)`` int64 indices, and their one-hot ``Xoh (m, Tx, len(human_vocab))`` and
    ``Yoh (m, Ty, len(machine_vocab))`` as float32, as the original's ``to_categorical`` made them."""
    humans, machines = zip(*dataset, strict=True) if dataset else ((), ())
    X = np.array([string_to_int(h, Tx, human_vocab) for h in humans], dtype=np.int64).reshape(-1, Tx)
    Y = np.array([string_to_int(t, Ty, machine_vocab) for t in machines], dtype=np.int64).reshape(-1, Ty)
    Xoh = np.eye(len(human_vocab), dtype=np.float32)[X]
    Yoh = np.eye(len(machine_vocab), dtype=np.float32)[Y]
    return X, Y, Xoh, Yoh
