"""What gavah.pipelines.verify reads and writes, on the DB-API: the statements
gavah.store.verification.SessionSource has SQLAlchemy make, written out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from gavah.core.custody import Entry
from gavah.store.custody_rows import COLUMNS, to_entry
from gavah.store.fastread.workspace import ReadWorkspace
from gavah.store.stamp_records import StampRecord
from gavah.store.verify_rows import Records

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from gavah.store.blobs import BlobStore

_RUN_FIELDS = ("started_at", "finished_at", "ok", "items_checked", "entries_checked",
               "blobs_checked", "problems")
_STAMPS = (
    "SELECT t.id, t.stamped_seq, t.stamped_hash, t.response, t.response_sha256, "
    "t.gen_time, t.serial, t.tsa_name, t.custody_seq, tsas.url, tsas.ca_pem, "
    "stamped.entry_hash FROM timestamps AS t JOIN tsas ON tsas.id = t.tsa_id "
    "LEFT OUTER JOIN custody AS stamped ON stamped.seq = t.stamped_seq ORDER BY t.id")


class ConnectionSource:
    def __init__(self, ws: ReadWorkspace) -> None:
        self.ws = ws
        self.conn = ws.conn
        self.head_path = ws.head_path

    @property
    def blobs(self) -> BlobStore:
        return self.ws.blobs

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.ws.public_key

    def key_ring(self) -> dict[str, Ed25519PublicKey]:
        return self.ws.key_ring()

    def snapshot(self) -> tuple[Records, int, list[StampRecord]]:
        with self.conn.read() as conn:
            records = Records(
                items=[(int(i), str(s), str(n), int(q)) for i, s, n, q in conn.rows(
                    "SELECT items.id, items.sha256, items.original_name, items.custody_seq "
                    "FROM items")],
                blob_sizes={str(s): int(n) for s, n in conn.rows(
                    "SELECT blobs.sha256, blobs.size FROM blobs")},
                derivatives=[(int(i), str(s), int(q)) for i, s, q in conn.rows(
                    "SELECT derivatives.id, derivatives.sha256, derivatives.custody_seq "
                    "FROM derivatives")],
                member_shas={str(s) for s, in conn.rows(
                    "SELECT members.child_sha256 FROM members")})
            newest = int(conn.scalar("SELECT max(custody.seq) FROM custody") or 0)
            stamps = [StampRecord(
                id=r.id, tsa_url=r.url, ca_pem=r.ca_pem.encode(), stamped_seq=r.stamped_seq,
                stamped_hash=r.stamped_hash, entry_hash=r.entry_hash,
                response=bytes(r.response), response_sha256=r.response_sha256,
                gen_time=r.gen_time, serial=r.serial, tsa_name=r.tsa_name,
                custody_seq=r.custody_seq) for r in conn.rows(_STAMPS)]
        return records, newest, stamps

    def entries(self) -> Iterator[Entry]:
        with self.conn.read() as conn:
            for row in conn.stream(f"SELECT {', '.join(COLUMNS)} FROM custody "
                                   "ORDER BY custody.seq"):
                yield to_entry(row)

    def first_entry(self) -> Entry | None:
        with self.conn.read() as conn:
            rows = conn.rows(f"SELECT {', '.join(COLUMNS)} FROM custody "
                             "ORDER BY custody.seq LIMIT 1")
        return to_entry(rows[0]) if rows else None

    def indexed_reads(self, upto: int) -> set[tuple[int, int]]:
        with self.conn.read() as conn:
            return {(int(item), int(seq)) for item, seq in conn.rows(
                "SELECT custody_items.item_id, custody_items.seq FROM custody_items "
                "WHERE custody_items.seq <= ?", (upto,))}

    def add_run(self, **fields: Any) -> None:
        with self.conn.write() as conn:
            conn.execute(f"INSERT INTO verify_runs ({', '.join(_RUN_FIELDS)}) "
                         f"VALUES ({', '.join('?' * len(_RUN_FIELDS))})",
                         [fields[name] for name in _RUN_FIELDS])
