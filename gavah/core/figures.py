"""Comparing figures asserted by different parties: what they count, and whether their
ranges can both be true. Contradictions are shown side by side, never averaged."""

from __future__ import annotations

import math
import re
from typing import Any

from gavah.core.text import fold

# Words that do not say what is counted (English, Persian, Arabic).
_STOP_WORDS = """
a an the of in at on to by for from and or were was been be being are is that who which
with as than about more less least most some people persons total number into during under
over after before their his her its this these those
که از در به با را و یا تا هم این آن ها های شد شدند بود بودند است نفر تن
في من على الى إلى عن مع او أو و ان أن هذا هذه تم كان كانوا
"""
_STOP = frozenset(_STOP_WORDS.split())
_TOKEN = re.compile(r"[^\W\d_]+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ers", "ees", "ed", "es", "s",
             "ها", "های", "ان", "ين", "ون")


def _stem(token: str) -> str:
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def counts_key(counts: str | None) -> str | None:
    """A comparable form of what a figure counts: folded, stemmed content words, sorted."""
    if not counts:
        return None
    words = sorted({_stem(t) for t in _TOKEN.findall(fold(counts)) if t not in _STOP})
    return " ".join(words)[:255] or None


def same_count(a: str | None, b: str | None, threshold: float = 0.5) -> bool:
    """Two figures count the same thing when their content words mostly agree."""
    if not a or not b:
        return False
    left, right = set(a.split()), set(b.split())
    return len(left & right) / len(left | right) >= threshold


def interval(figure: dict[str, Any]) -> tuple[float, float]:
    """The range of values a figure allows, from its value, bounds and qualifier."""
    value, low, high = figure.get("value"), figure.get("min"), figure.get("max")
    qualifier = figure.get("qualifier") or "exact"
    if qualifier == "range" and low is not None and high is not None:
        return float(low), float(high)
    if qualifier in ("at least", "more than"):
        base = low if low is not None else value
        return (float(base), math.inf) if base is not None else (0.0, math.inf)
    if qualifier in ("up to", "fewer than"):
        base = high if high is not None else value
        return (0.0, float(base)) if base is not None else (0.0, math.inf)
    if qualifier in ("about", "nearly") and value is not None:
        return float(value) * 0.9, float(value) * 1.1
    if low is not None or high is not None:
        return (float(low) if low is not None else 0.0,
                float(high) if high is not None else math.inf)
    if value is not None:
        return float(value), float(value)
    return 0.0, math.inf


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether both figures can be true at once (their ranges overlap)."""
    a_low, a_high = interval(a)
    b_low, b_high = interval(b)
    return a_low <= b_high and b_low <= a_high


def describe(figure: dict[str, Any]) -> str:
    """A short reading of a figure: "more than 30,000", "2,800–5,000", "thousands"."""
    low, high = interval(figure)
    qualifier = figure.get("qualifier") or "exact"
    if qualifier == "range" and math.isfinite(high):
        return f"{low:,.0f}–{high:,.0f}"
    if qualifier == "vague":
        return str(figure.get("text") or f"at least {low:,.0f}")
    number = next((v for v in (figure.get("value"), figure.get("min"), figure.get("max"))
                   if isinstance(v, int | float)), None)
    if number is None:
        return str(figure.get("text") or "?")
    return f"{number:,.0f}" if qualifier == "exact" else f"{qualifier} {number:,.0f}"
