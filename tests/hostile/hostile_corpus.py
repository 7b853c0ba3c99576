"""The hostile corpus: bad submissions to the fixture assignment fx1, each with the verdict it must get.

A submission is the reference module with one function replaced (``swap``), a notebook (``nb``), or raw bytes.
``VICTIM`` in a submission's text stands for a folder outside the sandbox holding files the learner cares about
(``notebook.ipynb``, ``progress.db``, ``answers.py``); the test fills it in and checks afterwards that every file
there is byte-for-byte what it was.

Expectations: ("unfit", text) — not gradable, the message contains text; (function, status, text) — that
function's first case has that status and a message containing text, and every other function still passes;
("all", "passed", text) — full marks and the captured output contains text; ("each", status, text) — every
function's first case has that status and message.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))

from grader_course.fx1 import reference  # noqa: E402

from dlspec.checking.result import GradeResult  # noqa: E402
from dlspec.course.assignment import Assignment, load_folder  # noqa: E402

REFERENCE = inspect.getsource(reference)
TIMEOUT = 1.0  # seconds per case: short, so the corpus runs in seconds


def fx1_fast() -> Assignment:
    """The fixture assignment with a 1 s limit per case."""
    a = load_folder(FIXTURES / "grader_course" / "fx1", package="grader_course")
    return dataclasses.replace(a, functions=tuple(dataclasses.replace(f, timeout=TIMEOUT) for f in a.functions))


def swap(code: str, imports: str = "") -> str:
    """The reference module with ``code`` appended: its definitions replace the reference's."""
    return imports + REFERENCE + "\n\n" + code.strip() + "\n"


