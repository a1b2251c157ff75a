"""A FICTIONAL workspace of any size, bulk-loaded (issue 16 §3): items, their text
derivatives, the search index, a valid signed custody chain, entities, sources and claims.

What is real: every item has its own original (a small UTF-8 text file, FICTIONAL) stored
as a real blob under its SHA-256, its extracted text as a derivative, an `acquired` and a
`derived` custody entry each (hashed and chained, the last of every 500 items signed with
the workspace key, as ingest writes them), its search index rows and its tags; `gavah
verify` passes.
What is synthetic: the rows are written straight to the tables (COPY on PostgreSQL,
executemany on SQLite) instead of through ingest; claims are spans of the items' real
texts but written without `claims-extracted` entries or claim runs (as bench_web does);
entities and sources are added by the store without custody entries. Foreign keys are
not checked while loading on PostgreSQL (the rows are made consistent by construction;
tests/bench/test_scale_data.py checks them at small size).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fictional_words import PLACES, SURNAMES, WORDS

from gavah.core.custody import GENESIS
from gavah.core.search_query import chunks, index_form
from gavah.store.workspace import Workspace

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


# Texts are made of lines drawn from a fixed pool (4-13 lines of 12 words each, as
# bench_web's documents of 40-160 words), so that a million of them are made quickly; each
# starts with its own number and three surnames, so every original is distinct bytes.
_POOL_RNG = random.Random(1988)
LINES = [" ".join(_POOL_RNG.choice(WORDS) for _ in range(12)) for _ in range(2048)]
LINE_FORMS = [index_form(line) for line in LINES]


def item_text(i: int) -> tuple[str, str]:
    """Item i's FICTIONAL text and its search index form (deterministic in i). The form
    is index_form() of each line joined: the same tokens as index_form() of the whole;
    only the parts of zero-width-joined words come after each line instead of at the end."""
    rng = random.Random(i)
    pick = rng.random
    names = ", ".join(rng.sample(SURNAMES, 3))
    place, year, end = PLACES[int(pick() * 5)], 1980 + int(pick() * 44), PLACES[int(pick() * 5)]
    lines = [int(pick() * len(LINES)) for _ in range(4 + int(pick() * 10))]
    head = f"FICTIONAL bench document {i}. {place}: {names}."
    tail = f"{end} {year}"
    text = "\n".join([head, *(LINES[k] for k in lines), tail]) + "\n"
    form = " ".join([index_form(head), *(LINE_FORMS[k] for k in lines), index_form(tail)])
    return text, form


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
    if type(value) is str:
        if value.isprintable() and "\\" not in value:  # no tab, newline or backslash
            return value
        return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return str(value)  # numbers; True/False are read by PostgreSQL as booleans


def _quoted(columns: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)  # "end" is a keyword


class TsvWriter:
    """Rows spooled to one file per table in PostgreSQL's COPY text format (loaded by
    COPY on PostgreSQL, parsed back for executemany on SQLite): memory stays flat, and
    several processes can make their parts at once."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.files: dict[str, Any] = {}

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.line(table, "\t".join([_copy_text(v) for v in row]))

    def line(self, table: str, line: str) -> None:
        handle = self.files.get(table)
        if handle is None:
            handle = self.files[table] = open(self.folder / f"{table}.tsv", "w",  # noqa: SIM115
                                              encoding="utf-8", buffering=1 << 20)
        handle.write(line + "\n")

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


def _parse(field: str) -> str | None:
    if field == "\\N":
        return None
    if "\\" not in field:
        return field
    return (field.replace("\\\\", "\0").replace("\\t", "\t").replace("\\n", "\n")
            .replace("\\r", "\r").replace("\0", "\\"))


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
COLUMNS = {"blobs": BLOB_COLUMNS, "items": ITEM_COLUMNS, "item_tags": ("item_id", "tag"),
           "derivatives": DERIVATIVE_COLUMNS, "custody": CUSTODY_COLUMNS,
           "changes": ("seq", "reaches_all"),
           "search_docs": ("derivative_id", "chunk", "body"), "claims": CLAIM_COLUMNS,
           "claim_about": ("claim_id", "entity_id")}


