"""The sandboxed runner: limits are hit and reported as such, and the rest of the grade goes on."""

import dataclasses
import json
import os
import socket
import subprocess
import sys

import pytest
from conftest import FIXTURES, REFERENCE_SOURCE, notebook, with_function
from test_grade import as_submission

from dlspec.grader import grade
from dlspec.grader import sandbox as sb

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the sandbox needs POSIX resource limits")


def statuses(result, name):
    return [c.status for c in next(f for f in result.functions if f.name == name).checks]


def test_reference_scores_full_marks(fx1):
    result = grade(fx1, source=REFERENCE_SOURCE)
    assert result.score == 1.0 and result.output == "" and result.warnings == []


def test_infinite_loop_times_out_once_and_the_rest_is_graded(fx1):
    result = grade(fx1, source=with_function(REFERENCE_SOURCE, "def init_w(n, k):\n    while True:\n        pass"))
    f = result.functions[3]
    assert [c.status for c in f.checks] == ["timeout", "not_run", "not_run", "not_run"]
    assert f.checks[0].message == "case 'example' (n 3, k 2): exceeded 2 s"
    assert [g.status for g in result.functions[:3]] == ["passed"] * 3
    assert result.score == pytest.approx(5 / 6)


def test_huge_allocation_reports_out_of_memory_with_the_limit(fx1):
    # 3.2 GB: fails only because of the 2 GiB address-space limit, not for lack of RAM
    src = with_function(REFERENCE_SOURCE, "def project(W, X):\n    big = np.ones(4 * 10**8)\n    return W @ X")
    f = grade(fx1, source=src).functions[2]
    assert f.checks[0].status == "crashed"
    assert f.checks[0].message.endswith("ran out of memory (limit 2 GiB)")
    src = with_function(REFERENCE_SOURCE, "def project(W, X):\n    return np.ones(10**11)")
    assert grade(fx1, source=src).functions[2].checks[0].message.endswith("ran out of memory (limit 2 GiB)")



@pytest.fixture
def like_macos(monkeypatch):
    """macOS accepts RLIMIT_AS and ignores it: simulate that by not setting it, so only the parent's watcher of the
    child's resident memory stands between a memory bomb and the machine."""
    monkeypatch.setattr(sb, "address_space_enforced", lambda: False)


def test_where_the_os_ignores_the_address_space_limit_reserving_memory_is_allowed(fx1, like_macos):
    # 3.2 GB reserved, never touched: the RLIMIT_AS path refuses it (above); with the limit off it is harmless
    src = with_function(REFERENCE_SOURCE, "def project(W, X):\n    big = np.empty(4 * 10**8)\n    return W @ X")
    assert statuses(grade(fx1, source=src), "project") == ["passed"] * 4


@pytest.fixture
def limit_192_mib(fx1):
    """fx1 with a 192 MiB memory limit, as an assignment.toml's [limits] sets it: the default 2 GiB takes seconds of
    page faults to reach on a slow CI machine."""
    return dataclasses.replace(fx1, limits={"memory": 192 * 2**20})


# 32 MiB a step, each written so that it is resident, towards 1 GiB: the watcher must stop it near the limit
BOMB = "[np.ones(2**22) for _ in range(32)]"


def test_where_the_os_ignores_the_address_space_limit_the_parent_kills_a_memory_bomb(like_macos, limit_192_mib):
    bomb = f"def project(W, X):\n    {BOMB}\n    return W @ X"
    result = grade(limit_192_mib, source=with_function(REFERENCE_SOURCE, bomb))
    f = result.functions[2]
    assert f.checks[0].status == "crashed"
    assert f.checks[0].message.endswith("ran out of memory (limit 192 MiB)")
    assert [g.status for g in result.functions[:2]] == ["passed"] * 2 and result.functions[3].status == "passed"


def test_a_memory_bomb_while_loading_makes_the_submission_not_gradable(like_macos, limit_192_mib):
    result = grade(limit_192_mib, source=with_function(REFERENCE_SOURCE, f"class Hoard:\n    kept = {BOMB}"))
    assert not result.gradable
    assert result.message == "the submission crashed while loading: ran out of memory (limit 192 MiB)"


