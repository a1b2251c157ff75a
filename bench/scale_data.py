"""A FICTIONAL workspace of any size, bulk-loaded (issue 16 §3): items, their text
derivatives, the search index, a valid signed custody chain, entities, sources and claims.

What is real: every item has its own original (a small UTF-8 text file, FICTIONAL) stored
as a real blob under its SHA-256, its extracted text as a derivative, an `acquired` and a
`derived` custody entry each (hashed, chained and signed with the workspace key, exactly
as ingest writes them), its search index rows and its tags; `gavah verify` passes.
What is synthetic: the rows are written straight to the tables (COPY on PostgreSQL,
executemany on SQLite) instead of through ingest; claims are spans of the items' real
texts but written without `claims-extracted` entries or claim runs (as bench_web does);
entities and sources are added by the store without custody entries. Foreign keys are
not checked while loading on PostgreSQL (the rows are made consistent by construction;
tests/bench/test_scale_data.py checks them at small size).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gavah.core.custody import GENESIS
from gavah.core.search_query import chunks, index_form
from gavah.store.workspace import Workspace

WORDS = ("prison commission execution witness register cemetery transfer hearing verdict "
         "family letter petition governor prosecutor guard cell ward night list names "
         "دشت‌آباد زندان کمیسیون اعدام شاهد دادستان خانواده نامه فهرست گورستان").split()
PLACES = ("Northgate", "Dashtabad", "Arvand", "Eastfield", "Karun")
# 400 invented surnames (as bench_web): each document names three, so a name matches
# ~0.75% of items, as a search for a person does.
SURNAMES = [a + b for a in ("Kar", "Far", "Shir", "Bah", "Mol", "Tav", "Nad", "Gol", "Ras",
                            "Zand", "Hos", "Jav", "Sab", "Mah", "Dar", "Per", "Ash", "Kam",
                            "Nur", "Vah")
            for b in ("ani", "imi", "avi", "ouri", "zadeh", "pour", "nia", "doust", "vand",
                      "abadi", "ian", "loo", "khani", "mand", "far", "jou", "nejad", "ifar",
                      "zehi", "sari")]
GIVEN = ("Arash", "Maryam", "Reza", "Zahra", "Hamid", "Leila", "Sohrab", "Parisa", "Navid",
         "Shirin")
LEVELS = (("public", 70), ("restricted", 20), ("confidential", 8), ("strictly-confidential", 2))
ITEMS_PER_PERSON = 250  # people grow with the workspace: ~2,500 claims each at 10 per item
SOURCES = 8
TEXT_TYPE = "text/plain"
TOOL = "gavah-text/1 (bench)"
BASE_TIME = 1_767_225_600  # 2026-01-01T00:00:00Z


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def item_text(i: int) -> str:
    """Item i's FICTIONAL text (deterministic: the same i gives the same bytes)."""
    rng = random.Random(i)
    picked = [rng.choice(WORDS) for _ in range(rng.randint(40, 160))]
    words = "\n".join(" ".join(picked[j:j + 12]) for j in range(0, len(picked), 12))
    names = ", ".join(rng.sample(SURNAMES, 3))
    return (f"FICTIONAL bench document {i}. {rng.choice(PLACES)}: {names}.\n{words}\n"
            f"{rng.choice(PLACES)} {rng.randint(1980, 2023)}\n")


def level_of(i: int) -> str:
    """Classification by the stated proportions (70/20/8/2 in every hundred items)."""
    k = i % 100
    for level, weight in LEVELS:
        if k < weight:
            return level
        k -= weight
    return LEVELS[-1][0]


def person_names(count: int) -> list[str]:
    return [f"{GIVEN[(k // len(SURNAMES)) % len(GIVEN)]} {SURNAMES[k % len(SURNAMES)]}"
            + (f" {k // (len(SURNAMES) * len(GIVEN)) + 1}"
               if k >= len(SURNAMES) * len(GIVEN) else "") for k in range(count)]


def _copy_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return text


def _quoted(columns: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)  # "end" is a keyword