INGEST_BATCH = 500  # files an ingest records in one transaction (gavah.pipelines.ingest)


class Chain:
    """Appends entries as CustodyLog.append does (same canonical body and hash; an Ed25519
    signature over the raw hash on the entries asked to be signed, the last of each
    transaction, an empty one on the others), without a session per entry."""

    def __init__(self, ws: Workspace, seq: int, prev: str) -> None:
        import base64

        self._b64 = base64.b64encode
        self.signer = ws.custody.signer
        self.seq, self.prev = seq, prev

    def entry(self, time_: str, action: str, item: int, details: dict[str, Any],
              signed: bool = True) -> tuple[Any, ...]:
        self.seq += 1
        details_json = json.dumps(details, sort_keys=True, separators=(",", ":"),
                                  ensure_ascii=False)
        # gavah.core.custody.canonical(body) with the keys in sorted order, spelt out:
        # the body's other values are plain ASCII strings and integers.
        body = (f'{{"action":"{action}","actor":"bench","details":{details_json},'
                f'"item":{item},"prev":"{self.prev}","seq":{self.seq},"time":"{time_}"}}')
        digest = hashlib.sha256(body.encode()).hexdigest()
        signature = self._b64(self.signer.sign(bytes.fromhex(digest))).decode() \
            if signed else ""
        row = (self.seq, time_, "bench", action, item, details_json, self.prev, digest,
               signature, self.signer.key_id)
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


FIGURES = [(value, json.dumps({"value": value, "min": value, "max": None,
                               "qualifier": "at least", "counts": "prisoners executed"}))
           for value in (200, 2800, 4000, 30000)]


def _claim_rows(out: TsvWriter, rng: random.Random, first_id: int, item: int,
                sha: str, text: str, count: int, people: list[int], sources: list[int],
                now: str) -> None:
    """`count` claims on item `item` (its derivative has the same id), as COPY lines made
    directly (the one free-text field, the quote, escaped): ten million of them."""
    pick = rng.random
    span = max(1, len(text) - 60)
    for k in range(count):
        start = int(pick() * span)
        end = min(len(text), start + 20 + int(pick() * 41))
        cid = f"s{first_id + k:019x}"
        speaker, publisher = k % len(sources), (k + 1) % len(sources)
        if k % 5 == 0:
            value, figure_json = FIGURES[int(pick() * 4)]
            kind, figure = "figure", f"{figure_json}\t{value}\t\\N\texecut prison"
        else:
            kind, figure = ("quotation", "allegation")[k % 2], "\\N\t\\N\t\\N\t\\N"
        out.line("claims", "\t".join((
            cid, str(item), str(item), sha, str(start), str(end),
            _copy_text(text[start:end]), kind, f"Bench source {speaker}",
            str(sources[speaker]), "\\N", f"Bench source {publisher}",
            str(sources[publisher]), "[]", figure, f"{1988 + (item + k) % 36}-01-01",
            "year\tmachine\tsuggested\t\\N\t0.8\t[]\ten", now, now)))
        out.line("claim_about", f"{cid}\t{people[int(pick() * len(people))]}")


def _item_facts(i: int) -> tuple[str, str, bytes, str, str, str, str, str, list[str]]:
    """(text, index form, bytes, sha256, time, level, source, name, tags) of item i."""
    text, form = item_text(i)
    data = text.encode()
    return (text, form, data, hashlib.sha256(data).hexdigest(), iso(BASE_TIME + i),
            level_of(i), f"Bench source {i % SOURCES}", f"doc-{i:07d}.txt",
            sorted({"bench", PLACES[i % len(PLACES)].lower()}))


def _first_claim(i: int, per_item: int, extra: int) -> int:
    return (i - 1) * per_item + min(i - 1, extra) + 1


