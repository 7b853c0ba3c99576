"""Text colours of the style sheet against the backgrounds they sit on: WCAG contrast of at least 4.5:1."""

import re
from pathlib import Path

import dlspec.web

CSS = (Path(dlspec.web.__file__).parent / "static" / "site.css").read_text()
VARS = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6});", CSS))
# (text, background) as used together by the pages: variables by name, literal colours as written in the sheet.
PAIRS = [
    ("ink", "paper"), ("muted", "paper"), ("muted", "wash"), ("accent", "paper"), ("accent", "wash"),
    ("accent-ink", "accent"), ("ok", "paper"), ("bad", "paper"), ("warn", "warn-wash"), ("warn", "paper"),
    ("#116329", "ok-wash"), ("#82071e", "bad-wash"), ("#ffffff", "#24292f"), ("#0a3069", "paper"),
    ("#0550ae", "wash"), ("#116329", "#dafbe1"), ("#82071e", "#ffebe9"), ("accent-ink", "#094c8f"),
]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def resolve(colour: str) -> str:
    return colour if colour.startswith("#") else VARS[colour]


def test_every_text_colour_reads_at_4_5_to_1_or_better():
    for text, background in PAIRS:
        assert text.startswith("#") or text in VARS, text  # the sheet still defines what the pages use
        ratio = contrast(resolve(text), resolve(background))
        assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}"


def test_the_contrast_formula_on_known_values():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic grey that just fails
