"""The curriculum registry: five courses and a sixth part beyond them, every assignment of the original, and
availability read off the folders."""

import pytest

from dlspec.course import catalog, quiz

# The current (2021+) programming assignments, in the original's order, plus dlspec's new c2w3a2 and Course 3's
# two notebooks (the original had no programming in Course 3).
ASSIGNMENTS = [
    "c1w2a1", "c1w2a2", "c1w3a1", "c1w4a1", "c1w4a2",
    "c2w1a1", "c2w1a2", "c2w1a3", "c2w2a1", "c2w3a1", "c2w3a2",
    "c3w1a1", "c3w2a1",
    "c4w1a1", "c4w1a2", "c4w2a1", "c4w2a2", "c4w3a1", "c4w3a2", "c4w4a1", "c4w4a2",
    "c5w1a1", "c5w1a2", "c5w1a3", "c5w2a1", "c5w2a2", "c5w3a1", "c5w3a2", "c5w4a1",
    "c6w1a1", "c6w2a1", "c6w3a1", "c6w4a1",
]  # fmt: skip
WEEKS = {1: 4, 2: 3, 3: 2, 4: 4, 5: 4, 6: 5}
PROJECT_WEEKS = {(6, 5)}  # "Your own projects": a capstone, no quiz


def _ids(kind: str) -> list[str]:
    return [i.id for i in catalog.items() if i.kind == kind]


def test_five_courses_and_the_part_beyond_with_their_weeks():
    courses = catalog.courses()
    assert [c.number for c in courses] == [1, 2, 3, 4, 5, 6]
    assert courses[5].title == "Beyond the specialization"
    assert {c.number: len(c.weeks) for c in courses} == WEEKS
    assert courses[2].title == "Structuring Machine Learning Projects"
    for c in courses:
        assert [w.number for w in c.weeks] == list(range(1, len(c.weeks) + 1))
        for w in c.weeks:
            assert w.course == c.number and w.title
            assert 2 <= w.summary.count(". ") + 1 <= 4, f"c{c.number}w{w.number}: summary should be 2-4 sentences"
            assert all((i.course, i.week) == (c.number, w.number) for i in w.items)


def test_every_curriculum_assignment_in_order():
    assert _ids("assignment") == ASSIGNMENTS
    assert catalog.item("c2w3a1").title == "Introduction to PyTorch"
    assert catalog.item("c2w3a2").title == "Hyper-parameter tuning and batch normalization"
    assert catalog.item("c1w2a1").title == "Python basics with NumPy"


def test_a_quiz_every_week_and_the_transformer_labs():
    quizzes = _ids("quiz")
    assert quizzes == [f"c{c}w{w}" for c, n in WEEKS.items() for w in range(1, n + 1) if (c, w) not in PROJECT_WEEKS]
    assert _ids("project") == ["c6w5p1"]
    assert _ids("lab") == ["c5w4l1", "c5w4l2", "c5w4l3"]
    assert "case study" in catalog.item("c3w1").title and "case study" in catalog.item("c3w2").title


def test_item_lookup_is_case_insensitive():
    found = catalog.item(" C4W3A2 ")
    assert (found.id, found.kind, found.course, found.week) == ("c4w3a2", "assignment", 4, 3)


def test_unknown_item_names_close_ids():
    with pytest.raises(KeyError, match=r"no course item 'c1w2a3'; did you mean .*c1w2a2"):
        catalog.item("c1w2a3")
    with pytest.raises(KeyError, match="ids look like"):
        catalog.item("banana")


def test_availability_follows_the_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "COURSE_DIR", tmp_path)
    assert not any(i.available for i in catalog.items())

    (tmp_path / "c1w2a2").mkdir()
    assert not catalog.item("c1w2a2").available, "a folder without assignment.toml is not an assignment"
    (tmp_path / "c1w2a2" / "assignment.toml").write_text('id = "c1w2a2"\n')
    (tmp_path / "c5w4l1").mkdir()
    (tmp_path / "c5w4l1" / "assignment.toml").write_text('id = "c5w4l1"\n')
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "c3w2.toml").write_text('id = "c3w2"\n')

    assert {i.id for i in catalog.items() if i.available} == {"c1w2a2", "c5w4l1", "c3w2"}
    (tmp_path / "quizzes" / "c3w2.toml").unlink()
    assert not catalog.item("c3w2").available, "availability must not be cached"


def test_shipped_quiz_banks_are_available_under_the_registry_title():
    shipped = [i for i in catalog.items() if i.kind == "quiz" and i.available]
    assert {"c1w1", "c1w2", "c1w3", "c1w4"} <= {i.id for i in shipped}
    for i in shipped:
        assert quiz.load(i.id).title == i.title, f"{i.id}: bank and registry disagree on the title"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('id = "c1w3a1"\nkind = "assignment"', "listed under course 1 week 2"),
        ('id = "c1w2a9"\nkind = "quiz"', "its id says 'assignment'"),
        ('id = "c1w2a1"\nkind = "assignment"', "listed twice"),
    ],
)
def test_registry_rejects_misfiled_items(tmp_path, monkeypatch, bad, message):
    registry = tmp_path / "registry.toml"
    registry.write_text(
        '[[course]]\nnumber = 1\ntitle = "C"\n[[course.week]]\nnumber = 2\ntitle = "W"\nsummary = "S."\n'
        '[[course.week.item]]\nid = "c1w2a1"\nkind = "assignment"\ntitle = "A"\n'
        f'[[course.week.item]]\n{bad}\ntitle = "B"\n'
    )
    monkeypatch.setattr(catalog, "REGISTRY", registry)
    catalog._registry.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            catalog.courses()
    finally:
        catalog._registry.cache_clear()
