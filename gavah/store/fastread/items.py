"""Items, their blobs, tags, derivatives, children and custody history, read as
gavah.store.items and gavah.store.custody read them (the same rows, in the same order)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from gavah.core.custody import Entry
from gavah.core.errors import NotFound
from gavah.store import redaction_rows
from gavah.store.custody_rows import COLUMNS, to_entry
from gavah.store.fastread.connection import Connection
from gavah.store.item_rows import item_dict, one_blob, ref_parts, unknown
from gavah.store.redaction_rows import from_row
from gavah.store.stamp_records import label

CHUNK = 500  # ids per statement, as the ORM path binds them
_ITEM = "SELECT * FROM items"
_CUSTODY = ", ".join(COLUMNS)
_BLOB_COLUMNS = ("size", "media_type", "extraction", "extraction_error", "language")


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _levels(levels: Sequence[str] | None) -> tuple[str, list[Any]]:
    if levels is None:
        return "", []
    return f" AND items.classification IN ({_marks(levels)})", list(levels)


def list_items(conn: Connection, levels: Sequence[str] | None = None,
               limit: int | None = None, offset: int = 0,
               failed_only: bool = False) -> list[dict[str, Any]]:
    """As gavah.store.items.list_items."""
    blob = ", ".join(f"blobs.{c} AS blob_{c}" for c in _BLOB_COLUMNS)
    where, params = _levels(levels)
    sql = (f"SELECT items.*, {blob} FROM items JOIN blobs ON blobs.sha256 = items.sha256 "
           f"WHERE 1 = 1{where}")
    if failed_only:
        sql += " AND blobs.extraction = 'failed'"
    sql += " ORDER BY items.id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = conn.rows(sql, params)
    tags = tags_of(conn, [row.id for row in rows])
    return [item_dict(row, _BlobView(row), tags[row.id]) for row in rows]


class _BlobView:
    """The blob's columns of a joined row, by their names in the blobs table."""

    def __init__(self, row: Any) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, "blob_" + name)


def tags_of(conn: Connection, item_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(item_ids)
    out: dict[int, list[str]] = {i: [] for i in ids}
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        for item_id, tag in conn.rows(
                f"SELECT item_id, tag FROM item_tags WHERE item_id IN ({_marks(part)}) "
                "ORDER BY tag", part):
            out[item_id].append(tag)
    return out


def resolve(conn: Connection, ref: str, levels: Sequence[str] | None = None) -> Any:
    """As gavah.store.items.resolve_row: an item by id or sha256 prefix (6+ hex digits)
    among those visible at `levels`; a hidden item answers as a missing one."""
    ref = ref.strip().lower()
    item_id, prefix = ref_parts(ref)
    if item_id is not None:
        found = conn.rows(f"{_ITEM} WHERE id = ?", (item_id,))
        if found and (levels is None or found[0].classification in levels):
            return found[0]
    if prefix is not None:
        where, params = _levels(levels)
        row = one_blob(ref, conn.rows(f"{_ITEM} WHERE sha256 LIKE ?{where} ORDER BY id LIMIT 50",
                                      [prefix + "%", *params]))
        if row is not None:
            return row
    raise unknown(ref)


class Reader:
    """The item record's reads (gavah.pipelines.item_record.ItemReader) on a connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def blob_row(self, sha256: str) -> Any:
        rows = self.conn.rows("SELECT * FROM blobs WHERE sha256 = ?", (sha256,))
        if not rows:
            raise NotFound(f"no blob {sha256}")
        return rows[0]

    def tags_of(self, item_ids: Iterable[int]) -> dict[int, list[str]]:
        return tags_of(self.conn, item_ids)

    def derivatives_of(self, sha256: str) -> list[Any]:
        return self.conn.rows("SELECT * FROM derivatives WHERE source_sha256 = ? "
                              "ORDER BY kind DESC, position, id", (sha256,))

    def children_of(self, item_id: int) -> list[Any]:
        return self.conn.rows("SELECT id, original_name, relation, sha256, classification "
                              "FROM items WHERE parent_id = ? ORDER BY id", (item_id,))

    def ids_with_bytes(self, sha256: str, levels: Sequence[str] | None = None) -> list[int]:
        return [item_id for item_id, level in self.conn.rows(
            "SELECT id, classification FROM items WHERE sha256 = ? ORDER BY id", (sha256,))
            if levels is None or level in levels]

    def entries_about(self, item_id: int) -> Iterator[Entry]:
        """Its own entries and the reads of several items that list it, oldest first."""
        for row in self.conn.rows(
                f"SELECT {_CUSTODY} FROM custody WHERE seq IN "
                "(SELECT seq FROM custody WHERE item_id = ? "
                "UNION ALL SELECT seq FROM custody_items WHERE item_id = ?) ORDER BY seq",
                (item_id, item_id)):
            yield to_entry(row)

    def redactions_of(self, item_id: int) -> list[dict[str, Any]]:
        return [from_row(row).to_dict() for row in self.conn.rows(redaction_rows.SQL,
                                                                  (item_id,))]

    def first_covering(self, seq: int) -> dict[str, Any] | None:
        """As gavah.store.timestamps.first_covering."""
        rows = self.conn.rows(
            "SELECT timestamps.gen_time, timestamps.stamped_seq, timestamps.tsa_name, tsas.url "
            "FROM timestamps JOIN tsas ON tsas.id = timestamps.tsa_id "
            "WHERE timestamps.stamped_seq >= ? "
            "ORDER BY timestamps.gen_time, timestamps.id LIMIT 1", (seq,))
        if not rows:
            return None
        row = rows[0]
        return {"gen_time": row.gen_time, "stamped_seq": row.stamped_seq,
                "tsa_name": row.tsa_name, "tsa_label": label(row.tsa_name, row.url),
                "tsa": row.url}

    def is_capture(self, item_id: int) -> bool:
        return self.conn.scalar("SELECT 1 FROM captures WHERE item_id = ?",
                                (item_id,)) is not None
