"""bench/corpus_scoring.py: how a found attribution chain is judged against the gold's.
Parties here are FICTIONAL; no extractor runs."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from corpus_scoring import chain_ok, defined_names  # noqa: E402

from gavah.core.extract import Party  # noqa: E402


def _chain(*names: str) -> list[Party]:
    return [Party(n, None, "speaker") for n in names]


SPEAKER = {"name": "Tarsa human rights experts", "aliases": ["Tarsa experts"]}


def test_the_speakers_level_is_judged_as_the_speaker_is() -> None:
    gold = ["Fictional Wire", "Tarsa human rights experts"]
    assert chain_ok(gold, _chain("Fictional Wire", "Tarsa human rights experts"), SPEAKER)
    # an alias the speaker is accepted by passes at the speaker's level too
    assert chain_ok(gold, _chain("Fictional Wire", "Tarsa experts"), SPEAKER)
    # without the speaker (the scorer before this rule), by name only
    assert not chain_ok(gold, _chain("Fictional Wire", "Tarsa experts"))


def test_other_levels_are_judged_by_name_and_the_length_counts() -> None:
    gold = ["Fictional Wire", "Qalat Rights Office", "Tarsa human rights experts"]
    assert not chain_ok(gold, _chain("Fictional Wire", "Tarsa experts"), SPEAKER)
    assert not chain_ok(gold, _chain("Tarsa experts", "Qalat Rights Office", "Tarsa experts"),
                        SPEAKER)
    assert not chain_ok(gold, _chain("Fictional Wire", "Lorn Monitor", "Tarsa experts"), SPEAKER)
    assert chain_ok(gold, _chain("Fictional Wire", "Qalat Rights Office", "Tarsa experts"),
                    SPEAKER)
    # an alias is the speaker's only: a gold chain that ends in someone else is by name
    other = ["Fictional Wire", "unresolved"]
    assert not chain_ok(other, _chain("Fictional Wire", "Tarsa experts"), SPEAKER)


def test_a_body_the_document_names_with_its_acronym_passes_under_either_name() -> None:
    text = ("The Qalat Refugee Agency (QRA) said on Monday that 400 people had fled. "
            "Lorn Monitor said more.")
    defined = defined_names(text)
    assert defined == [("The Qalat Refugee Agency", "QRA")]
    gold = ["Fictional Wire", "QRA", "Tarsa human rights experts"]
    found = _chain("Fictional Wire", "Qalat Refugee Agency", "Tarsa experts")
    assert chain_ok(gold, found, SPEAKER, defined)
    assert chain_ok(["Fictional Wire", "Qalat Refugee Agency", "Tarsa experts"],
                    _chain("Fictional Wire", "QRA", "Tarsa experts"), SPEAKER, defined)
    # not without the document's definition, and not for another body
    assert not chain_ok(gold, found, SPEAKER)
    assert not chain_ok(gold, _chain("Fictional Wire", "Lorn Monitor", "Tarsa experts"),
                        SPEAKER, defined)
