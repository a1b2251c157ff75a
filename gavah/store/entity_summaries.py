"""Entity summaries kept in the database: what an entity page needs from the claims about
or spoken by a set of entities, per classification level of the claims' items, and what
a page shows of them to a reader of one clearance (gavah.pipelines.entity_summary makes
and reads both).

A summary made at claims version V stays right until a change after V that is not one
of the changes below (which alter no claim, no link of a claim to an entity and no
item's level) either reaches one of its entities (a review, new claims: their writers
state the entities they reach) or reaches every page. A merge, an entity's names, a
source's grade or an event therefore leave every summary as it was, on the pages they
reach too: the page is assembled again from them, without reading thousands of claims."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, func, select, true
from sqlalchemy.orm import Session

from gavah.store.claim_tables import Claim, ClaimAbout
from gavah.store.db import run
from gavah.store.tables import Change, ChangeEntity, CustodyEntry, EntitySummary, Item

# Changes that alter no claim, claim link or item level, whether they reach every page
# or some. Any other action (reclassifying an item, one written before scopes were
# recorded, a new kind) makes again every summary it reaches: unknown means unsafe.
CLAIMS_UNCHANGED = frozenset({
    "entity-added", "entity-edited", "entities-merged", "entities-split", "position-added",
    "event-added", "source-added", "source-assessed"})
_CHANGE = cast(Table, Change.__table__)
_CUSTODY = cast(Table, CustodyEntry.__table__)
_NEWEST_ALTERING_ALL = select(func.max(_CHANGE.c.seq)).join(
    _CUSTODY, _CUSTODY.c.seq == _CHANGE.c.seq).where(
    _CHANGE.c.reaches_all == true(), _CUSTODY.c.action.not_in(sorted(CLAIMS_UNCHANGED)))
_CHANGE_ENTITY = cast(Table, ChangeEntity.__table__)
_NEWEST_ALTERING = select(func.max(_CHANGE_ENTITY.c.seq)).join(
    _CUSTODY, _CUSTODY.c.seq == _CHANGE_ENTITY.c.seq).where(
    _CHANGE_ENTITY.c.entity_id.in_(bindparam("entities", expanding=True)),
    _CUSTODY.c.action.not_in(sorted(CLAIMS_UNCHANGED)))


class Row(NamedTuple):
    """A claim as a summary counts it, with the level of its item."""

    id: str
    item_id: int
    derivative_id: int
    start: int
    statement_date: str | None
    status: str
    speaker: str | None
    publisher: str | None
    speaker_source_id: int | None
    speaker_entity_id: int | None
    level: str
    about: bool  # about the entities (else only spoken by them)


def key_of(ids: Sequence[int], levels: Sequence[str] | None = None) -> str:
    """The row of the summary of the entities `ids` ("12,57"), or (with `levels`) of what
    a page shows from it to a reader of these levels ("12,57@public,restricted")."""
    key = ",".join(str(i) for i in sorted(set(ids)))
    if levels is not None:
        key += "@" + ",".join(levels)
    if len(key) > 200:  # a merge of many entities
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def newest_altering_all(session: Session) -> int:
    """The seq of the newest change reaching every page that may alter claims."""
    return int(session.execute(_NEWEST_ALTERING_ALL).scalar() or 0)


def claims_version(session: Session, ids: Sequence[int], altering_all: int) -> int:
    """The version of the summary of the entities `ids` (`altering_all`:
    newest_altering_all, which a caller keeps per change version): the newest change
    reaching one of them that may alter claims."""
    wanted = sorted(set(ids))
    return max(altering_all, int(run(session, _NEWEST_ALTERING, {"entities": wanted})
                                 .scalar() or 0) if wanted else 0)


def get(session: Session, key: str, version: int, code: str) -> Any | None:
    """The kept row `key` (key_of), if it was made at `version` or later in format
    `code`."""
    row = session.get(EntitySummary, key)
    if row is None or row.seq < version or row.code != code:
        return None
    return json.loads(row.body)


def put(session: Session, key: str, version: int, code: str, body: Any) -> None:
    """Keep the row, unless a newer one was kept meanwhile."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    row = session.get(EntitySummary, key)
    if row is None:
        session.add(EntitySummary(members=key, seq=version, code=code, body=text))
    elif row.seq <= version:
        row.seq, row.code, row.body = version, code, text


def rows(session: Session, ids: Sequence[int]) -> list[Row]:
    """Every claim about or spoken by the entities `ids`, each once, with its item's
    level (claims of an item that does not exist are not shown to anyone)."""
    columns = (Claim.id, Claim.item_id, Claim.derivative_id, Claim.start,
               Claim.statement_date, Claim.status, Claim.speaker, Claim.publisher,
               Claim.speaker_source_id, Claim.speaker_entity_id, Item.classification)
    about = session.execute(select(*columns).join(Item, Item.id == Claim.item_id).where(
        Claim.id.in_(select(ClaimAbout.claim_id).where(ClaimAbout.entity_id.in_(ids))))).all()
    spoken = session.execute(select(*columns).join(Item, Item.id == Claim.item_id).where(
        Claim.speaker_entity_id.in_(ids))).all()
    seen = {row[0] for row in about}
    return [*(Row._make((*row, True)) for row in about),
            *(Row._make((*row, False)) for row in spoken if row[0] not in seen)]

