"""Résumé-like sentences with labelled entities, for the C5W4 named-entity recognition lab, generated (seeded).

The original lab fine-tuned on 220 real résumés annotated with spans (name, designation, companies, skills,
degree, college, location, ...). These are short sentences of the same kind, built from templates whose slots are
filled by Faker (names, companies, cities, job titles, dates) and by lists in this module (skills, degrees), so
the labels are exact. Each sentence is a list of words with one BIO tag per word: ``B-X`` begins an entity of type
X, ``I-X`` continues it, ``O`` is outside every entity.
"""

from __future__ import annotations

import random
import re

from faker import Faker

ENTITY_TYPES = ("NAME", "DESIGNATION", "COMPANY", "SKILL", "DEGREE", "COLLEGE", "LOCATION", "DATE")
TAGS = ("O", *(f"{bio}-{kind}" for kind in ENTITY_TYPES for bio in "BI"))

SKILLS = [
    "Python", "Java", "SQL", "machine learning", "deep learning", "data analysis", "project management",
    "JavaScript", "C++", "Excel", "Tableau", "cloud computing", "AWS", "Docker", "Kubernetes", "React",
    "natural language processing", "computer vision", "statistics", "Linux", "accounting", "sales",
    "customer service", "TensorFlow", "PyTorch", "Spark", "Hadoop", "negotiation", "public speaking",
]  # fmt: skip
DEGREES = [
    "Bachelor of Science", "Master of Science", "MBA", "B.Tech", "M.Tech", "PhD", "Bachelor of Arts",
    "Master of Computer Applications", "B.E.", "Bachelor of Commerce", "Master of Engineering",
]  # fmt: skip
COLLEGE_PATTERNS = ["University of {city}", "{last} College", "{city} Institute of Technology", "{last} University"]

TEMPLATES = [
    "{NAME} is a {DESIGNATION} at {COMPANY} in {LOCATION} .",
    "{NAME} worked as {DESIGNATION} for {COMPANY} from {DATE} to {DATE} .",
    "Skills : {SKILL} , {SKILL} and {SKILL} .",
    "{NAME} holds a {DEGREE} from {COLLEGE} , awarded in {DATE} .",
    "Experienced in {SKILL} and {SKILL} , {NAME} is looking for a role in {LOCATION} .",
    "Education : {DEGREE} , {COLLEGE} , {DATE} .",
    "Currently {DESIGNATION} at {COMPANY} , using {SKILL} every day .",
    "{NAME} , {LOCATION} - {DESIGNATION} with strong {SKILL} skills .",
    "Previously at {COMPANY} ( {LOCATION} ) as a {DESIGNATION} since {DATE} .",
    "Completed a {DEGREE} at {COLLEGE} and joined {COMPANY} in {DATE} .",
    "Contact {NAME} for {SKILL} projects in {LOCATION} .",
    "Led a team of five at {COMPANY} ; tools : {SKILL} , {SKILL} .",
]


def _value(kind: str, fake: Faker, rng: random.Random) -> str:
    if kind == "NAME":
        return fake.name()
    if kind == "DESIGNATION":
        return fake.job().split(",")[0]  # "Engineer, civil" -> "Engineer"
    if kind == "COMPANY":
        return fake.company()
    if kind == "SKILL":
        return rng.choice(SKILLS)
    if kind == "DEGREE":
        return rng.choice(DEGREES)
    if kind == "COLLEGE":
        return rng.choice(COLLEGE_PATTERNS).format(city=fake.city(), last=fake.last_name())
    if kind == "LOCATION":
        return f"{fake.city()} , {fake.state_abbr()}" if rng.random() < 0.3 else fake.city()
    return rng.choice([fake.month_name() + " " + fake.year(), fake.year(), fake.date("%m/%Y")])


def sentence(fake: Faker, rng: random.Random) -> tuple[list[str], list[str]]:
    """One sentence: its words and their BIO tags."""
    words: list[str] = []
    tags: list[str] = []
    for token in rng.choice(TEMPLATES).split():
        slot = re.fullmatch(r"\{([A-Z]+)\}", token)
        if slot is None:
            words.append(token)
            tags.append("O")
            continue
        kind = slot.group(1)
        value = _value(kind, fake, rng).split()
        words.extend(value)
        tags.extend([f"B-{kind}"] + [f"I-{kind}"] * (len(value) - 1))
    return words, tags


def make_resumes(n: int, seed: int = 0) -> list[tuple[list[str], list[str]]]:
    """``n`` sentences, the same for the same seed (Faker pinned in constraints.txt)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    return [sentence(fake, rng) for _ in range(n)]


def spans(tags: list[str]) -> set[tuple[str, int, int]]:
    """The entities of a tag sequence as ``(type, first word, last word + 1)``; an ``I-X`` that does not follow
    a ``B-X`` or ``I-X`` starts an entity of its own (the usual lenient reading of BIO)."""
    found, kind, start = set(), None, 0
    for i, tag in enumerate([*tags, "O"]):
        continues = tag.startswith("I-") and tag[2:] == kind
        if kind is not None and not continues:
            found.add((kind, start, i))
            kind = None
        if tag != "O" and not continues:
            kind, start = tag[2:], i
    return found
