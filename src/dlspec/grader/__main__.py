"""``python -m dlspec.grader ASSIGNMENT SUBMISSION [--json]``: grade one file and print the verdict.

ASSIGNMENT is an id (``c1w2a2``) or an assignment folder (with ``--package``, the package its modules import
from). The exit status is 0 when the submission passes, 1 when it does not, 2 when it cannot be graded.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dlspec.course.assignment import load, load_folder
from dlspec.grader.grade import grade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dlspec.grader", description=__doc__.split("\n")[0])
    parser.add_argument("assignment", help="assignment id, or an assignment folder")
    parser.add_argument("submission", type=Path, help=".ipynb or .py file")
    parser.add_argument("--package", default="dlspec.course", help="package an assignment folder imports from")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    folder = Path(args.assignment)
    assignment = load_folder(folder, args.package) if (folder / "assignment.toml").is_file() else load(args.assignment)
    result = grade(assignment, args.submission)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(
            f"{assignment.id}: {result.score:.0%}"
            + ("" if result.gradable else f" (not gradable: {result.message})")
            + (f" (graded as the original course's notebook of {result.version})" if result.version else "")
        )
        for f in result.functions:
            bad = f.first_failure
            print(f"  {f.name}: {f.points:g}/{f.max_points:g}" + (f"\n    {bad.message}" if bad else ""))
    return 0 if result.passed else 1 if result.gradable else 2


if __name__ == "__main__":
    sys.exit(main())
