"""Robust-MNIST's model submissions: a state_dict judged in a confined child, bad files refused with reasons."""

import io
import os

import numpy as np
import pytest
import torch

from dlspec.challenges import bundle, modelrun, play
from dlspec.challenges.robust_mnist import task
from dlspec.challenges.schema import SubmissionError
from dlspec.data.pretrained import robust_mnist_cnn
from dlspec.nn.adversarial import SmallCNN, predict


@pytest.fixture(scope="module")
def robust():
    return bundle.load("robust-mnist")


def weights_bytes(state) -> bytes:
    buf = io.BytesIO()
    torch.save(state, buf)
    return buf.getvalue()


def test_a_state_dict_is_judged_in_the_child_on_the_hidden_digits(robust):
    torch.manual_seed(0)
    model = SmallCNN().eval()
    out = modelrun.evaluate(robust, weights_bytes(model.state_dict()), limit=8)
    assert set(out) == {"clean", "robust"} and out["clean"].shape == (robust.rows,)
    images = torch.tensor(task.load_mnist()[2][:8, None] / 255.0, dtype=torch.float32)
    assert np.array_equal(out["clean"][:8], predict(model, images).numpy())
    assert (out["clean"][8:] == -1).all() and (out["robust"][8:] == -1).all()
    labels = play.solution(robust)["label"][:8]
    assert ((out["robust"][:8] == labels) <= (out["clean"][:8] == labels)).all()  # attacks only take away


def test_the_childs_progress_is_heard_while_it_works(robust):
    heard = []
    model = robust_mnist_cnn("standard")  # right on most clean digits, so the battery has work to do
    modelrun.evaluate(robust, weights_bytes(model.state_dict()), limit=4, progress=heard.append)
    assert heard[0].startswith("attack 1 of 4, FGSM, on the ") and heard[-1].startswith("done: ")
    assert heard[-1].endswith(" of 4 digits withstood every attack")


def test_a_file_that_is_not_tensors_is_refused_without_running_it(robust, tmp_path):
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    buf = io.BytesIO()
    torch.save({"fc1.weight": Evil()}, buf, pickle_protocol=2)  # unpickled, it would run a command
    with pytest.raises(SubmissionError, match=r"not a state_dict torch\.load"):
        modelrun.evaluate(robust, buf.getvalue(), limit=2)
    with pytest.raises(SubmissionError, match="not a state_dict"):
        modelrun.evaluate(robust, b"not a torch file at all", limit=2)
    assert not marker.exists()


def test_another_architecture_names_what_differs():
    state = SmallCNN().state_dict()
    state["fc2.weight"] = torch.zeros(5, 128)
    del state["fc2.bias"]
    state["extra"] = torch.zeros(1)
    wanted = r"missing fc2.bias; unexpected extra; wrong shapes: fc2.weight \(5, 128\)"
    with pytest.raises(SubmissionError, match=wanted):
        task.model_from(state)
    with pytest.raises(SubmissionError, match="must hold a state_dict"):
        task.model_from({"fc2.weight": [1, 2]})


def test_a_model_submission_checks_the_limits_before_the_attacks(robust, tmp_path, monkeypatch):
    from dlspec.challenges import ledger

    conn = ledger.connect(tmp_path / "c.db")
    ran = []

    def answer(challenge, data):
        ran.append(data)
        labels = play.solution(challenge)["label"]
        return {"clean": labels, "robust": labels}

    play.submit(conn, robust, b"weights one", "a.pt", answer=answer)
    with pytest.raises(ledger.RefusedError, match="identical to submission #1"):
        play.submit(conn, robust, b"weights one", "a.pt", answer=answer)
    with pytest.raises(ledger.RefusedError, match="cool-down: 10 minutes"):
        play.submit(conn, robust, b"weights two", "b.pt", answer=answer)
    assert ran == [b"weights one"]  # neither refused file was judged


def test_a_model_below_the_clean_floor_is_shown_but_not_ranked(robust, tmp_path):
    from dlspec.challenges import ledger

    conn = ledger.connect(tmp_path / "c.db")
    labels = play.solution(robust)["label"]
    ones = np.ones_like(labels)  # always "1": never fooled into another class, and useless
    play.submit(conn, robust, b"always one", "one.pt", answer=lambda c, d: {"clean": ones, "robust": ones})
    board = play.board(conn, robust)
    mine = next(e for e in board.entries if not e.baseline)
    assert not mine.ranked and mine.public_rank is None and board.entries[-1] is mine
    assert mine.secondary["clean_accuracy"] < 0.9
    assert [e.public_rank for e in board.entries if e.ranked] == list(range(1, len(board.entries)))


def test_the_stored_baseline_outputs_are_what_the_battery_gives_today(robust):
    """The standard CNN on the first 30 digits, in process: a change to the attacks or the shipped weights shows."""
    stored = robust.baseline_outputs()["standard"]
    out = task.evaluate(robust_mnist_cnn("standard").state_dict(), limit=30)
    assert np.array_equal(out["clean"][:30], stored["clean"][:30])
    assert np.array_equal(out["robust"][:30], stored["robust"][:30])
