"""Claim rows as the recorder writes them: its JSON columns, written by one shared encoder
and by hand, are the text json.dumps gives (stored rows must not change with speed-ups)."""

from __future__ import annotations

import json
from dataclasses import replace

from gavah.core.extract import extract
from gavah.core.figures import counts_key
from gavah.core.hashing import is_sha256
from gavah.pipelines import claim_runs
from gavah.store import claims as claim_store
from gavah.store import sources as source_store

TEXT = ("The fictional Northgate Monitoring Group said on 3 May 2021 that \"at least 40 "
        "prisoners were moved from Westgate prison in 1988\". According to the fictional "
        "committee, 120 people were questioned between 1987 and 1989. A fictional "
        "spokesperson, Maryam Rahimi, told the fictional «Keyhan» that \"no one was moved\".")


def test_claim_rows_json_is_what_json_dumps_gives() -> None:
    result = extract(TEXT, publisher="Fictional Daily")
    claims = list(result.claims)
    assert any(c.attribution for c in claims) and any(c.figure for c in claims)
    # Flags beyond ASCII, and none, too: the hand-written flags column escapes as json does.
    claims += [replace(claims[0], flags=("naïve", "ﺍﺧﺒﺎﺭ", 'a "q"')), replace(claims[0], flags=())]
    parties = claim_runs.Parties([], {})
    text = claim_store.Text(1, "Fictional Daily", 2, "a" * 64, "text", "b" * 64)
    for claim in claims:
        row = claim_runs._row(claim, text, parties, "en", "now")
        assert row["flags"] == json.dumps(list(claim.flags))
        assert row["attribution"] == json.dumps([claim_runs._party(p) for p in claim.attribution],
                                                ensure_ascii=False)
        if claim.figure is not None:
            from gavah.core.extract.model import figure_dict

            assert row["figure"] == json.dumps(figure_dict(claim.figure), ensure_ascii=False)
            assert row["counts_key"] == counts_key(claim.figure.counts)
        else:
            assert row["figure"] is None and row["counts_key"] is None


def test_parties_find_a_source_by_name_every_time() -> None:
    class Row:  # a sources row, as the recorder reads it
        def __init__(self, id: int, name: str) -> None:
            self.id, self.key, self.entity_id = id, source_store.source_key(name), None
            self.classification = "public"

    parties = claim_runs.Parties([Row(7, "Northgate Monitoring Group")], {})  # type: ignore[list-item]
    result = extract(TEXT)
    speakers = [c.speaker for c in result.claims if c.speaker is not None]
    assert speakers
    # Asked twice (the second answer from the names already keyed): the same source.
    assert [parties.source(s) for s in speakers] == [parties.source(s) for s in speakers]
    assert parties.source(replace(speakers[0], name="The Northgate Monitoring Group (NMG)",
                                  entity_id=None)) == 7
    assert parties.source(replace(speakers[0], name="Someone Else", entity_id=None)) is None


def test_is_sha256() -> None:
    assert is_sha256("0123456789abcdef" * 4)
    assert not is_sha256("0123456789ABCDEF" * 4)
    assert not is_sha256("0123456789abcdef" * 4 + "0")
    assert not is_sha256("0123456789abcdef" * 3 + "0123456789abcde\n")
    assert not is_sha256("g" * 64)