class CopySink:
    """Rows for PostgreSQL, spooled to one tab-separated file per table and loaded with
    COPY at the end (one COPY at a time per connection; the files keep memory flat)."""

    chunked = True  # tsvector rows are cut at INDEX_CHUNK characters

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Any] = {}
        self.columns: dict[str, tuple[str, ...]] = {}

    def add(self, table: str, columns: tuple[str, ...], row: tuple[Any, ...]) -> None:
        handle = self.files.get(table)
        if handle is None:
            handle = self.files[table] = open(self.folder / f"{table}.tsv", "w",  # noqa: SIM115
                                              encoding="utf-8", buffering=1 << 20)
            self.columns[table] = columns
        handle.write("\t".join(map(_copy_text, row)) + "\n")

    def load(self, connection: Any, order: Iterable[str], log: Callable[[str], None]) -> None:
        for table in order:
            handle = self.files.pop(table, None)
            if handle is None:
                continue
            handle.close()
            path = self.folder / f"{table}.tsv"
            started = time.perf_counter()
            target = "search_stage" if table == "search_docs" else table
            with connection.cursor() as cursor, cursor.copy(
                    f"COPY {target} ({_quoted(self.columns[table])}) FROM STDIN") as copy, \
                    open(path, "rb") as source:
                while block := source.read(1 << 20):
                    copy.write(block)
            path.unlink()
            log(f"COPY {table}: {time.perf_counter() - started:.0f} s")


class SqliteSink:
    """Rows for SQLite, inserted in batches inside one transaction."""

    BATCH = 20_000
    chunked = False  # FTS5 takes a text whole

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.pending: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}

    def add(self, table: str, columns: tuple[str, ...], row: tuple[Any, ...]) -> None:
        _, rows = self.pending.setdefault(table, (columns, []))
        rows.append(row)
        if len(rows) >= self.BATCH:
            self._flush(table)

    def _flush(self, table: str) -> None:
        columns, rows = self.pending[table]
        if table == "search_docs":
            sql = "INSERT INTO search_fts(rowid, body) VALUES (?, ?)"
            rows = [(r[0], r[2]) for r in rows]
        else:
            sql = (f"INSERT INTO {table} ({_quoted(columns)}) "
                   f"VALUES ({', '.join('?' * len(columns))})")
        self.connection.execute("BEGIN IMMEDIATE")
        self.connection.executemany(sql, rows)
        self.connection.execute("COMMIT")
        self.pending[table][1].clear()

    def finish(self) -> None:
        for table in ORDER:
            if table in self.pending:
                self._flush(table)


ITEM_COLUMNS = ("id", "sha256", "original_name", "original_path", "file_modified",
                "file_changed", "resume_key", "acquired_at", "acquired_by", "collected_by",
                "source", "method", "note", "classification", "parent_id", "relation",
                "custody_seq")
BLOB_COLUMNS = ("sha256", "size", "media_type", "created_at", "extraction",
                "extraction_error", "language", "metadata_json")
DERIVATIVE_COLUMNS = ("id", "source_sha256", "sha256", "kind", "label", "position",
                      "media_type", "tool", "language", "created_at", "custody_seq")
CUSTODY_COLUMNS = ("seq", "time", "actor", "action", "item_id", "details", "prev_hash",
                   "entry_hash", "signature", "key_id")
CLAIM_COLUMNS = ("id", "item_id", "derivative_id", "text_sha256", "start", "end", "quote",
                 "kind", "speaker", "speaker_source_id", "speaker_entity_id", "publisher",
                 "publisher_source_id", "attribution", "figure", "figure_min", "figure_max",
                 "counts_key", "statement_date", "statement_precision", "origin", "status",
                 "credibility", "confidence", "flags", "language", "created_at", "updated_at")
# Load order: referenced tables first (foreign keys are not checked during the load, but
# a reader of the finished workspace sees them all at once anyway).
ORDER = ("blobs", "items", "item_tags", "derivatives", "custody", "changes", "search_docs",
         "claims", "claim_about")


class Chain:
    """Appends signed entries as CustodyLog.append does (same canonical body, hash and
    Ed25519 signature over the raw hash), without a session per entry."""

    def __init__(self, ws: Workspace, seq: int, prev: str) -> None:
        import base64

        self._b64 = base64.b64encode
        self.signer = ws.custody.signer
        self.seq, self.prev = seq, prev

    def entry(self, time_: str, action: str, item: int, details: dict[str, Any]
              ) -> tuple[Any, ...]:
        self.seq += 1
        body = {"seq": self.seq, "time": time_, "actor": "bench", "action": action,
                "item": item, "details": details, "prev": self.prev}
        digest = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"),
                                           ensure_ascii=False).encode()).hexdigest()
        signature = self._b64(self.signer.sign(bytes.fromhex(digest))).decode()
        row = (self.seq, time_, "bench", action, item,
               json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
               self.prev, digest, signature, self.signer.key_id)
        self.prev = digest
        return row


