"""The numbers in the quiz banks, checked, so that no bank states a wrong figure as right.

``problems(bank)`` lists what is wrong with a bank's numbers (tests/course/test_quiz_numbers.py asserts there is
nothing); the rules are in docs/quizzes.md. In short:

* **computed options.** An option's ``compute`` is Python run like a notebook cell (the value of its last line),
  over ``np``, ``math``, the engine as ``nn`` (``nn.deep.compute_cost``) and the question's ``given`` numbers.
  Its value must read as the option's text: equal a number shown there (to its last digit if marked "about"). On
  the right option it is the right computation; on a wrong one, the slip that produces that wrong number, and the
  right answer must *not* read as the wrong option's text. ``raises = "ValueError"`` says that the computation
  fails (the right answer to "what happens?"). A wrong option of a select-all question names its own right value
  in ``truth``.
* **given numbers** appear in the prompt, so that a prompt edited without its computation is caught.
* **worked arithmetic** in any text (``5·4 + 4 = 24``, ``−log 0.2 ≈ 1.609``) holds, to the last digit of its
  right-hand side.
* an option that is nothing but a number or a shape, marked right, carries a ``compute``.

Nothing here runs when a learner takes a quiz.
"""

from __future__ import annotations

import ast
import copy
import importlib
import itertools
import math
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlspec.course import figures

_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+(?:\.[0-9]+)?"
_POWER = "[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+"
# A number as a text shows it: an optional sign, digits (thousands may be grouped with commas), then optionally
# "× 10ⁿ", a power written in superscripts, or a percent sign. Not part of a name: W2, x₁, 2m, 10ʳ.
_LITERAL = re.compile(
    rf"(?<![\w.^])(?P<sign>[−-])?(?P<digits>{_DIGITS})"
    rf"(?:\s*×\s*10(?P<exp>{_POWER}))?(?P<power>{_POWER})?(?P<pct>%)?(?!\w)"
)
# Layer, mini-batch and example indices (W^[1], a^[3]{8}(7)) are notation, not numbers.
_NOTATION = re.compile(r"\^[\[{(][^\]})]*[\]})]")
_GROUP = re.compile(r"[\[(][\[\](),\s#]*#[\[\](),\s#]*[\])]")
# A number (or a bracketed group of numbers) right after one of these words is rounded; any other is exact.
_ABOUT = re.compile(r"(?:\babout|\broughly|\baround|\bapproximately|≈)\s*$", re.IGNORECASE)
_WORDS = re.compile(r"\b(?:about|roughly|around|approximately|exactly)\b", re.IGNORECASE)
# Stretches of text that can hold worked arithmetic: digits, operators, brackets, superscripts, =, ≈ and "log".
_ARITHMETIC = re.compile(r"(?:\blog\b|[0-9.\s+\-−×·*/()⌊⌋%⁰¹²³⁴⁵⁶⁷⁸⁹⁻=≈])+")
_THOUSANDS = re.compile(r"(?<![0-9])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])")


@dataclass(frozen=True)
class Shown:
    """One number in a text: its value and how far a value may lie from it and still read as it."""

    value: float
    half: float  # half a unit of its last digit (0 for a power such as 1.5⁵⁰, which is exact as written)
    about: bool  # marked as rounded ("about 0.9%"), so any value within ``half`` reads as it


@dataclass(frozen=True)
class Raised:
    """The outcome of a computation that failed, by its exception's class name."""

    name: str


@dataclass(frozen=True)
class Equation:
    text: str  # the two sides as written, with their = or ≈
    left: float
    right: float
    holds: bool


def _literal(m: re.Match, about: bool = False) -> Shown:
    digits = m["digits"].replace(",", "")
    value = float(digits)
    half = 0.5 * 10.0 ** -len(digits.partition(".")[2])
    if m["exp"]:
        scale = 10.0 ** int(m["exp"].translate(_SUPER))
        value, half = value * scale, half * scale
    if m["power"]:
        value, half = value ** int(m["power"].translate(_SUPER)), 0.0
    if m["pct"]:
        value, half = value / 100, half / 100
    return Shown(-value if m["sign"] else value, half, about)


def shown_numbers(text: str) -> tuple[list[Shown], list[list[Shown]]]:
    """The numbers ``text`` shows, split into loose ones and bracketed groups such as ``(4, 400)`` or ``[[10]]``."""
    text = _NOTATION.sub("", text)
    matches = list(_LITERAL.finditer(text))
    # The text with every number as one '#', to find the brackets that hold nothing but numbers.
    flat, marks, at = "", [], 0
    for m in matches:
        flat += text[at : m.start()]
        marks.append(len(flat))
        flat += "#"
        at = m.end()
    flat += text[at:]
    groups: dict[tuple[int, int], list[Shown]] = {g.span(): [] for g in _GROUP.finditer(flat)}
    loose = []
    for m, pos in zip(matches, marks, strict=True):
        span = next((s for s in groups if s[0] <= pos < s[1]), None)
        # "about" right before the number, or before the bracket of its group, marks it as rounded.
        about = bool(_ABOUT.search(flat[: span[0] if span else pos]))
        (groups[span] if span else loose).append(_literal(m, about))
    return loose, list(groups.values())


