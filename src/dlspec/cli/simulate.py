"""``dlspec simulate``: a Course 3 case study played as a simulator in the terminal.

Each turn shows the error figures so far as a table, what the last decision showed, and the actions open now;
the learner types an action's number (or its id) on stdin, so a run can be piped in as well as typed.
``--actions a,b,c`` plays those first (then reads the rest, if the run has not ended). The finished run is
recorded in the progress store with its seed and actions, which is all a replay needs.
"""

from __future__ import annotations

import secrets

from dlspec.cli.common import FAILED, OK, USAGE, CommandError, console, next_step, open_progress, root


def figures_table(run):
    """The run's figures, one row per step (the first network, then each action)."""
    from rich.markup import escape
    from rich.table import Table

    sc = run.scenario
    table = Table(title=f"{escape(sc.title)}: seed {run.seed}", title_justify="left")
    for column in ("step", "action", "day", "human", "train", "train-dev", "dev", "test"):
        table.add_column(column, justify="left" if column == "action" else "right")
    if sc.runtime:
        table.add_column("ms/image", justify="right")
    for n, step in enumerate(run.steps):
        f = step.figures
        row = [str(n), escape(step.action.label if step.action else "first, small network"), str(step.state.days)]
        row += [f"{x:.2%}" for x in (f.human, f.train, f.train_dev, f.dev, f.test)]
        if sc.runtime:
            row.append(f"{sc.runtime_ms(step.state.capacity):.0f}")
        table.add_row(*row)
    return table


def show_step(out, run) -> None:
    from rich.markup import escape

    step = run.steps[-1]
    out.print(figures_table(run))
    for line in step.explanation:
        style = "red" if line in step.mistakes else ("yellow" if line.startswith("News:") else "")
        out.print(f"[{style}]{escape(line)}[/]" if style else escape(line))
    if run.result is None:
        out.print(f"[dim]{run.days_left} of {run.scenario.budget} days left[/]")


def choose(out, run) -> str | None:
    """Read an action (its number or id) until it is one open now; None at end of input."""
    from rich.markup import escape

    from dlspec.course.simulator import play

    actions = play.open_actions(run)
    out.print("\n[bold]What next?[/]")
    for n, a in enumerate(actions, 1):
        out.print(f"  {n:2}. {escape(a.label)} [dim]({a.days} days; {a.id})[/]")
    while True:
        try:
            text = input("> ").strip()
        except EOFError:
            return None
        if text.isdigit() and 1 <= int(text) <= len(actions):
            return actions[int(text) - 1].id
        if text in {a.id for a in actions}:
            return text
        out.print(f"[yellow]type the number of an action, 1 to {len(actions)}, or its id[/]")


def run(args) -> int:
    from rich.markup import escape

    from dlspec.course.simulator import narrate, play, scenario
    from dlspec.progress import store

    try:
        sc = scenario.load(args.name)
    except KeyError as e:
        raise CommandError(e.args[0]) from e
    seed = args.seed if args.seed is not None else secrets.randbelow(10_000)
    conn = open_progress(root(args))
    out = console()
    game = play.start(sc, seed)
    out.print(f"[bold]{sc.id}: {escape(sc.title)}[/] (seed {seed})\n{escape(sc.story)}\n")
    show_step(out, game)
    scripted = [a.strip() for a in (args.actions or "").split(",") if a.strip()]
    while game.result is None:
        action = scripted.pop(0) if scripted else choose(out, game)
        if action is None:
            out.print("\nRun stopped before the end; nothing was recorded.")
            return USAGE
        try:
            game = play.act(game, action)
        except ValueError as e:
            raise CommandError(f"step {len(game.steps)}: {e}") from e
        out.print(f"\n[bold]→ {escape(game.steps[-1].action.label)}[/]")
        show_step(out, game)
    result = game.result
    store.record_simulation(conn, sc.id, result.score, result.passed, seed, game.actions)
    out.print("\n[bold]The run is over.[/]")
    for line in result.reasons:
        out.print(f"  {escape(line)}")
    for mistake in result.mistakes:
        out.print(f"  [red]✗[/] {escape(mistake)}")
    out.print("\n[bold]What was hidden[/]")
    for line in narrate.reveal(game):
        out.print(f"  {escape(line)}")
    verdict = "[green]passed[/]" if result.passed else "[red]not passed yet[/]"
    out.print(f"Score {result.score:.0%}, {verdict}. Recorded in your progress.")
    out.print(f"Replay it: dlspec simulate {sc.name} --seed {seed} --actions {','.join(game.actions)}")
    out.print(f"Another project: dlspec simulate {sc.name} --seed {seed + 1}")
    if result.passed:
        out.print(next_step(sc.id))
    return OK if result.passed else FAILED