def test_a_watched_child_that_never_passes_the_limit_is_left_alone(fx1, like_macos):
    assert grade(fx1, source=REFERENCE_SOURCE).score == 1.0


FIRST_CASE_ONLY = """
def mean_sq(A):
    if A.shape == (2, 3):
        {exit}
    return float(np.sum(A**2) / A.shape[1])
"""


@pytest.mark.parametrize(
    ("exit", "message"),
    [
        ("os._exit(3)", "the process exited with status 3"),
        ("sys.exit(3)", "called sys.exit: the process exited with status 3"),
        ("os.kill(os.getpid(), signal.SIGSEGV)", "the process died from SIGSEGV"),
    ],
)
def test_a_dying_case_is_reported_and_the_next_cases_still_run(fx1, exit, message):
    src = "import os, sys, signal\n" + with_function(REFERENCE_SOURCE, FIRST_CASE_ONLY.format(exit=exit))
    result = grade(fx1, source=src)
    f = result.functions[0]
    assert [c.status for c in f.checks] == ["crashed", "passed", "passed", "passed"]
    assert f.checks[0].message == f"case 'example' (A (2, 3)): {message}"
    assert all(g.status == "passed" for g in result.functions[1:])


def test_output_flood_is_truncated_and_the_grade_unaffected(fx1):
    src = with_function(REFERENCE_SOURCE, "def project(W, X):\n    print('x' * 10**6)\n    return W @ X")
    result = grade(fx1, source=src)
    assert result.score == 1.0
    assert len(result.output) < 64 * 1024 + 100
    assert result.output.startswith("xxx")
    assert "[output truncated:" in result.output


