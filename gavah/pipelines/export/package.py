"""Write a disclosure package: a BagIt bag (RFC 8493) of a case for a court, the defence
or the public, signed with the workspace key, with the offline verifier at its top.

The bag is built in a hidden folder beside the target and moved into place only when
complete, so a failed export leaves nothing half-written. Files are streamed (blob to
bag, custody log to chain.jsonl) so memory does not grow with the size of the evidence.
The export is recorded in the custody log with the recipient, the level, every item
sent and the hash of the signed tag manifest."""

from __future__ import annotations

import base64
import hashlib
import json
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from json import encoder
from pathlib import Path
from typing import Any, Protocol

from gavah.core.custody import READ_ITEMS
from gavah.core.errors import BadInput, IntegrityError
from gavah.core.redaction import extension
from gavah.pipelines.access import Viewer
from gavah.pipelines.export import ahead, casejson, paths, pseudonyms, redacted, report, side
from gavah.pipelines.export.bagfiles import BagWriter
from gavah.pipelines.export.contents import FORMAT, Contents, decide, reader_for
from gavah.pipelines.export.copier import Copier, Mismatch
from gavah.pipelines.export.pseudonyms import Pseudonyms
from gavah.pipelines.export.redacted import Made
from gavah.store import custody as custody_store
from gavah.store import items as item_store
from gavah.store.cases import Original
from gavah.store.db import Database
from gavah.store.redaction_rows import Copy
from gavah.store.workspace import Workspace

VERIFIER = Path(__file__).with_name("verifier.py")
CHAIN = "data/custody/chain.jsonl"
TEXT_LIMIT = 64 << 20  # bytes of an original read whole to redact it


@dataclass
class Exported:
    path: Path
    recipient: str
    level: str
    items: list[int]
    withheld: list[dict[str, Any]]
    tagmanifest_sha256: str
    key_id: str
    timestamped: bool
    custody_seq: int
    redacted: list[list[Any]]  # [item id, package path, SHA-256 of the redacted copy]
    made: list[Made] = field(default_factory=list)  # copies to record

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "recipient": self.recipient, "level": self.level,
                "items": self.items, "withheld": self.withheld,
                "tagmanifest_sha256": self.tagmanifest_sha256, "key_id": self.key_id,
                "timestamped": self.timestamped, "custody_seq": self.custody_seq,
                "redacted": self.redacted}


def _copy(ws: Workspace, sha256: str, bag: BagWriter, rel: str) -> None:
    """Copy a blob into the bag, hashing it on the way: bytes that are not the ones
    recorded never reach a package."""
    with ws.blobs.open(sha256) as source:
        copied = bag.copy(source, rel)
    if copied != sha256:
        _mismatch(sha256, copied)


def _mismatch(sha256: str, read: str) -> None:
    raise IntegrityError(f"blob {sha256} does not match its SHA-256 (read {read}); "
                         "the export stopped: check the workspace with gavah verify")


def _redacted(ws: Workspace, sha256: str, names: Pseudonyms) -> tuple[bytes, int] | None:
    """The text with protected names replaced, or None when it names none of them."""
    if not names:
        return None
    with ws.blobs.open(sha256) as source:
        raw = source.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    changed, hidden = names.text(text)
    return (changed.encode(), hidden) if hidden else None


def _pseudonymised(ws: Workspace, item: Any, sha256: str, names: Pseudonyms,
                   made: list[Made]) -> tuple[bytes, int] | None:
    """_redacted, the copy also stored in the vault and listed to be recorded as a
    derivative of the item (the same copy again is the same blob)."""
    found = _redacted(ws, sha256, names)
    if found is not None:
        from gavah.pipelines.redact import store_bytes

        sha, size = store_bytes(ws, found[0], item.classification)
        made.append(Made(item.id, sha256, sha, size, found[1]))
    return found


