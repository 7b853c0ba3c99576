"""dlspec.grader: extract → run (sandboxed subprocess) → compare/diagnose → score."""

from dlspec.grader.grade import grade

__all__ = ["grade"]