def make_part(job: dict[str, Any]) -> int:
    """Items job["first"]..job["last"]: their blobs (written to the store's folder) and
    every row but the custody entries (made in order by one process: they are a chain).
    Runs in a worker process. Returns how many claims it made."""
    out = TsvWriter(Path(job["folder"]))
    root, base = Path(job["root"]), job["base_seq"]
    per_item, extra = job["per_item"], job["extra"]
    people, sources = job["people"], job["sources"]
    rng = random.Random(job["first"])
    made = 0
    for i in range(job["first"], job["last"] + 1):
        text, form, data, sha, at, level, source, name, tags = _item_facts(i)
        _write_blob(root, sha, data)
        acquired, derived = base + 2 * i - 1, base + 2 * i
        out.add("blobs", (sha, len(data), TEXT_TYPE, at, "done", None, None,
                          '{"encoding": "utf-8"}'))
        out.add("items", (i, sha, name, f"/bench/{i % 1000:03d}/{name}", at, None, None, at,
                          "bench", None, source, "import", None, level, None, None, acquired))
        for tag in tags:
            out.add("item_tags", (i, tag))
        out.add("derivatives", (i, sha, sha, "text", "text", 0, TEXT_TYPE + "; charset=utf-8",
                                TOOL, None, at, derived))
        out.line("changes", f"{acquired}\t0")
        out.line("changes", f"{derived}\t0")
        for n, chunk in enumerate(chunks(form) if job["chunked"] else [form]):
            out.add("search_docs", (i, n, chunk))
        count = per_item + (1 if i <= extra else 0)
        _claim_rows(out, rng, _first_claim(i, per_item, extra), i, sha, text, count, people,
                    sources, at)
        made += count
    out.close()
    return made


def _chain(ws: Workspace, items: int, base: tuple[int, str], folder: Path,
           log: Callable[[str], None]) -> tuple[int, str]:
    """The `acquired` and `derived` entries of every item, in order; signed as an ingest
    signs them, the last entry of every 500 items (one transaction of the ingest)."""
    chain = Chain(ws, *base)
    out = TsvWriter(folder)
    started = time.perf_counter()
    for i in range(1, items + 1):
        _, _, data, sha, at, level, source, name, tags = _item_facts(i)
        out.add("custody", chain.entry(at, "acquired", i, {
            "sha256": sha, "size": len(data), "media_type": TEXT_TYPE, "original_name": name,
            "original_path": f"/bench/{i % 1000:03d}/{name}", "file_modified": at,
            "method": "import", "source": source, "collected_by": None,
            "classification": level, "tags": tags, "note": None}, signed=False))
        # Plain UTF-8 text: the extracted text is the same bytes, so the derivative is
        # the original's own blob (as ingest records a .txt file).
        out.add("custody", chain.entry(at, "derived", i, {
            "sha256": sha, "tool": TOOL, "members": 0, "encoding": "utf-8",
            "derivatives": [{"kind": "text", "label": "text", "sha256": sha}]},
            signed=i % INGEST_BATCH == 0 or i == items))
        if i % 100_000 == 0:
            log(f"  {i:,} items' custody entries made, {time.perf_counter() - started:.0f} s")
    out.close()
    return chain.seq, chain.prev


