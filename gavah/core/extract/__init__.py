"""Claim extraction: pure functions from a text to suggested, attributed claims.

    from gavah.core.extract import Gazetteer, extract
    result = extract(text, publisher="Caspian Justice Watch", gazetteer=Gazetteer(entities))

See `claims.extract` for the entry point and `model` for what it returns.
"""

from gavah.core.extract.claims import Limits, extract
from gavah.core.extract.language import detect_language
from gavah.core.extract.mentions import Entity, Gazetteer
from gavah.core.extract.model import (
    CLAIM_KINDS,
    QUALIFIERS,
    Claim,
    Extraction,
    Figure,
    Language,
    Mention,
    Party,
    Quotation,
    Segment,
)
from gavah.core.extract.patterns import EntityRecognizer, spacy_recognizer

__all__ = [
    "CLAIM_KINDS",
    "QUALIFIERS",
    "Claim",
    "Entity",
    "EntityRecognizer",
    "Extraction",
    "Figure",
    "Gazetteer",
    "Language",
    "Limits",
    "Mention",
    "Party",
    "Quotation",
    "Segment",
    "detect_language",
    "extract",
    "spacy_recognizer",
]