def _write_blob(root: Path, sha: str, data: bytes) -> None:
    folder = root / sha[:2] / sha[2:4]
    try:
        with open(folder / sha, "wb") as handle:
            handle.write(data)
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / sha, "wb") as handle:
            handle.write(data)


def _people_and_sources(ws: Workspace, people: int) -> tuple[list[int], list[int]]:
    from gavah.store import entities as entity_store
    from gavah.store.claim_tables import Source

    with ws.db.write() as session:
        ids = [entity_store.add(session, "Person", name, [f"{name} (فارسی)"], [], None,
                                None, {}, "public", "bench").id
               for name in person_names(people)]
        sources = []
        for k in range(SOURCES):
            source = Source(name=f"Bench source {k}", key=f"bench source {k}",
                            type=("ngo", "state-media", "opposition-group", "news-outlet")[k % 4],
                            affiliation=("independent", "state", "party", "independent")[k % 4],
                            aligned_with="Front" if k % 4 == 2 else None, description=None,
                            classification="public", created_at=iso(BASE_TIME),
                            created_by="bench")
            session.add(source)
            session.flush()
            sources.append(source.id)
    return ids, sources


def _claim_rows(sink: Any, rng: random.Random, first_id: int, item: int, derivative: int,
                sha: str, text: str, count: int, people: list[int], sources: list[int],
                now: str) -> None:
    for k in range(count):
        start = rng.randrange(0, max(1, len(text) - 60))
        end = min(len(text), start + rng.randint(20, 60))
        figure = k % 5 == 0
        value = (200, 2800, 4000, 30000)[rng.randrange(4)]
        cid = f"s{first_id + k:019x}"
        speaker, publisher = k % len(sources), (k + 1) % len(sources)
        sink.add("claims", CLAIM_COLUMNS, (
            cid, item, derivative, sha, start, end, text[start:end],
            "figure" if figure else ("quotation", "allegation")[k % 2],
            f"Bench source {speaker}", sources[speaker], None, f"Bench source {publisher}",
            sources[publisher], "[]",
            json.dumps({"value": value, "min": value, "max": None, "qualifier": "at least",
                        "counts": "prisoners executed"}) if figure else None,
            value if figure else None, None, "execut prison" if figure else None,
            f"{1988 + (item + k) % 36}-01-01", "year", "machine", "suggested", None, 0.8,
            "[]", "en", now, now))
        sink.add("claim_about", ("claim_id", "entity_id"), (cid, people[rng.randrange(len(people))]))


