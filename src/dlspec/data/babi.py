"""bAbI-style stories with questions whose answers are spans of the story, for the C5W4 question-answering lab,
generated (seeded).

The original lab used Facebook's bAbI tasks: short stories of people moving between rooms and carrying things,
each with a question answered by one word of the story. These are of the same kind, made here: people go to
places and pick up or drop objects, and the question asks where a person is (bAbI task 1) or where an object is
(task 2: where the last person who held it went, or where it was dropped). The answer is always a word of the story,
and ``start`` is the character where the occurrence that proves it begins.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PEOPLE = ["Mary", "John", "Sandra", "Daniel", "Fred", "Julie", "Bill", "Emma", "Jeff", "Lucy"]
PLACES = ["kitchen", "garden", "office", "bathroom", "hallway", "bedroom", "cellar", "park", "school", "cinema"]
OBJECTS = ["apple", "football", "milk", "key", "book", "umbrella"]
MOVES = ["went to", "moved to", "travelled to", "journeyed to", "went back to"]
TAKES, DROPS = ["picked up", "grabbed", "got", "took"], ["dropped", "put down", "left", "discarded"]


@dataclass(frozen=True)
class Example:
    story: str
    question: str
    answer: str
    start: int  # the answer is story[start : start + len(answer)]


def story(rng: random.Random, n_sentences: int) -> Example:
    """One story of ``n_sentences`` events and a question about its end state."""
    people = rng.sample(PEOPLE, 3)
    where: dict[str, tuple[str, int]] = {}  # person or object -> (place, character where its name is written)
    held: dict[str, str] = {}  # object -> who holds it
    text = ""
    for _ in range(n_sentences):
        person = rng.choice(people)
        carried = [o for o, p in held.items() if p == person]
        if person in where and carried and rng.random() < 0.3:
            thing = rng.choice(carried)
            line = f"{person} {rng.choice(DROPS)} the {thing}."
            del held[thing]
            where[thing] = where[person]  # where it lies: the place named when its holder last moved
        elif person in where and rng.random() < 0.3 and len(held) < len(OBJECTS):
            thing = rng.choice([o for o in OBJECTS if o not in held])
            line = f"{person} {rng.choice(TAKES)} the {thing}."
            held[thing] = person
            where.pop(thing, None)
        else:
            place = rng.choice(PLACES)
            line = f"{person} {rng.choice(MOVES)} the {place}."
            where[person] = (place, len(text) + line.rindex(place) + (1 if text else 0))
        text = f"{text} {line}" if text else line
    for thing, person in held.items():
        if person in where:
            where[thing] = where[person]
    asked = rng.choice(sorted(where))
    place, start = where[asked]
    question = f"Where is {asked}?" if asked in PEOPLE else f"Where is the {asked}?"
    return Example(text, question, place, start)


def make_stories(n: int, seed: int = 0, sentences: tuple[int, int] = (4, 10)) -> list[Example]:
    """``n`` stories of ``sentences`` events (inclusive range), the same for the same seed."""
    rng = random.Random(seed)
    return [story(rng, rng.randint(*sentences)) for _ in range(n)]
