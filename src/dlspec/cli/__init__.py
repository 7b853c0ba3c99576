"""``dlspec``: the learner's command line.

The loop it serves, Rustlings style: save the notebook, read the verdict, take a hint, move on. This module only
parses arguments; each command lives in a module imported when it runs, so ``dlspec --help`` stays instant
(no NumPy, rich or grader at startup).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from dlspec import __version__

LOOP = """\
the loop:
  dlspec start                 create the workspace, open JupyterLab and the course site
  dlspec watch c1w2a2          re-grade the notebook on every save
  dlspec hint c1w2a2 propagate the next hint for a function
  dlspec submit c1w2a2         record a grade
  dlspec quiz c1w2             the week's quiz
  dlspec simulate bird         a Course 3 case study as a simulator
  dlspec progress              where you are in the specialization
  dlspec challenge list        local challenges with public and private leaderboards

exit status: 0 ok/passed, 1 failed, 2 usage error or not gradable
"""
WINDOWS = """\
dlspec runs on Linux and macOS. On Windows, run it inside WSL (the Windows Subsystem for Linux), not natively:
its grader limits the code it runs with POSIX process limits that Windows does not have.
Set WSL up once, in PowerShell:  wsl --install
then, in the Ubuntu terminal it opens, install and start dlspec as on Linux (see the README: make start)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlspec",
        description="The Deep Learning Specialization, on your machine.",
        epilog=LOOP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dlspec {__version__}")
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--workspace", metavar="DIR", help="the workspace folder (default: the one around here, else ./workspace)"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(name: str, target: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[where], help=help, description=help)
        sub.set_defaults(target=target)
        return sub

    start = command("start", "start:run", "create or update the workspace and open it in JupyterLab")
    start.add_argument("--no-browser", action="store_true", help="do not open a browser")
    start.add_argument("--port", type=int, default=8888, help="JupyterLab's port on 127.0.0.1 (default 8888)")
    start.add_argument(
        "--site-port", type=int, help="the course site's port on 127.0.0.1 (default 8800, or a free one if taken)"
    )

    site = command("site", "site:run", "serve the course site alone (dlspec start serves it beside JupyterLab)")
    site.add_argument("--port", type=int, default=8800, help="the site's port on 127.0.0.1 (default 8800)")
    site.add_argument("--lab-port", type=int, default=8888, help="JupyterLab's port, for its links (default 8888)")
    site.add_argument("--no-browser", action="store_true", help="do not open a browser")

    submit = command("submit", "grading:submit", "grade a saved notebook (or a project) and record the attempt")
    submit.add_argument("id", help="assignment id, e.g. c1w2a2, or a project's, c6w5p1")
    submit.add_argument(
        "path", nargs="?", help="notebook or .py to grade, or a project's folder (default: the workspace copy)"
    )
    submit.add_argument("--json", action="store_true", help="print the result as JSON only")
    submit.add_argument(
        "--no-container", action="store_true", help="a project: skip building and running its container image"
    )

    watch = command("watch", "grading:watch", "re-grade a notebook every time it is saved (Ctrl-C stops)")
    watch.add_argument("id", help="assignment id, e.g. c1w2a2")
    watch.add_argument("path", nargs="?", help="notebook or .py to watch (default: the workspace copy)")
    watch.add_argument("--poll", action="store_true", help="only poll the file (for folders that miss events)")

    hint = command("hint", "learn:hint", "show the next hint for a graded function")
    hint.add_argument("id", help="assignment id")
    hint.add_argument("function", help="graded function name")
    hint.add_argument("--level", type=int, metavar="N", help="show hint N of the ladder again")

    solution = command("solution", "learn:solution", "show the reference solution once you have passed")
    solution.add_argument("id", help="assignment id")
    solution.add_argument("--force", action="store_true", help="show it before passing (recorded)")

    progress = command("progress", "overview:progress", "the course map with your status on every item")
    progress.add_argument("--export", metavar="FILE", help="also copy all your progress into FILE (one SQLite file)")
    progress.add_argument(
        "--import",
        dest="import_file",
        metavar="FILE",
        help="start this workspace's progress from FILE, made by --export (never replaces existing progress)",
    )

    quiz = command("quiz", "quiz:run", "take a week's quiz in the terminal")
    quiz.add_argument("id", help="quiz id, e.g. c1w2")
    quiz.add_argument("--seed", type=int, help="draw a fixed set of questions")

    simulate = command("simulate", "simulate:run", "play a Course 3 case study as a simulator in the terminal")
    simulate.add_argument("name", help="bird (c3w1s1) or driving (c3w2s1)")
    simulate.add_argument("--seed", type=int, help="the project's hidden world (default: a new one)")
    simulate.add_argument("--actions", metavar="A,B,C", help="play these actions first (ids), e.g. to replay a run")

    command("list", "overview:listing", "every assignment, quiz and simulator, available or not yet")

    found = command("where", "contribute:where", "for course authors: where a graded function's parts live")
    found.add_argument("name", help="a graded function or class, e.g. L_model_forward")
    new = command("scaffold", "contribute:scaffold", "for course authors: a new assignment folder to fill in")
    new.add_argument("id", help="the new assignment's id, e.g. c4w1a1")
    new.add_argument("--title", required=True, help="its title")
    new.add_argument(
        "--function", action="append", required=True, metavar="NAME=module:attr",
        help="a graded function or class and its reference in the engine (repeat for each)",
    )  # fmt: skip
    new.add_argument("--dest", metavar="DIR", help="the folder of assignment folders (default: dlspec's course)")
    challenge = commands.add_parser(
        "challenge", help="local challenges with public and private leaderboards",
        description="local challenges with public and private leaderboards",
    )  # fmt: skip
    actions = challenge.add_subparsers(title="actions", metavar="ACTION", required=True)

    def action(name: str, function: str, help: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, parents=[where], help=help, description=help)
        sub.set_defaults(target=f"challenge:{function}")
        return sub

    action("list", "listing", "every challenge and your state in it")
    action("show", "show", "a challenge's task and rules; writes its files into the workspace").add_argument("slug")
    csub = action("submit", "submit", "score a predictions CSV (or a model's state_dict) on the public rows")
    csub.add_argument("slug")
    csub.add_argument("file", help="the CSV (or, for a model challenge, the .pt state_dict) to submit")
    csub.add_argument("--note", help="a word on what you tried, shown on the board")
    board = action("leaderboard", "leaderboard", "your submissions beside the baselines, public or private")
    board.add_argument("slug")
    board.add_argument("--private", action="store_true", help="the private board (once you have finalised)")
    chosen = action("select", "select", "choose the final submissions the private board ranks")
    chosen.add_argument("slug")
    chosen.add_argument("ids", nargs="+", type=int, metavar="ID", help="submission numbers, as the board shows them")
    done = action("finalise", "finalise", "reveal the private board; the challenge takes no more submissions")
    done.add_argument("slug")
    done.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    command("doctor", "doctor:run", "check the installation, the course content, the data and the workspace")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status."""
    args = _parser().parse_args(argv)
    if sys.platform == "win32":
        print(WINDOWS, file=sys.stderr)
        return 2
    module, _, function = args.target.partition(":")
    run = getattr(importlib.import_module(f"dlspec.cli.{module}"), function)
    from dlspec.cli.common import CommandError

    try:
        return run(args)
    except CommandError as e:
        print(f"dlspec: {e}", file=sys.stderr)
        return e.status
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:  # `dlspec submit --json | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
