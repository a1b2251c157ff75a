"""What a disclosure package holds, decided before a byte is written: the case file as
the recipient's level allows it, the items it relies on or that undermine it, and what
was withheld (a count per reason, never the items)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gavah.core.levels import allowed
from gavah.pipelines.access import Viewer
from gavah.pipelines.cases import casefile
from gavah.pipelines.cases.casefile import CaseFile
from gavah.pipelines.cases.evidence import Evidence
from gavah.store import cases as case_store
from gavah.store.workspace import Workspace

# The level each recipient may receive. The court sees what the defence sees: under
# equality of arms nothing goes to one side that the other cannot have.
RECIPIENTS: dict[str, str] = {"court": "restricted", "defence": "restricted",
                              "public": "public"}
FORMAT = "gavah-disclosure/1"


@dataclass
class Contents:
    recipient: str
    level: str
    case: CaseFile
    items: list[int]
    levels: dict[int, str]
    withheld: list[dict[str, Any]] = field(default_factory=list)


def level_for(recipient: str) -> str:
    try:
        return RECIPIENTS[recipient]
    except KeyError:
        raise ValueError(f"unknown recipient {recipient!r}; expected one of "
                         f"{', '.join(RECIPIENTS)}") from None


def _item_ids(evidence: Sequence[Evidence], exculpatory: Sequence[dict[str, Any]]
              ) -> dict[int, str]:
    """Every item the case relies on or that undermines it (exculpatory material
    included), with its classification."""
    ids = {i: e.classification for e in evidence for i in e.items}
    ids |= {int(x["item_id"]): str(x["classification"]) for x in exculpatory
            if x.get("item_id")}
    return ids


def withheld(full: tuple[Sequence[Evidence], Sequence[dict[str, Any]]], sent: CaseFile,
             level: str) -> list[dict[str, Any]]:
    """Counts of what the exporter sees (`full`: the evidence in force and the
    exculpatory material) and the recipient's case file does not have."""
    counts: Counter[tuple[str, str]] = Counter()
    sent_links = {e.link["id"] for e in sent.evidence}
    for evidence in full[0]:
        if evidence.link["id"] not in sent_links:
            counts[("evidence link", evidence.classification)] += 1
    sent_items = _item_ids(sent.evidence, sent.exculpatory)
    for item, classification in _item_ids(*full).items():
        if item not in sent_items:
            counts[("item", classification)] += 1
    sent_excul = {(x["kind"], x.get("claim"), x.get("item_id")) for x in sent.exculpatory}
    for x in full[1]:
        if (x["kind"], x.get("claim"), x.get("item_id")) not in sent_excul:
            counts[("exculpatory material", str(x.get("classification")))] += 1
    return [{"what": what, "count": n,
             "reason": f"classified {classification}, above the recipient's level {level}"}
            for (what, classification), n in sorted(counts.items())]


def reader_for(exporter: Viewer, recipient: str) -> Viewer:
    """Whose clearance the package is read with: the recipient's level, or the
    exporter's own when that is lower (ValueError: no such recipient)."""
    level = level_for(recipient)
    if not allowed(level, exporter.clearance):
        level = exporter.clearance
    return Viewer(exporter.actor, level)


def decide(ws: Workspace, exporter: Viewer, case_id: int | str, recipient: str) -> Contents:
    """The contents for `recipient`, read with the recipient's clearance; the exporter's
    own view only serves to count what is withheld."""
    recipient_view = reader_for(exporter, recipient)
    level = recipient_view.clearance
    sent = casefile.build(ws, recipient_view, case_id, via="export", audit=False)
    with ws.db.read() as session:
        same = not case_store.hides_above(session, recipient_view.levels)
    # What the exporter sees beyond the recipient, only when there can be any; the
    # evidence resolved for the recipient is not resolved again.
    full = (sent.evidence, sent.exculpatory) if same else \
        casefile.widened(ws, exporter, sent)
    levels = {i: c for i, c in _item_ids(sent.evidence, sent.exculpatory).items()
              if allowed(c, level)}
    return Contents(recipient, level, sent, sorted(levels), levels,
                    withheld(full, sent, level))
