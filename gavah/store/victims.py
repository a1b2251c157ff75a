"""Victim lists, imports, records and rows kept aside: reading and writing them.

Writers take a session from `Database.write()`; nothing here commits. Records are
inserted in bulk (one statement per batch, not one ORM object each): lists run to
tens of thousands of rows.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput, NotFound
from gavah.store.tables import Item
from gavah.store.victim_tables import VictimImport, VictimList, VictimRecord, VictimReject

CHUNK = 500  # keys per IN (...) query: well under every backend's parameter limit


def ensure_list(session: Session, name: str, source: str, actor: str) -> VictimList:
    """The list named `name`, created on first import. A list has one source: importing
    another group's file into it would mix two lists that MSE must keep apart."""
    found = session.get(VictimList, name)
    if found is None:
        found = VictimList(name=name, source=source, created_at=utc_now(), created_by=actor)
        session.add(found)
        session.flush()
    elif found.source != source:
        raise BadInput(f"list {name!r} comes from source {found.source!r}, not {source!r}; "
                       "name another list for another source", field="list_name")
    return found


def existing_keys(session: Session, list_name: str, keys: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        found.update(session.scalars(
            select(VictimRecord.record_key).where(
                VictimRecord.list_name == list_name,
                VictimRecord.record_key.in_(wanted[start:start + CHUNK]))))
    return found


def reject_keys(session: Session, list_name: str) -> set[str]:
    return set(session.scalars(select(VictimReject.record_key)
                               .where(VictimReject.list_name == list_name)))


def add_import(session: Session, **fields: Any) -> int:
    row = VictimImport(**fields)
    session.add(row)
    session.flush()
    return row.id


def add_records(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(VictimRecord), list(rows[start:start + CHUNK]))


def add_rejects(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(VictimReject), list(rows))


def lists(session: Session) -> list[dict[str, Any]]:
    counts = dict(session.execute(
        select(VictimRecord.list_name, func.count()).group_by(VictimRecord.list_name)).all())
    return [{"name": row.name, "source": row.source, "created_at": row.created_at,
             "records": int(counts.get(row.name, 0))}
            for row in session.scalars(select(VictimList).order_by(VictimList.name))]


def _visible(query: Any, levels: Sequence[str] | None) -> Any:
    """Records inherit the classification of the item (the file) they came from."""
    if levels is None:
        return query
    return query.join(Item, Item.id == VictimRecord.item_id).where(
        Item.classification.in_(list(levels)))


def find_records(session: Session, *, list_name: str | None = None,
                 person_id: int | None = None, name: str | None = None,
                 levels: Sequence[str] | None = None, limit: int | None = None,
                 offset: int = 0) -> list[VictimRecord]:
    query = _visible(select(VictimRecord), levels)
    if list_name is not None:
        query = query.where(VictimRecord.list_name == list_name)
    if person_id is not None:
        query = query.where(VictimRecord.person_id == person_id)
    if name:
        query = query.where(VictimRecord.name_folded.contains(name))
    query = query.order_by(VictimRecord.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def get_record(session: Session, record_id: int, levels: Sequence[str] | None = None
               ) -> VictimRecord:
    query = _visible(select(VictimRecord).where(VictimRecord.id == record_id), levels)
    found = session.scalars(query).first()
    if found is None:
        raise NotFound(f"no victim record {record_id}")
    return found


def iter_records(session: Session) -> Iterator[VictimRecord]:
    query = select(VictimRecord).order_by(VictimRecord.id).execution_options(yield_per=2000)
    yield from session.scalars(query)


def record_dict(row: VictimRecord) -> dict[str, Any]:
    """A record as JSON: what `victims list/show --json` print and linkage reads."""
    out: dict[str, Any] = {
        "id": row.id, "list": row.list_name, "source_ref": row.source_ref,
        "name": row.name, "name_latin": row.name_latin, "script": row.script,
        "person_id": row.person_id, "father_name": row.father_name, "sex": row.sex,
        "age": row.age, "birth_year": row.birth_year,
        "birth_year_calendar": row.birth_year_calendar,
    }
    for prefix in ("arrest_date", "death_date"):
        out[prefix] = getattr(row, prefix)
        for part in ("start", "end", "precision", "calendar"):
            out[f"{prefix}_{part}"] = getattr(row, f"{prefix}_{part}")
    out.update({
        "arrest_place": row.arrest_place, "death_place": row.death_place,
        "prison": row.prison, "affiliation": row.affiliation, "notes": row.notes,
        "extra": json.loads(row.extra_json), "warnings": json.loads(row.warnings_json),
        "item_id": row.item_id, "import_id": row.import_id, "row": row.row_number,
        "link_run_id": row.link_run_id,
    })
    return out


def rejects(session: Session, list_name: str | None = None, *,
            include_resolved: bool = False) -> list[dict[str, Any]]:
    """Rows kept aside. A reject is resolved once a later import of its list brought
    a record with the same key (a corrected row with the same ref)."""
    query = select(VictimReject).order_by(VictimReject.id)
    if list_name is not None:
        query = query.where(VictimReject.list_name == list_name)
    found = list(session.scalars(query))
    resolved_keys: set[tuple[str, str]] = set()
    for name in {row.list_name for row in found}:
        keys = existing_keys(session, name, [r.record_key for r in found if r.list_name == name])
        resolved_keys |= {(name, key) for key in keys}
    out = []
    for row in found:
        resolved = (row.list_name, row.record_key) in resolved_keys
        if resolved and not include_resolved:
            continue
        out.append({"id": row.id, "list": row.list_name, "item_id": row.item_id,
                    "import_id": row.import_id, "row": row.row_number,
                    "problems": json.loads(row.problems_json), "raw": json.loads(row.raw_json),
                    "resolved": resolved, "created_at": row.created_at})
    return out


def imports(session: Session) -> list[dict[str, Any]]:
    return [{"id": r.id, "list": r.list_name, "item_id": r.item_id, "source": r.source,
             "imported_at": r.imported_at, "imported_by": r.imported_by,
             "format": r.file_format, "rows": r.rows, "added": r.added,
             "already": r.already, "rejected": r.rejected}
            for r in session.scalars(select(VictimImport).order_by(VictimImport.id))]


def set_persons(session: Session, run_id: int, person_of: dict[int, int]) -> None:
    """Derived state: each record's person in the newest run."""
    params = [{"rid": rid, "pid": pid, "run": run_id} for rid, pid in person_of.items()]
    statement = (update(VictimRecord).where(VictimRecord.id == bindparam("rid"))
                 .values(person_id=bindparam("pid"), link_run_id=bindparam("run")))
    for start in range(0, len(params), 5000):
        session.connection().execute(statement, params[start:start + 5000])


def record_ids_in(session: Session, lists: Collection[str]) -> set[int]:
    return set(session.scalars(select(VictimRecord.id)
                               .where(VictimRecord.list_name.in_(list(lists)))))


def memberships(session: Session, field: str | None = None,
                lists: Collection[str] | None = None
                ) -> tuple[dict[int, set[str]], dict[int, list[Any]], int]:
    """person -> lists recording them, person -> stratum values (when `field` is a
    record field or an extra column), and how many records have no person yet; only
    records of `lists` when given (the others are not read at all)."""
    columns = {c.name for c in VictimRecord.__table__.columns}
    column = getattr(VictimRecord, field) if field and field in columns else None
    lists_of: dict[int, set[str]] = {}
    values: dict[int, list[Any]] = {}
    unlinked = 0
    query = select(VictimRecord.person_id, VictimRecord.list_name,
                   column if column is not None else VictimRecord.extra_json)
    if lists is not None:
        query = query.where(VictimRecord.list_name.in_(list(lists)))
    for person, list_name, value in session.execute(query.execution_options(yield_per=5000)):
        if person is None:
            unlinked += 1
            continue
        lists_of.setdefault(person, set()).add(list_name)
        if field:
            if column is None:
                value = json.loads(value).get(field)
            values.setdefault(person, []).append(value)
    return lists_of, values, unlinked


def record_lists(session: Session, lists: Collection[str] | None = None) -> dict[int, str]:
    """record id -> its list, for records a linkage run has placed in a person (only
    records of `lists` when given)."""
    query = select(VictimRecord.id, VictimRecord.list_name).where(
        VictimRecord.person_id.is_not(None))
    if lists is not None:
        query = query.where(VictimRecord.list_name.in_(list(lists)))
    return {rid: name for rid, name in session.execute(query)}


def item_levels(session: Session, items: Collection[int]) -> dict[int, str]:
    """item id -> classification, for the items records were imported from."""
    wanted = sorted({int(i) for i in items})
    out: dict[int, str] = {}
    for start in range(0, len(wanted), CHUNK):
        out.update(session.execute(select(Item.id, Item.classification).where(
            Item.id.in_(wanted[start:start + CHUNK]))).all())
    return out


def import_levels(session: Session) -> list[tuple[str, str]]:
    """(list, classification) of every file imported into a list."""
    return [(name, level) for name, level in session.execute(
        select(VictimImport.list_name, Item.classification)
        .join(Item, Item.id == VictimImport.item_id)).all()]


def visible_counts(session: Session, levels: Sequence[str]) -> tuple[dict[str, int], int]:
    """Records per list and persons, counting only records the reader may see."""
    counts = {name: int(n) for name, n in session.execute(
        _visible(select(VictimRecord.list_name, func.count()), levels)
        .group_by(VictimRecord.list_name)).all()}
    persons = session.scalar(
        _visible(select(func.count(func.distinct(VictimRecord.person_id))), levels)
        .where(VictimRecord.person_id.is_not(None))) or 0
    return counts, int(persons)


def visible_import_items(session: Session, levels: Sequence[str]) -> set[int]:
    """Items imported as lists that the reader may see."""
    return set(session.scalars(select(Item.id).join(
        VictimImport, VictimImport.item_id == Item.id).where(
        Item.classification.in_(list(levels)))))


def items_of(session: Session, record_ids: Collection[int]) -> dict[int, int]:
    """record id -> the item it was imported from."""
    wanted = sorted({int(i) for i in record_ids})
    out: dict[int, int] = {}
    for start in range(0, len(wanted), CHUNK):
        out.update(session.execute(select(VictimRecord.id, VictimRecord.item_id).where(
            VictimRecord.id.in_(wanted[start:start + CHUNK]))).all())
    return out


def visible_ids(session: Session, ids: Collection[int], levels: Sequence[str] | None
                ) -> set[int]:
    """Those of `ids` that exist and that the reader may see."""
    wanted = sorted({int(i) for i in ids})
    out: set[int] = set()
    for start in range(0, len(wanted), CHUNK):
        out.update(session.scalars(_visible(select(VictimRecord.id), levels).where(
            VictimRecord.id.in_(wanted[start:start + CHUNK]))))
    return out


def shown_persons(session: Session, persons: Collection[int], levels: Sequence[str] | None
                  ) -> dict[int, int]:
    """person id -> the id the reader knows it by: its smallest record they may see.
    A person's own id is its smallest record, which may be a hidden one."""
    wanted = sorted({int(p) for p in persons})
    out: dict[int, int] = {}
    for start in range(0, len(wanted), CHUNK):
        out.update(session.execute(
            _visible(select(VictimRecord.person_id, func.min(VictimRecord.id)), levels)
            .where(VictimRecord.person_id.in_(wanted[start:start + CHUNK]))
            .group_by(VictimRecord.person_id)).all())
    return out
