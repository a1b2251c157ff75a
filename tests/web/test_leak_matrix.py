"""The leak matrix: every kind of object and link of the data model, hidden at each level
above the reader, walked through every read path (pages and API). No name, id, count or
text of a hidden object may appear, and a hidden object answers exactly as a missing one.

The objects are generated per level from the model's kinds (items, claims, entities with
names, aliases and identifiers, sources with alignment and grade, events) and the links
that carry one object into another's view (a merge, a claim tied to a source by its
speaker, an event a claim supports, a position). Every name here is FICTIONAL."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from gavah.core.levels import LEVELS, allowed
from gavah.pipelines import claims, entities, events, sources
from gavah.pipelines.access import Viewer
from gavah.pipelines.ingest import Options, ingest_stream
from tests.web.conftest import ACTOR, MARKERS, Site

OWNER = Viewer(ACTOR)
HIDDEN_LEVELS = [level for level in LEVELS if level != "public"]
# A speaker per level: their name is public text (a public item quotes them); only the
# source of that name, at the level, holds the level's marker.
SPEAKERS = {"restricted": "Omid Vakili", "confidential": "Leila Sadri",
            "strictly-confidential": "Dara Nouri"}
MISSING = {"entity": "999999", "source": "999998", "event": "999997", "item": "999996",
           "claim": "cffffffffffffffffff", "name": "Nobody Anywhere", "sha": "ffffff00",
           "alias": "هیچ کس"}


@dataclass
class World:
    public_person: int = 0
    public_item: int = 0
    public_claim: str = ""
    hidden: dict[str, dict[str, str]] = field(default_factory=dict)  # level -> kind -> ref

    def ids(self, clearance: str) -> dict[str, str]:
        """kind -> ref of every object hidden from `clearance` (kind suffixed by level)."""
        return {f"{kind}@{level}": ref for level, refs in self.hidden.items()
                if not allowed(level, clearance) for kind, ref in refs.items()}


def _build(site: Site) -> World:
    world = World()
    person = entities.add(site.ws, OWNER, "Person", "Parviz Alavi", classification="public")
    world.public_person = person["id"]
    text = "FICTIONAL test statement.\n" + "".join(
        f"\"The lists were signed at night,\" the Coalition spokesman {name} said.\n"
        for name in SPEAKERS.values())
    for level in HIDDEN_LEVELS:
        marker = MARKERS[level]
        sources.add(site.ws, OWNER, SPEAKERS[level], "witness", "party",
                    aligned_with=f"Party {marker}", description=f"about {marker}",
                    classification=level, grade="A", reason=f"graded {marker}")
    world.public_item, _ = ingest_stream(
        site.ws, io.BytesIO(text.encode()), "statement.txt",
        Options(source="Northgate Coalition", classification="public"), ACTOR)
    public_claims = claims.list_claims(site.ws, OWNER, item=str(world.public_item))
    assert len(public_claims) == len(SPEAKERS), public_claims
    world.public_claim = public_claims[0]["id"]
    second = public_claims[1]["id"]  # a visible claim beside it in each hidden event
    for level in HIDDEN_LEVELS:
        marker = MARKERS[level]
        item, _ = ingest_stream(
            site.ws, io.BytesIO(f"FICTIONAL hidden note {marker}.\n\"Nothing happened,\" "
                                f"witness Hamid Tehrani {marker} said.\n".encode()),
            f"note-{marker}.txt", Options(source=f"Desk {marker}", classification=level),
            ACTOR)
        claim = claims.list_claims(site.ws, OWNER, item=str(item))[0]["id"]
        member = entities.add(site.ws, OWNER, "Person", f"Alavi {marker}",
                              aliases=[f"الوی {marker}"],
                              identifiers=[("wikidata", f"Q{marker}")], classification=level)
        entities.merge(site.ws, OWNER, str(world.public_person), str(member["id"]))
        org = entities.add(site.ws, OWNER, "Organization", f"Bureau {marker}",
                           classification=level)
        entities.add_position(site.ws, OWNER, str(world.public_person), str(org["id"]),
                              f"head {marker}")
        event = events.add(site.ws, OWNER, "execution", f"Event {marker}",
                           date="summer 1988", claims=[(world.public_claim, "supports"),
                                                       (second, "supports"),
                                                       (claim, "supports")],
                           perpetrators=[(str(world.public_person), "decided")],
                           classification=level)
        source = sources.list_sources(site.ws, Viewer(ACTOR))
        source_id = next(s["id"] for s in source if s["name"] == SPEAKERS[level])
        sha = claims.show_claim(site.ws, OWNER, claim)["item_id"]
        from gavah.pipelines import items as item_pipeline
        world.hidden[level] = {
            "entity": str(member["id"]), "org": str(org["id"]), "event": str(event["id"]),
            "source": str(source_id), "item": str(item), "claim": claim,
            "name": f"Alavi {marker}", "alias": f"الوی {marker}",
            "sha": item_pipeline.show(site.ws, str(sha))["sha256"][:12]}
    return world


def _leaks(body: str, world: World, clearance: str) -> list[str]:
    """What of a hidden object shows in `body`: its marker, or its id where an id would
    be written."""
    found = [f"marker {MARKERS[level]}" for level in HIDDEN_LEVELS
             if not allowed(level, clearance) and MARKERS[level] in body]
    for key, ref in world.ids(clearance).items():
        kind = key.split("@")[0]
        if kind in ("entity", "org"):
            keys = "entity_id|person_id|organization_id|loser|winner"
            patterns = [rf"/entities/{ref}\b", rf"\"({keys})\": ?{ref}\b",
                        rf"\"merged\": ?\[[^\]]*\b{ref}\b"]
        elif kind == "event":
            patterns = [rf"/events/{ref}\b", rf"\bevent {ref}\b", rf"\"event_id\": ?{ref}\b"]
        elif kind == "source":
            patterns = [rf"/sources/{ref}\b", rf"source:{ref}\b"]
        elif kind in ("claim", "sha", "name", "alias"):
            patterns = [re.escape(ref)]
        else:
            patterns = [rf"/items/{ref}\b"]
        found += [f"{key} ({p})" for p in patterns if re.search(p, body)]
    return found


def _same(site: Site, name: str, url: str, hidden: str, missing: str) -> None:
    """A hidden object and a missing one answer alike (status, and body with the asked
    ref taken out)."""
    client, headers = site.session(name), site.token(name)
    answers = []
    for ref in (hidden, missing):
        asked = url.format(ref=ref)
        response = client.get(asked, headers=headers if "/api/" in url else None)
        body = re.sub(r'(csrf_token" value=|X-CSRF-Token": )"[0-9a-f]+"', "", response.text)
        for echoed in (quote(url.format(ref=hidden), safe="/"),
                       quote(url.format(ref=missing), safe="/")):
            body = body.replace(echoed, "URL")
        for echoed in (hidden, missing):  # the ref asked for is echoed (message, form)
            for form in (echoed, quote(echoed), quote_plus(echoed)):
                body = re.sub(rf"(?<![\w%]){re.escape(form)}(?!\w)", "REF", body)
        answers.append((response.status_code, body))
    assert answers[0][0] == answers[1][0], f"{name} {url}: {hidden} vs {missing}"
    if answers[0][1] != answers[1][1]:
        import difflib
        diff = "\n".join(difflib.unified_diff(answers[0][1].splitlines(),
                                               answers[1][1].splitlines(), lineterm="", n=0))
        raise AssertionError(f"{name} {url}: {hidden} and {missing} answer differently:\n"
                             f"{diff[:2000]}")


READ_PATHS = (
    "/entities/{person}", "/entities", "/claims/{claim}", "/claims?about={person}",
    "/claims?item={item}", "/sources", "/events", "/items/{item}",
    "/api/v1/entities/{person}", "/api/v1/entities", "/api/v1/claims/{claim}",
    "/api/v1/claims/{claim}/corroboration", "/api/v1/claims?about={person}",
    "/api/v1/claims?item={item}", "/api/v1/events?entity={person}", "/api/v1/sources",
    "/api/v1/items/{item}",
)
LOOKUPS = (  # kind of ref -> urls that take it
    ("entity", ("/entities/{ref}", "/api/v1/entities/{ref}", "/api/v1/claims?about={ref}",
                "/api/v1/events?entity={ref}")),
    ("name", ("/api/v1/entities/{ref}", "/api/v1/claims?about={ref}")),
    ("alias", ("/api/v1/entities/{ref}",)),
    ("source", ("/sources/{ref}", "/api/v1/sources/{ref}")),
    ("event", ("/events/{ref}", "/api/v1/events/{ref}")),
    ("item", ("/items/{ref}", "/api/v1/items/{ref}", "/api/v1/claims?item={ref}",
              "/claims?item={ref}")),
    ("sha", ("/api/v1/items/{ref}", "/api/v1/claims?item={ref}")),
    ("claim", ("/claims/{ref}", "/api/v1/claims/{ref}", "/api/v1/claims/{ref}/corroboration")),
)


@pytest.mark.parametrize("clearance", LEVELS[:-1])
def test_leak_matrix(site: Site, tmp_path: Path, clearance: str) -> None:
    world = _build(site)
    name = site.user(f"analyst-{clearance}", "analyst", clearance)
    client, headers = site.session(name), site.token(name)
    fill = {"person": world.public_person, "claim": world.public_claim,
            "item": world.public_item}
    for path in READ_PATHS:
        url = path.format(**fill)
        response = client.get(url, headers=headers if "/api/" in url else None)
        assert response.status_code == 200, f"{clearance} {url}"
        leaks = _leaks(response.text, world, clearance)
        assert not leaks, f"{clearance} {url}: {leaks}"
    for level, refs in world.hidden.items():
        if allowed(level, clearance):
            continue
        for kind, urls in LOOKUPS:
            for url in urls:
                _same(site, name, url, refs[kind], MISSING[kind])


# The victim registry: a FICTIONAL person recorded on a public list and on a list at
# each hidden level (imported first, so that the person's own id is a hidden record),
# linked into one person, with a decision naming the hidden record.
VICTIM_PATHS = ("/victims", "/victims?person={pub}", "/victims/records/{pub}",
                "/victims/persons/{pub}", "/victims/persons/{other}", "/victims/review",
                "/api/v1/victims/lists", "/api/v1/victims/records",
                "/api/v1/victims/records?person={pub}", "/api/v1/victims/records/{pub}",
                "/api/v1/victims/persons/{pub}", "/api/v1/victims/decisions",
                "/api/v1/victims/estimates", "/estimate")
VICTIM_LOOKUPS = ("/victims/records/{ref}", "/victims/persons/{ref}", "/victims?person={ref}",
                  "/api/v1/victims/records/{ref}", "/api/v1/victims/persons/{ref}",
                  "/api/v1/victims/records?person={ref}")
ESTIMATE_LOOKUPS = ("/api/v1/victims/estimates/{ref}", "/estimate?id={ref}")
VICTIM_ROW = "Reza Jaafari,Karim,m,1962,1988-08-03,Evin"


GIVEN = ("Amir", "Babak", "Dariush", "Ehsan", "Farhad", "Giti", "Homa", "Iraj", "Jaleh",
         "Kamran")
FAMILY = ("Azadi", "Bahrami", "Daneshvar", "Esfandiari", "Farahani", "Ghaffari",
          "Hashemi", "Jahangiri", "Kashani", "Larijani")


def _victims(site: Site, tmp_path: Path) -> tuple[dict[str, int], int, int]:
    from gavah.pipelines.victims import importing, link, registry, review

    # 100 public FICTIONAL records first, so that record ids from 101 on are none of
    # the small ids of runs, decisions, imports and items in the same answers.
    path = tmp_path / "filler.csv"
    path.write_text("ref,name,father_name,birth_year\n" + "".join(
        f"F{i},{GIVEN[i % 10]} {FAMILY[i // 10]},{FAMILY[i % 10]}i,{1940 + i % 30}\n"
        for i in range(100)))
    importing.import_list(site.ws, path, list_name="filler", source="Filler (FICTIONAL)",
                          actor=ACTOR)
    hidden = {}
    for level in HIDDEN_LEVELS:
        marker = MARKERS[level]
        path = tmp_path / f"list-{marker}.csv"
        path.write_text(f"ref,name,father_name,sex,birth_year,death_date,prison,notes\n"
                        f"{marker}-1,{VICTIM_ROW},seen by {marker}\n")
        importing.import_list(site.ws, path, list_name=f"list-{marker}",
                              source=f"Group {marker}", actor=ACTOR, classification=level)
        hidden[level] = registry.list_records(site.ws, list_name=f"list-{marker}")[0]["id"]
    path = tmp_path / "list-public.csv"
    path.write_text(f"ref,name,father_name,sex,birth_year,death_date,prison,notes\n"
                    f"P1,{VICTIM_ROW},FICTIONAL\nP2,Bijan Sharifi,Nasser,m,1961,1988-08-20,"
                    f"Evin,FICTIONAL\n")
    importing.import_list(site.ws, path, list_name="public", source="Group P (FICTIONAL)",
                          actor=ACTOR)
    public = [r["id"] for r in registry.list_records(site.ws, list_name="public")]
    for record in hidden.values():
        review.decide(site.ws, public[0], record, "same", f"FICTIONAL test {record}", ACTOR)
    link.link(site.ws, ACTOR)
    # A saved estimate per hidden level, reading the two public lists and that level's.
    from gavah.pipelines.estimate import saved
    for level in HIDDEN_LEVELS:
        saved.run_estimate(site.ws, OWNER, lists=["filler", "public",
                                                  f"list-{MARKERS[level]}"])
    person = registry.show_record(site.ws, public[0])["person_id"]
    assert person == min(hidden.values()), "the person's own id must be a hidden record"
    return hidden, public[0], public[1]


def _victim_leaks(body: str, hidden: dict[str, int], clearance: str, url: str) -> list[str]:
    """A hidden record's marker, or its id where a record or person id is written."""
    keys = "id|a|b|person_id|record"
    found = [f"marker {MARKERS[level]}" for level in HIDDEN_LEVELS
             if not allowed(level, clearance) and MARKERS[level] in body]
    for level, ref in hidden.items():
        if allowed(level, clearance):
            continue
        for pattern in (rf"/victims/(records|persons)/{ref}\b", rf"person={ref}\b",
                        rf"\"({keys})\": ?{ref}\b",
                        rf"\b(person|record) {ref}\b"):
            if re.search(pattern, body):
                found.append(f"record@{level} ({pattern})")
    return found