def _texts(ws: Workspace, item: Any, derived: list[Any], folder: str, bag: BagWriter,
           names: Pseudonyms, mine: dict[str, Copy], used: list[Copy],
           made: list[Made], copier: Copier, sizes: dict[str, int]
           ) -> tuple[list[dict[str, Any]], int]:
    """An item's extracted texts, each copied or replaced by a redacted copy (the
    analyst's latest, in `mine`, then pseudonyms); returns their entries and how many
    mentions were hidden. When its picture was redacted, a text read from the picture
    is left out unless it has a redacted copy of its own. With no one to hide and no
    analyst's copy, they are copied by `copier`, as originals are (`sizes`: each text's
    size); otherwise here, since a redacted original may be made from them."""
    texts: list[dict[str, Any]] = []
    hidden = 0
    picture = (own := mine.get(item.sha256)) is not None and \
        own.media_type.startswith("image/")
    for text in derived:
        copy = mine.get(text.sha256)
        if copy is None and picture:
            continue
        if copy is not None and copy not in used:
            used.append(copy)
        base = copy.sha256 if copy is not None else text.sha256
        rel = f"{folder}/text-{len(texts) + 1}.txt"
        if not names and not mine and base in sizes:
            bag.expect(rel, base, sizes[base])
            copier.copy(base, sizes[base], rel)
            texts.append({"file": rel, "sha256": text.sha256, "label": text.label,
                          "tool": text.tool, "language": text.language,
                          "file_sha256": base, "redacted": False})
            continue
        pseudonymised = _pseudonymised(ws, item, base, names, made)
        if pseudonymised is None:
            _copy(ws, base, bag, rel)
            written = base
        else:
            written = bag.write(rel, pseudonymised[0])
            hidden += pseudonymised[1]
        texts.append({"file": rel, "sha256": text.sha256, "label": text.label,
                      "tool": text.tool, "language": text.language,
                      "file_sha256": written,
                      "redacted": pseudonymised is not None or copy is not None})
    return texts, hidden


def write_items(ws: Workspace, contents: Contents, bag: BagWriter, names: Pseudonyms,
                exporter: str, copier: Copier, made: list[Made] | None = None,
                started: dict[str, Original] | None = None) -> list[dict[str, Any]]:
    """Each item's original, extracted text and metadata; returns the case file's list.

    An original or text that names a protected person is replaced by a redacted copy
    (a new file, the original untouched in the workspace) that says what was hidden and
    by whom; when any text of an item is redacted its original stays out too, since it
    would name them. For the defence or the public, an item's latest redacted copy
    made by an analyst goes in place of what it was made from (redacted.latest), and its
    extracted metadata stays out; the copies with pseudonyms made here are appended to
    `made`, to be recorded as derivatives with the export.

    Originals are copied by `copier`, for the caller to wait for once it has written
    the rest of the package meanwhile; those it started copying already (ahead.start)
    are taken out of `started` as they are listed."""
    listed = []
    made = made if made is not None else []
    started = started if started is not None else {}
    with ws.db.read() as session:
        swaps = redacted.latest(session, contents.items, contents.recipient)
        tags = item_store.tags_of(session, contents.items)
        rows = item_store.with_blob_rows(session, contents.items)
        derived = item_store.text_derivatives_of(session, {i.sha256 for i, _ in rows})
        sizes = item_store.blob_sizes(session, {t.sha256 for one in derived.values()
                                                for t in one})
        for item, blob in rows:
            item_id = item.id
            folder = paths.folder(item_id)
            mine = swaps.get(item_id, {})
            used: list[Copy] = []  # the analyst's copies sent in place
            texts, hidden = _texts(ws, item, derived[item.sha256], folder, bag, names,
                                   mine, used, made, copier, sizes)
            swapped = mine.get(item.sha256)
            if swapped is not None:  # the analyst's copy of the original, pseudonymised
                used[:] = [swapped, *(c for c in used if c != swapped)]
                image = swapped.media_type.startswith("image/")
                original = f"{folder}/redacted/{paths.safe_name(item.original_name)}." + \
                    (extension(swapped.media_type) if image else "txt")
                own = None if image else _pseudonymised(ws, item, swapped.sha256, names,
                                                        made)
                if own is None:  # seldom: copied here, by the store (it may be sealed)
                    _copy(ws, swapped.sha256, bag, original)
                    file_sha256 = swapped.sha256
                else:
                    file_sha256 = bag.write(original, own[0])
                    hidden += own[1]
            # An original is read whole only when it is text of a bounded size; any other
            # original that names someone is caught through its extracted texts.
            elif (own := (_pseudonymised(ws, item, item.sha256, names, made)
                          if names and blob.size <= TEXT_LIMIT
                          and str(blob.media_type).startswith("text/") else None)
                  ) is not None or hidden or used:
                original = f"{folder}/redacted/{paths.safe_name(item.original_name)}.txt"
                if own is not None:
                    file_sha256 = bag.write(original, own[0])
                    hidden += own[1]
                else:
                    file_sha256 = bag.write(
                        original, (bag.root / f"{folder}/text-1.txt").read_bytes())
            else:
                original = paths.original(item_id, item.original_name)
                bag.expect(original, item.sha256, int(blob.size))
                if started.pop(original, None) is None:  # an item's bytes never change
                    copier.copy(item.sha256, int(blob.size), original)
                file_sha256 = item.sha256
            described = item_store.item_dict(item, blob, tags.get(item_id, []))
            described["metadata"] = item_store.metadata_of(blob) if not used else {
                "withheld": "the original's metadata stays in the workspace: this package "
                            "holds a redacted copy"}
            # One line, by the json module's C encoder (an indented dump is encoded in
            # Python); written by the copier (see copier.py).
            data = json.dumps(names.apply(described), ensure_ascii=False).encode() + b"\n"
            bag.expect(f"{folder}/metadata.json", hashlib.sha256(data).hexdigest(),
                       len(data))
            copier.write(f"{folder}/metadata.json", data)
            redaction = {"redacted": bool(hidden or used)} | (
                {"redaction": redacted.note(used, hidden, exporter)} if hidden or used
                else {})
            listed.append({
                "id": item_id, "sha256": item.sha256, "file_sha256": file_sha256,
                "file": original, **redaction,
                "original_name": item.original_name, "media_type": blob.media_type,
                "size": blob.size, "classification": item.classification,
                "acquired_at": item.acquired_at, "acquired_by": item.acquired_by,
                "source": item.source, "texts": texts,
                "metadata": f"{folder}/metadata.json"})
    return listed