def _agrees(value: float, shown: Shown) -> bool:
    """Whether ``value`` reads as ``shown``: exactly (up to float noise), or to its last digit if it says "about"."""
    close = math.isclose(value, shown.value, rel_tol=1e-9, abs_tol=1e-12)
    return close or (shown.about and abs(value - shown.value) <= shown.half)


def _values(outcome: Any) -> list[float] | None:
    """A computed outcome as a list of numbers, or None for a scalar; shapes and arrays are flattened."""
    if isinstance(outcome, tuple | list | np.ndarray) and np.ndim(outcome) > 0:
        return [float(v) for v in np.asarray(outcome, dtype=float).ravel()]
    return None


def reads_as(outcome: Any, text: str) -> bool:
    """Whether ``text`` shows ``outcome``: a number agrees with one the text shows, to its last digit; a sequence
    (a shape, an array) matches a bracketed group of the same length, or the text's loose numbers in order."""
    if isinstance(outcome, Raised):
        return False
    loose, groups = shown_numbers(text)
    values = _values(outcome)
    if values is None:
        value = float(outcome)
        return any(_agrees(value, s) for s in loose + [s for g in groups for s in g])
    if not values:
        return False
    if any(len(g) == len(values) and all(map(_agrees, values, g)) for g in groups):
        return True
    rest = iter(loose)
    return all(any(_agrees(v, s) for s in rest) for v in values)


def is_bare_number(text: str) -> bool:
    """Whether ``text`` is nothing but numbers (and brackets, "about", "exactly"): such an answer must be computed."""
    stripped = _WORDS.sub("", _LITERAL.sub("", _NOTATION.sub("", text)))
    return bool(_LITERAL.search(text)) and not any(c.isalpha() for c in stripped)


class _Engine:
    """``nn`` in a compute snippet: ``nn.deep`` is dlspec.nn.deep, imported on first use, so that a bank's numbers
    come from the same reference code as the notebooks' answer keys."""

    def __getattr__(self, module: str) -> Any:
        return importlib.import_module(f"dlspec.nn.{module}")


def run(snippet: str, given: dict) -> Any:
    """Run ``snippet`` like a notebook cell over ``np``, ``math``, ``nn`` and ``given``; the value of its last line."""
    tree = ast.parse(textwrap.dedent(snippet).strip())
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        raise ValueError("a compute snippet must end with an expression, its value")
    last = ast.Expression(tree.body.pop().value)
    namespace = {"np": np, "math": math, "nn": _Engine(), **copy.deepcopy(given)}
    exec(compile(tree, "<compute>", "exec"), namespace)  # the banks' own code, run by the test only
    return eval(compile(last, "<compute>", "eval"), namespace)


def outcome(snippet: str, given: dict) -> Any:
    """``run``, with a failure turned into Raised so that "it raises an error" can be an answer."""
    try:
        return run(snippet, given)
    except Exception as e:  # any failure is an outcome to compare
        return Raised(type(e).__name__)


# --- worked arithmetic --------------------------------------------------------------------------------------------

_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Call, ast.Name, ast.Load,
            ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd)
_FUNCTIONS = {"log": math.log, "floor": math.floor}


def _evaluate(side: str) -> float | None:
    """The value of one side of a worked equation, or None when it is not plain arithmetic."""
    python = re.sub(r"\blog\s*([0-9.]+)", r"log(\1)", side)
    python = re.sub(_POWER, lambda m: f"**({m[0].translate(_SUPER)})", python)
    python = python.translate(str.maketrans({"−": "-", "×": "*", "·": "*", "⌊": "floor(", "⌋": ")", "%": "/100"}))
    try:
        tree = ast.parse(python, mode="eval")
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED) or (isinstance(node, ast.Name) and node.id not in _FUNCTIONS):
            return None
        if isinstance(node, ast.Call) and not isinstance(node.func, ast.Name):
            return None
    try:
        return float(eval(compile(tree, "<arithmetic>", "eval"), {"__builtins__": {}}, dict(_FUNCTIONS)))
    except (ArithmeticError, ValueError, TypeError):
        return None


def _side(text: str, start: int, end: int) -> str | None:
    """The side of an equation at text[start:end], trimmed, or None when it is cut out of a longer expression:
    glued to a name (σ(0), x1, 2m) or continuing one (a − 3 = 5 is not "−3 = 5")."""
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    side = chunk.strip().rstrip(".")
    if not side:
        return None
    first = start + lead
    before = text[first - 1] if first > 0 else " "
    after_at = first + len(side)
    after = text[after_at] if after_at < len(text) else " "
    if before.isalnum() or before in "_)]}" or after.isalnum() or after == "_":
        return None
    if side[0] in "+×·*/)%":
        return None
    if side[0] in "−-":
        previous = text[:first].rstrip()[-1:] or " "
        if previous.isalnum() or previous in ")]}":
            return None
    return side


