"""Linking the fictional lists with Splink, and reviewers' decisions, on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from gavah.core.errors import BadInput
from gavah.pipelines.victims import link, review
from gavah.pipelines.victims.importing import import_list
from gavah.pipelines.victims.registry import list_records, runs
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.conftest import write
from tests.pipelines.victims.lists import (
    ACTOR,
    import_all,
    persons,
    same_partition,
    truth,
)


def _ids(ws: Workspace) -> dict[tuple[str, str], int]:
    return {(r["list"], r["source_ref"]): r["id"] for r in list_records(ws)}


def test_links_across_scripts_and_spellings_and_keeps_namesakes_apart(ws: Workspace) -> None:
    import_all(ws)
    report = link.link(ws, ACTOR)
    assert report.records == 32 and report.backend == "duckdb"
    assert all(t["trained"] for t in report.training)  # both EM sessions ran
    found = persons(list_records(ws))
    assert same_partition(found, truth()), found
    ids = _ids(ws)
    # Reza Jaafari / Reza Jafari (same list), رضا جعفری, Reza Ja'fari: one person.
    group = {ids[k] for k in [("A", "A1"), ("A", "A11"), ("B", "1"), ("C", "C1")]}
    assert len({r["person_id"] for r in list_records(ws) if r["id"] in group}) == 1
    # Two "Mohammad Hosseini" with fathers Ali and Hassan stay two persons.
    by_id = {r["id"]: r for r in list_records(ws)}
    assert by_id[ids[("A", "A2")]]["person_id"] != by_id[ids[("A", "A3")]]["person_id"]
    assert by_id[ids[("B", "2")]]["person_id"] != by_id[ids[("B", "3")]]["person_id"]


@pytest.mark.slow
def test_a_run_is_stored_so_that_it_can_be_repeated(ws: Workspace) -> None:
    import_all(ws)
    first = link.link(ws, ACTOR)
    second = link.link(ws, ACTOR)
    one, two = runs(ws, first.run_id), runs(ws, second.run_id)
    assert isinstance(one, dict) and isinstance(two, dict)
    assert one["splink_version"] and one["input_sha256"] == two["input_sha256"]
    assert one["parameters"]["threshold"] == 0.6 and one["parameters"]["one_per_list"]
    names = [c["output_column_name"] for c in one["settings"]["comparisons"]]
    assert names[:3] == ["name", "father_name", "birth_year"]
    m = one["settings"]["comparisons"][1]["comparison_levels"][1]["m_probability"]
    assert 0 < m <= 1  # trained model parameters are kept
    with ws.db.read() as session:
        pairs = [session.execute(sa.text(
            "SELECT record_a, record_b, probability FROM victim_link_pairs WHERE run_id = :r "
            "ORDER BY record_a, record_b"), {"r": run}).all() for run in (1, 2)]
        actions = [e.action for e in iter_entries(session)]
    assert [p[:2] for p in pairs[0]] == [p[:2] for p in pairs[1]]
    assert all(abs(a[2] - b[2]) < 1e-9 for a, b in zip(*pairs, strict=True))
    assert actions.count("victims-linked") == 2


@pytest.mark.slow
def test_review_decisions_are_respected_by_the_next_run(ws: Workspace) -> None:
    import_all(ws)
    link.link(ws, ACTOR)
    ids = _ids(ws)
    a1, b1 = ids[("A", "A1")], ids[("B", "1")]
    a5, a9 = ids[("A", "A5")], ids[("A", "A9")]
    review.decide(ws, a1, b1, "different", "different photographs in the source", ACTOR)
    made = review.decide(ws, a9, a5, "same", "fictional: same case file number", ACTOR)
    assert (made["a"], made["b"]) == (a5, a9)
    again = link.link(ws, ACTOR)
    by_id = {r["id"]: r for r in list_records(ws)}
    assert by_id[a1]["person_id"] != by_id[b1]["person_id"]
    assert by_id[a5]["person_id"] == by_id[a9]["person_id"]
    assert again.refused  # the chain through other records was cut, and reported
    # A later decision overrides an earlier one; both stay on record.
    later = review.decide(ws, a1, b1, "same", "second look: same person", ACTOR)
    assert later["overrides"][0]["decision"] == "different"
    link.link(ws, ACTOR)
    by_id = {r["id"]: r for r in list_records(ws)}
    assert by_id[a1]["person_id"] == by_id[b1]["person_id"]
    assert [d["decision"] for d in review.history(ws)] == ["different", "same", "same"]
    with ws.db.read() as session:
        decisions = [e for e in iter_entries(session) if e.action == "victims-decided"]
    assert len(decisions) == 3 and decisions[0].details["reason"].startswith("different")


def test_decisions_are_append_only(ws: Workspace) -> None:
    import_all(ws)
    review.decide(ws, 1, 2, "different", "why", ACTOR)
    for statement in ("UPDATE victim_link_decisions SET decision = 'same'",
                      "DELETE FROM victim_link_decisions"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), ws.db.write() as session:
            session.execute(sa.text(statement))
    assert review.history(ws)[0]["decision"] == "different"


def test_bad_decisions(ws: Workspace) -> None:
    import_all(ws)
    with pytest.raises(BadInput, match="is not one of same, different"):
        review.decide(ws, 1, 2, "maybe", "why", ACTOR)
    with pytest.raises(BadInput, match="needs a reason") as found:
        review.decide(ws, 1, 2, "same", " ", ACTOR)
    assert found.value.field == "reason"
    with pytest.raises(BadInput, match="itself"):
        review.decide(ws, 1, 1, "same", "why", ACTOR)
    with pytest.raises(Exception, match="no victim record 999"):
        review.decide(ws, 1, 999, "same", "why", ACTOR)
    assert review.history(ws) == []


def test_uncertain_pairs_go_to_the_review_queue(ws: Workspace, tmp_path: Path) -> None:
    import_all(ws)
    # A record that could be either Mohammad Hosseini: no father, no birth year; the
    # prison makes one of them likelier, though a common name alone is weak evidence.
    vague = write(tmp_path, "d.csv",
                  "ref,name,death_date,prison\nD1,Mohammad Hosseini,1988,Evin\n")
    import_list(ws, vague, list_name="D", source="fictional", actor=ACTOR)
    report = link.link(ws, ACTOR)
    queue = review.queue(ws)
    assert report.review == len(queue["pairs"]) > 0
    d1 = _ids(ws)[("D", "D1")]
    assert any(d1 in (p["a"]["id"], p["b"]["id"]) for p in queue["pairs"])
    # Ordered by how far a "same" decision would move the estimate (4 lists here).
    assert queue["order"] == "estimate change"
    moves = [abs(p["estimate_change"] or 0.0) for p in queue["pairs"]]
    assert moves == sorted(moves, reverse=True)
    first = queue["pairs"][0]
    assert queue["review_low"] <= first["probability"] < queue["threshold"]
    assert first["evidence"]["name_similarity"] is not None
    review.decide(ws, first["a"]["id"], first["b"]["id"], "different", "why", ACTOR)
    assert len(review.queue(ws)["pairs"]) == len(queue["pairs"]) - 1
    assert len(review.queue(ws, include_decided=True)["pairs"]) == len(queue["pairs"])
    json.dumps(queue)


def test_link_bad_input(ws: Workspace) -> None:
    with pytest.raises(BadInput, match="no victim records"):
        link.link(ws, ACTOR)
    with pytest.raises(BadInput, match=r"threshold 1\.5") as found:
        link.link(ws, ACTOR, link.parameters(threshold=1.5))
    assert found.value.field == "threshold"
    with pytest.raises(BadInput, match="'oracle' is not one of") as found:
        link.link(ws, ACTOR, backend="oracle")
    assert found.value.field == "backend"