def generate(ws: Workspace, items: int, claims: int, sink: Any,
             log: Callable[[str], None] = print) -> dict[str, Any]:
    """Write `items` items and `claims` claims into `sink`, and their blobs into the
    workspace's folder. Returns what was made."""
    from sqlalchemy import select

    from gavah.store.tables import CustodyEntry

    people, sources = _people_and_sources(ws, max(10, items // ITEMS_PER_PERSON))
    with ws.db.read() as session:
        tail = session.execute(select(CustodyEntry.seq, CustodyEntry.entry_hash)
                               .order_by(CustodyEntry.seq.desc()).limit(1)).first()
    chain = Chain(ws, *(tail if tail else (0, GENESIS)))
    root = Path(ws.blobs.location)
    rng = random.Random(16)
    per_item, extra = divmod(claims, items)
    next_claim = 1
    started = time.perf_counter()
    for i in range(1, items + 1):
        text = item_text(i)
        data = text.encode()
        sha = hashlib.sha256(data).hexdigest()
        _write_blob(root, sha, data)
        at = iso(BASE_TIME + i)
        level = level_of(i)
        source = f"Bench source {i % SOURCES}"
        name = f"doc-{i:07d}.txt"
        tags = sorted({"bench", PLACES[i % len(PLACES)].lower()})
        acquired = chain.entry(at, "acquired", i, {
            "sha256": sha, "size": len(data), "media_type": TEXT_TYPE, "original_name": name,
            "original_path": f"/bench/{i % 1000:03d}/{name}", "file_modified": at,
            "method": "import", "source": source, "collected_by": None,
            "classification": level, "tags": tags, "note": None})
        # Plain UTF-8 text: the extracted text is the same bytes, so the derivative is
        # the original's own blob (as ingest records a .txt file).
        derived = chain.entry(at, "derived", i, {
            "sha256": sha, "tool": TOOL, "members": 0, "encoding": "utf-8",
            "derivatives": [{"kind": "text", "label": "text", "sha256": sha}]})
        sink.add("blobs", BLOB_COLUMNS, (sha, len(data), TEXT_TYPE, at, "done", None, None,
                                         '{"encoding": "utf-8"}'))
        sink.add("items", ITEM_COLUMNS, (
            i, sha, name, f"/bench/{i % 1000:03d}/{name}", at, None, None, at, "bench", None,
            source, "import", None, level, None, None, acquired[0]))
        for tag in tags:
            sink.add("item_tags", ("item_id", "tag"), (i, tag))
        sink.add("derivatives", DERIVATIVE_COLUMNS, (i, sha, sha, "text", "text", 0,
                                                     TEXT_TYPE + "; charset=utf-8", TOOL, None,
                                                     at, derived[0]))
        for row in (acquired, derived):
            sink.add("custody", CUSTODY_COLUMNS, row)
            sink.add("changes", ("seq", "reaches_all"), (row[0], False))
        form = index_form(text)
        for n, chunk in enumerate(chunks(form) if sink.chunked else [form]):
            sink.add("search_docs", ("derivative_id", "chunk", "body"), (i, n, chunk))
        count = per_item + (1 if i <= extra else 0)
        _claim_rows(sink, rng, next_claim, i, i, sha, text, count, people, sources, at)
        next_claim += count
        if i % 100_000 == 0:
            log(f"  {i:,} items generated, {time.perf_counter() - started:.0f} s")
    return {"items": items, "claims": next_claim - 1, "people": len(people),
            "entries": chain.seq, "head": (chain.seq, chain.prev)}


def _write_head(ws: Workspace, head: tuple[int, str]) -> None:
    ws.custody.head_path.parent.mkdir(parents=True, exist_ok=True)
    ws.custody.head_path.write_text(json.dumps({"seq": head[0], "hash": head[1]}))


def _pg_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def load_postgresql(ws: Workspace, items: int, claims: int,
                    log: Callable[[str], None] = print) -> dict[str, Any]:
    """Generate and COPY; secondary indexes are dropped first and rebuilt after (one
    sort each instead of ten million random inserts), then the tables are analysed."""
    import psycopg

    tables = list(ORDER)
    with psycopg.connect(_pg_conninfo(ws.db.url), autocommit=True) as connection:
        indexes = connection.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            (tables,)).fetchall()
        for name, _ in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        with tempfile.TemporaryDirectory(prefix="gavah-scale-") as temp:
            sink = CopySink(Path(temp))
            made = generate(ws, items, claims, sink, log)
            connection.execute("SET session_replication_role = replica")  # no FK triggers
            connection.execute("CREATE TEMP TABLE search_stage "
                               "(derivative_id int, chunk int, body text)")
            with connection.transaction():
                sink.load(connection, ORDER, log)
                started = time.perf_counter()
                connection.execute("INSERT INTO search_docs (derivative_id, chunk, tsv) "
                                   "SELECT derivative_id, chunk, to_tsvector('simple', body) "
                                   "FROM search_stage")
                log(f"search index rows: {time.perf_counter() - started:.0f} s")
                for sequence_table in ("items", "derivatives"):
                    connection.execute(
                        f"SELECT setval(pg_get_serial_sequence('{sequence_table}', 'id'), "
                        f"(SELECT max(id) FROM {sequence_table}))")
            connection.execute("SET session_replication_role = DEFAULT")
        for name, definition in indexes:
            started = time.perf_counter()
            connection.execute(definition)
            log(f"index {name}: {time.perf_counter() - started:.0f} s")
        connection.execute("VACUUM ANALYZE")
    _write_head(ws, made["head"])
    return made


def load_sqlite(ws: Workspace, items: int, claims: int,
                log: Callable[[str], None] = print) -> dict[str, Any]:
    from sqlalchemy.engine import make_url

    path = make_url(ws.db.url).database
    assert path
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")  # a bench load: durability is not measured
    connection.execute("PRAGMA busy_timeout=60000")
    try:
        sink = SqliteSink(connection)
        made = generate(ws, items, claims, sink, log)
        sink.finish()
        connection.execute("ANALYZE")
    finally:
        connection.close()
    _write_head(ws, made["head"])
    return made


def build(home: Path, database_url: str | None, items: int, claims: int,
          log: Callable[[str], None] = print) -> tuple[Workspace, dict[str, Any]]:
    """A new workspace at `home` (which must not exist) with the generated records."""
    ws, _ = Workspace.init(home, database_url)
    started = time.perf_counter()
    loader = load_postgresql if ws.db.dialect == "postgresql" else load_sqlite
    made = loader(ws, items, claims, log)
    made["seconds"] = time.perf_counter() - started
    os.sync()
    return ws, made