def nb(*cells: str, version: tuple[int, int] = (4, 5)) -> bytes:
    """A notebook whose code cells hold ``cells``."""
    out = [{"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None} for c in cells]
    return json.dumps({"nbformat": version[0], "nbformat_minor": version[1], "metadata": {}, "cells": out}).encode()


def nb3(*cells: str) -> bytes:
    """A notebook in the version 3 format (cells inside worksheets, 'input' instead of 'source')."""
    out = [{"cell_type": "code", "input": c, "language": "python", "outputs": [], "metadata": {}} for c in cells]
    return json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": out}]}).encode()


@dataclass(frozen=True)
class Bad:
    name: str
    submission: str | bytes  # text (a .py or .ipynb file's content) or raw bytes
    expect: tuple[str, str, str]
    suffix: str = ".py"
    size: int = 0  # >0: a sparse file of this many bytes instead of ``submission``


def P(body: str) -> str:
    """A ``project(W, X)`` with this body."""
    return "def project(W, X):\n" + "\n".join("    " + line for line in body.strip().splitlines())


OK = "return W @ X"
NETWORK = "network access is disabled while grading"
PROCESSES = "starting processes is disabled while grading"
OUTSIDE = "outside the grading folder"

CORPUS = [
    # --- files the grader cannot read
    Bad("not json", b"this is not a notebook", ("unfit", "not valid JSON", ""), ".ipynb"),
    Bad("empty notebook", b"", ("unfit", "not valid JSON", ""), ".ipynb"),
    Bad("truncated notebook", nb(REFERENCE)[:-40], ("unfit", "not valid JSON", ""), ".ipynb"),
    Bad("json list", b"[1, 2, 3]", ("unfit", "no 'nbformat' version", ""), ".ipynb"),
    Bad("nbformat as text", b'{"nbformat": "4", "cells": []}', ("unfit", "no 'nbformat' version", ""), ".ipynb"),
    Bad(
        "cells not a list",
        b'{"nbformat": 4, "nbformat_minor": 5, "cells": 7}',
        ("unfit", "no list of cells", ""),
        ".ipynb",
    ),
    Bad("future format 9", nb(REFERENCE, version=(9, 0)), ("unfit", "format version 9", ""), ".ipynb"),
    Bad("json nested 100000 deep", b"[" * 100_000 + b"]" * 100_000, ("unfit", "nested too deeply", ""), ".ipynb"),
    Bad("binary notebook", bytes(range(256)) * 8, ("unfit", "not valid JSON", ""), ".ipynb"),
    Bad("binary python", bytes(range(256)) * 8, ("unfit", "not UTF-8 text", "")),
    Bad("latin-1 python", "# café\n".encode("latin-1") + REFERENCE.encode(), ("unfit", "not UTF-8 text (byte 5)", "")),
    Bad("nul byte", REFERENCE + "\x00\n", ("unfit", "NUL byte", "")),
    Bad(
        "enormous 100 MB",
        b"",
        ("unfit", "the file is 100 MiB; the grader reads submissions up to 50 MiB", ""),
        ".ipynb",
        size=100 * 2**20,
    ),
    Bad("syntax error", swap("def project(W, X)\n    return W @ X"), ("unfit", "syntax error in line", "")),
    Bad(
        "syntax error in a cell",
        nb(REFERENCE, "def project(W, X):\nreturn W @ X"),
        ("unfit", "syntax error in cell 2, line 2", ""),
        ".ipynb",
    ),
    Bad("sum 100000 terms long", swap("x = " + "+".join(["1"] * 100_000)), ("unfit", "nested too deeply", "")),
    # --- notebooks in other formats still grade
    Bad("notebook format 3", nb3(REFERENCE), ("all", "passed", ""), ".ipynb"),
    Bad("notebook format 4.0", nb(REFERENCE, version=(4, 0)), ("all", "passed", ""), ".ipynb"),
    # --- missing functions, wrong signatures, wrong kinds of thing
    Bad("empty python file", b"", ("each", "missing", "no function named")),
    Bad(
        "function renamed",
        REFERENCE.replace("def project(", "def projection("),
        ("project", "missing", "no function named project"),
    ),
    Bad("not callable", swap("project = 3"), ("project", "missing", "no function named project")),
    Bad(
        "too few parameters",
        swap("def project(W):\n    return W"),
        ("project", "error", "TypeError: project() takes 1 positional argument but 2 were given"),
    ),
    Bad(
        "too many parameters",
        swap("def project(W, X, b):\n    return W @ X + b"),
        ("project", "error", "missing 1 required positional argument: 'b'"),
    ),
    Bad(
        "a class", swap("class project:\n    def __init__(self, W, X):\n        pass"), ("project", "failed", "project")
    ),
    Bad("async function", swap("async def project(W, X):\n    return W @ X"), ("project", "failed", "coroutine")),
    Bad("generator", swap(P("yield W @ X")), ("project", "failed", "generator")),
    # --- exceptions
    Bad("raises", swap(P("raise ValueError('no idea')")), ("project", "error", "raised ValueError: no idea at line")),
    Bad("raises a huge message", swap(P("raise ValueError('x' * 10**7)")), ("project", "error", "raised ValueError")),
    Bad(
        "exception whose str fails",
        swap("class Odd(Exception):\n    def __str__(self):\n        raise RuntimeError\n\n" + P("raise Odd()")),
        ("project", "error", "raised Odd at line"),
    ),
    Bad("keyboard interrupt", swap(P("raise KeyboardInterrupt")), ("project", "crashed", "died from SIGINT")),
    Bad("not implemented", swap(P("raise NotImplementedError")), ("project", "not_implemented", "not implemented")),
    Bad("infinite recursion", swap(P("return project(W, X)")), ("project", "error", "RecursionError")),
    Bad(
        "deep C recursion",
        swap(P("sys.setrecursionlimit(10**7)\nreturn list(map(lambda _: project(W, X), [0]))"), "import sys\n"),
        ("project", "crashed", "SIGSEGV"),
    ),
    # --- exits and signals
    Bad("sys.exit in function", swap(P("sys.exit(4)"), "import sys\n"), ("project", "crashed", "called sys.exit")),
    Bad("sys.exit with text", swap(P("sys.exit('bye')"), "import sys\n"), ("project", "crashed", "status 1")),
    Bad("os._exit in function", swap(P("os._exit(0)"), "import os\n"), ("project", "crashed", "exited with status 0")),
    Bad("sys.exit at import", swap("class Quit:\n    sys.exit(2)", "import sys\n"), ("all", "passed", "")),
    Bad(
        "os._exit at import",
        swap("class Quit:\n    os._exit(2)", "import os\n"),
        ("unfit", "crashed while loading: the process exited with status 2", ""),
    ),
    Bad(
        "SIGTERM to itself",
        swap(P("os.kill(os.getpid(), signal.SIGTERM)"), "import os, signal\n"),
        ("project", "crashed", "died from SIGTERM"),
    ),
    Bad(
        "SIGKILL to itself",
        swap(P("os.kill(os.getpid(), signal.SIGKILL)"), "import os, signal\n"),
        ("project", "crashed", "killed (SIGKILL)"),
    ),
    Bad(
        "alarm",
        swap(P("signal.alarm(3)\nwhile True:\n    pass"), "import signal\n"),  # rings after the 1 s limit
        ("project", "timeout", "exceeded 1 s"),
    ),
    Bad(
        "ignores SIGTERM",
        swap(P("signal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    pass"), "import signal\n"),
        ("project", "timeout", "exceeded 1 s"),
    ),
    Bad(
        "kills its parent",
        swap(P("os.kill(os.getppid(), signal.SIGKILL)"), "import os, signal\n"),
        ("project", "error", "signalling other processes is disabled"),
    ),
    # --- time
    Bad("infinite loop", swap(P("while True:\n    pass")), ("project", "timeout", "exceeded 1 s")),
    Bad("sleep 1e9", swap(P("time.sleep(1e9)"), "import time\n"), ("project", "timeout", "exceeded 1 s")),
    Bad(
        "loop that swallows everything",
        swap(P("while True:\n    try:\n        pass\n    except BaseException:\n        pass")),
        ("project", "timeout", "exceeded 1 s"),
    ),
    Bad(
        "waits on an event",
        swap(P("threading.Event().wait()"), "import threading\n"),
        ("project", "timeout", "exceeded 1 s"),
    ),
    Bad(
        "thread that never ends",
        swap(
            "def spin():\n    while True:\n        pass\n\n" + P("threading.Thread(target=spin).start()\n" + OK),
            "import threading\n",
        ),
        ("all", "passed", ""),
    ),
    Bad("reads stdin", swap(P("input()")), ("project", "error", "EOFError")),
    # --- memory
    Bad("one huge array", swap(P("return np.ones(10**11)")), ("project", "crashed", "ran out of memory (limit 2 GiB)")),
    Bad(
        "memory grows until it fails",
        swap(P("keep = []\nwhile True:\n    keep.append(np.empty(10**8))")),
        ("project", "crashed", "ran out of memory"),
    ),
    Bad(
        "thread bomb",
        swap(P("while True:\n    threading.Thread(target=time.sleep, args=(60,)).start()"), "import threading, time\n"),
        ("project", "error", "can't start new thread"),
    ),
    # --- processes
    Bad("fork bomb", swap(P("while True:\n    os.fork()"), "import os\n"), ("project", "error", PROCESSES)),
    Bad(
        "subprocess",
        swap(P("subprocess.run(['sleep', '100'])"), "import subprocess\n"),
        ("project", "error", PROCESSES),
    ),
    Bad("os.system", swap(P("os.system('yes > /dev/null')"), "import os\n"), ("project", "error", PROCESSES)),
    Bad(
        "multiprocessing",
        swap(P("multiprocessing.Process(target=print).start()"), "import multiprocessing\n"),
        ("project", "error", PROCESSES),
    ),
    Bad(
        "fork through ctypes",
        swap(P("ctypes.CDLL(None).fork()"), "import ctypes\n"),
        ("project", "error", "loading the C library None is disabled"),
    ),
    Bad(
        "libc through ctypes",
        swap(P("ctypes.CDLL('libc.so.6').system(b'true')"), "import ctypes\n"),
        ("project", "error", "loading the C library libc.so.6 is disabled"),
    ),
    Bad(
        "fork through Python's own symbols",
        swap(P("ctypes.pythonapi.fork()"), "import ctypes\n"),
        ("project", "error", "calling C functions through ctypes is disabled"),
    ),
    # --- output
    Bad("output flood", swap(P("print('z' * 10**7)\n" + OK)), ("all", "passed", "[output truncated")),
    Bad("flood in a loop", swap(P("while True:\n    print('spam' * 1000)")), ("project", "timeout", "exceeded 1 s")),
    Bad(
        "writes to stderr descriptor",
        swap(P("os.write(2, b'y' * 10**6)\n" + OK), "import os\n"),
        ("all", "passed", "[output truncated"),
    ),
    Bad(
        "closes stdout",
        swap(P("if not sys.stdout.closed:\n    sys.stdout.close()\n    os.close(1)\n" + OK), "import os, sys\n"),
        ("all", "passed", ""),
    ),
    # --- the learner's files, the answer key and the progress database
    Bad("writes outside", swap(P("open(VICTIM + '/new.txt', 'w').write('x')\n" + OK)), ("project", "error", OUTSIDE)),
    Bad(
        "overwrites the notebook",
        swap(P("open(VICTIM + '/notebook.ipynb', 'wb').close()\n" + OK)),
        ("project", "error", OUTSIDE),
    ),
    Bad(
        "deletes the notebook",
        swap(P("os.remove(VICTIM + '/notebook.ipynb')\n" + OK), "import os\n"),
        ("project", "error", OUTSIDE),
    ),
    Bad(
        "renames the notebook",
        swap(P("os.rename(VICTIM + '/notebook.ipynb', 'n')\n" + OK), "import os\n"),
        ("project", "error", "moving files outside"),
    ),
    Bad(
        "low-level open",
        swap(P("os.open(VICTIM + '/new.txt', os.O_CREAT | os.O_WRONLY)\n" + OK), "import os\n"),
        ("project", "error", OUTSIDE),
    ),
    Bad(
        "symlink out",
        swap(P("os.symlink(VICTIM + '/notebook.ipynb', 'link')\nopen('link', 'w')\n" + OK), "import os\n"),
        ("project", "error", OUTSIDE),
    ),
    Bad(
        "chdir then write",
        swap(P("os.chdir(VICTIM)\nopen('x.txt', 'w')\n" + OK), "import os\n"),
        ("project", "error", OUTSIDE),
    ),
    Bad("rmtree", swap(P("shutil.rmtree(VICTIM)\n" + OK), "import shutil\n"), ("project", "error", OUTSIDE)),
    Bad("np.save outside", swap(P("np.save(VICTIM + '/answers.npy', W)\n" + OK)), ("project", "error", OUTSIDE)),
    Bad(
        "empties the progress database",
        swap(P("sqlite3.connect(VICTIM + '/progress.db').execute('DELETE FROM attempts')\n" + OK), "import sqlite3\n"),
        ("project", "error", OUTSIDE),
    ),
    Bad(
        "truncates the progress database",
        swap(P("os.truncate(VICTIM + '/progress.db', 0)\n" + OK), "import os\n"),
        ("project", "error", OUTSIDE),
    ),
    Bad(
        "edits the answer key",
        swap(P("import grader_course.fx1.reference as r\nopen(r.__file__, 'r+')\n" + OK)),
        ("project", "error", OUTSIDE),
    ),
    Bad(
        "patches the answer key in memory",
        swap(P("import grader_course.fx1.reference as r\nr.project = lambda W, X: 0\nreturn 0")),
        ("project", "failed", "got int"),
    ),
    Bad(
        "patches NumPy's comparisons",
        swap(P("np.allclose = np.array_equal = lambda *a, **k: True\nnp.testing.assert_allclose = print\nreturn W")),
        ("project", "failed", "shape"),
    ),
    Bad(
        "walks the heap",
        swap(P("gc.get_objects()\n" + OK), "import gc\n"),
        ("project", "error", "inspecting the grader is disabled"),
    ),
    # --- network
    Bad(
        "connects out",
        swap(P("socket.create_connection(('127.0.0.1', 9), timeout=1)"), "import socket\n"),
        ("project", "error", NETWORK),
    ),
    Bad(
        "resolves a name",
        swap(P("socket.getaddrinfo('example.com', 80)"), "import socket\n"),
        ("project", "error", NETWORK),
    ),
    Bad(
        "downloads",
        swap(P("urllib.request.urlopen('http://example.com', timeout=1)"), "import urllib.request\n"),
        ("project", "error", NETWORK),
    ),
    # --- values that are not what they seem
    Bad("NaN", swap(P("return np.full((W.shape[0], X.shape[1]), np.nan)")), ("project", "failed", "got nan")),
    Bad("inf", swap(P("return W @ X + np.inf")), ("project", "failed", "got inf")),
    Bad("NaN float", swap("def mean_sq(A):\n    return float('nan')"), ("mean_sq", "failed", "nan")),
    Bad(
        "__eq__ that lies",
        swap("class Liar:\n    def __eq__(self, other):\n        return True\n\n" + P("return Liar()")),
        ("project", "failed", "Liar"),
    ),
    Bad(
        "ndarray subclass that lies",
        swap(
            "class Sly(np.ndarray):\n    def __eq__(self, other):\n        return np.ones(self.shape, bool)\n\n"
            + P("return np.zeros((W.shape[0], X.shape[1])).view(Sly)")
        ),
        ("project", "failed", "values differ"),
    ),
    Bad("object array", swap(P("return (W @ X).astype(object)")), ("project", "failed", "object")),
    Bad("list instead of array", swap(P("return (W @ X).tolist()")), ("project", "failed", "list")),
    Bad("None", swap(P("pass")), ("project", "failed", "None")),
    Bad("string", swap(P("return 'W @ X'")), ("project", "failed", "str")),
    Bad("transposed", swap(P("return (W @ X).T")), ("project", "failed", "shape")),
    Bad(
        "dict missing a key",
        swap("def scale_sum(X, Y):\n    return {'s': np.sum(X * Y, axis=1, keepdims=True)}"),
        ("scale_sum", "failed", "missing key(s) 'e'"),
    ),
    Bad("module object", swap(P("return np")), ("project", "failed", "module")),
    Bad("self-referencing list", swap(P("x = []\nx.append(x)\nreturn x")), ("project", "failed", "got list of 1")),
]


def victim(folder: Path) -> dict[str, str]:
    """Make the learner's folder: a notebook, a progress database with one attempt, an answer file; its snapshot."""
    folder.mkdir()
    (folder / "notebook.ipynb").write_text('{"nbformat": 4, "cells": []}')
    (folder / "answers.py").write_text("ANSWER = 42\n")
    db = sqlite3.connect(folder / "progress.db")
    with db:
        db.execute("CREATE TABLE attempts (id INTEGER PRIMARY KEY, score REAL)")
        db.execute("INSERT INTO attempts (score) VALUES (0.5)")
    db.close()
    return snapshot(folder)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` by name, with the SHA-256 of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def submit(bad: Bad, folder: Path) -> Path:
    """Write the submission into ``folder`` (VICTIM filled in); a ``size`` one is sparse, taking no disk."""
    path = folder / f"submission{bad.suffix}"
    if bad.size:
        with open(path, "wb") as fh:
            fh.truncate(bad.size)
        return path
    data = bad.submission
    if isinstance(data, str):
        data = data.replace("VICTIM", repr(str(folder))).encode()
    path.write_bytes(data)
    return path


def wrong(bad: Bad, result: GradeResult) -> str:
    """'' when ``result`` is the verdict ``bad`` must get, else what differs."""
    target, status, text = bad.expect
    if target == "unfit":
        return "" if not result.gradable and result.score == 0 and status in result.message else result.message
    if not result.gradable:
        return f"not gradable: {result.message}"
    if target == "all":
        return "" if result.score == 1.0 and text in result.output else f"score {result.score}"
    firsts = {f.name: f.checks[0] for f in result.functions}
    if target == "each":
        bad_ones = [c.message for c in firsts.values() if c.status != status or text not in c.message]
        return "; ".join(bad_ones)
    mine = firsts[target]
    if mine.status != status or text not in mine.message:
        return f"{mine.status}: {mine.message}"
    others = [f"{f.name} {f.status}" for f in result.functions if f.name != target and f.status != "passed"]
    return "; ".join(others)
