"""What the capstone's checks report: one verdict per check, with a hint and figures, and the project's score."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

PASSED, FAILED, SKIPPED, NOT_RUN = "passed", "failed", "skipped", "not_run"
GATE = "service"


@dataclass
class Check:
    """One check's verdict. ``figures`` holds what it measured (accuracy, latency, image size...), shown even
    when it passes; ``feedback`` names files kept for the learner (a screenshot)."""

    name: str
    status: str
    message: str = ""
    hint: str = ""
    figures: dict[str, float | str] = field(default_factory=dict)
    feedback: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class ProjectResult:
    project: str
    checks: list[Check]

    @property
    def counted(self) -> list[Check]:
        """The checks that count: a check skipped for want of a tool (podman, Chromium) neither helps nor hurts, and
        the service starting is the gate of the others, not a point of its own (an untouched starter scores 0)."""
        return [c for c in self.checks if c.status != SKIPPED and c.name != GATE]

    @property
    def score(self) -> float:
        counted = self.counted
        return sum(c.status == PASSED for c in counted) / len(counted) if counted else 0.0

    @property
    def passed(self) -> bool:
        """Every check that ran passed: a service that answers wrongly is not shipped, however fast it is."""
        return bool(self.counted) and all(c.status == PASSED for c in self.counted)

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)

    def to_json(self) -> dict:
        return {
            "project": self.project,
            "score": self.score,
            "passed": self.passed,
            "checks": [asdict(c) for c in self.checks],
        }


def fail(name: str, message: str, hint: str = "", **figures) -> Check:
    return Check(name, FAILED, message, hint, dict(figures))


def ok(name: str, message: str = "", **figures) -> Check:
    return Check(name, PASSED, message, "", dict(figures))