def test_files_are_written_in_a_temporary_folder_and_the_submission_is_untouched(fx1, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "submission.ipynb"
    write = "def project(W, X):\n    open('scratch.txt', 'w').write('x')\n    return W @ X"
    path.write_bytes(notebook(REFERENCE_SOURCE, write))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert grade(fx1, path).score == 1.0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["submission.ipynb"]


def test_pyplot_imported_at_the_top_still_works_inside_a_function(fx1):
    # the child defers the (slow) pyplot import until a function uses it
    uses_plot = "def project(W, X):\n    fig = plt.figure()\n    plt.close(fig)\n    return W @ X"
    src = notebook("import matplotlib.pyplot as plt\n%matplotlib inline", REFERENCE_SOURCE, uses_plot)
    assert grade(fx1, source=src).score == 1.0
    # a submodule imported after pyplot was deferred loads the real package
    uses_figure = uses_plot.replace("plt.figure()", "Figure()").replace("plt.close(fig)", "plt.close('all')")
    src = notebook(
        "import matplotlib.pyplot as plt\nfrom matplotlib.figure import Figure", REFERENCE_SOURCE, uses_figure
    )
    result = grade(fx1, source=src)
    assert result.score == 1.0 and not any("failed" in w for w in result.warnings)


def test_network_is_unreachable(fx1):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        src = "import socket\n" + with_function(
            REFERENCE_SOURCE,
            f"def project(W, X):\n    socket.create_connection(('127.0.0.1', {port}), timeout=1)\n    return W @ X",
        )
        f = grade(fx1, source=src).functions[2]
    assert f.status == "error"
    assert "raised" in f.first_failure.message


def test_not_gradable_submission_costs_nothing_and_leaves_no_child(fx1):
    result = grade(fx1, source=notebook("def project(:"))
    assert not result.gradable and result.message.startswith("syntax error in cell 1, line 1")


def mutant_submissions(fx1):
    """The reference, then one submission per round holding the i-th mutant of every function."""
    names = fx1.names
    rounds = [REFERENCE_SOURCE]
    for i in range(max(len(fx1.mutants(n)) for n in names)):
        src = REFERENCE_SOURCE
        for n in names:
            ms = fx1.mutants(n)
            if i < len(ms):
                src = with_function(src, as_submission(ms[i].fn, n))
        rounds.append(src)
    return rounds


def test_sandbox_and_in_process_give_identical_verdicts(fx1):
    for src in mutant_submissions(fx1):
        verdicts = []
        for sandbox in (True, False):
            result = grade(fx1, source=src, sandbox=sandbox)
            verdicts.append(
                [(c.function, c.case, c.status, c.message, c.hint) for f in result.functions for c in f.checks]
            )
        assert verdicts[0] == verdicts[1]


def test_command_line_json_is_the_result_json(fx1, tmp_path):
    path = tmp_path / "s.py"
    path.write_text(with_function(REFERENCE_SOURCE, "def mean_sq(A):\n    return -1.0"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(FIXTURES), os.environ.get("PYTHONPATH", "")]))
    folder = FIXTURES / "grader_course" / "fx1"
    cmd = [sys.executable, "-m", "dlspec.grader", str(folder), str(path), "--package", "grader_course", "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    data = json.loads(done.stdout)
    expected = grade(fx1, path).to_json()
    assert done.returncode == 1  # not passed
    assert data.keys() == expected.keys()
    assert {**data, "seconds": 0} == {**expected, "seconds": 0} | {"tests": data["tests"]}
    assert [(t["name"], t["status"], t["score"], t["message"]) for t in data["tests"]] == [
        (t["name"], t["status"], t["score"], t["message"]) for t in expected["tests"]
    ]


def test_a_file_past_the_size_limit_is_refused(fx1):
    src = with_function(
        REFERENCE_SOURCE, "def project(W, X):\n    open('big.bin', 'wb').write(bytes(65 * 2**20))\n    return W @ X"
    )
    f = grade(fx1, source=src).functions[2]
    assert f.status == "error"
    assert "File too large" in f.first_failure.message


def test_a_submission_that_dies_while_loading_is_not_gradable(fx1):
    src = "import os\nclass Boom:\n    os._exit(5)\n" + REFERENCE_SOURCE
    result = grade(fx1, source=src)
    assert not result.gradable and result.score == 0
    assert result.message == "the submission crashed while loading: the process exited with status 5"


@pytest.mark.parametrize(
    ("returncode", "message"),
    [
        (-9, "the process was killed (SIGKILL), most likely out of memory (limit 2 GiB)"),
        (-24, "used up its CPU-time limit (30 s)"),
        (-11, "the process died from SIGSEGV"),
        (2, "the process exited with status 2"),
    ],
)
def test_deaths_are_told_with_their_limit(returncode, message):
    assert sb._death(returncode, sb.Limits(), 30) == message


def test_threads_left_running_do_not_hold_up_the_grade(fx1):
    starts_thread = (
        "def project(W, X):\n    threading.Thread(target=time.sleep, args=(600,)).start()\n    return W @ X"
    )
    result = grade(fx1, source="import threading, time\n" + with_function(REFERENCE_SOURCE, starts_thread))
    assert result.score == 1.0


def test_preloaded_modules_are_imported_by_the_child_and_a_missing_one_costs_nothing(fx1):
    # "this" prints the Zen of Python on import: proof that the child imported it before running the job
    result = grade(dataclasses.replace(fx1, preload=("this", "no_such_module")), source=REFERENCE_SOURCE)
    assert result.score == 1.0 and "Beautiful is better than ugly." in result.output and result.warnings == []


def test_a_case_stalled_while_the_parent_computes_references_is_not_timed_out(fx1, monkeypatch):
    """The parent computes the expected outputs while the child runs; a case that prints more than a pipe holds waits
    for the parent to read. That wait (here 3 s, over fx1's 2 s per case) is the grader's, not the learner's."""
    import time

    slow = sb.run

    def run_with_slow_references(job, tasks, child, limits, *, meanwhile, preload):
        def slower():
            time.sleep(3)
            meanwhile()

        return slow(job, tasks, child, limits, slower, preload)

    monkeypatch.setattr(sb, "run", run_with_slow_references)
    chatty = "def project(W, X):\n    print('x' * 200_000)\n    return W @ X"
    result = grade(fx1, source=with_function(REFERENCE_SOURCE, chatty))
    assert statuses(result, "project") == ["passed"] * 4
