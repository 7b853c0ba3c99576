"""``dlspec challenge``: local challenges with public and private leaderboards (dlspec.challenges).

``list`` the challenges, ``show`` one (its description, rules and state; it writes the learner's files into
``<workspace>/challenges/<slug>/``), ``submit`` a file, ``leaderboard`` (``--private`` once revealed), ``select``
the final submissions, ``finalise`` (reveal the private board; no more submissions).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dlspec import workspace
from dlspec.cli.common import FAILED, OK, CommandError, console, root

HONESTY = (
    "On your own machine the test labels are hidden by convention only: the data come from packages you installed, "
    "and you own every file. The boards are for learning to validate honestly; real hiding needs a classroom server."
)


def _challenge(slug: str):
    from dlspec.challenges import bundle

    try:
        return bundle.load(slug)
    except bundle.UnknownChallengeError as e:
        raise CommandError(str(e)) from e


def _ledger(here: Path) -> sqlite3.Connection:
    from dlspec.challenges import ledger
    from dlspec.progress import store

    try:
        return ledger.connect(workspace.database(here).parent / ledger.FILE)
    except store.ProgressError as e:
        raise CommandError(str(e)) from e


def folder(here: Path, challenge) -> Path:
    return here / "challenges" / challenge.slug


def write_files(here: Path, challenge) -> list[str]:
    """The learner's files for ``challenge``: written where absent, never over a file already there."""
    where = folder(here, challenge)
    where.mkdir(parents=True, exist_ok=True)
    said = []
    for name, data in challenge.module.files().items():
        path = where / name
        if not path.exists():
            workspace.write_atomic(path, data)
            said.append(f"wrote {path}")
        elif path.read_bytes() != data:
            said.append(f"kept your {path} (it differs from dlspec's; move it away to get a fresh copy)")
    return said


def listing(args) -> int:
    from rich.markup import escape
    from rich.table import Table

    from dlspec.challenges import bundle, ledger

    conn = _ledger(root(args))
    table = Table(title="Challenges", title_justify="left")
    table.add_column("challenge", ratio=1)  # the slug over its title: the only column that wraps, in 80 columns too
    for column in ("kind", "metric", "yours", "private board"):
        table.add_column(column, no_wrap=True)
    for c in bundle.challenges().values():
        subs = ledger.submissions(conn, c.slug)
        state = "revealed" if ledger.revealed(conn, c) else "hidden"
        table.add_row(f"[bold]{c.slug}[/]\n{escape(c.title)}", c.kind, c.metric, str(len(subs)), state)
    console().print(table)
    console().print("Start one: dlspec challenge show SLUG")
    return OK


def show(args) -> int:
    from rich.markdown import Markdown

    from dlspec.challenges import bundle, ledger

    here = root(args)
    c = _challenge(args.slug)
    conn = _ledger(here)
    public, private = bundle.split(c, ledger.seed(conn, c.slug))
    out = console()
    out.print(Markdown(c.description))
    for line in write_files(here, c):
        out.print(line)
    lim = c.limits
    out.print(f"\nRules: {lim.per_day} submissions a day (UTC), {lim.total} in all, {lim.cooldown_minutes:g} minutes "
              f"between two; {len(public)} public rows scored at once, {len(private)} private rows; "
              f"{lim.select_final} final submission{'s' * (lim.select_final != 1)} (default: your best public "
              f"one{'s' * (lim.select_final != 1)}).")  # fmt: skip
    closes = f"closes {c.closes:%Y-%m-%d %H:%M} UTC" if c.closes else "self-paced: it ends when you finalise"
    subs = ledger.submissions(conn, c.slug)
    state = "finalised, private board revealed" if ledger.revealed(conn, c) else f"{len(subs)} submissions so far"
    out.print(f"State: {state}; {closes}.")
    out.print(f"[yellow]{HONESTY}[/]")
    what = "MODEL.pt (a state_dict)" if c.kind == "model" else "FILE.csv"
    out.print(f"Submit: dlspec challenge submit {c.slug} {what} --note 'what you tried'")
    return OK


