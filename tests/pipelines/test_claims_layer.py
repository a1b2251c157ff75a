"""Sources, entities, events and claims through the CLI, on both backends (issue 3).
Every document here is fictional."""

import json
from pathlib import Path

from tests.conftest import Cli


def figure_claims(cli: Cli) -> dict[str, dict]:
    claims = cli.json("claims", "list", "--kind", "figure")
    return {c["publisher"]: c for c in claims}


def test_sources_keep_their_grade_history(world: Cli) -> None:
    world("sources", "assess", "Northgate Monitor", "--grade", "C", "--reason",
          "two figures later corrected")
    shown = world.json("sources", "show", "northgate monitor")
    assert shown["grade"] == "C"
    assert [g["grade"] for g in shown["grades"]] == ["C", "B"]
    assert shown["grades"][1]["reason"] == "published methodology"
    assert "grade" in world("sources", "assess", "Northgate Monitor", "--grade", "Z",
                            "--reason", "x", code=2).stderr
    world("sources", "add", "X", "--type", "ngo", "--affiliation", "party", code=2)


def test_extraction_attributes_claims_and_is_idempotent(world: Cli) -> None:
    claims = world.json("claims", "list")
    assert claims and all(c["status"] == "suggested" and c["origin"] == "machine"
                          for c in claims)
    for c in claims:
        assert set(c) >= {"id", "item_id", "start", "end", "quote", "speaker", "publisher",
                          "kind", "figure", "about", "origin", "status"}
    figures = figure_claims(world)
    assert figures["Northgate Monitor"]["figure"]["min"] == 2800
    assert figures["Unity Front"]["figure"]["qualifier"] == "more than"
    assert figures["State Herald"]["figure"]["value"] == 200
    again = world.json("extract", "--again")
    assert again["claims"]["claims_new"] == 0 and again["claims"]["claims_already_known"] > 0
    assert len(world.json("claims", "list")) == len(claims)


def test_claim_span_is_verifiable_and_reviews_are_kept(world: Cli, home: Path) -> None:
    claim = figure_claims(world)["Northgate Monitor"]
    shown = world.json("claims", "show", claim["id"])
    assert shown["span_verified"] is True
    blob = home / "blobs" / shown["text_sha256"][:2] / shown["text_sha256"][2:4] / \
        shown["text_sha256"]
    assert blob.read_text()[shown["start"]:shown["end"]] == shown["quote"]
    world("claims", "confirm", claim["id"], "--credibility", "2", "--reason", "checked")
    world("claims", "edit", claim["id"], "--set", "figure_max=3000", "--reason", "range")
    rejected = world.json("claims", "reject", claim["id"], "--reason", "wrong span")
    assert rejected["status"] == "rejected" and rejected["credibility"] == "2"
    assert [r["action"] for r in rejected["reviews"]] == ["confirm", "edit", "reject"]
    log = [e for e in world.json("log") if e["action"] == "annotated"]
    assert [e["details"]["action"] for e in log] == ["confirm", "edit", "reject"]
    world("claims", "reject", claim["id"], "--reason", " ", code=2)


def test_analyst_claim_on_an_exact_span(world: Cli) -> None:
    item = next(i for i in world.json("items") if i["original_name"] == "state.html")
    claim = world.json("claims", "add", str(item["id"]), "0", "10", "--kind", "denial",
                       "--speaker", "State Herald")
    assert claim["origin"] == "analyst" and claim["status"] == "confirmed"
    assert claim["span_verified"] is True and len(claim["quote"]) == 10
    world("claims", "add", str(item["id"]), "5", "999999", code=2)


def test_corroboration_counts_independent_originators(world: Cli) -> None:
    figures = figure_claims(world)
    report = world.json("corroborate", figures["Unity Front"]["id"])
    support = report["support"]
    names = {o["name"] for o in support["originators"]}
    assert {"Unity Front", "Unity Front Radio"} <= names
    [group] = support["not_independent"]
    assert set(group["originators"]) >= {"Unity Front", "Unity Front Radio"}
    assert report["independent_originators"] < support["originator_count"]
    rows = {r["asserted_by"]: r for r in report["figures"]}
    assert rows["State Herald"]["compatible_with_claim"] is False
    assert rows["State Herald"]["affiliation"] == "state"
    assert rows["Northgate Monitor"]["compatible_with_claim"] is True
    assert any(c["publisher"] == "State Herald" for c in report["contradicting"])


