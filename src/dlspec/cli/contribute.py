"""Commands for whoever writes the course: ``dlspec where NAME`` and ``dlspec scaffold ID``."""

from __future__ import annotations

import inspect
from pathlib import Path

from dlspec.cli.common import OK, CommandError, console


def _located(obj: object) -> str:
    """'src/dlspec/nn/deep.py:120' for a function or class, or '' when Python cannot tell."""
    try:
        path, line = inspect.getsourcefile(obj), inspect.getsourcelines(obj)[1]
    except (TypeError, OSError):
        return ""
    return f"{path}:{line}"


def where(args) -> int:
    """Which assignment grades NAME, and where its reference, cases, mutants, variants and hints live."""
    from rich.markup import escape

    from dlspec.course.assignment import available_ids, load

    wanted = args.name.lower()
    found = [(a, f) for a in map(load, available_ids()) for f in a.functions if f.name.lower() == wanted]
    if not found:
        close = sorted({f.name for a in map(load, available_ids()) for f in a.functions if wanted in f.name.lower()})
        also = f"; did you mean {', '.join(close)}?" if close else ""
        raise CommandError(f"no graded function or class named {args.name}{also}")
    out = console()
    for a, f in found:
        out.print(f"[bold]{f.name}[/] in {a.id} ({escape(a.title)}), {f.points:g} points, {f.timeout:g} s a case")
        out.print(f"  reference  {f.reference}  {_located(f.resolve())}")
        cases = a.cases(f.name)
        out.print(f"  cases      {len(cases)}: {', '.join(c.name for c in cases)}  {a.folder / 'checks.py'}")
        for label, items in (("mutants", a.mutants(f.name)), ("variants", a.variants(f.name))):
            out.print(f"  {label:<10} {len(items)}  {a.folder / (label + '.py')}")
            for item in items:
                hint = f": {escape(item.hint)}" if hasattr(item, "hint") else ""
                out.print(f"    {item.fn.__name__}{hint}", soft_wrap=True)
        out.print(f"  hints      {len(a.hints(f.name))}  {a.folder / 'hints.toml'}")
    return OK


def scaffold(args) -> int:
    """Write a new assignment folder with every file it needs, each saying what to fill in."""
    from dlspec.course import scaffold as make

    functions = dict(item.partition("=")[::2] for item in args.function)
    try:
        folder = make.scaffold(args.id, args.title, functions, Path(args.dest) if args.dest else make.COURSE_DIR)
    except (ValueError, FileExistsError) as e:
        raise CommandError(str(e)) from None
    out = console()
    out.print(f"wrote {folder}: fill in every TODO (cases, two variants and five mistakes per item, three hints)")
    out.print(f"then prove it: pytest tests/course -k {args.id}")
    return OK