def generate(ws: Workspace, items: int, claims: int, folder: Path, chunked: bool,
             processes: int = 2, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Write `items` items and `claims` claims as COPY files under `folder` (part-N/ for
    each range of items, chain/ for the custody entries) and their blobs into the
    workspace's folder. Returns what was made."""
    import multiprocessing

    from sqlalchemy import select

    from gavah.store.tables import CustodyEntry

    people, sources = _people_and_sources(ws, max(10, items // ITEMS_PER_PERSON))
    with ws.db.read() as session:
        tail = session.execute(select(CustodyEntry.seq, CustodyEntry.entry_hash)
                               .order_by(CustodyEntry.seq.desc()).limit(1)).first()
    base = (int(tail[0]), str(tail[1])) if tail else (0, GENESIS)
    per_item, extra = divmod(claims, items)
    step = 50_000
    jobs = [{"folder": str(folder / f"part-{first:09d}"), "root": ws.blobs.location,
             "first": first, "last": min(items, first + step - 1), "base_seq": base[0],
             "per_item": per_item, "extra": extra, "people": people, "sources": sources,
             "chunked": chunked} for first in range(1, items + 1, step)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        parts = pool.map_async(make_part, jobs, chunksize=1)
        head = _chain(ws, items, base, folder / "chain", log)
        made = sum(parts.get())
    return {"items": items, "claims": made, "people": len(people),
            "entries": head[0], "head": head}


def _made(ws: Workspace, items: int, claims: int, temp: Path, files: Path | None,
          processes: int, log: Callable[[str], None]) -> tuple[dict[str, Any], Path]:
    """The generated rows' summary and their folder: generated into `temp`, or those of
    an earlier generation in `files` (its people and sources made again in `ws`)."""
    if files is None:
        return generate(ws, items, claims, temp, True, processes, log), temp
    _people_and_sources(ws, max(10, items // ITEMS_PER_PERSON))
    return json.loads((files / "made.json").read_text()), files


def part_files(folder: Path, table: str) -> list[Path]:
    return sorted(folder.glob(f"*/{table}.tsv"))


def _write_head(ws: Workspace, head: tuple[int, str]) -> None:
    ws.custody.head_path.parent.mkdir(parents=True, exist_ok=True)
    ws.custody.head_path.write_text(json.dumps({"seq": head[0], "hash": head[1]}))


def _pg_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _copy(connection: Any, table: str, paths: list[Path]) -> None:
    target = "search_stage" if table == "search_docs" else table
    with connection.cursor() as cursor, cursor.copy(
            f"COPY {target} ({_quoted(COLUMNS[table])}) FROM STDIN") as copy:
        for path in paths:
            with open(path, "rb") as source:
                while block := source.read(1 << 20):
                    copy.write(block)


def load_postgresql(ws: Workspace, items: int, claims: int, processes: int = 2,
                    log: Callable[[str], None] = print, files: Path | None = None
                    ) -> dict[str, Any]:
    """Generate (or take the COPY files of an earlier generation of the same size, made
    with the same key: `files`) and COPY. Secondary indexes are dropped first and rebuilt
    after (one sort each instead of ten million random inserts); foreign keys are not
    checked during the load (session_replication_role = replica); then the tables are
    vacuumed and analysed."""
    import psycopg

    with psycopg.connect(_pg_conninfo(ws.db.url), autocommit=True) as connection:
        indexes = connection.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            (list(ORDER),)).fetchall()
        for name, _ in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        with tempfile.TemporaryDirectory(prefix="gavah-scale-") as temp:
            started = time.perf_counter()
            made, files = _made(ws, items, claims, Path(temp), files, processes, log)
            log(f"generated in {time.perf_counter() - started:.0f} s")
            connection.execute("SET session_replication_role = replica")  # no FK triggers
            connection.execute("CREATE TEMP TABLE search_stage "
                               "(derivative_id int, chunk int, body text)")
            with connection.transaction():
                for table in ORDER:
                    started = time.perf_counter()
                    _copy(connection, table, part_files(files, table))
                    log(f"COPY {table}: {time.perf_counter() - started:.0f} s")
                started = time.perf_counter()
                connection.execute("INSERT INTO search_docs (derivative_id, chunk, tsv) "
                                   "SELECT derivative_id, chunk, to_tsvector('simple', body) "
                                   "FROM search_stage")
                log(f"search index rows: {time.perf_counter() - started:.0f} s")
                for table in ("items", "derivatives"):
                    connection.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                       f"(SELECT max(id) FROM {table}))")
            connection.execute("SET session_replication_role = DEFAULT")
        for name, definition in indexes:
            started = time.perf_counter()
            connection.execute(definition)
            log(f"index {name}: {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        connection.execute("VACUUM ANALYZE")
        log(f"VACUUM ANALYZE: {time.perf_counter() - started:.0f} s")
    _write_head(ws, tuple(made["head"]))  # type: ignore[arg-type]
    return made


def load_sqlite(ws: Workspace, items: int, claims: int, processes: int = 2,
                log: Callable[[str], None] = print, files: Path | None = None
                ) -> dict[str, Any]:
    """Generate (or take the COPY files of an earlier generation of the same size, made
    with the same key: `files`), then insert the rows in batches (SQLite has no COPY).
    Secondary indexes are dropped first and rebuilt after, as on PostgreSQL."""
    from sqlalchemy.engine import make_url

    path = make_url(ws.db.url).database
    assert path
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")  # a bench load: durability is not measured
    connection.execute("PRAGMA busy_timeout=60000")
    # For the load only (this connection): a 1 GiB page cache, so that the index builds
    # after the load sort in memory rather than through temporary files.
    connection.execute("PRAGMA cache_size=-1048576")
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
        f"tbl_name IN ({', '.join('?' * len(ORDER))})", ORDER).fetchall()
    for name, _ in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="gavah-scale-") as temp:
            made, files = _made(ws, items, claims, Path(temp), files, processes, log)
            _insert_sqlite(connection, files, log)
        for name, sql in indexes:
            started = time.perf_counter()
            connection.execute(sql)
            log(f"index {name}: {time.perf_counter() - started:.0f} s")
        # No ANALYZE: gavah never runs it, so its SQLite workspaces have no statistics
        # and the bench must not either. With them, SQLite's planner shuns the indexes
        # of columns that hold mostly one value (a claim's speaker, mostly NULL; custody
        # actions, mostly two): entity pages took 24 s instead of 12 ms (issue 16 §3).
    finally:
        connection.close()
    _write_head(ws, tuple(made["head"]))  # type: ignore[arg-type]
    return made


def _insert_sqlite(connection: sqlite3.Connection, files: Path,
                   log: Callable[[str], None]) -> None:
    for table in ORDER:
        started = time.perf_counter()
        if table == "search_docs":
            sql = "INSERT INTO search_fts(rowid, body) VALUES (?, ?)"
        else:
            sql = (f"INSERT INTO {table} ({_quoted(COLUMNS[table])}) "
                   f"VALUES ({', '.join('?' * len(COLUMNS[table]))})")
        for part in part_files(files, table):
            with open(part, encoding="utf-8") as lines:
                # A text's chunks are on lines next to each other: a part's search rows
                # are read whole (50,000 texts) so that none is cut between batches.
                size = None if table == "search_docs" else 50_000
                while batch := list(itertools.islice(lines, size)):
                    rows = [[_parse(f) for f in line.rstrip("\n").split("\t")]
                            for line in batch]
                    if table == "search_docs":  # FTS5 takes a text whole: join its chunks
                        joined: dict[str, list[str]] = {}
                        for derivative, _, body in rows:
                            joined.setdefault(str(derivative), []).append(str(body))
                        rows = [[d, " ".join(b)] for d, b in joined.items()]
                    connection.execute("BEGIN IMMEDIATE")
                    connection.executemany(sql, rows)
                    connection.execute("COMMIT")
        log(f"insert {table}: {time.perf_counter() - started:.0f} s")


def build(home: Path, database_url: str | None, items: int, claims: int, processes: int = 2,
          log: Callable[[str], None] = print, files: Path | None = None
          ) -> tuple[Workspace, dict[str, Any]]:
    """A new workspace at `home` with the generated records (from `files`, the COPY
    files of an earlier generation, when given; `home` must then hold that workspace's
    key and blobs already)."""
    ws, _ = Workspace.init(home, database_url)
    started = time.perf_counter()
    if ws.db.dialect == "postgresql":
        made = load_postgresql(ws, items, claims, processes, log, files)
    else:
        made = load_sqlite(ws, items, claims, processes, log, files)
    made["seconds"] = time.perf_counter() - started
    return ws, made