def submit(args) -> int:
    from dlspec.challenges import ledger, play, schema

    here = root(args)
    c = _challenge(args.slug)
    path = Path(args.file)
    try:
        data = path.read_bytes()  # only read: a refused or broken file stays exactly as it is
    except OSError as e:
        raise CommandError(f"cannot read {path}: {e.strerror}") from e
    conn = _ledger(here)
    out = console()
    if c.kind == "model":
        out.print("Judging the model in a confined process: the attack battery takes up to a few minutes...")
    try:
        progress = (lambda text: out.print(f"  {text}")) if c.kind == "model" else None
        answer = lambda challenge, data: play.outputs(challenge, data, progress)  # noqa: E731
        number, score = play.submit(conn, c, data, path.name, args.note or "", answer=answer)
    except (ledger.RefusedError, schema.SubmissionError) as e:
        raise CommandError(f"{c.slug}: {e}. Nothing was recorded.") from e
    out.print(f"Submission #{number} to {c.slug}: public {c.metric} [bold]{score:.{c.decimals}f}[/] "
              f"on {len(play.split(c, ledger.seed(conn, c.slug))[0])} public rows.")  # fmt: skip
    out.print(f"See the board: dlspec challenge leaderboard {c.slug}")
    return OK


def _score(value: float | None, decimals: int) -> str:
    return "" if value is None else f"{value:.{decimals}f}"


def _moved(n: int | None) -> str:
    if not n:
        return "[dim]=[/]" if n == 0 else ""
    return f"[green]↑{n}[/]" if n > 0 else f"[red]↓{-n}[/]"


def _who(e) -> str:
    from rich.markup import escape

    if e.baseline:
        return f"[cyan]baseline[/] {escape(e.name)}"
    s = e.submission
    note = f" [dim]{escape(s.note)}[/]" if s.note else ""
    return f"{'★ ' if e.final else ''}you {e.name}{note}"


def leaderboard(args) -> int:
    from rich.table import Table

    from dlspec.challenges import play

    c = _challenge(args.slug)
    board = play.board(_ledger(root(args)), c)
    out, d = console(), c.decimals
    if not args.private:
        table = Table(title=f"{c.slug}: public board ({board.public_rows} rows)", title_justify="left")
        for column in ("rank", "entry", c.metric, *c.secondary, "submitted"):
            table.add_column(column, justify="left" if column == "entry" else "right")
        for e in board.entries:
            when = f"{e.submission.created_at:%Y-%m-%d %H:%M}" if e.submission else ""
            rank = str(e.public_rank) if e.ranked else "[dim]unranked[/]"
            table.add_row(rank, _who(e), _score(e.public, d), *(_score(e.secondary[m], d) for m in c.secondary), when)
        out.print(table)
        out.print("★ = a final submission (dlspec challenge select to choose).")
        if not board.revealed:
            out.print(f"The private board ({board.private_rows} rows) is hidden until you finalise: "
                      f"dlspec challenge finalise {c.slug}")  # fmt: skip
        return OK
    if not board.revealed:
        out.print(f"The private board of {c.slug} is hidden until you finalise (dlspec challenge finalise {c.slug})"
                  + (f" or the challenge closes ({c.closes:%Y-%m-%d %H:%M} UTC)." if c.closes else "."))  # fmt: skip
        return FAILED
    table = Table(title=f"{c.slug}: private board ({board.private_rows} rows)", title_justify="left")
    for column in ("rank", "entry", "private", "95% interval", "public", "public rank", "shake-up"):
        table.add_column(column, justify="left" if column == "entry" else "right")
    for e in board.private:
        interval = f"{e.interval[0]:.{d}f}-{e.interval[1]:.{d}f}" if e.interval else ""
        table.add_row(str(e.private_rank or "-"), _who(e), _score(e.private, d), interval, _score(e.public, d),
                      str(e.final_public_rank or "-"), _moved(e.shake_up))  # fmt: skip
    out.print(table)
    for line in board.lesson:
        out.print(f"• {line}")
    return OK


def select(args) -> int:
    from dlspec.challenges import ledger

    c = _challenge(args.slug)
    try:
        ledger.select(_ledger(root(args)), c, args.ids)
    except ledger.RefusedError as e:
        raise CommandError(str(e)) from e
    console().print(f"Final submissions of {c.slug}: {', '.join(f'#{i}' for i in args.ids)}")
    return OK


def finalise(args) -> int:
    from dlspec.challenges import ledger

    c = _challenge(args.slug)
    if not args.yes:
        answer = input(f"Finalise {c.slug}? The private board is revealed and no more submissions are taken. [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            console().print("Not finalised.")
            return FAILED
    conn = _ledger(root(args))
    try:
        ledger.finalise(conn, c)
    except ledger.RefusedError as e:
        raise CommandError(str(e)) from e
    console().print(f"{c.slug} is finalised. The private board: dlspec challenge leaderboard {c.slug} --private")
    return OK