def worked_equations(text: str) -> list[Equation]:
    """Every ``a = b`` or ``a ≈ b`` in ``text`` whose two sides are plain arithmetic, checked.

    ``=`` means equal (up to float noise). ``≈`` allows the right side to be rounded: the sides agree within half a
    unit of the last digit of the coarsest number written there (``1050 / 64 ≈ 16.4``, ``1.5⁵⁰ ≈ 6.4 × 10⁸``).
    """
    text = _THOUSANDS.sub(lambda m: m[0].replace(",", ""), text)
    found = []
    for span in _ARITHMETIC.finditer(text):
        bounds = [span.start()]
        for sign in re.finditer("[=≈]", span[0]):
            bounds += [span.start() + sign.start(), span.start() + sign.end()]
        bounds.append(span.end())
        sides = [_side(text, a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
        signs = re.findall("[=≈]", span[0])
        for (left, right), sign in zip(itertools.pairwise(sides), signs, strict=True):
            values = (_evaluate(left), _evaluate(right)) if left and right else (None, None)
            if None in values:
                continue
            lv, rv = values
            half = max((_literal(m).half for m in _LITERAL.finditer(right)), default=0.0) if sign == "≈" else 0.0
            holds = abs(lv - rv) <= half or math.isclose(lv, rv, rel_tol=1e-9, abs_tol=1e-12)
            found.append(Equation(f"{left} {sign} {right}", lv, rv, holds))
    return found


# --- a whole bank -------------------------------------------------------------------------------------------------


def problems(bank: dict) -> list[str]:
    """Everything wrong with the numbers of ``bank`` (parsed TOML, as ``quiz.read`` gives it); empty when none."""
    found = []
    for q in bank["question"]:
        found += [f"{q['id']}: {p}" for p in _question_problems(q)]
    return found


def _question_problems(q: dict) -> list[str]:
    given = q.get("given", {})
    prompt = figures.fill(q["prompt"])
    options = [{**o, "text": figures.fill(o["text"]), "why": figures.fill(o["why"])} for o in q["option"]]
    found = []
    for where, text in [("prompt", prompt)] + [(f"option {n}", o[k]) for n, o in enumerate(options, 1)
                                                for k in ("text", "why")]:
        found += [f"{where}: {e.text} does not hold ({e.left:g} against {e.right:g})"
                  for e in worked_equations(text) if not e.holds]
    loose, groups = shown_numbers(prompt)
    in_prompt = loose + [s for g in groups for s in g]
    for name, value in given.items():
        for v in np.asarray(value, dtype=float).ravel():
            if not any(_agrees(float(v), s) for s in in_prompt):
                found.append(f"given {name} = {value}: the prompt does not show {v:g}")
    outcomes = {n: outcome(o["compute"], given) for n, o in enumerate(options, 1) if "compute" in o}
    right = [n for n, o in enumerate(options, 1) if o.get("correct")]
    for n, o in enumerate(options, 1):
        label = f"option {n} ({o['text']})"
        if ("raises" in o or "truth" in o) and n not in outcomes:
            found.append(f"{label}: raises and truth need a compute")
        if o.get("correct") and n not in outcomes and is_bare_number(o["text"]):
            found.append(f"{label}: a numeric answer needs a compute")
        if n not in outcomes:
            continue
        got = outcomes[n]
        if "raises" in o:
            if not (isinstance(got, Raised) and got.name == o["raises"]):
                found.append(f"{label}: compute should raise {o['raises']}, gives {_brief(got)}")
        elif isinstance(got, Raised):
            found.append(f"{label}: compute raised {got.name}")
        elif not reads_as(got, o["text"]):
            found.append(f"{label}: compute gives {_brief(got)}, which the text does not show")
        if o.get("correct"):
            continue
        if "truth" in o:
            truth = outcome(o["truth"], given)
        elif q.get("multiple"):
            found.append(f"{label}: a wrong option of a select-all question needs a truth to differ from")
            continue
        elif right[0] in outcomes:
            truth = outcomes[right[0]]
        else:
            found.append(f"{label}: has a compute but the right option has none")
            continue
        if reads_as(truth, o["text"]) or (isinstance(truth, Raised) and isinstance(got, Raised) and truth == got):
            found.append(f"{label}: marked wrong, but the right value {_brief(truth)} reads as it")
    return found


def _brief(outcome: Any) -> str:
    """An outcome as a message shows it: arrays as nested lists, rounded; NumPy scalars as plain numbers."""
    if isinstance(outcome, Raised):
        return f"an error ({outcome.name})"
    if isinstance(outcome, np.ndarray | np.generic):
        return repr(np.round(outcome, 6).tolist())
    if isinstance(outcome, float):
        return f"{outcome:.10g}"  # 3.0301, not 3.0301000000000133
    return repr(outcome)
