"""Claims read as plain rows (tuples with the Claim columns as attributes), for readers
that only read: a case file resting on a hundred thousand claims spent most of its time
making ORM objects it never changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, TypeAlias, cast

from sqlalchemy import Select, Table, select
from sqlalchemy.orm import Session

from gavah.store.claim_tables import Claim


class ClaimRow(NamedTuple):
    id: str
    item_id: int
    derivative_id: int
    text_sha256: str
    start: int
    end: int
    quote: str
    kind: str
    speaker: str | None
    speaker_source_id: int | None
    speaker_entity_id: int | None
    publisher: str | None
    publisher_source_id: int | None
    attribution: str
    figure: str | None
    figure_min: float | None
    figure_max: float | None
    counts_key: str | None
    statement_date: str | None
    statement_precision: str | None
    origin: str
    status: str
    credibility: str | None
    confidence: float
    flags: str
    language: str | None
    created_at: str
    updated_at: str


# Either shape: code that only reads a claim takes both.
AnyClaim: TypeAlias = Claim | ClaimRow
# Table columns, not ORM attributes: a select of ORM attributes is loaded through the
# ORM's row processing, several times slower for a hundred thousand rows.
_TABLE = cast(Table, Claim.__table__)
_COLUMNS = [_TABLE.c[name] for name in ClaimRow._fields]


def select_rows() -> Select:  # type: ignore[type-arg]
    """A select of every Claim column, in ClaimRow's order."""
    return select(*_COLUMNS)


def rows(session: Session, query: Select) -> list[ClaimRow]:  # type: ignore[type-arg]
    return [ClaimRow._make(row) for row in session.execute(query)]


def by_ids(session: Session, ids: Sequence[str]) -> dict[str, ClaimRow]:
    """id -> claim of the claims `ids` that exist (no visibility check: the caller chose
    the ids among those the reader may see).

    Read on the session's DB-API connection (in its transaction): a case file resting on
    a hundred thousand claims spent more time in SQLAlchemy's processing of the rows
    than in the database, and no column of a claim needs a conversion."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, ClaimRow] = {}
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            cursor.execute(f"{_SELECT} WHERE id IN ({', '.join([mark] * len(chunk))})",
                           chunk)
            out.update((row[0], ClaimRow._make(row)) for row in cursor.fetchall())
    finally:
        cursor.close()
    return out


_SELECT = f"SELECT {', '.join(f'{chr(34)}{n}{chr(34)}' for n in ClaimRow._fields)} " \
    f"FROM {_TABLE.name}"
