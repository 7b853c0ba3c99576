import os
import threading
import time

import pytest

from dlspec import watch
from dlspec.cli import main

WAIT = 10  # seconds before a test gives up waiting for a call (a hang, not a speed check)


def start_watching(path, events: bool):
    """Watch ``path`` in a thread. With events on, polling is made too slow to matter, so events must work."""
    calls = []
    called = threading.Event()
    stop = threading.Event()

    def on_save():
        calls.append(path.read_text())
        called.set()

    options = {"events": events, "stop": stop, "debounce": 0.05, "poll": 60 if events else 0.05}
    thread = threading.Thread(target=watch.watch, args=(path, on_save), kwargs=options)
    thread.start()
    time.sleep(0.3)  # let the observer start before the first save
    return calls, called, stop, thread


def save(path, text: str) -> None:
    """Save the way Jupyter does: a temporary file renamed over the notebook."""
    tmp = path.with_name(f".~{path.name}")
    tmp.write_text(text)
    os.replace(tmp, path)


@pytest.mark.parametrize("events", [True, False], ids=["events", "polling"])
def test_each_save_calls_once_and_other_files_are_ignored(tmp_path, events):
    path = tmp_path / "nb.ipynb"
    path.write_text("v0")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    calls, called, stop, thread = start_watching(path, events)
    try:
        (tmp_path / ".ipynb_checkpoints" / "nb-checkpoint.ipynb").write_text("checkpoint")
        (tmp_path / "other.ipynb").write_text("other")
        save(path, "v1")
        assert called.wait(WAIT)
        called.clear()
        save(path, "v2 longer")
        assert called.wait(WAIT)
    finally:
        stop.set()
        thread.join(WAIT)
    assert not thread.is_alive()
    assert calls == ["v1", "v2 longer"]


def test_watch_command_grades_each_changed_save_and_announces_the_pass(ws, grader, save, monkeypatch, capsys):
    def fake_watch(path, on_save, events=True, stop=None):
        save(path, "# half")
        on_save()
        on_save()  # saved again without a code change: no new verdict
        save(path, "# pass")
        on_save()
        raise KeyboardInterrupt

    monkeypatch.setattr(watch, "watch", fake_watch)
    assert main(["watch", "c9w1a1"]) == 0
    out = capsys.readouterr().out
    assert out.count("score ") == 3  # the first look, then two changes
    assert "0/2" in out and "not passed yet" in out
    assert "All 2 functions pass. Record it: dlspec submit c9w1a1" in out
    assert "stopped watching" in out
    assert "recorded" not in out and not (ws / ".dlspec" / "progress.db").exists()  # watching records nothing


def test_watch_keys_give_a_hint_for_the_first_failing_function_and_quit(ws, grader, monkeypatch, capsys):
    import io

    from dlspec import workspace
    from dlspec.progress import store

    def fake_watch(path, on_save, events=True, stop=None):
        assert stop.wait(WAIT)  # set by the q key

    monkeypatch.setattr("sys.stdin", io.StringIO("h\nh\nq\n"))
    monkeypatch.setattr(watch, "watch", fake_watch)
    assert main(["watch", "c9w1a1"]) == 0
    out = capsys.readouterr().out
    assert "h Enter: a hint for sigmoid" in out
    assert "hint 1 of 3 for sigmoid" in out and "hint 2 of 3 for sigmoid" in out and "stopped watching" in out
    assert store.hint_level(store.connect(workspace.database(ws)), "c9w1a1", "sigmoid") == 2
