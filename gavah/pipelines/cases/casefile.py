"""A case file as the reader may see it: the case, its charges, the elements they
require, the evidence linked to each, the element matrix, the gap list and the
exculpatory material. `build` returns plain data that the CLI, the web app and the
exporter serialise as they need; reading it records the reader's reads of protected
material in the custody log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gavah.core.frameworks import Framework
from gavah.pipelines.access import Viewer, record_reads
from gavah.pipelines.cases.evidence import Evidence, Resolver
from gavah.pipelines.cases.exculpatory import exculpatory, figure_index
from gavah.pipelines.cases.gaps import gaps as find_gaps
from gavah.pipelines.cases.manage import case_dict, framework
from gavah.pipelines.cases.matrix import Cells, matrix
from gavah.store import cases as case_store
from gavah.store.case_tables import Case
from gavah.store.claim_tables import Entity, Event
from gavah.store.db import Session
from gavah.store.workspace import Workspace


@dataclass
class CaseFile:
    case: dict[str, Any]
    framework: dict[str, Any]
    suspects: list[dict[str, Any]]
    charges: list[dict[str, Any]]
    events: list[dict[str, Any]]
    elements: list[dict[str, Any]]
    evidence: list[Evidence]
    removed: list[Evidence]
    matrix: list[dict[str, Any]]
    gaps: list[dict[str, Any]]
    exculpatory: list[dict[str, Any]]
    read_items: list[tuple[int, str]] = field(default_factory=list, repr=False)
    # claim id -> its dict (evidence.claim_dict) for every claim the evidence rests on,
    # made once while resolving: the exporter's case.json lists them.
    claim_dicts: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case, "framework": self.framework, "suspects": self.suspects,
                "charges": self.charges, "events": self.events, "elements": self.elements,
                "evidence": [e.to_dict() for e in self.evidence],
                "removed": [e.to_dict() for e in self.removed], "matrix": self.matrix,
                "gaps": self.gaps, "exculpatory": self.exculpatory}


def _charges(session: Session, viewer: Viewer, case: Case, law: Framework
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Charges against suspects the reader may see, and those suspects."""
    charges, suspects = [], {}
    for row in case_store.charges(session, case.id):
        entity = session.get(Entity, row.suspect_id)
        if entity is None or not viewer.may_see(entity.classification):
            continue
        suspects[entity.id] = {"id": entity.id, "name": entity.caption}
        crime = law.crime(row.crime)
        mode = law.mode(row.mode) if row.mode else None
        charges.append({
            "id": row.id, "suspect": entity.id, "suspect_name": entity.caption,
            "crime": crime.id, "crime_title": crime.title, "article": crime.article,
            "mode": mode.id if mode else None, "mode_title": mode.title if mode else None,
            "mode_article": mode.article if mode else None,
            "elements": [e.id for e in law.charge_elements(crime.id, row.mode)],
            "created_at": row.created_at, "created_by": row.created_by})
    return charges, list(suspects.values())


def _rows(law: Framework, charges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for charge in charges:
        for one in law.charge_elements(charge["crime"], charge["mode"]):
            row = rows.setdefault(one.id, one.to_dict() | {"suspects": []})
            if charge["suspect"] not in row["suspects"]:
                row["suspects"].append(charge["suspect"])
    return list(rows.values())


def _events(session: Session, viewer: Viewer, case: Case) -> list[dict[str, Any]]:
    out = []
    for event_id in case_store.event_ids(session, case.id):
        event = session.get(Event, event_id)
        if event is not None and viewer.may_see(event.classification):
            out.append({"id": event.id, "title": event.title, "act_type": event.act_type,
                        "date_start": event.date_start, "date_end": event.date_end,
                        "classification": event.classification})
    return out


def build(ws: Workspace, viewer: Viewer, case_id: int | str, *, via: str = "cli",
          audit: bool = True) -> CaseFile:
    with ws.db.read() as session:
        case = case_store.get(session, case_id, viewer.levels)
        law = framework(ws, case.framework)
        charges, suspects = _charges(session, viewer, case, law)
        rows = _rows(law, charges)
        resolver = Resolver(ws, session, viewer)
        rows_linked = case_store.links(session, case.id, removed=True)
        resolver.prefetch(rows_linked)
        linked = [e for e in map(resolver.resolve, rows_linked) if e]
        evidence = [e for e in linked if e.active]
        removed = [e for e in linked if not e.active]
        figures = figure_index(session, viewer)
        order = {row["id"]: n for n, row in enumerate(rows)}
        cells = Cells(evidence)  # read by the matrix and the gaps alike
        found = sorted(find_gaps(rows, evidence, figures,
                                 case_store.verify_findings(session), cells),
                       key=lambda g: order.get(g["element"], len(order)))
        excul = exculpatory(session, viewer, resolver, evidence, removed, figures)
        out = CaseFile(
            case=case_dict(session, case),
            framework={"id": law.id, "title": law.spec.title, "version": law.spec.version,
                       "source": law.spec.source},
            suspects=suspects, charges=charges, events=_events(session, viewer, case),
            elements=rows, evidence=evidence, removed=removed,
            matrix=matrix(rows, [s["id"] for s in suspects], evidence, cells), gaps=found,
            exculpatory=excul)
        out.claim_dicts = resolver.claim_dicts
        out.read_items = sorted(
            {(i, e.classification) for e in linked for i in e.items}
            | {(x["item_id"], x["classification"]) for x in excul if x["item_id"]})
    if audit:
        context = {"case": case.id, "via": via}
        record_reads(ws, viewer, out.read_items, details=context)
    return out


# Evidence of these kinds is resolved the same for every reader who may see it; an
# event's (its supporting claims) and an estimate's (the lists counted) depend on the
# reader's clearance.
SAME_FOR_EVERY_READER = ("claim", "item", "victim")


def widened(ws: Workspace, viewer: Viewer, built: CaseFile
            ) -> tuple[list[Evidence], list[dict[str, Any]]]:
    """The evidence in force and the exculpatory material `viewer` sees, for a case file
    `built` for a reader with less clearance: what `build(ws, viewer, ...)` would give,
    with the evidence `built` resolved already taken from it, not resolved again (an
    export counts what it withholds from this, without a second build)."""
    with ws.db.read() as session:
        case = case_store.get(session, built.case["id"], viewer.levels)
        resolver = Resolver(ws, session, viewer)
        kept = {e.link["id"]: e for e in built.evidence + built.removed
                if e.kind in SAME_FOR_EVERY_READER}
        rows = [r for r in case_store.links(session, case.id, removed=True)
                if r.id not in kept]
        resolver.prefetch(rows)
        again = {e.link["id"]: e for e in map(resolver.resolve, rows) if e}
        linked = [again[i] if i in again else kept[i] for i in sorted(kept.keys() | again)]
        evidence = [e for e in linked if e.active]
        removed = [e for e in linked if not e.active]
        excul = exculpatory(session, viewer, resolver, evidence, removed,
                            figure_index(session, viewer))
    return evidence, excul


def show(ws: Workspace, viewer: Viewer, case_id: int | str, via: str = "cli"
         ) -> dict[str, Any]:
    return build(ws, viewer, case_id, via=via).to_dict()


def gap_list(ws: Workspace, viewer: Viewer, case_id: int | str, via: str = "cli"
             ) -> dict[str, Any]:
    found = build(ws, viewer, case_id, via=via)
    return {"case": found.case, "elements": found.elements, "gaps": found.gaps,
            "exculpatory": found.exculpatory}
