"""The registry as a signed-in person uses it (web app, API): only records whose list
file (the item they were imported from) the reader may see, each read of protected
records recorded; imports from an uploaded file; linkage and review decisions made in
the reader's name."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from gavah.core.errors import BadInput, GavahError
from gavah.core.levels import LEVELS, allowed, rank
from gavah.pipelines.access import Viewer, record_reads
from gavah.pipelines.accounts import NotPermitted
from gavah.pipelines.uploads import names
from gavah.pipelines.victims import importing, link, persons, registry, review
from gavah.store import victim_links as links
from gavah.store import victims as store
from gavah.store.workspace import Workspace

PAGE = 100  # records on one page


def _record_reads(ws: Workspace, viewer: Viewer, rows: Iterable[dict[str, Any]],
                  via: str) -> None:
    items = {int(r["item_id"]) for r in rows if r.get("item_id") is not None}
    if not items:
        return
    with ws.db.read() as session:
        levels = store.item_levels(session, items)
    record_reads(ws, viewer, sorted(levels.items()), "viewed", {"via": via})


def list_levels(ws: Workspace) -> dict[str, str]:
    """Each list's classification: the highest of the files imported into it."""
    with ws.db.read() as session:
        rows = store.import_levels(session)
    out: dict[str, str] = {}
    for name, level in rows:
        if name not in out or rank(level) > rank(out[name]):
            out[name] = level
    return out


def overview(ws: Workspace, viewer: Viewer) -> dict[str, Any]:
    """Lists with the records the reader may see, their imports, the latest linkage
    run and how many pairs await review."""
    data = registry.lists(ws)
    with ws.db.read() as session:
        counts, persons = store.visible_counts(session, viewer.levels)
    levels = list_levels(ws)
    imports = [i for i in data["imports"] if i["item_id"] in _visible_items(ws, viewer)]
    lists = [entry | {"records": int(counts.get(entry["name"], 0)),
                      "classification": levels.get(entry["name"], LEVELS[0])}
             for entry in data["lists"] if counts.get(entry["name"])
             or any(i["list"] == entry["name"] for i in imports)]
    pending = None
    run = data["latest_run"]
    if run:
        pending = len(review.queue(ws, levels=viewer.levels)["pairs"])
        if not all(viewer.may_see(level) for level in levels.values()):
            # The run's own totals count lists the reader may not see: theirs instead.
            run = run | {"records": sum(int(n) for n in counts.values()),
                         "persons": int(persons), "review": pending, "warnings": [],
                         "pairs": None, "input_sha256": None}
    return {"lists": lists, "imports": imports, "latest_run": run,
            "persons": int(persons), "review_pending": pending,
            "rejects": len(rejects(ws, viewer))}


def _visible_items(ws: Workspace, viewer: Viewer) -> set[int]:
    with ws.db.read() as session:
        return store.visible_import_items(session, viewer.levels)


def records(ws: Workspace, viewer: Viewer, *, list_name: str | None = None,
            person_id: int | None = None, name: str | None = None, limit: int = PAGE,
            offset: int = 0, via: str = "web-victims") -> list[dict[str, Any]]:
    if person_id is not None:  # the reader names a person by a record they may see
        person_id = persons.person_of(ws, person_id, viewer.levels)
        if person_id is None:
            return []
    rows = registry.list_records(ws, list_name=list_name or None, person_id=person_id,
                                 name=name or None, limit=limit, offset=offset,
                                 levels=viewer.levels)
    persons.shown_person_ids(ws, rows, viewer.levels)
    _record_reads(ws, viewer, rows, via)
    return rows


def record(ws: Workspace, viewer: Viewer, record_id: int, via: str = "web") -> dict[str, Any]:
    data = registry.show_record(ws, record_id, levels=viewer.levels)
    persons.shown_person_ids(ws, [data], viewer.levels)
    _record_reads(ws, viewer, [data], via)
    return data


def person(ws: Workspace, viewer: Viewer, ref: int, via: str = "web") -> dict[str, Any]:
    data = persons.person(ws, ref, viewer.levels)
    _record_reads(ws, viewer, data["records"], via)
    return data


