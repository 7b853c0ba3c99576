"""What a grade is: per-case results, per-function points, the total, and its JSON form.

The JSON follows the shape Gradescope and Exercism use (``score``, ``tests[name, status, score, max_score,
message]``) so an instructor's tooling can read it unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Status = Literal[
    "passed",  # matched the reference within tolerance (or the case's judge accepted it)
    "failed",  # ran, returned something wrong
    "error",  # raised an exception
    "not_implemented",  # raised NotImplementedError: the stub is untouched
    "missing",  # no function of that name in the submission
    "timeout",  # exceeded its wall-time limit
    "crashed",  # the process died (out of memory, killed, exit) while running it
    "not_run",  # skipped because an earlier case of the same function timed out or crashed
    "skipped",  # the learner's version of the original notebook had no such function: not graded, no points
]


@dataclass
class CheckResult:
    function: str
    case: str
    status: Status
    message: str = ""  # what went wrong, specific: shapes, types, expected vs got
    hint: str = ""  # targeted advice when the result matches a known mistake
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass
class FunctionResult:
    name: str
    max_points: float
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def points(self) -> float:
        """Partial credit: the share of this function's cases that passed."""
        if not self.checks:
            return 0.0
        return self.max_points * sum(c.passed for c in self.checks) / len(self.checks)

    @property
    def status(self) -> Status:
        """The function's overall status: passed only if every case passed, else the first bad status."""
        for c in self.checks:
            if not c.passed:
                return c.status
        return "passed" if self.checks else "missing"

    @property
    def first_failure(self) -> CheckResult | None:
        return next((c for c in self.checks if c.status not in ("passed", "skipped")), None)


@dataclass
class GradeResult:
    assignment: str
    gradable: bool = True
    message: str = ""  # why the submission is not gradable (with the line), or empty
    functions: list[FunctionResult] = field(default_factory=list)
    pass_mark: float = 0.8
    source_hash: str = ""
    version: str = ""  # the version of the original course's notebook it was graded as ("" for dlspec's own)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # what was skipped or failed to import; never costs points
    output: str = ""  # what the learner's code printed while graded, capped (Gradescope's top-level "output")
    # per graded function, a hash of the code its verdict depends on (grade.digests): a later grade of the same
    # notebook keeps the verdicts of functions whose hash is unchanged
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def max_points(self) -> float:
        return sum(f.max_points for f in self.functions)

    @property
    def points(self) -> float:
        return sum(f.points for f in self.functions)

    @property
    def score(self) -> float:
        """Fraction of points earned, 0..1."""
        return self.points / self.max_points if self.gradable and self.max_points else 0.0

    @property
    def passed(self) -> bool:
        return self.gradable and self.score >= self.pass_mark - 1e-12

    def to_json(self) -> dict:
        """The Gradescope/Exercism shape, plus dlspec's per-case detail under ``checks``."""
        tests = []
        for f in self.functions:
            bad = f.first_failure
            message = "" if bad is None else bad.message + (f"\nHint: {bad.hint}" if bad.hint else "")
            tests.append(
                {
                    "name": f.name,
                    "status": f.status if f.status in ("passed", "skipped") else "failed",
                    "score": round(f.points, 4),
                    "max_score": f.max_points,
                    "message": message,
                    "checks": [asdict(c) for c in f.checks],
                }
            )
        return {
            "assignment": self.assignment,
            "gradable": self.gradable,
            "message": self.message,
            "score": round(self.score, 4),
            "passed": self.passed,
            "pass_mark": self.pass_mark,
            "source_hash": self.source_hash,
            "version": self.version,
            "seconds": round(self.seconds, 3),
            "warnings": self.warnings,
            "output": self.output,
            "tests": tests,
        }
