"""Hidden material never shows through derived data: a strictly-confidential entity merged
into a public one, a hidden source a claim is tied to, hidden events a claim supports.
Real workspaces on both backends; every name here is FICTIONAL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from gavah.core.errors import NotFound
from gavah.pipelines import corroborate, dossiers, network
from gavah.pipelines import entities as entity_pipeline
from gavah.pipelines.access import Viewer
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write
from tests.pipelines.world import PARTY_PAGE

TOP = Viewer("user:top", "strictly-confidential")
LOW = Viewer("user:low", "public")
SECRET_NAME = "Witness Zarrin Kavoosi"  # FICTIONAL protected witness
SECRET_ALIAS = "زرین کاووسی"
SECRET_ID = "Q9990001"


def _merge_secret(world: Cli) -> tuple[int, int]:
    public = world.json("entities", "show", "Mina Rostami", "--json")["id"]
    secret = world.json("entities", "add", SECRET_NAME, "--type", "Person", "--alias",
                        SECRET_ALIAS, "--wikidata", SECRET_ID, "--classification",
                        "strictly-confidential", "--json")["id"]
    world("entities", "merge", "Mina Rostami", str(secret))
    return public, secret


def _clean(text: str, secret: int) -> None:
    for marker in (SECRET_NAME, SECRET_ALIAS, SECRET_ID, "Kavoosi"):
        assert marker not in text
    assert f'"{secret}"' not in text and f": {secret}," not in text \
        and f"[{secret}]" not in text


def test_merged_hidden_entity_lends_nothing(world: Cli, ws: Workspace) -> None:
    public, secret = _merge_secret(world)
    top = entity_pipeline.show(ws, TOP, str(public))
    assert SECRET_ALIAS in {n["name"] for n in top["names"]} and top["merged"] == [secret]
    low = entity_pipeline.show(ws, LOW, str(public))
    assert low["merged"] == [] and low["judgements"] == []
    _clean(json.dumps(low, ensure_ascii=False), secret)
    listing = entity_pipeline.list_entities(ws, LOW)
    _clean(json.dumps(listing, ensure_ascii=False), secret)
    page = dossiers.entity(ws, LOW, str(public))
    _clean(json.dumps(page, ensure_ascii=False, default=str), secret)
    _clean(json.dumps(network.network(ws, LOW, str(public)), ensure_ascii=False), secret)
    _clean(json.dumps(entity_pipeline.candidates(ws, LOW), ensure_ascii=False), secret)
    # hidden and missing answer the same: by id, by the hidden name, by the hidden alias
    for ref in (str(secret), SECRET_NAME, SECRET_ALIAS):
        with pytest.raises(NotFound) as hidden:
            entity_pipeline.show(ws, LOW, ref)
        assert str(hidden.value) == f"no entity {ref!r}"
    with pytest.raises(NotFound):
        entity_pipeline.show(ws, LOW, "999999")
    assert entity_pipeline.show(ws, TOP, SECRET_ALIAS)["id"] == public


def test_ambiguous_name_names_only_visible_entities(world: Cli, ws: Workspace) -> None:
    world("entities", "add", "Arash Vafa", "--type", "Person")
    world("entities", "add", "Arash Vafa", "--type", "Person", "--classification",
          "confidential")
    assert entity_pipeline.show(ws, LOW, "Arash Vafa")["classification"] == "public"
    with pytest.raises(Exception, match="names 2 entities"):
        entity_pipeline.show(ws, TOP, "Arash Vafa")


HIDDEN_SOURCE = "Arash Vafa"  # a FICTIONAL speaker who is also a protected source
HIDDEN_MARKERS = ("Kestrel Circle", "witness-network")


def _claim_by(ws: Workspace, speaker: str) -> dict:
    from gavah.pipelines import claims as claim_pipeline

    found = [c for c in claim_pipeline.list_claims(ws, TOP) if c["speaker"] == speaker]
    assert found, speaker
    return found[0]


def test_corroboration_shows_nothing_of_hidden_sources_and_events(
        world: Cli, ws: Workspace) -> None:
    world("sources", "add", HIDDEN_SOURCE, "--type", "witness", "--affiliation", "party",
          "--aligned-with", "Kestrel Circle", "--grade", "A", "--reason", "witness-network",
          "--classification", "strictly-confidential")
    claim = _claim_by(ws, HIDDEN_SOURCE)
    event = world.json("events", "add", "FICTIONAL closed hearing", "--type", "unfair-trial",
                       "--claim", f"{claim['id']}:supports", "--classification",
                       "confidential", "--json")["id"]
    other = next(c for c in world.json("claims", "list", "--json") if c["id"] != claim["id"])
    world("events", "add", "FICTIONAL second hearing", "--type", "unfair-trial", "--claim",
          f"{claim['id']}:supports", "--claim", f"{other['id']}:supports",
          "--classification", "confidential")
    top = corroborate.corroborate(ws, TOP, claim["id"])
    assert "Kestrel Circle" in json.dumps(top)
    low = corroborate.corroborate(ws, LOW, claim["id"])
    text = json.dumps(low, ensure_ascii=False)
    for marker in HIDDEN_MARKERS:
        assert marker not in text
    assert f"event {event}" not in text and "event " not in text
    originators = low["support"]["originators"]
    assert [(o["type"], o["affiliation"], o["grade"]) for o in originators
            if o["name"] == HIDDEN_SOURCE] == [(None, None, None)]
    assert not low["supporting"]


def test_extraction_ties_claims_to_no_source_above_their_item(
        world: Cli, ws: Workspace, tmp_path: Path) -> None:
    from gavah.store.claim_tables import Claim

    world("sources", "add", HIDDEN_SOURCE, "--type", "witness", "--affiliation", "party",
          "--aligned-with", "Kestrel Circle", "--classification", "confidential")
    for level in ("public", "confidential"):
        write(tmp_path / level, "page.html", PARTY_PAGE.replace("sat on", f"({level}) sat on"))
        world("ingest", str(tmp_path / level), "--classification", level)
    with ws.db.read() as session:
        tied = {c.quote: c.speaker_source_id for c in session.scalars(
            select(Claim).where(Claim.speaker == HIDDEN_SOURCE))}
    assert [q for q, s in tied.items() if s is not None] == [
        'Kian Sohrabi (confidential) sat on the commission,']


def test_claim_edit_cannot_name_hidden_objects(world: Cli, ws: Workspace) -> None:
    from gavah.pipelines import claims as claim_pipeline

    world("sources", "add", "Kestrel Circle", "--type", "ngo", "--affiliation",
          "independent", "--classification", "confidential")
    hidden = world.json("entities", "add", "Zarrin Kavoosi", "--type", "Person",
                        "--classification", "confidential", "--json")["id"]
    claim = _claim_by(ws, HIDDEN_SOURCE)["id"]
    analyst = Viewer("user:analyst", "restricted")
    answers = []
    for field, hidden_ref, missing_ref in (("speaker_source", "Kestrel Circle", "Nope Circle"),
                                           ("about", [str(hidden)], ["999999"])):
        for ref in (hidden_ref, missing_ref):
            with pytest.raises(NotFound) as error:
                claim_pipeline.edit(ws, analyst, claim, {field: ref})
            answers.append(str(error.value).replace(repr(ref if isinstance(ref, str)
                                                          else ref[0]), "REF"))
    assert answers[0] == answers[1] and answers[2] == answers[3]
    # one who may see the source still cannot tie it to a claim of a public item
    with pytest.raises(Exception, match="above the claim's item"):
        claim_pipeline.edit(ws, TOP, claim, {"speaker_source": "Kestrel Circle"})
    with ws.db.read() as session:
        from gavah.store.claim_tables import Claim
        assert session.get(Claim, claim).speaker_source_id is None  # type: ignore[union-attr]


def test_item_history_shows_no_other_readers_searches(world: Cli, ws: Workspace,
                                                     tmp_path: Path) -> None:
    from gavah.pipelines import browse, reading

    write(tmp_path / "r", "note.txt", "FICTIONAL restricted note about Dashtabad.\n")
    world("ingest", str(tmp_path / "r"), "--classification", "restricted")
    item = max(i["id"] for i in world.json("items", "--json"))
    secret_query = "dashtabad informant kestrel"
    browse.browse(ws, Viewer("user:other", "strictly-confidential"), "dashtabad informant")
    browse.browse(ws, Viewer("user:other", "strictly-confidential"), secret_query.split()[0])
    reader = Viewer("user:reader", "restricted")
    history = reading.item(ws, reader, str(item), custody_limit=50)["custody"]
    reads = [e for e in history if e["actor"] == "user:other"]
    assert reads, history
    text = json.dumps(history)
    assert "informant" not in text and '"query"' not in text


def test_reads_of_protected_entities_sources_events_are_recorded(
        world: Cli, ws: Workspace) -> None:
    from sqlalchemy import select as sql_select

    from gavah.pipelines import events, sources
    from gavah.store.tables import CustodyEntry

    reader = Viewer("user:reader", "confidential")
    entity = world.json("entities", "add", "Zarrin Kavoosi", "--type", "Person",
                        "--classification", "confidential", "--json")["id"]
    source = world.json("sources", "add", "Kestrel Circle", "--type", "ngo",
                        "--affiliation", "independent", "--classification", "restricted",
                        "--json")["id"]
    event = world.json("events", "add", "FICTIONAL hearing", "--type", "unfair-trial",
                       "--classification", "confidential", "--json")["id"]
    dossiers.entity(ws, reader, str(entity))
    sources.show(ws, reader, str(source))
    events.show(ws, reader, event)
    dossiers.entity(ws, reader, "Mina Rostami")  # public: no entry
    with ws.db.read() as session:
        details = [json.loads(e.details) for e in session.scalars(
            sql_select(CustodyEntry).where(CustodyEntry.actor == "user:reader",
                                           CustodyEntry.action == "viewed"))]
    reads = [(d.get("entity") or d.get("source") or d.get("event"), d.get("classification"))
             for d in details]
    assert sorted(reads) == sorted([(entity, "confidential"), (source, "restricted"),
                                    (event, "confidential")])


def test_hidden_search_hits_do_not_push_out_visible_ones(cli: Cli, ws: Workspace,
                                                        tmp_path: Path) -> None:
    from gavah.core.search_query import parse
    from gavah.store import search as index

    for n in range(3):  # hidden texts that rank far better for the word
        write(tmp_path / f"s{n}", "s.txt", f"FICTIONAL {n} " + "kestrel " * 30)
        cli("ingest", str(tmp_path / f"s{n}"), "--classification", "confidential")
    write(tmp_path / "p", "p.txt", "FICTIONAL public note: a kestrel was seen. " + "x " * 200)
    cli("ingest", str(tmp_path / "p"))
    with ws.db.read() as session:
        hits = index.query(session, parse("kestrel"), ["public"], cap=2)
        everything = index.query(session, parse("kestrel"), None, cap=2)
    # The public reader's one text is found, and nothing says more texts match.
    assert len(hits.rows) == 1 and not hits.capped
    assert len(everything.rows) == 2 and everything.capped


def test_no_import_into_a_list_above_ones_clearance(cli: Cli, ws: Workspace,
                                                   tmp_path: Path) -> None:
    import io

    from gavah.pipelines.accounts import NotPermitted
    from gavah.pipelines.victims import browse as victims
    from gavah.pipelines.victims import registry

    rows = "ref,name,death_date\n1,Ali Kavoosi,1988\n2,Reza Nouri,1988\n"
    write(tmp_path / "v", "list.csv", rows)
    cli("victims", "import", str(tmp_path / "v" / "list.csv"), "--list", "kestrel-list",
        "--source", "FICTIONAL closed group", "--classification", "confidential")
    before = len(registry.list_records(ws, list_name="kestrel-list"))
    with pytest.raises(NotPermitted) as refused:
        victims.import_upload(ws, Viewer("user:inv", "restricted"), "mine.csv",
                              io.BytesIO(b"ref,name,death_date\n1,Someone Else,1988\n"),
                              list_name="kestrel-list", source="me")
    assert "closed group" not in str(refused.value)
    assert len(registry.list_records(ws, list_name="kestrel-list")) == before


def test_victim_record_shows_no_decision_about_a_hidden_record(
        cli: Cli, ws: Workspace, tmp_path: Path) -> None:
    from gavah.pipelines.victims import registry, review

    ids = {}
    for level in ("public", "confidential"):
        write(tmp_path / level, "list.csv", "ref,name,death_date\n1,Ali Kavoosi,1988\n")
        cli("victims", "import", str(tmp_path / level / "list.csv"), "--list",
            f"list-{level}", "--source", f"FICTIONAL group {level}", "--classification",
            level)
        ids[level] = registry.list_records(ws, list_name=f"list-{level}")[0]["id"]
    review.decide(ws, ids["public"], ids["confidential"], "same",
                  "kestrel informant confirmed it", "test:analyst")
    everything = registry.show_record(ws, ids["public"])
    assert len(everything["decisions"]) == 1
    low = registry.show_record(ws, ids["public"], levels=["public"])
    assert low["decisions"] == []
    assert "kestrel" not in json.dumps(low)
