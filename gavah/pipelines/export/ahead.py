"""Originals copied ahead of the case file. Building the case file of a large case takes
seconds (a hundred thousand links resolved, the gaps and the exculpatory material
found), and the copies, the longest part of an export, used to wait for it; most of the
originals an export sends are known before it: those the case's links point at.

Certain enough to start: an item a link in force points at, as an item or through a
claim, that the recipient may see (store.cases.linked_originals: the case file includes
every one), when nothing in it is to be hidden: no protected person has a pseudonym in
the workspace, and the recipient does not get an analyst's redacted copy of it
(redacted.latest). write_items takes each copy started here over when it reaches the
item's original; a copy it does not take over (the item went otherwise after all, e.g.
a person was marked protected meanwhile) is removed before the package is signed
(Copier.forget), and the manifests never list it."""

from __future__ import annotations

from gavah.core.errors import NotFound
from gavah.pipelines.access import Viewer
from gavah.pipelines.export import pseudonyms, redacted
from gavah.pipelines.export.copier import Copier
from gavah.pipelines.export.paths import original
from gavah.store import cases as case_store
from gavah.store.cases import Original
from gavah.store.workspace import Workspace


def start(ws: Workspace, reader: Viewer, case_id: int | str, recipient: str,
          copier: Copier) -> dict[str, Original]:
    """Start copying the originals certain to go as they are to `reader` (the recipient
    at its level); returns them by their path in the package."""
    if pseudonyms.load(ws):
        return {}
    with ws.db.read() as session:
        try:
            found = case_store.linked_originals(session, case_id, reader.levels)
        except NotFound:
            return {}  # the case file says so, in its words
        swapped = redacted.latest(session, [o.item_id for o in found], recipient)
    started: dict[str, Original] = {}
    for one in found:
        if one.item_id not in swapped:
            rel = original(one.item_id, one.original_name)
            copier.copy(one.sha256, int(one.size), rel)
            started[rel] = one
    return started