@pytest.mark.parametrize("clearance", LEVELS[:-1])
def test_victims_leak_matrix(site: Site, tmp_path: Path, clearance: str) -> None:
    from gavah.pipelines.victims import registry

    hidden, pub, other = _victims(site, tmp_path)
    name = site.user(f"analyst-{clearance}", "analyst", clearance)
    client, headers = site.session(name), site.token(name)
    for path in VICTIM_PATHS:
        url = path.format(pub=pub, other=other)
        response = client.get(url, headers=headers if "/api/" in url else None)
        assert response.status_code == 200, f"{clearance} {url}"
        leaks = _victim_leaks(response.text, hidden, clearance, url)
        assert not leaks, f"{clearance} {url}: {leaks}"
    seen = 1 + sum(allowed(level, clearance) for level in HIDDEN_LEVELS)
    person = client.get(f"/api/v1/victims/persons/{pub}", headers=headers).json()
    assert len(person["records"]) == seen and len(person["lists"]) == seen
    assert person["id"] == min([pub] + [r for level, r in hidden.items()
                                        if allowed(level, clearance)])
    counts = client.get("/api/v1/victims/lists", headers=headers).json()
    assert sum(entry["records"] for entry in counts["lists"]) == seen + 1 + 100
    public = registry.list_records(site.ws, levels=["public"])
    assert counts["persons"] == len({r["person_id"] for r in public})
    for level, ref in hidden.items():
        if allowed(level, clearance):
            continue
        for url in VICTIM_LOOKUPS:
            _same(site, name, url, str(ref), "999995")
    estimates = client.get("/api/v1/victims/estimates", headers=headers).json()["estimates"]
    assert [e["id"] for e in estimates] == [
        number for number, level in enumerate(HIDDEN_LEVELS, 1)
        if allowed(level, clearance)][::-1]
    for number, level in enumerate(HIDDEN_LEVELS, 1):
        if not allowed(level, clearance):
            for url in ESTIMATE_LOOKUPS:
                _same(site, name, url, str(number), "999994")