def split(ws: Workspace, viewer: Viewer, record_id: int, reason: str) -> dict[str, Any]:
    return persons.split(ws, viewer.actor, record_id, reason, viewer.levels)


def merge(ws: Workspace, viewer: Viewer, record_id: int, other_id: int, reason: str
          ) -> dict[str, Any]:
    return persons.merge(ws, viewer.actor, record_id, other_id, reason, viewer.levels)


def decisions(ws: Workspace, viewer: Viewer) -> list[dict[str, Any]]:
    """Every decision whose two records the reader may see, oldest first."""
    return persons.visible_decisions(ws, viewer.levels)


def rejects(ws: Workspace, viewer: Viewer, list_name: str | None = None
            ) -> list[dict[str, Any]]:
    visible = _visible_items(ws, viewer)
    return [r for r in registry.rejects(ws, list_name) if r["item_id"] in visible]


def queue(ws: Workspace, viewer: Viewer, include_decided: bool = False,
          via: str = "web-review") -> dict[str, Any]:
    with ws.db.read() as session:
        if links.latest_run(session) is None:
            return {"run_id": None, "review_low": None, "threshold": None, "pairs": []}
    data = review.queue(ws, include_decided=include_decided, levels=viewer.levels)
    shown = [r for p in data["pairs"] for r in (p["a"], p["b"])]
    with ws.db.read() as session:
        items = store.items_of(session, [r["id"] for r in shown])
    _record_reads(ws, viewer, [{"item_id": items[r["id"]]} for r in shown], via)
    return data


def decide(ws: Workspace, viewer: Viewer, a: int, b: int, decision: str,
           reason: str) -> dict[str, Any]:
    with ws.db.read() as session:
        for record_id in (a, b):
            store.get_record(session, record_id, viewer.levels)  # NotFound above clearance
    return review.decide(ws, a, b, decision, reason, viewer.actor)


def run_link(ws: Workspace, viewer: Viewer, threshold: float | None = None,
             review_low: float | None = None) -> dict[str, Any]:
    return link.link(ws, viewer.actor, link.parameters(threshold, review_low)).to_dict()


def import_upload(ws: Workspace, viewer: Viewer, filename: str, stream: BinaryIO, *,
                  list_name: str, source: str, mapping: dict[str, str] | None = None,
                  id_column: str | None = None, classification: str = "public"
                  ) -> dict[str, Any]:
    """An uploaded list, imported as `gavah victims import` does (the file becomes an
    item first). Nobody imports a list above their own clearance."""
    if classification not in LEVELS:
        raise BadInput(f"classification: {classification!r} is not one of {', '.join(LEVELS)}")
    if not allowed(classification, viewer.clearance):
        raise NotPermitted(f"you may not import a list as {classification}: your "
                           f"clearance is {viewer.clearance}")
    existing = list_levels(ws).get(list_name.strip())
    if existing is not None and not viewer.may_see(existing):
        # Adding to it would tell its source and which record refs it already holds.
        raise NotPermitted(f"you may not import into the list {list_name.strip()!r}; "
                           "choose another name")
    name, _ = names(filename)
    with tempfile.TemporaryDirectory(prefix="gavah-import-") as folder:
        path = Path(folder) / name
        with open(path, "wb") as out:
            while chunk := stream.read(1 << 20):
                out.write(chunk)
        try:
            report = importing.import_list(ws, path, list_name=list_name, source=source,
                                           actor=viewer.actor, mapping=mapping,
                                           id_column=id_column or None,
                                           classification=classification)
        except GavahError as exc:  # named as sent, never by the server's temporary path
            raise type(exc)(str(exc).replace(str(path), name), field=exc.field) from None
    data = report.to_dict()
    data["file"] = name  # not the temporary path
    return data


def parse_mapping(text: str) -> dict[str, str]:
    """'Full name=name' lines (or ; separated) -> {column: field}."""
    out: dict[str, str] = {}
    for part in text.replace(";", "\n").splitlines():
        if not part.strip():
            continue
        column, sep, field = part.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise BadInput(f"mapping {part.strip()!r}: write COLUMN=FIELD, e.g. "
                           "'Full name=name'")
        out[column.strip()] = field.strip()
    return out
