"""A learned check on figure claims: "is this number a figure of something?".

Rules find figure candidates (`figures.find_figures`); on held-out documents about one in
three of them counted nothing ("two young children", "4 tweet", "هفت سین"). A logistic
regression trained on the corpus annotations (bench/data/claims_corpus, every document
development data; `scripts/train_extract_model.py`) scores each figure claim from words
around it and what the rules read (qualifier, magnitude, what it counts, language...).
A claim scoring below the model's threshold is not suggested.

We publish the weights ourselves: they are `figure_model.json` beside this file, plain
JSON (never a pickle), read once and scored as a sum of named weights in Python, so
nothing is downloaded and no numerical library is imported at run time. The section
"The figure model" of docs/annotation-guide.md says what it was trained on and how it
scores under cross-validation. Off by default: `extract(..., figure_model=True)`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from gavah.core.extract.model import Claim
from gavah.core.text import fold

WEIGHTS = Path(__file__).with_name("figure_model.json")
FORMAT = 1
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_PERCENT = re.compile(r"\s*(?:%|٪|percent|per cent|درصد)")


@dataclass(frozen=True)
class FigureModel:
    """Named weights of a logistic regression and the probability below which a figure
    claim is dropped."""

    weights: Mapping[str, float]
    bias: float
    threshold: float = 0.5
    meta: Mapping[str, Any] | None = None

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            **(self.meta or {}),
            "format": FORMAT,
            "threshold": self.threshold,
            "bias": round(self.bias, 6),
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FigureModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"figure model format {data.get('format')!r}, expected {FORMAT}")
        meta = {
            k: v for k, v in data.items() if k not in ("format", "threshold", "bias", "weights")
        }
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return cls(weights, float(data["bias"]), float(data["threshold"]), meta)


@lru_cache(maxsize=1)
def shipped() -> FigureModel:
    """The weights shipped with gavah."""
    return FigureModel.from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")))


def _magnitude(claim: Claim) -> str:
    f = claim.figure
    assert f is not None
    v = next((x for x in (f.value, f.min, f.max) if x is not None), None)
    if v is None:
        return "none"
    if float(v).is_integer() and 1900 <= v <= 2100:
        return "year"
    return str(min(7, len(str(int(abs(v))))))


def _words(text: str) -> list[str]:
    return [w[:5] for w in _TOKEN.findall(fold(text).replace("\u200c", ""))]


def figure_features(
    text: str, claim: Claim, language: str, speech: Sequence[tuple[int, int]] = ()
) -> list[str]:
    """The named features of one figure claim in `text` (binary: present or not)."""
    f = claim.figure
    assert f is not None
    lang = language if language in ("en", "fa", "ar") else "other"
    out = [
        f"lang={lang}",
        f"q={f.qualifier}",
        f"mag={_magnitude(claim)}",
        "digits" if any(c.isdigit() for c in f.text) else "words",
    ]
    n = len(f.text.split())
    out.append("len=1" if n == 1 else "len=2-3" if n <= 3 else "len=4+")
    counts = _words(f.counts) if f.counts else []
    if not counts:
        out.append("counts=none")
    out += [f"c={w}" for w in counts[:4]]
    if counts:
        out.append(f"c0={counts[0]}")
    out.append("period" if f.period is not None else "noperiod")
    out.append("speaker" if claim.speaker is not None else "nospeaker")
    if any(s <= claim.start < e for s, e in speech):
        out.append("inquote")
    before = _words(text[max(0, claim.start - 40) : claim.start])[-2:]
    after = _words(text[claim.end : claim.end + 30])[:2]
    out += [f"p1={before[-1]}"] if before else ["p1=^"]
    out += [f"p2={before[-2]}"] if len(before) > 1 else []
    out += [f"n1={after[0]}"] if after else ["n1=$"]
    if _PERCENT.match(text, claim.end) or _PERCENT.match(text, f.end):
        out.append("percent")
    line_start = text.rfind("\n", 0, claim.start) + 1
    if not text[line_start : claim.start].strip():
        out.append("line_start")
    out += [f"flag={x}" for x in claim.flags if x in _FLAGS]
    return [f"{lang}:{x}" if x.startswith(("c=", "c0=", "p1=", "p2=", "n1=")) else x for x in out]


# flags worth a weight: what the rules and the attribution said of the claim
_FLAGS = frozenset(
    [
        "counts_unknown",
        "low_confidence",
        "speaker_unresolved",
        "speaker_from_context",
        "reported_speech",
        "according",
        "described",
        "office",
    ]
)


def filter_figures(
    claims: list[Claim],
    text: str,
    language: str,
    model: FigureModel | None,
    speech: list[tuple[int, int]],
) -> list[Claim]:
    """`claims` without the figure claims `model` scores below its threshold (the others
    unchanged). No model: all of them."""
    if model is None:
        return claims
    out = []
    for c in claims:
        if (
            c.kind == "figure"
            and c.figure is not None
            and model.probability(figure_features(text, c, language, speech)) < model.threshold
        ):
            continue
        out.append(c)
    return out
