"""Every bad submission of the corpus gets exactly its verdict, the other functions are still graded, and nothing
of the learner's (the submitted file, the files beside it, the progress database) changes."""

import os
import sys

import pytest
from hostile_corpus import CORPUS, fx1_fast, snapshot, submit, victim, wrong

from dlspec.grader import grade

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the sandbox needs POSIX resource limits")


@pytest.fixture(scope="module")
def fx1():
    return fx1_fast()


def test_the_corpus_is_large_and_named_uniquely():
    assert len(CORPUS) >= 60
    assert len({b.name for b in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("bad", CORPUS, ids=[b.name for b in CORPUS])
def test_bad_submission_gets_its_verdict(fx1, bad, tmp_path):
    folder = tmp_path / "learner"
    before = victim(folder)
    path = submit(bad, folder)
    submitted = snapshot(folder)[path.name], path.stat().st_mtime_ns
    running = children()  # other tests may have left their own helpers running

    result = grade(fx1, path)

    assert wrong(bad, result) == ""
    assert (snapshot(folder)[path.name], path.stat().st_mtime_ns) == submitted
    assert snapshot(folder) == {**before, path.name: submitted[0]}
    assert set(children()) <= set(running)  # the sandboxed child is gone, and it started nothing that outlives it


def test_a_wrong_verdict_is_noticed(fx1, tmp_path):
    """The judge of the corpus itself can fail: a passing submission does not get a timeout's verdict."""
    timeout = next(b for b in CORPUS if b.name == "infinite loop")
    fine = next(b for b in CORPUS if b.name == "notebook format 4.0")
    assert wrong(timeout, grade(fx1, submit(fine, tmp_path))) != ""


def children():
    """Processes whose parent is this one (Linux; elsewhere, none are seen)."""
    found = []
    for pid in os.listdir("/proc") if sys.platform.startswith("linux") else []:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid():
            found.append(pid)
    return found
