"""The figure index of a case file finds exactly the figures `compatible` calls
contradicting, for the same count only (FICTIONAL figures)."""

from __future__ import annotations

import json
import random

from gavah.core.figures import compatible, same_count
from gavah.pipelines.cases.figures import FigureIndex
from gavah.store.claim_tables import Claim

QUALIFIERS = ("exact", "at least", "more than", "up to", "about", "range")
SUBJECTS = ("prisoners executed", "political prisoners executed", "people detained")


def _claim(n: int, rng: random.Random) -> Claim:
    qualifier = rng.choice(QUALIFIERS)
    value = rng.choice((200, 2800, 3000, 5000, 30000))
    figure = {"value": value, "qualifier": qualifier}
    if qualifier == "range":
        figure |= {"min": value, "max": value * 2}
    return Claim(id=f"c{n:04d}", figure=json.dumps(figure),
                 counts_key=rng.choice(SUBJECTS))


def test_index_agrees_with_pairwise_comparison() -> None:
    rng = random.Random(7)
    claims = [_claim(n, rng) for n in range(300)]
    index = FigureIndex(claims)
    for claim in claims[:60]:
        expected = sorted(
            c.id for c in claims if c.id != claim.id
            and same_count(claim.counts_key, c.counts_key)
            and not compatible(json.loads(claim.figure), json.loads(c.figure)))
        assert [c.id for c in index.contradicting(claim)] == expected
    assert index.contradicting(Claim(id="x", figure=None, counts_key=None)) == []