# What json.dumps uses for a string (with and without ensure_ascii), called directly: a
# json.dumps per field made an encoder object each time, most of the chain's cost.
_text = encoder.encode_basestring
_ascii = encoder.encode_basestring_ascii


class Writes(Protocol):
    def write(self, data: bytes, /) -> int: ...


def _int(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def _lines(row: Any) -> tuple[str, str]:
    """An entry's canonical body (what its hash is over) and its canonical full line
    (gavah.core.custody.Entry.to_dict, canonical), made from the stored row: its details
    column is the canonical JSON the hash was computed over, so it is spliced in rather
    than parsed and encoded again (verify.py parses the line and hashes
    canonical(body): the same bytes either way)."""
    head = f'{{"action":{_text(row.action)},"actor":{_text(row.actor)},' \
        f'"details":{row.details},'
    tail = f'"item":{_int(row.item_id)},'
    rest = f'"prev":{_ascii(row.prev_hash)},"seq":{int(row.seq)},'
    when = f'"time":{_text(row.time)}}}'
    body = head + tail + rest + when
    full = head + f'"hash":{_ascii(row.entry_hash)},' + tail + \
        f'"key_id":{_text(row.key_id)},' + rest + \
        f'"signature":{_ascii(row.signature)},' + when
    return body, full


def write_chain(db: Database, items: set[int], out: Writes, names: Pseudonyms
                ) -> tuple[int, str, list[int]]:
    """The whole chain, written to `out`: entries about the items sent in full, every
    other entry as seq, hash, previous hash and signature only. A signed entry cannot be
    pseudonymised: one that names a protected person goes as a hash only too, and is
    listed. Returns the last seq and hash, and those entries' seqs. (Run by a worker
    process beside the exporter: side.py.)"""
    last, hidden = (0, "0" * 64), []
    batch: list[str] = []  # lines written a thousand at a time: a write per line cost more
    with db.read() as session:
        for row in custody_store.iter_rows(session):
            # A key rotation goes in full: the verifier follows it to the packaged key.
            full = (row.item_id is not None and row.item_id in items) or \
                row.action == "key-rotated"
            if full:
                body, line = _lines(row)
                if names and names.text(body)[1]:
                    full = False
                    hidden.append(row.seq)
            if not full:  # canonical({"seq", "hash", "prev", "signature"})
                line = f'{{"hash":{_ascii(row.entry_hash)},"prev":{_ascii(row.prev_hash)},' \
                    f'"seq":{int(row.seq)},"signature":{_ascii(row.signature)}}}'
            batch.append(line)
            if len(batch) == 1000:
                out.write(("\n".join(batch) + "\n").encode())
                batch.clear()
            last = (row.seq, row.entry_hash)
        if batch:
            out.write(("\n".join(batch) + "\n").encode())
    return last[0], last[1], hidden


def _chain_end(bag: BagWriter, chain: Future[tuple[str, int, int, str, list[int]]]
               ) -> casejson.ChainEnd:
    """Wait for the chain's worker; list the file it wrote."""
    digest, size, last_seq, last_hash, hidden = chain.result()
    bag.expect(CHAIN, digest, size)
    return last_seq, last_hash, hidden


def _stamp(ws: Workspace, manifest: bytes) -> tuple[bytes, bytes] | None:
    """(response, trust anchor PEM) from the first configured TSA that answers."""
    from gavah.core import timestamps as tsp
    from gavah.pipelines import timestamps

    digest = hashlib.sha256(manifest).hexdigest()
    for anchor in timestamps.list_tsas(ws):
        if not anchor.scheduled:
            continue
        try:
            response = timestamps._ask(anchor.url, tsp.request(digest, 1), timestamps.TIMEOUT)
        except (OSError, ValueError):
            continue
        if not tsp.check(response, digest, anchor.ca_pem):
            return response, anchor.ca_pem
    return None


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path


def _preload(report: bool, entities: bool) -> None:
    if report:
        import weasyprint  # noqa: F401
    if entities:
        import gavah.pipelines.ftm  # noqa: F401


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build_bag(ws: Workspace, contents: Contents, root: Path, exporter: str,
              lang: str = "en", copier: Copier | None = None,
              started: dict[str, Original] | None = None) -> Exported:
    """The package in `root`. `copier`, `started`: the copier that started copying
    those originals already (ahead.start)."""
    # The chain is written and the report laid out by worker processes when the chain is
    # long (side.py); the report's layout library (when made here) and the FollowTheMoney
    # model take seconds to load: they load while the evidence is copied.
    with ws.db.read() as session:
        here = custody_store.newest_seq(session) < side.WORKERS_FROM
    workers = side.Side(here)
    warm = threading.Thread(target=_preload, args=(here, bool(contents.case.suspects)),
                            daemon=True)
    warm.start()
    bag = BagWriter(root)
    names = pseudonyms.load(ws)
    with ws.db.read() as session:  # claims quoting what a copy sent in place hides
        names = redacted.with_quotes_masked(session, names, contents.items,
                                            contents.recipient)
    made: list[Made] = []
    stamping = any(a.scheduled for a in _tsas(ws))
    copier = copier or Copier(root, ws.blobs, _local_folder(ws))
    started = dict(started or {})
    try:
        chain = workers.chain(ws.db, root / CHAIN, set(contents.items), names)
        listed = write_items(ws, contents, bag, names, exporter, copier, made, started)
        for rel in started:  # started ahead, but the item went otherwise after all
            copier.forget(rel)
        # The chain, the case file, the manifest and the report are written while the
        # originals are still copied: the manifest lists the SHA-256 custody records
        # for each, and each copy is checked against it before anything is signed.
        bag.write("data/custody/public_key.pem", ws.public_key_pem())
        case = casejson.write(ws, contents, listed, bag, lambda: _chain_end(bag, chain),
                              names)
        title = names.text(str(contents.case.case["title"]))[0]
        manifest_sha256 = bag.close_payload({
            "Source-Organization": "gavah workspace " + ws.workspace_id,
            "External-Description": _one_line(f"Disclosure package of case "
                                              f"{contents.case.case['id']}: {title}"),
            "Gavah-Format": FORMAT, "Gavah-Recipient": contents.recipient,
            "Gavah-Level": contents.level, "Gavah-Exported-By": exporter,
            "Gavah-Time-Stamp": ("RFC 3161 token in tagmanifest-sha256.txt.tsr"
                                 if stamping
                                 else "none: no time-stamping authority is configured"),
        })
        warm.join()
        made_report = workers.report(case, manifest_sha256, ws.custody.signer.key_id, lang)
        with VERIFIER.open("rb") as source:
            bag.copy(source, "verify.py")
        bag.write(report.EXHIBITS, report.exhibits_csv(case))
        copier.wait()  # an original that is not as recorded stops the export
        bag.write("report.pdf", made_report.result())
    except Mismatch as exc:
        _mismatch(exc.sha256, exc.read)
    finally:
        copier.close()
        workers.close()
    manifest = bag.close_tags()  # covers verify.py, the exhibit list and the report
    stamped = _stamp(ws, manifest) if stamping else None
    if stamped is not None:
        (root / "tagmanifest-sha256.txt.tsr").write_bytes(stamped[0])
        (root / "tsa-ca.pem").write_bytes(stamped[1])
    signature = ws.custody.signer.sign(manifest)
    (root / "tagmanifest-sha256.txt.sig").write_text(
        base64.b64encode(signature).decode() + "\n", "ascii")
    copies_sent = [[item["id"], one["file"], one["file_sha256"]] for item in listed
                   for one in [item, *item["texts"]] if one.get("redacted")]
    return Exported(root, contents.recipient, contents.level, contents.items,
                    contents.withheld, hashlib.sha256(manifest).hexdigest(),
                    ws.custody.signer.key_id, stamped is not None, 0, copies_sent, made)


def _tsas(ws: Workspace) -> list[Any]:
    from gavah.pipelines import timestamps

    return timestamps.list_tsas(ws)


def _compresses(path: Path) -> bool:
    """Whether deflating a file is worth it, judged on its first 64 KiB: photographs,
    video and PDFs are compressed already and are stored as they are."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    return len(zlib.compress(head, 1)) < 0.9 * len(head)


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for path in _files(folder):
            archive.write(path, path.relative_to(folder).as_posix(),
                          zipfile.ZIP_DEFLATED if _compresses(path) else zipfile.ZIP_STORED)


def payload_bytes(ws: Workspace, contents: Contents) -> int:
    """The bytes of the originals a package would hold (texts and metadata aside)."""
    with ws.db.read() as session:
        rows = item_store.with_blobs(session, contents.items)
    return sum(int(blob.size) for _item, blob in rows)


def export(ws: Workspace, exporter: Viewer, case_id: int | str, to: Path,
           recipient: str, lang: str = "en", limit: int | None = None) -> Exported:
    """Export the case to `to` (a folder that does not exist or is empty, or FILE.zip).
    With `limit`, a package whose originals exceed that many bytes is refused before
    anything is written."""
    to = Path(to)
    as_zip = to.suffix.lower() == ".zip"
    if to.exists() and (as_zip or not to.is_dir() or any(to.iterdir())):
        raise BadInput(f"{to} already exists; export to a new folder or file", field="to")
    if lang not in report.LANGUAGES:
        raise BadInput(f"no report language {lang!r}; expected one of "
                       f"{', '.join(report.LANGUAGES)}", field="lang")
    try:
        reader = reader_for(exporter, recipient)
    except ValueError as exc:
        raise BadInput(str(exc), field="recipient") from None
    to.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gavah-export-", dir=to.parent) as scratch:
        bag = Path(scratch) / "bag"
        bag.mkdir()
        copier = Copier(bag, ws.blobs, _local_folder(ws))
        try:
            # With a limit, nothing is copied before the size is known.
            started = ahead.start(ws, reader, case_id, recipient, copier) \
                if limit is None else {}
            contents = decide(ws, exporter, case_id, recipient)
            if limit is not None and (size := payload_bytes(ws, contents)) > limit:
                raise BadInput(f"the package would hold {size:,} bytes of originals, more "
                               f"than the {limit:,} this export allows", field="limit")
            done = build_bag(ws, contents, bag, exporter.actor, lang, copier, started)
        finally:
            copier.close()
        if as_zip:
            _zip(bag, Path(scratch) / "package.zip")
        with ws.db.write() as session:
            redacted.record(session, ws, exporter.actor, done.made)
            entry = ws.custody.append(session, exporter.actor, "exported", None, {
                "case": contents.case.case["id"], "recipient": recipient,
                "level": contents.level,
                READ_ITEMS: [[i, contents.levels[i]] for i in contents.items],
                "withheld": contents.withheld, "timestamped": done.timestamped,
                "redacted": done.redacted,
                "tagmanifest_sha256": done.tagmanifest_sha256}, reaches=[])
        if as_zip:
            (Path(scratch) / "package.zip").replace(to)
        else:
            if to.exists():
                to.rmdir()
            bag.replace(to)
    done.path, done.custody_seq = to, entry.seq
    return done


def _local_folder(ws: Workspace) -> Path | None:
    """The folder of a local blob store that holds no sealed blobs (no data key was
    ever made): its files are copied by worker processes. None: read through the store
    (a blob sealed after this check is read so too)."""
    from gavah.store.blobs.local import LocalBlobStore

    blobs = ws.blobs
    return blobs.root if isinstance(blobs, LocalBlobStore) and not ws.data_key.exists() \
        else None
