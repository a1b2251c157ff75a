"""Hidden material never shows through derived data: a strictly-confidential entity merged
into a public one, a hidden source a claim is tied to, hidden events a claim supports.
Real workspaces on both backends; every name here is FICTIONAL."""

from __future__ import annotations

import json

import pytest

from gavah.core.errors import NotFound
from gavah.pipelines import dossiers, network
from gavah.pipelines import entities as entity_pipeline
from gavah.pipelines.access import Viewer
from gavah.store.workspace import Workspace
from tests.conftest import Cli

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