def test_entities_merge_split_and_undo_keep_history(world: Cli) -> None:
    world("entities", "add", "Kian Sohraby", "--type", "Person")
    candidates = world.json("entities", "candidates")
    assert any({c["a_name"], c["b_name"]} == {"Kian Sohrabi", "Kian Sohraby"}
               for c in candidates)
    assert len(world.json("entities", "list", "--type", "Person")) == 3  # nothing merged
    merged = world.json("entities", "merge", "Kian Sohrabi", "Kian Sohraby", "--reason",
                        "same person")
    assert len(merged["merged"]) == 1 and "Kian Sohraby" in {n["name"] for n in
                                                             merged["names"]}
    assert world.json("entities", "show", "Kian Sohraby")["id"] == merged["id"]
    assert len(world.json("entities", "list", "--type", "Person")) == 2
    split = world.json("entities", "split", "Kian Sohrabi", "Kian Sohraby")
    assert split["caption"] == "Kian Sohraby" and split["merged"] == []
    assert [j["action"] for j in split["judgements"]] == ["merge", "split"]
    world("entities", "merge", "Kian Sohrabi", "Northgate Prison", code=2)


def test_events_positions_and_timeline(world: Cli) -> None:
    world("entities", "add", "Northgate Prosecutor's Office", "--type", "Organization")
    world("entities", "position", "Kian Sohrabi", "Northgate Prosecutor's Office", "--role",
          "deputy prosecutor", "--from", "1366", "--to", "1989")
    claim = figure_claims(world)["Unity Front"]
    event = world.json("events", "add", "Mass executions at Northgate", "--type", "execution",
                       "--date", "مرداد ۱۳۶۷", "--place", "Northgate Prison",
                       "--perpetrator", "Kian Sohrabi:decided", "--claim", claim["id"])
    assert event["date_start"] == "1988-07-23" and event["precision"] == "month"
    assert event["participants"][0]["role"] == "decided"
    denial = figure_claims(world)["State Herald"]
    world("events", "link", str(event["id"]), denial["id"], "--stance", "disputes")
    report = world.json("corroborate", f"event:{event['id']}")
    assert [c["id"] for c in report["contradicting"]] == [denial["id"]]
    timeline = world.json("timeline", "کیان سهرابی")
    entries = timeline["entries"]
    assert entries[0]["kind"] == "position"
    assert entries[0]["date"] == "1987-03-21"  # Jalali 1366 starts then
    dates = [e["date"] for e in entries if e["date"]]
    assert dates == sorted(dates)
    assert any(e["kind"] == "event" and e["ref"] == event["id"] for e in entries)
    assert any(e["kind"] == "claim" and "Kian Sohrabi" in e["summary"] for e in entries)
    world("events", "add", "x", "--type", "teleportation", code=2)
    world("events", "add", "x", "--type", "execution", "--date", "31 February 1988", code=2)


def test_ftm_export_and_import_round_trip(world: Cli, tmp_path: Path) -> None:
    world("entities", "add", "Northgate Prosecutor's Office", "--type", "Organization")
    world("entities", "position", "Kian Sohrabi", "Northgate Prosecutor's Office", "--role",
          "deputy prosecutor", "--from", "1987")
    exported = world("entities", "export").stdout
    lines = [json.loads(line) for line in exported.splitlines()]
    person = next(e for e in lines if e["properties"].get("name") == ["Kian Sohrabi"])
    assert person["schema"] == "Person"
    assert person["properties"]["wikidataId"] == ["Q0000001"]
    assert "کیان سهرابی" in person["properties"]["alias"]
    assert any(e["schema"] == "Membership" for e in lines)
    assert any(e["schema"] == "Address" for e in lines)
    other = Cli(tmp_path / "other", world.database_url and None)
    other("init")
    (tmp_path / "e.jsonl").write_text(exported)
    first = other.json("entities", "import", str(tmp_path / "e.jsonl"))
    assert first["created"] == len(lines) - 1 and first["positions"] == 1
    again = other.json("entities", "import", str(tmp_path / "e.jsonl"))
    assert again["created"] == 0 and again["updated"] == len(lines) - 1
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    assert "line 1" in other("entities", "import", str(tmp_path / "bad.jsonl"), code=2).stderr
