"""What the rule tests of each extraction round look at: quotations with their speaker
and attribution chain, and figures with their value. The publisher is FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import Claim, extract

PUBLISHER = "خبرگزاری نمونه"
WIRE = "Meridian Wire"  # the rounds' English-named publisher


def quotes(text: str, publisher: str = PUBLISHER) -> list[tuple[str, str | None, list[str]]]:
    claims: list[Claim] = list(extract(text, publisher=publisher).claims)
    return [
        (c.text, c.speaker.name if c.speaker else None, [p.name for p in c.attribution])
        for c in claims
        if c.kind in ("quotation", "denial", "allegation") and "reported_speech" not in c.flags
    ]


def figures(text: str, publisher: str = PUBLISHER) -> list[tuple[str, float | None, float | None]]:
    return [
        (c.text, c.figure.value, c.figure.min)
        for c in extract(text, publisher=publisher).claims
        if c.kind == "figure" and c.figure is not None
    ]


def chains(text: str, publisher: str | None = PUBLISHER) -> list[list[str]]:
    """The attribution chain of each quotation, outermost level first."""
    return [[p.name for p in c.attribution]
            for c in extract(text, publisher=publisher).claims if c.kind == "quotation"]


def chains_by_text(text: str, *, publisher: str = WIRE,
                   speaker_model: bool = False) -> dict[str, list[str]]:
    """Each quotation's attribution chain by its words."""
    result = extract(text, publisher=publisher, speaker_model=speaker_model)
    return {c.text: [p.name for p in c.attribution] for c in result.claims
            if c.kind == "quotation"}


def speakers_by_text(text: str, *, publisher: str = WIRE,
                     speaker_model: bool = False) -> dict[str, str | None]:
    """Each quotation's speaker by its words (None: unattributed)."""
    result = extract(text, publisher=publisher, speaker_model=speaker_model)
    return {c.text: c.speaker.name if c.speaker else None for c in result.claims
            if c.kind == "quotation"}


def counts_by_text(text: str, *, publisher: str = WIRE) -> dict[str, str | None]:
    """What each figure counts, by the figure's words."""
    return {c.text: c.figure.counts for c in extract(text, publisher=publisher).claims
            if c.kind == "figure" and c.figure is not None}
