"""``dlspec challenge``: list, show (writes the files, never over the learner's), submit, leaderboard, select,
finalise, each refusal with a clear message and the learner's files untouched."""

from pathlib import Path

import numpy as np
import pytest

from dlspec.challenges import bundle, play, schema
from dlspec.cli import main


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def fashion_csv(path: Path, wrong: int) -> Path:
    c = bundle.load("fashion-mnist")
    labels = play.solution(c)["label"].copy()
    labels[:wrong] = (labels[:wrong] + 1) % 10
    path.write_bytes(schema.write(c, {"label": labels}))
    return path


def test_list_names_the_three_challenges(here, capsys):
    assert main(["challenge", "list"]) == 0
    out = capsys.readouterr().out
    for slug in ("fashion-mnist", "support-survival", "robust-mnist"):
        assert slug in out


def test_show_describes_the_rules_says_labels_are_hidden_by_convention_and_writes_the_files(here, capsys):
    assert main(["challenge", "show", "fashion-mnist"]) == 0
    out = capsys.readouterr().out
    assert "Fashion-MNIST" in out and "300 public rows scored at once, 700 private rows" in out
    assert "hidden by convention only" in out and "classroom server" in out
    folder = here / "workspace" / "challenges" / "fashion-mnist"
    assert sorted(p.name for p in folder.iterdir()) == ["sample_submission.csv", "test.npz", "train.npz"]
    with np.load(folder / "test.npz") as z:
        assert sorted(z.files) == ["ids", "images"]


def test_show_never_overwrites_a_file_the_learner_changed(here, capsys):
    folder = here / "workspace" / "challenges" / "fashion-mnist"
    folder.mkdir(parents=True)
    (folder / "train.npz").write_bytes(b"my own training set")
    assert main(["challenge", "show", "fashion-mnist"]) == 0
    assert "kept your" in capsys.readouterr().out
    assert (folder / "train.npz").read_bytes() == b"my own training set"


def test_a_played_challenge_public_then_private_boards(here, capsys):
    first, second = fashion_csv(here / "first.csv", 400), fashion_csv(here / "second.csv", 150)
    assert main(["challenge", "submit", "fashion-mnist", str(first), "--note", "try 0"]) == 0
    assert main(["challenge", "submit", "fashion-mnist", str(second)]) == 2
    out = capsys.readouterr()
    assert "Submission #1 to fashion-mnist: public accuracy" in out.out
    assert "cool-down" in out.err and "Nothing was recorded" in out.err  # the second came too soon
    assert main(["challenge", "leaderboard", "fashion-mnist"]) == 0
    out = capsys.readouterr().out
    assert "public board (300 rows)" in out and "baseline small-cnn" in out and "you #1 try 0" in out
    assert "hidden until you finalise" in out
    assert main(["challenge", "leaderboard", "fashion-mnist", "--private"]) == 1
    assert "hidden until you finalise" in capsys.readouterr().out
    assert main(["challenge", "select", "fashion-mnist", "1"]) == 0
    assert main(["challenge", "finalise", "fashion-mnist", "--yes"]) == 0
    capsys.readouterr()
    assert main(["challenge", "leaderboard", "fashion-mnist", "--private"]) == 0
    out = capsys.readouterr().out
    assert "private board (700 rows)" in out and "95% interval" in out and "shake-up" in out
    assert "★ you #1 try 0" in out and "bootstrap interval" in out
    assert main(["challenge", "submit", "fashion-mnist", str(fashion_csv(here / "late.csv", 0))]) == 2
    assert "you finalised fashion-mnist" in capsys.readouterr().err


def test_a_broken_file_is_refused_with_its_reason_and_left_as_it_is(here, capsys):
    bad = here / "bad.csv"
    bad.write_text("id,prediction\n0,3\n")
    assert main(["challenge", "submit", "fashion-mnist", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "header must be exactly id,label" in err and "Nothing was recorded" in err
    assert bad.read_text() == "id,prediction\n0,3\n"
    assert main(["challenge", "submit", "fashion-mnist", str(here / "absent.csv")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_an_unknown_challenge_lists_the_known_ones(here, capsys):
    assert main(["challenge", "show", "imagenet"]) == 2
    assert "fashion-mnist" in capsys.readouterr().err


def test_finalise_asks_first(here, capsys, monkeypatch):
    main(["challenge", "submit", "fashion-mnist", str(fashion_csv(here / "a.csv", 10))])
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["challenge", "finalise", "fashion-mnist"]) == 1
    assert "Not finalised" in capsys.readouterr().out
